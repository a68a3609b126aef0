"""The start of the browser: a home page, and entity IRIs that dereference.

`/id/{slug}` answers an RDF client with the entity's description (Turtle, JSON-LD,
N-Triples, RDF/XML, TriG, N-Quads by content negotiation, or `format=`) and a browser with
an HTML page; the queries run through the same engine (workers, timeout) as /sparql.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, url_for

from loaders.errors import StoreError
from ontology import terms
from server.api import formats
from server.api.answer import CORS, run
from server.api.sparql import engine
from server.errors import NotAcceptable
from server.runtime.jobs import Job

bp = Blueprint("browse", __name__)

HOME_COUNTS = """PREFIX ag: <https://w3id.org/alliancegraph/ontology#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class } FILTER(STRSTARTS(STR(?class), STR(ag:)))
  FILTER(?g != <https://w3id.org/alliancegraph/graph/ontology>)
} GROUP BY ?class ORDER BY DESC(?n)"""

DESCRIBE = """CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE {
  { ?e ?p ?o } UNION { ?s ?q ?e . FILTER(!STRSTARTS(STR(?s), STR(<%(claim)s>))) }
}"""

OUTGOING = """SELECT DISTINCT ?p ?o ?olabel WHERE { ?e ?p ?o .
  OPTIONAL { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?olabel } } ORDER BY ?p ?o"""

EXISTS = """ASK WHERE { { ?e ?p ?o } UNION { ?s ?p ?e } }"""

INCOMING = """SELECT DISTINCT ?s ?p ?slabel WHERE { ?s ?p ?e .
  FILTER(!STRSTARTS(STR(?s), STR(<%(claim)s>)))
  OPTIONAL { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?slabel } } ORDER BY ?p ?s"""


def _answer(query: str, fmt: str = "JSON", rdf_fmt: str = "TURTLE",
            bindings: dict[str, str] | None = None) -> bytes:
    """The whole answer of a (small) query, read through the engine's workers."""
    eng = engine()
    if eng.remote:
        raise StoreError("entity pages read the embedded store; use /sparql on a remote store")
    for name, iri in (bindings or {}).items():
        # Bound by a VALUES clause on a checked IRI (a slug), never spliced user text.
        query = query.replace("WHERE {", f"WHERE {{ VALUES ?{name} {{ <{iri}> }}", 1)
    answer = run(eng, Job(path=eng.version_path(), query=query, fmt=fmt, rdf_fmt=rdf_fmt))
    return answer.first + b"".join(answer.chunks()) if answer.more else answer.first


def _rows(query: str, bindings: dict[str, str] | None = None) -> list[dict[str, Any]]:
    data = json.loads(_answer(query, bindings=bindings))
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


@bp.route("/")
def home() -> str:
    """Counts per class, and where to go next."""
    counts = [(r["class"].rsplit("#", 1)[-1], int(r["n"])) for r in _rows(HOME_COUNTS)]
    return render_template("home.html", counts=counts, version=engine().version())


def _local(iri: str) -> str:
    """Where a link to an IRI goes: our entities to this server's /id/, others as they are."""
    if iri.startswith(terms.ID):
        return url_for("browse.entity", slug=iri[len(terms.ID):])
    return iri


def _wants_html() -> bool:
    accept = request.accept_mimetypes
    if request.args.get("format"):
        return False
    best = accept.best_match(["text/html"] + [f.media_type for f in formats.RDF_FORMATS])
    return best == "text/html"


@bp.route("/id/<slug>")
def entity(slug: str) -> Response:
    """An entity's description: HTML for a browser, RDF for everyone else."""
    if not terms.is_slug(slug):
        abort(404)
    iri = terms.entity(slug).value
    bind = {"e": iri}
    if not json.loads(_answer(EXISTS, bindings=bind))["boolean"]:
        abort(404)
    if _wants_html():
        outgoing = _rows(OUTGOING, bind)
        incoming = _rows(INCOMING % {"claim": terms.CLAIM}, bind)
        label = next((r["o"] for r in outgoing if r["p"].endswith("#label")), slug)
        resp = Response(render_template("entity.html", iri=iri, label=label,
                                        outgoing=outgoing, incoming=incoming, local=_local))
    else:
        fmt = formats.negotiate(request.accept_mimetypes, True, request.args.get("format"))
        if fmt is None:
            raise NotAcceptable("an entity is described in HTML or "
                                + ", ".join(f.media_type for f in formats.RDF_FORMATS))
        body = _answer(DESCRIBE % {"claim": terms.CLAIM}, rdf_fmt=fmt.oxigraph, bindings=bind)
        resp = Response(body, content_type=fmt.media_type)
    resp.headers.update(CORS)
    resp.headers["Vary"] = "Accept"
    return resp
