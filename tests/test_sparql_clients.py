"""Real SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore give
the same answers as a direct query of the store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, RDFXML, TURTLE, XML, SPARQLWrapper

AG = "https://w3id.org/alliancegraph/ontology#"
ID = "https://w3id.org/alliancegraph/id/"
SELECT = f"""PREFIX ag: <{AG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?who ?label WHERE {{ ?who ag:partnerOf ?nato ; rdfs:label ?label }} ORDER BY ?who"""
CONSTRUCT = f"""PREFIX ag: <{AG}>
CONSTRUCT {{ ?s ag:participatesIn ?p }} WHERE {{ ?s ag:participatesIn ?p }}"""


def direct(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    res = store.query(query, use_default_graph_as_union=True)
    return [tuple(sol[v].value for v in res.variables) for sol in res]


def direct_graph(store: ox.Store, query: str) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value)
            for t in store.query(query, use_default_graph_as_union=True)}


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json(endpoint: str, direct_store: ox.Store, method: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(method)
    sw.setQuery(SELECT)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    rows = [(b["who"]["value"], b["label"]["value"]) for b in res["results"]["bindings"]]
    assert rows == direct(direct_store, SELECT) and len(rows) == 2


def test_sparqlwrapper_xml(endpoint: str, direct_store: ox.Store) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(SELECT)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    uris = [n.firstChild.data for n in doc.getElementsByTagName("uri")]
    assert uris == [row[0] for row in direct(direct_store, SELECT)]


def test_sparqlwrapper_ask(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"ASK {{ <{ID}japan> <{AG}partnerOf> <{ID}nato> }}")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt", [RDFXML, TURTLE])
def test_sparqlwrapper_construct_into_rdflib(endpoint: str, direct_store: ox.Store,
                                             fmt: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(fmt)
    result = sw.query().convert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
        data=result, format="turtle")
    got = {(str(s), str(p), str(o)) for s, p, o in graph}
    assert got == direct_graph(direct_store, CONSTRUCT) and len(got) == 2


def test_rdflib_sparqlstore_select_and_construct(endpoint: str, direct_store: ox.Store) -> None:
    store = SPARQLStore(endpoint, returnFormat="json")
    graph = rdflib.Graph(store=store)
    rows = [(str(r.who), str(r.label)) for r in graph.query(SELECT)]
    assert rows == direct(direct_store, SELECT)
    # returnFormat="json" accepts only JSON results, which cannot hold a graph: 406.
    with pytest.raises(ValueError):
        graph.query(CONSTRUCT)
    constructed = rdflib.Graph(store=SPARQLStore(endpoint, returnFormat="xml")).query(
        CONSTRUCT).graph
    got = {(str(s), str(p), str(o)) for s, p, o in constructed}
    assert got == direct_graph(direct_store, CONSTRUCT)


def test_rdflib_sparqlstore_xml_results(endpoint: str, direct_store: ox.Store) -> None:
    store = SPARQLStore(endpoint, returnFormat="xml", method="POST")
    rows = [(str(r.who), str(r.label)) for r in rdflib.Graph(store=store).query(SELECT)]
    assert rows == direct(direct_store, SELECT)


def test_rdflib_sparqlstore_triples(endpoint: str) -> None:
    store = SPARQLStore(endpoint)
    graph = rdflib.Graph(store=store)
    labels = {str(o) for o in graph.objects(rdflib.URIRef(ID + "japan"), rdflib.RDFS.label)}
    assert labels == {"Japan"}
