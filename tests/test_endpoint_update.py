"""The update side of the protocol against `alliancegraph serve` as deployed (gunicorn, the
default two web processes, an admin token): the W3C SPARQL 1.1 Protocol update cases, the
W3C Graph Store Protocol cases (indirect graph identification), concurrent writes from
several clients, the union default graph in WHERE, truthful service descriptions, CORS.

Written from w3c/rdf-tests `sparql/sparql11/protocol/manifest.ttl` and
`sparql/sparql11/graph-store-protocol/manifest-indirect.ttl` (read, not copied): the same
requests and expected statuses, sent to /update and /store instead of /sparql/ and /gsp.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import requests
from conftest import SERVER_SAMPLE, command_serving, make_store

TOKEN = "w3c-update-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
D = "http://kasei.us/2009/09/sparql/data/"
FOAF = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
DATA3 = (f"INSERT DATA {{ GRAPH <{D}data1.rdf> {{ <{D}data1.rdf> a foaf:Document }}\n"
         f"GRAPH <{D}data2.rdf> {{ <{D}data2.rdf> a foaf:Document }}\n"
         f"GRAPH <{D}data3.rdf> {{ <{D}data3.rdf> a foaf:Document }} }} ;\n")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("update")
    location = make_store(root / "store", [SERVER_SAMPLE])
    env = {"ALLIANCEGRAPH_ADMIN_TOKEN": TOKEN, "ALLIANCEGRAPH_RATE_EXEMPT": "127.0.0.1",
           "ALLIANCEGRAPH_SPARQL_CLIENT_QUERIES": "0"}
    with command_serving(location, root / "serve.log", "--workers", "2",
                          env=env) as url:
        yield url


def update(base: str, text: str, query: str = "", ctype: str = "application/sparql-update",
           body: bytes | None = None) -> requests.Response:
    return requests.post(f"{base}/update{query}", data=text.encode() if body is None else body,
                         headers={**AUTH, "Content-Type": ctype}, timeout=60)


def ask(base: str, query: str) -> bool:
    r = requests.post(base + "/sparql", data=query.encode(),
                      headers={"Content-Type": "application/sparql-query",
                               "Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200, r.text
    return bool(r.json()["boolean"])


def g(kind: str, *names: str) -> str:
    return "?" + "&".join(f"{kind}={quote(D + n, safe='')}" for n in names)


# -- W3C protocol: update cases ------------------------------------------------------------

def test_update_dataset_default_graph(base: str) -> None:
    text = (FOAF + f"CLEAR ALL ;\nINSERT DATA {{ GRAPH <{D}data1.rdf> {{ <{D}data1.rdf> a "
            "foaf:Document } } ;\nINSERT { GRAPH <http://example.org/protocol-update-dataset-"
            "test/> { ?s a dc:BibliographicResource } }\nWHERE { ?s a foaf:Document }")
    r = update(base, text, g("using-graph-uri", "data1.rdf"))
    assert r.status_code in (200, 204), r.text
    assert ask(base, "ASK { GRAPH <http://example.org/protocol-update-dataset-test/> { "
                     f"<{D}data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> }} }}")


def test_update_dataset_default_graphs(base: str) -> None:
    text = (FOAF + "CLEAR ALL ;\n" + DATA3.replace("GRAPH <" + D + "data3.rdf> { <" + D
                                                   + "data3.rdf> a foaf:Document }\n", "")
            + "INSERT { GRAPH <http://example.org/protocol-update-dataset-graphs-test/> { "
              "?s a dc:BibliographicResource } }\nWHERE { ?s a foaf:Document }")
    r = update(base, text, g("using-graph-uri", "data1.rdf", "data2.rdf"))
    assert r.status_code in (200, 204), r.text
    out = "<http://example.org/protocol-update-dataset-graphs-test/>"
    bib = "<http://purl.org/dc/terms/BibliographicResource>"
    assert ask(base, f"ASK {{ GRAPH {out} {{ <{D}data1.rdf> a {bib} . <{D}data2.rdf> a {bib} "
                     "} }")


def test_update_dataset_named_graphs(base: str) -> None:
    out = "<http://example.org/protocol-update-dataset-named-graphs-test/>"
    text = (FOAF + "DROP ALL ;\n" + DATA3 + f"INSERT {{ GRAPH {out} {{ ?s a "
            "dc:BibliographicResource } }\nWHERE { GRAPH ?g { ?s a foaf:Document } }")
    r = update(base, text, g("using-named-graph-uri", "data1.rdf", "data2.rdf"))
    assert r.status_code in (200, 204), r.text
    bib = "<http://purl.org/dc/terms/BibliographicResource>"
    assert ask(base, f"ASK {{ GRAPH {out} {{ <{D}data1.rdf> a {bib} . <{D}data2.rdf> a {bib} }}"
                     f" FILTER NOT EXISTS {{ GRAPH {out} {{ <{D}data3.rdf> a {bib} }} }} }}")


def test_update_dataset_full(base: str) -> None:
    out = "<http://example.org/protocol-update-dataset-full-test/>"
    text = (FOAF + "DROP ALL ;\n" + DATA3 + f"INSERT {{ GRAPH {out} {{ ?s <http://example.org/"
            "in> ?in } }\nWHERE { { GRAPH ?g { ?s a foaf:Document } BIND(?g AS ?in) } UNION "
            "{ ?s a foaf:Document . BIND(\"default\" AS ?in) } }")
    r = update(base, text, g("using-graph-uri", "data1.rdf") + "&"
               + g("using-named-graph-uri", "data2.rdf")[1:])
    assert r.status_code in (200, 204), r.text
    assert ask(base, f"ASK {{ GRAPH {out} {{ <{D}data1.rdf> <http://example.org/in> \"default\" "
                     f". <{D}data2.rdf> <http://example.org/in> <{D}data2.rdf> }} FILTER NOT "
                     f"EXISTS {{ GRAPH {out} {{ <{D}data3.rdf> ?p ?o }} }} }}")


def test_update_post_form_and_direct(base: str) -> None:
    r = update(base, "", ctype="application/x-www-form-urlencoded", body=b"update=CLEAR+ALL")
    assert r.status_code in (200, 204), r.text
    assert update(base, "CLEAR ALL").status_code in (200, 204)


def test_update_base_uri(base: str) -> None:
    text = ("CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;\nINSERT DATA { GRAPH "
            "<http://example.org/protocol-base-test/> { <http://example.org/s> "
            "<http://example.org/p> <test> } }")
    r = update(base, text)
    assert r.status_code in (200, 204), r.text
    assert ask(base, "ASK { GRAPH <http://example.org/protocol-base-test/> { "
                     "<http://example.org/s> <http://example.org/p> ?o "
                     "FILTER (isIRI(?o) && STR(?o) != \"test\") } }")


@pytest.mark.parametrize(("name", "method", "query", "ctype", "body"), [
    ("bad_update_get", "GET", "?update=CLEAR%20ALL", None, b""),
    ("bad_multiple_updates", "POST", "", "application/x-www-form-urlencoded",
     b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"),
    ("bad_update_wrong_media_type", "POST", "", "text/plain", b"CLEAR NAMED"),
    ("bad_update_missing_form_type", "POST", "", None, b"update=CLEAR%20NAMED"),
    ("bad_update_non_utf8", "POST", "", "application/sparql-update; charset=UTF-16",
     "CLEAR NAMED".encode("utf-16")),
    ("bad_update_syntax", "POST", "", "application/x-www-form-urlencoded",
     b"update=CLEAR%20XYZ"),
    ("bad_update_dataset_conflict", "POST", "?using-named-graph-uri=http%3A%2F%2Fexample%2F"
     "people", "application/sparql-update",
     b"PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\nDELETE { "
     b"?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\nWHERE { "
     b"?person foaf:givenName 'Bill' }"),
    ("invalid UTF-8 bytes (ours)", "POST", "", "application/sparql-update", b"CLEAR \xff ALL"),
])
def test_bad_update_is_4xx_and_changes_nothing(base: str, name: str, method: str, query: str,
                                               ctype: str | None, body: bytes) -> None:
    marker = "INSERT DATA { <http://example.org/m> <http://example.org/p> 1 }"
    assert update(base, marker).status_code == 204
    headers = dict(AUTH)
    if ctype:
        headers["Content-Type"] = ctype
    r = requests.request(method, f"{base}/update{query}", data=body, headers=headers,
                         timeout=30)
    assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
    assert r.headers["Content-Type"] == "application/json"
    assert ask(base, "ASK { <http://example.org/m> <http://example.org/p> 1 }")  # unchanged


def test_query_form_post_without_query_is_4xx(base: str) -> None:
    r = requests.post(base + "/sparql", data={"default-graph-uri": D + "data1.rdf"}, timeout=30)
    assert r.status_code == 400 and "query=" in r.json()["message"]


# -- the union default graph, and writes under two web processes ---------------------------

def test_update_where_sees_the_union_default_graph(base: str) -> None:
    data = ("INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/x> a "
            "<http://example.org/Country> } }")
    assert update(base, data).status_code == 204
    text = ("INSERT { GRAPH <http://example.org/g2> { ?c <http://example.org/seen> true } } "
            "WHERE { ?c a <http://example.org/Country> }")
    assert update(base, text).status_code == 204
    assert ask(base, "ASK { ?c a <http://example.org/Country> }")  # /sparql's union view
    assert ask(base, "ASK { GRAPH <http://example.org/g2> { <http://example.org/x> "
                     "<http://example.org/seen> true } }")


def test_concurrent_writes_from_both_web_processes(base: str) -> None:
    """30 writes from 3 clients at once: every one succeeds (no 'locked by another writer'),
    and every one is in the store afterwards."""
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(k: int) -> None:
        for i in range(10):
            r = update(base, f"INSERT DATA {{ GRAPH <http://example.org/conc> {{ "
                             f"<http://example.org/w{k}-{i}> <http://example.org/p> {i} }} }}")
            with lock:
                statuses.append(r.status_code)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [204] * 30, statuses
    r = requests.get(base + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                     "<http://example.org/conc> { ?s ?p ?o } }"}, timeout=30)
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == 30


# -- service descriptions and CORS ---------------------------------------------------------

def _sd(base: str, path: str) -> set[str]:
    r = requests.get(base + path, headers={"Accept": "application/n-triples"}, timeout=30)
    assert r.status_code == 200
    return {str(t.object.value) for t in ox.parse(r.content, ox.RdfFormat.N_TRIPLES)
            if t.predicate.value.endswith("#supportedLanguage")}


def test_service_descriptions_are_truthful(base: str) -> None:
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert _sd(base, "/sparql") == {sd + "SPARQL11Query"}  # /sparql refuses updates
    assert _sd(base, "/update") == {sd + "SPARQL11Update"}
    r = requests.post(base + "/sparql", data={"update": "CLEAR ALL"}, timeout=30)
    assert r.status_code == 403


@pytest.mark.parametrize("path", ["/update", "/store?graph=http%3A%2F%2Fexample.org%2Fg"])
def test_cors_on_admin_routes(base: str, path: str) -> None:
    r = requests.options(base + path, headers={
        "Origin": "https://tool.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"}, timeout=30)
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]
    r = requests.post(base + path, data=b"x", headers={"Origin": "https://tool.example"},
                      timeout=30)
    assert r.status_code == 401 and r.headers["Access-Control-Allow-Origin"] == "*"


# -- W3C Graph Store Protocol (indirect identification) ------------------------------------

PERSON = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix v: <http://www.w3.org/2006/vcard/ns#> .
<http://www.example/gsp/person/1> a foaf:Person;
    foaf:businessCard [ a v:VCard; v:fn "John Doe" ].
"""
TURTLE = {"Content-Type": "text/turtle; charset=utf-8"}


