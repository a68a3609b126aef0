"""`alliancegraph export`: N-Quads, TriG and JSON-LD dumps of the store, and its VoID.

Each dump is streamed by pyoxigraph's serializers straight into a file (never built in
memory) and appears atomically: written to a temporary name in the output directory, then
renamed. The store (embedded, or remote: its AllianceGraph graphs, one Graph Store Protocol
GET each) is read once into the N-Quads dump; TriG and JSON-LD are converted from that file,
streamed. The VoID description is the one the build stored in the VoID graph.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loaders.errors import StoreError
from loaders.files import atomic_writer, write_atomic
from loaders.store import load
from loaders.store import versions as st
from loaders.store.remote import RemoteStore
from loaders.store.void import DUMP_FILES, to_turtle
from ontology import terms

DEFAULT_OUT = Path("data/dumps")
FORMATS = dict(zip(DUMP_FILES, (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD)))
VOID_FILE = "void.ttl"


@dataclass(frozen=True)
class ExportSummary:
    """What export wrote, for the one-line summary."""

    location: str
    version: str | None
    out: Path
    quads: int
    files: dict[str, int]  # file name -> bytes
    seconds: float

    def line(self) -> str:
        sizes = ", ".join(f"{n} ({b / 1e6:.1f} MB)" for n, b in self.files.items())
        where = f"{self.location} ({self.version})" if self.version else self.location
        return f"exported {self.quads:,} quads of {where} to {self.out}: {sizes} in {self.seconds:.1f} s"


def export(location: str, out: str | Path = DEFAULT_OUT, progress: bool = True) -> ExportSummary:
    """Write the dumps and void.ttl of the store at `location` into `out`."""
    start = time.perf_counter()
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot write dumps to {out}: {e.strerror or e}") from e
    try:
        if st.is_remote(location):
            version, quads = None, _export_remote(location, out, progress)
        else:
            store, version = st.open_read_only(location)
            quads = _export_embedded(store, out, progress)
    except OSError as e:
        raise load.store_write_error(e) from e
    files = {n: (out / n).stat().st_size for n in (*DUMP_FILES, VOID_FILE)}
    return ExportSummary(str(location), version, out, quads, files, time.perf_counter() - start)


def _export_embedded(store: ox.Store, out: Path, progress: bool) -> int:
    with atomic_writer(out / DUMP_FILES[0]) as f:
        store.dump(f, ox.RdfFormat.N_QUADS)
    return _convert(out, progress)


def _export_remote(location: str, out: Path, progress: bool) -> int:
    with atomic_writer(out / DUMP_FILES[0]) as f:
        RemoteStore(location).dump(f, prefix=terms.GRAPH)
    return _convert(out, progress)


def _convert(out: Path, progress: bool) -> int:
    """Write TriG, JSON-LD and void.ttl from the N-Quads dump; returns its quad count.

    Reading a RocksDB store is the slow part of a dump (about 5x slower than parsing
    N-Quads), so the store is read once and the other formats are converted, streamed.
    """
    nquads = out / DUMP_FILES[0]
    count, void = 0, []

    def quads() -> Iterator[ox.Quad]:
        nonlocal count
        count = 0
        for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
            count += 1
            if q.graph_name == terms.VOID_GRAPH:
                void.append(q)
            yield q

    for name in load.progress_bar(progress, iterable=DUMP_FILES[1:], desc="export", unit="file"):
        void.clear()
        with atomic_writer(out / name) as f:
            ox.serialize(quads(), f, FORMATS[name], **_prefixes(FORMATS[name]))
    write_atomic(out / VOID_FILE, to_turtle(void))
    return count


def _prefixes(fmt: ox.RdfFormat) -> dict[str, Any]:
    return {"prefixes": terms.PREFIXES} if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else {}
