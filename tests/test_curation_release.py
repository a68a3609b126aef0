"""`alliancegraph export --accepted`: accepted claims only, VoID, and the changes since the
previous release."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner
from test_curation_log import CLAIM1, DATA, build_into

from loaders.store import curation
from loaders.store.decisions import log_path, new_decision
from ontology import terms
from server.cli import main


def test_release_holds_accepted_claims_and_the_changes(tmp_path: Path) -> None:
    triples = Path(shutil.copytree(DATA / "triples", tmp_path / "triples"))
    location, out, log = tmp_path / "store", tmp_path / "release", log_path(triples)
    build_into(location, triples)

    def export() -> dict[str, object]:
        result = CliRunner().invoke(main, ["export", "--accepted", "--store", str(location),
                                           "--out", str(out)])
        assert result.exit_code == 0, result.output
        return dict(json.loads((out / "changes.json").read_text()))

    assert export()["added"] == [] and "released 0 accepted claims" in CliRunner().invoke(
        main, ["export", "--accepted", "--store", str(location), "--out", str(out)]).output
    first = curation.record(location, log, new_decision(
        "accept", CLAIM1, "ann", after={"status": "Accepted"})).decision
    assert export() == {"added": [CLAIM1], "removed": [], "corrected": [], "previous": 0}
    quads = list(ox.parse(path=str(out / "accepted.nq"), format=ox.RdfFormat.N_QUADS))
    claims = {q.subject for q in quads if q.predicate == terms.RDF_TYPE and q.object == terms.Claim}
    assert claims == {ox.NamedNode(CLAIM1)}
    assert any(q.predicate == terms.OA_EXACT for q in quads)  # its evidence travels with it
    assert not any(q.object == terms.Unreviewed for q in quads)
    assert "void:triples" in (out / "void.ttl").read_text()
    new = {"s": terms.ID + "japan", "p": terms.partnerOf.value, "o": terms.ID + "australia",
           "source": "s1", "start": 0, "end": 5, "exact": "Japan"}
    curation.record(location, log, new_decision("correct", CLAIM1, "bob", seen=first.id,
                                                after={"status": "Rejected", "claim": new}))
    fixed = curation.new_claim_iri(new).value
    assert export() == {"added": [fixed], "removed": [CLAIM1],
                        "corrected": [{"claim": fixed, "revises": CLAIM1}], "previous": 1}
