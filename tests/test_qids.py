"""Wikidata QIDs: the gazetteer (owl:sameAs in the graph) and the gold of the dev material agree.

Only dev material is read: the seeds (tests/gold/) and tests/corpus/{dev, fresh, heldout, unseen,
train, train2, train3, train4, train5, train6, train7, train8}. The held-out splits (test, unseen2, unseen3) and the validation split
(valid) are never opened here. QIDs were checked against public files on 2026-12-06 (helper qid24;
tests/corpus/README.md, "QID corrections"): a QID counts as right when two independent public
files pair it with the entity, and a gold QID that could not be confirmed is null.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from loaders.extraction.gazetteer import Gazetteer, load_gazetteer

TESTS = Path(__file__).parent
DEV_SPLITS = ("dev", "fresh", "heldout", "unseen", "train", "train2", "train3", "train4", "train5", "train6", "train7", "train8")
NEVER_READ = frozenset({"test", "unseen2", "unseen3", "valid"})
QID = re.compile(r"Q[1-9][0-9]*")

# QIDs that public files pair with something else than what the gold or the gazetteer once gave
# them for (file: entity it was given for -> what the QID is). None may come back.
FOUND_WRONG = {
    "Q134178": "BRICS -> Minoan civilization",
    "Q42825": "BRICS -> Rio Grande do Norte",
    "Q4773904": "Antony Blinken -> anthropologist (an occupation)",
    "Q35342": "Arabian Sea -> a lake",
    "Q57553": "Mohammed VI -> Béji Caïd Essebsi",
    "Q131681": "Northwest Passage -> reservoir (a class)",
    "Q208104": "Polisario Front -> Xabi Alonso",
    "Q27449": "Western Balkans -> Southern Europe",
    "Q188709": "al-Shabaab -> a Beethoven symphony",
}


def dev_gold_files() -> list[Path]:
    files = sorted((TESTS / "gold").glob("*.yaml"))
    for split in DEV_SPLITS:
        files += sorted((TESTS / "corpus" / split).glob("*.yaml"))
    return files


def gold_entities() -> list[tuple[str, str, str | None]]:
    """(file, label, qid) of every gold entity in the dev material."""
    rows = []
    for path in dev_gold_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for e in data.get("entities") or []:
            rows.append((f"{path.parent.name}/{path.name}", str(e["label"]), e.get("qid")))
    return rows


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def entities() -> list[tuple[str, str, str | None]]:
    return gold_entities()


def test_only_dev_material_is_read() -> None:
    assert not NEVER_READ & set(DEV_SPLITS)
    assert all(p.parent.name not in NEVER_READ for p in dev_gold_files())
    assert len(dev_gold_files()) > 200


def test_gold_qids_are_well_formed(entities: list[tuple[str, str, str | None]]) -> None:
    bad = [(f, label, q) for f, label, q in entities
           if q is not None and not (isinstance(q, str) and QID.fullmatch(q))]
    assert not bad
    assert sum(q is not None for _, _, q in entities) > 1000


def test_one_label_has_one_qid_across_the_dev_gold(
        entities: list[tuple[str, str, str | None]]) -> None:
    qids: dict[str, set[str]] = defaultdict(set)
    for _, label, q in entities:
        if q:
            qids[label].add(q)
    assert {label: sorted(qs) for label, qs in qids.items() if len(qs) > 1} == {}


def test_gold_qids_agree_with_the_gazetteer(
        gaz: Gazetteer, entities: list[tuple[str, str, str | None]]) -> None:
    """A gold entity named like a gazetteer entry has that entry's QID (or none), and a gold QID
    that is a gazetteer entry's names that entry."""
    by_qid = {e.qid: e for e in gaz.entries.values() if e.qid}
    clashes = []
    for f, label, q in entities:
        if not q:
            continue
        for slug, kind in gaz.lookup(label):
            entry = gaz.entries[slug]
            if kind in ("name", "alias", "acronym") and entry.qid and entry.qid != q:
                clashes.append((f, label, q, slug, entry.qid))
        if q in by_qid:
            entry = by_qid[q]
            if label not in {entry.label, *entry.aliases, *entry.acronyms}:
                clashes.append((f, label, q, entry.slug, entry.label))
    assert clashes == []


def test_qids_found_wrong_stay_out(gaz: Gazetteer,
                                  entities: list[tuple[str, str, str | None]]) -> None:
    in_gold = sorted({q for _, _, q in entities if q in FOUND_WRONG})
    in_gazetteer = sorted(e.slug for e in gaz.entries.values() if e.qid in FOUND_WRONG)
    assert (in_gold, in_gazetteer) == ([], [])


@pytest.mark.parametrize("slug, qid", [
    ("brics", "Q243630"),        # kuni groupings, a SPARQL probe script, a Streamlit app
    ("csto", "Q318693"),         # supraverden ALL_BODIES, the SPARQL probe script
    ("un-security-council", "Q37470"),
    ("council-of-europe", "Q8908"),
    ("middle-east", "Q7204"),
    ("the-hague", "Q36600"),
])
def test_checked_qids(gaz: Gazetteer, slug: str, qid: str) -> None:
    assert gaz.entries[slug].qid == qid


def test_entities_without_a_confirmed_qid_have_none(gaz: Gazetteer) -> None:
    # One public file at most names these items (Arctic Council Q674182: supraverden only;
    # AUKUS, Five Eyes: one probe script): no sameAs until a second source agrees.
    assert [gaz.entries[s].qid for s in ("arctic-council", "aukus", "five-eyes")] == [None] * 3
