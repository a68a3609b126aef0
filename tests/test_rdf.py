"""RDF from extractions: claims as DESIGN.md says, deterministic TriG that parses back."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest

from loaders.extraction.pipeline import extract
from loaders.model import Article, Evidence, Extraction, Fact
from loaders.rdf.quads import claim_iri, extraction_quads, software_version, to_trig
from ontology import terms

TEXT = ("Chile and Peru contributed to ISAF. “NATO must stay out of Asia,” said Ana Ruiz, "
        "a Chilean diplomat. China objects.")


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract(Article(id="rdf-test", text=TEXT))


@pytest.fixture(scope="module")
def store(extraction: Extraction) -> ox.Store:
    s = ox.Store()
    s.extend(extraction_quads(extraction, TEXT))
    return s


def ask(store: ox.Store, where: str) -> list[ox.QuerySolution]:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in terms.PREFIXES.items())
    return list(store.query(prefixes + "SELECT * WHERE { " + where + " }",
                            use_default_graph_as_union=True))


def test_all_quads_in_the_source_graph(extraction: Extraction) -> None:
    quads = extraction_quads(extraction, TEXT)
    assert quads and {q.graph_name for q in quads} == {terms.graph("rdf-test")}


def test_fact_asserted_plainly_and_as_a_claim_with_evidence(store: ox.Store) -> None:
    rows = ask(store, """
        agid:chile ag:participatesIn agid:isaf .
        ?c a ag:Claim ; rdf:subject agid:chile ; rdf:predicate ag:participatesIn ;
           rdf:object agid:isaf ; prov:wasDerivedFrom agsrc:rdf-test ; ag:evidence ?e ;
           ag:reviewStatus ag:Unreviewed ; ag:confidence ?k ; prov:wasGeneratedBy ?a .
        ?e a ag:Evidence, oa:TextQuoteSelector, oa:TextPositionSelector ;
           oa:exact ?x ; oa:start ?s ; oa:end ?t .
        ?a a prov:Activity ; prov:used agsrc:rdf-test .""")
    assert len(rows) == 1
    r = rows[0]
    start, end = int(r["s"].value), int(r["t"].value)
    assert TEXT[start:end] == r["x"].value
    assert r["s"].datatype == ox.NamedNode(terms.XSD + "integer")
    assert 0 < float(r["k"].value) <= 1


def test_statement_with_speaker_quote_about_stance_and_claims(store: ox.Store) -> None:
    rows = ask(store, """
        ?st a ag:Statement ; ag:speaker agid:ana-ruiz ; ag:quote ?q ; ag:about ?about ;
            ag:stance ?stance ; prov:wasDerivedFrom agsrc:rdf-test .
        ?c1 a ag:Claim ; rdf:subject ?st ; rdf:predicate ag:speaker ; rdf:object agid:ana-ruiz .
        ?c2 a ag:Claim ; rdf:subject ?st ; rdf:predicate ag:quote ; rdf:object ?q .""")
    assert [r["q"].value for r in rows] == ["NATO must stay out of Asia,"]
    assert rows[0]["about"] == terms.entity("nato")


def test_entities_typed_labelled_and_linked(store: ox.Store) -> None:
    rows = ask(store, "agid:nato a ?cls ; rdfs:label ?l ; owl:sameAs ?wd .")
    assert rows[0]["wd"] == ox.NamedNode(terms.WD + "Q7184")
    assert rows[0]["l"].language == "en"
    assert ask(store, "agid:ana-ruiz owl:sameAs ?wd .") == []


def test_claim_iri_is_the_documented_hash() -> None:
    ev = Evidence("a1", 3, 9, "xxxxxx")
    s, p, o = terms.ID + "japan", terms.AG + "memberOf", terms.ID + "nato"
    expected = hashlib.sha256(f"a1|3|9|{s}|{p}|{o}".encode()).hexdigest()[:16]
    assert claim_iri("a1", ev, s, p, o).value == terms.CLAIM + expected


def test_wrong_evidence_is_refused() -> None:
    bad = Extraction("x", facts=(Fact("japan", "memberOf", "nato", Evidence("x", 0, 4, "nope"), 0.8),))
    with pytest.raises(ValueError, match="not the text"):
        extraction_quads(bad, "Japan is in NATO")


def test_trig_is_deterministic_sorted_and_parses_back(extraction: Extraction) -> None:
    quads = extraction_quads(extraction, TEXT)
    header = f"# alliancegraph-extractor: {software_version()} sha256: {'0' * 64}"
    first = to_trig(quads, header)
    assert first == to_trig(list(reversed(quads)), header)
    assert first.startswith(header + "\n@prefix ag: ")
    parsed = list(ox.parse(first.encode(), format=ox.RdfFormat.TRIG))
    assert set(parsed) == set(quads)


def test_trig_escapes_awkward_literals() -> None:
    g = terms.graph("esc")
    lit = ox.Literal('say "hi"\n\\ “quoted” é')
    quads = [ox.Quad(terms.entity("x"), terms.quote, lit, g)]
    assert list(ox.parse(to_trig(quads).encode(), format=ox.RdfFormat.TRIG)) == quads
