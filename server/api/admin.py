"""/update (SPARQL 1.1 Update protocol) and /store (Graph Store HTTP Protocol), for admins.

Both are off unless an admin token is configured (`ALLIANCEGRAPH_ADMIN_TOKEN`); then every
write needs `Authorization: Bearer TOKEN`, compared in constant time, else 401 and nothing
changes. GET /update (no token) answers the update service's own description.

Every write makes the next store version (`loaders.store.versions.next_version`: a
hard-link copy of the current version, written, then made current, all under the build
lock), so any web process of the default multi-process server may write: writers queue on
the lock, readers keep the version they have until their next request, and a failed write
(syntax error, conflict) leaves the current version as it was. An update's WHERE sees the
same union default graph as /sparql, or the protocol's `using-graph-uri` /
`using-named-graph-uri` (server/api/update_dataset.py). Relative IRIs resolve against the
endpoint's URL. Both routes answer CORS preflights and carry CORS headers.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Iterator

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from loaders.errors import QueryError
from loaders.store.versions import next_version
from ontology import terms
from server.api import formats
from server.api.answer import CORS
from server.api.service import description
from server.api.sparql import utf8_body
from server.api.update_dataset import prepare
from server.errors import (
    Forbidden,
    NotAcceptable,
    QuerySyntaxError,
    Unauthorized,
    UnsupportedMediaType,
)
from server.runtime.engine import Engine

bp = Blueprint("admin", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_UPDATE = "application/sparql-update"
WRITE_WAIT = 30.0  # seconds a write waits for another writer (or a build) to finish
_RDF_IN = {f.media_type: f.oxigraph for f in formats.RDF_FORMATS}
_RDF_IN.update({"application/x-turtle": "TURTLE", "text/plain": "N_TRIPLES",
                "application/json": "JSON_LD", "application/xml": "RDF_XML"})
ADMIN_CORS = {**CORS, "Access-Control-Allow-Headers":
              "Authorization, Content-Type, Accept, If-None-Match"}


def _engine() -> Engine:
    return current_app.extensions["alliancegraph.engine"]  # type: ignore[no-any-return]


@bp.after_request
def _cors(resp: Response) -> Response:
    """CORS on every admin answer (errors included): a browser tool with the token may write."""
    for key, value in ADMIN_CORS.items():
        resp.headers.setdefault(key, value)
    return resp


def _preflight(methods: str) -> Response:
    resp = Response(status=204)
    resp.headers["Allow"] = methods
    resp.headers["Access-Control-Allow-Methods"] = methods
    resp.headers["Access-Control-Max-Age"] = "86400"
    return resp


def require_admin() -> None:
    """401 unless the request carries the configured admin token; 403 if writes are off."""
    token = current_app.config.get("ADMIN_TOKEN")
    if not token:
        raise Forbidden("writes are off: this server has no admin token configured")
    if _engine().remote:
        raise Forbidden("this server forwards to a remote store; write to that store directly")
    auth = request.headers.get("Authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             str(token).encode()):
        raise Unauthorized("this needs Authorization: Bearer <admin token>")


def _iris(values: list[str]) -> list[str]:
    for iri in values:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise QueryError(f"graph IRI {iri!r} is not an absolute IRI") from None
    return values


def _read_update() -> tuple[str, list[str], list[str]]:
    """The update text and the protocol's using-graph-uri / using-named-graph-uri."""
    using = request.args.getlist("using-graph-uri")
    named = request.args.getlist("using-named-graph-uri")
    if request.mimetype == FORM:
        if request.mimetype_params.get("charset", "utf-8").lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType("a form must be UTF-8")
        try:
            form = request.form
            texts = form.getlist("update")
        except UnicodeDecodeError:
            raise QueryError("the form is not valid UTF-8") from None
        using += form.getlist("using-graph-uri")
        named += form.getlist("using-named-graph-uri")
    elif request.mimetype == SPARQL_UPDATE:
        texts = [utf8_body()]
    else:
        raise UnsupportedMediaType(f"POST an update as {FORM} or {SPARQL_UPDATE}, not "
                                   f"{request.mimetype or 'no content type'}")
    if len(texts) != 1:
        raise QueryError(f"one update per request, not {len(texts)}")
    if not texts[0].strip():
        raise QueryError("the update is empty")
    return texts[0], _iris(using), _iris(named)


