"""HermiT through owlready2 (for real) and the SPARQL inference rules, which must agree."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.paths import CATALOG_FILE, TRIPLES_DIR
from loaders.reason import (
    ReasonerError, check_consistency, hermit_inferences, materialize, read_quads, reasoner_input,
    ontology_quads,
)
from ontology import terms

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample.trig"
BAD = DATA / "bad"
A = ox.NamedNode(terms.RDF + "type")


def ag(name: str) -> ox.NamedNode:
    return ox.NamedNode(terms.AG + name)


def inferred(s: str, p: ox.NamedNode, o: ox.NamedNode | str) -> ox.Quad:
    obj = terms.entity(o) if isinstance(o, str) else o
    return ox.Quad(terms.entity(s), p, obj, terms.INFERRED_GRAPH)


def no_bnodes(quads: list[ox.Quad]) -> set[ox.Quad]:
    return {q for q in quads if not isinstance(q.subject, ox.BlankNode)
            and not isinstance(q.object, ox.BlankNode)}


@pytest.fixture(scope="module")
def sample() -> list[ox.Quad]:
    return read_quads(SAMPLE)


@pytest.fixture(scope="module")
def sample_inferred(sample: list[ox.Quad]) -> list[ox.Quad]:
    return materialize(sample)


def test_materialize_infers_inverses_symmetry_superclasses(sample_inferred: list[ox.Quad]) -> None:
    got = set(sample_inferred)
    assert inferred("nato", ag("partnerOf"), "japan") in got  # symmetric
    assert inferred("itpp", ag("hasParticipant"), "japan") in got  # inverse
    assert inferred("brussels", ag("locationOf"), "nato") in got  # inverse
    assert inferred("japan", A, ag("Actor")) in got  # superclass
    assert inferred("nato", A, ox.NamedNode(terms.ORG + "FormalOrganization")) in got
    assert inferred("fumio-kishida", A, ox.NamedNode(terms.FOAF + "Person")) in got
    statement = terms.entity("statement-003-1fb8b205eaf0cc35-c6c2bc8b69b0")
    about = ox.NamedNode(terms.SCHEMA + "about")
    attributed = ox.NamedNode(terms.PROV + "wasAttributedTo")
    assert ox.Quad(statement, about, terms.entity("china"), terms.INFERRED_GRAPH) in got  # subproperty
    assert ox.Quad(statement, attributed, terms.entity("nato"), terms.INFERRED_GRAPH) in got
    assert ox.Quad(ag("Opposed"), A, ox.NamedNode(terms.SKOS + "Concept"), terms.INFERRED_GRAPH) in got


def test_materialize_is_new_triples_only_in_the_inferred_graph(sample: list[ox.Quad],
                                                                sample_inferred: list[ox.Quad]) -> None:
    asserted = {ox.Triple(q.subject, q.predicate, q.object) for q in sample + ontology_quads()}
    assert sample_inferred
    assert {q.graph_name for q in sample_inferred} == {terms.INFERRED_GRAPH}
    assert not [q for q in sample_inferred if ox.Triple(q.subject, q.predicate, q.object) in asserted]


def test_materialize_subproperty_and_domain() -> None:
    g = terms.graph("t")
    data = [ox.Quad(terms.entity("japan"), ag("memberOf"), terms.entity("un"), g),
            ox.Quad(ox.NamedNode(terms.BASE + "statement/s"), ag("speaker"), terms.entity("japan"), g)]
    got = set(materialize(data))
    assert inferred("japan", ox.NamedNode(terms.ORG + "memberOf"), "un") in got
    assert inferred("un", ox.NamedNode(terms.ORG + "hasMember"), "japan") in got  # inverse, then sub
    assert inferred("un", A, ag("Organisation")) in got  # range
    assert inferred("japan", A, ox.NamedNode(terms.PROV + "Agent")) in got  # domain + superclass
    assert ox.Quad(ox.NamedNode(terms.BASE + "statement/s"), A, ag("Statement"), terms.INFERRED_GRAPH) in got


@pytest.mark.slow
def test_materialize_agrees_with_hermit_on_the_sample(sample: list[ox.Quad],
                                                     sample_inferred: list[ox.Quad]) -> None:
    t0 = time.perf_counter()
    hermit = hermit_inferences(sample)
    print(f"HermiT inferences on sample.trig: {time.perf_counter() - t0:.2f} s")
    rules = no_bnodes(sample_inferred)
    assert len(hermit) > 40
    assert set(hermit) == rules, (sorted(map(str, rules - set(hermit))), sorted(map(str, set(hermit) - rules)))


@pytest.mark.slow
def test_materialize_agrees_with_hermit_on_the_corpus() -> None:
    """The catalog and whatever triples/ holds today (grows as extraction lands)."""
    files = ([CATALOG_FILE] if CATALOG_FILE.exists() else []) + sorted(TRIPLES_DIR.rglob("*.trig"))
    quads = [q for f in files for q in read_quads(f, default_graph=terms.CATALOG_GRAPH)]
    assert set(hermit_inferences(quads)) == no_bnodes(materialize(quads))


@pytest.mark.slow
def test_sample_is_consistent(sample: list[ox.Quad]) -> None:
    t0 = time.perf_counter()
    report = check_consistency(sample)
    print(f"HermiT consistency on sample.trig: {time.perf_counter() - t0:.2f} s")
    assert report.consistent and report.ok, report.text
    assert report.unsatisfiable == ()
    assert report.text.startswith("HermiT: consistent, 0 unsatisfiable classes")


@pytest.mark.slow
def test_person_and_country_is_inconsistent_and_named() -> None:
    report = check_consistency(read_quads(BAD / "person_country.trig"))
    assert not report.consistent
    assert report.offenders == (
        "agid:georgia is both ag:Country and ag:Person, which are disjoint: ag:Country asserted in "
        "<https://w3id.org/alliancegraph/graph/bad_person_country>; ag:Person asserted in "
        "<https://w3id.org/alliancegraph/graph/bad_person_country>",)
    assert "HermiT: INCONSISTENT" in report.text


@pytest.mark.slow
def test_inferred_disjoint_type_is_explained() -> None:
    report = check_consistency(read_quads(BAD / "member_of_place.trig"))
    assert not report.consistent
    [line] = report.offenders
    assert line.startswith("agid:brussels is both ag:Actor and ag:Place, which are disjoint: "
                           "ag:Actor from agid:brussels ag:memberOf agid:nato")
    assert "(domain of ag:memberOf)" in line


def test_reasoner_input_leaves_out_reification_and_declares_the_rest(sample: list[ox.Quad]) -> None:
    triples = reasoner_input(ontology_quads(), sample)
    predicates = {t.predicate.value for t in triples}
    assert not predicates & {terms.RDF + "subject", terms.RDF + "predicate", terms.RDF + "object"}
    assert ox.Triple(ag("confidence"), A, ox.NamedNode(terms.OWL + "DatatypeProperty")) in triples
    # the catalog's dcterms:language, the activity's schema:softwareVersion are declared
    declared = {str(getattr(t.subject, 'value', t.subject)) for t in triples if t.predicate == A}
    assert {p for p in predicates if not p.startswith((terms.RDF, terms.RDFS, terms.OWL))} <= declared


@pytest.mark.slow
def test_java_error_becomes_reasoner_error() -> None:
    with pytest.raises(ReasonerError, match=r"HermiT failed \(Java\): java.lang.IllegalArgumentException: "
                                            r"Non-simple property '<http://example.org/bad#partOf>'"):
        check_consistency(read_quads(BAD / "not_dl.ttl"))


@pytest.mark.slow
def test_unexplained_inconsistency_is_narrowed_down_with_hermit() -> None:
    report = check_consistency(read_quads(BAD / "same_as_stances.trig"))
    assert not report.consistent
    assert report.offenders == ("the inconsistency involves the description of: agid:ambivalence",)


def test_the_rules_cover_every_kind_of_axiom_the_ontology_uses() -> None:
    """If the ontology gains, say, owl:equivalentClass or a transitive property, the SPARQL
    rules must learn it too (the HermiT comparison would catch it only on data that uses it)."""
    onto = ontology_quads()
    owl, rdfs, rdf = terms.OWL, terms.RDFS, terms.RDF
    annotations = {q.subject for q in onto if q.predicate == A
                   and q.object == ox.NamedNode(owl + "AnnotationProperty")}
    logical = {q.predicate.value for q in onto if q.predicate not in annotations} - {
        rdfs + "label", rdfs + "comment", rdfs + "isDefinedBy"}
    assert logical == {rdf + "type", rdf + "first", rdf + "rest", rdfs + "subClassOf",
                       rdfs + "subPropertyOf", rdfs + "domain", rdfs + "range", owl + "inverseOf",
                       owl + "disjointWith", owl + "members", owl + "distinctMembers",
                       owl + "unionOf", owl + "versionIRI", owl + "versionInfo"}
    kinds = {q.object.value for q in onto if q.predicate == A and q.object.value.startswith(owl)}
    assert kinds == {owl + k for k in ("Ontology", "Class", "ObjectProperty", "DatatypeProperty",
                                       "AnnotationProperty", "SymmetricProperty", "FunctionalProperty",
                                       "NamedIndividual", "AllDisjointClasses", "AllDifferent")}
