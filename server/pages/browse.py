"""The home page and entity pages (`/id/{slug}`, which dereference for RDF clients too).

An entity page shows each fact once, with the claims that state it (quote, source, link to
the highlighted span, confidence, review status), and the statements by and about it grouped
by stance, opposite stances side by side.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.wrappers import Response

from ontology import terms
from server.api.sparql import engine
from server.pages import curate, data
from server.pages.common import embedded, linked, local, per_version, split_suffix, store, texts_dir

bp = Blueprint("browse", __name__)
bp.add_app_template_filter(data.as_read, "as_read")
COLLAPSE = 12  # longer lists of things pointing at an entity are folded, with their count


@bp.route("/")
def home() -> str:
    """What AllianceGraph is, what is in it, where its facts come from."""
    counts = [(iri[len(terms.AG):], n) for iri, n in per_version("counts", data.class_counts)]
    return render_template("home.html", counts=counts, version=engine().version(),
                           sources=per_version("sources", data.sources),
                           runs=per_version("runs", data.activities),
                           decisions=curate.recent_decisions(),
                           jsonld=per_version("dataset", lambda st: embedded(
                               data.describe(st, terms.DATASET.value))))


def page_helpers(st: ox.Store) -> dict[str, object]:
    """What templates use to name and link IRIs (labels looked up once per page)."""
    labels: dict[str, str] = {}

    def label(iri: str) -> str:
        if iri not in labels:
            labels[iri] = data.label(st, iri)
        return labels[iri]

    return {"local": local, "label": label, "curie": terms.curie}


@bp.route("/id/<slug>")
def entity(slug: str) -> Response:
    """An entity: HTML for a browser, RDF by Accept or a `.ttl`/`.jsonld`… suffix."""
    name = slug
    slug, suffix = split_suffix(name)
    st = store()
    if not terms.is_slug(slug):
        canonical = data.case_insensitive(st, slug) if len(slug) < 200 else None
        if canonical is None:
            abort(404)
        ext = name[len(slug):]
        return redirect(url_for("browse.entity", slug=canonical[len(terms.ID):] + ext), 301)
    iri = terms.ID + slug
    into = curate.replaced_by(iri)  # merged by a curator: the IRI that stays
    if into is not None:
        return redirect(url_for("browse.entity", slug=into[len(terms.ID):] + name[len(slug):]), 301)
    found = data.entity(st, iri)
    if found is None:
        abort(404)
    path = url_for("browse.entity", slug=slug)

    def html(triples: list[ox.Triple]) -> str:
        said = data.statement(st, iri)
        return render_template("entity.html", e=found, statement=said,
                               context=data.statement_context(st, said, texts_dir()) if said else None, stances=_by_stance(found.about),
                               said=_by_stance(found.said), collapse=COLLAPSE,
                               jsonld=embedded(triples), path=path, slug=slug,
                               **page_helpers(st))

    return linked(path, suffix, lambda: list(data.describe(st, iri)), html)


def _by_stance(statements: list[data.Statement]) -> dict[str, list[data.Statement]]:
    out: dict[str, list[data.Statement]] = defaultdict(list)
    for s in statements:
        out[s.stance].append(s)
    order = ["Supportive", "Opposed", "Neutral", "Unknown"]
    return {k: out[k] for k in order if k in out}
