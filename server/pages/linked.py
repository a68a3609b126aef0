"""The other IRIs the data mints, dereferenced: claims, evidence, extraction activities,
named graphs, the JSON-LD context. Each answers HTML or RDF like an entity."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, redirect, render_template, send_from_directory, url_for

from loaders.store.void import DUMP_FILES
from ontology import terms
from server.api.sparql import engine
from server.pages import data
from server.pages.browse import page_helpers
from server.pages.common import checked, dereference, embedded, linked, split_suffix, store, texts_dir
from server.pages.jsonld import CONTEXT

bp = Blueprint("linked", __name__)


@bp.route("/claim/<ident>")
def claim(ident: str) -> Response:
    """A claim: the triple in words, the quote in its paragraph, source, run, status."""
    return dereference(ident, terms.CLAIM, "linked.claim", data.claim, _claim_html)


def _claim_html(st: ox.Store, found: data.Claim, path: str, triples: list[ox.Triple]) -> str:
    context = data.in_context(st, found.source, found.start, found.end, texts_dir())
    return render_template("claim.html", c=found, context=context, path=path,
                           jsonld=embedded(triples), **page_helpers(st))


@bp.route("/evidence/<ident>")
def evidence(ident: str) -> Response:
    """An evidence selector: the exact words and the claims that cite them."""
    return dereference(ident, terms.EVIDENCE, "linked.evidence", _exact, _evidence_html)


def _exact(st: ox.Store, iri: str) -> ox.Literal | None:
    found = data.first(st, ox.NamedNode(iri), terms.OA_EXACT)
    return found if isinstance(found, ox.Literal) else None


def _evidence_html(st: ox.Store, exact: ox.Literal, path: str, triples: list[ox.Triple]) -> str:
    node = ox.NamedNode(terms.BASE + path.lstrip("/"))
    citing = sorted({data.value(q.subject)
                     for q in st.quads_for_pattern(None, terms.evidence, node)})
    claims = [c for c in (data.claim(st, i) for i in citing) if c is not None]
    stmts = [s for s in (data.statement(st, i) for i in citing) if s is not None]
    return render_template("evidence.html", iri=node.value, ident=path.rsplit("/", 1)[1],
                           exact=exact.value, start=data.first(st, node, terms.OA_START),
                           end=data.first(st, node, terms.OA_END), claims=claims,
                           statements=stmts, path=path, jsonld=embedded(triples),
                           **page_helpers(st))


@bp.route("/activity/<ident>")
def activity(ident: str) -> Response:
    """An extraction run (or review): software version, sources used, claims generated."""
    return dereference(ident, terms.ACTIVITY, "linked.activity", data.activity,
                       lambda st, found, path, triples: render_template(
                           "activity.html", a=found, path=path, jsonld=embedded(triples),
                           **page_helpers(st)))


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


@bp.route("/dataset")
@bp.route("/dataset<any('.ttl', '.nt', '.jsonld', '.rdf', '.trig', '.nq'):ext>")
def dataset(ext: str = "") -> Response:
    """The dataset as VoID describes it: statistics, subsets, endpoint, dumps, licence."""
    _, suffix = split_suffix("dataset" + ext)
    st = store()
    iri = terms.DATASET.value
    path = url_for("linked.dataset")
    return linked(path, suffix, lambda: list(data.describe(st, iri)),
                  lambda triples: render_template(
                      "dataset.html", iri=iri, triples=triples, path=path,
                      dumps=[(n, _dumps_dir().joinpath(n).is_file()) for n in DUMP_FILES],
                      jsonld=embedded(triples), **page_helpers(st)))


def _dumps_dir() -> Path:
    """Where `alliancegraph export` wrote the dumps: DUMPS_DIR, else `dumps/` beside the store."""
    configured = current_app.config.get("DUMPS_DIR")
    return Path(configured) if configured else Path(engine().location).parent / "dumps"


@bp.route("/dumps/<name>")
def dump(name: str) -> Response:
    """A dump file named in VoID (404 until `alliancegraph export` has written it)."""
    if name not in DUMP_FILES or not _dumps_dir().joinpath(name).is_file():
        abort(404)
    return send_from_directory(_dumps_dir(), name, conditional=True)
