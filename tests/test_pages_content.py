"""What the pages show, on the real corpus: each fact once with its quotes and sources,
highlighted evidence, search, class lists, the query page, the graph JSON, the home page."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SERVER_SAMPLE, app_with, make_store
from flask import Flask
from flask.testing import FlaskClient

from loaders.store import search as fts
from ontology import terms
from server.pages import data
from server.pages.query import with_prefixes

pytest_plugins = ["pagestore"]  # the shared corpus store and server
HTML = {"Accept": "text/html"}


@pytest.fixture()
def web(pages_app: Flask) -> FlaskClient:
    return pages_app.test_client()


def test_entity_facts_are_shown_once_each(direct: ox.Store) -> None:
    e = data.entity(direct, terms.ID + "japan")
    assert e is not None
    pairs = [(p, f.obj) for p, facts in e.facts.items() for f in facts]
    assert len(pairs) == len(set(pairs))
    # The store holds partnerOf NATO in several graphs and org:/schema: twins in the inferred
    # graph; the page shows it once, with every claim that states it.
    copies = list(direct.quads_for_pattern(ox.NamedNode(e.iri), terms.partnerOf,
                                           ox.NamedNode(terms.ID + "nato")))
    assert len(copies) > 1
    nato = [f for f in e.facts[terms.partnerOf.value] if f.obj.value == terms.ID + "nato"]
    assert len(nato) == 1 and not nato[0].inferred and len(nato[0].claims) >= 2
    assert not any(p.startswith((terms.ORG, terms.SCHEMA)) for p in e.facts)


def test_a_fact_inferred_the_other_way_round_shows_the_words_it_was_inferred_from(
        web: FlaskClient, direct: ox.Store) -> None:
    """"France opposes NATO" is claimed in source 003; NATO's page lists "opposed by France",
    inferred (owl:inverseOf), with France's claim and its words, not bare."""
    forward = [c for c in data.claims_about(direct, terms.ID + "france")
               if c.predicate == terms.AG + "opposes" and c.obj == ox.NamedNode(terms.ID + "nato")]
    assert forward and all(c.exact for c in forward)
    e = data.entity(direct, terms.ID + "nato")
    assert e is not None
    opposed_by = {f.obj.value: f for f in e.facts[terms.AG + "opposedBy"]}
    france = opposed_by[terms.ID + "france"]
    assert france.inferred and {c.iri for c in france.claims} == {c.iri for c in forward}
    assert all(c.subject == f.obj.value for f in opposed_by.values() for c in f.claims)
    assert all(f.claims for f in opposed_by.values())  # China and the United States too
    html = unescape(web.get("/id/nato", headers=HTML).get_data(as_text=True))
    section = html.split('href="/ontology#opposedBy"')[1].split("</dl>")[0]
    assert "inferred" in section and forward[0].exact in section
    # an asserted fact keeps its own claims only
    japan = [f for f in e.facts[terms.partnerOf.value] if f.obj.value == terms.ID + "japan"]
    assert japan and not japan[0].inferred
    assert all(c.subject == terms.ID + "nato" for c in japan[0].claims)


def test_entity_page_shows_labels_quotes_sources_status(web: FlaskClient,
                                                        direct: ox.Store) -> None:
    html = web.get("/id/japan", headers=HTML).get_data(as_text=True)
    assert "<h1>Japan</h1>" in html and "Nippon" in html  # label, alias
    assert 'href="http://www.wikidata.org/entity/Q17"' in html
    assert '<a href="/ontology#participatesIn">participates in</a>' in html  # by its label
    assert terms.AG + "partnerOf" not in html.split("<main>")[1].split("application/ld")[0]
    claim = data.claims_about(direct, terms.ID + "japan")[0]
    assert f"?hl={claim.evidence_id}#ev-{claim.evidence_id}" in html  # link to the span
    assert "Unreviewed" in html and "confidence 0." in html
    assert claim.exact is not None and claim.exact in unescape(html)
    assert "Why NATO Needs to Pursue an Asia-Pacific Strategy" in html  # a source, by title


