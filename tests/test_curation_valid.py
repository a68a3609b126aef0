"""The served view with decisions applied is still valid: SHACL (exactly one reviewStatus
per claim, corrected and added claims complete), the check queries and HermiT (reviewStatus
is functional). And it would not be without the replacement: the check is not vacuous."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.paths import TRIPLES_DIR
from loaders.store import curation
from loaders.store import versions as st
from loaders.store.build import build
from loaders.store.decisions import log_path, new_decision
from loaders.validation.validate import validate_files
from ontology import terms

SKIP = {terms.ONTOLOGY_GRAPH, terms.CATALOG_GRAPH, terms.INFERRED_GRAPH, terms.VOID_GRAPH}


def served_view(location: Path, out: Path) -> Path:
    """The store's own graphs (sources and curation) as one TriG file, for the validator."""
    store, _ = st.open_read_only(location)
    quads = [q for q in store.quads_for_pattern(None, None, None, None) if q.graph_name not in SKIP]
    ox.serialize(quads, str(out), ox.RdfFormat.TRIG)
    return out


@pytest.mark.slow
def test_decisions_keep_the_served_view_valid(tmp_path: Path) -> None:
    triples = Path(shutil.copytree(TRIPLES_DIR, tmp_path / "triples",
                                   ignore=shutil.ignore_patterns("curation")))
    location, log = tmp_path / "store", log_path(triples)
    build(str(location), triples_dir=triples, extract=False, validate=False, progress=False)
    store, _ = st.open_read_only(location)
    claims = sorted(r["c"].value for r in store.query(  # type: ignore[index, union-attr]
        f"SELECT ?c WHERE {{ GRAPH ?g {{ ?c a <{terms.Claim.value}> }} }}"))
    del store
    for c, kind, status in ((claims[0], "accept", "Accepted"), (claims[1], "reject", "Rejected")):
        curation.record(location, log, new_decision(kind, c, "ann", reason="r",
                                                    after={"status": status}))
    new = {"s": terms.ID + "japan", "p": terms.partnerOf.value, "o": terms.ID + "australia",
           "source": "003_1fb8b205eaf0cc35", "start": 1771, "end": 1776, "exact": "Japan"}
    curation.record(location, log, new_decision("correct", claims[2], "ann",
                                                after={"status": "Rejected", "claim": new}))
    curation.record(location, log, new_decision("edit", terms.ID + "japan", "ann",
                                                after={"label": "Japan", "aliases": ["Nippon"],
                                                       "wikidata": "Q17"}))
    report = validate_files([served_view(location, tmp_path / "served.trig")])
    assert report.conforms, report.text
    # Without the replacement (the extracted status left in place) it does not conform.
    twice = ox.Quad(ox.NamedNode(claims[0]), terms.reviewStatus, terms.Unreviewed,
                    terms.CURATION_GRAPH)
    bad = tmp_path / "bad.trig"
    ox.serialize([*ox.parse(path=str(tmp_path / "served.trig"), format=ox.RdfFormat.TRIG), twice],
                 str(bad), ox.RdfFormat.TRIG)
    assert not validate_files([bad]).conforms
