"""/update and /store: off without an admin token; with one, only a request carrying it
writes, and a write shows in /sparql at once (new ETag, no stale cache)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import SERVER_SAMPLE, app_with, make_store, serving

TOKEN = "s3cret-token"
ASK = "ASK { <http://example.org/new> <http://example.org/p> 1 }"
INSERT = "INSERT DATA { <http://example.org/new> <http://example.org/p> 1 }"
GRAPH = "http://example.org/graph"


def ask(url: str) -> bool:
    return bool(requests.get(url + "/sparql", params={"query": ASK}).json()["boolean"])


@pytest.fixture()
def admin(tmp_path: Path) -> Iterator[str]:
    app = app_with(make_store(tmp_path / "store", [SERVER_SAMPLE]), ADMIN_TOKEN=TOKEN)
    with serving(app) as url:
        yield url


def test_writes_are_off_without_a_token(live_server: str, endpoint: str) -> None:
    r = requests.post(live_server + "/update", data={"update": INSERT},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "no admin token" in r.json()["message"]
    r = requests.put(live_server + "/store", params={"graph": GRAPH}, data=b"",
                     headers={"Content-Type": "text/turtle"})
    assert r.status_code == 403
    assert ask(live_server) is False


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer "])
def test_update_without_the_token_is_401_and_changes_nothing(admin: str, auth: str | None
                                                              ) -> None:
    headers = {"Authorization": auth} if auth else {}
    r = requests.post(admin + "/update", data={"update": INSERT}, headers=headers)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    assert ask(admin) is False


def test_update_with_the_token_writes(admin: str) -> None:
    before = requests.get(admin + "/sparql", params={"query": ASK})
    assert before.json()["boolean"] is False
    r = requests.post(admin + "/update", data=INSERT.encode(), headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"})
    assert r.status_code == 204
    after = requests.get(admin + "/sparql", params={"query": ASK})
    assert after.json()["boolean"] is True  # not the cached "false"
    assert after.headers["ETag"] != before.headers["ETag"]


def test_update_syntax_error_is_400(admin: str) -> None:
    r = requests.post(admin + "/update", data={"update": "INSERT DATA {"},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400 and r.json()["line"] == 1


def test_graph_store_protocol(admin: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    turtle = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> ."
    r = requests.put(admin + "/store", params={"graph": GRAPH}, data=turtle,
                     headers={**auth, "Content-Type": "text/turtle"})
    assert r.status_code == 201
    r = requests.get(admin + "/store", params={"graph": GRAPH},
                     headers={**auth, "Accept": "application/n-triples"})
    assert r.status_code == 200 and r.text.strip() == turtle.decode()
    q = f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    assert requests.get(admin + "/sparql", params={"query": q}).json()["boolean"] is True
    r = requests.delete(admin + "/store", params={"graph": GRAPH})
    assert r.status_code == 401
    r = requests.delete(admin + "/store", params={"graph": GRAPH}, headers=auth)
    assert r.status_code == 204
    assert requests.get(admin + "/sparql", params={"query": q}).json()["boolean"] is False
    r = requests.get(admin + "/store", params={"graph": GRAPH}, headers=auth)
    assert r.status_code == 404
