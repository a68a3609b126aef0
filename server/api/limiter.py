"""The per-client request rate, applied to every request before Flask sees it, and /metrics.

WSGI middleware, outermost: a client over its rate gets 429 with Retry-After at once, for
the price of one shared-memory update, so a flood costs the server almost nothing. A client
with CLIENT_BODIES requests with a body in progress gets 503 for the next one before a byte
of its body is read: a server thread reads a body as slowly as the client sends it, so
clients dribbling bodies could otherwise hold every thread. Every request is counted;
/metrics answers the counters in the Prometheus text format.
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
        if environ.get("CONTENT_LENGTH", "0") not in ("", "0") \
                or "HTTP_TRANSFER_ENCODING" in environ:
            return self.with_body(client, environ, start_response)
        return self.inner(environ, start_response)

    def with_body(self, client: str, environ: dict[str, Any], start_response: Callable[..., Any]
                  ) -> Iterable[bytes]:
        """A request with a body, within the client's number of them in progress (the app
        has read the body once it returns)."""
        eng = self.engine
        slot, refusal = eng.limits.enter_body(client)
        if refusal is not None:
            eng.metrics.add("rejected_concurrency")
            body = json.dumps({"status": 503, "error": "Busy",
                               "message": refusal.message}).encode()
            start_response("503 SERVICE UNAVAILABLE", [
                ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                ("Retry-After", str(refusal.retry_after)), ("Connection", "close"),
                *CORS.items()])
            return [body]
        try:
            return self.inner(environ, start_response)
        finally:
            eng.limits.leave_body(slot)

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
