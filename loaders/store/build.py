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

import hashlib
import json
import shutil
import time
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loaders.errors import InputError, StoreError, ValidationError
from loaders.files import write_atomic
from loaders.paths import CATALOG_FILE, CHECKS_DIR, ONTOLOGY_FILE, TRIPLES_DIR
from loaders.rdf.catalog import catalog_quads, load_catalog
from loaders.rdf.parallel import default_jobs, extract_trig
from loaders.rdf.read import ontology_quads
from loaders.rdf.triples import is_current
from loaders.store import curation, derive, load, search
from loaders.store import versions as st
from loaders.store.decisions import Decision, log_path, read_log
from loaders.store.remote import RemoteStore
from loaders.store.void import read_counts, void_quads
from loaders.validation.checks import Problem, find_problems, load_checks
from loaders.validation.infer import materialize
from loaders.validation.sources import BATCH as VALIDATE_BATCH
from loaders.validation.sources import (
    catalog_entries,
    validate_batch,
    validate_batches,
    validation_key,
)
from ontology import terms
from ontology.terms import DCTERMS_IDENTIFIER, RDF_TYPE

DERIVED = (terms.INFERRED_GRAPH, terms.VOID_GRAPH, terms.REPORT_GRAPH)
BUILT = "BUILT.json"  # beside CURRENT: what the current version was built from


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
    validated: int = 0  # triples files validated now (the others passed with the same inputs)
    loaded: int = 0  # triples files (re)loaded into the store now

    def __str__(self) -> str:
        return self.line()

    def line(self) -> str:
        where = f"{self.location} ({self.version})" if self.version else self.location
        extra = f", {self.problems} validation problems recorded" if self.problems else ""
        return (f"built {where}: {self.sources} sources, {self.files} triples files, "
                f"{self.quads:,} quads ({self.inferred:,} inferred), {self.extracted} "
                f"re-extracted, {self.validated} validated, {self.loaded} loaded{extra} in "
                f"{self.seconds:.1f} s")


@dataclass(frozen=True)
class _Known:
    """What the current store version was built from (`BUILT.json` beside it): per triples
    file its sha256, graphs, size, and the validation key it passed with ("" if it did not)."""

    version: str | None = None
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    checks: list[Problem] | None = None  # the check problems it was built with; None: unchecked
    check_digests: dict[str, str] = field(default_factory=dict)  # check name -> its text's hash
    together: list[dict[str, Any]] = field(default_factory=list)  # see _Input.together

    @classmethod
    def read(cls, root: Path) -> _Known:
        try:
            data = json.loads((root / BUILT).read_text(encoding="utf-8"))
            checks = data.get("checks")
            return cls(data["version"], data["files"],
                       None if checks is None else [Problem(*c) for c in checks],
                       dict(data.get("check_digests") or {}), list(data.get("together") or []))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()  # none, or unreadable: a full build

    def valid(self, path: Path, key: str) -> bool:
        return self.files.get(str(path), {}).get("valid") == key


@dataclass
class _Input:
    """Everything a build loads, checked, before any store is touched."""

    sources: list[str]
    files: list[load.TriplesFile]
    digests: dict[str, str]  # triples file -> sha256 of its bytes
    keys: dict[str, str]  # triples file -> validation key (passed: recorded in BUILT.json)
    by_graph: dict[str, list[ox.Quad]]  # only for --only and remote stores, else empty
    ontology: list[ox.Quad]
    catalog: list[ox.Quad]
    problems: list[str]  # validation problems recorded with --allow-invalid
    extracted: int
    validated: int  # triples files validated by this build (the others had passed before)
    modified: dict[str, datetime]
    allow_invalid: bool = False
    loaded: int = 0  # triples files loaded into the store by this build
    passed: set[str] = field(default_factory=set)  # files validated now or before
    file_problems: dict[str, list[str]] = field(default_factory=dict)  # found now, per file
    decisions: list[Decision] = field(default_factory=list)  # the curation log
    checks: list[Problem] | None = None  # found by the check queries (or kept); None: not run
    checks_dir: Path = CHECKS_DIR  # the check queries (queries/checks/)
    # problems a batch of files had together and none alone: {"files": {path: key}, "problems"}
    together: list[dict[str, Any]] = field(default_factory=list)


