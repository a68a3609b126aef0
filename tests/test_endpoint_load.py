"""32 clients for 60 s, a mixed workload (SPARQL, entity pages, the service description),
with a runaway query every 5 s, against `alliancegraph serve` on loopback.

The cheap requests must see no error and a p99 at most twice the p99 of the same workload
without runaway queries; every runaway query must be answered 503 within timeout + 1 s.
Bounded: two phases (20 s without, 60 s with runaway queries), then the server stops.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlencode, urlsplit

import pytest
from conftest import SERVER_SAMPLE, command_serving, make_store

CLIENTS = 32
BASELINE_SECONDS = 20.0
LOAD_SECONDS = 60.0
RUNAWAY_EVERY = 5.0
TIMEOUT = 2.0
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n2 ?o . ?p ?q ?r }")
QUERIES = ["SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10",
           "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
           "ASK { ?s a ?c }",
           "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"]


def request_paths(i: int) -> list[tuple[str, dict[str, str]]]:
    """What one client asks for, in turn: queries (some unique, so uncached), an entity
    page, the service description."""
    paths = [("/sparql?" + urlencode({"query": q}), {"Accept": "application/sparql-results+json,"
                                                     " text/turtle"}) for q in QUERIES]
    paths.append(("/id/japan", {"Accept": "text/html"}))
    paths.append(("/sparql", {"Accept": "text/turtle"}))
    return paths


class Client(threading.Thread):
    """One client with its own loopback address and a keep-alive connection."""

    def __init__(self, base: str, index: int, stop: float) -> None:
        super().__init__(daemon=True)
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.source = f"127.0.1.{index + 1}"
        self.index, self.stop = index, stop
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=30,
                                          source_address=(self.source, 0))

    def run(self) -> None:
        conn = self.connect()
        paths = request_paths(self.index)
        rnd = random.Random(self.index)
        n = 0
        while time.monotonic() < self.stop:
            path, headers = paths[n % len(paths)]
            if n % len(paths) == 0:  # a fresh query now and then: not every answer is cached
                path += f"%20%23{rnd.random()}"  # a comment at the end of the query
            n += 1
            began = time.monotonic()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    self.errors.append(f"{resp.status} {path[:60]}")
            except (OSError, http.client.HTTPException) as e:
                self.errors.append(f"{type(e).__name__} {path[:60]}")
                conn.close()
                conn = self.connect()
            self.latencies.append(time.monotonic() - began)
            time.sleep(0.01)
        conn.close()


def run_phase(base: str, seconds: float, runaway: bool) -> tuple[list[float], list[str],
                                                                 list[tuple[int, float]]]:
    stop = time.monotonic() + seconds
    clients = [Client(base, i, stop) for i in range(CLIENTS)]
    for c in clients:
        c.start()
    runaways: list[tuple[int, float]] = []
    if runaway:
        parts = urlsplit(base)
        while time.monotonic() + RUNAWAY_EVERY <= stop:
            began = time.monotonic()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30,
                                              source_address=("127.0.2.1", 0))
            try:
                conn.request("GET", "/sparql?" + urlencode(
                    {"query": RUNAWAY + f" # {began}"}))
                resp = conn.getresponse()
                resp.read()
                runaways.append((resp.status, time.monotonic() - began))
            except (OSError, http.client.HTTPException):
                runaways.append((0, time.monotonic() - began))
            finally:
                conn.close()
            time.sleep(max(0.0, RUNAWAY_EVERY - (time.monotonic() - began)))
    for c in clients:
        c.join(60)
    latencies = sorted(x for c in clients for x in c.latencies)
    errors = [e for c in clients for e in c.errors]
    return latencies, errors, runaways


def p99(values: list[float]) -> float:
    return values[int(0.99 * (len(values) - 1))]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("load")
    location = make_store(root / "store", [SERVER_SAMPLE])
    env = {"ALLIANCEGRAPH_RATE_PER_SECOND": "200", "ALLIANCEGRAPH_RATE_BURST": "200"}
    with command_serving(location, root / "serve.log", "--workers", "2", "--threads", "4",
                          "--timeout", str(TIMEOUT), env=env) as url:
        yield url


@pytest.mark.slow
@pytest.mark.load
def test_mixed_load_with_runaway_queries(server: str) -> None:
    base_lat, base_err, _ = run_phase(server, BASELINE_SECONDS, runaway=False)
    lat, err, runaways = run_phase(server, LOAD_SECONDS, runaway=True)
    base_p99, load_p99 = p99(base_lat), p99(lat)
    print(f"\nwithout runaway: {len(base_lat)} requests, p99 {base_p99 * 1000:.1f} ms; "
          f"with: {len(lat)} requests, p99 {load_p99 * 1000:.1f} ms; runaway {runaways}")
    assert not base_err and not err, (base_err + err)[:20]
    assert len(runaways) >= int(LOAD_SECONDS / RUNAWAY_EVERY) - 1
    assert all(status == 503 and seconds <= TIMEOUT + 1 for status, seconds in runaways), \
        runaways
    assert load_p99 <= 2 * base_p99, (base_p99, load_p99)
