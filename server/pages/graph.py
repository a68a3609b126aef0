"""The graph view of an entity's neighbourhood (`/explore/{slug}`, drawn by Cytoscape.js) and
its JSON (`/explore/{slug}.json`: nodes coloured by class, each linking to its page)."""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, render_template, url_for

from ontology import terms
from server.pages import data
from server.pages.common import local, store

bp = Blueprint("graph", __name__)


def _checked(slug: str) -> str:
    if not terms.is_slug(slug) or not data.exists(store(), terms.ID + slug):
        abort(404)
    return terms.ID + slug


@bp.route("/explore/<slug>")
def view(slug: str) -> Response | str:
    """The page: a canvas, the JSON's URL, and a plain list for readers without JavaScript."""
    if slug.endswith(".json"):
        return neighbourhood(slug[:-5])
    iri = _checked(slug)
    nodes, edges = data.neighbourhood(store(), iri)
    return render_template("graph.html", iri=iri, slug=slug, label=data.label(store(), iri),
                           nodes=nodes, edges=edges, local=local,
                           json_url=url_for("graph.view", slug=slug + ".json"))


def neighbourhood(slug: str) -> Response:
    """{nodes: [{id, label, class, href}], edges: [{source, target, label}]}."""
    iri = _checked(slug)
    nodes, edges = data.neighbourhood(store(), iri)
    return jsonify({"center": iri, "nodes": [{**n, "href": local(n["id"])} for n in nodes],
                    "edges": edges})
