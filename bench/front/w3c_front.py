"""A pytest plugin that runs the HTTP tests of /sparql against the compiled front prototype.

    PYTHONPATH=bench/front .venv/bin/python -m pytest -p w3c_front \
        tests/test_sparql_w3c.py tests/test_sparql_clients.py

tests/test_sparql_w3c.py serves its own store with the Python app (`serving(app)`), the
shared `live_server` runs `alliancegraph serve` (`command_serving`); this plugin wraps both:
the same server, plus the front (bench/front, built with `go build`) starting
`oxigraph serve-read-only` on the same store and handing the server what it is unsure of.
The tests then talk to the front. Not part of `make test`: a prototype's measurement. The
front's counters (how many requests it answered itself) go to
$TMPDIR/front-w3c-metrics-<n>.json.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import sparql_bench as sb  # noqa: E402

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def _with_front(original: Any, store_of: Callable[..., str]) -> Any:
    """`original` (a context manager factory yielding a server's base URL) with the front
    in front of the server it starts; `store_of(*args)` is the store location it serves."""
    @contextmanager
    def serving(*args: Any, **kwargs: Any) -> Iterator[str]:
        binary = sb.front_binary()
        inner: AbstractContextManager[str] = original(*args, **kwargs)
        with inner as app_url:
            port = sb.free_port()
            proc = subprocess.Popen(
                [str(binary), "-listen", f"127.0.0.1:{port}", "-app", app_url,
                 "-store", store_of(*args), "-oxigraph", str(OXIGRAPH),
                 "-timeout", "10"], stdout=subprocess.DEVNULL, start_new_session=True)
            url = f"http://127.0.0.1:{port}"
            try:
                for _ in range(100):
                    try:
                        requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2)
                        break
                    except requests.RequestException:
                        time.sleep(0.1)
                yield url
                counts = requests.get(url + "/front/metrics", timeout=5).text
                out = Path(tempfile.gettempdir(), f"front-w3c-metrics-{port}.json")
                out.write_text(counts)
            finally:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(10)
    return serving


def pytest_collection_finish(session: pytest.Session) -> None:
    """Put the front before the servers once the modules are imported."""
    w3c, conftest = sys.modules.get("test_sparql_w3c"), sys.modules.get("conftest")
    if w3c is not None:
        w3c.serving = _with_front(  # type: ignore[attr-defined]
            w3c.serving, lambda app: str(app.config["STORE"]))
    if conftest is not None:
        conftest.command_serving = _with_front(  # type: ignore[attr-defined]
            conftest.command_serving, lambda location, *_: str(location))
