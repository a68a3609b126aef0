"""The other IRIs the data mints, dereferenced: claims, evidence, extraction activities,
named graphs, the JSON-LD context. Each answers HTML or RDF like an entity."""

from __future__ import annotations

import json

import pyoxigraph as ox
from flask import Blueprint, Response, abort, redirect, render_template, url_for

from ontology import terms
from server.pages import data
from server.pages.browse import page_helpers
from server.pages.common import embedded, linked, split_suffix, store
from server.pages.jsonld import CONTEXT
from server.pages.source import checked

bp = Blueprint("linked", __name__)


@bp.route("/claim/<ident>")
def claim(ident: str) -> Response:
    """A claim: the triple in words, the quote in its paragraph, source, run, status."""
    ident, suffix = split_suffix(checked(ident))
    st = store()
    iri = terms.CLAIM + ident
    found = data.claim(st, iri)
    if found is None:
        abort(404)
    path = url_for("linked.claim", ident=ident)

    def html(triples: list[ox.Triple]) -> str:
        context = None
        if found.source and found.start is not None and found.end is not None:
            src = data.source(st, found.source)
            if src is not None and src.text is not None:
                context = data.paragraph(src.text, found.start, found.end)
        return render_template("claim.html", c=found, context=context, path=path,
                               jsonld=embedded(triples), **page_helpers(st))

    return linked(path, suffix, lambda: list(data.describe(st, iri)), html)


@bp.route("/evidence/<ident>")
def evidence(ident: str) -> Response:
    """An evidence selector: the exact words and the claims that cite them."""
    ident, suffix = split_suffix(checked(ident))
    st = store()
    iri = terms.EVIDENCE + ident
    node = ox.NamedNode(iri)
    exact = data.first(st, node, terms.OA_EXACT)
    if exact is None:
        abort(404)
    path = url_for("linked.evidence", ident=ident)
    citing = sorted({data.value(q.subject) for q in st.quads_for_pattern(None, terms.evidence, node)})

    def html(triples: list[ox.Triple]) -> str:
        claims = [c for c in (data.claim(st, i) for i in citing) if c is not None]
        stmts = [s for s in (data.statement(st, i) for i in citing) if s is not None]
        return render_template("evidence.html", iri=iri, ident=ident, exact=data.value(exact),
                               start=data.first(st, node, terms.OA_START),
                               end=data.first(st, node, terms.OA_END), claims=claims,
                               statements=stmts, path=path, jsonld=embedded(triples),
                               **page_helpers(st))

    return linked(path, suffix, lambda: list(data.describe(st, iri)), html)


@bp.route("/activity/<ident>")
def activity(ident: str) -> Response:
    """An extraction run (or review): software version, sources used, claims generated."""
    ident, suffix = split_suffix(checked(ident))
    st = store()
    iri = terms.ACTIVITY + ident
    found = data.activity(st, iri)
    if found is None:
        abort(404)
    path = url_for("linked.activity", ident=ident)

    def html(triples: list[ox.Triple]) -> str:
        return render_template("activity.html", a=found, path=path, jsonld=embedded(triples),
                               **page_helpers(st))

    return linked(path, suffix, lambda: list(data.describe(st, iri)), html)


@bp.route("/graph/<ident>")
def graph(ident: str) -> Response:
    """A source's named graph: its page is the source's (303, as for a non-document IRI)."""
    ident = checked(ident)
    if data.source(store(), terms.SOURCE + ident) is None:
        abort(404)
    return redirect(url_for("source.source", ident=ident), 303)  # type: ignore[return-value]


@bp.route("/context.jsonld")
def context() -> Response:
    """The JSON-LD context every JSON-LD answer uses (prefixes only)."""
    body = json.dumps({"@context": CONTEXT}, indent=1)
    resp = Response(body, content_type="application/ld+json")
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp
