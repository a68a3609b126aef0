"""The incremental build: only what changed is extracted, validated and loaded, and the
store it gives is the one a full rebuild gives (canonical datasets compared)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.paths import ROOT, Project
from loaders.rdf.project import add, init_project, remove
from loaders.store import versions as st
from loaders.store.build import BUILT, BuildSummary, build

SOURCES = sorted((ROOT / "sources").glob("*.txt"))


def canonical(location: Path) -> ox.Dataset:
    dataset = ox.Dataset(st.open_read_only(location)[0])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def run_build(project: Project, location: Path) -> BuildSummary:
    return build(str(location), triples_dir=project.triples_dir,
                 catalog_file=project.catalog_file, progress=False, jobs=1)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    p = Project(tmp_path_factory.mktemp("inc") / "p")
    init_project(p)
    add(p, [str(s) for s in SOURCES[:3]], jobs=1, progress=False)
    return p


def assert_same_as_full(project: Project, incremental: Path, tmp: Path) -> None:
    fresh = tmp / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    summary = run_build(project, fresh)
    assert summary.validated == summary.files  # a full build validates everything
    assert canonical(incremental) == canonical(fresh), difference(incremental, fresh)


def difference(a: Path, b: Path) -> str:
    """The first quads (without blank nodes) one store has and the other lacks."""
    def plain(location: Path) -> set[ox.Quad]:
        return {q for q in st.open_read_only(location)[0]
                if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    x, y = plain(a), plain(b)
    return (f"only incremental: {sorted(map(str, x - y))[:5]}\n"
            f"only full: {sorted(map(str, y - x))[:5]}")


def test_adding_changing_and_removing_match_a_full_rebuild(project: Project,
                                                           tmp_path: Path) -> None:
    location = tmp_path / "store"
    first = run_build(project, location)
    assert first.validated == first.loaded == 3
    assert (location / BUILT).exists()

    again = run_build(project, location)  # nothing changed
    assert (again.extracted, again.validated, again.loaded) == (0, 0, 0)
    assert canonical(location) == canonical(location)

    add(project, [str(SOURCES[3])], jobs=1, progress=False)
    one = run_build(project, location)
    assert (one.extracted, one.validated, one.loaded) == (0, 1, 1)  # add extracted it
    assert "reason_changes" in one.timings and "reason" not in one.timings
    assert one.sources == 4
    assert_same_as_full(project, location, tmp_path)

    changed = tmp_path / "changed.txt"
    changed.write_text(SOURCES[4].read_text(encoding="utf-8"), encoding="utf-8")
    replaced_id = SOURCES[0].stem
    add(project, [str(changed)], article_id=replaced_id, replace=True, jobs=1, progress=False)
    swap = run_build(project, location)
    assert (swap.validated, swap.loaded) == (1, 1)
    assert_same_as_full(project, location, tmp_path)

    remove(project, SOURCES[1].stem)
    gone = run_build(project, location)
    assert (gone.validated, gone.loaded, gone.sources) == (0, 0, 3)
    store = st.open_read_only(location)[0]
    removed_graph = ox.NamedNode(f"https://w3id.org/alliancegraph/graph/{SOURCES[1].stem}")
    assert not store.contains_named_graph(removed_graph)
    assert_same_as_full(project, location, tmp_path)


def test_a_store_built_by_someone_else_is_rebuilt_in_full(project: Project, tmp_path: Path) -> None:
    location = tmp_path / "store"
    run_build(project, location)
    (location / BUILT).write_text("{not json", encoding="utf-8")
    summary = run_build(project, location)
    assert summary.loaded == summary.files  # unreadable record: nothing is trusted


def test_problems_allowed_once_are_reused_not_validated_again(tmp_path: Path) -> None:
    """--allow-invalid: a file's problems are recorded with it; the next build reports the
    same problems without validating it again, and matches a full rebuild."""
    p = Project(tmp_path / "p")
    init_project(p)
    add(p, [str(s) for s in SOURCES[:2]], jobs=1, progress=False)
    bad = p.triples_dir / f"{SOURCES[0].stem}.trig"
    text = bad.read_text(encoding="utf-8")
    start = text.index("oa:exact ") + len("oa:exact ")
    bad.write_text(text[:start] + '"not the words of the text"' +
                   text[text.index(" ;", start):], encoding="utf-8")  # evidence that lies
    location = tmp_path / "store"
    kw = dict(triples_dir=p.triples_dir, catalog_file=p.catalog_file, progress=False,
              allow_invalid=True, extract=False)
    first = build(str(location), **kw)  # type: ignore[arg-type]
    assert first.problems >= 1 and first.validated == 2
    second = build(str(location), **kw)  # type: ignore[arg-type]
    assert (second.problems, second.validated) == (first.problems, 0)
    fresh = build(str(tmp_path / "fresh"), **kw)  # type: ignore[arg-type]
    assert fresh.problems == first.problems
    assert canonical(location) == canonical(tmp_path / "fresh")


def test_decisions_and_inferences_follow_the_changes_as_a_full_rebuild(tmp_path: Path) -> None:
    """A curator's decision logged between builds takes a status out of a graph no file
    changed; a new source repeats a triple another source only implied (so it leaves the
    inferred graph); the inferred and VoID graphs are updated from the changes, not remade,
    and equal a full rebuild's."""
    from loaders.store.decisions import append, log_path, new_decision
    from ontology import terms

    p = Project(tmp_path / "p")
    init_project(p)
    add(p, [str(s) for s in SOURCES[:2]], jobs=1, progress=False)
    location = tmp_path / "store"
    run_build(p, location)
    store = st.open_read_only(location)[0]
    graph = terms.graph(SOURCES[1].stem)
    claim = next(q.subject for q in store.quads_for_pattern(None, terms.RDF_TYPE, terms.Claim, graph))
    implied = next(q for q in store.quads_for_pattern(None, None, None, terms.INFERRED_GRAPH)
                   if q.predicate != terms.RDF_TYPE)
    del store
    append(log_path(p.triples_dir), new_decision(
        "reject", claim.value, "alice", before={"status": "Unreviewed"},
        after={"status": "Rejected"}))
    manual = p.triples_dir / "manual" / "asserted.trig"
    manual.parent.mkdir()
    manual.write_text(f"GRAPH <{terms.GRAPH}manual-x> {{ {implied.subject} {implied.predicate} "
                      f"{implied.object} . }}\n", encoding="utf-8")
    add(p, [str(SOURCES[2])], jobs=1, progress=False)
    summary = run_build(p, location)
    assert summary.loaded == 2
    assert {"reason_changes", "void_changes"} <= set(summary.timings)  # not made again
    store = st.open_read_only(location)[0]
    assert ox.Quad(implied.subject, implied.predicate, implied.object, terms.INFERRED_GRAPH) \
        not in store
    assert not list(store.quads_for_pattern(claim, terms.reviewStatus, terms.Unreviewed, None))
    del store
    assert_same_as_full(p, location, tmp_path)
