"""What the curation pages read: claims (the review queue, one claim), source texts and
paragraphs, and the decision log. Queries run through the engine (its workers and timeout),
like every other page; filters are checked values, never spliced user text."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app

from loaders.errors import InputError, StoreError
from loaders.model import Article
from loaders.rdf.catalog import load_catalog
from loaders.store.decisions import Decision, log_path, read_log
from ontology import terms
from server.api.answer import run
from server.api.sparql import engine
from server.pages import data
from server.pages.common import catalog_file
from server.runtime.jobs import Job

PREFIXES = f"""PREFIX ag: <{terms.AG}> PREFIX rdf: <{terms.RDF}> PREFIX rdfs: <{terms.RDFS}>
PREFIX prov: <{terms.PROV}> PREFIX oa: <{terms.OA}> PREFIX dcterms: <{terms.DCTERMS}>
"""
CLAIMS = PREFIXES + """SELECT DISTINCT ?c ?s ?p ?o ?k ?r ?id ?exact ?start ?end ?slabel ?olabel
WHERE {
  ?c a ag:Claim ; ag:reviewStatus ?r ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     ag:confidence ?k ; prov:wasDerivedFrom ?src ; ag:evidence ?e .
  ?e oa:exact ?exact ; oa:start ?start ; oa:end ?end .
  ?src dcterms:identifier ?id .
  OPTIONAL { ?s rdfs:label ?slabel } OPTIONAL { ?o rdfs:label ?olabel }
  %(filters)s
} ORDER BY ?k ?c LIMIT %(limit)d"""
FACETS = PREFIXES + """SELECT ?p ?id (COUNT(DISTINCT ?c) AS ?n) WHERE {
  ?c a ag:Claim ; ag:reviewStatus ag:Unreviewed ; rdf:predicate ?p ; prov:wasDerivedFrom ?src .
  ?src dcterms:identifier ?id } GROUP BY ?p ?id"""
SOURCE_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
CLAIM_ID = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Filters:
    """The review queue's filters, checked."""

    source: str = ""
    predicate: str = ""  # a full IRI of an ag: property
    entity: str = ""  # a slug
    min_conf: float | None = None
    max_conf: float | None = None
    status: str = "Unreviewed"

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        def number(name: str) -> float | None:
            text = (args.get(name) or "").strip()
            if not text:
                return None
            try:
                value = float(text)
            except ValueError:
                raise InputError(f"{name} must be a number between 0 and 1, not {text!r}") from None
            if not 0 <= value <= 1:
                raise InputError(f"{name} must be between 0 and 1")
            return value

        source, pred = args.get("source", "").strip(), args.get("predicate", "").strip()
        entity = args.get("entity", "").strip()
        if source and not SOURCE_ID.match(source):
            raise InputError(f"source {source!r} is not a source id")
        if pred.startswith("ag:"):
            pred = terms.AG + pred[3:]
        if pred and not re.match(r"^" + re.escape(terms.AG) + r"[A-Za-z]+$", pred):
            raise InputError(f"predicate {pred!r} is not an ag: property")
        if entity.startswith(terms.ID):
            entity = entity[len(terms.ID):]
        if entity and not terms.is_slug(entity):
            raise InputError(f"entity {entity!r} is not an entity slug")
        status = args.get("status", "Unreviewed")
        if status not in ("Unreviewed", "Accepted", "Rejected"):
            raise InputError("status is Unreviewed, Accepted or Rejected")
        return cls(source, pred, entity, number("min"), number("max"), status)

    def sparql(self) -> str:
        out = [f"FILTER(?r = ag:{self.status})"]
        if self.source:
            out.append(f'FILTER(STR(?id) = "{self.source}")')
        if self.predicate:
            out.append(f"FILTER(?p = <{self.predicate}>)")
        if self.entity:
            out.append(f"FILTER(?s = <{terms.ID}{self.entity}> || ?o = <{terms.ID}{self.entity}>)")
        if self.min_conf is not None:
            out.append(f"FILTER(?k >= {self.min_conf!r})")
        if self.max_conf is not None:
            out.append(f"FILTER(?k <= {self.max_conf!r})")
        return "\n  ".join(out)


