"""Validation of data files: syntax, SHACL shapes, check queries, evidence text, HermiT.

Every problem is one readable line naming the file (and line, column for syntax errors) or
the node at fault, so that a curator or the build can act on it. `validate_files` collects
every problem it can instead of stopping at the first one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib

from loaders.errors import ParseError, ReasonerError
from loaders.paths import CATALOG_FILE, ONTOLOGY_FILE, ROOT, SHAPES_FILE, SOURCES_DIR, TRIPLES_DIR
from loaders.rdf.catalog import source_text
from loaders.rdf.read import ontology_quads, read_quads
from loaders.validation.checks import check_files, run_checks
from loaders.validation.hermit import ReasonerReport, check_consistency, rows, short, value
from ontology.terms import CATALOG_GRAPH, ONTOLOGY_GRAPH, PREFIXES

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class ValidationReport:
    """Problems found, grouped by the stage that found them; `conforms` when there are none."""

    files: list[str] = field(default_factory=list)
    triples: int = 0
    sections: dict[str, list[str]] = field(default_factory=dict)  # stage -> problems
    notes: list[str] = field(default_factory=list)  # what ran, and how it went
    reasoner: ReasonerReport | None = None

    @property
    def problems(self) -> list[str]:
        return [p for lines in self.sections.values() for p in lines]

    @property
    def conforms(self) -> bool:
        return not self.problems

    def add(self, stage: str, problems: Iterable[str]) -> None:
        self.sections.setdefault(stage, []).extend(problems)

    def merge(self, other: ValidationReport) -> None:
        for stage, lines in other.sections.items():
            self.add(stage, lines)
        self.notes += other.notes
        self.reasoner = other.reasoner or self.reasoner

    @property
    def summary(self) -> str:
        n = len(self.problems)
        what = f"{_count(len(self.files), 'file')}, {_count(self.triples, 'triple')}"
        return f"OK: {what}, no problems" if not n else \
            f"FAILED: {_count(n, 'problem')} ({what})"

    @property
    def text(self) -> str:
        lines = [f"Validating {_count(len(self.files), 'file')} ({_count(self.triples, 'triple')})"]
        lines += [f"  {f}" for f in self.files]
        lines += self.notes
        for stage, problems in self.sections.items():
            if problems:
                lines.append(f"{stage}: {_count(len(problems), 'problem')}")
                lines += [f"  {p}" for p in problems]
        lines.append(self.summary)
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------- files

def default_files(catalog: Path = CATALOG_FILE, triples_dir: Path = TRIPLES_DIR) -> list[Path]:
    """What `alliancegraph validate` checks when given no files: the catalog and triples/."""
    files = [catalog] if catalog.exists() else []
    return files + sorted(triples_dir.rglob("*.trig"))


def _graph_for(path: Path, catalog: Path | None = CATALOG_FILE) -> ox.NamedNode | None:
    """Turtle files have no graphs: the catalog and the ontology go to their named graphs."""
    resolved = path.resolve()
    if catalog is not None and resolved == catalog.resolve():
        return CATALOG_GRAPH
    return {CATALOG_FILE.resolve(): CATALOG_GRAPH, ONTOLOGY_FILE.resolve(): ONTOLOGY_GRAPH}.get(resolved)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def validate_files(paths: Sequence[Path | str] = (), catalog: Path | None = CATALOG_FILE,
                   reasoner: bool = True) -> ValidationReport:
    """Validate RDF files (.ttl, .trig, .nq) with the shapes, the check queries and HermiT.

    With no paths, validates `default_files()`. The catalog (when it exists) is added as
    context, so a triples file can be checked on its own against the sources it cites.
    """
    files = [Path(p) for p in paths]
    if not files:  # a project's catalog is sources/catalog.ttl beside its triples/
        files = default_files() if catalog is None else \
            default_files(catalog, catalog.parent.parent / "triples")
    if catalog is not None and catalog.exists() and catalog.resolve() not in {f.resolve() for f in files}:
        files.append(catalog)
    report = ValidationReport(files=[_display(f) for f in files])
    quads, origin = read_files(files, report, catalog)
    report.triples = len(quads)
    sources_dir = catalog.parent if catalog is not None else SOURCES_DIR
    report.merge(validate_dataset(quads, origin, reasoner=reasoner, sources_dir=sources_dir))
    return report


def read_files(files: Sequence[Path], report: ValidationReport, catalog: Path | None = CATALOG_FILE
               ) -> tuple[list[ox.Quad], dict[str, set[str]]]:
    """Every file's quads, and which files describe each subject; syntax errors go to `report`."""
    quads: list[ox.Quad] = []
    origin: dict[str, set[str]] = defaultdict(set)  # subject IRI -> files that describe it
    for f in files:
        try:
            parsed = read_quads(f, default_graph=_graph_for(f, catalog), name=_display(f))
        except ParseError as e:
            report.add("Syntax", [str(e)])
            continue
        quads += parsed
        for q in parsed:
            origin[value(q.subject)].add(_display(f))
    return quads, origin


