"""Shared fixtures: a real store on disk, the Flask app over it, and one real HTTP server.

Like flaskr's `tests/conftest.py` (app, client, runner) and datasette's (a real server on a
free port): nothing is mocked; queries run in real worker processes on a real pyoxigraph store.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.serving import make_server

from server import create_app

DATA = Path(__file__).parent / "data"
SERVER_SAMPLE = DATA / "server" / "sample.trig"
TEST_VERSION = "v-20260101T000000-000001"


def make_store(location: Path, sources: list[Path], version: str = TEST_VERSION) -> Path:
    """A store location as `alliancegraph build` lays it out: a version dir and CURRENT."""
    location.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(location / version))
    for path in sources:
        store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]))
    store.flush()
    del store  # close it: readers open the directory read-only
    (location / "CURRENT").write_text(version + "\n", encoding="utf-8")
    return location


@pytest.fixture(scope="session")
def store_location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from tests/data/server/sample.trig."""
    return make_store(tmp_path_factory.mktemp("store"), [SERVER_SAMPLE])


@pytest.fixture(scope="session")
def direct_store(store_location: Path) -> ox.Store:
    """The same data opened directly, to compare the endpoint's answers with."""
    return ox.Store.read_only(str(store_location / TEST_VERSION))


@pytest.fixture(scope="session")
def app(store_location: Path) -> Iterator[Flask]:
    """The app over the sample store (session-wide: starting query workers takes time)."""
    application = create_app({"TESTING": True, "STORE": str(store_location),
                              "SPARQL_TIMEOUT": 20, "SPARQL_WORKERS": 2})
    yield application
    application.extensions["alliancegraph.engine"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@contextmanager
def serving(application: Flask) -> Iterator[str]:
    """Serve an app over real HTTP on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def command_serving(location: Path, log: Path, *args: str, env: dict[str, str] | None = None,
                    server: str = "granian") -> Iterator[str]:
    """`alliancegraph serve` for real (`server`: granian, the default, or gunicorn; queries
    in killable worker processes) on a free loopback port; yields its base URL and stops it
    afterwards."""
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "alliancegraph"), "serve", "--store", str(location),
             "--port", str(port), "--server", server, *args],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if proc.poll() is not None:
                break
            time.sleep(0.1)
        else:
            pytest.fail("server did not start: " + log.read_text())
        if proc.poll() is not None:
            pytest.fail("server exited: " + log.read_text())
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


@pytest.fixture(scope="session")
def live_server(store_location: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The one shared real HTTP server over the sample store, as `alliancegraph serve` runs it
    in production (granian, 2 web processes x 4 query workers): its base URL."""
    log = tmp_path_factory.mktemp("live") / "serve.log"
    with command_serving(store_location, log, "--workers", "2", "--threads", "4",
                          "--timeout", "20") as url:
        yield url


@pytest.fixture(scope="session")
def debug_server(app: Flask) -> Iterator[str]:
    """The same app under the in-process server with worker processes (the --debug mode)."""
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def endpoint(live_server: str) -> str:
    """The /sparql URL of the shared server."""
    return live_server + "/sparql"


def app_with(store: Path, **config: Any) -> Flask:
    """Another app over a store, with its own settings (timeouts, caps, tokens)."""
    return create_app({"TESTING": True, "STORE": str(store), "SPARQL_WORKERS": 2, **config})
