"""HermiT through owlready2 (for real) and the SPARQL inference rules, which must agree."""

from __future__ import annotations

import importlib.util
import random
import time
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from loaders.errors import ReasonerError
from loaders.paths import CATALOG_FILE, ROOT, TRIPLES_DIR
from loaders.rdf.read import ontology_quads, read_quads
from loaders.validation.hermit import check_consistency, hermit_inferences, reasoner_input
from loaders.validation.infer import infer, materialize, materialize_reference, rule_tables
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
    kinds = {q.object.value for q in onto if q.predicate == A and isinstance(q.object, ox.NamedNode)
             and q.object.value.startswith(owl)}
    assert kinds == {owl + k for k in ("Ontology", "Class", "ObjectProperty", "DatatypeProperty",
                                       "AnnotationProperty", "SymmetricProperty", "FunctionalProperty",
                                       "NamedIndividual", "AllDisjointClasses", "AllDifferent")}


# ---------------------------------------------------------------- fast pass == SPARQL rules
#
# `materialize` answers from tables of the ontology's closed schema in one pass;
# `materialize_reference` runs the SPARQL RULES to a fixpoint. They must give the same list.

EX = "http://example.org/t#"


def ex(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def corpus_quads() -> list[ox.Quad]:
    files = ([CATALOG_FILE] if CATALOG_FILE.exists() else []) + sorted(TRIPLES_DIR.rglob("*.trig"))
    return ontology_quads() + [q for f in files for q in read_quads(f, default_graph=terms.CATALOG_GRAPH)]


def assert_same(fast: list[ox.Quad], reference: list[ox.Quad]) -> None:
    assert fast == reference, (sorted(map(str, set(fast) - set(reference)))[:10],
                               sorted(map(str, set(reference) - set(fast)))[:10])


def test_fast_pass_equals_the_rules_on_the_sample(sample: list[ox.Quad]) -> None:
    assert rule_tables(ontology_quads()).exact
    reference = materialize_reference(sample)
    assert len(reference) > 40
    assert_same(materialize(sample), reference)


def test_fast_pass_equals_the_rules_on_the_corpus() -> None:
    quads = corpus_quads()
    reference = materialize_reference(quads)
    assert len(reference) > 40
    assert_same(materialize(quads), reference)


def test_fast_pass_takes_a_stream_and_skips_derived_graphs(sample: list[ox.Quad]) -> None:
    """A generator is read once; quads already in the ontology or inferred graph are not data."""
    stale = [ox.Quad(terms.entity("japan"), ag("memberOf"), terms.entity("nato"), terms.INFERRED_GRAPH),
             ox.Quad(terms.entity("japan"), A, ag("Country"), terms.ONTOLOGY_GRAPH)]
    expected = materialize_reference(sample)
    assert materialize(q for q in [*sample, *stale]) == expected
    assert materialize(iter(stale)) == []


def _random_data(rng: random.Random, predicates: list[ox.NamedNode], classes: list[ox.NamedNode],
                 n: int) -> list[ox.Quad]:
    """Quads over a small pool of nodes, so that inferences collide with each other and with
    asserted triples; literals, blank nodes, a triple term, the default graph, skipped graphs."""
    nodes: list[ox.NamedNode | ox.BlankNode] = [ex(f"n{i}") for i in range(25)]
    nodes += [ox.BlankNode(f"b{i}") for i in range(4)]
    nodes += [ag("Opposed"), ag("Unreviewed"), ag("Country")]  # individuals/classes of the ontology
    objects: list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = [
        *nodes, ox.Literal("x"), ox.Literal("1", datatype=ox.NamedNode(terms.XSD + "integer")),
        ox.Literal("y", language="en"), ox.Triple(ex("n1"), ex("p"), ex("n2"))]
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [terms.graph("a"), terms.graph("b"),
                                                    ox.DefaultGraph(), terms.CATALOG_GRAPH]
    rare = [terms.ONTOLOGY_GRAPH, terms.INFERRED_GRAPH]
    out = []
    for _ in range(n):
        g = rng.choice(rare) if rng.random() < 0.03 else rng.choice(graphs)
        s = rng.choice(nodes)
        if rng.random() < 0.3:
            out.append(ox.Quad(s, A, rng.choice(classes), g))
        else:
            out.append(ox.Quad(s, rng.choice(predicates), rng.choice(objects), g))
    return out


def _schema_terms(onto: list[ox.Quad]) -> tuple[list[ox.NamedNode], list[ox.NamedNode]]:
    """The ontology's properties and classes (IRIs), plus one unknown of each."""
    def named(predicates: tuple[str, ...], ends: str) -> set[ox.NamedNode]:
        terms_ = [t for q in onto if q.predicate.value in predicates
                  for t in ((q.subject, q.object) if ends == "both" else (q.subject,))]
        return {t for t in terms_ if isinstance(t, ox.NamedNode)}
    rdfs, owl = terms.RDFS, terms.OWL
    props = named((rdfs + "subPropertyOf", owl + "inverseOf"), "both") | named(
        (rdfs + "domain", rdfs + "range"), "subject")
    classes = named((rdfs + "subClassOf",), "both")
    return sorted(props, key=str) + [ex("p"), ex("q")], sorted(classes, key=str) + [ex("C")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_pass_equals_the_rules_on_random_data_over_the_ontology(seed: int) -> None:
    predicates, classes = _schema_terms(ontology_quads())
    data = _random_data(random.Random(seed), predicates, classes, 3_000)
    reference = materialize_reference(data)
    assert len(reference) > 500
    assert_same(materialize(data), reference)


def _random_ontology(rng: random.Random) -> str:
    """Chains and cycles of subclasses and subproperties (some through blank nodes and
    owl:Thing), inverses, symmetric properties, domains and ranges, object properties or not."""
    c = [f"ex:C{i}" for i in range(10)] + ["owl:Thing"]
    p = [f"ex:P{i}" for i in range(10)]
    lines = ["@prefix ex: <http://example.org/t#> .", f"@prefix owl: <{terms.OWL}> .",
             f"@prefix rdfs: <{terms.RDFS}> .", f"@prefix rdf: <{terms.RDF}> ."]
    for _ in range(12):
        lines.append(f"{rng.choice(c)} rdfs:subClassOf {rng.choice(c)} .")
    lines.append("ex:C1 rdfs:subClassOf [ rdfs:subClassOf ex:C9 ] .")
    for _ in range(9):
        lines.append(f"{rng.choice(p)} rdfs:subPropertyOf {rng.choice(p)} .")
    lines.append("ex:P2 rdfs:subPropertyOf [ rdfs:subPropertyOf ex:P8 ] .")
    for _ in range(4):
        lines.append(f"{rng.choice(p)} owl:inverseOf {rng.choice(p)} .")
    for q in rng.sample(p, 2):
        lines.append(f"{q} a owl:SymmetricProperty .")
    for q in rng.sample(p, 7):
        lines.append(f"{q} a owl:ObjectProperty .")
    for _ in range(7):
        lines.append(f"{rng.choice(p)} rdfs:domain {rng.choice(c)} .")
        lines.append(f"{rng.choice(p)} rdfs:range {rng.choice(c)} .")
    lines.append("ex:P3 rdfs:range [ owl:unionOf ( ex:C1 ex:C2 ) ] .")
    lines.append("ex:n1 a ex:C3 .")  # the ontology asserting a type the rules may infer
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(8))
def test_fast_pass_equals_the_rules_for_random_ontologies(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    onto = tmp_path / "onto.ttl"
    onto.write_text(_random_ontology(rng), encoding="utf-8")
    assert rule_tables(ontology_quads(onto)).exact
    predicates = [ex(f"P{i}") for i in range(10)] + [ex("p")]
    classes = [ex(f"C{i}") for i in range(10)] + [ox.NamedNode(terms.OWL + "Thing")]
    data = _random_data(rng, predicates, classes, 1_500)
    reference = materialize_reference(data, onto)
    assert reference
    assert_same(materialize(data, onto), reference)


def test_an_ontology_the_tables_cannot_express_falls_back_to_the_rules(tmp_path: Path) -> None:
    """The rules never use, as a premise, an inference the ontology itself asserts: here
    (n2 P1 n1) is inferred from (n1 P0 n2) but blocked, so its superproperty P2 is not. One
    pass would infer (n2 P2 n1); `materialize` sees it and runs the rules instead."""
    onto = tmp_path / "onto.ttl"
    onto.write_text(f"""@prefix ex: <{EX}> . @prefix owl: <{terms.OWL}> . @prefix rdfs: <{terms.RDFS}> .
        ex:P0 owl:inverseOf ex:P1 . ex:P1 rdfs:subPropertyOf ex:P2 . ex:n2 ex:P1 ex:n1 .""",
                    encoding="utf-8")
    tables = rule_tables(ontology_quads(onto))
    assert not tables.exact and "the ontology asserts triples the rules could infer" in tables.why_not_exact
    data = [ox.Quad(ex("n1"), ex("P0"), ex("n2"), terms.graph("a"))]
    assert infer(tables, data) == [ox.Quad(ex("n2"), ex("P2"), ex("n1"), terms.INFERRED_GRAPH)]
    assert materialize(data, onto) == materialize_reference(data, onto) == []


def test_rdf_type_in_a_property_axiom_falls_back_to_the_rules(tmp_path: Path) -> None:
    onto = tmp_path / "onto.ttl"
    onto.write_text(f"""@prefix ex: <{EX}> . @prefix rdfs: <{terms.RDFS}> .
        ex:kind rdfs:subPropertyOf <{terms.RDF}type> . ex:C rdfs:subClassOf ex:D .""", encoding="utf-8")
    assert rule_tables(ontology_quads(onto)).why_not_exact == "rdf:type takes part in a property axiom"
    data = [ox.Quad(ex("n1"), ex("kind"), ex("C"), terms.graph("a"))]
    expected = [ox.Quad(ex("n1"), A, ex(c), terms.INFERRED_GRAPH) for c in ("C", "D")]
    assert materialize(data, onto) == materialize_reference(data, onto) == expected


def test_rule_tables_close_the_schema() -> None:
    """ag:hasMember: its inverse ag:memberOf and both superproperties, and every class the
    domains and ranges of all four imply, with their superclasses."""
    tables = rule_tables(ontology_quads())
    rule = tables.node_rules[ag("hasMember")]
    assert rule.forward == (ox.NamedNode(terms.ORG + "hasMember"),)
    assert set(rule.backward) == {ag("memberOf"), ox.NamedNode(terms.ORG + "memberOf")}
    assert {ag("Organisation"), ag("Actor"), ox.NamedNode(terms.PROV + "Agent"),
            ox.NamedNode(terms.ORG + "Organization")} <= rule.x_types
    assert ox.NamedNode(terms.OWL + "Thing") not in rule.x_types | rule.y_types
    assert ag("Actor") in rule.y_types and ag("Organisation") not in rule.y_types
    assert tables.supers[ag("Country")] >= {ag("Actor"), ox.NamedNode(terms.FOAF + "Agent")}
    assert ag("speaker") in tables.value_rules  # a literal object still gets the domain


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_bench", ROOT / "bench" / "load_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_fast_pass_equals_the_rules_on_100k_synthetic_quads(tmp_path: Path) -> None:
    """The benchmark's generator (the shape of triples/ at scale), 100k quads."""
    n = _load_bench().generate(tmp_path, 100_000)
    quads = ontology_quads() + read_quads(tmp_path / "catalog.ttl", default_graph=terms.CATALOG_GRAPH)
    for f in sorted((tmp_path / "triples").glob("*.trig")):
        quads += read_quads(f)
    assert len(quads) >= n
    reference = materialize_reference(quads)
    assert len(reference) > 10_000
    assert_same(materialize(iter(quads)), reference)
