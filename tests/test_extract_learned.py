"""The trained relation classifier (loaders/extraction/learned.py) on sentences written for
these tests: off by default, a cue the rules lack found when it is on, negated and modal
candidates dropped, evidence exact, and the committed weights reproduced by the training
script from the gold."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from loaders.extraction import learned
from loaders.extraction.pipeline import extract
from loaders.model import Article, Fact

ROOT = Path(__file__).parents[1]
FORMS = "Japan, Australia and India form the Quad with the United States."  # "form": no rule cue


def _facts(text: str) -> list[Fact]:
    return list(extract(Article("learned-test", text)).facts)


def _train_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_train_relations",
                                                  ROOT / "bench" / "train_relations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_committed_model_is_off_and_adds_nothing() -> None:
    model = learned.load_model()
    assert model is not None and model.enabled is False  # cross-validation said no
    assert not [f for f in _facts(FORMS) if f.rule == "learned"]


def test_a_cue_the_rules_lack_is_found_when_on(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not [f for f in _facts(FORMS) if f.predicate == "memberOf"]  # the rules miss it
    # The weights are trained on what the rules lack (--residual); since the rules read most
    # lists of members (extractor 10), few such examples are left and the committed model
    # scores this one at ~0.05: it still ranks it first, which a low threshold shows.
    model = learned.load_model()
    assert model is not None
    low = dataclasses.replace(model, threshold=0.04)
    monkeypatch.setattr(learned, "load_model", lambda path=None: low)
    monkeypatch.setattr(learned, "FORCE", True)
    found = [f for f in _facts(FORMS) if f.rule == "learned"]
    assert ("japan", "memberOf", "quad") in {(f.subject, f.predicate, f.object) for f in found}
    for f in found:
        assert FORMS[f.evidence.start:f.evidence.end] == f.evidence.quote
        assert f.confidence <= learned.CONFIDENCE_CAP < 0.8


@pytest.mark.parametrize("text", [
    "Japan, Australia and India never formed the Quad with the United States.",
    "Japan, Australia and India may form the Quad with the United States.",
    "Japan, Australia and India did not form the Quad with the United States.",
])
def test_negated_or_modal_candidates_are_dropped(text: str, monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    # a model that asserts every memberOf it is shown: only polarity can stop it
    path = tmp_path / "always.json"
    path.write_text(json.dumps({"enabled": True, "threshold": 0.5, "bias": -10.0,
                                "weights": {"memberOf": 20.0}}), encoding="utf-8")
    monkeypatch.setattr(learned, "WEIGHTS", path)
    assert not [f for f in _facts(text) if f.rule == "learned"]
    assert [f for f in _facts(FORMS) if f.rule == "learned"]  # the same model, asserted text


def test_training_is_deterministic_on_a_small_subset() -> None:
    train = _train_module()
    items = train.collect(["dev"])[:4]
    a, b = train.fit(items), train.fit(items)
    assert a == b and a.weights


def test_committed_weights_are_a_retrain_from_the_gold(tmp_path: Path) -> None:
    train = _train_module()
    data = json.loads(learned.WEIGHTS.read_text(encoding="utf-8"))
    argv = data["about"].split()[1:] + ["--out", str(tmp_path / "w.json")]
    assert train.main(argv) == 0
    assert (tmp_path / "w.json").read_text(encoding="utf-8") == learned.WEIGHTS.read_text(encoding="utf-8")


def test_average_precision_of_a_ranking() -> None:
    train = _train_module()
    # right at ranks 1 and 3: (1/1 + 2/3) / 2
    assert train.average_precision([(0.7, 1), (0.9, 1), (0.8, 0)]) == pytest.approx(5 / 6)
    assert train.average_precision([(0.9, 0)]) == 0.0


def test_learning_curve_is_deterministic_and_trains_on_fractions(
        capsys: pytest.CaptureFixture[str]) -> None:
    train = _train_module()
    items = train.collect(["dev"], False)[:10]
    outputs = []
    for _ in range(2):
        train.curve(items, [], [0.5, 1.0], 2, 0, 50, 1.0, "t")
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    rows = {line.split("|")[2].strip(): line.split("|") for line in outputs[0].splitlines()
            if line.startswith("| t |")}
    assert set(rows) == {"0.50", "1.00"}
    assert float(rows["0.50"][3]) == 4.0 and float(rows["1.00"][3]) == 8.0  # of 8 per fold
    assert "ceiling" in outputs[0]


def test_bench_representations_add_path_features_and_vectors() -> None:
    train = _train_module()
    items = [it for it in train.collect(["dev"], False)[:3] if it.cands]
    before = [len(c.features) for it in items for c in it.cands]
    train.represent(items, "path+vec+shared")
    after = [c.features for it in items for c in it.cands]
    assert all(len(f) > n for f, n in zip(after, before))
    assert any("|fp_shape=" in x for f in after for x in f)
    assert any(x.startswith("*") for f in after for x in f)
    for it in items:
        assert it.dense.shape == (len(it.cands), 4 * train.WIDTH) and it.dense.any()
