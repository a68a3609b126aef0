"""`alliancegraph build`: triples/ -> checked, validated, reasoned -> a new store version.

Order, so that a failure at any step changes nothing a reader can see:
  1. extract the catalogued sources whose text or extractor changed (loaders.rdf.triples);
  2. parse every triples/**/*.trig (file:line:column on error) and check its graphs;
  3. validate (SHACL, check queries, HermiT) unless allowed to record the problems;
  4. embedded: bulk-load a NEW version directory (ontology, catalog, sources, inferences,
     VoID), then switch CURRENT atomically; keep the previous version, delete older ones.
     remote: PUT each named graph with the Graph Store Protocol.

`only=ID` (embedded): the new version starts as a hard-link checkpoint of the current one
(`Store.backup`: RocksDB files are immutable, so nothing is copied and the current version is
never written), then that source's graph, the catalog, ontology, inferred, VoID and report
graphs are replaced before the switch. Readers see the old graph or the new, never a mix.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from loaders.errors import InputError, StoreError, ValidationError
from loaders.files import write_atomic
from loaders.paths import CATALOG_FILE, ONTOLOGY_FILE, TRIPLES_DIR
from loaders.rdf.catalog import catalog_quads, load_catalog
from loaders.rdf.parallel import extract_trig
from loaders.rdf.read import ontology_quads
from loaders.rdf.triples import is_current
from loaders.store import load
from loaders.store import versions as st
from loaders.store.remote import RemoteStore
from loaders.store.void import void_quads
from loaders.validation.infer import materialize
from loaders.validation.validate import validate_files
from ontology import terms
from ontology.terms import DCTERMS_IDENTIFIER, RDF_TYPE

DERIVED = (terms.INFERRED_GRAPH, terms.VOID_GRAPH, terms.REPORT_GRAPH)


@dataclass(frozen=True)
class BuildSummary:
    """What a build did, for the one-line summary the command prints."""

    location: str
    version: str | None  # None for a remote store
    sources: int
    files: int
    quads: int  # quads in the store (or sent to the remote store) after the build
    inferred: int
    extracted: int
    problems: int  # validation problems recorded with --allow-invalid
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.line()

    def line(self) -> str:
        where = f"{self.location} ({self.version})" if self.version else self.location
        extra = f", {self.problems} validation problems recorded" if self.problems else ""
        return (f"built {where}: {self.sources} sources, {self.files} triples files, "
                f"{self.quads:,} quads ({self.inferred:,} inferred), {self.extracted} "
                f"re-extracted{extra} in {self.seconds:.1f} s")


@dataclass
class _Input:
    """Everything a build loads, checked, before any store is touched."""

    sources: list[str]
    files: list[load.TriplesFile]
    by_graph: dict[str, list[ox.Quad]]
    ontology: list[ox.Quad]
    catalog: list[ox.Quad]
    report: list[ox.Quad]
    problems: int
    extracted: int
    modified: dict[str, datetime]


def build(location: str, only: str | None = None, allow_invalid: bool = False,
          progress: bool = True, *, triples_dir: Path = TRIPLES_DIR,
          catalog_file: Path = CATALOG_FILE, extract: bool = True,
          validate: bool = True, jobs: int | None = None) -> BuildSummary:
    """Build the store at `location` (a directory or a SPARQL endpoint URL).

    `extract=False` loads triples/ as it is; `validate=False` skips SHACL and HermiT (tests
    and benchmarks that measure loading alone); `jobs` extraction processes (default: all
    cores).
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    remote = None
    if st.is_remote(location):
        remote = RemoteStore(location)
        remote.ping()  # unreachable: fail now, before reading or writing anything
    args = (Path(triples_dir), Path(catalog_file), only, allow_invalid, progress, extract,
            validate, jobs, timings)
    if remote is not None:
        inp = _prepare(*args)
        version, quads, inferred = None, *_load_remote(remote, inp, only, progress, timings)
    else:
        with st.build_lock(location):  # locked or unwritable: fail now, not after extracting
            inp = _prepare(*args)
            version, quads, inferred = _load_embedded(Path(location), inp, only, progress,
                                                      timings)
    return BuildSummary(str(location), version, len(inp.sources), len(inp.files), quads,
                        inferred, inp.extracted, inp.problems, time.perf_counter() - start,
                        timings)


