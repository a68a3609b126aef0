"""bench/first_seen.py: the commit that added a split, found in a real git repository; an
extraction carried through JSON unchanged; the dump script run in a real git worktree of a
commit of today's code, scored exactly as bench/extraction_quality.py scores today's extractor; the stance
lexicon features rebuilt from dumped cues as the classifier builds them; the veto's features
naming no rule."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from loaders.extraction import stance, stance_learned
from loaders.extraction.pipeline import extract
from loaders.model import Article, Entity, Evidence, Extraction, Fact, Mention, Statement
from tests.test_corpus import bench

TEXT = ("Japan and Australia signed a defence pact on Monday, and New Zealand joined NATO's "
        "partnership programme. “We welcome Japan’s resolve,” said NATO Secretary General Mark Rutte. "
        "Canada did not join the exercise.")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_commit_that_added_a_split_is_found_and_a_missing_one_or_a_shallow_clone_is_a_clear_error(
        tmp_path: Path) -> None:
    first_seen = bench("first_seen")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    for name, text in (("README", "x"), ("tests/corpus/alpha/a01.txt", "one"), ("tests/corpus/alpha/a02.txt", "two")):
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _git(repo, "add", name)
        _git(repo, "commit", "-q", "-m", name)
    added = _git(repo, "log", "--format=%H", "-1", "--", "tests/corpus/alpha/a01.txt")
    assert first_seen.first_commit("alpha", repo) == added
    with pytest.raises(SystemExit, match="full clone"):
        first_seen.first_commit("beta", repo)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    with pytest.raises(SystemExit, match="shallow clone"):  # its one commit seems to add everything
        first_seen.first_commit("alpha", shallow)


def test_an_extraction_comes_back_from_json_unchanged() -> None:
    first_seen = bench("first_seen")
    x = extract(Article("fs1", TEXT))
    assert x.facts and x.statements and x.mentions
    again = first_seen.extraction_from(json.loads(json.dumps(dataclasses.asdict(x))))
    assert again == x


def test_a_dump_of_a_commit_scores_as_the_quality_bench_does(tmp_path: Path) -> None:
    """The whole path (worktree, the dump script in its own interpreter, JSON, today's scorer) on
    a commit of today's code, in a repository of its own (a checkout need not carry its history):
    its figures must be today's."""
    first_seen = bench("first_seen")
    quality = bench("extraction_quality")
    here = Path(__file__).resolve().parents[1]
    repo = tmp_path / "repo"
    for part in ("loaders", "ontology"):
        shutil.copytree(here / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    pipeline = repo / "loaders" / "extraction" / "pipeline.py"  # marked, to see whose code ran
    pipeline.write_text(re.sub(r'(?m)^EXTRACTOR_VERSION = "[^"]*"', 'EXTRACTOR_VERSION = "copy"',
                               pipeline.read_text(encoding="utf-8")), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.org")
    _git(repo, "config", "user.name", "t")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "today")
    head = _git(repo, "rev-parse", "HEAD")
    trees = _git(repo, "worktree", "list")
    cache = tmp_path / "cache"
    cache.mkdir()
    path = first_seen.dump("fresh", head, cache, repo)
    assert _git(repo, "worktree", "list") == trees  # the temporary worktree is gone
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pairs = quality.split_articles("fresh")
    assert [r["article"] for r in rows] == [a.id for a, _ in pairs]
    assert {r["version"] for r in rows} == {"copy"}
    dumped = [quality.score(first_seen.extraction_from(r["extraction"]), g, a.text) for r, (a, g) in zip(rows, pairs)]
    today = quality.evaluate_split(pairs)
    assert quality.summary(quality.micro(dumped)) == quality.summary(quality.micro(today))
    x = first_seen.extraction_from(rows[0]["extraction"])
    assert len(rows[0]["cues"]) == len(x.statements)
    assert first_seen.dump("fresh", head, cache, repo) == path  # kept: not made again


def test_dumped_cues_give_the_stance_classifier_s_lexicon_features() -> None:
    first_seen = bench("first_seen")
    for text in ("We strongly condemn the provocations and welcome the agreement.",
                 "This is not a threat to anyone.", "The talks went on."):
        found = [(t, w, stance.score(t)) for t, w in stance.cues(text)]
        lexicon = {f for f in stance_learned.features(text, stance.NEUTRAL, "quotation", False, False)
                   if f.startswith(first_seen._LEXICON)}
        assert first_seen._cue_features(found) == lexicon


def test_the_veto_features_name_no_rule_and_see_a_negation_and_a_modal() -> None:
    first_seen = bench("first_seen")
    x = extract(Article("fs2", TEXT))
    features = first_seen.fact_features(x, TEXT)
    assert len(features) == len(x.facts)
    assert all(f.startswith(("pred=", "cls=", "sq=", "oq=", "sn=", "on=", "evlen=", "shared=", "ents=",
                             "dist=", "sfirst=", "skind=", "okind=", "inside=", "quote", "modal", "neg"))
               for row in features for f in row)
    assert all(not any(f.startswith("rule=") for f in row) for row in features)
    text = "Canada would not join NATO. Japan joined NATO and AUKUS on Monday."
    ev = lambda a, b: Evidence("fs3", a, b, text[a:b])  # noqa: E731
    x = Extraction("fs3", entities=(Entity("canada", "Canada", "Country", "Q16"), Entity("japan", "Japan", "Country"),
                                    Entity("nato", "NATO", "Alliance", "Q7184"), Entity("aukus", "AUKUS", "Alliance")),
                   mentions=(Mention("canada", ev(0, 6)), Mention("nato", ev(22, 26)), Mention("japan", ev(28, 33)),
                             Mention("nato", ev(41, 45)), Mention("aukus", ev(50, 55))),
                   facts=(Fact("canada", "memberOf", "nato", ev(0, 27), 0.9, "r1"),
                          Fact("japan", "memberOf", "nato", ev(28, 66), 0.9, "r2"),
                          Fact("japan", "memberOf", "aukus", ev(28, 66), 0.9, "r2")))
    first, second, third = first_seen.fact_features(x, text)
    assert {"neg", "modal", "dist=<=40", "sn=<=1", "on=<=2", "sq=True", "oq=True", "skind=name"} <= set(first)
    assert "neg" not in second and "modal" not in second and "shared=<=2" in second
    assert "dist=<=40" in third and "oq=False" in third and "ents=<=3" in third


def test_speaker_candidates_say_where_each_actor_is_named_around_the_quote() -> None:
    first_seen = bench("first_seen")
    text = "Ana Ruiz met Li Wei.\n\n“We will stay,” said Li Wei. Chile agreed."
    ev = lambda a, b: Evidence("fs4", a, b, text[a:b])  # noqa: E731
    quote = text.index("We will")
    said = text.index("Li Wei. Chile")
    x = Extraction("fs4", entities=(Entity("ana-ruiz", "Ana Ruiz", "Person"), Entity("li-wei", "Li Wei", "Person"),
                                    Entity("chile", "Chile", "Country", "Q298")),
                   mentions=(Mention("ana-ruiz", ev(0, 8)), Mention("li-wei", ev(13, 19)),
                             Mention("li-wei", ev(said, said + 6)),
                             Mention("chile", ev(text.index("Chile"), text.index("Chile") + 5))),
                   statements=(Statement("s1", "li-wei", ev(quote, quote + 12), "chile", "Neutral", 0.9,
                                         ev(text.index("said"), text.index("said") + 11)),))
    cands = dict(first_seen.speaker_candidates(x, text, x.statements[0], "ana-ruiz"))
    assert set(cands) == {"ana-ruiz", "li-wei", "chile"}
    assert {"rule", "in_attr", "para", "prevpara", "after=<=20", "arank=<=0", "before=<=5"} <= set(cands["li-wei"])
    assert {"previous_speaker", "prevpara", "before=<=20"} <= set(cands["ana-ruiz"])
    assert "para" not in cands["ana-ruiz"] and "rule" not in cands["ana-ruiz"]
    assert {"after=<=20", "arank=<=1", "para"} <= set(cands["chile"])


def test_the_learning_curve_trains_each_split_on_k_others_never_itself() -> None:
    first_seen = bench("first_seen")
    splits = [f"s{i}" for i in range(6)]
    draws = first_seen.curve_draws(splits, sizes=(1, 2, 5, 7), n=3, seed=1)
    assert sorted(draws) == [1, 2, 5]  # no split has seven others
    assert [len(draws[k]) for k in (1, 2, 5)] == [3, 3, 1]  # all the others: one draw
    for k, runs in draws.items():
        for run in runs:
            assert sorted(run) == splits
            for split, train_on in run.items():
                assert len(train_on) == k == len(set(train_on)) and split not in train_on
    assert draws == first_seen.curve_draws(splits, sizes=(1, 2, 5, 7), n=3, seed=1)
    assert draws != first_seen.curve_draws(splits, sizes=(1, 2, 5, 7), n=3, seed=2)


def test_the_stance_classifier_of_the_curve_learns_from_the_splits_it_is_given() -> None:
    first_seen = bench("first_seen")
    # "welcome" is Supportive and "condemn" Opposed in the splits a and b; c is scored
    rows = [(s, frozenset({f"w={w}", "rule=Neutral"}), frozenset(), g, "Neutral")
            for s in ("a", "b") for w, g in (("welcome", "Supportive"), ("condemn", "Opposed"))] * 3
    rows += [("c", frozenset({"w=welcome", "rule=Neutral"}), frozenset(), "Supportive", "Neutral"),
             ("c", frozenset({"w=condemn", "rule=Neutral"}), frozenset(), "Opposed", "Neutral")]
    # and in the split d the other way round
    rows += [("d", frozenset({f"w={w}", "rule=Neutral"}), frozenset(), g, "Neutral")
             for w, g in (("welcome", "Opposed"), ("condemn", "Supportive"))] * 3
    assert first_seen._stance_right(rows, "c", ["a", "b"], with_cues=False) == 2
    assert first_seen._stance_right(rows, "c", ["d"], with_cues=False) == 0