def gsp(base: str, method: str, query: str, body: str | bytes = b"",
        headers: dict[str, str] | None = None) -> requests.Response:
    data = body.encode() if isinstance(body, str) else body
    return requests.request(method, f"{base}/store{query}", data=data,
                            headers={**AUTH, **(headers or {})}, timeout=60)


def triples(r: requests.Response) -> set[tuple[str, str]]:
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"] == "text/turtle; charset=utf-8"
    return {(t.predicate.value, str(t.object.value) if not isinstance(t.object, ox.BlankNode)
             else "_") for t in ox.parse(r.content, ox.RdfFormat.TURTLE)}


G1 = "?graph=http%3A%2F%2Fwww.example%2Fgsp%2Fperson%2F1.ttl"
ACCEPT = {"Accept": "text/turtle"}


def test_gsp_put_get_post_multipart_head(base: str) -> None:
    gsp(base, "DELETE", G1)
    assert gsp(base, "PUT", G1, PERSON, TURTLE).status_code == 201
    got = triples(gsp(base, "GET", G1, headers=ACCEPT))
    assert ("http://www.w3.org/2006/vcard/ns#fn", "John Doe") in got
    assert gsp(base, "PUT", G1, PERSON.replace("John Doe", "Jane Doe"), TURTLE).status_code \
        in (200, 204)
    got = triples(gsp(base, "GET", "?graph=http://www.example/gsp/person/1.ttl", headers=ACCEPT))
    assert ("http://www.w3.org/2006/vcard/ns#fn", "Jane Doe") in got
    assert ("http://www.w3.org/2006/vcard/ns#fn", "John Doe") not in got
    post = ("@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<http://www.example/gsp/person/1> "
            "foaf:familyName \"Doe\" .")
    assert gsp(base, "POST", G1, post, TURTLE).status_code in (200, 204)
    boundary = "a6fe4cd636164618814be9f8d3d1a0de"
    parts = "".join(
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"{n}\"; filename=\"{n}\"\r\n"
        f"Content-Type: text/turtle; charset=utf-8\r\n\r\n@prefix foaf: <http://xmlns.com/foaf/"
        f"0.1/> .\r\n<http://www.example/gsp/person/1> foaf:{p} \"{v}\" .\r\n\r\n"
        for n, p, v in (("a.ttl", "givenName", "Jane"), ("b.ttl", "nick", "JD")))
    r = gsp(base, "POST", G1, parts + f"--{boundary}--\r\n",
            {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code in (200, 204), r.text
    got = triples(gsp(base, "GET", G1, headers=ACCEPT))
    for p, v in (("familyName", "Doe"), ("givenName", "Jane"), ("nick", "JD")):
        assert ("http://xmlns.com/foaf/0.1/" + p, v) in got
    head = gsp(base, "HEAD", G1, headers={"Accept": "text/turtle; charset=utf-8"})
    assert head.status_code == 200 and head.headers["Content-Type"].startswith("text/turtle")
    missing = "?graph=http%3A%2F%2Fwww.example%2Fgsp%2Fperson%2F4.ttl"
    assert gsp(base, "HEAD", missing, headers=ACCEPT).status_code == 404


def test_gsp_put_get_default(base: str) -> None:
    assert gsp(base, "PUT", "?default", PERSON, TURTLE).status_code in (200, 201, 204)
    got = triples(gsp(base, "GET", "?default", headers=ACCEPT))
    assert ("http://www.w3.org/2006/vcard/ns#fn", "John Doe") in got


def test_gsp_put_delete_get_delete(base: str) -> None:
    g2 = "?graph=http%3A%2F%2Fwww.example%2Fgsp%2Fperson%2F2.ttl"
    assert gsp(base, "PUT", g2, PERSON, TURTLE).status_code in (200, 201, 204)
    assert gsp(base, "DELETE", g2).status_code in (200, 204)
    assert gsp(base, "GET", g2, headers=ACCEPT).status_code == 404
    assert gsp(base, "DELETE", g2).status_code in (200, 204, 404)


def test_gsp_post_creates_a_graph(base: str) -> None:
    body = ("@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n[] a foaf:Person; foaf:name "
            "\"Alice\" .")
    r = gsp(base, "POST", "", body, TURTLE)
    assert r.status_code == 201
    location = r.headers["Location"]
    got = triples(gsp(base, "GET", "?graph=" + quote(location, safe=""), headers=ACCEPT))
    assert ("http://xmlns.com/foaf/0.1/name", "Alice") in got


def test_gsp_percent_encoding_is_decoded_once(base: str) -> None:
    once = "?graph=http://www.example/gsp/person/%2531.ttl"  # the graph named .../%31.ttl
    gsp(base, "DELETE", once)
    assert gsp(base, "PUT", once, PERSON.replace("John", "Once"), TURTLE).status_code == 201
    got = triples(gsp(base, "GET", "?graph=" + quote("http://www.example/gsp/person/%31.ttl",
                                                      safe=""), headers=ACCEPT))
    assert ("http://www.w3.org/2006/vcard/ns#fn", "Once Doe") in got


def test_gsp_bad_rdf_is_400_and_changes_nothing(base: str) -> None:
    g3 = "?graph=http%3A%2F%2Fwww.example%2Fgsp%2Fperson%2F3.ttl"
    assert gsp(base, "PUT", g3, PERSON, TURTLE).status_code in (200, 201, 204)
    assert gsp(base, "PUT", g3, "<a> <b> .", TURTLE).status_code == 400
    assert gsp(base, "PUT", g3, PERSON, {"Content-Type": "image/png"}).status_code == 415
    got = triples(gsp(base, "GET", g3, headers=ACCEPT))
    assert ("http://www.w3.org/2006/vcard/ns#fn", "John Doe") in got