def rows(query: str) -> list[dict[str, str]]:
    """The solutions of a small SELECT, as plain strings."""
    eng = engine()
    if eng.remote:
        raise StoreError("curation reads the embedded store")
    answer = run(eng, Job(path=eng.version_path(), query=query, fmt="JSON", rdf_fmt="TURTLE"))
    body = answer.first + b"".join(answer.chunks()) if answer.more else answer.first
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def claims(filters: Filters, limit: int = 25, claim: str | None = None) -> list[dict[str, Any]]:
    """Claims matching the filters (or one claim), lowest confidence first, one row each."""
    where = filters.sparql() if claim is None else f"FILTER(?c = <{terms.CLAIM}{claim}>)"
    out: dict[str, dict[str, Any]] = {}
    for r in rows(CLAIMS % {"filters": where, "limit": limit * 4}):
        if r["c"] not in out:
            out[r["c"]] = _claim(r)
    return list(out.values())[:limit]


def _claim(r: dict[str, str]) -> dict[str, Any]:
    c: dict[str, Any] = dict(r)
    c["cid"] = r["c"][len(terms.CLAIM):]
    c["start"], c["end"], c["k"] = int(r["start"]), int(r["end"]), float(r["k"])
    c["status"] = r["r"].rsplit("#", 1)[-1]
    c["pname"] = terms.curie(r["p"])
    c["slabel"] = r.get("slabel") or terms.curie(r["s"])
    c["olabel"] = r.get("olabel") or (terms.curie(r["o"]) if r["o"].startswith("http") else r["o"])
    c["words"] = f"{c['slabel']} {_verb(r['p'])} {c['olabel']}"
    article = articles().get(r["id"])
    c["title"] = article.title if article else None
    c["paragraph"] = paragraph(article.text, c["start"], c["end"]) if article else None
    return c


def _verb(predicate: str) -> str:
    """ag:memberOf -> 'member of', for the triple in words."""
    local = predicate.rsplit("#", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower()


def facets() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Unreviewed claims per predicate and per source, for the filter menus."""
    preds: dict[str, int] = {}
    sources: dict[str, int] = {}
    for r in rows(FACETS):
        preds[r["p"]] = preds.get(r["p"], 0) + int(r["n"])
        sources[r["id"]] = sources.get(r["id"], 0) + int(r["n"])
    return sorted(preds.items()), sorted(sources.items())


@functools.lru_cache(maxsize=4)
def _articles(catalog: str, stamp: int) -> dict[str, Article]:
    return {a.id: a for a in load_catalog(catalog)}


def articles() -> dict[str, Article]:
    """The catalogued source texts, read again when the catalog changes (`alliancegraph add`
    while the server runs)."""
    path = catalog_file()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0  # load_catalog names the missing file
    return _articles(str(path), stamp)


def paragraph(text: str, start: int, end: int, most: int = 700) -> tuple[str, str, str]:
    r"""(before, the span, after) within the span's paragraph (line bounded, at most `most`
    characters either side).

    >>> paragraph("One.\nTwo three four.\nFive.", 9, 14)
    ('Two ', 'three', ' four.')
    """
    before, span, after = data.paragraph(text, start, end)
    return before[-most:].lstrip(), span, after[:most].rstrip()


def log_file() -> Path:
    """The decision log this server records into."""
    configured = current_app.config.get("CURATION_LOG")
    return Path(configured) if configured else log_path()


_read: dict[Path, tuple[tuple[int, int], list[Decision]]] = {}


def decisions() -> list[Decision]:
    """The log as a reader sees it (an append in progress is left out, never repaired).

    Pages showing history or the feed ask on every request: the log is parsed again only
    when it changed (append-only, so its size and mtime say so).
    """
    path = log_file()
    try:
        st = path.stat()
    except FileNotFoundError:
        return []
    stamp = (st.st_size, st.st_mtime_ns)
    cached = _read.get(path)
    if cached is None or cached[0] != stamp:
        cached = _read[path] = (stamp, read_log(path, repair=False, torn_ok=True))
    return cached[1]


def claim_id(cid: str) -> str:
    """The claim IRI for a 16-hex id from a URL (InputError otherwise)."""
    if not CLAIM_ID.match(cid):
        raise InputError(f"{cid!r} is not a claim id")
    return terms.CLAIM + cid
