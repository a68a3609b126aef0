"""`alliancegraph serve` for real: granian (the default) and gunicorn in a subprocess, queries in killable worker
processes; a runaway query gets 503 at the deadline, its worker is killed (which ends the
query), and other clients are served throughout. Each request is in the access log with its
duration."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import SERVER_SAMPLE, command_serving, free_port, make_store

RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n2 ?o . ?p ?q ?r }")
QUICK = "ASK { ?s ?p ?o }"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module", params=["granian", "gunicorn"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("serve")
    location = make_store(root / "store", [SERVER_SAMPLE])
    port, log = free_port(), root / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(BIN / "alliancegraph"), "serve", "--store", str(location), "--port", str(port),
             "--workers", "2", "--threads", "2", "--timeout", "2", "--server", request.param],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(150):
            try:
                if requests.get(url, params={"query": QUICK}, timeout=2).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start: " + log.read_text())
        yield url, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


@pytest.mark.slow
def test_server_serves_and_logs_each_query(served: tuple[str, Path]) -> None:
    url, log = served
    r = requests.get(url, params={"query": QUICK}, headers={"User-Agent": "serve-test"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    for _ in range(100):  # the line is written once the answer is sent (later, under load)
        lines = [ln for ln in log.read_text().splitlines()
                 if "GET /sparql?query=" in ln and '"serve-test"' in ln]
        if lines:
            break
        time.sleep(0.05)
    assert lines, log.read_text()
    # combined log format + duration: host - - [time] "request" status bytes "ref" "ua" NNNus
    assert re.search(r'^\S+ - - \[[^\]]+\] "GET /sparql\?query=\S+ HTTP/1.1" 200 \d+ '
                     r'"[^"]*" "serve-test" \d+us$', lines[-1]), lines[-1]


@pytest.mark.slow
def test_runaway_query_gets_503_and_others_are_served(served: tuple[str, Path]) -> None:
    url, log = served
    result: dict[str, float] = {}

    def runaway() -> None:
        t0 = time.monotonic()
        r = requests.post(url, data={"query": RUNAWAY}, timeout=30)
        result.update(status=r.status_code, seconds=time.monotonic() - t0)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    served_meanwhile = 0
    while thread.is_alive():
        r = requests.get(url, params={"query": QUICK}, timeout=5)
        served_meanwhile += r.status_code == 200
        time.sleep(0.2)
    thread.join()
    assert result["status"] == 503
    assert 1.9 <= result["seconds"] < 5
    assert served_meanwhile >= 3
    text = log.read_text()
    assert "retiring" not in text and "query timeout: client=127.0.0.1" in text
    for _ in range(5):
        assert requests.get(url, params={"query": QUICK}, timeout=5).status_code == 200


@pytest.mark.slow
def test_long_answer_streams(served: tuple[str, Path]) -> None:
    url, log = served
    r = requests.get(url, params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"},
                     headers={"Accept": "text/csv", "User-Agent": "stream-test"})
    assert r.status_code == 200
    assert r.headers.get("Transfer-Encoding") == "chunked"
    assert len(r.text.splitlines()) == 45 * 45 + 1
    pattern = re.compile(r'"GET /sparql\?query=SELECT\S* HTTP/1.1" 200 \S+ "[^"]*" '
                         r'"stream-test" \d+us$', re.M)
    for _ in range(100):  # a streamed answer is logged too, when it ends
        if pattern.search(log.read_text()):
            break
        time.sleep(0.05)
    assert pattern.search(log.read_text()), log.read_text()[-1000:]


def test_threads_execution_needs_gunicorn(tmp_path: Path) -> None:
    """The threads execution retires a gunicorn process at a timeout: under granian it is
    refused with one line, before anything starts."""
    r = subprocess.run([str(BIN / "alliancegraph"), "serve", "--store", str(tmp_path / "s")],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "ALLIANCEGRAPH_SPARQL_EXECUTION": "threads"})
    assert r.returncode != 0
    assert r.stderr.strip() == ("Error: ALLIANCEGRAPH_SPARQL_EXECUTION=threads needs --server "
                                "gunicorn (it retires a gunicorn process at a timeout)")
    assert not (tmp_path / "s").exists()  # nothing built


@pytest.mark.slow
def test_a_dead_web_process_is_replaced(tmp_path: Path) -> None:
    """granian, like gunicorn, replaces a web process that dies, and every request is served after."""
    location = make_store(tmp_path / "store", [SERVER_SAMPLE])
    with command_serving(location, tmp_path / "serve.log", "--workers", "2", "--threads", "1"
                         ) as base:
        flag = f"--port\0{base.rsplit(':', 1)[1]}\0".encode()
        serving = {p for p in processes() if flag in Path(f"/proc/{p}/cmdline").read_bytes()}
        main = next(p for p in serving if parent(p) not in serving)
        web = sorted(children(main))
        assert len(web) == 2
        os.kill(web[0], signal.SIGKILL)
        # A connection already queued on the killed process is reset with it (each process
        # has its own accept queue): such a request may fail, but not once it is replaced.
        for _ in range(100):
            try:
                requests.get(base + "/sparql", params={"query": QUICK}, timeout=10)
            except requests.ConnectionError:
                pass
            now = children(main)
            if len(now) == 2 and web[0] not in now:
                break
            time.sleep(0.1)
        assert len(children(main)) == 2 and web[0] not in children(main)
        for _ in range(20):
            assert requests.get(base + "/sparql", params={"query": QUICK}, timeout=10).ok


def processes() -> set[int]:
    """Every live process (/proc)."""
    return {int(e.name) for e in Path("/proc").iterdir() if e.name.isdigit()}


def parent(pid: int) -> int:
    """A process's parent, 0 if it is a zombie or gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return 0 if stat[0] == "Z" else int(stat[1])


def children(pid: int) -> set[int]:
    """The live child processes of a process."""
    return {p for p in processes() if parent(p) == pid}


@pytest.mark.parametrize("server", ["granian", "gunicorn"])
def test_a_second_server_on_a_busy_port_fails_with_one_line(tmp_path: Path, server: str) -> None:
    """granian listens with SO_REUSEPORT: without the check a second `serve` on the same port
    shared it with the first, and requests went to either store at random."""
    location = make_store(tmp_path / "store", [SERVER_SAMPLE])
    with command_serving(location, tmp_path / "serve.log") as base:
        port = base.rsplit(":", 1)[1]
        second = subprocess.Popen(
            [str(Path(sys.executable).parent / "alliancegraph"), "serve", "--store", str(location),
             "--port", port, "--server", server], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True)
        try:
            _, err = second.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(second.pid, signal.SIGKILL)  # it started: stop it and its web processes
            second.communicate()
            pytest.fail("a second server started on a busy port")
        assert second.returncode != 0
        assert f"cannot listen on 127.0.0.1:{port}" in err
        assert "another server" in err
        assert requests.get(base + "/sparql", params={"query": "ASK {}"}, timeout=10).ok