def _prepare(triples_dir: Path, catalog_file: Path, only: str | None, allow_invalid: bool,
             progress: bool, extract: bool, validate: bool, jobs: int | None,
             timings: dict[str, float]) -> _Input:
    t = time.perf_counter()
    catalog = catalog_quads(catalog_file)
    sources = catalogued_ids(catalog)
    if only is not None and only not in sources:
        raise InputError(f"--only {only}: not a catalogued source ({catalog_file})")
    extracted = _extract(catalog_file, triples_dir, only, progress, jobs) if extract else 0
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    files, by_graph = check_triples(triples_dir, set(sources), progress)
    timings["check"] = time.perf_counter() - t
    t = time.perf_counter()
    report, problems = _validate([f.path for f in files], catalog_file, allow_invalid) \
        if validate and files else ([], 0)
    timings["validate"] = time.perf_counter() - t
    modified: dict[str, datetime] = {}
    for f in files:  # a graph may be written by several files: the latest change counts
        for g in f.graphs:
            modified[g] = max(modified.get(g, _EPOCH), _mtime(f.path))
    modified[terms.CATALOG_GRAPH.value] = _mtime(catalog_file)
    modified[terms.ONTOLOGY_GRAPH.value] = _mtime(ONTOLOGY_FILE)
    return _Input(sources, files, by_graph, ontology_quads(), catalog, report, problems,
                  extracted, modified)


def catalogued_ids(catalog: Iterable[ox.Quad]) -> list[str]:
    """The dcterms:identifier of every ag:Source in the catalog quads."""
    catalog = list(catalog)
    subjects = {q.subject for q in catalog if q.predicate == RDF_TYPE and q.object == terms.Source}
    return sorted(q.object.value for q in catalog
                  if q.subject in subjects and q.predicate == DCTERMS_IDENTIFIER
                  and isinstance(q.object, ox.Literal))


def _extract(catalog_file: Path, triples_dir: Path, only: str | None, progress: bool,
             jobs: int | None) -> int:
    """Re-extract changed sources into triples/ on `jobs` processes; returns how many files
    were rewritten (a file whose header names this text and extractor is current)."""
    articles = [a for a in load_catalog(catalog_file) if only is None or a.id == only]
    triples_dir.mkdir(parents=True, exist_ok=True)
    stale = [a for a in articles if not is_current(triples_dir / f"{a.id}.trig", a)]
    for article, trig, _warnings in extract_trig(stale, jobs, progress):
        write_atomic(triples_dir / f"{article.id}.trig", trig)
    return len(stale)


def check_triples(triples_dir: Path, sources: set[str], progress: bool = True
                  ) -> tuple[list[load.TriplesFile], dict[str, list[ox.Quad]]]:
    """Parse and check every triples file; returns the files and their quads by graph."""
    files: list[load.TriplesFile] = []
    by_graph: dict[str, list[ox.Quad]] = {}
    paths = load.triples_files(triples_dir)
    for path in load.progress_bar(progress, iterable=paths, desc="check", unit="file"):
        quads = load.parse_file(path)
        files.append(load.check_file(path, quads, sources))
        for q in quads:
            by_graph.setdefault(q.graph_name.value, []).append(q)  # type: ignore[union-attr]
    return files, by_graph


def _validate(paths: list[Path], catalog_file: Path, allow_invalid: bool
              ) -> tuple[list[ox.Quad], int]:
    """Stop on problems, or (allow_invalid) turn them into quads for the report graph."""
    report = validate_files(paths, catalog=catalog_file)
    if report.conforms:
        return [], 0
    if not allow_invalid:
        raise ValidationError(f"validation failed, the store is unchanged:\n{report.text}")
    return report_quads(report.problems), len(report.problems)


def report_quads(problems: list[str]) -> list[ox.Quad]:
    """The problems a build was allowed to load despite, as an sh:ValidationReport."""
    g = terms.REPORT_GRAPH
    sh, comment = terms.SH, ox.NamedNode(terms.RDFS + "comment")
    out = [ox.Quad(g, RDF_TYPE, ox.NamedNode(sh + "ValidationReport"), g),
           ox.Quad(g, ox.NamedNode(sh + "conforms"), ox.Literal(False), g)]
    return out + [ox.Quad(g, comment, ox.Literal(p), g) for p in sorted(set(problems))]


def _load_embedded(root: Path, inp: _Input, only: str | None, progress: bool,
                   timings: dict[str, float]) -> tuple[str, int, int]:
    """Write a new version beside the current one, then switch (caller holds the lock)."""
    st.remove_stale(root)  # a crashed build's half-written version goes here
    if only is not None:
        previous = st.current_version(root)  # --only needs a store to start from
    name = st.new_version_name(root)
    path = root / name
    try:
        t = time.perf_counter()
        if only is None:
            store = _fill_new(path, inp, progress)
            base = [*inp.ontology, *inp.catalog, *(q for qs in inp.by_graph.values() for q in qs),
                    *_carry_curation(root, store, inp)]
        else:
            store = _replace_graph(root / previous, path, inp, only)
            base = list(load.quads_in(store, DERIVED))  # other sources: as the store has them
        timings["load"] = time.perf_counter() - t
        inferred = _derive(store, base, inp, timings)
        quads = len(store)
        store.flush()
        del store  # close it (releases RocksDB's lock) before readers may open it
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    t = time.perf_counter()
    st.switch(root, name)
    st.remove_stale(root)
    timings["switch"] = time.perf_counter() - t
    return name, quads, inferred


