"""Source pages (`/source/{id}`): catalog metadata and the text with every evidence span
highlighted and linked to its claim; boilerplate greyed out. RDF clients get the catalog
entry by content negotiation."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request, url_for

from ontology import terms
from server.pages import data
from server.pages.browse import page_helpers
from server.pages.common import embedded, linked, split_suffix, store

bp = Blueprint("source", __name__)
_IDENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}")
_HEX = re.compile(r"[0-9a-f]{1,64}")


def checked(ident: str) -> str:
    """An identifier from a URL that may end an IRI under the base (404 otherwise)."""
    if not _IDENT.fullmatch(ident):
        abort(404)
    return ident


@bp.route("/source/<ident>")
def source(ident: str) -> Response:
    """A source: its catalog entry, text and evidence."""
    ident, suffix = split_suffix(checked(ident))
    st = store()
    iri = terms.SOURCE + ident
    found = data.source(st, iri)
    if found is None:
        abort(404)
    chosen = request.args.get("hl", "")
    chosen = chosen if _HEX.fullmatch(chosen) else ""

    def html(triples: list[ox.Triple]) -> str:
        claims = data.claims_from(st, iri)
        spans = [(c.start, c.end, c.evidence_id) for c in claims
                 if c.start is not None and c.end is not None and c.evidence_id]
        by_evidence: dict[str, list[data.Claim]] = {}
        for c in claims:
            if c.evidence_id:
                by_evidence.setdefault(c.evidence_id, []).append(c)
        segs = data.segments(found.text, spans, found.boilerplate) if found.text else []
        return render_template("source.html", s=found, segments=segs, chosen=chosen,
                               by_evidence=by_evidence, claims=claims,
                               jsonld=embedded(triples), path=path, **page_helpers(st))

    path = url_for("source.source", ident=ident)
    return linked(path, suffix, lambda: list(data.describe(st, iri)), html)
