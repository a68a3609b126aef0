"""The load step: check the TriG files under triples/, then bulk-load them into a store.

Checking (parse + which graphs a file writes) happens before anything is written, so a
broken file stops a build with file:line:column and leaves the store as it was. Loading
then uses pyoxigraph's `bulk_load` straight from the files, the fastest path it has.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from tqdm import tqdm

from loaders.errors import InputError, ParseError, StoreError
from ontology import terms

# Graphs the build derives itself; a triples file may not write into them.
RESERVED_GRAPHS = frozenset(g.value for g in (
    terms.ONTOLOGY_GRAPH, terms.CATALOG_GRAPH, terms.INFERRED_GRAPH, terms.VOID_GRAPH, terms.REPORT_GRAPH))
MANUAL_GRAPH_PREFIX = terms.GRAPH + "manual-"


@dataclass(frozen=True)
class TriplesFile:
    """One checked TriG file: the graphs it writes and how many quads it holds."""

    path: Path
    graphs: frozenset[str]
    quads: int
    blank_nodes: bool = False  # blank node labels are scoped to one file: load it alone


def progress_bar(enabled: bool = True, **kw: Any) -> Any:
    """A tqdm bar on stderr, silent when asked or when stderr is not a terminal."""
    return tqdm(disable=not (enabled and sys.stderr.isatty()), file=sys.stderr, **kw)


def triples_files(triples_dir: Path) -> list[Path]:
    """Every TriG file under triples/ (generated and triples/manual/**), in a fixed order."""
    return sorted(p for p in Path(triples_dir).rglob("*.trig") if p.is_file())


def parse_file(path: Path) -> list[ox.Quad]:
    """All quads of one TriG file; ParseError with file:line:column if it does not parse."""
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except SyntaxError as e:
        raise parse_error(e, path) from e
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from e


def parse_error(e: SyntaxError, path: Path | str) -> ParseError:
    """Turn pyoxigraph's SyntaxError (1-based line and column) into our ParseError."""
    return ParseError.from_syntax_error(e, str(path))


def check_file(path: Path, quads: list[ox.Quad], sources: set[str]) -> TriplesFile:
    """Check that every quad of a file is in an allowed named graph.

    Allowed: the graph of a catalogued source (`graph/{id}`), the curation graph, and
    hand-written graphs `graph/manual-*`. Triples in the default graph have no provenance.
    """
    graphs = {q.graph_name for q in quads}
    names: set[str] = set()
    for g in graphs:
        if not isinstance(g, ox.NamedNode):
            raise InputError(f"{path}: has triples outside a named graph; put them in "
                             f"GRAPH <{terms.GRAPH}{{source id}}> or <{MANUAL_GRAPH_PREFIX}…>")
        names.add(g.value)
    for name in sorted(names):
        problem = graph_problem(name, sources)
        if problem:
            raise InputError(f"{path}:{_first_line(path, name)}: {problem}")
    blank = any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    return TriplesFile(Path(path), frozenset(names), len(quads), blank)


def graph_problem(name: str, sources: set[str]) -> str | None:
    """Why a triples file may not write into graph `name`, or None if it may."""
    if name in RESERVED_GRAPHS:
        return f"graph <{name}> is reserved for what the build derives itself"
    if name == terms.CURATION_GRAPH.value or name.startswith(MANUAL_GRAPH_PREFIX):
        return None
    if name.startswith(terms.GRAPH) and name[len(terms.GRAPH):] in sources:
        return None
    if name.startswith(terms.GRAPH):
        return (f"graph <{name}> names source {name[len(terms.GRAPH):]!r}, "
                "which is not in the catalog (sources/catalog.ttl)")
    return f"graph <{name}> is not a source graph (<{terms.GRAPH}{{source id}}>)"


def _first_line(path: Path, iri: str) -> int:
    """The line where an IRI first appears (for the error message); 1 if not found."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for number, line in enumerate(f, 1):
                if iri in line:
                    return number
    except OSError:
        pass
    return 1


CHUNK = 250_000  # quads per bulk_load stream: the bulk loader holds a stream's quads in memory


def bulk_load_files(store: ox.Store, files: Iterable[TriplesFile], progress: bool = True,
                    chunk: int = CHUNK) -> int:
    """Bulk-load checked files into a store being built, in streams of about `chunk` quads;
    returns quads read.

    One `bulk_load` over many files is 2-3x faster than one per file (the bulk loader then
    writes few large sorted files instead of many small ones); streams of `chunk` quads keep
    that while bounding the memory the loader buffers (it sorts a whole stream's batch).
    """
    files = list(files)
    together = [f for f in files if not f.blank_nodes]
    with progress_bar(progress, total=sum(f.quads for f in files), unit="quad",
                      unit_scale=True, desc="load") as bar:
        for group in [*_chunks(together, chunk), *([f] for f in files if f.blank_nodes)]:
            _bulk_load_stream(store, group, lambda f: bar.update(f.quads))
    return sum(f.quads for f in files)


def _chunks(files: list[TriplesFile], size: int) -> Iterator[list[TriplesFile]]:
    group: list[TriplesFile] = []
    quads = 0
    for f in files:
        if group and quads + f.quads > size:
            yield group
            group, quads = [], 0
        group.append(f)
        quads += f.quads
    if group:
        yield group


def _bulk_load_stream(store: ox.Store, files: list[TriplesFile],
                      done: Callable[[TriplesFile], None]) -> None:
    chain = _Chain(files, done)
    try:
        store.bulk_load(input=io.BufferedReader(chain, 1 << 20), format=ox.RdfFormat.TRIG)
    except SyntaxError as e:
        path, line = chain.locate(e.lineno or 0)
        e.lineno = line
        raise parse_error(e, path) from e
    except OSError as e:
        raise store_write_error(e) from e


class _Chain(io.RawIOBase):
    """The files one after another as one TriG stream (each ends with a line break), keeping
    where each file starts so a parse error can still name file and line."""

    def __init__(self, files: list[TriplesFile], done: Callable[[TriplesFile], None]) -> None:
        self.todo, self.done = list(reversed(files)), done
        self.current: TriplesFile | None = None
        self.f: io.BufferedReader | None = None
        self.lines = 0  # line breaks streamed so far
        self.starts: list[tuple[int, Path]] = []  # (first line number - 1, path)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self.f is None:
                if not self.todo:
                    return 0
                self.current = self.todo.pop()
                self.starts.append((self.lines, self.current.path))
                self.f = open(self.current.path, "rb")
            n: int = self.f.readinto(buffer)
            if n:
                self.lines += bytes(memoryview(buffer)[:n]).count(b"\n")
                return n
            self.f.close()
            self.f = None
            assert self.current is not None
            self.done(self.current)
            buffer[0:1] = b"\n"  # a file may end without one
            self.lines += 1
            return 1

    def locate(self, line: int) -> tuple[Path | str, int]:
        """(file, line in that file) for a line number of the whole stream."""
        for offset, path in reversed(self.starts):
            if line > offset:
                return path, line - offset
        return "<triples>", line


def bulk_add(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Add derived quads (ontology, catalog, inferences, VoID) to a store being built."""
    try:
        store.bulk_extend(quads)
    except OSError as e:
        raise store_write_error(e) from e


def store_write_error(e: OSError) -> StoreError:
    """A clear message for a failed write; disk full is the usual cause."""
    text = str(e)
    if "No space left" in text or getattr(e, "errno", None) == 28:
        return StoreError(f"disk full while writing the store: {text}")
    return StoreError(f"writing the store failed: {text}")


def quads_in(store: ox.Store, exclude: Iterable[ox.NamedNode] = ()) -> Iterator[ox.Quad]:
    """Every quad of a store, leaving out some graphs (those derived from the rest)."""
    skip = set(exclude)
    for q in store.quads_for_pattern(None, None, None, None):
        if q.graph_name not in skip:
            yield q
