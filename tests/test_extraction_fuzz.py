"""bench/extraction_fuzz.py: mutated articles from dev material only, and no crash on a small
run (the full hunt is a bench, not a test)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def fuzz() -> ModuleType:
    path = Path(__file__).parents[1] / "bench" / "extraction_fuzz.py"
    spec = importlib.util.spec_from_file_location("bench_extraction_fuzz", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sentences_come_from_dev_material_only(monkeypatch: pytest.MonkeyPatch) -> None:
    f = fuzz()
    read: list[str] = []
    real = f.split_articles

    def recording(name: str) -> list[Any]:
        read.append(name)
        return real(name)  # type: ignore[no-any-return]
    monkeypatch.setattr(f, "split_articles", recording)
    assert f.sentences()
    assert read and not set(read) & set(f.HELD_OUT), read
    assert {"dev", "train"} <= set(read)


def test_the_same_seed_gives_the_same_articles_and_none_crashes() -> None:
    f = fuzz()
    pool = f.sentences()
    a, b = f.articles(pool, 10, 7, False), f.articles(pool, 10, 7, False)
    assert [x.text for x in a] == [x.text for x in b]
    assert f.main(["--n", "20", "--seed", "3"]) == 0
