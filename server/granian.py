"""`alliancegraph serve` on granian: settings, the access log, and the per-process start of
the query workers.

The app is made before granian forks its web processes (like gunicorn's `preload_app`), so
the per-client limits and the /metrics counters, in shared memory, hold across all of them.
Requests are read and answered in Rust; a request head not complete after HEAD_SECONDS
closes its connection there, holding no Python thread meanwhile. A GET request's target is
read up to 65,534 bytes (hyper's fixed limit; longer gets 414 before the app sees it): an
ASCII query of up to 21,800 characters always fits percent-encoded, a longer one is POSTed
(SECURITY.md).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.server import MPServer

from server.api.accesslog import AccessLog
from server.runtime.config import CONNECTION_THREADS, HEAD_SECONDS

if TYPE_CHECKING:
    from flask import Flask


def granian_server(host: str, port: int, workers: int, query_workers: int) -> MPServer:
    """granian with the settings `serve` needs: WSGI, HTTP/1.1, head deadline, respawn."""
    threads = max(CONNECTION_THREADS, 2 * query_workers)
    return MPServer(
        "alliancegraph", address=host, port=port,
        interface=Interfaces.WSGI, workers=workers, http=HTTPModes.http1,
        websockets=False, blocking_threads=threads, backpressure=threads,
        # granian's default buffer (408 KiB) holds the longest request target hyper accepts
        http1_settings=HTTP1Settings(header_read_timeout=int(HEAD_SECONDS * 1000)),
        log_access=False,  # server/api/accesslog.py writes it, for a tenth of the cost
        respawn_failed_workers=True,  # a web process that dies is replaced, as gunicorn does
        workers_kill_timeout=10)


def serve_granian(app: Flask, host: str, port: int, workers: int, query_workers: int) -> None:
    """Serve `app` (made in this process, before the fork) until interrupted: `workers` web
    processes with `query_workers` query worker processes each."""
    engine = app.extensions["alliancegraph.engine"]
    logged = AccessLog(app)

    def load(_target: str) -> Any:
        # Runs in each web process after the fork: start its query workers now.
        if not logging.getLogger().handlers:  # timeouts and refusals, with the client
            logging.basicConfig(level=logging.WARNING,
                                format="[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s")
        engine.warm()
        return logged

    granian_server(host, port, workers, query_workers).serve(target_loader=load)
