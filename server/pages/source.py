"""Source pages (`/source/{id}`): catalog metadata and the text with every evidence span
highlighted and linked to its claim; boilerplate greyed out. RDF clients get the catalog
entry by content negotiation."""

from __future__ import annotations

import re

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request

from ontology import terms
from server.pages import data
from server.pages.browse import page_helpers
from server.pages.common import dereference, embedded, texts_dir

bp = Blueprint("source", __name__)
_HEX = re.compile(r"[0-9a-f]{1,64}")


@bp.route("/source/<ident>")
def source(ident: str) -> Response:
    """A source: its catalog entry, text and evidence (`?hl=` picks the span to mark)."""
    return dereference(ident, terms.SOURCE, "source.source", lambda st, iri: data.source(st, iri, texts_dir()), _html)


def _html(st: ox.Store, found: data.Source, path: str, triples: list[ox.Triple]) -> str:
    chosen = request.args.get("hl", "")
    claims = data.claims_from(st, found.iri)
    spans = [(c.start, c.end, c.evidence_id) for c in claims
             if c.start is not None and c.end is not None and c.evidence_id]
    by_evidence: dict[str, list[data.Claim]] = {}
    for c in claims:
        if c.evidence_id:
            by_evidence.setdefault(c.evidence_id, []).append(c)
    segs = data.segments(found.text, spans, found.boilerplate) if found.text else []
    return render_template("source.html", s=found, segments=segs,
                           chosen=chosen if _HEX.fullmatch(chosen) else "",
                           by_evidence=by_evidence, claims=claims, jsonld=embedded(triples),
                           path=path, **page_helpers(st))
