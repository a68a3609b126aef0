"""/sparql: the query side of the SPARQL 1.1 Protocol, read-only.

GET `?query=`, POST form, POST `application/sparql-query`; `default-graph-uri` and
`named-graph-uri`; every results and RDF format by content negotiation or `format=`; HEAD,
OPTIONS and CORS; the service description when there is no query. Updates and SERVICE are
refused; the query runs in a worker that is killed at the deadline (server/runtime/workers.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pyoxigraph as ox
import requests
from flask import Blueprint, Response, current_app, render_template, request

from loaders.errors import QueryError, StoreError
from server.api import formats
from server.api.answer import CORS, MEDIA, answer_headers, run, stream
from server.api.formats import Format
from server.api.lexer import QueryInfo, analyse
from server.api.service import description
from server.errors import (
    Forbidden,
    NotAcceptable,
    PayloadTooLarge,
    QueryTimeout,
    UnsupportedMediaType,
)
from server.runtime.engine import Cached, Engine
from server.runtime.jobs import Job

log = logging.getLogger(__name__)
bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"



def engine() -> Engine:
    """The engine of this app (store, workers, cache)."""
    return current_app.extensions["alliancegraph.engine"]  # type: ignore[no-any-return]


# -- reading the request ---------------------------------------------------------------------

def _max_length() -> int:
    return int(current_app.config["SPARQL_MAX_QUERY_LENGTH"])


def _too_long(n: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"query of {n} characters is over the limit of {_max_length()}")


def utf8_body() -> str:
    """The request body as text: 415 for a charset other than UTF-8, 400 for bad bytes
    (the protocol's direct POST of a query or an update)."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"{request.mimetype} must be UTF-8, not {charset}")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError as e:
        raise QueryError(f"the request body is not valid UTF-8 (byte {e.start})") from None


def read_request() -> tuple[str | None, list[str], list[str]]:
    """The query text (None if absent) and the protocol's default and named graph IRIs."""
    args = request.args
    default, named = args.getlist("default-graph-uri"), args.getlist("named-graph-uri")
    if request.method != "POST":
        queries = args.getlist("query")
        if "update" in args:
            raise Forbidden("SPARQL Update is not accepted on /sparql, which is read-only")
    else:
        mimetype = request.mimetype
        length = request.content_length or 0
        if length > 4 * _max_length() + 1024:
            raise _too_long(length)
        if mimetype == FORM:
            form = request.form
            if "update" in form:
                raise Forbidden("SPARQL Update is not accepted on /sparql, which is read-only")
            queries = form.getlist("query")
            default += form.getlist("default-graph-uri")
            named += form.getlist("named-graph-uri")
        elif mimetype == SPARQL_QUERY:
            queries = [utf8_body()]
        elif mimetype == SPARQL_UPDATE:
            raise Forbidden("SPARQL Update is not accepted on /sparql, which is read-only")
        else:
            raise UnsupportedMediaType(
                f"POST a query as {FORM} or {SPARQL_QUERY}, not {mimetype or 'no content type'}")
    if len(queries) > 1:
        raise QueryError(f"one query per request, not {len(queries)}")
    for iri in default + named:
        _check_iri(iri)
    return (queries[0] if queries else None), default, named


def _check_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise QueryError(f"graph IRI {iri!r} is not an absolute IRI") from None


def check_query(query: str) -> QueryInfo:
    """Refuse what this endpoint never runs: too long, empty, updates, SERVICE."""
    if len(query) > _max_length():
        raise _too_long(len(query))
    if not query.strip():
        raise QueryError("the query is empty")
    info = analyse(query)
    if info.update:
        raise Forbidden("SPARQL Update is not accepted on /sparql, which is read-only")
    if info.service and not current_app.config["SPARQL_ALLOW_SERVICE"]:
        raise Forbidden("SERVICE (federated query) is disabled on this endpoint")
    return info


def _format_param(rdf: bool) -> str | None:
    """The first `format=` (or `output=`) value naming a format we have, else the first one.

    Clients such as SPARQLWrapper send several (`format=rdf+xml&format=application/rdf+xml`).
    """
    values = request.args.getlist("format") + request.args.getlist("output")
    if request.mimetype == FORM:
        values += request.form.getlist("format") + request.form.getlist("output")
    values = [v for v in values if v]
    known = next((v for v in values if formats.by_name(v, rdf)), None)
    return known or (values[0] if values else None)


def choose_format(info: QueryInfo) -> tuple[Format, Format]:
    """(the format to answer in, the RDF format for a graph answer), or 406."""
    rdf = info.form in ("CONSTRUCT", "DESCRIBE")
    wanted = _format_param(rdf)
    fmt = formats.negotiate_header(request.headers.get("Accept", ""), rdf, wanted)
    if fmt is None:
        offered = formats.RDF_FORMATS if rdf else formats.RESULT_FORMATS
        asked = f"format={wanted}" if wanted else f"Accept: {request.headers.get('Accept')}"
        raise NotAcceptable(f"cannot answer {asked}; this query can be answered as "
                            + ", ".join(f.media_type for f in offered))
    return fmt, (fmt if rdf else formats.RDF_FORMATS[0])


# -- answering ---------------------------------------------------------------------------------

@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
@bp.route("/sparql/", methods=["GET", "POST", "OPTIONS"])
def sparql() -> Response:
    """The SPARQL 1.1 Protocol query operation."""
    if request.method == "OPTIONS":
        return preflight()
    query, default, named = read_request()
    if query is None:
        if request.method == "POST":  # a POST is an operation, never a description request
            raise QueryError("POST a query: the form needs a query= field")
        return service()
    info = check_query(query)
    fmt, rdf_fmt = choose_format(info)
    eng = engine()
    if eng.remote:
        return forward(eng, query, default, named, fmt)
    cap = current_app.config["SPARQL_ROW_CAP"]
    base = _base_iri()  # relative IRIs in a query resolve against the endpoint's URL
    asked = (query, tuple(default), tuple(named), fmt.media_type, cap, base)
    etag = eng.etag(*asked)
    if request.if_none_match.contains_weak(etag[3:-1]):
        return _not_modified(etag)
    key = (eng.version(), *asked)
    hit = eng.cache.get(key)
    if hit is not None:
        eng.metrics.add("cache_hits")
        return _respond(hit.body, hit.media_type, hit.truncated, etag)
    protocol = bool(default or named)
    job = Job(path=eng.version_path(), query=query,
              fmt=fmt.oxigraph if not fmt.rdf else "JSON", rdf_fmt=rdf_fmt.oxigraph,
              default_graphs=tuple(default) if protocol else None,
              named_graphs=tuple(named) if protocol else None,
              union=not info.dataset, cap=cap, base_iri=base)
    answer = run(eng, job, request.environ.get("gunicorn.socket"), eng.client(request.environ))
    media = MEDIA[(answer.header.fmt, answer.header.kind == "triples")]
    if not answer.more:
        eng.cache.put(key, Cached(media, answer.first, answer.header.truncated))
        return _respond(answer.first, media, answer.header.truncated, etag)
    if request.method == "HEAD":  # no body will be read: free the worker now
        answer.close()
        resp = _respond(b"", media, answer.header.truncated, etag)
        del resp.headers["Content-Length"]  # unknown: the answer would have been streamed
        return resp
    resp = _respond(stream(eng, answer, key, media), media, answer.header.truncated, etag)
    resp.call_on_close(answer.close)
    return resp


def _base_iri() -> str:
    """The endpoint's URL, cheaply (request.base_url re-decodes the whole query string)."""
    env = request.environ
    host = env.get("HTTP_HOST") or f"{env['SERVER_NAME']}:{env['SERVER_PORT']}"
    return f"{env['wsgi.url_scheme']}://{host}{env.get('SCRIPT_NAME', '')}{request.path}"


def _respond(body: bytes | Iterator[bytes], media: str, truncated: bool, etag: str) -> Response:
    resp = Response(body)
    resp.headers.clear()
    resp.headers.extend(answer_headers(media, truncated, etag, current_app.config["SPARQL_ROW_CAP"]))
    return resp


def _not_modified(etag: str) -> Response:
    resp = Response(status=304)
    resp.headers.update(CORS)
    resp.headers["ETag"] = etag
    resp.headers["Vary"] = "Accept"
    return resp


def forward(eng: Engine, query: str, default: list[str], named: list[str],
            fmt: Format) -> Response:
    """Pass the query to the remote store and stream its answer back."""
    remote = eng.remote_store()
    data = [("query", query)] + [("default-graph-uri", g) for g in default] \
        + [("named-graph-uri", g) for g in named]
    try:
        r = remote.session.post(remote.query_url, data=data, stream=True, timeout=eng.timeout,
                                headers={"Accept": fmt.media_type})
    except requests.Timeout:
        raise QueryTimeout(f"the remote store did not answer within {eng.timeout:g} s") from None
    except requests.RequestException as e:
        raise StoreError(f"remote store {remote.base} unreachable: {type(e).__name__}") from e
    if r.status_code >= 500:
        raise StoreError(f"remote store answered {r.status_code}: {r.text[:300]}")
    resp = Response(r.iter_content(64 * 1024), status=r.status_code,
                    content_type=r.headers.get("Content-Type", fmt.media_type))
    resp.headers.update(CORS)
    resp.call_on_close(r.close)
    return resp


def preflight() -> Response:
    """CORS preflight and OPTIONS: what this resource allows."""
    resp = Response(status=204)
    resp.headers.update(CORS)
    resp.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
    resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
    resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match"
    resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def service() -> Response:
    """The service description (RDF), or a small query form for a browser."""
    accept = request.accept_mimetypes
    if accept and accept.best_match(["text/html", "text/turtle"]) == "text/html" \
            and accept["text/html"] > accept["text/turtle"]:
        resp = Response(render_template("sparql.html", endpoint=request.base_url))
        resp.headers.update(CORS)
        return resp
    fmt = formats.negotiate(accept, True, request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("the service description is RDF: "
                            + ", ".join(f.media_type for f in formats.RDF_FORMATS))
    body = description(request.base_url, fmt.oxigraph, current_app.config)
    resp = Response(body, content_type=fmt.media_type)
    resp.headers.update(CORS)
    resp.headers["Vary"] = "Accept"
    return resp
