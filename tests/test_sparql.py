"""/sparql over real HTTP: every format, content negotiation, the dataset parameters,
errors, CORS and the service description, checked against a direct query of the same store.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import rdflib
import requests
from flask.testing import FlaskClient

AG = "https://w3id.org/alliancegraph/ontology#"
ID = "https://w3id.org/alliancegraph/id/"
G = "https://w3id.org/alliancegraph/graph/"
COUNTRIES = (f"SELECT ?c ?label WHERE {{ ?c a <{AG}Country> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?c")
CONSTRUCT = f"CONSTRUCT {{ ?c a <{AG}Country> }} WHERE {{ ?c a <{AG}Country> }}"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def direct_rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of a direct pyoxigraph query (union default graph), values as strings."""
    res = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in res.variables]
    return [tuple(sol[n].value for n in names) for sol in res]


def json_rows(body: dict) -> list[tuple[str, ...]]:
    names = body["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in body["results"]["bindings"]]


def test_get_json_matches_direct_query(endpoint: str, direct_store: ox.Store) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/sparql-results+json")
    assert json_rows(r.json()) == direct_rows(direct_store, COUNTRIES)
    assert len(json_rows(r.json())) == 3


def test_post_form_and_direct_post_agree(endpoint: str, direct_store: ox.Store) -> None:
    form = requests.post(endpoint, data={"query": COUNTRIES})
    direct = requests.post(endpoint, data=COUNTRIES.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200
    assert json_rows(form.json()) == json_rows(direct.json()) == direct_rows(direct_store,
                                                                             COUNTRIES)


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "application/xml"])
def test_select_xml(endpoint: str, direct_store: ox.Store, accept: str) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES}, headers={"Accept": accept})
    assert r.headers["Content-Type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(r.content)
    rows = [tuple(next(iter(b)).text for b in res.findall(f"{SRX}binding"))
            for res in root.iter(f"{SRX}result")]
    assert rows == direct_rows(direct_store, COUNTRIES)


def test_select_csv_and_tsv(endpoint: str, direct_store: ox.Store) -> None:
    expected = direct_rows(direct_store, COUNTRIES)
    r = requests.get(endpoint, params={"query": COUNTRIES}, headers={"Accept": "text/csv"})
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["c", "label"] and [tuple(x) for x in rows[1:]] == expected
    r = requests.get(endpoint, params={"query": COUNTRIES},
                     headers={"Accept": "text/tab-separated-values"})
    lines = r.text.splitlines()
    assert lines[0] == "?c\t?label"
    assert lines[1].split("\t")[0] == f"<{expected[0][0]}>"


def test_ask(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": f"ASK {{ <{ID}japan> ?p ?o }}"})
    assert r.json()["boolean"] is True
    r = requests.get(endpoint, params={"query": f"ASK {{ <{ID}narnia> ?p ?o }}"},
                     headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(r.content).find(f"{SRX}boolean").text == "false"


RDF_FORMATS = [("text/turtle", "turtle"), ("application/n-triples", "nt"),
               ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
               ("application/trig", "trig"), ("application/n-quads", "nquads")]


@pytest.mark.parametrize("media,rdflib_format", RDF_FORMATS)
def test_construct_every_rdf_format(endpoint: str, media: str, rdflib_format: str) -> None:
    r = requests.get(endpoint, params={"query": CONSTRUCT}, headers={"Accept": media})
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == media
    g = rdflib.Dataset() if rdflib_format in ("trig", "nquads") else rdflib.Graph()
    g.parse(data=r.content, format=rdflib_format)
    subjects = {str(s) for s, _, _ in g.triples((None, None, None))}
    assert subjects == {ID + "japan", ID + "australia", ID + "china"}


def test_describe(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": f"DESCRIBE <{ID}japan>"},
                     headers={"Accept": "application/n-triples"})
    triples = [q.triple for q in ox.parse(r.content, ox.RdfFormat.N_TRIPLES)]
    assert ox.Triple(ox.NamedNode(ID + "japan"), ox.NamedNode(AG + "participatesIn"),
                     ox.NamedNode(ID + "isaf")) in triples


def test_conneg_honours_q_values(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES}, headers={
        "Accept": "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"})
    assert r.headers["Content-Type"].startswith("text/csv")
    r = requests.get(endpoint, params={"query": CONSTRUCT}, headers={
        "Accept": "text/turtle;q=0.2, application/ld+json"})
    assert r.headers["Content-Type"].startswith("application/ld+json")


def test_format_parameter_wins_over_accept(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES, "format": "tsv"},
                     headers={"Accept": "application/sparql-results+json"})
    assert r.headers["Content-Type"].startswith("text/tab-separated-values")
    r = requests.get(endpoint, params={"query": CONSTRUCT, "format": "nt"})
    assert r.headers["Content-Type"].startswith("application/n-triples")


def test_unacceptable_accept_is_406(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.json()["message"]
    r = requests.get(endpoint, params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_default_graph_is_the_union(endpoint: str) -> None:
    q = f"SELECT ?s WHERE {{ ?s <{AG}stance> ?o }}"
    assert len(requests.get(endpoint, params={"query": q}).json()["results"]["bindings"]) == 1
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n = int(requests.get(endpoint, params={"query": q}).json()
            ["results"]["bindings"][0]["n"]["value"])
    assert n == 45  # every quad of every graph, and the default graph's one triple


def test_default_graph_uri_restricts_the_default_graph(endpoint: str) -> None:
    q = f"SELECT ?c WHERE {{ ?c a <{AG}Country> }} ORDER BY ?c"
    r = requests.get(endpoint, params={"query": q, "default-graph-uri": G + "s2"})
    assert [b["c"]["value"] for b in r.json()["results"]["bindings"]] == [ID + "china"]
    r = requests.get(endpoint, params=[("query", q), ("default-graph-uri", G + "s1"),
                                       ("default-graph-uri", G + "s2")])
    assert len(r.json()["results"]["bindings"]) == 3


def test_named_graph_uri_restricts_graph_patterns(endpoint: str) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = requests.post(endpoint, data={"query": q, "named-graph-uri": [G + "s1", G + "catalog"]})
    assert {b["g"]["value"] for b in r.json()["results"]["bindings"]} == {G + "s1",
                                                                          G + "catalog"}


def test_from_clause_is_honoured(endpoint: str) -> None:
    q = f"SELECT ?c FROM <{G}s2> WHERE {{ ?c a <{AG}Country> }}"
    r = requests.get(endpoint, params={"query": q})
    assert [b["c"]["value"] for b in r.json()["results"]["bindings"]] == [ID + "china"]


def test_bad_graph_iri_is_400(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES, "default-graph-uri": "not an iri"})
    assert r.status_code == 400 and "not an absolute IRI" in r.json()["message"]


def test_syntax_error_names_line_and_column(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert r.status_code == 400
    body = r.json()
    assert body["line"] == 3 and body["column"] >= 1
    assert "line 3" in body["message"]


def test_update_on_sparql_is_refused_and_changes_nothing(endpoint: str,
                                                         direct_store: ox.Store) -> None:
    before = len(direct_store)
    update = f"INSERT DATA {{ <{ID}x> <{AG}memberOf> <{ID}nato> }}"
    for r in (requests.post(endpoint, data={"update": update}),
              requests.post(endpoint, data={"query": update}),
              requests.post(endpoint, data=update, headers={
                  "Content-Type": "application/sparql-update"}),
              requests.get(endpoint, params={"query": "PREFIX a: <x:> DELETE WHERE { ?s ?p ?o }"})):
        assert r.status_code == 403, r.text
        assert "read-only" in r.json()["message"]
    assert len(direct_store) == before
    r = requests.get(endpoint, params={"query": f"ASK {{ <{ID}x> ?p ?o }}"})
    assert r.json()["boolean"] is False


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . { SeRvIcE ?endpoint { ?s ?p ?o } } }",
    "SELECT * WHERE {\n#comment\nSERVICE<http://127.0.0.1:1/x>{?s ?p ?o}}",
    "PREFIX s: <http://127.0.0.1:1/> SELECT * { SERVICE s:x { ?s ?p \"SERVICE\" } }",
    "ASK { FILTER(1<2) SERVICE <http://127.0.0.1:1/> {} }",
    "SELECT * { { SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } } } }",
])
def test_service_is_refused(endpoint: str, query: str) -> None:
    r = requests.get(endpoint, params={"query": query})
    assert r.status_code == 403
    assert "SERVICE" in r.json()["message"]