@bp.route("/update", methods=["GET", "POST", "OPTIONS"])
def update() -> Response:
    """Run a SPARQL Update (form field `update`, or an `application/sparql-update` body)."""
    if request.method == "OPTIONS":
        return _preflight("GET, POST, OPTIONS")
    if request.method == "GET":
        if "update" in request.args:
            raise QueryError("an update must be POSTed, not sent with GET")
        return _service_description()
    require_admin()
    text, using, named = _read_update()
    eng = _engine()
    with next_version(eng.location, wait=WRITE_WAIT) as store:
        prepared = prepare(text, using, named,
                           lambda: [g.value for g in store.named_graphs()
                                    if isinstance(g, ox.NamedNode)])
        try:
            store.update(prepared, base_iri=request.base_url)
        except SyntaxError as e:
            raise QuerySyntaxError.from_parser(str(e)) from None
        except ValueError as e:
            raise QueryError(str(e)) from None
    eng.written()
    eng.metrics.add("updates")
    return Response(status=204)


def _service_description() -> Response:
    fmt = formats.negotiate(request.accept_mimetypes, True, request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("the service description is RDF: "
                            + ", ".join(f.media_type for f in formats.RDF_FORMATS))
    body = description(request.base_url, fmt.oxigraph, current_app.config, update=True)
    return Response(body, content_type=fmt.media_type)


def _target(create: bool = False) -> ox.NamedNode | ox.DefaultGraph:
    graphs = request.args.getlist("graph")
    if "default" in request.args and not graphs:
        return ox.DefaultGraph()
    if not graphs and create:  # POST to the service: a new graph, named by the server
        return ox.NamedNode(f"{terms.GRAPH}posted-{uuid.uuid4().hex}")
    if len(graphs) != 1:
        raise QueryError("name one graph: ?graph=IRI or ?default")
    try:
        return ox.NamedNode(graphs[0])
    except ValueError:
        raise QueryError(f"graph {graphs[0]!r} is not an absolute IRI") from None


@bp.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"])
def graph_store() -> Response:
    """Graph Store Protocol: read, replace, add to or delete one graph."""
    if request.method == "OPTIONS":
        return _preflight("GET, HEAD, PUT, POST, DELETE, OPTIONS")
    require_admin()
    created = request.method == "POST" and not request.args
    graph = _target(create=created)
    eng = _engine()
    if request.method in ("GET", "HEAD"):
        return _get_graph(eng.read_store(), graph)
    quads: list[ox.Quad] = []
    if request.method in ("PUT", "POST"):
        quads = list(_body_quads(graph))
    with next_version(eng.location, wait=WRITE_WAIT) as store:
        exists = isinstance(graph, ox.DefaultGraph) or store.contains_named_graph(graph)
        if request.method == "DELETE":
            if not exists:
                raise _NotFound(f"no graph <{graph}>")
            if isinstance(graph, ox.NamedNode):
                store.remove_graph(graph)
            else:
                store.clear_graph(graph)
        else:
            if request.method == "PUT" and exists:
                store.clear_graph(graph)
            if not exists and isinstance(graph, ox.NamedNode):
                store.add_graph(graph)
            store.extend(quads)
    eng.written()
    eng.metrics.add("store_writes")
    if created:
        resp = Response(status=201)
        resp.headers["Location"] = graph.value if isinstance(graph, ox.NamedNode) else ""
        return resp
    return Response(status=204 if exists else 201)


class _NotFound(QueryError):
    """The graph a request names does not exist (nothing was changed)."""

    status = 404


def _body_quads(graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
    """The request's RDF (one document, or every file of a multipart/form-data POST) as
    quads in the target graph; 415 for a format we do not read, 400 if it does not parse."""
    if request.mimetype == "multipart/form-data":
        if not request.files:
            raise QueryError("a multipart/form-data request with no file")
        for part in request.files.values():
            yield from _parse(part.read(), part.mimetype, graph)
        return
    yield from _parse(request.get_data(cache=False), request.mimetype, graph)


def _parse(body: bytes, media: str, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    fmt = _RDF_IN.get(media)
    if fmt is None:
        raise UnsupportedMediaType(f"cannot read {media or 'no content type'} as RDF")
    try:
        return [ox.Quad(q.subject, q.predicate, q.object, graph)
                for q in ox.parse(body, getattr(ox.RdfFormat, fmt), base_iri=request.base_url)]
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"the RDF does not parse: {e}") from None


def _get_graph(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> Response:
    fmt = formats.negotiate(request.accept_mimetypes, True, request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("a graph is RDF: " + ", ".join(formats.all_media_types()[4:]))
    if isinstance(graph, ox.NamedNode) and not store.contains_named_graph(graph):
        raise _NotFound(f"no graph <{graph.value}>")
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    body = ox.serialize(triples, format=getattr(ox.RdfFormat, fmt.oxigraph)) or b""
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    return Response(body, content_type=media)
