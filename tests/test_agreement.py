"""The second annotations (tests/agreement/) are sound, and reading a gold as an extraction lets
the extractor's scorer judge an annotator: a gold against itself is perfect, and each thing a
second annotator leaves out or adds moves the figure it should."""

from __future__ import annotations

import dataclasses
import hashlib
import math
from pathlib import Path

import pytest

from bench.annotator_agreement import SECOND_DIR, consensus, evaluate
from loaders.extraction.agreement import (
    NOBODY,
    NOTHING,
    cohen_kappa,
    gold_as_extraction,
    relation_agreement,
    stated_by_neither,
    turn_partnerships,
)
from loaders.extraction.evaluate import Gold, GoldStatement, check_gold, load_corpus, load_gold, micro, score
from loaders.model import Article

CORPUS = Path(__file__).parent / "corpus"
SECONDS = sorted(SECOND_DIR.glob("*/*.yaml"))


@pytest.fixture(scope="module")
def train8() -> list[tuple[Article, Gold]]:
    return load_corpus(CORPUS / "train8")


def test_there_are_second_annotations_of_the_test_split_and_of_dev_material() -> None:
    splits = {p.parent.name for p in SECONDS}
    assert {"test", "train8"} <= splits
    assert len(SECONDS) >= 20


@pytest.mark.parametrize("path", SECONDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_second_annotation_is_sound_against_its_article(path: Path) -> None:
    gold = load_gold(path)
    text = (CORPUS / path.parent.name / f"{gold.article_id}.txt").read_bytes().decode("utf-8")
    assert gold.article_id == path.stem
    assert gold.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert check_gold(gold, text) == []
    assert any(not r.optional for r in gold.relations)


def test_a_gold_read_as_an_extraction_scores_perfectly_against_itself(
        train8: list[tuple[Article, Gold]]) -> None:
    total = micro(score(gold_as_extraction(g, a.text), g, a.text) for a, g in train8)
    rel = total.kinds["relations"]
    assert (rel.fp, rel.fn) == (0, 0) and rel.tp == 199
    assert total.quotes_found == total.quotes_total == 59
    assert total.stance_correct == total.stance_total == 112
    assert total.kinds["entities"].f1 == 1.0
    assert total.evidence_exact == total.evidence_total > 1000


def test_each_relation_the_second_leaves_out_is_one_missed_and_each_added_one_wrong(
        train8: list[tuple[Article, Gold]]) -> None:
    article, gold = next((a, g) for a, g in train8 if a.id == "m09")
    required = [r for r in gold.relations if not r.optional]
    dropped = dataclasses.replace(gold, relations=tuple(r for r in gold.relations if r is not required[0]))
    rel = score(gold_as_extraction(dropped, article.text), gold, article.text).kinds["relations"]
    duplicates = sum(1 for r in required[1:] if (r.subject, r.predicate, r.object)
                     == (required[0].subject, required[0].predicate, required[0].object))
    assert rel.fn == (0 if duplicates else 1)
    flipped = dataclasses.replace(required[0], subject=required[0].object, object=required[0].subject,
                                  predicate="opposes")
    added = dataclasses.replace(gold, relations=gold.relations + (flipped,))
    assert score(gold_as_extraction(added, article.text), gold, article.text).kinds["relations"].fp == 1


def test_optional_items_count_only_when_asked_for(train8: list[tuple[Article, Gold]]) -> None:
    article, gold = next((a, g) for a, g in train8
                         if any(r.optional for r in g.relations) and any(s.optional for s in g.statements))
    strict = gold_as_extraction(gold, article.text)
    loose = gold_as_extraction(gold, article.text, include_optional=True)
    assert len(strict.facts) == sum(not r.optional for r in gold.relations)
    assert len(loose.facts) == len(gold.relations)
    assert len(loose.statements) > len(strict.statements)
    assert all(article.text[f.evidence.start:f.evidence.end] == f.evidence.quote for f in loose.facts)


def test_an_unnamed_author_and_a_statement_without_topic_get_placeholders() -> None:
    text = "NATO must stay out of Asia, the editors argue."
    statement = GoldStatement("NATO must stay out of Asia", 0, None, None, "Opposed", "authorial")
    ex = gold_as_extraction(Gold("x", "", (), (), (), (statement,), ""), text)
    assert (ex.statements[0].speaker, ex.statements[0].about) == (NOBODY, NOTHING)
    assert ex.statements[0].quote.quote == "NATO must stay out of Asia"


def test_consensus_keeps_what_both_state_and_makes_the_rest_optional(
        train8: list[tuple[Article, Gold]]) -> None:
    article, gold = next((a, g) for a, g in train8 if a.id == "m09")
    required = [r for r in gold.relations if not r.optional]
    second = dataclasses.replace(gold, relations=tuple(r for r in gold.relations if r is not required[0]))
    both = consensus(gold, second, article.text)
    same = any((r.subject, r.predicate, r.object) == (required[0].subject, required[0].predicate,
                                                      required[0].object) for r in required[1:])
    for before, after in zip(gold.relations, both.relations):
        assert after.optional == (before.optional or (before is required[0] and not same))
    assert consensus(gold, gold, article.text) == gold


def test_cohen_kappa_is_one_on_full_agreement_and_zero_at_chance() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b"), ("c", "c")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0
    assert math.isnan(cohen_kappa([]))


def test_the_bench_prints_every_row_and_only_micro_figures_for_the_held_out_split(
        capsys: pytest.CaptureFixture[str]) -> None:
    evaluate("test", verbose=True)
    out = capsys.readouterr().out
    assert "== test:" in out and "=== " not in out  # no per-article lists for held-out text
    for row in ("second -> first", "first -> second", "extractor -> both"):
        assert row in out


def test_a_partnership_written_after_its_party_is_turned_round_and_nothing_else_moves(
        train8: list[tuple[Article, Gold]]) -> None:
    article, gold = next((a, g) for a, g in train8 if a.id == "m05")
    partner = next(r for r in gold.relations if r.predicate == "hasPartner")
    backwards = dataclasses.replace(partner, subject=partner.object, object=partner.subject)
    written = dataclasses.replace(gold, relations=tuple(backwards if r is partner else r
                                                        for r in gold.relations))
    assert score(gold_as_extraction(written, article.text), gold, article.text).kinds["relations"].fn >= 1
    turned = turn_partnerships(written)
    assert turned.relations == gold.relations
    assert turn_partnerships(gold) == gold


def test_relation_agreement_is_perfect_against_itself_and_matches_through_alternatives(
        train8: list[tuple[Article, Gold]]) -> None:
    for article, gold in train8:
        rel = relation_agreement(gold, gold, article.text)
        assert (rel.fp, rel.fn) == (0, 0)
    article, gold = next((a, g) for a, g in train8 if a.id == "m09")
    required = next(r for r in gold.relations if not r.optional and not r.alternatives
                    and r.predicate == "memberOf")
    # the second writes it another way and accepts the first's spelling as an alternative
    other = dataclasses.replace(required, subject=required.object, object=required.subject, predicate="opposes",
                                alternatives=((required.subject, required.predicate, required.object),))
    second = dataclasses.replace(gold, relations=tuple(other if r is required else r for r in gold.relations))
    assert relation_agreement(gold, second, article.text).fn == 0
    assert relation_agreement(second, gold, article.text).fn == 0
    # without the alternative it is one missed and one wrong
    bare = dataclasses.replace(other, alternatives=())
    third = dataclasses.replace(gold, relations=tuple(bare if r is required else r for r in gold.relations))
    rel = relation_agreement(gold, third, article.text)
    assert (rel.fn, rel.fp) == (1, 1)


def test_a_fact_neither_reader_states_is_the_extractors_error_and_one_the_second_states_is_not(
        train8: list[tuple[Article, Gold]]) -> None:
    article, gold = next((a, g) for a, g in train8 if a.id == "m09")
    required = next(r for r in gold.relations if not r.optional)
    invented = dataclasses.replace(required, subject=required.object, object=required.subject,
                                   predicate="opposes", optional=False, alternatives=())
    with_invented = dataclasses.replace(gold, relations=gold.relations + (invented,))
    extraction = gold_as_extraction(with_invented, article.text)
    assert stated_by_neither(gold_as_extraction(gold, article.text), gold, gold, article.text) == []
    wrong = stated_by_neither(extraction, gold, gold, article.text)
    assert len(wrong) == 1 and " opposes " in wrong[0]
    optional_there = dataclasses.replace(invented, optional=True)
    second = dataclasses.replace(gold, relations=gold.relations + (optional_there,))
    assert stated_by_neither(extraction, gold, second, article.text) == []
