"""The curation pages over a real store: sign-in, roles, CSRF, the login limit, decisions
that SPARQL sees, conflicts, the CLI's `user add`, and several gunicorn web processes."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from conftest import app_with, command_serving
from flask import Flask
from flask.testing import FlaskClient

from loaders.paths import TRIPLES_DIR
from loaders.store import versions as st
from loaders.store.build import build
from loaders.store.decisions import log_path, read_log
from ontology import terms
from server.cli import main
from server.pages import curate
from server.pages.accounts import add_user

PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store built from the project's triples/ (copied: the log goes beside them)."""
    root = tmp_path_factory.mktemp("curated")
    triples = Path(shutil.copytree(TRIPLES_DIR, root / "triples",
                                   ignore=shutil.ignore_patterns("curation")))
    build(str(root / "store"), triples_dir=triples, extract=False, validate=False, progress=False)
    add_user(root / "store", "ann", "curator", PASSWORD)
    add_user(root / "store", "bob", "curator", PASSWORD)
    add_user(root / "store", "boss", "admin", PASSWORD)
    return root / "store", log_path(triples)


@pytest.fixture(scope="module")
def capp(curated: tuple[Path, Path]) -> Iterator[Flask]:
    location, log = curated
    application = app_with(location, CURATION_LOG=str(log), LOGIN_ATTEMPTS=3)
    yield application
    application.extensions["alliancegraph.engine"].close()


def token(client: FlaskClient, path: str = "/login") -> str:
    match = TOKEN.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def signed_in(capp: Flask, name: str = "ann") -> FlaskClient:
    client = capp.test_client()
    r = client.post("/login", data={"name": name, "password": PASSWORD,
                                    "csrf_token": token(client)})
    assert r.status_code == 302, r.get_data(as_text=True)
    return client


def queue_ids(client: FlaskClient, query: str = "") -> list[str]:
    page = client.get("/curate" + query)
    assert page.status_code == 200
    return re.findall(r'id="claim-([0-9a-f]{16})"', page.get_data(as_text=True))


def status(client: FlaskClient, cid: str) -> list[str]:
    """The claim's review statuses, as the SPARQL endpoint answers them."""
    q = f"SELECT ?r WHERE {{ <{terms.CLAIM}{cid}> <{terms.reviewStatus.value}> ?r }}"
    r = client.get("/sparql", query_string={"query": q},
                   headers={"Accept": "application/sparql-results+json"})
    return [b["r"]["value"].rsplit("#", 1)[1] for b in r.get_json()["results"]["bindings"]]


def test_a_reader_is_sent_to_sign_in_and_cannot_decide(capp: Flask, curated: tuple[Path, Path]
                                                      ) -> None:
    location, log = curated
    client = capp.test_client()
    r = client.get("/curate")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    cid = queue_ids(signed_in(capp))[0]
    before = (st.current_version(location), log.read_bytes() if log.exists() else b"")
    r = client.post(f"/curate/claim/{cid}/decide",
                    data={"kind": "accept", "csrf_token": token(client)})  # a valid token
    assert r.status_code == 401
    assert (st.current_version(location), log.read_bytes() if log.exists() else b"") == before
    assert status(client, cid) == ["Unreviewed"]


def test_a_form_without_its_csrf_token_is_refused(capp: Flask, curated: tuple[Path, Path]) -> None:
    location, log = curated
    client = signed_in(capp)
    cid = queue_ids(client)[0]
    version = st.current_version(location)
    r = client.post(f"/curate/claim/{cid}/decide", data={"kind": "accept", "seen": ""})
    assert r.status_code == 400 and "CSRF" in r.get_data(as_text=True)
    r = capp.test_client().post("/login", data={"name": "ann", "password": PASSWORD})
    assert r.status_code == 400
    assert st.current_version(location) == version and status(client, cid) == ["Unreviewed"]


