"""Run SPARQL against the store (embedded or remote) and render answers for the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loaders.errors import QueryError, StoreError, query_error_message
from loaders.store.remote import RemoteStore
from loaders.store.versions import open_location
from ontology import terms


def query(store_or_remote: ox.Store | RemoteStore, sparql: str, **kw: Any) -> Any:
    """Run SPARQL with the union of all graphs as the default graph.

    Returns pyoxigraph results (QuerySolutions, QueryBoolean or QueryTriples) for both an
    embedded and a remote store. Raises QueryError (with line:column) for bad SPARQL.
    """
    if not isinstance(store_or_remote, ox.Store):
        return store_or_remote.results(sparql)
    kw.setdefault("use_default_graph_as_union", True)
    try:
        return store_or_remote.query(sparql, **kw)
    except SyntaxError as e:
        raise QueryError(query_error_message(str(e))) from e
    except OSError as e:
        raise StoreError(f"store failed while querying: {e}") from e


RESULT_FORMATS = ("table", "json", "csv", "tsv", "turtle", "ntriples")
_SOLUTION_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                     "tsv": ox.QueryResultsFormat.TSV}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}


def run_query(location: str, file_or_text: str, fmt: str | None = None) -> bytes:
    """`alliancegraph query`: run a query file (or text) and serialize the answer.

    SELECT and ASK answer as table (default), json, csv or tsv; CONSTRUCT and DESCRIBE as
    turtle (default) or ntriples.
    """
    name, sparql = _query_source(file_or_text)
    target = open_location(location)
    try:
        results = query(target, sparql)
    except QueryError as e:
        if name is None:
            raise
        raise QueryError(f"{name}:{e}" if str(e)[:1].isdigit() else f"{name}: {e}") from e
    if isinstance(results, (ox.QuerySolutions, ox.QueryBoolean)):
        fmt = fmt or "table"
        if fmt == "table":
            return _table(results).encode()
        if fmt not in _SOLUTION_FORMATS:
            raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use table, json, csv or tsv")
        return results.serialize(format=_SOLUTION_FORMATS[fmt]) or b""
    fmt = fmt or "turtle"
    if fmt not in _GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for SELECT/ASK; use turtle or ntriples")
    prefixes = dict(terms.PREFIXES) if fmt == "turtle" else None
    return ox.serialize(iter(results), format=_GRAPH_FORMATS[fmt], prefixes=prefixes) or b""


def _query_source(file_or_text: str) -> tuple[str | None, str]:
    """(file name or None, query text): an existing file is read, anything else is a query."""
    path = Path(file_or_text)
    try:
        if len(file_or_text) < 4096 and "\n" not in file_or_text and path.is_file():
            return str(path), path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query file: {e}") from e
    return None, file_or_text


def _short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return terms.curie(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(results: Any) -> str:
    """A plain aligned text table, with IRIs shortened by the project's prefixes."""
    if isinstance(results, ox.QueryBoolean):
        return f"{'true' if bool(results) else 'false'}\n"
    names = [v.value for v in results.variables]
    rows = [[_short(row[n]) for n in names] for row in results]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"