def test_an_untitled_source_is_named_by_its_author(web: FlaskClient) -> None:
    """Source 003 has a creator but no title in its text; source 002 has neither."""
    html = web.get("/source/003_1fb8b205eaf0cc35", headers=HTML).get_data(as_text=True)
    assert "<h1>Untitled article by Brad Glosserman</h1>" in html
    japan = web.get("/id/japan", headers=HTML).get_data(as_text=True)
    assert ">Untitled article by Brad Glosserman</a>" in japan  # links to it use the name
    home = web.get("/", headers=HTML).get_data(as_text=True)
    assert ">Untitled article by Brad Glosserman</a> <code>003_1fb8b205eaf0cc35</code>" in home
    assert "<h1>002_62cfefc91660eb91</h1>" in web.get(
        "/source/002_62cfefc91660eb91", headers=HTML).get_data(as_text=True)


def test_statements_grouped_by_stance_with_conflicts(web: FlaskClient) -> None:
    html = web.get("/id/nato", headers=HTML).get_data(as_text=True)
    assert 'class="stance Supportive"' in html and 'class="stance Opposed"' in html
    assert "Conflicting views" in html
    assert "Jens Stoltenberg" in html  # the speaker's label, never the raw IRI


def test_source_page_highlights_every_evidence_span(web: FlaskClient,
                                                    direct: ox.Store) -> None:
    iri = terms.SOURCE + "001_610a90f6e4cef161"
    claims = data.claims_from(direct, iri)
    chosen = claims[0].evidence_id
    html = web.get(f"/source/001_610a90f6e4cef161?hl={chosen}", headers=HTML).get_data(
        as_text=True)
    for c in claims:
        assert f'id="ev-{c.evidence_id}"' in html
    marks = re.findall(r'<mark class="([^"]*)" data-evidence="([^"]*)"', html)
    assert marks and all(("chosen" in cls) == (chosen in evs.split()) for cls, evs in marks)
    assert any("chosen" in cls for cls, _ in marks)
    assert 'class="plate">top of page<' in html  # boilerplate greyed


def test_overlapping_spans_are_cut_not_nested() -> None:
    segs = data.segments("0123456789", [(2, 6, "a"), (4, 8, "b")], [(0, 1)])
    assert "".join(s.text for s in segs) == "0123456789"
    assert [(s.text, s.evidence, s.boilerplate) for s in segs] == [
        ("0", (), True), ("1", (), False), ("23", ("a",), False), ("45", ("a", "b"), False),
        ("67", ("b",), False), ("89", (), False)]


def test_claim_page_states_the_triple_in_words(web: FlaskClient, direct: ox.Store) -> None:
    c = next(c for c in data.claims_about(direct, terms.ID + "japan")
             if c.predicate == terms.participatesIn.value)
    html = web.get("/claim/" + c.iri.rsplit("/", 1)[1], headers=HTML).get_data(as_text=True)
    assert ">Japan</a> <em>participates in</em>" in html
    assert "<mark>" in html and "review status" in html and "extracted by" in html


@pytest.mark.parametrize("q,expected", [
    ("Senkaku", "senkaku-islands"), ("senk", "senkaku-islands"),  # prefix
    ("STOLTENBERG", "jens-stoltenberg"), ("zurich", "hostile-label"),  # case and accents
    ("Nippon", "japan"),  # an alias
    ("knowledge of the threat", "statement-"),  # words of a quote
])
def test_search_finds_labels_aliases_and_quotes(web: FlaskClient, q: str,
                                                expected: str) -> None:
    hits = web.get("/search.json", query_string={"q": q}).get_json()["hits"]
    assert hits and expected in hits[0]["iri"], hits[:3]
    html = web.get("/search", query_string={"q": q}).get_data(as_text=True)
    assert hits[0]["href"] in html


