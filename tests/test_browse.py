"""The home page and dereferenceable entity IRIs, over real HTTP on the sample store."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
import requests

JAPAN = "https://w3id.org/alliancegraph/id/japan"


def test_home_counts_classes(live_server: str) -> None:
    r = requests.get(live_server + "/", timeout=30)
    assert r.status_code == 200
    assert "ag:Country" in r.text and "/sparql" in r.text


def test_entity_as_html_links_locally(live_server: str) -> None:
    r = requests.get(live_server + "/id/japan", headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert "<h1>Japan</h1>" in r.text
    assert 'href="/id/nato"' in r.text  # partnerOf NATO, linked to this server


def test_entity_in_every_rdf_format_matches_the_store(live_server: str,
                                                      direct_store: ox.Store) -> None:
    expected = {(str(q.predicate.value), str(q.object.value)) for q in direct_store.quads_for_pattern(
        ox.NamedNode(JAPAN), None, None)}
    for media, fmt in [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                       ("application/n-triples", "nt"), ("application/rdf+xml", "xml")]:
        r = requests.get(live_server + "/id/japan", headers={"Accept": media}, timeout=30)
        assert r.status_code == 200, r.text
        assert r.headers["Content-Type"].startswith(media)
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        g = rdflib.Graph().parse(data=r.content, format=fmt)
        got = {(str(p), str(o)) for p, o in g.predicate_objects(rdflib.URIRef(JAPAN))}
        assert got == expected, media


def test_format_parameter_and_unknown_entity(live_server: str) -> None:
    r = requests.get(live_server + "/id/japan?format=nt", timeout=30)
    assert r.status_code == 200 and f"<{JAPAN}>" in r.text
    assert requests.get(live_server + "/id/no-such-thing", timeout=30).status_code == 404
    assert requests.get(live_server + "/id/Not_A_Slug", timeout=30).status_code == 404
    r = requests.get(live_server + "/id/japan", headers={"Accept": "image/png"}, timeout=30)
    assert r.status_code == 406
