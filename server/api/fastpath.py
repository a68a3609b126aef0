"""A lean WSGI path for the common /sparql request: GET ?query=, answered straight from the
engine, without Flask's request and response objects (bench/README.md: Flask's per-request
work was a large share of a cheap query's time).

It only ever answers successes (and timeouts, which must not be run twice). Anything else -
POST, dataset parameters, `format=`, conditional requests, errors, the service description -
goes to the Flask app unchanged, so there is one implementation of the protocol's rules and
the fast path is the same answer, sooner.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from loaders.errors import AgError
from server.api import formats
from server.api.answer import (
    CORS,
    MEDIA,
    answer_headers,
    busy_message,
    start,
    stream,
    timeout_message,
)
from server.api.lexer import analyse
from server.api.querystring import query_param
from server.runtime.engine import Cached, Engine
from server.runtime.jobs import Abandoned, Answer, Job, PoolBusy, Timeout, WorkerError
from server.runtime.limits import Refused

if TYPE_CHECKING:
    from flask import Flask

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
PATHS = frozenset({"/sparql", "/sparql/"})


class Delegate(Exception):
    """This request is not for the fast path."""


class FastPath:
    """WSGI middleware: answer plain GET /sparql?query= itself, pass the rest to Flask."""

    def __init__(self, app: Flask, inner: WSGIApp) -> None:
        self.app, self.inner = app, inner
        self.engine: Engine = app.extensions["alliancegraph.engine"]
        cfg = app.config
        self.max_length = int(cfg["SPARQL_MAX_QUERY_LENGTH"])
        self.allow_service = bool(cfg["SPARQL_ALLOW_SERVICE"])
        self.cap = cfg["SPARQL_ROW_CAP"]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        if environ.get("PATH_INFO") not in PATHS or environ.get("REQUEST_METHOD") not in (
                "GET", "HEAD") or "HTTP_IF_NONE_MATCH" in environ or self.engine.remote:
            return self.inner(environ, start_response)
        try:
            return self.answer(environ, start_response)
        except (Delegate, AgError):  # Flask answers it, errors in the usual shape
            return self.inner(environ, start_response)

    def _job(self, environ: dict[str, Any], version: str
             ) -> tuple[Job, tuple[Any, ...], str]:
        query = query_param(environ.get("QUERY_STRING", ""))
        if query is None or not query.strip() or len(query) > self.max_length:
            raise Delegate()
        info = analyse(query)
        if info.form is None or info.update or (info.service and not self.allow_service):
            raise Delegate()
        rdf = info.form in ("CONSTRUCT", "DESCRIBE")
        fmt = formats.negotiate_header(environ.get("HTTP_ACCEPT", ""), rdf)
        if fmt is None:
            raise Delegate()
        host = environ.get("HTTP_HOST") or f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
        path = environ.get("PATH_INFO", "")
        base = f"{environ['wsgi.url_scheme']}://{host}{environ.get('SCRIPT_NAME', '')}{path}"
        asked = (query, (), (), fmt.media_type, self.cap, base)
        job = Job(path=self.engine.version_path(version), query=query,
                  fmt=fmt.oxigraph if not rdf else "JSON",
                  rdf_fmt=fmt.oxigraph if rdf else formats.RDF_FORMATS[0].oxigraph,
                  union=not info.dataset, cap=self.cap, base_iri=base)
        return job, asked, fmt.media_type

    def answer(self, environ: dict[str, Any], start_response: Callable[..., Any]
               ) -> Iterable[bytes]:
        """The answer, or Delegate for anything that is not a plain success."""
        eng = self.engine
        version = eng.version()  # once: it stats the store's CURRENT pointer
        job, asked, media = self._job(environ, version)
        etag = eng.etag(*asked, version=version)
        key = (version, *asked)
        head = environ["REQUEST_METHOD"] == "HEAD"
        hit = eng.cache.get(key)
        if hit is not None:
            eng.metrics.add("cache_hits")
            return self._whole(start_response, hit.body, hit.media_type, hit.truncated, etag,
                               head)
        answer = self._run(environ, job)
        if isinstance(answer, tuple):
            start_response("503 SERVICE UNAVAILABLE", answer[0])
            return [] if head else [answer[1]]
        media = MEDIA[(answer.header.fmt, answer.header.kind == "triples")]
        if not answer.more:
            eng.cache.put(key, Cached(media, answer.first, answer.header.truncated))
            return self._whole(start_response, answer.first, media, answer.header.truncated,
                               etag, head)
        start_response("200 OK", self._headers(media, answer.header.truncated, etag))
        if head:
            answer.close()
            return []
        return _Streaming(eng, answer, key, media)

    def _run(self, environ: dict[str, Any], job: Job
             ) -> Answer | tuple[list[tuple[str, str]], bytes]:
        eng = self.engine
        try:
            return start(eng, job, environ.get("gunicorn.socket"), eng.client(environ))
        except WorkerError:
            raise Delegate() from None  # Flask reports syntax and store errors
        except Abandoned:
            return [("Content-Type", "application/json")], b""  # the watchdog has answered
        except Refused as e:
            body, retry = _error_body("Busy", e.refusal.message), e.refusal.retry_after
        except PoolBusy:
            body, retry = _error_body("Busy", busy_message(eng)), 5
        except Timeout:
            body, retry = _error_body("QueryTimeout", timeout_message(eng)), 5
        headers = [("Content-Type", "application/json"), ("Retry-After", str(retry)),
                   *CORS.items()]
        return headers + [("Content-Length", str(len(body)))], body

    def _headers(self, media: str, truncated: bool, etag: str) -> list[tuple[str, str]]:
        return answer_headers(media, truncated, etag, self.cap)

    def _whole(self, start_response: Callable[..., Any], body: bytes, media: str,
               truncated: bool, etag: str, head: bool) -> list[bytes]:
        headers = self._headers(media, truncated, etag)
        headers.append(("Content-Length", str(len(body))))
        start_response("200 OK", headers)
        return [] if head else [body]


def _error_body(error: str, message: str) -> bytes:
    return json.dumps({"error": error, "message": message, "status": 503}).encode()


class _Streaming:
    """A long answer as a WSGI iterable whose close() releases (or stops) its worker."""

    def __init__(self, eng: Engine, answer: Answer, key: tuple[Any, ...], media: str) -> None:
        self.answer = answer
        self._it: Iterator[bytes] = stream(eng, answer, key, media)

    def __iter__(self) -> Iterator[bytes]:
        return self._it

    def close(self) -> None:
        close = getattr(self._it, "close", None)
        if close is not None:
            close()
        self.answer.close()
