"""Bootstrap intervals of the goal figures (loaders/extraction/intervals.py, bench --bootstrap)."""

from __future__ import annotations

import pytest

from loaders.extraction import intervals
from loaders.extraction.evaluate import PRF, Score, micro
from tests.test_corpus import bench


def _score(article: str, rel: tuple[int, int, int], quotes: tuple[int, int], stance: tuple[int, int],
           ent: tuple[int, int, int] = (9, 1, 1)) -> Score:
    s = Score(article)
    s.kinds["relations"] = PRF(*rel)
    s.kinds["entities"] = PRF(*ent)
    s.quotes_found, s.quotes_total = quotes
    s.stance_correct, s.stance_total = stance
    return s


MIXED = [_score("a1", (8, 0, 2), (3, 3), (4, 4)), _score("a2", (1, 3, 9), (0, 2), (1, 3)),
         _score("a3", (5, 1, 5), (2, 3), (2, 4), (5, 5, 0)), _score("a4", (0, 0, 6), (1, 1), (0, 2))]


def by_name(found: list[intervals.Interval]) -> dict[str, intervals.Interval]:
    return {i.figure: i for i in found}


def test_the_value_is_the_micro_average_the_bench_prints() -> None:
    total = micro(MIXED)
    found = by_name(intervals.bootstrap(MIXED, draws=200))
    assert found["relation precision"].value == pytest.approx(total.kinds["relations"].precision)
    assert found["relation recall"].value == pytest.approx(total.kinds["relations"].recall)
    assert found["direct quotes"].value == pytest.approx(total.quote_recall)
    assert found["stance"].value == pytest.approx(total.stance_accuracy)
    assert found["linking F1"].value == pytest.approx(total.kinds["entities"].f1)
    assert [i.goal for i in found.values()] == [0.85, 0.6, 0.8, 0.75, 0.9]


def test_articles_that_all_score_alike_leave_no_spread() -> None:
    same = [_score(f"a{i}", (3, 1, 2), (2, 4), (3, 4)) for i in range(6)]
    for i in intervals.bootstrap(same, draws=300):
        assert i.low == pytest.approx(i.value) and i.high == pytest.approx(i.value), i


def test_articles_that_differ_give_an_interval_around_the_value() -> None:
    for i in intervals.bootstrap(MIXED, draws=2000):
        assert i.low <= i.value <= i.high, i
    recall = by_name(intervals.bootstrap(MIXED, draws=2000))["relation recall"]
    assert recall.high - recall.low > 0.2  # four unlike articles say little


def test_more_articles_of_the_same_kind_narrow_the_interval() -> None:
    few = by_name(intervals.bootstrap(MIXED, draws=2000))["relation recall"]
    many = by_name(intervals.bootstrap(MIXED * 10, draws=2000))["relation recall"]
    assert many.value == pytest.approx(few.value)
    assert many.high - many.low < (few.high - few.low) / 2


def test_the_goal_is_met_in_every_draw_or_in_none() -> None:
    good = [_score(f"g{i}", (9, 0, 1), (5, 5), (4, 4)) for i in range(3)]
    bad = [_score(f"b{i}", (1, 5, 9), (0, 5), (0, 4)) for i in range(3)]
    assert all(i.goal_met == 1.0 for i in intervals.bootstrap(good, draws=100) if i.figure != "linking F1")
    assert all(i.goal_met == 0.0 for i in intervals.bootstrap(bad, draws=100) if i.figure != "linking F1")


def test_a_seed_gives_the_same_draws_and_another_seed_others() -> None:
    assert intervals.bootstrap(MIXED, draws=500, seed=3) == intervals.bootstrap(MIXED, draws=500, seed=3)
    assert intervals.bootstrap(MIXED, draws=500, seed=3) != intervals.bootstrap(MIXED, draws=500, seed=4)


def test_nonsense_arguments_are_refused_and_no_articles_give_no_spread() -> None:
    with pytest.raises(ValueError, match="draws"):
        intervals.bootstrap(MIXED, draws=0)
    with pytest.raises(ValueError, match="level"):
        intervals.bootstrap(MIXED, level=1.5)
    empty = intervals.bootstrap([], draws=10)
    assert all(i.low == i.value == i.high for i in empty)


def test_render_names_every_figure_its_interval_and_goal() -> None:
    lines = intervals.render(intervals.bootstrap(MIXED, draws=100)).splitlines()
    assert [next(f for f in intervals.FIGURES if line.strip().startswith(f)) for line in lines] \
        == list(intervals.FIGURES)
    assert all("95% interval" in line and "goal" in line for line in lines)


def test_the_bench_prints_intervals_and_a_pooled_average_of_micro_figures_only(
        capsys: pytest.CaptureFixture[str]) -> None:
    quality = bench("extraction_quality")
    assert quality.main(["--split", "test", "--split", "dev", "--bootstrap", "50", "--pool"]) == 0
    out = capsys.readouterr().out
    assert out.count("relation recall") == 3  # test, dev, pooled
    assert "== pooled (test, dev):" in out
    pooled = out.split("== pooled")[1]
    assert "micro" in pooled and "\na0" not in pooled and "\nb0" not in pooled  # no article rows
    with pytest.raises(SystemExit):
        quality.main(["--split", "test", "--bootstrap", "-1"])
