"""The pieces behind the endpoint's limits, cache bound and counters, on their own: fast
checks of what the load tests exercise over HTTP."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, quote, quote_plus

import pytest
import requests
from conftest import app_with, serving
from hypothesis import given, settings
from hypothesis import strategies as st

from server.api.querystring import query_param
from server.api.update_dataset import prepare
from server.runtime.engine import Cached, ResponseCache, entry_size
from server.runtime.limits import ClientLimits
from server.runtime.metrics import Metrics
from server.runtime.pipe import Pipe, PipeClosed, PipeTimeout


def test_cache_bound_counts_the_query_text() -> None:
    cache = ResponseCache(max_bytes=1 << 20, max_entry=1 << 20)
    body = Cached("application/json", b"{}", False)
    for i in range(100):
        cache.put(("v1", "x" * 95_000 + str(i), "application/json"), body)
    assert cache.size <= 1 << 20
    assert len(cache) == (1 << 20) // entry_size(("v1", "x" * 95_001, "application/json"), body)


def test_client_limits_concurrency_and_rate() -> None:
    limits = ClientLimits(concurrency=2, rate=10, burst=3)
    a, refusal = limits.enter("10.0.0.1")
    b, _ = limits.enter("10.0.0.1")
    assert refusal is None and limits.running("10.0.0.1") == 2
    slot, refusal = limits.enter("10.0.0.1")
    assert slot == -1 and refusal is not None and refusal.reason == "concurrency"
    assert limits.enter("10.0.0.2")[1] is None  # another client is not affected
    limits.leave(a)
    assert limits.enter("10.0.0.1")[1] is None
    assert [limits.take_request("c") for _ in range(3)] == [None] * 3
    over = limits.take_request("c")
    assert over is not None and over.reason == "rate" and over.retry_after >= 1
    assert ClientLimits(2, 10, 3, exempt=frozenset({"c"})).take_request("c") is None


def test_client_limits_bodies_in_progress() -> None:
    limits = ClientLimits(concurrency=0, rate=0, burst=1, bodies=2)
    a, _ = limits.enter_body("10.0.0.1")
    limits.enter_body("10.0.0.1")
    slot, refusal = limits.enter_body("10.0.0.1")
    assert slot == -1 and refusal is not None and refusal.reason == "bodies"
    assert limits.enter_body("10.0.0.2")[1] is None
    limits.leave_body(a)
    assert limits.enter_body("10.0.0.1")[1] is None
    assert ClientLimits(0, 0, 1, bodies=0).enter_body("x") == (-1, None)


def test_limits_are_shared_with_forked_processes() -> None:
    limits = ClientLimits(concurrency=1, rate=0, burst=1)
    pid = os.fork()
    if pid == 0:  # the child takes the client's only slot and exits
        limits.enter("10.0.0.9")
        os._exit(0)
    os.waitpid(pid, 0)
    assert limits.enter("10.0.0.9")[1] is not None  # the parent sees the child's query


def test_metrics_text() -> None:
    m = Metrics()
    m.add("queries", 3)
    m.add("timeouts")
    text = m.prometheus({"cache_bytes_this_process": 10})
    assert "alliancegraph_queries_total 3" in text
    assert "alliancegraph_timeouts_total 1" in text
    assert "alliancegraph_cache_bytes_this_process 10" in text


def test_storage_faults_are_counted_as_errors(tmp_path: Path) -> None:
    app = app_with(tmp_path / "nothing-here")
    with serving(app) as url:
        assert requests.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 500
        text = requests.get(url + "/metrics").text
    assert re.search(r"^alliancegraph_errors_total 1$", text, re.M), text


def test_update_dataset_clauses() -> None:
    graphs = ["http://g/1", "http://g/2"]
    union = prepare("INSERT { <x:a> <x:b> ?s } WHERE { ?s ?p ?o }", [], [], lambda: graphs)
    assert "USING <http://g/1> USING <http://g/2> USING NAMED <http://g/1>" in union
    own = "WITH <http://g/1> INSERT { ?s a <x:T> } WHERE { ?s ?p ?o }"
    assert prepare(own, [], [], lambda: graphs) == own  # WITH decides
    two = prepare("INSERT { ?s a <x:T> } WHERE { ?s ?p 'WHERE' } ; DELETE { ?s a <x:T> } "
                  "WHERE { ?s ?p ?o }", ["http://g/9"], [], list)
    assert two.count("USING <http://g/9> WHERE") == 2


def test_pipe_messages_split_joined_timed_out_and_closed() -> None:
    """The worker hop's pipe: whole messages whatever the reads bring, a timeout that
    leaves the pipe usable, and the other end's exit seen as PipeClosed."""
    a, b = socket.socketpair()
    left, right = Pipe(a), Pipe(b)
    big = bytes(range(256)) * 1200  # longer than one read, and than the socket's buffer
    sender = threading.Thread(target=lambda: [left.send(m) for m in (b"", b"F{}\nx", big)])
    sender.start()
    assert [right.recv(time.monotonic() + 5) for _ in range(3)] == [b"", b"F{}\nx", big]
    sender.join()
    began = time.monotonic()
    with pytest.raises(PipeTimeout):
        right.recv(began + 0.2)
    assert time.monotonic() - began >= 0.19
    with pytest.raises(PipeTimeout):  # a deadline already past: no wait at all
        right.recv(began)
    a.sendall(b"\x00\x00\x00\x03ab")  # half a message, then the rest
    with pytest.raises(PipeTimeout):
        right.recv(time.monotonic() + 0.05)
    a.sendall(b"c")
    assert right.recv(time.monotonic() + 5) == b"abc"
    left.close()
    with pytest.raises(PipeClosed):
        right.recv(time.monotonic() + 5)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("query=&%+;aZ09 {}?#é\n\r\t"))
               | st.characters(blacklist_categories=("Cs",)),  # no lone surrogates in URLs
               max_size=60),
       st.sampled_from(["", "query=", "query=%7B", "query=a%2"]))
def test_query_param_decodes_as_parse_qsl(text: str, prefix: str) -> None:
    """The C-speed decoding of `query=` gives exactly what urllib gives, or defers to it."""
    for qs in (prefix + text, prefix + quote(text, safe="=&+%"), "query=" + quote_plus(text)):
        params = parse_qsl(qs, keep_blank_values=True)
        expected = params[0][1] if len(params) == 1 and params[0][0] == "query" else None
        assert query_param(qs) == expected, qs