def build(location: str, only: str | None = None, allow_invalid: bool = False,
          progress: bool = True, *, triples_dir: Path = TRIPLES_DIR,
          catalog_file: Path = CATALOG_FILE, extract: bool = True,
          validate: bool = True, jobs: int | None = None,
          checks_dir: Path = CHECKS_DIR) -> BuildSummary:
    """Build the store at `location` (a directory or a SPARQL endpoint URL).

    `extract=False` loads triples/ as it is; `validate=False` skips SHACL and HermiT (tests
    and benchmarks that measure loading alone); `jobs` extraction processes (default: all
    cores); `checks_dir` the check queries run on the store.
    """
    start = time.perf_counter()
    timings: dict[str, float] = {}
    remote = None
    if st.is_remote(location):
        remote = RemoteStore(location)
        remote.ping()  # unreachable: fail now, before reading or writing anything
    args = (Path(triples_dir).resolve(), Path(catalog_file).resolve(), only, allow_invalid, progress, extract,
            validate, jobs, timings, Path(checks_dir))
    if remote is not None:
        inp = _prepare(*args, _Known(), in_memory=True)
        version, quads, inferred = None, *_load_remote(remote, inp, only, progress, timings)
    else:
        with st.build_lock(location):  # locked or unwritable: fail now, not after extracting
            known = _Known.read(Path(location))
            inp = _prepare(*args, known, in_memory=only is not None)
            version, quads, inferred = _load_embedded(Path(location), inp, only, progress,
                                                      timings, known, validate)
    return BuildSummary(str(location), version, len(inp.sources), len(inp.files), quads,
                        inferred, inp.extracted, len(inp.problems),
                        time.perf_counter() - start, timings, inp.validated, inp.loaded)