def test_wrong_passwords_are_limited(capp: Flask, curated: tuple[Path, Path]) -> None:
    add_user(curated[0], "zed", "curator", PASSWORD)
    client = capp.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.9"  # the limit is per address and per name
    codes = [client.post("/login", data={"name": "zed", "password": "wrong password!",
                                         "csrf_token": token(client)}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    r = client.post("/login", data={"name": "zed", "password": PASSWORD,
                                    "csrf_token": token(client)})
    assert r.status_code == 429 and "Retry-After" in r.headers  # even the right one, for now
    other = capp.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.10"
    r = other.post("/login", data={"name": "zed", "password": PASSWORD, "csrf_token": token(other)})
    assert r.status_code == 429  # the name is limited from every address
    assert signed_in(capp, "ann")  # other names from other addresses are not


def test_session_cookie_flags(capp: Flask) -> None:
    client = capp.test_client()
    cookie = client.get("/login").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = capp.test_client().get("/login", base_url="https://localhost")
    assert "Secure" in secure.headers["Set-Cookie"]


def test_accept_and_reject_show_in_sparql_and_the_log(capp: Flask, curated: tuple[Path, Path]
                                                      ) -> None:
    _, log = curated
    client = signed_in(capp)
    first, second = queue_ids(client)[1:3]
    tok = token(client, "/curate")
    r = client.post(f"/curate/claim/{first}/decide", data={"kind": "accept", "seen": "",
                                                           "csrf_token": tok})
    assert r.status_code == 302
    r = client.post(f"/curate/claim/{second}/decide", data={"kind": "reject", "seen": "",
                                                            "csrf_token": tok})
    assert r.status_code == 400  # a rejection needs a reason
    r = client.post(f"/curate/claim/{second}/decide",
                    data={"kind": "reject", "seen": "", "reason": "wrong country", "csrf_token": tok})
    assert r.status_code == 302
    assert status(client, first) == ["Accepted"] and status(client, second) == ["Rejected"]
    logged = {d.target: d for d in read_log(log)}
    assert logged[terms.CLAIM + second].reason == "wrong country"
    assert logged[terms.CLAIM + first].curator == "ann"
    assert first not in queue_ids(client) and second not in queue_ids(client)
    assert second in queue_ids(client, "?status=Rejected")
    page = client.get(f"/curate/claim/{second}").get_data(as_text=True)
    assert "reject: Unreviewed -&gt; Rejected (reason: wrong country)" in page
    feed = client.get("/curate/feed.json").get_json()["decisions"]
    assert feed[0]["target"] == terms.CLAIM + second and feed[0]["curator"] == "ann"


def test_two_curators_on_one_claim_the_second_gets_a_conflict(capp: Flask) -> None:
    ann, bob = signed_in(capp, "ann"), signed_in(capp, "boss")
    cid = queue_ids(ann)[0]
    forms = [(c, token(c, "/curate")) for c in (ann, bob)]  # both loaded the queue
    first = ann.post(f"/curate/claim/{cid}/decide",
                     data={"kind": "accept", "seen": "", "csrf_token": forms[0][1]})
    second = bob.post(f"/curate/claim/{cid}/decide",
                      data={"kind": "reject", "seen": "", "reason": "no", "csrf_token": forms[1][1]},
                      headers={"Accept": "text/html"})
    assert first.status_code == 302 and second.status_code == 409
    assert "conflict" in second.get_data(as_text=True) and "ann" in second.get_data(as_text=True)
    assert status(ann, cid) == ["Accepted"]


def test_only_an_admin_merges(capp: Flask) -> None:
    ann = signed_in(capp, "ann")
    tok = token(ann, "/curate")
    r = ann.post("/curate/entity/nato-plus/merge", data={"into": "nato", "csrf_token": tok})
    assert r.status_code == 403


def test_user_add_from_stdin_then_sign_in(capp: Flask, curated: tuple[Path, Path]) -> None:
    location, _ = curated
    result = CliRunner().invoke(main, ["user", "add", "carol", "--role", "curator",
                                       "--password-stdin", "--store", str(location)],
                                input=PASSWORD + "\n")
    assert result.exit_code == 0 and "carol (curator)" in result.output
    assert signed_in(capp, "carol")
    short = CliRunner().invoke(main, ["user", "add", "dan", "--password-stdin", "--store",
                                      str(location)], input="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    assert (location / "users.sqlite").stat().st_mode & 0o077 == 0
    assert b"carol" in (location / "users.sqlite").read_bytes()
    assert PASSWORD.encode() not in (location / "users.sqlite").read_bytes()


@pytest.mark.slow
def test_decisions_under_gunicorn_with_two_web_processes(tmp_path: Path,
                                                         curated: tuple[Path, Path]) -> None:
    """The default `alliancegraph serve` (2 web processes): concurrent decisions on
    different claims all land; two on one claim give exactly one conflict."""
    source, _ = curated
    location = Path(shutil.copytree(source, tmp_path / "store"))
    log = tmp_path / "decisions.jsonl"
    env = {"ALLIANCEGRAPH_CURATION_LOG": str(log)}
    with command_serving(location, tmp_path / "serve.log", env=env) as url:
        sessions = []
        for name in ("ann", "bob", "boss"):
            s = requests.Session()
            tok = TOKEN.search(s.get(url + "/login").text).group(1)  # type: ignore[union-attr]
            assert s.post(url + "/login", data={"name": name, "password": PASSWORD,
                                                "csrf_token": tok}).ok
            sessions.append(s)
        page = sessions[0].get(url + "/curate?limit=12").text
        ids = re.findall(r'id="claim-([0-9a-f]{16})"', page)
        tokens = [TOKEN.search(s.get(url + "/curate").text).group(1)  # type: ignore[union-attr]
                  for s in sessions]
        codes: dict[str, list[int]] = {}

        def decide(i: int, cid: str) -> None:
            r = sessions[i].post(f"{url}/curate/claim/{cid}/decide", allow_redirects=False,
                                 data={"kind": "accept", "seen": "", "csrf_token": tokens[i]})
            codes.setdefault(cid, []).append(r.status_code)

        jobs = [threading.Thread(target=decide, args=(n % 2, cid)) for n, cid in enumerate(ids[1:9])]
        jobs += [threading.Thread(target=decide, args=(i, ids[0])) for i in range(3)]
        for j in jobs:
            j.start()
        for j in jobs:
            j.join(60)
        assert sorted(codes[ids[0]]) == [302, 409, 409]
        assert all(codes[c] == [302] for c in ids[1:9]), (codes, (tmp_path / "serve.log").read_text()[-3000:])
        assert len(read_log(log)) == 9
        q = f"""SELECT (COUNT(*) AS ?n) WHERE {{ ?c <{terms.reviewStatus.value}> <{terms.Accepted.value}> }}"""
        answer = requests.get(url + "/sparql", params={"query": q},
                              headers={"Accept": "application/sparql-results+json"}).json()
        assert answer["results"]["bindings"][0]["n"]["value"] == "9"
        feed = requests.get(url + "/curate/feed.json").json()["decisions"]
        assert len(feed) == 9 and not json.loads(log.read_text().splitlines()[0])["reason"]


@pytest.mark.slow
def test_serve_catches_the_store_up_with_the_log_when_it_starts(
        tmp_path: Path, curated: tuple[Path, Path]) -> None:
    """A decision in the log that the store missed (killed between the two) is applied when
    `alliancegraph serve` starts: the log wins."""
    from loaders.store.decisions import append, new_decision

    location = Path(shutil.copytree(curated[0], tmp_path / "store"))
    log = tmp_path / "decisions.jsonl"
    claim = terms.CLAIM + "0984bd20083a59bf"
    append(log, new_decision("reject", claim, "ann", reason="test", after={"status": "Rejected"}))
    with command_serving(location, tmp_path / "serve.log",
                          env={"ALLIANCEGRAPH_CURATION_LOG": str(log)}) as url:
        q = f"SELECT ?r WHERE {{ <{claim}> <{terms.reviewStatus.value}> ?r }}"
        answer = requests.get(url + "/sparql", params={"query": q},
                              headers={"Accept": "application/sparql-results+json"}).json()
        assert [b["r"]["value"] for b in answer["results"]["bindings"]] == [terms.Rejected.value]
    assert "caught up with the log (1 decisions)" in (tmp_path / "serve.log").read_text()


def test_edit_and_merge_entities(capp: Flask, curated: tuple[Path, Path]) -> None:
    """An edit replaces the label (one label in the union view); a merge keeps owl:sameAs and
    says which IRI stays."""
    boss = signed_in(capp, "boss")
    page = boss.get("/curate/entity/japan").get_data(as_text=True)
    tok = TOKEN.search(page).group(1)  # type: ignore[union-attr]
    r = boss.post("/curate/entity/japan/edit", data={
        "label": "Japan (State of)", "aliases": "Nippon\nNihon", "wikidata": "Q17",
        "seen": "", "csrf_token": tok})
    assert r.status_code == 302
    q = f"SELECT ?l WHERE {{ <{terms.ID}japan> <{terms.RDFS_LABEL.value}> ?l }}"
    labels = boss.get("/sparql", query_string={"query": q},
                      headers={"Accept": "application/sparql-results+json"}).get_json()
    assert [b["l"]["value"] for b in labels["results"]["bindings"]] == ["Japan (State of)"]
    bad = boss.post("/curate/entity/japan/edit", data={"label": "x", "wikidata": "17",
                                                       "seen": "", "csrf_token": tok})
    assert bad.status_code == 400
    last = read_log(curated[1])[-1].id
    r = boss.post("/curate/entity/nato-plus/merge", data={"into": "nato", "csrf_token": tok})
    assert r.status_code == 302
    ask = (f"ASK {{ <{terms.ID}nato> <{terms.OWL_SAMEAS.value}> <{terms.ID}nato-plus> . "
           f"<{terms.ID}nato-plus> <{terms.DCTERMS_ISREPLACEDBY.value}> <{terms.ID}nato> }}")
    answer = boss.get("/sparql", query_string={"query": ask},
                      headers={"Accept": "application/sparql-results+json"}).get_json()
    assert answer["boolean"] is True and read_log(curated[1])[-2].id == last
    assert "merge into" in boss.get("/curate/entity/nato").get_data(as_text=True)
    with capp.test_request_context():
        assert curate.replaced_by(terms.ID + "nato-plus") == terms.ID + "nato"
        assert curate.replaced_by(terms.ID + "japan") is None
    gone = boss.get("/id/nato-plus")  # the merged IRI's page sends readers to the one that stays
    assert gone.status_code == 301 and gone.headers["Location"].endswith("/id/nato")
    assert boss.get("/id/nato-plus.ttl").headers["Location"].endswith("/id/nato.ttl")
    assert boss.get("/id/japan").status_code == 200


def test_orphaned_decisions_are_listed(capp: Flask, curated: tuple[Path, Path]) -> None:
    from loaders.store import curation
    from loaders.store.decisions import new_decision

    location, log = curated
    gone = terms.CLAIM + "00000000deadbeef"
    curation.record(location, log, new_decision("accept", gone, "ann", after={"status": "Accepted"}))
    page = signed_in(capp).get("/curate/orphans").get_data(as_text=True)
    assert "Orphaned decisions" in page and "00000000deadbeef" in page
    assert "00000000deadbeef" not in signed_in(capp).get("/curate?status=Accepted").get_data(
        as_text=True)


def test_unknown_and_malformed_claims(capp: Flask) -> None:
    ann = signed_in(capp)
    assert ann.get("/curate/claim/" + "f" * 16).status_code == 404
    assert ann.get("/curate/claim/not-a-claim").status_code == 400
    assert ann.get("/curate?min=2").status_code == 400
    assert ann.get("/curate?predicate=<x>").status_code == 400
