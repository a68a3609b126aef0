"""The real-article corpus (tests/corpus/): every gold span is the exact text at its offsets,
every checksum matches, and the dev/test split is the frozen one."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
ARTICLES = sorted(CORPUS.glob("*/*.txt"))
# Frozen on 2026-12-04 before the extractor was changed for this corpus: never move an article.
TEST_SPLIT = {"a01", "a02", "a04", "a09", "a13", "b02", "b06", "b07", "b08", "b11"}


def gold(txt: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(txt.with_suffix(".yaml").read_text(encoding="utf-8"))
    return data


def test_the_split_is_the_frozen_one() -> None:
    assert {p.stem for p in CORPUS.glob("test/*.txt")} == TEST_SPLIT
    assert len(list(CORPUS.glob("dev/*.txt"))) >= 15 and len(TEST_SPLIT) >= 10


@pytest.mark.parametrize("txt", ARTICLES, ids=lambda p: p.stem)
def test_gold_spans_are_the_exact_text(txt: Path) -> None:
    text = txt.read_text(encoding="utf-8")
    g = gold(txt)
    assert g["article"] == txt.stem
    assert g["sha256"] == hashlib.sha256(txt.read_bytes()).hexdigest()
    for e in g.get("entities") or []:
        for m in e.get("mentions") or []:
            assert text[m["start"]:m["start"] + len(m["text"])] == m["text"], (e["label"], m)
    for r in (g.get("relations") or []) + (g.get("absent") or []):
        assert text[r["start"]:r["start"] + len(r["evidence"])] == r["evidence"], r
    for s in g.get("statements") or []:
        if s.get("kind") != "authorial" or "start" in s:
            assert text[s["start"]:s["start"] + len(s["quote"])] == s["quote"], s


@pytest.mark.parametrize("txt", ARTICLES, ids=lambda p: p.stem)
def test_every_article_records_where_it_came_from(txt: Path) -> None:
    meta = yaml.safe_load(txt.with_suffix(".meta.yaml").read_text(encoding="utf-8"))
    assert meta["url"].startswith("http") and meta["style"] in {"wire", "communique", "oped", "analysis", "factsheet"}