def _prepare(triples_dir: Path, catalog_file: Path, only: str | None, allow_invalid: bool,
             progress: bool, extract: bool, validate: bool, jobs: int | None,
             timings: dict[str, float], checks_dir: Path, known: _Known, in_memory: bool
             ) -> _Input:
    t = time.perf_counter()
    catalog = catalog_quads(catalog_file)
    sources = catalogued_ids(catalog)
    if only is not None and only not in sources:
        raise InputError(f"--only {only}: not a catalogued source ({catalog_file})")
    extracted = _extract(catalog_file, triples_dir, only, progress, jobs) if extract else 0
    timings["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    files, digests = scan_triples(triples_dir, set(sources), known, progress)
    by_graph = _quads_by_graph(files, only) if in_memory else {}
    timings["check"] = time.perf_counter() - t
    t = time.perf_counter()
    inp = _Input(sources, files, digests, {}, by_graph, ontology_quads(), catalog, [],
                 extracted, 0, _modified_times(files, catalog_file), allow_invalid,
                 decisions=read_log(log_path(triples_dir)), checks_dir=checks_dir)
    if validate and files:
        _validate(inp, catalog_file, known, progress, jobs)
    timings["validate"] = time.perf_counter() - t
    return inp


def _modified_times(files: list[load.TriplesFile], catalog_file: Path) -> dict[str, datetime]:
    modified: dict[str, datetime] = {}
    for f in files:  # a graph may be written by several files: the latest change counts
        for g in f.graphs:
            modified[g] = max(modified.get(g, _EPOCH), _mtime(f.path))
    modified[terms.CATALOG_GRAPH.value] = _mtime(catalog_file)
    modified[terms.ONTOLOGY_GRAPH.value] = _mtime(ONTOLOGY_FILE)
    return modified


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
    if only is not None:
        articles = [a for a in load_catalog(catalog_file) if a.id == only]
        stale = [a for a in articles if not is_current(triples_dir / f"{a.id}.trig", a)]
        for article, trig, _warnings in extract_trig(stale, jobs, progress):
            write_atomic(triples_dir / f"{article.id}.trig", trig)
        return len(stale)
    return extract_shard(catalog_file, triples_dir, (1, 1), jobs, progress)


def extract_shard(catalog_file: Path, triples_dir: Path, shard: tuple[int, int],
                  jobs: int | None = None, progress: bool = True) -> int:
    """Extract only shard K of N (sources whose sha256(id) mod N is K-1) into triples/, for
    one of N machines sharing a corpus; no store is touched. Returns files written."""
    k, n = shard
    if not 1 <= k <= n:
        raise InputError(f"--shard {k}/{n}: K must be between 1 and N")
    articles = [a for a in load_catalog(catalog_file) if in_shard(a.id, shard)]
    triples_dir.mkdir(parents=True, exist_ok=True)
    stale = [a for a in articles if not is_current(triples_dir / f"{a.id}.trig", a)]
    for article, trig, _warnings in extract_trig(stale, jobs, progress):
        write_atomic(triples_dir / f"{article.id}.trig", trig)
    return len(stale)


def in_shard(article_id: str, shard: tuple[int, int]) -> bool:
    """Stable under additions: a source's shard depends on its id alone."""
    k, n = shard
    return int(hashlib.sha256(article_id.encode()).hexdigest()[:12], 16) % n == k - 1


def scan_triples(triples_dir: Path, sources: set[str], known: _Known, progress: bool = True
                 ) -> tuple[list[load.TriplesFile], dict[str, str]]:
    """Check every triples file, parsing only those the current store was not built from;
    returns the files (their graphs and sizes, not their quads) and their sha256."""
    files: list[load.TriplesFile] = []
    digests: dict[str, str] = {}
    paths = load.triples_files(triples_dir)
    for path in load.progress_bar(progress, iterable=paths, desc="check", unit="file"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        digests[str(path)] = digest
        seen = known.files.get(str(path), {})
        graphs = frozenset(seen.get("graphs", ()))
        if seen.get("sha256") == digest and not any(load.graph_problem(g, sources) for g in graphs):
            files.append(load.TriplesFile(path, graphs, seen["quads"], seen["blank"]))
        else:  # new or changed (or now naming a source no longer catalogued: the error says where)
            files.append(load.check_file(path, load.parse_file(path), sources))
    return files, digests


def check_triples(triples_dir: Path, sources: set[str], progress: bool = True
                  ) -> tuple[list[load.TriplesFile], dict[str, list[ox.Quad]]]:
    """Parse and check every triples file; returns the files and their quads by graph."""
    files, _ = scan_triples(triples_dir, sources, _Known(), progress)
    return files, _quads_by_graph(files, None)


def _quads_by_graph(files: list[load.TriplesFile], only: str | None
                    ) -> dict[str, list[ox.Quad]]:
    """The quads of the files (of those writing `only`'s graph), by graph: in memory, for
    --only and remote stores."""
    wanted = terms.graph(only).value if only is not None else None
    by_graph: dict[str, list[ox.Quad]] = {}
    for f in files:
        if wanted is None or wanted in f.graphs:
            for q in load.parse_file(f.path):
                by_graph.setdefault(q.graph_name.value, []).append(q)  # type: ignore[union-attr]
    return by_graph


def _validate(inp: _Input, catalog_file: Path, known: _Known, progress: bool,
              jobs: int | None = None) -> None:
    """Validate the files that were not validated before with these inputs, in batches; stop
    on problems, or (allow_invalid) keep them for the report graph, file by file, so the next
    build reuses them (`_Known.files[path]["problems"]`) instead of validating again. Batches
    run on `jobs` processes (default: all cores)."""
    entries = catalog_entries(inp.catalog)
    inp.keys = {str(f.path): validation_key(inp.digests[str(f.path)], f.graphs, entries)
                for f in inp.files}
    todo = [f for f in inp.files if not known.valid(f.path, inp.keys[str(f.path)])]
    for record in known.together:  # reported again while none of its files changed
        if all(inp.keys.get(path) == key for path, key in record["files"].items()):
            inp.together.append(record)
            _problems(inp, record["problems"])
    again = {str(f.path) for f in todo}
    for f in inp.files:
        if str(f.path) not in again:
            inp.passed.add(str(f.path))
            _problems(inp, known.files[str(f.path)].get("problems", []))
    batches = [todo[i:i + VALIDATE_BATCH] for i in range(0, len(todo), VALIDATE_BATCH)]
    reports = validate_batches([[f.path for f in b] for b in batches], entries,
                               catalog_file.parent, max(1, jobs or default_jobs()))
    with load.progress_bar(progress, total=len(todo), desc="validate", unit="file") as bar, \
            closing(reports):
        for batch, report in zip(batches, reports):
            if report.conforms:
                inp.passed |= {str(f.path) for f in batch}
                inp.file_problems.update({str(f.path): [] for f in batch})
            else:
                if not inp.allow_invalid:
                    _problems(inp, report.problems)  # raises
                _one_by_one(inp, batch, entries, catalog_file, report.problems)
            bar.update(len(batch))
    inp.validated = len(todo)


def _one_by_one(inp: _Input, batch: list[load.TriplesFile], entries: dict[str, list[ox.Quad]],
                catalog_file: Path, together: list[str]) -> None:
    """A batch with problems, again file by file: each file's own problems are recorded with
    it. Problems that only the files together have are recorded with the batch, to be
    reported again by later builds until one of its files changes, instead of validating the
    whole batch at every build (a problem between sources that stays is then the store
    checks' to find: queries/checks/)."""
    found: list[str] = []
    for f in batch:
        problems = validate_batch([f.path], entries, catalog_file.parent).problems
        inp.passed.add(str(f.path))
        inp.file_problems[str(f.path)] = problems
        found += problems
    if not found:  # only the combination fails: report it, with the batch
        inp.together.append({"files": {str(f.path): inp.keys[str(f.path)] for f in batch},
                             "problems": together})
        found = together
    _problems(inp, found)


def _problems(inp: _Input, problems: list[str]) -> None:
    if problems and not inp.allow_invalid:
        raise ValidationError("validation failed, the store is unchanged:\n" +
                              "\n".join(f"  {p}" for p in sorted(set(problems))) +
                              f"\nFAILED: {len(set(problems))} problems")
    inp.problems += problems


def report_quads(problems: list[str]) -> list[ox.Quad]:
    """The problems a build was allowed to load despite, as an sh:ValidationReport."""
    g = terms.REPORT_GRAPH
    sh, comment = terms.SH, ox.NamedNode(terms.RDFS + "comment")
    out = [ox.Quad(g, RDF_TYPE, ox.NamedNode(sh + "ValidationReport"), g),
           ox.Quad(g, ox.NamedNode(sh + "conforms"), ox.Literal(False), g)]
    return out + [ox.Quad(g, comment, ox.Literal(p), g) for p in sorted(set(problems))]


def _load_embedded(root: Path, inp: _Input, only: str | None, progress: bool,
                   timings: dict[str, float], known: _Known, validate: bool
                   ) -> tuple[str, int, int]:
    """Write a new version beside the current one, then switch (caller holds the lock)."""
    st.remove_stale(root)  # a crashed build's half-written version goes here
    previous = _current(root)
    if only is not None and previous is None:
        st.current_version(root)  # --only needs a store to start from: raises, naming it
    name = st.new_version_name(root)
    path = root / name
    try:
        t = time.perf_counter()
        old: ox.Store | None = None  # the previous version, when only changes are applied
        if only is not None:
            store = _replace_graph(root / str(previous), path, inp, only)
        elif previous is not None and known.version == previous:
            store, touched = _fill_changed(root / previous, path, inp, known, progress)
            old = ox.Store.read_only(str(root / previous))
        else:
            store = _fill_new(path, inp, progress)
        # The log is the truth: the curation graph is made from it, and every claim it decided
        # on loses the Unreviewed that (re)loading its source graph brought back.
        applied = curation.apply(store, inp.decisions)
        timings["load"] = time.perf_counter() - t
        changes = None if old is None else derive.graph_changes(
            old, store, [ox.NamedNode(g) for g in (touched | {terms.CURATION_GRAPH.value})
                         - {g.value for g in DERIVED}], applied.removed)
        inferred, changes = _reason(store, changes, progress, timings)
        if validate and only is None:
            scope = None if changes is None or known.checks is None else check_scope(store, changes)
            _check_store(store, inp, timings, scope, old, known)
        if inp.problems:
            load.bulk_add(store, report_quads(inp.problems))
        inferred = _describe(store, old, changes, inp, timings, inferred, progress)
        del old
        quads = len(store)
        search.build_index(store, path)  # the full-text index beside the version
        store.flush()
        del store  # close it (releases RocksDB's lock) before readers may open it
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    t = time.perf_counter()
    st.switch(root, name)
    st.remove_stale(root)
    _record(root, name, inp, only,
            {p: r.get("problems", []) for p, r in known.files.items()})
    timings["switch"] = time.perf_counter() - t
    return name, quads, inferred


def _current(root: Path) -> str | None:
    try:
        return st.current_version(root)
    except StoreError:
        return None


def _fill_new(path: Path, inp: _Input, progress: bool) -> ox.Store:
    if path.exists():
        raise StoreError(f"{path} already exists")
    store = st.open_writable(path)
    load.bulk_add(store, inp.ontology + inp.catalog)
    load.bulk_load_files(store, inp.files, progress)
    inp.loaded = len(inp.files)
    return store


def _fill_changed(previous: Path, path: Path, inp: _Input, known: _Known,
                  progress: bool) -> tuple[ox.Store, set[str]]:
    """A hard-link copy of the previous version with the graphs of new, changed and removed
    triples files replaced: work in proportion to what changed, not to the corpus. The
    inferred graph stays, to be updated (`_reason`). Returns the store and the graphs
    replaced."""
    store = _checkpoint(previous, path)
    now = {str(f.path): f for f in inp.files}
    changed = [p for p in now if known.files.get(p, {}).get("sha256") != inp.digests[p]]
    gone = [p for p in known.files if p not in now]
    affected = {g for p in changed + gone for g in known.files.get(p, {}).get("graphs", ())}
    affected |= {g for p in changed for g in now[p].graphs}
    affected |= {g.value for g in (terms.CATALOG_GRAPH, *DERIVED)}
    same_ontology = _same_graph(store, terms.ONTOLOGY_GRAPH, inp.ontology)
    if not same_ontology:  # (its blank nodes differ at each parse: compared canonically)
        affected.add(terms.ONTOLOGY_GRAPH.value)
    try:
        for g in sorted(affected - {terms.INFERRED_GRAPH.value}):
            if store.contains_named_graph(ox.NamedNode(g)):
                store.remove_graph(ox.NamedNode(g))
        load.bulk_add(store, inp.catalog + ([] if same_ontology else inp.ontology))
    except OSError as e:
        raise load.store_write_error(e) from e
    reload = [f for f in inp.files if f.graphs & affected]
    load.bulk_load_files(store, reload, progress)
    inp.loaded = len(reload)
    return store, {g for g in affected}


def _same_graph(store: ox.Store, graph: ox.NamedNode, quads: list[ox.Quad]) -> bool:
    """The graph holds these quads, blank nodes aside (both canonicalized)."""
    a, b = ox.Dataset(store.quads_for_pattern(None, None, None, graph)), ox.Dataset(quads)
    for d in (a, b):
        d.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return a == b


def _checkpoint(previous: Path, path: Path) -> ox.Store:
    try:
        ox.Store.read_only(str(previous)).backup(str(path))
    except OSError as e:
        raise load.store_write_error(e) from e
    return st.open_writable(path)


def _file_problems(inp: _Input, known: dict[str, list[str]], f: load.TriplesFile) -> list[str]:
    return inp.file_problems.get(str(f.path), known.get(str(f.path), []))


def _record(root: Path, version: str, inp: _Input, only: str | None,
            known_problems: dict[str, list[str]]) -> None:
    """What this version was built from, for the next build to load only what changed."""
    if only is not None:  # other sources are as the previous store had them, not triples/
        (root / BUILT).unlink(missing_ok=True)
        return
    files = {str(f.path): {"sha256": inp.digests[str(f.path)], "graphs": sorted(f.graphs),
                           "quads": f.quads, "blank": f.blank_nodes,
                           "valid": inp.keys.get(str(f.path), "") if str(f.path) in inp.passed
                           else "", "problems": _file_problems(inp, known_problems, f)}
             for f in inp.files}
    checks = None if inp.checks is None else [[p.check, p.about, p.line] for p in inp.checks]
    digests = None if inp.checks is None else \
        {c.name: c.digest for c in load_checks(inp.checks_dir)}
    write_atomic(root / BUILT, json.dumps({"version": version, "files": files, "checks": checks,
                                           "check_digests": digests,
                                           "together": inp.together}, indent=0))


def _replace_graph(previous: Path, path: Path, inp: _Input, only: str) -> ox.Store:
    """Checkpoint the previous version by hard links, then replace one source's graph."""
    store = _checkpoint(previous, path)
    graph = terms.graph(only)
    replaced = (graph, terms.ONTOLOGY_GRAPH, terms.CATALOG_GRAPH, *DERIVED)
    try:
        for g in replaced:
            if store.contains_named_graph(g):
                store.remove_graph(g)
        store.extend(inp.ontology + inp.catalog + inp.by_graph.get(graph.value, []))
    except OSError as e:
        raise load.store_write_error(e) from e
    return store


def _check_store(store: ox.Store, inp: _Input, timings: dict[str, float],
                 changed: set[ox.NamedNode] | None, old: ox.Store | None, known: _Known) -> None:
    """The check queries across sources, as SPARQL on the store just loaded: all problems,
    or (`changed`) those that involve a changed graph; the previous build's problems about
    values the change did not touch are kept as they were (allowed then with --allow-invalid:
    reported again, as a file's own problems are). A check that is new or edited since the
    previous build runs in full: its old problems were found by another query."""
    t = time.perf_counter()
    checks = load_checks(inp.checks_dir)
    edited = {c.name for c in checks if known.check_digests.get(c.name) != c.digest}
    found, examined = find_problems(store, changed, old, inp.checks_dir, full=edited)
    kept = [p for p in known.checks or [] if changed is not None and p.about is not None
            and (seen := examined.get(p.check, None)) is not None and p.about not in seen]
    inp.checks = kept + found
    _problems(inp, [p.line for p in inp.checks])
    timings["checks" if changed is None else "checks_changes"] = time.perf_counter() - t


def check_scope(store: ox.Store, changes: derive.Delta) -> set[ox.NamedNode]:
    """The graphs whose problems an incremental build checks: the data graphs that changed,
    and the graph of each source whose catalog entry changed (its boilerplate, or whether it
    is catalogued at all). The derived graphs follow from these."""
    scope = {g for g in changes if g not in DERIVED and g != terms.CATALOG_GRAPH}
    removed, added = changes.get(terms.CATALOG_GRAPH, ([], []))
    owner = {q.object: q.subject for q in (*removed, *added) if q.predicate == terms.boilerplate}
    for q in (*removed, *added):
        subject = owner.get(q.subject, q.subject)
        if isinstance(subject, ox.BlankNode):  # a selector whose offsets alone changed
            subject = next((p.subject for p in store.quads_for_pattern(
                None, terms.boilerplate, subject, terms.CATALOG_GRAPH)), subject)
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(terms.SOURCE):
            scope.add(terms.graph(subject.value[len(terms.SOURCE):]))
    return scope


def _reason(store: ox.Store, changes: derive.Delta | None, progress: bool,
            timings: dict[str, float]) -> tuple[int, derive.Delta | None]:
    """The inferred graph: updated by the changes when there are some to go by, else made
    from every graph. Returns its size (made) or growth (updated), and the changes, with the
    inferred graph's, or None when what follows must count in full."""
    t = time.perf_counter()
    delta = derive.infer_changes(store, changes) if changes is not None else None
    if delta is not None and changes is not None:
        changes[terms.INFERRED_GRAPH] = delta
        n = len(delta[1]) - len(delta[0])
        timings["reason_changes"] = time.perf_counter() - t
        return n, changes
    if store.contains_named_graph(terms.INFERRED_GRAPH):
        store.remove_graph(terms.INFERRED_GRAPH)
    n = derive.infer_all(store, progress)
    timings["reason"] = time.perf_counter() - t
    return n, None  # the VoID too is then counted again in full


def _describe(store: ox.Store, old: ox.Store | None, changes: derive.Delta | None,
              inp: _Input, timings: dict[str, float], inferred: int, progress: bool) -> int:
    """Add the VoID description (from the previous one and the changes, or counted in
    full); returns the size of the inferred graph."""
    t = time.perf_counter()
    if old is None or changes is None:
        void = derive.void_all(store, _modified(inp), progress)
        timings["void"] = time.perf_counter() - t
    else:
        changes.update(derive.graph_changes(old, store, [terms.REPORT_GRAPH]))
        void = derive.void_changes(old, store, changes, _modified(inp))
        timings["void_changes"] = time.perf_counter() - t
    load.bulk_add(store, void)
    stated = read_counts(void)[1].get(terms.INFERRED_GRAPH.value, {})
    return stated.get("triples", 0) if changes is not None else inferred


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
    everything = inp.ontology + inp.catalog + [q for qs in inp.by_graph.values() for q in qs]
    if inp.keys:  # validated: the checks across sources, on the data in memory
        scratch = ox.Store()
        scratch.extend(everything)
        _check_store(scratch, inp, timings, None, None, _Known())
    report = report_quads(inp.problems) if inp.problems else []
    if report:
        graphs[terms.REPORT_GRAPH.value] = report
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
    void = void_quads([*everything, *report, *inferred], _modified(inp))
    remote.put_graph(terms.VOID_GRAPH, void)
    timings["void"] = time.perf_counter() - t
    return sum(len(q) for q in graphs.values()) + len(void), len(inferred)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(Path(path).stat().st_mtime, UTC)
