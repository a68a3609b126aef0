"""The per-client request rate, applied to every request before Flask sees it, and /metrics.

WSGI middleware, outermost: a client over its rate gets 429 with Retry-After at once, for
the price of one shared-memory update, so a flood costs the server almost nothing. Every
request is counted; /metrics answers the counters in the Prometheus text format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from server.api.answer import CORS
from server.runtime.engine import Engine

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def resident_bytes() -> int:
    """This process's resident memory (Linux /proc; 0 where there is none)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class Limiter:
    """WSGI middleware: rate limit per client, request counting, GET /metrics."""

    def __init__(self, engine: Engine, inner: WSGIApp) -> None:
        self.engine, self.inner = engine, inner

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        eng = self.engine
        eng.metrics.add("requests")
        client = eng.client(environ)
        refusal = eng.limits.take_request(client)
        if refusal is not None:
            eng.metrics.add("rejected_rate")
            body = json.dumps({"status": 429, "error": "TooManyRequests",
                               "message": refusal.message}).encode()
            start_response("429 TOO MANY REQUESTS", [
                ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                ("Retry-After", str(refusal.retry_after)), *CORS.items()])
            return [body]
        if environ.get("PATH_INFO") == "/metrics" and environ.get("REQUEST_METHOD") in (
                "GET", "HEAD"):
            return self.metrics(start_response)
        return self.inner(environ, start_response)

    def metrics(self, start_response: Callable[..., Any]) -> Iterable[bytes]:
        """The counters of the whole server (shared memory) and this process's cache."""
        eng = self.engine
        text = eng.metrics.prometheus({"cache_bytes_this_process": eng.cache.size,
                                       "cache_entries_this_process": len(eng.cache),
                                       "resident_bytes_this_process": resident_bytes(),
                                       "query_timeout_seconds": eng.timeout})
        body = text.encode()
        start_response("200 OK", [("Content-Type", "text/plain; version=0.0.4"),
                                  ("Content-Length", str(len(body))), *CORS.items()])
        return [body]
