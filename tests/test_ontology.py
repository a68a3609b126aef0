"""The ontology: well-formed OWL 2 DL with metadata and alignments, consistent under HermiT."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.errors import ParseError
from loaders.paths import ONTOLOGY_FILE, SHAPES_FILE
from loaders.rdf.read import ontology_quads
from loaders.validation.hermit import check_consistency, rows, short
from loaders.validation.validate import check_ontology
from ontology import terms

BAD = Path(__file__).parent / "data" / "bad"
PFX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in terms.PREFIXES.items())


@pytest.fixture(scope="module")
def onto() -> ox.Store:
    store = ox.Store()
    store.extend(ontology_quads())
    return store


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(PFX + f"ASK {{ {where} }}", use_default_graph_as_union=True))


def select(store: ox.Store, query: str) -> list[str]:
    return [short(row[0]) for row in rows(store, PFX + query, use_default_graph_as_union=True)]


def test_ontology_quads_are_in_the_ontology_graph() -> None:
    quads = ontology_quads()
    assert len(quads) > 300
    assert {q.graph_name for q in quads} == {terms.ONTOLOGY_GRAPH}


def test_metadata(onto: ox.Store) -> None:
    o = f"<{terms.ONTOLOGY.value}>"
    assert ask(onto, f"{o} a owl:Ontology ; owl:versionIRI ?v ; dcterms:license ?l ; "
                     f"dcterms:creator ?c ; dcterms:modified ?m ; rdfs:comment ?k ; rdfs:label ?t")


def test_every_object_property_has_domain_range_and_inverse(onto: ox.Store) -> None:
    missing = select(onto, """SELECT ?p WHERE { ?p a owl:ObjectProperty
        FILTER(STRSTARTS(STR(?p), STR(ag:)))
        FILTER NOT EXISTS { ?p rdfs:domain ?d ; rdfs:range ?r } }""")
    assert missing == []
    relations = ["memberOf", "hasMember", "partnerOf", "hasPartner", "participatesIn",
                 "hasParticipant", "partyTo", "hasParty", "concernsTerritory", "supports",
                 "opposes", "locatedIn"]
    for name in relations:
        assert ask(onto, f"{{ ag:{name} owl:inverseOf ?i }} UNION {{ ?i owl:inverseOf ag:{name} }}"), name
    assert ask(onto, "ag:partnerOf a owl:SymmetricProperty")
    assert ask(onto, "ag:memberOf owl:inverseOf ag:hasMember")


def test_alignments(onto: ox.Store) -> None:
    for sub, sup in [("ag:Alliance", "org:FormalOrganization"),
                     ("ag:InternationalOrganisation", "org:FormalOrganization"),
                     ("ag:Partnership", "org:OrganizationalCollaboration"),
                     ("ag:Claim", "prov:Entity"), ("ag:Source", "prov:Entity"),
                     ("ag:Statement", "prov:Entity"), ("ag:Person", "foaf:Person"),
                     ("ag:Statement", "schema:Quotation"), ("ag:Claim", "schema:Claim"),
                     ("ag:Evidence", "oa:TextPositionSelector"), ("ag:Mission", "ag:Programme"),
                     ("ag:Operation", "ag:Programme")]:
        assert ask(onto, f"{sub} rdfs:subClassOf+ {sup}"), (sub, sup)
    assert ask(onto, "ag:memberOf rdfs:subPropertyOf org:memberOf")


def test_reused_terms_are_declared_so_the_file_is_dl(onto: ox.Store) -> None:
    """A class or property of another vocabulary in an axiom must be declared (OWL 2 DL)."""
    undeclared = select(onto, """SELECT DISTINCT ?t WHERE {
        { ?x rdfs:subClassOf|rdfs:domain|rdfs:range ?t } UNION { ?x rdfs:subPropertyOf ?t }
        UNION { ?x a ?t FILTER(STRSTARTS(STR(?x), STR(ag:))) }
        FILTER(isIRI(?t) && !STRSTARTS(STR(?t), STR(owl:)) && !STRSTARTS(STR(?t), STR(xsd:)))
        FILTER NOT EXISTS { ?t a ?kind VALUES ?kind { owl:Class owl:ObjectProperty
                             owl:DatatypeProperty owl:AnnotationProperty rdfs:Datatype } } }""")
    assert undeclared == []
    used = select(onto, """SELECT DISTINCT ?p WHERE { ?s ?p ?o
        FILTER(!STRSTARTS(STR(?p), STR(rdf:)) && !STRSTARTS(STR(?p), STR(rdfs:))
               && !STRSTARTS(STR(?p), STR(owl:)))
        FILTER NOT EXISTS { ?p a owl:AnnotationProperty } }""")
    assert used == []  # every annotation used on the ontology's terms is declared


def test_disjointness(onto: ox.Store) -> None:
    members = "owl:members/rdf:rest*/rdf:first"
    for a, b in [("ag:Person", "ag:Country"), ("ag:Country", "ag:Organisation")]:
        assert ask(onto, f"?l a owl:AllDisjointClasses ; {members} {a}, {b}")
    for a in ["ag:Actor", "ag:Place", "ag:Source", "ag:Claim", "ag:Statement", "ag:Dispute"]:
        assert ask(onto, f"?l a owl:AllDisjointClasses ; {members} {a}, ag:Programme")
    # NATO is both an alliance and an international organisation: these must stay compatible
    assert not ask(onto, f"?l a owl:AllDisjointClasses ; {members} ag:Alliance, ag:InternationalOrganisation")


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent_and_every_class_satisfiable() -> None:
    t0 = time.perf_counter()
    report = check_ontology()
    seconds = time.perf_counter() - t0
    assert report.conforms, report.text
    assert report.reasoner is not None and report.reasoner.consistent
    assert report.reasoner.unsatisfiable == ()
    assert seconds < 60
    print(f"HermiT on the ontology alone: {report.reasoner.seconds:.2f} s")


def test_shapes_file_parses() -> None:
    from loaders.rdf.read import read_quads
    assert len(read_quads(SHAPES_FILE)) > 50


def test_malformed_ontology_names_file_line_and_column() -> None:
    with pytest.raises(ParseError) as err:
        ontology_quads(BAD / "malformed.ttl")
    assert str(err.value) == f"{BAD / 'malformed.ttl'}:7:1: A dot is expected at the end of statements"
    assert (err.value.line, err.value.column) == (7, 1)
    report = check_ontology(ontology=BAD / "malformed.ttl")
    assert not report.conforms
    assert "malformed.ttl:7:1: A dot is expected" in report.text


@pytest.mark.slow
def test_unsatisfiable_class_is_named() -> None:
    from loaders.rdf.read import read_quads
    report = check_consistency(read_quads(BAD / "unsatisfiable_class.ttl"))
    assert report.consistent
    assert report.unsatisfiable == ("http://example.org/bad#Cyborg",)
    assert "unsatisfiable class http://example.org/bad#Cyborg" in report.text
    assert ONTOLOGY_FILE.exists()


# OWLAPI (inside owlready2's HermiT.jar) checks the OWL 2 DL profile; Java 11+ runs a single
# source file directly, so no build step is needed.
DL_CHECK = """
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;
import java.io.File;
public class DLCheck {
  public static void main(String[] files) throws Exception {
    for (String f : files) {
      OWLOntologyManager m = OWLManager.createOWLOntologyManager();
      OWLOntology o = m.loadOntologyFromOntologyDocument(new File(f));
      OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
      System.out.println(f + " axioms=" + o.getAxiomCount() + " violations=" + r.getViolations().size());
      for (OWLProfileViolation v : r.getViolations()) System.out.println("  " + v);
    }
  }
}
"""


@pytest.mark.slow
def test_owlapi_says_ontology_and_reasoner_input_are_owl2_dl(tmp_path: Path) -> None:
    import subprocess

    import owlready2

    from loaders.rdf.read import read_quads
    from loaders.validation.hermit import reasoner_input

    sample = read_quads(Path(__file__).parent / "data" / "sample.trig")
    with_data = tmp_path / "with_sample.ttl"
    with_data.write_bytes(ox.serialize(reasoner_input(ontology_quads(), sample),
                                       format=ox.RdfFormat.TURTLE) or b"")
    raw = tmp_path / "raw_sample.ttl"  # without the reasoner-input filter: not DL
    raw.write_bytes(ox.serialize([ox.Triple(q.subject, q.predicate, q.object)
                                  for q in ontology_quads() + sample], format=ox.RdfFormat.TURTLE) or b"")
    source = tmp_path / "DLCheck.java"
    source.write_text(DL_CHECK, encoding="utf-8")
    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    out = subprocess.run([owlready2.JAVA_EXE, "-cp", str(jar), str(source), str(ONTOLOGY_FILE),
                          str(with_data), str(raw)], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    lines = out.splitlines()
    assert lines[0].startswith(str(ONTOLOGY_FILE)) and lines[0].endswith(" violations=0"), out
    assert lines[1].startswith(str(with_data)) and lines[1].endswith(" violations=0"), out
    assert lines[2].startswith(str(raw)) and not lines[2].endswith(" violations=0"), out
    assert "Use of reserved vocabulary for annotation property IRI: rdf:" in out
