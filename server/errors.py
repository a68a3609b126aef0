"""HTTP errors of the endpoint, and the one handler that turns any error into a response.

Every refusal is an `AgError` subclass whose `status` is the HTTP status. The handler answers
JSON to API clients and a small HTML page to browsers. Storage faults stay 500: a broken store
is never the client's fault (oxigraph `server/src/main.rs` does the same).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from loaders.errors import AgError, QueryError, StoreError, query_position
from server.runtime.jobs import Abandoned

log = logging.getLogger(__name__)


class QuerySyntaxError(QueryError):
    """A query the parser rejects; `line` and `column` say where (1-based)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line, self.column = line, column
        super().__init__(message)

    @classmethod
    def from_parser(cls, message: str) -> QuerySyntaxError:
        """Reads oxigraph's 'error at LINE:COLUMN: ...' into line and column."""
        line, column, why = query_position(message)
        if line is None:
            return cls(f"SPARQL syntax error: {message}")
        return cls(f"SPARQL syntax error at line {line}, column {column}: {why}", line, column)


class Forbidden(QueryError):
    """A request this endpoint refuses on principle (an update on /sparql, SERVICE)."""

    status = 403


class Unauthorized(AgError):
    """A write without the admin token."""

    status = 401


class NotAcceptable(QueryError):
    """No format the client accepts can express this answer."""

    status = 406


class UnsupportedMediaType(QueryError):
    """A request body in a content type the protocol does not define."""

    status = 415


class PayloadTooLarge(QueryError):
    """A query longer than the configured limit."""

    status = 413


class MethodNotAllowed(QueryError):
    """A method the protocol does not define for this resource."""

    status = 405


class QueryTimeout(AgError):
    """A query stopped at the deadline; its worker was killed, nothing keeps running."""

    status = 503


class Busy(AgError):
    """Every query worker stayed busy, or this client has its share of queries running."""

    status = 503
    retry_after = 5


class TooManyRequests(Busy):
    """A client over its request rate."""

    status = 429


def _wants_json() -> bool:
    if request.path.startswith(("/sparql", "/update", "/store")):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best != "text/html"


def _payload(status: int, title: str, message: str, e: Exception) -> dict[str, object]:
    body: dict[str, object] = {"status": status, "error": title, "message": message}
    for attr in ("line", "column"):
        if getattr(e, attr, None) is not None:
            body[attr] = getattr(e, attr)
    return body


def render(status: int, title: str, message: str, e: Exception) -> Response:
    """One error response: JSON for the API, an HTML page otherwise."""
    if _wants_json():
        resp = jsonify(_payload(status, title, message, e))
    else:
        resp = Response(render_template("error.html", status=status, title=title,
                                        message=message), mimetype="text/html")
    resp.status_code = status
    resp.headers["Access-Control-Allow-Origin"] = "*"
    if status in (429, 503):
        resp.headers["Retry-After"] = str(getattr(e, "retry_after", 5))
    if status == 401:
        resp.headers["WWW-Authenticate"] = 'Bearer realm="alliancegraph"'
    return resp


def _count_error() -> None:
    """Count a server-side failure in /metrics (timeouts and refusals are counted apart)."""
    engine = current_app.extensions.get("alliancegraph.engine")
    if engine is not None:
        engine.metrics.add("errors")


def handle_ag_error(e: AgError) -> Response:
    """An error raised on purpose: its class names the status."""
    if e.status >= 500:
        log.error("%s: %s", type(e).__name__, e)
        if not isinstance(e, Busy | QueryTimeout):
            _count_error()
    return render(e.status, type(e).__name__, str(e), e)


def handle_http(e: HTTPException) -> Response:
    """Werkzeug's own errors (404, 405, ...) in the same shape as ours."""
    resp = render(e.code or 500, e.name, e.description or e.name, e)
    if e.code == 405 and e.response is None:
        allow = getattr(e, "valid_methods", None)
        if allow:
            resp.headers["Allow"] = ", ".join(allow)
    return resp


def handle_os_error(e: OSError) -> Response:
    """A storage fault (disk, RocksDB) is the server's problem: 500, logged."""
    log.exception("storage fault")
    _count_error()
    return render(500, "StoreError", f"the store could not be read: {e}", StoreError(str(e)))


def handle_abandoned(e: Exception) -> Response:
    """The watchdog already sent this client its 503 and closed the socket: write nothing."""
    return Response(status=503)


def init_app(app: Flask) -> None:
    """Register the handlers; unexpected exceptions keep Flask's 500 (and are logged)."""
    app.register_error_handler(Abandoned, handle_abandoned)
    app.register_error_handler(AgError, handle_ag_error)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(OSError, handle_os_error)
