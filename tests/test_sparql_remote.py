"""`--store http://...`: /sparql forwards queries to a remote SPARQL endpoint. The remote
here is a real `oxigraph serve-read-only` (the Rust server) over the sample store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import TEST_VERSION, app_with, serving

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COUNTRIES = ("SELECT ?c WHERE { ?c a <https://w3id.org/alliancegraph/ontology#Country> } "
             "ORDER BY ?c")


@pytest.fixture(scope="module")
def remote(store_location: Path) -> Iterator[str]:
    if not OXIGRAPH.exists():
        pytest.skip("the oxigraph server binary is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(OXIGRAPH), "serve-read-only", "--location",
                             str(store_location / TEST_VERSION), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


def test_queries_are_forwarded(remote: str, endpoint: str) -> None:
    app = app_with(Path("unused"), STORE=remote)
    with serving(app) as url:
        r = requests.get(url + "/sparql", params={"query": COUNTRIES})
        assert r.status_code == 200
        assert r.json() == requests.get(endpoint, params={"query": COUNTRIES}).json()
        construct = {"query": "CONSTRUCT WHERE { ?s a ?o }"}
        nt = {"Accept": "application/n-triples"}
        r = requests.get(url + "/sparql", params=construct, headers=nt)
        assert r.headers["Content-Type"].startswith("application/n-triples")
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        local = requests.get(endpoint, params=construct, headers=nt)
        assert sorted(r.text.splitlines()) == sorted(local.text.splitlines())
        assert len(local.text.splitlines()) == 9
        r = requests.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
        assert r.status_code == 400  # the remote's own 400 is passed on


def test_unreachable_remote_is_500(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    app = app_with(tmp_path, STORE=f"http://127.0.0.1:{port}")
    with serving(app) as url:
        r = requests.get(url + "/sparql", params={"query": COUNTRIES})
        assert r.status_code == 500 and r.json()["error"] == "StoreError"


def test_service_works_when_switched_on(remote: str, store_location: Path) -> None:
    query = ("SELECT ?c WHERE { SERVICE <%s/query> { "
             "?c a <https://w3id.org/alliancegraph/ontology#Country> } } ORDER BY ?c" % remote)
    app = app_with(store_location, SPARQL_ALLOW_SERVICE=True)
    with serving(app) as url:
        r = requests.get(url + "/sparql", params={"query": query})
        assert r.status_code == 200, r.text
        assert len(r.json()["results"]["bindings"]) == 3
        sd = requests.get(url + "/sparql", headers={"Accept": "application/n-triples"}).text
        assert "BasicFederatedQuery" in sd
    app.extensions["alliancegraph.engine"].close()