def test_search_ranks_a_label_above_a_quote(web: FlaskClient) -> None:
    hits = web.get("/search.json", query_string={"q": "japan"}).get_json()["hits"]
    assert hits[0]["iri"] == terms.ID + "japan"
    assert any(h["kind"] == "Statement" for h in hits)


def test_search_index_is_built_lazily_when_missing(corpus: Path, web: FlaskClient) -> None:
    version = corpus / (corpus / "CURRENT").read_text().strip()
    fts.index_path(version).unlink()
    hits = web.get("/search.json", query_string={"q": "senkaku"}).get_json()["hits"]
    assert hits and fts.index_path(version).is_file()


def test_search_syntax_is_not_fts_syntax(web: FlaskClient) -> None:
    for q in ['"', "NEAR(", "a OR", "*", "col:x", "^", "'; DROP TABLE entry; --", ""]:
        r = web.get("/search.json", query_string={"q": q})
        assert r.status_code == 200, q


def test_class_page_paginates_and_sorts(web: FlaskClient) -> None:
    first = web.get("/class/Country.json").get_json()
    assert first["total"] == len(first["items"]) or len(first["items"]) == 50
    labels = [i["label"] for i in first["items"]]
    assert labels == sorted(labels, key=str.lower)
    rev = web.get("/class/Country.json?sort=-label").get_json()["items"]
    assert rev[0]["label"].lower() >= labels[0].lower()
    html = web.get("/class/Country").get_data(as_text=True)
    assert f'href="{first["items"][0]["href"]}"' in html


def test_home_has_bars_sources_and_runs(web: FlaskClient) -> None:
    html = web.get("/").get_data(as_text=True)
    assert "<svg" in html and "<rect" in html and "ag:Country" in html
    assert "/source/001_610a90f6e4cef161" in html and "/activity/extraction-" in html
    for link in ("/query", "/ontology", "/sparql", "/search"):
        assert f'href="{link}' in html


def test_ontology_page_documents_classes_and_properties(web: FlaskClient) -> None:
    html = web.get("/ontology", headers=HTML).get_data(as_text=True)
    assert 'id="Alliance"' in html and 'id="memberOf"' in html and "inverse of" in html


def test_query_page_runs_an_example_with_labels_and_downloads(web: FlaskClient) -> None:
    html = web.get("/query?example=cq07-fact-quote-and-source&run=1").get_data(as_text=True)
    assert 'id="results"' in html and "<td>" in html
    assert re.search(r'<a href="/source/001_610a90f6e4cef161"[^>]*>', html)
    assert 'id="csv"' in html and "format=csv" in html and 'id="share"' in html


def test_query_page_reports_errors_and_refuses_updates(web: FlaskClient) -> None:
    html = web.get("/query", query_string={"query": "SELECT * WHERE { ?s ?p }"}).get_data(
        as_text=True)
    assert 'id="error"' in html and "QuerySyntaxError" in html
    r = web.get("/query", query_string={"query": "INSERT DATA { <a:b> <a:b> <a:b> }"})
    assert r.status_code == 200 and 'id="error"' in r.get_data(as_text=True)
    assert web.get("/query?example=../../etc/passwd").status_code == 404


def test_graph_json_has_nodes_coloured_by_class(web: FlaskClient) -> None:
    g = web.get("/explore/japan.json").get_json()
    ids = {n["id"] for n in g["nodes"]}
    assert terms.ID + "nato" in ids and all(e["source"] in ids and e["target"] in ids
                                             for e in g["edges"])
    assert {n["class"] for n in g["nodes"]} >= {"Country", "Alliance"}
    assert web.get("/explore/japan", headers=HTML).status_code == 200


