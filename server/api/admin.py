"""/update (SPARQL 1.1 Update protocol) and /store (Graph Store HTTP Protocol), for admins.

Both are off unless an admin token is configured (`ALLIANCEGRAPH_ADMIN_TOKEN`); then every
request needs `Authorization: Bearer TOKEN`, compared in constant time, else 401 and
nothing changes.

The trade-off: writing needs the store open read-write, and pyoxigraph allows one writer
and no other reader of that directory at the same time. So with a token the server opens
the current version read-write in its one process (run a single web worker), and queries
run in threads there: a query past the deadline still gets 503, but cannot be killed.
Without a token the server opens the store read-only in worker processes that are killed
at the deadline. Writes also change a version directory that builds treat as immutable;
the next `alliancegraph build` replaces it. Use this mode for curation fixes, not routinely.
"""

from __future__ import annotations

import hmac

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from loaders.errors import QueryError
from server.api import formats
from server.errors import Forbidden, NotAcceptable, QuerySyntaxError, Unauthorized, UnsupportedMediaType
from server.runtime.engine import Engine

bp = Blueprint("admin", __name__)

_RDF_IN = {f.media_type: f.oxigraph for f in formats.RDF_FORMATS}
_RDF_IN.update({"application/x-turtle": "TURTLE", "text/plain": "N_TRIPLES",
                "application/json": "JSON_LD", "application/xml": "RDF_XML"})


def _engine() -> Engine:
    return current_app.extensions["alliancegraph.engine"]  # type: ignore[no-any-return]


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


@bp.route("/update", methods=["POST"])
def update() -> Response:
    """Run a SPARQL Update (form field `update`, or a `application/sparql-update` body)."""
    require_admin()
    if request.mimetype == "application/x-www-form-urlencoded":
        texts = request.form.getlist("update")
    elif request.mimetype == "application/sparql-update":
        texts = [request.get_data(cache=False).decode("utf-8", errors="strict")]
    else:
        raise UnsupportedMediaType("POST an update as a form or application/sparql-update")
    if len(texts) != 1:
        raise QueryError(f"one update per request, not {len(texts)}")
    store = _engine().writable_store()
    try:
        store.update(texts[0])
    except SyntaxError as e:
        raise QuerySyntaxError.from_parser(str(e)) from None
    _engine().written()
    return Response(status=204)


def _target() -> ox.NamedNode | ox.DefaultGraph:
    graphs = request.args.getlist("graph")
    if "default" in request.args and not graphs:
        return ox.DefaultGraph()
    if len(graphs) != 1:
        raise QueryError("name one graph: ?graph=IRI or ?default")
    try:
        return ox.NamedNode(graphs[0])
    except ValueError:
        raise QueryError(f"graph {graphs[0]!r} is not an absolute IRI") from None


@bp.route("/store", methods=["GET", "PUT", "POST", "DELETE"])
def graph_store() -> Response:
    """Graph Store Protocol: read, replace, add to or delete one graph."""
    require_admin()
    graph = _target()
    store = _engine().writable_store()
    if request.method == "GET":
        return _get_graph(store, graph)
    exists = isinstance(graph, ox.DefaultGraph) or store.contains_named_graph(graph)
    if request.method == "DELETE":
        if not exists:
            return Response(f"no graph <{graph}>\n", status=404, mimetype="text/plain")
        store.remove_graph(graph) if isinstance(graph, ox.NamedNode) else store.clear_graph(graph)
        _engine().written()
        return Response(status=204)
    fmt = _RDF_IN.get(request.mimetype)
    if fmt is None:
        raise UnsupportedMediaType(f"cannot read {request.mimetype or 'no content type'} as RDF")
    quads = _parse(request.get_data(cache=False), fmt, graph)
    if request.method == "PUT" and exists:
        store.clear_graph(graph)
    store.extend(quads)
    _engine().written()
    return Response(status=204 if exists else 201)


def _parse(body: bytes, fmt: str, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    try:
        return [ox.Quad(q.subject, q.predicate, q.object, graph)
                for q in ox.parse(body, getattr(ox.RdfFormat, fmt))]
    except SyntaxError as e:
        raise QueryError(f"the RDF does not parse: {e}") from None


def _get_graph(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> Response:
    fmt = formats.negotiate(request.accept_mimetypes, True, request.args.get("format"))
    if fmt is None:
        raise NotAcceptable("a graph is RDF: " + ", ".join(formats.all_media_types()[4:]))
    if isinstance(graph, ox.NamedNode) and not store.contains_named_graph(graph):
        return Response(f"no graph <{graph.value}>\n", status=404, mimetype="text/plain")
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    body = ox.serialize(triples, format=getattr(ox.RdfFormat, fmt.oxigraph)) or b""
    return Response(body, content_type=fmt.media_type)
