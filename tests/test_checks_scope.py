"""The check queries scoped to a change find what the full checks find about it.

A store on disk holds graph A (unchanged) and graph B (before); B is replaced (after). For each
case and each check: the problems the full checks find after and did not find before are all
found by the checks scoped to B, and the scoped checks find nothing the full checks do not. A
problem between A and B (two sources typing one IRI with disjoint classes, sharing a label or
a Wikidata item) is found from B alone."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.rdf.read import ontology_quads
from loaders.store import derive
from loaders.validation.checks import load_checks, run_checks
from ontology import terms

PREFIXES = """@prefix ag: <https://w3id.org/alliancegraph/ontology#> .
@prefix agid: <https://w3id.org/alliancegraph/id/> .
@prefix agsrc: <https://w3id.org/alliancegraph/source/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
A = terms.graph("zz-a")
B = terms.graph("zz-b")
CLAIM = 'agid:zz-c a ag:Claim ; prov:wasDerivedFrom agsrc:zz-b ; rdf:subject agid:zz-x ; ' \
        'rdf:predicate ag:partnerOf ; rdf:object agid:zz-y .'
SOURCE_B = 'agsrc:zz-b a ag:Source ; dcterms:identifier "zz-b" .'
# case: (A, B before, B after, the check that must find a problem touching B)
CASES = {
    "disjoint": ("agid:zz-x a ag:Person .", "", "agid:zz-x a ag:Country .",
                 "disjoint-types"),
    "disjoint-inferred": ("agid:zz-x a ag:Person .", "",
                          "agid:zz-d ag:concernsTerritory agid:zz-x .", "disjoint-types"),
    "functional": ("agid:zz-r ag:stance ag:Supportive .", "",
                   "agid:zz-r ag:stance ag:Opposed .", "functional-values"),
    "label": ('agid:zz-x a ag:Country ; rdfs:label "Zz Land"@en .', "",
              'agid:zz-y a ag:Place ; rdfs:label "Zz Land"@en .', "duplicate-label"),
    "label-reverse": ('agid:zz-y a ag:Place ; rdfs:label "Zz Land"@en .', "",
                      'agid:zz-x a ag:Country ; rdfs:label "Zz Land"@en .', "duplicate-label"),
    "wikidata": ("agid:zz-x owl:sameAs <http://www.wikidata.org/entity/Q999999> .", "",
                 "agid:zz-y owl:sameAs <http://www.wikidata.org/entity/Q999999> .",
                 "shared-wikidata"),
    "claim-graph": (SOURCE_B, "", CLAIM.replace("agsrc:zz-b", "agsrc:zz-a") +
                    ' agsrc:zz-a a ag:Source ; dcterms:identifier "zz-a" .', "claim-graph"),
    "triple-removed": (SOURCE_B, CLAIM + " agid:zz-x ag:partnerOf agid:zz-y .", CLAIM,
                       "claim-triple-missing"),
    "uncatalogued": ("", "", CLAIM, "uncatalogued-source"),
    "undeclared": ("", "", "agid:zz-x ag:memberof agid:zz-y .", "undeclared-term"),
    "length": ("", "", 'agid:zz-e oa:exact "abc" ; oa:start 0 ; oa:end 4 .', "evidence-length"),
    "boilerplate": (SOURCE_B + " agsrc:zz-b ag:boilerplate agid:zz-bp . "
                    "agid:zz-bp oa:start 0 ; oa:end 10 .", "",
                    "agid:zz-c ag:evidence agid:zz-e ; prov:wasDerivedFrom agsrc:zz-b . "
                    "agid:zz-e oa:start 2 ; oa:end 5 .", "evidence-in-boilerplate"),
}


def quads(body: str, graph: ox.NamedNode) -> list[ox.Quad]:
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(PREFIXES + body, format=ox.RdfFormat.TURTLE)]


def reason(store: ox.Store) -> None:
    if store.contains_named_graph(terms.INFERRED_GRAPH):
        store.remove_graph(terms.INFERRED_GRAPH)
    derive.infer_all(store, progress=False)


def of(check: str, lines: list[str]) -> set[str]:
    return {line for line in lines if line.startswith(check + "-violation:")}


@pytest.fixture
def store(tmp_path: Path) -> ox.Store:
    s = ox.Store(str(tmp_path / "store"))
    s.extend(ontology_quads())
    return s


@pytest.mark.parametrize("case", sorted(CASES))
def test_scoped_checks_find_what_the_full_checks_find_about_the_change(case: str,
                                                                      store: ox.Store) -> None:
    a, before, after, expected = CASES[case]
    store.extend(quads(a, A) + quads(before, B))
    reason(store)
    full_before = run_checks(store)
    store.remove_graph(B)
    store.extend(quads(after, B))
    reason(store)
    full_after, scoped = run_checks(store), run_checks(store, changed={B})
    assert of(expected, scoped), f"{expected} found nothing: {full_after}"
    for check in load_checks():
        new = of(check.name[:-len("-violation")], full_after) - set(full_before)
        found = of(check.name[:-len("-violation")], scoped)
        assert new <= found, f"{check.name}: missed {new - found}"
        assert found <= set(full_after), f"{check.name}: not in the full check {found}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_check_in_full_gives_the_rows_of_its_query(case: str, store: ox.Store) -> None:
    """The full run (duplicate-label: candidates first, then their holders) == the query."""
    a, _, after, _ = CASES[case]
    store.extend(quads(a, A) + quads(after, B))
    reason(store)
    for check in load_checks():
        assert sorted(check.rows(store)) == sorted(check._lines(store, None)), check.name


def test_a_problem_among_unchanged_graphs_is_not_reported_again(store: ox.Store) -> None:
    store.extend(quads("agid:zz-x ag:memberof agid:zz-y . agid:zz-p a ag:Person .", A))
    store.extend(quads("agid:zz-p a ag:Country .", terms.graph("zz-c")))
    store.extend(quads('agid:zz-q a ag:Person ; rdfs:label "Zz Q"@en .', B))
    reason(store)
    assert len(run_checks(store)) == 2  # the undeclared term in A; A and C's disjoint types
    assert run_checks(store, changed={B}) == []


def test_a_scope_without_problems_costs_no_full_pass(store: ox.Store) -> None:
    """An empty change runs nothing (a check without a scope would run in full)."""
    assert all(c.scope for c in load_checks())
    assert run_checks(store, changed=set()) == []
