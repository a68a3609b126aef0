"""Validation source by source, so a build's cost grows with what changed, not the corpus.

A triples file is validated with what it links to: its own quads and the catalog entries of
the sources whose graphs it writes (SHACL, evidence against the source's text, HermiT on the
ontology plus that data). Files go in batches of BATCH, so memory is bounded by a batch, not
the corpus, and HermiT starts once per batch; batches run on several processes at once
(`validate_batches`), since a build of a new corpus spends most of its time here. What needs the whole corpus (the check queries
in queries/checks/) runs as SPARQL on the store the build has just loaded (`run_checks`).

`validation_key` names everything a file's verdict depends on: a build skips a file whose
key validated before.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import defaultdict
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from loaders.errors import ParseError, ReasonerError
from loaders.paths import ONTOLOGY_FILE, SHAPES_FILE
from loaders.validation.hermit import check_consistency
from loaders.validation.validate import ValidationReport, evidence_problems, read_files, shacl_report
from ontology import terms

BATCH = 50  # files per SHACL + HermiT run
RULES_VERSION = "1"  # bump when what this module checks changes


def catalog_entries(catalog: Iterable[ox.Quad]) -> dict[str, list[ox.Quad]]:
    """Source graph IRI -> the catalog quads about that source (its selectors included)."""
    by_subject: dict[ox.NamedNode | ox.BlankNode | ox.Triple, list[ox.Quad]] = defaultdict(list)
    owned: dict[ox.NamedNode, list[ox.BlankNode]] = defaultdict(list)
    quads = list(catalog)
    for q in quads:
        by_subject[q.subject].append(q)
        if isinstance(q.object, ox.BlankNode) and isinstance(q.subject, ox.NamedNode):
            owned[q.subject].append(q.object)
    entries: dict[str, list[ox.Quad]] = {}
    for q in quads:
        if q.predicate == terms.RDF_TYPE and q.object == terms.Source and \
                isinstance(q.subject, ox.NamedNode):
            own = list(by_subject[q.subject])
            own += [b for node in owned[q.subject] for b in by_subject[node]]
            article_id = q.subject.value.rsplit("/", 1)[-1]
            entries[terms.graph(article_id).value] = own
    return entries


@lru_cache(maxsize=2)
def _schema_digest(_stamp: tuple[float, ...]) -> str:
    h = hashlib.sha256(RULES_VERSION.encode())
    for path in (ONTOLOGY_FILE, SHAPES_FILE):
        h.update(path.read_bytes())
    return h.hexdigest()


def schema_digest() -> str:
    """What a file's verdict depends on: the ontology, the shapes, this module. Not the check
    queries: they run on the store, and the build re-runs one in full when its text changes
    (`Check.digest`), so editing a check no longer re-validates every triples file."""
    return _schema_digest(tuple(p.stat().st_mtime for p in (ONTOLOGY_FILE, SHAPES_FILE)))


def validation_key(file_digest: str, graphs: Iterable[str],
                   entries: dict[str, list[ox.Quad]]) -> str:
    """The file's content, the catalog entries it links to and the schema, hashed."""
    h = hashlib.sha256(f"{file_digest}\n{schema_digest()}\n".encode())
    for g in sorted(graphs):
        h.update(g.encode())
        for q in sorted(str(q) for q in entries.get(g, [])):
            h.update(q.encode())
    return h.hexdigest()


def validate_batch(paths: Sequence[Path], entries: dict[str, list[ox.Quad]],
                   sources_dir: Path, reasoner: bool = True) -> ValidationReport:
    """SHACL, evidence and HermiT on some triples files and the catalog entries they use."""
    report = ValidationReport(files=[str(p) for p in paths])
    quads, origin = read_files(paths, report, catalog=None)
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    linked = [q for g in sorted(graphs) for q in entries.get(g, [])]
    data = quads + [ox.Quad(q.subject, q.predicate, q.object, terms.CATALOG_GRAPH) for q in linked]
    report.triples = len(data)
    report.merge(shacl_report(data, origin))
    store = ox.Store()
    store.extend(data)
    report.add("Evidence", evidence_problems(store, sources_dir))
    if reasoner:
        try:
            result = check_consistency(data)
        except (ParseError, ReasonerError) as e:
            report.add("Reasoner", [str(e)])
        else:
            report.add("Reasoner", result.problems)
    return report


_ENTRIES: dict[str, list[ox.Quad]] = {}  # a pool's catalog entries, inherited by its forked workers


def validate_batches(batches: Sequence[Sequence[Path]], entries: dict[str, list[ox.Quad]],
                     sources_dir: Path, jobs: int = 1
                     ) -> Generator[ValidationReport, None, None]:
    """The report of each batch, in order, from `jobs` processes (1: here, without a pool)."""
    if jobs <= 1 or len(batches) <= 1:
        yield from (validate_batch(b, entries, sources_dir) for b in batches)
        return
    global _ENTRIES
    _ENTRIES = entries  # fork: the workers share it, nothing is pickled
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(min(jobs, len(batches)), mp_context=context)
    try:
        yield from pool.map(_validate_in_worker, [list(b) for b in batches],
                            [sources_dir] * len(batches))
    finally:  # a caller that stops early (a problem) waits for no batch still queued
        pool.shutdown(wait=True, cancel_futures=True)
        _ENTRIES = {}


def _validate_in_worker(paths: list[Path], sources_dir: Path) -> ValidationReport:
    return validate_batch(paths, _ENTRIES, sources_dir)
