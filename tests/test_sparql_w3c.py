"""The query side of the W3C SPARQL 1.1 Protocol tests, as HTTP tests against the real server.

Written from the manifest `sparql/sparql11/protocol/manifest.ttl` of w3c/rdf-tests (read, not
copied): the same requests (method, path, parameters, content type, body) and the same
expected outcomes (2xx with a boolean / tabular / RDF answer, or 4xx). The three data graphs
are our own stand-ins for the test suite's data1..data3: each names itself a foaf:Document.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from conftest import app_with, make_store, serving

D = "http://kasei.us/2009/09/sparql/data/"
TRIG = "\n".join(f"<{D}data{i}.rdf> {{ <{D}data{i}.rdf> a <http://xmlns.com/foaf/0.1/Document> }}"
                 for i in (1, 2, 3))
TABULAR = ("application/sparql-results+xml", "application/sparql-results+json",
           "text/tab-separated-values", "text/csv")
BOOLEAN = TABULAR[:2]
RDF = ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("w3c")
    data = root / "data.trig"
    data.write_text(TRIG, encoding="utf-8")
    app = app_with(make_store(root / "store", [Path(data)]))
    with serving(app) as url:
        yield url + "/sparql/"
    app.extensions["alliancegraph.engine"].close()


def boolean(r: requests.Response) -> bool:
    assert 200 <= r.status_code < 400, r.text
    media = r.headers["Content-Type"].split(";")[0]
    assert media in BOOLEAN
    if media.endswith("json"):
        return bool(r.json()["boolean"])
    node = ET.fromstring(r.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert node is not None
    return node.text == "true"


def g(*names: str, kind: str = "default") -> str:
    return "&".join(f"{kind}-graph-uri={quote(D + n, safe='')}" for n in names)


ASK_1_2 = f"ASK {{ <{D}data1.rdf> a ?type . <{D}data2.rdf> a ?type . }}"
ASK_NAMED = (f"ASK {{ GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} "
             f"GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}")
DIRECT = {"Content-Type": "application/sparql-query"}


def test_query_post_form(base: str) -> None:
    r = requests.post(f"{base}?{g('data0.rdf')}", data="query=ASK%20%7B%7D",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert boolean(r) is True


def test_query_dataset_default_graphs_get(base: str) -> None:
    r = requests.get(f"{base}?query={quote(ASK_1_2)}&{g('data1.rdf', 'data2.rdf')}")
    assert boolean(r) is True


def test_query_dataset_default_graphs_post(base: str) -> None:
    r = requests.post(f"{base}?{g('data1.rdf', 'data2.rdf')}", data=ASK_1_2, headers=DIRECT)
    assert boolean(r) is True


def test_query_dataset_named_graphs_post(base: str) -> None:
    url = f"{base}?{g('data1.rdf', 'data2.rdf', kind='named')}"
    assert boolean(requests.post(url, data=ASK_NAMED, headers=DIRECT)) is True


def test_query_dataset_named_graphs_get(base: str) -> None:
    url = f"{base}?query={quote(ASK_NAMED)}&{g('data1.rdf', 'data2.rdf', kind='named')}"
    assert boolean(requests.get(url)) is True


def test_query_dataset_full(base: str) -> None:
    q = (f"ASK {{ <{D}data3.rdf> a ?type GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} "
         f"GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}")
    url = f"{base}?{g('data3.rdf')}&{g('data1.rdf', 'data2.rdf', kind='named')}"
    assert boolean(requests.post(url, data=q, headers=DIRECT)) is True


def test_query_multiple_dataset_protocol_wins(base: str) -> None:
    q = f"ASK FROM <{D}data3.rdf> {ASK_NAMED[4:]}"
    url = f"{base}?{g('data1.rdf', 'data2.rdf', kind='named')}"
    assert boolean(requests.post(url, data=q, headers=DIRECT)) is True
    # and the protocol's default graph replaces the query's FROM:
    q = f"ASK FROM <{D}data3.rdf> {{ <{D}data3.rdf> a ?type }}"
    assert boolean(requests.post(f"{base}?{g('data1.rdf')}", data=q, headers=DIRECT)) is False
    assert boolean(requests.post(base, data=q, headers=DIRECT)) is True


def test_query_get(base: str) -> None:
    assert boolean(requests.get(f"{base}?query=ASK%20%7B%7D&{g('data0.rdf')}")) is True


def test_query_post_direct(base: str) -> None:
    assert boolean(requests.post(f"{base}?{g('data0.rdf')}", data="ASK {}", headers=DIRECT))


@pytest.mark.parametrize("query,expected", [
    ("SELECT (1 AS ?value) {}", TABULAR),
    ("ASK {}", BOOLEAN),
    ("DESCRIBE <http://example.org/>", RDF),
    ("CONSTRUCT { <s> <p> 1 } WHERE {}", RDF),
])
def test_query_content_type(base: str, query: str, expected: tuple[str, ...]) -> None:
    r = requests.post(f"{base}?{g('data0.rdf')}", data=query, headers=DIRECT)
    assert 200 <= r.status_code < 400, r.text
    assert r.headers["Content-Type"].split(";")[0] in expected


def test_bad_query_method(base: str) -> None:
    assert 400 <= requests.put(f"{base}?query=ASK%20%7B%7D").status_code < 500


def test_bad_multiple_queries(base: str) -> None:
    r = requests.get(f"{base}?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert 400 <= r.status_code < 500


def test_bad_query_wrong_media_type(base: str) -> None:
    r = requests.post(base, data="ASK {}", headers={"Content-Type": "text/plain"})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_form_type(base: str) -> None:
    r = requests.post(base, data=b"query=ASK%20%7B%7D")  # no Content-Type at all
    assert "Content-Type" not in r.request.headers
    assert 400 <= r.status_code < 500


def test_bad_query_missing_direct_type(base: str) -> None:
    r = requests.post(base, data=b"ASK {}")
    assert 400 <= r.status_code < 500


def test_bad_query_non_utf8(base: str) -> None:
    r = requests.post(base, data="ASK {}".encode("utf-16"),
                      headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= r.status_code < 500


def test_bad_query_syntax(base: str) -> None:
    r = requests.get(f"{base}?query=ASK%20%7B%22%7D")
    assert 400 <= r.status_code < 500


def test_bad_update_get(base: str) -> None:
    r = requests.get(f"{base}?update=CLEAR%20ALL")
    assert 400 <= r.status_code < 500
    assert boolean(requests.get(f"{base}?query={quote(ASK_1_2)}")) is True  # nothing cleared