def test_query_page_predeclares_the_project_prefixes(web: FlaskClient) -> None:
    html = web.get("/query", query_string={
        "query": "SELECT DISTINCT ?c WHERE { ?c a ag:Alliance ; rdfs:label ?l } ORDER BY ?c"}
    ).get_data(as_text=True)
    assert 'id="error"' not in html, html.split('id="error"')[1][:300]
    assert 'href="/id/aukus"' in html


def test_statements_and_claims_are_named_in_words(web: FlaskClient, direct: ox.Store) -> None:
    iri = next(q.subject.value for q in direct.quads_for_pattern(None, terms.speaker,
                                                                   ox.NamedNode(terms.ID + "france")))
    said = data.statement(direct, iri)
    assert said is not None
    html = web.get("/id/" + iri.rsplit("/", 1)[1], headers=HTML).get_data(as_text=True)
    title = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert title and unescape(title.group(1)).startswith("France: “")
    mark = re.search(r'<blockquote class="said">(.*?)<mark>(.*?)</mark>', html, re.S)
    assert mark and unescape(mark.group(2)) == said.quote and mark.group(1).strip()  # in context
    c = data.claims_about(direct, terms.ID + "japan")[0]
    assert data.label(direct, c.iri).startswith("claim: Japan ")


def test_the_default_queries_return_each_answer_once(web: FlaskClient) -> None:
    """The query page's and the /sparql form's own examples (the form's once listed South
    Korea 16 times in 20 rows)."""
    form = re.search(r"<textarea[^>]*>(.*?)</textarea>",
                     web.get("/sparql", headers=HTML).get_data(as_text=True), re.S)
    page = re.search(r"<textarea[^>]*>(.*?)</textarea>",
                     web.get("/query").get_data(as_text=True), re.S)
    assert form and page
    # The query page predeclares the project's prefixes; /sparql needs them written out.
    for text in (unescape(form.group(1)), with_prefixes(unescape(page.group(1)))):
        r = web.get("/sparql", query_string={"query": text},
                    headers={"Accept": "application/sparql-results+json"})
        rows = [tuple(sorted((k, v["value"]) for k, v in b.items()))
                for b in r.get_json()["results"]["bindings"]]
        assert len(rows) >= 10 and len(rows) == len(set(rows))


def test_pages_follow_admin_writes(tmp_path: Path) -> None:
    """With an admin token the server holds the store read-write: pages read that store, and
    the home page's cached counts follow each write."""
    app = app_with(make_store(tmp_path / "store", [SERVER_SAMPLE]), ADMIN_TOKEN="t0ken")
    try:
        web = app.test_client()
        assert web.get("/id/new-thing", headers=HTML).status_code == 404
        before = web.get("/").get_data(as_text=True)
        update = ("INSERT DATA { GRAPH <https://w3id.org/alliancegraph/graph/manual-t> { "
                  "<https://w3id.org/alliancegraph/id/new-thing> a "
                  "<https://w3id.org/alliancegraph/ontology#Dispute> ; "
                  "<http://www.w3.org/2000/01/rdf-schema#label> \"New thing\"@en } }")
        r = web.post("/update", data={"update": update},
                     headers={"Authorization": "Bearer t0ken"})
        assert r.status_code in (200, 204), r.get_data(as_text=True)
        html = web.get("/id/new-thing", headers=HTML).get_data(as_text=True)
        assert "<h1>New thing</h1>" in html
        assert "ag:Dispute" in web.get("/").get_data(as_text=True) and "ag:Dispute" not in before
    finally:
        app.extensions["alliancegraph.engine"].close()


def test_pages_load_nothing_from_elsewhere(web: FlaskClient) -> None:
    """Offline: every script and stylesheet is served by this server, and exists."""
    for path in ["/", "/query", "/explore/japan", "/id/japan", "/search?q=nato", "/ontology"]:
        html = web.get(path, headers=HTML).get_data(as_text=True)
        for ref in re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html):
            assert ref.startswith("/"), (path, ref)
            if ref.startswith("/static/"):
                assert web.get(ref).status_code == 200, ref