def validate_dataset(quads: list[ox.Quad], origin: dict[str, set[str]] | None = None,
                     reasoner: bool = True, sources_dir: Path = SOURCES_DIR) -> ValidationReport:
    """SHACL, check queries, evidence against the source texts, then HermiT on the quads."""
    report = ValidationReport(triples=len(quads))
    report.merge(shacl_report(quads, origin))
    store = ox.Store()
    store.extend(q for q in quads if q.graph_name != ONTOLOGY_GRAPH)
    try:
        store.extend(ontology_quads())  # some checks compare the data with the ontology
    except ParseError:
        pass  # reported by the reasoner stage
    report.add("Checks", run_checks(store))
    report.add("Evidence", evidence_problems(store, sources_dir))
    if reasoner:
        try:
            result = check_consistency(quads)
        except ParseError as e:
            report.add("Reasoner", [f"the ontology does not parse: {e}"])
        except ReasonerError as e:
            report.add("Reasoner", [str(e)])
        else:
            report.reasoner = result
            report.notes.append(result.text.splitlines()[0])
            report.add("Reasoner", result.problems)
    return report


# ---------------------------------------------------------------------------- SHACL

def _to_rdflib(triples: Iterable[ox.Triple | ox.Quad]) -> rdflib.Graph:
    """pyoxigraph -> rdflib through N-Triples (named graphs are dropped: SHACL sees the union)."""
    plain = {ox.Triple(t.subject, t.predicate, t.object) for t in triples}
    graph = rdflib.Graph()
    if plain:
        graph.parse(data=ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


@lru_cache(maxsize=4)
def _rdflib_file(path: Path, mtime: float) -> rdflib.Graph:
    return _to_rdflib(read_quads(path))  # pyoxigraph first: its syntax errors carry line:col


def shacl_report(dataset_quads: Iterable[ox.Quad], origin: dict[str, set[str]] | None = None,
                 shapes: Path = SHAPES_FILE, ontology: Path = ONTOLOGY_FILE) -> ValidationReport:
    """Run the SHACL shapes (pyshacl, the ontology as ont_graph, no inference) on the union."""
    report = ValidationReport()
    quads = [q for q in dataset_quads if q.graph_name != ONTOLOGY_GRAPH]
    report.triples = len(quads)
    try:
        shapes_graph = _rdflib_file(shapes, shapes.stat().st_mtime)
        ont_graph = _rdflib_file(ontology, ontology.stat().st_mtime)
    except ParseError as e:
        report.add("SHACL", [f"cannot read the shapes or the ontology: {e}"])
        return report
    conforms, results, _ = pyshacl.validate(
        _to_rdflib(quads), shacl_graph=shapes_graph, ont_graph=ont_graph, inference="none",
        abort_on_first=False, allow_warnings=True, advanced=False)
    if not conforms:
        report.add("SHACL", _shacl_lines(results, origin or {}))
    report.notes.append(f"SHACL: {'conforms' if conforms else 'violations'} ({shapes.name})")
    return report


def _shacl_lines(results: rdflib.Graph, origin: dict[str, set[str]]) -> list[str]:
    lines = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        val = results.value(r, SH.value)
        message = results.value(r, SH.resultMessage) or "violates a shape"
        where = ", ".join(sorted(origin.get(str(focus), ()))) if focus is not None else ""
        parts = [f"{where}: " if where else "", _rdflib_short(focus)]
        if path is not None:
            parts.append(f" {_rdflib_short(path)}")
        parts.append(f": {message}")
        if val is not None and val != focus:
            parts.append(f" (value {_rdflib_short(val)})")
        lines.append("".join(parts))
    return sorted(set(lines))


def _rdflib_short(term: rdflib.term.Node | None) -> str:
    if isinstance(term, rdflib.URIRef):
        return short(str(term))
    if isinstance(term, rdflib.Literal):
        return repr(str(term))
    return str(term)


# ---------------------------------------------------------------------------- evidence text

_EVIDENCE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + """
SELECT ?evidence ?exact ?start ?end ?file WHERE {
  ?item ag:evidence ?evidence ; prov:wasDerivedFrom ?source .
  ?source ag:textFile ?file .
  ?evidence oa:exact ?exact ; oa:start ?start ; oa:end ?end .
}"""


def evidence_problems(store: ox.Store, sources_dir: Path = SOURCES_DIR) -> list[str]:
    """Evidence must be the exact words of its source: text[start:end] == oa:exact.

    Only sources whose text file is present are checked (the catalog's ag:textFile)."""
    texts: dict[str, str | None] = {}
    problems = []
    for row in rows(store, _EVIDENCE, use_default_graph_as_union=True):
        name = value(row["file"])
        if name not in texts:
            path = sources_dir / name
            texts[name] = source_text(path) if path.is_file() else None
        text = texts[name]
        try:
            start, end = int(value(row["start"])), int(value(row["end"]))
        except ValueError:
            continue  # SHACL reports non-integer offsets
        exact = value(row["exact"])
        if text is not None and text[start:end] != exact:
            problems.append(f"{short(row['evidence'])}: oa:exact {exact!r} is not "
                            f"the text of {name}[{start}:{end}] ({text[start:end]!r})")
    return sorted(set(problems))


def check_ontology(ontology: Path = ONTOLOGY_FILE, shapes: Path = SHAPES_FILE) -> ValidationReport:
    """The ontology and shapes parse, and the ontology alone is consistent, all classes satisfiable."""
    report = ValidationReport(files=[_display(ontology), _display(shapes)])
    try:
        report.triples = len(read_quads(ontology)) + len(read_quads(shapes))
        result = check_consistency([], ontology=ontology)
    except ParseError as e:
        report.add("Syntax", [str(e)])
        return report
    report.reasoner = result
    report.notes.append(result.text.splitlines()[0])
    report.add("Reasoner", result.problems)
    return report


__all__ = ["ValidationReport", "validate_files", "validate_dataset", "shacl_report", "run_checks",
           "evidence_problems", "check_ontology", "default_files", "check_files"]
