"""Every IRI under the base dereferences, over real HTTP (gunicorn, production mode), on the
real corpus: HTML for a browser, RDF by Accept (q-values) or suffix, JSON-LD embedded in the
HTML; rdflib reads entities, claims and sources straight from their URLs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
import requests

from loaders.rdf.quads import software_version
from loaders.store.export import export
from ontology import terms

pytest_plugins = ["pagestore"]  # the shared corpus store and server
JAPAN = terms.ID + "japan"
SOURCE_ID = "001_610a90f6e4cef161"


def _a_claim(store: ox.Store) -> str:
    for q in store.quads_for_pattern(None, terms.RDF_PREDICATE, terms.participatesIn):
        return q.subject.value
    raise AssertionError("the corpus has no participatesIn claim")


def _outgoing(g: rdflib.Graph, iri: str) -> set[tuple[str, str]]:
    """(predicate, object) pairs; blank nodes (boilerplate selectors) counted, not named."""
    pairs = list(g.predicate_objects(rdflib.URIRef(iri)))
    return {(str(p), "_:" + str(sum(isinstance(x, rdflib.BNode) for _, x in pairs))
             if isinstance(o, rdflib.BNode) else str(o)) for p, o in pairs}


def _store_outgoing(store: ox.Store, iri: str) -> set[tuple[str, str]]:
    quads = {q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), None, None)}
    blanks = sum(isinstance(t.object, ox.BlankNode) for t in quads)
    return {(t.predicate.value, f"_:{blanks}" if isinstance(t.object, ox.BlankNode)
             else t.object.value) for t in quads}


@pytest.mark.parametrize("path", ["/id/japan", "claim", f"/source/{SOURCE_ID}"])
def test_rdflib_parses_each_kind_of_iri_from_its_url(site: str, direct: ox.Store,
                                                     path: str) -> None:
    if path == "claim":
        iri = _a_claim(direct)
        path = "/claim/" + iri.rsplit("/", 1)[1]
    else:
        iri = terms.BASE + path.lstrip("/")
    g = rdflib.Graph().parse(site + path)
    got = _outgoing(g, iri)
    assert got and got == _store_outgoing(direct, iri)


def test_claim_rdf_carries_its_evidence_words(site: str, direct: ox.Store) -> None:
    iri = _a_claim(direct)
    g = rdflib.Graph().parse(site + "/claim/" + iri.rsplit("/", 1)[1] + ".ttl", format="turtle")
    ev = g.value(rdflib.URIRef(iri), rdflib.URIRef(terms.AG + "evidence"))
    assert ev is not None and g.value(ev, rdflib.URIRef(terms.OA + "exact")) is not None


@pytest.mark.parametrize("suffix,media,fmt", [
    (".ttl", "text/turtle", "turtle"), (".jsonld", "application/ld+json", "json-ld"),
    (".nt", "application/n-triples", "nt"), (".rdf", "application/rdf+xml", "xml")])
def test_suffix_urls_and_accept_give_the_same_triples(site: str, suffix: str, media: str,
                                                     fmt: str) -> None:
    by_suffix = requests.get(site + "/id/japan" + suffix, timeout=30)
    by_accept = requests.get(site + "/id/japan", headers={"Accept": media}, timeout=30)
    for r in (by_suffix, by_accept):
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(media)
        # Accept always; Cookie too since pages show who is signed in (RDF clients send none)
        assert "Accept" in {v.strip() for v in r.headers["Vary"].split(",")} and r.headers["Access-Control-Allow-Origin"] == "*"
        assert 'rel="alternate"' in r.headers["Link"] and "/id/japan.ttl" in r.headers["Link"]
    a = rdflib.Graph().parse(data=by_suffix.content, format=fmt)
    b = rdflib.Graph().parse(data=by_accept.content, format=fmt)
    assert len(a) > 5 and rdflib.compare.isomorphic(a, b)


def test_q_values_choose_the_format(site: str) -> None:
    r = requests.get(site + "/id/japan", timeout=30, headers={
        "Accept": "text/html;q=0.5, application/n-triples;q=0.9, text/turtle;q=0.1"})
    assert r.headers["Content-Type"].startswith("application/n-triples")
    r = requests.get(site + "/id/japan", timeout=30, headers={
        "Accept": "text/html, application/xhtml+xml, */*;q=0.8"})  # what a browser sends
    assert r.headers["Content-Type"].startswith("text/html")


def test_json_ld_is_compact_with_the_published_context(site: str) -> None:
    doc = requests.get(site + "/id/japan.jsonld", timeout=30).json()
    ctx = requests.get(site + "/context.jsonld", timeout=30).json()["@context"]
    assert doc["@context"] == ctx and ctx["ag"] == terms.AG
    node = next(n for n in doc["@graph"] if n["@id"] == "agid:japan")
    assert "ag:Country" in node["@type"] and "rdfs:label" in node


def _embedded(html: str) -> rdflib.Graph:
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert m, "no embedded JSON-LD"
    return rdflib.Graph().parse(data=json.loads(m.group(1)), format="json-ld")


@pytest.mark.parametrize("path", ["/id/japan", f"/source/{SOURCE_ID}", "claim"])
def test_each_html_page_embeds_its_data_as_json_ld(site: str, direct: ox.Store,
                                                   path: str) -> None:
    if path == "claim":
        path = "/claim/" + _a_claim(direct).rsplit("/", 1)[1]
    html = requests.get(site + path, headers={"Accept": "text/html"}, timeout=30)
    assert html.status_code == 200 and html.headers["Content-Type"].startswith("text/html")
    turtle = requests.get(site + path + ".ttl", timeout=30)
    assert rdflib.compare.isomorphic(_embedded(html.text),
                                     rdflib.Graph().parse(data=turtle.text, format="turtle"))


@pytest.mark.parametrize("path", [
    "/activity/extraction-" + software_version(), "/ontology", "/ontology.ttl"])
def test_activity_and_ontology_dereference(site: str, path: str) -> None:
    r = requests.get(site + path, headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    assert len(g) > 3


def test_evidence_and_named_graph_iris(site: str, direct: ox.Store) -> None:
    ev = next(iter(direct.quads_for_pattern(None, terms.OA_EXACT, None))).subject.value
    r = requests.get(site + "/evidence/" + ev.rsplit("/", 1)[1], timeout=30,
                     headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and f"<{ev}> <{terms.OA}exact>" in r.text
    r = requests.get(site + f"/graph/{SOURCE_ID}", allow_redirects=False, timeout=30)
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/source/{SOURCE_ID}")


def test_slugs_are_case_insensitive(site: str) -> None:
    r = requests.get(site + "/id/JAPAN", allow_redirects=False, timeout=30)
    assert r.status_code == 301 and r.headers["Location"].endswith("/id/japan")
    r = requests.get(site + "/id/Japan.ttl", allow_redirects=False, timeout=30)
    assert r.status_code == 301 and r.headers["Location"].endswith("/id/japan.ttl")


def test_unknown_iris_are_404(site: str) -> None:
    for path in ["/id/no-such-thing", "/claim/ffffffffffffffff", "/source/nope",
                 "/evidence/0", "/activity/none", "/graph/nope", "/class/Nothing"]:
        assert requests.get(site + path, timeout=30).status_code == 404, path


def test_void_and_service_description_name_the_same_endpoint(site: str,
                                                             direct: ox.Store) -> None:
    void = {q.object.value for q in direct.quads_for_pattern(
        terms.DATASET, ox.NamedNode(terms.VOID + "sparqlEndpoint"), None)}
    r = requests.get(site + "/sparql", headers={"Accept": "text/turtle"}, timeout=30)
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    described = {str(o) for o in g.objects(None, sd.endpoint)}
    assert void and void == described


def test_dataset_and_dumps_dereference(site: str, corpus: Path) -> None:
    r = requests.get(site + "/dataset", headers={"Accept": "text/turtle"}, timeout=30)
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    dumps = set(g.objects(rdflib.URIRef(terms.DATASET.value),
                          rdflib.URIRef(terms.VOID + "dataDump")))
    assert len(dumps) == 3
    name = "alliancegraph.nq"
    assert requests.get(site + "/dumps/" + name, timeout=30).status_code == 404  # not yet
    export(str(corpus), corpus.parent / "dumps", progress=False)
    html = requests.get(site + "/dataset", headers={"Accept": "text/html"}, timeout=30).text
    assert f'href="/dumps/{name}"' in html
    r = requests.get(site + "/dumps/" + name, timeout=30)
    assert r.status_code == 200 and r.content.count(b"\n") > 1000
    assert requests.get(site + "/dumps/other.txt", timeout=30).status_code == 404


@pytest.mark.parametrize("path,subject", [("/", terms.DATASET.value),
                                          ("/ontology", terms.AG + "Alliance")])
def test_home_and_ontology_embed_their_data(site: str, path: str, subject: str) -> None:
    html = requests.get(site + path, headers={"Accept": "text/html"}, timeout=30).text
    g = _embedded(html)
    assert len(g) > 5 and (rdflib.URIRef(subject), None, None) in g
