"""Class pages (`/class/Alliance`): every instance, paginated and sortable by label, with a
JSON twin (`/class/Alliance.json`)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, jsonify, render_template, request

from ontology import terms
from server.pages import data
from server.pages.common import local, per_version, store

bp = Blueprint("classes", __name__)
PAGE = 50
_NAME = re.compile(r"[A-Z][A-Za-z0-9]{0,80}")


def _page(name: str) -> tuple[str, int, int, bool, list[tuple[str, str]]]:
    if not _NAME.fullmatch(name):
        abort(404)
    st = store()
    iri = terms.AG + name
    total = per_version("count " + iri, lambda s: data.count_instances(s, iri))
    if total == 0:
        abort(404)
    try:
        page = min(max(1, int(request.args.get("page", "1"))), (total + PAGE - 1) // PAGE)
    except ValueError:
        page = 1
    desc = request.args.get("sort") == "-label"
    return iri, page, total, desc, data.instances(st, iri, (page - 1) * PAGE, PAGE, desc)


@bp.route("/class/<name>")
def instances(name: str) -> Response | str:
    """A class's instances, by label."""
    if name.endswith(".json"):
        return instances_json(name[:-5])
    iri, page, total, desc, rows = _page(name)
    return render_template("class.html", name=name, iri=iri, page=page, total=total,
                           pages=(total + PAGE - 1) // PAGE, desc=desc, rows=rows, local=local)


def instances_json(name: str) -> Response:
    """The JSON twin: {class, total, page, items: [{iri, label, href}]}."""
    iri, page, total, _, rows = _page(name)
    resp = jsonify({"class": iri, "total": total, "page": page, "page_size": PAGE,
                    "items": [{"iri": i, "label": lab, "href": local(i)} for i, lab in rows]})
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp
