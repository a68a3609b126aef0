"""The trained stance classifier (loaders/extraction/stance_learned.py) on sentences written
for these tests: off by default and then changing nothing, its features (cues after
negation, the rules' answer, `about` named), the two modes, and the committed weights
reproduced by the training script from the gold."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from loaders.extraction import learned, stance, stance_learned
from loaders.extraction.pipeline import extract
from loaders.model import Article

ROOT = Path(__file__).parents[1]
TEXT = ("Lena Marsh, the foreign minister of Canada, spoke on Monday. "
        "\u201cWe do not welcome NATO's plan for a new base,\u201d Marsh said.")


def _train_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_train_stance", ROOT / "bench" / "train_stance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _stances(text: str) -> list[str]:
    return [s.stance for s in extract(Article("stance-learned-test", text)).statements]


def _always(tmp_path: Path, answer: str, mode: str = "model") -> Path:
    """A model that answers `answer` whatever it reads."""
    path = tmp_path / "always.json"
    classes = {c: {"bias": 5.0 if c == answer else -5.0, "weights": {}} for c in stance_learned.CLASSES}
    path.write_text(json.dumps({"enabled": True, "mode": mode, "classes": classes}), encoding="utf-8")
    return path


def test_committed_model_is_off_and_changes_nothing() -> None:
    loaded = stance_learned.load()
    assert loaded is not None and loaded[1] is False  # cross-validation said no
    assert not stance_learned.active()
    assert stance_learned.decide("We oppose it.", stance.SUPPORTIVE, "quotation", True, False) \
        == stance.SUPPORTIVE
    assert _stances(TEXT) == [stance.OPPOSED]  # the rules: a negated "welcome"


def test_features_of_an_invented_sentence() -> None:
    f = stance_learned.features("We do not welcome the plan, but we support talks.",
                                stance.NEUTRAL, "quotation", False, False)
    assert {"w=welcome", "b=not_welcome", "cue=welcome|-1", "cue=support|+1", "negated",
            "rule=Neutral", "kind=quotation", "rule=Neutral|kind=quotation",
            "about_named=False", "self=False", "sum=0", "pos=1", "neg=1"} <= set(f)
    assert list(f) == sorted(set(f))  # deterministic
    assert "negated" not in stance_learned.features("They welcome it.", stance.SUPPORTIVE,
                                                    "reported", True, False)


def test_modes_combine_rules_and_model() -> None:
    assert stance_learned.combine("model", stance.SUPPORTIVE, stance.OPPOSED) == stance.OPPOSED
    assert stance_learned.combine("neutral", stance.SUPPORTIVE, stance.OPPOSED) == stance.SUPPORTIVE
    assert stance_learned.combine("neutral", stance.NEUTRAL, stance.OPPOSED) == stance.OPPOSED


@pytest.mark.parametrize(("mode", "expected"), [("model", stance.NEUTRAL), ("neutral", stance.OPPOSED)])
def test_an_enabled_model_decides_at_run_time(mode: str, expected: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stance_learned, "WEIGHTS", _always(tmp_path, stance.NEUTRAL, mode))
    assert stance_learned.active()
    assert _stances(TEXT) == [expected]  # "neutral": the rules said Opposed, so they keep it


def test_forced_committed_model_answers_plain_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stance_learned, "FORCE", True)
    loaded = stance_learned.load()
    assert loaded is not None
    models = loaded[0]
    assert set(models) == set(stance_learned.CLASSES)
    assert all(isinstance(m, learned.Model) for m in models.values())
    for text, rule in (("Oslo strongly supports and welcomes the new partnership.", stance.SUPPORTIVE),
                       ("Ankara condemns the provocative and destabilising deployment.", stance.OPPOSED)):
        feats = stance_learned.features(text, rule, "quotation", False, False)
        assert stance_learned.predict(models, feats) == rule
        assert stance_learned.decide(text, rule, "quotation", False, False) == rule


def test_training_is_deterministic_on_a_small_subset() -> None:
    train = _train_module()
    rows = [r for r in train.collect(("seeds",))]
    a, b = train.fit(rows, True), train.fit(rows, True)
    assert a == b and all(m.weights for m in a.values())
    assert all(r.gold in stance_learned.CLASSES for r in rows)


def test_committed_weights_are_a_retrain_from_the_gold(tmp_path: Path) -> None:
    train = _train_module()
    data = json.loads(stance_learned.WEIGHTS.read_text(encoding="utf-8"))
    argv = data["about"].split()[1:] + ["--out", str(tmp_path / "w.json")]
    assert train.main(argv) == 0
    assert (tmp_path / "w.json").read_text(encoding="utf-8") == \
        stance_learned.WEIGHTS.read_text(encoding="utf-8")
