"""A full-text index of labels, aliases and quotes, built beside each store version.

Oxigraph has no full-text index, so a build writes one with SQLite FTS5 (standard library):
`v-…/` gets `v-….search.sqlite` beside it. The tokenizer folds case and accents
(`unicode61 remove_diacritics 2`), every word of a query matches as a prefix, and hits are
ranked by BM25 with a label worth more than an alias, an alias more than a quote. The user's
words are reduced to tokens and each is quoted, so no FTS5 syntax can come from a query.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from loaders.errors import StoreError
from ontology import terms

SUFFIX = ".search.sqlite"
_SCHEMA = """CREATE VIRTUAL TABLE entry USING fts5(
  label, aliases, quotes, iri UNINDEXED, kind UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2')"""
_WEIGHTS = "bm25(entry, 10.0, 5.0, 1.0)"
_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_TOKENS = 8


@dataclass(frozen=True)
class Hit:
    """One search result."""

    iri: str
    label: str
    kind: str  # the ag: class name (Country, Statement…), or "Thing"
    snippet: str  # matched words between \x02 and \x03


def index_path(version_path: str | Path) -> Path:
    """Where the index of a store version lives."""
    return Path(str(version_path).rstrip("/") + SUFFIX)


def _kind(store: ox.Store, node: ox.NamedNode) -> str:
    for q in store.quads_for_pattern(node, terms.RDF_TYPE, None):
        obj = q.object
        if (q.graph_name != terms.INFERRED_GRAPH and isinstance(obj, ox.NamedNode)
                and obj.value.startswith(terms.AG)):
            return obj.value[len(terms.AG):]
    return "Thing"


def rows(store: ox.Store) -> list[tuple[str, str, str, str, str]]:
    """(label, aliases, quotes, iri, kind) for every IRI with a label, alias or quote."""
    texts: dict[str, dict[str, dict[str, None]]] = defaultdict(
        lambda: {"label": {}, "aliases": {}, "quotes": {}})
    for p, field in ((terms.RDFS_LABEL, "label"), (terms.SKOS_ALTLABEL, "aliases"),
                     (terms.quote, "quotes"), (terms.DCTERMS_TITLE, "label")):
        for q in store.quads_for_pattern(None, p, None):
            if (isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal)
                    and q.graph_name != terms.ONTOLOGY_GRAPH):
                texts[q.subject.value][field].setdefault(q.object.value, None)
    out = []
    for iri, t in texts.items():
        name = next(iter(t["label"]), "") or next(iter(t["quotes"]), "")[:80]
        out.append((name, " ; ".join(t["aliases"]), " ; ".join(t["quotes"]), iri,
                    _kind(store, ox.NamedNode(iri))))
    return out


def build_index(store: ox.Store, version_path: str | Path) -> Path:
    """Write the index of a store version (replacing a previous one); returns its path."""
    path = index_path(version_path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute(_SCHEMA)
        con.executemany("INSERT INTO entry VALUES (?, ?, ?, ?, ?)", rows(store))
        con.execute("INSERT INTO entry(entry) VALUES ('optimize')")
        con.commit()
    finally:
        con.close()
    tmp.replace(path)
    prune(path.parent)
    return path


def prune(root: str | Path) -> None:
    """Remove the indexes of versions that are gone."""
    for p in Path(root).glob("*" + SUFFIX):
        if not Path(str(p)[: -len(SUFFIX)]).is_dir():
            p.unlink(missing_ok=True)


def match_expression(query: str) -> str | None:
    """The FTS5 expression for a user's words: each token quoted, as a prefix, all required.

    >>> match_expression('Senkaku "isl')
    '"senkaku"* "isl"*'
    >>> match_expression('<script>}') is None or match_expression('<script>}')
    '"script"*'
    """
    tokens = [t.lower() for t in _TOKEN.findall(query)][:MAX_TOKENS]
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def search(path: str | Path, query: str, limit: int = 20, kind: str | None = None) -> list[Hit]:
    """Ranked hits for a user's words; StoreError when the index is missing or unreadable."""
    expr = match_expression(query)
    if expr is None:
        return []
    p = Path(path)
    if not p.is_file():
        raise StoreError(f"no search index at {p}")
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise StoreError(f"cannot open search index {p}: {e}") from e
    try:
        where = "entry MATCH ?" + (" AND kind = ?" if kind else "")
        args: tuple[object, ...] = (expr, kind, limit) if kind else (expr, limit)
        cur = con.execute(
            f"SELECT iri, label, kind, snippet(entry, -1, char(2), char(3), '…', 12) FROM entry "
            f"WHERE {where} ORDER BY {_WEIGHTS} LIMIT ?", args)
        return [Hit(*row) for row in cur.fetchall()]
    except sqlite3.Error as e:
        raise StoreError(f"search index {p} failed: {e}") from e
    finally:
        con.close()
