"""The curation workflow: the review queue, a claim's decision forms and history, adding a
claim from a span of a source, merging and editing entities, and a feed of decisions.

Every decision goes through `loaders.store.curation.record` (the one code path: check,
append to the log, apply to a new store version, switch), under the store's write lock, so
it works with any number of gunicorn web processes reading read-only versions.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Flask, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from loaders.errors import InputError
from loaders.store import curation
from loaders.store.decisions import Decision, latest, new_decision
from ontology import terms
from server.api.sparql import engine
from server.pages import claims as cl
from server.pages.auth import csrf, role_required

bp = Blueprint("curate", __name__)
CURATORS = ("curator", "admin")
QID = re.compile(r"^Q[1-9][0-9]{0,11}$")


@bp.before_request
def _csrf() -> None:
    if request.method == "POST":
        csrf.protect()


def init_app(app: Flask) -> None:
    """Register the pages and the `curation_history(iri)` template global (for _history.html)."""
    app.register_blueprint(bp)
    app.jinja_env.globals["curation_history"] = history_for


def history_for(iri: str) -> list[dict[str, Any]]:
    """Every decision on a claim or entity, newest first, as rows for `_history.html`."""
    return [_row(d) for d in curation.history(cl.decisions(), iri)]


def replaced_by(iri: str) -> str | None:
    """The IRI an entity was merged into (`dcterms:isReplacedBy`), for a 301 from its page."""
    if not iri.startswith(terms.ID) or not terms.is_slug(iri[len(terms.ID):]):
        return None
    found = cl.rows(f"SELECT ?into WHERE {{ GRAPH <{terms.CURATION_GRAPH.value}> {{ <{iri}> "
                    f"<{terms.DCTERMS_ISREPLACEDBY.value}> ?into }} }}")
    return found[-1]["into"] if found else None


def recent_decisions(limit: int = 10) -> list[dict[str, Any]]:
    """The latest decisions, newest first (for the home page's feed and /curate/feed.json)."""
    return [_row(d) for d in reversed(cl.decisions()[-limit:])]


def _row(d: Decision) -> dict[str, Any]:
    target = d.target
    link = (url_for("curate.claim", cid=target[len(terms.CLAIM):])
            if target.startswith(terms.CLAIM) else
            url_for("browse.entity", slug=target[len(terms.ID):])
            if target.startswith(terms.ID) else target)
    new = d.after.get("claim")
    new_link = (url_for("curate.claim", cid=curation.new_claim_iri(new).value[len(terms.CLAIM):])
                if new else "")
    return {"id": d.id, "kind": d.kind, "curator": d.curator, "time": d.time, "new_link": new_link,
            "target": target, "link": link, "reason": d.reason,
            "summary": curation.describe(d), "before": d.before, "after": d.after}


@bp.route("/curate")
@role_required(*CURATORS)
def queue() -> str:
    """Unreviewed claims, lowest confidence first, with filters and keyboard shortcuts."""
    filters = cl.Filters.from_args(request.args)
    items = cl.claims(filters, limit=int(request.args.get("limit", 20) or 20))
    log = cl.decisions()
    for c in items:
        last = latest(log, c["c"])
        c["seen"] = last.id if last else ""
    preds, sources = cl.facets()
    return render_template("curate_queue.html", claims=items, filters=filters, preds=preds,
                           sources=sources, curie=terms.curie, query=request.query_string.decode())


def _one_claim(cid: str) -> tuple[str, dict[str, Any]]:
    """A claim's IRI and what the store says of it (404 if it has no such claim)."""
    iri = cl.claim_id(cid)
    found = cl.claims(cl.Filters(), claim=cid)
    if not found:
        abort(404, f"no claim {cid} in the store")
    return iri, found[0]


@bp.route("/curate/claim/<cid>")
@role_required(*CURATORS)
def claim(cid: str) -> str:
    """One claim (any status): decision forms, correction form, its history."""
    iri, found = _one_claim(cid)
    last = latest(cl.decisions(), iri)
    return render_template("curate_claim.html", c=found, seen=last.id if last else "",
                           history=history_for(iri))


def _decide(decision: Decision) -> curation.Recorded:
    # Every process answers from the new version at its next request: the engine stats
    # CURRENT on each one.
    return curation.record(engine().location, cl.log_file(), decision)


@bp.route("/curate/claim/<cid>/decide", methods=["POST"])
@role_required(*CURATORS)
def decide(cid: str) -> Any:
    """Accept, reject (with a reason) or undo the latest decision on a claim."""
    iri = cl.claim_id(cid)
    kind = request.form.get("kind", "")
    reason = request.form.get("reason", "").strip()
    before = request.form.get("status", "Unreviewed")
    if kind == "accept":
        after = "Accepted"
    elif kind == "reject":
        if not reason:
            raise InputError("a rejection needs a reason")
        after = "Rejected"
    elif kind == "undo":
        last = latest(cl.decisions(), iri)
        if last is None:
            raise InputError("nothing to undo: no decision on this claim")
        after = str(last.before.get("status", "Unreviewed"))
    else:
        raise InputError("kind is accept, reject or undo")
    d = new_decision(kind, iri, current_user.name, seen=request.form.get("seen", ""),
                     reason=reason, before={"status": before}, after={"status": after})
    _decide(d)
    flash(f"{kind}: claim {cid} is now {after}.")
    return _back()


def _back() -> Any:
    target = request.form.get("back", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(url_for("curate.queue"))


def _node(text: str, what: str) -> str:
    """An entity slug, agid:slug or full IRI from a form, as a full IRI."""
    text = text.strip()
    if text.startswith("agid:"):
        text = text[5:]
    if text.startswith(("http://", "https://")):
        return text
    if terms.is_slug(text):
        return terms.ID + text
    raise InputError(f"{what} {text!r} is not an entity slug or IRI")


def _predicate(text: str) -> str:
    text = text.strip()
    if text.startswith("ag:"):
        text = terms.AG + text[3:]
    if not re.match(r"^" + re.escape(terms.AG) + r"[A-Za-z]+$", text):
        raise InputError(f"predicate {text!r} is not an ag: property")
    return text


def _new_claim(form: Any, source: str) -> dict[str, Any]:
    """The claim a correction or addition writes, checked against the source text."""
    article = cl.articles().get(source)
    if article is None:
        raise InputError(f"source {source!r} is not catalogued")
    try:
        start, end = int(form.get("start", "")), int(form.get("end", ""))
    except ValueError:
        raise InputError("start and end must be character offsets") from None
    p = _predicate(form.get("p", ""))
    literal = p == terms.quote.value
    o = form.get("o", "").strip() if literal else _node(form.get("o", ""), "object")
    new = {"s": _node(form.get("s", ""), "subject"), "p": p, "o": o, "literal": literal,
           "source": source, "start": start, "end": end, "exact": article.text[start:end]}
    curation.check_claim(new, article.text)
    return new


@bp.route("/curate/claim/<cid>/correct", methods=["POST"])
@role_required(*CURATORS)
def correct(cid: str) -> Any:
    """Correct subject, predicate, object or span: a new claim revising this one."""
    iri, old = _one_claim(cid)
    new = _new_claim(request.form, old["id"])
    if curation.new_claim_iri(new).value == iri:
        raise InputError("the correction is the same claim; change something or accept it")
    d = new_decision("correct", iri, current_user.name, seen=request.form.get("seen", ""),
                     reason=request.form.get("reason", "").strip(),
                     before={k: old[k] for k in ("status", "s", "p", "o", "start", "end")},
                     after={"status": "Rejected", "claim": new})
    _decide(d)
    new_id = curation.new_claim_iri(new).value[len(terms.CLAIM):]
    flash(f"Corrected: claim {new_id} revises {cid} (now Rejected).")
    return redirect(url_for("curate.claim", cid=new_id))


@bp.route("/curate/source/<source>")
@role_required(*CURATORS)
def source(source: str) -> str:
    """A source's text: select a span to add the claim the extractor missed."""
    article = cl.articles().get(source)
    if article is None:
        raise InputError(f"source {source!r} is not catalogued")
    return render_template("curate_source.html", article=article, quote=terms.quote.value)


@bp.route("/curate/add", methods=["POST"])
@role_required(*CURATORS)
def add() -> Any:
    """Add a claim from a span of a source (accepted: a curator wrote it)."""
    new = _new_claim(request.form, request.form.get("source", ""))
    iri = curation.new_claim_iri(new).value
    d = new_decision("add", iri, current_user.name, seen=request.form.get("seen", ""),
                     reason=request.form.get("reason", "").strip(),
                     after={"status": "Accepted", "claim": new})
    _decide(d)
    flash(f"Added claim {iri[len(terms.CLAIM):]}.")
    return redirect(url_for("curate.claim", cid=iri[len(terms.CLAIM):]))


@bp.route("/curate/entity/<slug>")
@role_required(*CURATORS)
def entity(slug: str) -> str:
    """Edit an entity's label, aliases and Wikidata link; merge it into another."""
    iri = _node(slug, "entity")
    rows = cl.rows(f"SELECT DISTINCT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
    labels = [r["o"] for r in rows if r["p"] == terms.RDFS_LABEL.value]
    aliases = sorted({r["o"] for r in rows if r["p"] == terms.SKOS_ALTLABEL.value})
    wd = [r["o"][len(terms.WD):] for r in rows
          if r["p"] == terms.OWL_SAMEAS.value and r["o"].startswith(terms.WD)]
    last = latest(cl.decisions(), iri)
    return render_template("curate_entity.html", iri=iri, slug=slug,
                           label=labels[0] if labels else slug, aliases=aliases,
                           wikidata=wd[0] if wd else "", seen=last.id if last else "",
                           history=history_for(iri))


@bp.route("/curate/entity/<slug>/edit", methods=["POST"])
@role_required(*CURATORS)
def edit(slug: str) -> Any:
    iri = _node(slug, "entity")
    label = request.form.get("label", "").strip()
    aliases = [a.strip() for a in re.split(r"[\n;]", request.form.get("aliases", "")) if a.strip()]
    wikidata = request.form.get("wikidata", "").strip()
    if not label:
        raise InputError("an entity needs a label")
    if wikidata and not QID.match(wikidata):
        raise InputError(f"Wikidata id {wikidata!r} is not Q followed by digits")
    d = new_decision("edit", iri, current_user.name, seen=request.form.get("seen", ""),
                     reason=request.form.get("reason", "").strip(),
                     after={"label": label, "aliases": aliases, "wikidata": wikidata})
    _decide(d)
    flash(f"Saved {label}.")
    return redirect(url_for("curate.entity", slug=slug))


@bp.route("/curate/entity/<slug>/merge", methods=["POST"])
@role_required("admin")
def merge(slug: str) -> Any:
    """Merge this entity into another: that IRI stays, this one redirects (owl:sameAs kept)."""
    iri = _node(slug, "entity")
    into = _node(request.form.get("into", ""), "entity to merge into")
    if into == iri:
        raise InputError("an entity cannot be merged into itself")
    d = new_decision("merge", iri, current_user.name, seen=request.form.get("seen", ""),
                     reason=request.form.get("reason", "").strip(), after={"into": into})
    _decide(d)
    flash(f"Merged {slug} into {terms.curie(into)}.")
    return redirect(url_for("curate.entity", slug=into[len(terms.ID):]))


ORPHANS = f"""SELECT ?a WHERE {{ GRAPH <{terms.CURATION_GRAPH.value}> {{
  ?a <{terms.RDFS_COMMENT.value}> ?text FILTER(CONTAINS(?text, "[orphaned")) }} }}"""


@bp.route("/curate/orphans")
@role_required(*CURATORS)
def orphans() -> str:
    """Decisions whose claim the extractor no longer produces: kept, listed here."""
    ids = {r["a"].rsplit("curation-", 1)[-1] for r in cl.rows(ORPHANS)}
    found = [_row(d) for d in reversed(cl.decisions()) if d.id in ids]
    return render_template("curate_orphans.html", orphans=found)


@bp.route("/curate/feed.json")
def feed() -> Response:
    """Recent decisions as JSON (public: the history of the graph is part of it)."""
    limit = max(1, min(int(request.args.get("limit", 20) or 20), 200))
    return jsonify({"decisions": recent_decisions(limit)})


@bp.route("/curate/history")
def history() -> str:
    """A claim's or entity's decisions as an HTML fragment (`_history.html`)."""
    iri = request.args.get("iri", "")
    if not iri.startswith((terms.CLAIM, terms.ID)):
        raise InputError("iri must be a claim or an entity of this graph")
    return render_template("_history.html", history=history_for(iri))
