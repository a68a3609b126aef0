"""Open the store: a versioned on-disk Oxigraph store, or a remote SPARQL 1.1 store.

On-disk layout of a store location (default `data/store`)::

    data/store/
      CURRENT            one line: the name of the version readers must open
      PREVIOUS           the version that was current before (kept for readers still on it)
      .build.lock        flock(2)ed by the one build allowed to run at a time
      v-20261122T221500-123456/   a complete pyoxigraph (RocksDB) store; no build writes
                                  into it again once CURRENT names it

A build writes a new version directory and then replaces CURRENT atomically (temp file +
`os.replace`), so a reader never opens a directory a writer is still writing: pyoxigraph
calls that undefined behaviour. A reader notices a new version by re-reading CURRENT
(`current_version`) and reopening. The build keeps the previous version (PREVIOUS) for
readers that have not switched yet and deletes older ones, and any directory a crashed
build left half-written, under the build lock.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from loaders.errors import QueryError, StoreError

if TYPE_CHECKING:
    from loaders.remote import RemoteStore

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
LOCK_FILE = ".build.lock"
VERSION_PREFIX = "v-"
_VERSION = re.compile(r"^v-[A-Za-z0-9._-]+$")  # ours: v-YYYYmmddTHHMMSS-micros
_QUERY_AT = re.compile(r"error at (\d+):(\d+)")


def is_remote(location: str | os.PathLike[str]) -> bool:
    """True when the location is a SPARQL endpoint URL rather than a directory."""
    return str(location).startswith(("http://", "https://"))


def current_version(location: str | os.PathLike[str]) -> str:
    """The name of the version directory CURRENT points at."""
    pointer = Path(location) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise StoreError(f"no store at {location}: run `alliancegraph build` first") from None
    except OSError as e:
        raise StoreError(f"cannot read {pointer}: {e.strerror}") from e
    if not _VERSION.match(name) or not (Path(location) / name).is_dir():
        raise StoreError(f"{pointer} names {name!r}, which is not a version of this store")
    return name


def previous_version(location: str | os.PathLike[str]) -> str | None:
    """The version that was current before the last switch, if it is still on disk."""
    try:
        name = (Path(location) / PREVIOUS).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if _VERSION.match(name) and (Path(location) / name).is_dir() else None


def current_path(location: str | os.PathLike[str]) -> Path:
    """The directory of the current version."""
    return Path(location) / current_version(location)


def versions(location: str | os.PathLike[str]) -> list[str]:
    """Every version directory present, oldest first (names sort by creation time)."""
    root = Path(location)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _VERSION.match(p.name))


def new_version_name(location: str | os.PathLike[str]) -> str:
    """A fresh version name that sorts after every existing one."""
    latest = max(versions(location), default="")
    for _ in range(1000):
        name = VERSION_PREFIX + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S-%f")
        if name > latest:
            return name
        time.sleep(0.001)  # two builds in one microsecond
    raise StoreError(f"the system clock is behind the newest store version {latest}")


def switch(location: str | os.PathLike[str], version: str) -> None:
    """Make `version` current atomically; remember the old current one as PREVIOUS."""
    root = Path(location)
    old = _read_pointer(root / POINTER)
    if old and old != version:
        _write_atomic(root / PREVIOUS, old + "\n")
    _write_atomic(root / POINTER, version + "\n")


def remove_stale(location: str | os.PathLike[str], keep: tuple[str, ...] = ()) -> list[str]:
    """Delete version directories that are neither current nor previous (nor in `keep`).

    Call it only while holding the build lock: then any other directory is an old version
    or one a crashed build left half-written.
    """
    import shutil

    root = Path(location)
    wanted = {_read_pointer(root / POINTER), _read_pointer(root / PREVIOUS), *keep}
    removed = []
    for name in versions(root):
        if name not in wanted:
            shutil.rmtree(root / name, ignore_errors=True)
            removed.append(name)
    return removed


@contextmanager
def build_lock(location: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the location's build lock: one writer at a time, released even on kill -9."""
    root = Path(location)
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"store location {root} is not writable: {e.strerror}") from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                raise StoreError(f"store {root} is locked by another writer (pid {holder}); "
                                 "wait for that build to finish") from e
            raise StoreError(f"cannot lock store {root}: {e.strerror}") from e
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield root
    finally:
        os.close(fd)  # closing releases the flock


def open_read_only(location: str | os.PathLike[str]) -> tuple[ox.Store, str]:
    """Open the current version read-only; returns (store, version name)."""
    version = current_version(location)
    try:
        return ox.Store.read_only(str(Path(location) / version)), version
    except OSError as e:
        raise StoreError(f"cannot open store {Path(location) / version}: {e}") from e


def open_writable(path: str | os.PathLike[str]) -> ox.Store:
    """Open (or create) one version directory for writing, with a clear error if locked."""
    try:
        return ox.Store(str(path))
    except OSError as e:
        text = str(e)
        if "lock" in text.lower():
            raise StoreError(f"store {path} is locked by another writer: {text}") from e
        raise StoreError(f"cannot open store {path} for writing: {text}") from e


def open_location(location: str | os.PathLike[str]) -> ox.Store | RemoteStore:
    """The store to read from: a RemoteStore for a URL, else the current version read-only."""
    if is_remote(location):
        from loaders.remote import RemoteStore

        return RemoteStore(str(location))
    return open_read_only(location)[0]


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


def query_error_message(message: str, name: str | None = None) -> str:
    """Put the parser's line:column first, like a compiler: `query.rq:1:25: expected ...`."""
    m = _QUERY_AT.search(message)
    where = ":".join(p for p in (name, m.group(1) if m else None, m.group(2) if m else None) if p)
    text = _QUERY_AT.sub("", message).lstrip(": ").strip() if m else message
    return f"{where}: SPARQL syntax error: {text}" if where else f"SPARQL syntax error: {text}"


def _read_pointer(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


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
    prefixes = _prefixes() if fmt == "turtle" else None
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


def _prefixes() -> dict[str, str]:
    from ontology.terms import PREFIXES

    return dict(PREFIXES)


def _short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _prefixes().items():
            if term.value.startswith(ns) and "/" not in term.value[len(ns):]:
                return f"{prefix}:{term.value[len(ns):]}"
        return f"<{term.value}>"
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
