"""Hostile input: labels and quotes with markup are shown escaped; odd URLs get 404/400,
never 500, over real HTTP (gunicorn); hypothesis fuzzes every page route."""

from __future__ import annotations

import json
import re
import socket
from urllib.parse import quote, urlsplit

import pytest
import requests
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest_plugins = ["pagestore"]  # the shared corpus store and server
HTML = {"Accept": "text/html"}


def _raw_get(base: str, path: str) -> int:
    """GET a path byte for byte (requests would re-encode it): the status code."""
    host, port = urlsplit(base).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"GET " + path.encode("latin-1") + b" HTTP/1.1\r\nHost: x\r\n"
                  b"Accept: text/html\r\nConnection: close\r\n\r\n")
        head = s.recv(64)
    return int(head.split()[1])


def test_markup_in_labels_and_quotes_is_escaped(site: str) -> None:
    for path in ["/id/hostile-label", "/id/nato", "/search?q=script", "/search?q=zurich",
                 "/class/Place", "/explore/hostile-label"]:
        html = requests.get(site + path, headers=HTML, timeout=30).text
        body = html.split("<main>", 1)[1]
        assert "<script>alert" not in body and "</script><script>" not in body, path
    html = requests.get(site + "/id/hostile-label", headers=HTML, timeout=30).text
    assert "&lt;script&gt;alert(" in html and "&#34;quoted&#34;" in html
    # The embedded JSON-LD cannot be closed early by a quote, and still parses.
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert m and "<script>" in json.dumps(json.loads(m.group(1)), ensure_ascii=False)


@pytest.mark.parametrize("path", [
    "/id/nato%0A", "/id/nato%0a.ttl", "/id/nato%00", "/id/%00", "/id/%ff%fe", "/id/nato%22",
    "/id/%3Cscript%3E", "/id/a%7D", "/id/'", "/id/" + "a" * 5000, "/id/" + "A" * 5000, "/id/" + "a" * 3000, "/id/" + "B" * 3000,
    "/id/" + "a-" * 3000 + "a", "/id/nato.ttl%0A", "/source/%ff", "/source/..%2F..%2Fetc",
    "/source/x%0A", "/claim/%00", "/claim/" + "f" * 3000, "/evidence/%3C%3E",
    "/activity/%7B%7D", "/class/%ff", "/class/Country%0A", "/class/Country.json%00",
    "/explore/%0A", "/explore/nato%00.json", "/graph/%ff", "/search?q=%ff%fe",
    "/search.json?q=%00%0A%22}", "/search.json?q=" + "x" * 10000, "/search?limit=abc",
    "/query?example=%00", "/query?query=%ff", "/query?query=%00", "/class/Country?page=-1",
    "/class/Country?page=99999999999999999999", "/source/001_610a90f6e4cef161?hl=%3Cx%3E",
    "/id/nato?format=%00", "/ontology%0A", "/context.jsonld%00",
])
def test_odd_urls_are_refused_never_500(site: str, path: str) -> None:
    status = _raw_get(site, path)
    assert status < 500, (path, status)
    if path.startswith(("/id/", "/source/", "/claim/", "/evidence/", "/activity/")) \
            and "?" not in path:
        assert status in (301, 400, 404, 414), (path, status)  # 414: gunicorn's line limit


def test_the_newline_slug_of_the_issue_is_404(site: str) -> None:
    assert requests.get(site + "/id/nato%0A", timeout=30).status_code == 404
    assert requests.get(site + "/id/nato", timeout=30).status_code == 200


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(["/id/{}", "/id/{}.ttl", "/source/{}", "/claim/{}",
                              "/evidence/{}", "/activity/{}", "/graph/{}", "/class/{}",
                              "/class/{}.json", "/explore/{}", "/explore/{}.json",
                              "/search?q={}", "/search.json?q={}&kind={}", "/query?example={}",
                              "/query?query={}", "/ontology?format={}", "/?{}={}",
                              "/dataset?format={}", "/dumps/{}"]),
       value=_TEXT, accept=st.sampled_from(["text/html", "text/turtle", "*/*", "image/png",
                                            "application/ld+json;q=0.3, text/html;q=0.2"]))
def test_fuzz_every_route(pages_app: Flask, route: str, value: str, accept: str) -> None:
    client = pages_app.test_client()
    path = route.replace("{}", quote(value, safe=""))
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code < 500, (path, r.status_code, r.get_data(as_text=True)[:300])


def test_every_page_route_is_fuzzed(pages_app: Flask) -> None:
    """A new page route must join the fuzz list above."""
    fuzzed = {"/id/", "/source/", "/claim/", "/evidence/", "/activity/", "/graph/", "/class/",
              "/explore/", "/search", "/search.json", "/query", "/ontology", "/", "/dataset",
              "/dumps/"}
    for rule in pages_app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("browse", "source", "linked", "search", "classes",
                                           "ontology", "query", "graph"):
            prefix = rule.rule.split("<")[0]
            assert prefix in fuzzed or rule.rule == "/context.jsonld", rule.rule
