"""Search over labels, aliases and quotes (the build's FTS5 index), with a JSON twin for
autocompletion: `/search?q=senk` and `/search.json?q=senk`."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, Response, jsonify, render_template, request
from markupsafe import Markup, escape

from loaders.errors import StoreError
from loaders.store import search as fts
from server.pages.common import local, search_index

bp = Blueprint("search", __name__)
MAX_QUERY = 200


def _hits() -> tuple[str, list[fts.Hit], str | None]:
    q = request.args.get("q", "")[:MAX_QUERY]
    kind = request.args.get("kind") or None
    try:
        limit = max(1, min(int(request.args.get("limit", "20")), 100))
    except ValueError:
        limit = 20
    try:
        return q, fts.search(search_index(), q, limit, kind), None
    except StoreError as e:
        return q, [], str(e)


def marked(snippet: str) -> Markup:
    """A snippet with its matched words in <mark>, everything else escaped."""
    return Markup(str(escape(snippet)).replace("\x02", "<mark>").replace("\x03", "</mark>"))


@bp.route("/search")
def search() -> str:
    """The search page: ranked hits, each linked to its page."""
    q, hits, problem = _hits()
    return render_template("search.html", q=q, hits=hits, problem=problem, local=local,
                           marked=marked)


@bp.route("/search.json")
def search_json() -> Response:
    """The same hits as JSON: [{iri, label, kind, snippet, href}]."""
    q, hits, problem = _hits()
    if problem:
        resp = jsonify({"status": 503, "error": "SearchUnavailable", "message": problem})
        resp.status_code = 503
        return resp
    resp = jsonify({"q": q, "hits": [{**asdict(h), "snippet": h.snippet.replace("\x02", "").replace("\x03", ""),
                                       "href": local(h.iri)} for h in hits]})
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp
