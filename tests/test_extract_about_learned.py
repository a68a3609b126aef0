"""The `about` ranker (loaders/extraction/about_learned.py) on settings and sentences written
for these tests: its features, the rules' choice kept where the quote names it, the best-scored
candidate elsewhere, off or suspended changing nothing, the trainer's record, and the committed
weights reproduced by the training script from the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.extraction import about_learned
from loaders.extraction.pipeline import extract
from loaders.model import Article
from tests.test_corpus import bench


def _setting(**changes: object) -> about_learned.Setting:
    base: dict[str, object] = dict(
        quote=["nato", "tokyo"], sentence=["japan"], before=["japan"], previous=["aukus"],
        following=[], title=frozenset({"aukus"}),
        counts={"nato": 2, "tokyo": 1, "japan": 4, "aukus": 3, "ana-ruiz": 1, "chile": 1},
        classes={"nato": "Alliance", "tokyo": "Place", "japan": "Country", "aukus": "Alliance",
                 "ana-ruiz": "Person", "chile": "Country"},
        speaker="ana-ruiz", own=frozenset({"ana-ruiz", "chile"}), kind="quotation", rule="nato")
    base.update(changes)
    return about_learned.Setting(**base)  # type: ignore[arg-type]


def _weights(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, weights: dict[str, float],
             enabled: bool = True) -> None:
    path = tmp_path / "about.json"
    path.write_text(json.dumps({"about": "test", "bias": 0.0, "enabled": enabled, "weights": weights}),
                    encoding="utf-8")
    monkeypatch.setattr(about_learned, "WEIGHTS", path)
    about_learned._load.cache_clear()  # (the file is read once per path)


def test_features_say_where_and_how_often_a_candidate_is_named() -> None:
    f = dict(about_learned.candidates(_setting()))
    assert list(f) == ["japan", "aukus", "nato", "ana-ruiz", "chile", "tokyo"]  # most named first
    assert {"q", "qr=0", "q_first_other", "rule", "cls=Alliance"} <= set(f["nato"])
    assert {"q", "qr=1"} <= set(f["tokyo"]) and "q_first_other" not in f["tokyo"]
    assert {"s", "before", "rank=0", "cnt=7"} <= set(f["japan"]) and "q" not in f["japan"]
    assert {"prev", "title", "rank=1"} <= set(f["aukus"])
    assert {"speaker", "own", "far"} <= set(f["ana-ruiz"]) and {"own", "far"} <= set(f["chile"])
    assert "speaker" not in f["chile"]


def test_the_rules_choice_named_in_the_quote_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _weights(tmp_path, monkeypatch, {"cls=Country": 5.0})
    assert about_learned.choose("a", 0, 10, _setting()) == "nato"


def test_elsewhere_the_best_scored_candidate_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _weights(tmp_path, monkeypatch, {"title": 2.0, "rule": 1.0})
    # the rules fell back to a thing the quote does not name: the ranker decides
    assert about_learned.choose("a", 0, 10, _setting(rule="japan")) == "aukus"
    _weights(tmp_path, monkeypatch, {"rule": 1.0})
    assert about_learned.choose("a", 0, 10, _setting(rule="japan")) == "japan"


def test_off_or_suspended_the_rules_choice_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _weights(tmp_path, monkeypatch, {"title": 2.0}, enabled=False)
    assert not about_learned.active()
    assert about_learned.choose("a", 0, 10, _setting(rule="japan")) == "japan"
    _weights(tmp_path, monkeypatch, {"title": 2.0}, enabled=True)
    assert about_learned.active()
    monkeypatch.setattr(about_learned, "SUSPENDED", True)
    assert not about_learned.active()
    assert about_learned.choose("a", 0, 10, _setting(rule="japan")) == "japan"


def test_the_trainer_records_every_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    record: list[tuple[str, str, int, int, list[tuple[str, tuple[str, ...]]], str]] = []
    monkeypatch.setattr(about_learned, "RECORD", record)
    monkeypatch.setattr(about_learned, "SUSPENDED", True)
    text = ("Chile and Peru contributed to ISAF. \u201cNATO must stay out of Asia,\u201d said Ana Ruiz, "
            "a Chilean diplomat.")
    x = extract(Article(id="about-test", text=text))
    quotes = [s for s in x.statements if s.kind == "quotation"]
    assert quotes and quotes[0].about == "nato"
    article, kind, start, end, cands, rule = next(r for r in record if r[1] == "quotation")
    assert (article, rule) == ("about-test", "nato") and text[start:end] == quotes[0].quote.quote
    assert {e for e, _ in cands} >= {"nato", "isaf", "chile"}


def test_an_extraction_keeps_the_quotes_own_subject() -> None:
    # with the committed ranker on: NATO, named first in the quote, not ISAF, the programme before
    text = ("Chile and Peru contributed to ISAF. \u201cNATO must stay out of Asia,\u201d said Ana Ruiz, "
            "a Chilean diplomat. China objects.")
    x = extract(Article(id="about-test2", text=text))
    assert [s.about for s in x.statements if s.kind == "quotation"] == ["nato"]


def test_committed_weights_are_a_retrain_from_the_gold(tmp_path: Path) -> None:
    train = bench("train_about")
    data = json.loads(about_learned.WEIGHTS.read_text(encoding="utf-8"))
    argv = data["about"].split()[1:] + ["--out", str(tmp_path / "w.json")]
    assert train.main(argv) == 0
    assert (tmp_path / "w.json").read_text(encoding="utf-8") == about_learned.WEIGHTS.read_text(encoding="utf-8")
    assert data["enabled"] is True


def test_the_quality_bench_scores_the_rules_about_alone_on_request(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[str] = []
    real = about_learned.choose

    def counted(article: str, start: int, end: int, setting: about_learned.Setting) -> str:
        calls.append(article)
        return real(article, start, end, setting)

    monkeypatch.setattr(about_learned, "choose", counted)
    quality = bench("extraction_quality")
    assert quality.main(["--split", "dev", "--rules-about"]) == 0
    assert calls == [] and about_learned.SUSPENDED is False  # off for the run, restored after
    assert quality.main(["--split", "dev"]) == 0
    assert calls  # the committed ranker decides some of dev's statements
    out = capsys.readouterr().out
    assert out.count("== dev:") == 2
