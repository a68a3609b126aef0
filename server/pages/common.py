"""What every page blueprint shares: the store it reads, where an IRI links to, and the
linked-data answer (HTML for a browser, RDF by content negotiation or a suffix).

Pages read the current store version directly (read-only, one handle per process and
version): their reads are small, bounded lookups by IRI, so they skip the query workers that
protect /sparql from arbitrary queries.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from flask import Response, abort, current_app, request, url_for
from markupsafe import Markup

from loaders.errors import StoreError
from loaders.paths import CATALOG_FILE
from loaders.store import search as fts
from ontology import terms
from server.api import formats
from server.api.answer import CORS
from server.api.sparql import engine
from server.errors import NotAcceptable
from server.pages import data
from server.pages.jsonld import compact

T = TypeVar("T")
_IDENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}")

# IRI prefixes under the base and the route each maps onto.
SUFFIXES = {"ttl": "turtle", "nt": "nt", "jsonld": "jsonld", "rdf": "rdfxml", "trig": "trig",
            "nq": "nquads"}


def catalog_file() -> Path:
    """The catalog of the project this server shows (`serve` sets it; else the example's)."""
    return Path(current_app.config.get("CATALOG_FILE") or CATALOG_FILE)


def texts_dir() -> Path:
    """Where the source texts are: beside the catalog, in the project's `sources/`."""
    return catalog_file().parent


def store() -> ox.Store:
    """The current store version, opened read-only once per process and version."""
    eng = engine()
    if eng.remote:
        raise StoreError("the browser pages read the embedded store; use /sparql on a remote store")
    return eng.read_store()


_lock = threading.Lock()
_memo: dict[tuple[str, str], object] = {}


def per_version(name: str, compute: Callable[[ox.Store], T]) -> T:
    """`compute(store)` once per store version and process: for summaries (counts per class,
    extraction runs) that scan much of the store and change only with a new version."""
    path = f"{engine().version_path()}#{engine().generation}"  # admin writes bump generation
    key = (path, name)
    if key not in _memo:
        found = compute(store())
        with _lock:
            for old in [k for k in _memo if k[0] != path]:
                del _memo[old]
            _memo[key] = found
    return _memo[key]  # type: ignore[return-value]


def search_index() -> Path:
    """The full-text index of the current version, built now if the build did not."""
    path = fts.index_path(engine().version_path())
    if not path.is_file():
        with _lock:
            if not path.is_file():
                try:
                    fts.build_index(store(), engine().version_path())
                except OSError as e:
                    raise StoreError(f"search is unavailable: cannot write {path}: {e}") from e
    return path


def local(iri: str) -> str:
    """Where a link to an IRI goes: IRIs under the base to this server, others as they are."""
    for base, endpoint, arg in _ROUTES:
        if iri.startswith(base):
            rest = iri[len(base):]
            if rest and "/" not in rest and "#" not in rest:
                return url_for(endpoint, **{arg: rest})  # type: ignore[arg-type]
    if iri in _EXACT:
        return url_for(_EXACT[iri])
    if iri.startswith(terms.AG) or iri == terms.ONTOLOGY.value:
        return url_for("ontology.ontology") + ("#" + iri[len(terms.AG):]
                                               if iri.startswith(terms.AG) else "")
    return iri


_ROUTES = [(terms.ID, "browse.entity", "slug"), (terms.SOURCE, "source.source", "ident"),
           (terms.CLAIM, "linked.claim", "ident"), (terms.EVIDENCE, "linked.evidence", "ident"),
           (terms.ACTIVITY, "linked.activity", "ident"), (terms.GRAPH, "linked.graph", "ident"),
           (terms.BASE + "dumps/", "linked.dump", "name")]
_EXACT = {terms.DATASET.value: "linked.dataset", terms.SPARQL_ENDPOINT.value: "sparql.sparql"}


def split_suffix(name: str) -> tuple[str, str | None]:
    """`japan.ttl` -> ("japan", "turtle"); names without a known suffix are left alone."""
    stem, dot, ext = name.rpartition(".")
    if dot and ext in SUFFIXES:
        return stem, SUFFIXES[ext]
    return name, None


def wants_html(suffix_format: str | None) -> bool:
    """Whether to answer HTML: no suffix, no `format=`, and HTML preferred by the client."""
    if suffix_format or request.args.get("format"):
        return False
    best = request.accept_mimetypes.best_match(
        ["text/html"] + [f.media_type for f in formats.RDF_FORMATS])
    return best == "text/html"


def alternates(path: str) -> str:
    """The Link header listing the RDF alternates of a page."""
    return ", ".join(f'<{path}.{ext}>; rel="alternate"; type="{formats.by_name(name, True).media_type}"'  # type: ignore[union-attr]
                     for ext, name in SUFFIXES.items())


def rdf_body(triples: Iterable[ox.Triple], fmt: formats.Format) -> bytes:
    """Triples serialized in an RDF format (JSON-LD compact with our context)."""
    items = list(triples)
    if fmt.name == "jsonld":
        return json.dumps(compact(items), ensure_ascii=False, indent=1).encode()
    if fmt.name in ("trig", "nquads"):
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in items]
        return ox.serialize(quads, format=getattr(ox.RdfFormat, fmt.oxigraph),
                            prefixes=terms.PREFIXES) or b""
    return ox.serialize(items, format=getattr(ox.RdfFormat, fmt.oxigraph),
                        prefixes=terms.PREFIXES) or b""


def embedded(triples: Iterable[ox.Triple]) -> Markup:
    """The JSON-LD a page embeds, safe inside <script> (no `</` can close it)."""
    text = json.dumps(compact(triples), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def linked(path: str, suffix_format: str | None, triples: Callable[[], list[ox.Triple]],
           html: Callable[[list[ox.Triple]], str]) -> Response:
    """The linked-data answer for one IRI: HTML or RDF, with Vary, Link and CORS headers."""
    if wants_html(suffix_format):
        resp = Response(html(triples()), content_type="text/html; charset=utf-8")
    else:
        fmt = (formats.by_name(suffix_format, True) if suffix_format else
               formats.negotiate(request.accept_mimetypes, True, request.args.get("format")))
        if fmt is None:
            raise NotAcceptable("this resource is described in HTML or "
                                + ", ".join(f.media_type for f in formats.RDF_FORMATS))
        charset = "; charset=utf-8" if fmt.media_type.startswith("text/") else ""
        resp = Response(rdf_body(triples(), fmt), content_type=fmt.media_type + charset)
    resp.headers.update(CORS)
    resp.headers["Vary"] = "Accept"
    resp.headers["Link"] = alternates(path)
    return resp


def checked(ident: str) -> str:
    """An identifier from a URL that may end an IRI under the base (404 otherwise)."""
    if not _IDENT.fullmatch(ident):
        abort(404)
    return ident


def dereference(ident: str, base: str, endpoint: str, find: Callable[[ox.Store, str], T | None],
                render: Callable[[ox.Store, T, str, list[ox.Triple]], str]) -> Response:
    """The linked-data answer for `base + ident` (404 when `find` finds nothing); `render`
    gets the store, what was found, the page's path and its triples (to embed)."""
    ident, suffix = split_suffix(checked(ident))
    st = store()
    iri = base + ident
    found = find(st, iri)
    if found is None:
        abort(404)
    path = url_for(endpoint, ident=ident)
    return linked(path, suffix, lambda: list(data.describe(st, iri)),
                  lambda triples: render(st, found, path, triples))
