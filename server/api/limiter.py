"""The per-client request rate, applied to every request before Flask sees it, and /metrics.

WSGI middleware, outermost: a client over its rate gets 429 with Retry-After at once, for
the price of one shared-memory update, so a flood costs the server almost nothing. Every
request is counted; /metrics answers the counters in the Prometheus text format.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from server.api.answer import CORS
from server.runtime.engine import Engine

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


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
                                       "query_timeout_seconds": eng.timeout})
        body = text.encode()
        start_response("200 OK", [("Content-Type", "text/plain; version=0.0.4"),
                                  ("Content-Length", str(len(body))), *CORS.items()])
        return [body]