def _fill_new(path: Path, inp: _Input, progress: bool) -> ox.Store:
    if path.exists():
        raise StoreError(f"{path} already exists")
    store = st.open_writable(path)
    load.bulk_add(store, inp.ontology + inp.catalog + inp.report)
    load.bulk_load_files(store, inp.files, progress)
    return store


def _carry_curation(root: Path, store: ox.Store, inp: _Input) -> list[ox.Quad]:
    """Copy the curation graph forward from the current version, unless a triples file
    provides it: curators' decisions written into the store must survive a rebuild."""
    if terms.CURATION_GRAPH.value in inp.by_graph or not (root / st.POINTER).exists():
        return []
    try:
        current = ox.Store.read_only(str(st.current_path(root)))
        quads = list(current.quads_for_pattern(None, None, None, terms.CURATION_GRAPH))
    except (OSError, StoreError):
        return []  # no readable current version: nothing to carry
    load.bulk_add(store, quads)
    return quads


def _replace_graph(previous: Path, path: Path, inp: _Input, only: str) -> ox.Store:
    """Checkpoint the previous version by hard links, then replace one source's graph."""
    try:
        ox.Store.read_only(str(previous)).backup(str(path))
    except OSError as e:
        raise load.store_write_error(e) from e
    store = st.open_writable(path)
    graph = terms.graph(only)
    replaced = (graph, terms.ONTOLOGY_GRAPH, terms.CATALOG_GRAPH, *DERIVED)
    try:
        for g in replaced:
            if store.contains_named_graph(g):
                store.remove_graph(g)
        store.extend(inp.ontology + inp.catalog + inp.report + inp.by_graph.get(graph.value, []))
    except OSError as e:
        raise load.store_write_error(e) from e
    return store


def _derive(store: ox.Store, base: list[ox.Quad], inp: _Input,
            timings: dict[str, float]) -> int:
    """Add the inferred graph (materialized from `base`, every quad the store holds so far)
    and the VoID description of all of it."""
    t = time.perf_counter()
    inferred = materialize(base)
    load.bulk_add(store, inferred)
    timings["reason"] = time.perf_counter() - t
    t = time.perf_counter()
    load.bulk_add(store, void_quads([*base, *inp.report, *inferred], _modified(inp)))
    timings["void"] = time.perf_counter() - t
    return len(inferred)


def _modified(inp: _Input) -> dict[str, datetime]:
    """When each graph's input last changed; derived graphs when any input did."""
    modified = dict(inp.modified)
    modified[terms.INFERRED_GRAPH.value] = max(modified.values(), default=_EPOCH)
    return modified


def _load_remote(remote: object, inp: _Input, only: str | None, progress: bool,
                 timings: dict[str, float]) -> tuple[int, int]:
    """PUT each named graph; then remove our graphs the build no longer produces (never the
    curation graph: curators' decisions live only there)."""
    assert isinstance(remote, RemoteStore)
    graphs: dict[str, list[ox.Quad]] = {terms.ONTOLOGY_GRAPH.value: inp.ontology,
                                        terms.CATALOG_GRAPH.value: inp.catalog}
    sources = {terms.graph(only).value} if only is not None else set(inp.by_graph)
    graphs.update({g: inp.by_graph.get(g, []) for g in sources})
    if inp.report:
        graphs[terms.REPORT_GRAPH.value] = inp.report
    everything = inp.ontology + inp.catalog + [q for qs in inp.by_graph.values() for q in qs]
    t = time.perf_counter()
    graphs[terms.INFERRED_GRAPH.value] = inferred = materialize(everything)
    timings["reason"] = time.perf_counter() - t
    t = time.perf_counter()
    for iri, quads in load.progress_bar(progress, iterable=sorted(graphs.items()),
                                        desc="put", unit="graph"):
        remote.put_graph(ox.NamedNode(iri), quads)
    if only is None:
        ours = [g for g in remote.graphs() if g.startswith(terms.GRAPH)]
        for g in ours:
            if g not in graphs and g not in (terms.VOID_GRAPH.value, terms.CURATION_GRAPH.value):
                remote.delete_graph(ox.NamedNode(g))
    timings["load"] = time.perf_counter() - t
    t = time.perf_counter()
    void = void_quads([*everything, *inp.report, *inferred], _modified(inp))
    remote.put_graph(terms.VOID_GRAPH, void)
    timings["void"] = time.perf_counter() - t
    return sum(len(q) for q in graphs.values()) + len(void), len(inferred)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(Path(path).stat().st_mtime, UTC)
