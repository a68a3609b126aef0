"""The query page: an editor (CodeMirror with SPARQL highlighting, bundled; a plain textarea
without JavaScript), the examples of queries/ one click away, the answer as a table with
labels and links, CSV/JSON downloads from /sparql, and a shareable URL (`/query?query=…`).

The query runs through the endpoint's own checks and workers (timeout, no SERVICE, no update).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for

from loaders.errors import AgError
from loaders.paths import QUERIES_DIR
from ontology import terms
from server.api.answer import run
from server.api.sparql import check_query, engine
from server.pages import data
from server.pages.common import local, store
from server.runtime.jobs import Job

bp = Blueprint("query", __name__)
ROW_CAP = 1000
PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(terms.PREFIXES.items()))
# The editor opens on a query, not on a screen of PREFIX lines: they are predeclared.
DEFAULT = """# Countries and their names. The prefixes listed above (ag:, agid:, rdfs: …) are predeclared.
SELECT DISTINCT ?country ?label WHERE { ?country a ag:Country ; rdfs:label ?label }
ORDER BY ?label LIMIT 20"""
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")


@dataclass(frozen=True)
class Example:
    """One example query from queries/: its file stem, title, description and text."""

    name: str
    title: str
    description: str
    text: str


def _header(text: str) -> dict[str, str]:
    head = "\n".join(line[3:] for line in text.splitlines() if line.startswith("#+ "))
    out = {}
    m = re.search(r"^title:\s*(.+)$", head, re.M)
    out["title"] = m.group(1).strip() if m else ""
    m = re.search(r"^description:\s*>?\s*\n((?:\s+.+\n?)+)", head, re.M)
    out["description"] = " ".join(m.group(1).split()) if m else ""
    return out


@lru_cache(maxsize=4)
def examples(folder: Path = QUERIES_DIR) -> tuple[Example, ...]:
    """The example queries, in file order."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        h = _header(text)
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#+"))
        found.append(Example(path.stem, h["title"] or path.stem, h["description"],
                             body.strip() + "\n"))
    return tuple(found)


def with_prefixes(query: str) -> str:
    """The query with the project's prefixes it uses but does not declare put in front.

    >>> with_prefixes("SELECT * { ?s a ag:Country }").splitlines()[0]
    'PREFIX ag: <https://w3id.org/alliancegraph/ontology#>'
    >>> with_prefixes("PREFIX ag: <x:> SELECT * { ?s a ag:C }")
    'PREFIX ag: <x:> SELECT * { ?s a ag:C }'
    """
    missing = [f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(terms.PREFIXES.items())
               if re.search(rf"(?<![\w<]){p}:", query)
               and not re.search(rf"PREFIX\s+{p}:", query, re.IGNORECASE)]
    return "".join(missing) + query


def _results(query: str) -> tuple[list[str], list[dict[str, Any]], bool | None, bool]:
    """Run a query the way /sparql does; (columns, rows, ASK answer, truncated)."""
    query = with_prefixes(query)
    check_query(query)
    eng = engine()
    answer = run(eng, Job(path=eng.version_path(), query=query, fmt="JSON", rdf_fmt="N_TRIPLES",
                          cap=ROW_CAP))
    body = answer.first + b"".join(answer.chunks()) if answer.more else answer.first
    if answer.header.kind != "solutions" and answer.header.kind != "boolean":
        triples = body.decode().splitlines()
        return ["triple"], [{"triple": {"type": "literal", "value": t}} for t in triples], \
            None, answer.header.truncated
    parsed = json.loads(body)
    if "boolean" in parsed:
        return [], [], bool(parsed["boolean"]), False
    return parsed["head"]["vars"], parsed["results"]["bindings"], None, answer.header.truncated


@bp.route("/query")
def query() -> str:
    """The editor and, when a query is given, its answer."""
    ex = request.args.get("example", "")
    text = request.args.get("query")
    chosen = None
    if ex:
        if not _NAME.fullmatch(ex):
            abort(404)
        chosen = next((e for e in examples() if e.name == ex), None)
        if chosen is None:
            abort(404)
        text = text or chosen.text
    columns: list[str] = []
    rows: list[dict[str, Any]] = []
    boolean = None
    truncated = False
    error = None
    if text and (request.args.get("run") or not ex):
        try:
            columns, rows, boolean, truncated = _results(text)
        except AgError as e:
            if e.status >= 500:
                raise
            error = f"{type(e).__name__}: {e}"

    st = store() if rows else None
    labels = _labels(st, rows) if st is not None else {}
    return render_template("query.html", text=text or DEFAULT, examples=examples(),
                           chosen=chosen, columns=columns, rows=rows, boolean=boolean,
                           truncated=truncated, ran=bool(columns) or boolean is not None,
                           labels=labels, local=local, error=error, cap=ROW_CAP,
                           sparql_url=url_for("sparql.sparql"),
                           prefixes=sorted(terms.PREFIXES))


def _labels(st: Any, rows: list[dict[str, Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows[:ROW_CAP]:
        for cell in row.values():
            if cell.get("type") == "uri" and cell["value"] not in out:
                out[cell["value"]] = data.label(st, cell["value"])
    return out
