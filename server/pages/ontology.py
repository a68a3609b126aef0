"""`/ontology`: HTML documentation of every class and property, and the OWL itself by
content negotiation (`/ontology.ttl`, Accept: text/turtle…)."""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, url_for

from ontology import terms
from server.pages import data
from server.pages.browse import page_helpers
from server.pages.common import embedded, linked, split_suffix, store

bp = Blueprint("ontology", __name__)


@bp.route("/ontology")
@bp.route("/ontology<any('.ttl', '.nt', '.jsonld', '.rdf', '.trig', '.nq'):ext>")
def ontology(ext: str = "") -> Response:
    """The ontology's documentation, or its OWL."""
    _, suffix = split_suffix("ontology" + ext)
    st = store()

    def html(triples: list[ox.Triple]) -> str:
        found = data.ontology_terms(st)
        kinds: dict[str, list[data.OntologyTerm]] = {}
        for t in found:
            kinds.setdefault(t.kind, []).append(t)
        return render_template("ontology.html", kinds=kinds, iri=terms.ONTOLOGY.value,
                               namespace=terms.AG, jsonld=embedded(triples),
                               **page_helpers(st))

    return linked(url_for("ontology.ontology"), suffix,
                  lambda: data.graph_triples(st, terms.ONTOLOGY_GRAPH), html)