@pytest.mark.parametrize("query", [
    f'SELECT ?s WHERE {{ ?s <{AG}quote> ?q FILTER(CONTAINS(?q, "SERVICE")) }}',
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:SERVICE ?o }",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE <http://127.0.0.1:1/>",
])
def test_the_word_service_elsewhere_is_fine(endpoint: str, query: str) -> None:
    assert requests.get(endpoint, params={"query": query}).status_code == 200


def test_over_length_query_is_413(endpoint: str) -> None:
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_001
    assert requests.post(endpoint, data={"query": long}).status_code == 413
    r = requests.post(endpoint, data=long.encode(),
                      headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_unknown_content_type_is_415(endpoint: str) -> None:
    r = requests.post(endpoint, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_empty_query_is_400(endpoint: str) -> None:
    assert requests.get(endpoint, params={"query": "  "}).status_code == 400


def test_head_gives_headers_only(endpoint: str) -> None:
    r = requests.head(endpoint, params={"query": COUNTRIES})
    assert r.status_code == 200 and r.content == b""
    assert r.headers["Content-Type"].startswith("application/sparql-results+json")


def test_options_and_cors(endpoint: str) -> None:
    r = requests.options(endpoint, headers={"Origin": "http://example.org",
                                            "Access-Control-Request-Method": "POST"})
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "GET" in r.headers["Allow"]
    r = requests.get(endpoint, params={"query": COUNTRIES}, headers={"Origin": "http://x.org"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    r = requests.get(endpoint, params={"query": "SELECT"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_unsupported_method_is_405(endpoint: str) -> None:
    r = requests.put(endpoint, params={"query": "ASK {}"})
    assert r.status_code == 405


def test_service_description(endpoint: str) -> None:
    r = requests.get(endpoint, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    svc = rdflib.URIRef("https://w3id.org/alliancegraph/sparql")  # the IRI VoID names too
    assert (svc, rdflib.RDFS.seeAlso, rdflib.URIRef(endpoint)) in g
    assert (svc, rdflib.RDF.type, sd.Service) in g
    assert (svc, sd.endpoint, svc) in g
    assert (svc, sd.feature, sd.UnionDefaultGraph) in g
    assert (svc, sd.resultFormat,
            rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in g
    dataset = g.value(svc, sd.defaultDataset)
    assert (dataset, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), svc) in g
    r = requests.get(endpoint, headers={"Accept": "application/ld+json"})
    assert r.headers["Content-Type"].startswith("application/ld+json")
    json.loads(r.text)


def test_browser_gets_a_query_form(client: FlaskClient) -> None:
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and b"<form" in r.data


def test_errors_in_html_for_browsers_elsewhere(client: FlaskClient) -> None:
    r = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert r.status_code == 404 and b"<h1>404" in r.data
    r = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.json["status"] == 404


def test_etag_and_304(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": COUNTRIES})
    etag = r.headers["ETag"]
    assert etag.startswith('W/"v-')
    again = requests.get(endpoint, params={"query": COUNTRIES}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = requests.get(endpoint, params={"query": COUNTRIES},
                         headers={"If-None-Match": etag, "Accept": "text/csv"})
    assert other.status_code == 200 and other.headers["ETag"] != etag


def test_cached_answer_is_identical(endpoint: str) -> None:
    q = COUNTRIES + " LIMIT 2"
    first = requests.get(endpoint, params={"query": q})
    second = requests.get(endpoint, params={"query": q})
    assert first.content == second.content and first.headers["ETag"] == second.headers["ETag"]


@pytest.fixture(scope="module")
def two_paths(store_location):  # type: ignore[no-untyped-def]
    """The same app with and without the fast path (server/fastpath.py)."""
    from conftest import app_with

    fast = app_with(store_location, SPARQL_CACHE_BYTES=0)
    slow = app_with(store_location, SPARQL_CACHE_BYTES=0, SPARQL_FAST_PATH=False)
    yield fast.test_client(), slow.test_client()
    for app in (fast, slow):
        app.extensions["alliancegraph.engine"].close()


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv",
                                    "application/sparql-results+xml", "*/*"])
@pytest.mark.parametrize("query", [COUNTRIES, CONSTRUCT, f"ASK {{ <{ID}japan> ?p ?o }}",
                                   "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "SELECT * {"])
def test_fast_path_answers_as_flask_does(two_paths, query: str,  # type: ignore[no-untyped-def]
                                         accept: str) -> None:
    fast, slow = two_paths
    for method in ("get", "head"):
        a = getattr(fast, method)("/sparql", query_string={"query": query},
                                  headers={"Accept": accept})
        b = getattr(slow, method)("/sparql", query_string={"query": query},
                                  headers={"Accept": accept})
        assert (a.status_code, a.data) == (b.status_code, b.data)
        drop = {"Date", "Server", "Content-Length", "Transfer-Encoding"}
        assert {k: v for k, v in a.headers.items() if k not in drop} == \
               {k: v for k, v in b.headers.items() if k not in drop}
