"""Every constant of ontology/terms.py is a term of the ontology, with a label and a definition."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from loaders.paths import ONTOLOGY_FILE
from ontology import terms

RDFS_LABEL = ox.NamedNode(terms.RDFS + "label")
DEFINITION = ox.NamedNode(terms.SKOS + "definition")
RDF_TYPE = ox.NamedNode(terms.RDF + "type")
DEFINED_BY = ox.NamedNode(terms.RDFS + "isDefinedBy")

AG_CONSTANTS = sorted(
    (name, value) for name, value in vars(terms).items()
    if isinstance(value, ox.NamedNode) and value.value.startswith(terms.AG))


@pytest.fixture(scope="module")
def ontology() -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE)
    return store


def test_the_contract_terms_are_all_there() -> None:
    names = {name for name, _ in AG_CONSTANTS}
    contract = {"Country", "InternationalOrganisation", "Person", "Alliance", "Partnership",
                "Programme", "Dispute", "Statement", "Event", "Place", "Source", "Claim",
                "memberOf", "hasMember", "partnerOf", "hasPartner", "participatesIn",
                "hasParticipant", "partyTo", "hasParty", "concernsTerritory", "supports",
                "opposes", "locatedIn", "speaker", "quote", "about", "stance", "Supportive",
                "Opposed", "Neutral", "evidence", "reviewStatus", "confidence", "Unreviewed",
                "Accepted", "Rejected", "sha256", "textFile", "boilerplate"}
    assert contract <= names, contract - names


@pytest.mark.parametrize(("name", "iri"), AG_CONSTANTS, ids=[n for n, _ in AG_CONSTANTS])
def test_constant_is_declared_with_label_and_definition(ontology: ox.Store, name: str,
                                                        iri: ox.NamedNode) -> None:
    assert iri.value == terms.AG + name  # the Python name is the local name
    types = {q.object for q in ontology.quads_for_pattern(iri, RDF_TYPE, None)}
    assert types, f"{name} is not declared in {ONTOLOGY_FILE.name}"
    labels = [q.object for q in ontology.quads_for_pattern(iri, RDFS_LABEL, None)]
    assert [getattr(lab, "language", None) for lab in labels] == ["en"], f"{name}: one English label"
    defined_by = [q.object for q in ontology.quads_for_pattern(iri, DEFINED_BY, None)]
    assert defined_by == [terms.ONTOLOGY]
    definitions = [q.object for q in ontology.quads_for_pattern(iri, DEFINITION, None)]
    assert [getattr(d, "language", None) for d in definitions] == ["en"], f"{name}: one definition"


def test_every_ag_term_of_the_ontology_has_a_constant(ontology: ox.Store) -> None:
    declared = {q.subject.value for q in ontology.quads_for_pattern(None, RDF_TYPE, None)
                if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(terms.AG)}
    assert declared == {iri.value for _, iri in AG_CONSTANTS}


def test_iri_helpers() -> None:
    assert terms.entity("south-korea").value == "https://w3id.org/alliancegraph/id/south-korea"
    assert terms.source("003_1fb8b205eaf0cc35").value.endswith("/source/003_1fb8b205eaf0cc35")
    assert terms.graph("003_1fb8b205eaf0cc35").value.endswith("/graph/003_1fb8b205eaf0cc35")
    with pytest.raises(ValueError, match="not a slug"):
        terms.entity("South Korea")
