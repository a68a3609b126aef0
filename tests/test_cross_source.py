"""What HermiT cannot see when it checks a batch of files at a time: two sources, each
consistent alone, in different batches (here: different builds), that contradict each other.
The check queries on the whole store (queries/checks/) must stop the build, naming both."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import ValidationError
from loaders.paths import Project
from loaders.rdf.project import init_project
from loaders.store import versions as st
from loaders.store.build import build
from loaders.validation.sources import validate_batch

AG = "@prefix ag: <https://w3id.org/alliancegraph/ontology#> .\n" \
     "@prefix agid: <https://w3id.org/alliancegraph/id/> .\n" \
     "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" \
     "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
CASES = {
    "disjoint": ('agid:zz-georgia a ag:Person ; rdfs:label "Zz Georgia"@en .',
                 'agid:zz-georgia a ag:Country ; rdfs:label "Zz Georgia"@en .',
                 "disjoint-types-violation: An individual of two disjoint classes: "
                 "individual=agid:zz-georgia, class=ag:Country, other=ag:Person"),
    "functional": ("agid:zz-remark ag:stance ag:Supportive .",
                   "agid:zz-remark ag:stance ag:Opposed .",
                   "functional-values-violation: Two values for a functional property: "
                   "individual=agid:zz-remark, property=ag:stance"),
    "label": ('agid:zz-land a ag:Country ; rdfs:label "Zz Land"@en .',
              'agid:zz-land-2 a ag:Country ; rdfs:label "Zz Land"@en .',
              "duplicate-label-violation: Two entities with the same English label: "
              "label='Zz Land', entity=agid:zz-land, other=agid:zz-land-2"),
    "wikidata": ("agid:zz-one owl:sameAs <http://www.wikidata.org/entity/Q99999999> .",
                 "agid:zz-two owl:sameAs <http://www.wikidata.org/entity/Q99999999> .",
                 "shared-wikidata-violation: Two entities linked to the same Wikidata item: "
                 "item=wd:Q99999999, entity=agid:zz-one, "
                 "other=agid:zz-two"),
}
NAMED = {"label", "wikidata"}  # rows that name the entities, not the graphs


def write(project: Project, name: str, body: str) -> Path:
    path = project.triples_dir / "manual" / f"{name}.trig"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{AG}<https://w3id.org/alliancegraph/graph/manual-{name}> {{\n{body}\n}}\n",
                    encoding="utf-8")
    return path


def run(project: Project, location: Path) -> None:
    build(str(location), triples_dir=project.triples_dir, catalog_file=project.catalog_file,
          progress=False, jobs=1)


@pytest.mark.parametrize("case", sorted(CASES))
def test_two_sources_in_different_batches_contradicting_stop_the_build(case: str,
                                                                       tmp_path: Path) -> None:
    first, second, expected = CASES[case]
    p = Project(tmp_path / "p")
    init_project(p)
    a = write(p, f"{case}-a", first)
    location = tmp_path / "store"
    run(p, location)
    version = st.current_version(location)
    b = write(p, f"{case}-b", second)
    for path in (a, b):  # each alone passes SHACL and HermiT: only the store sees both
        assert validate_batch([path], {}, p.catalog_file.parent).conforms
    with pytest.raises(ValidationError) as e:
        run(p, location)  # only b is validated now, in a batch of its own
    message = str(e.value)
    assert expected in message
    if case not in NAMED:
        assert f"manual-{case}-a" in message and f"manual-{case}-b" in message
    assert st.current_version(location) == version  # the store is unchanged


def test_a_tolerated_problem_is_kept_by_later_incremental_builds(tmp_path: Path) -> None:
    """--allow-invalid: a problem between two sources found by one build is carried by the
    next (which changed neither, and checks only its change) into its report, as a full
    rebuild reports it; a build without --allow-invalid still fails on it."""
    from loaders.store.build import BUILT

    p = Project(tmp_path / "p")
    init_project(p)
    first, second, expected = CASES["disjoint"]
    write(p, "x-a", first)
    location = tmp_path / "store"
    kw = dict(triples_dir=p.triples_dir, catalog_file=p.catalog_file, progress=False, jobs=1,
              allow_invalid=True)
    build(str(location), **kw)  # type: ignore[arg-type]
    write(p, "x-b", second)
    found = build(str(location), **kw)  # type: ignore[arg-type]
    assert "checks_changes" in found.timings and found.problems == 1
    write(p, "x-c", 'agid:zz-other a ag:Country ; rdfs:label "Zz Other"@en .')
    later = build(str(location), **kw)  # type: ignore[arg-type]
    assert "checks_changes" in later.timings and later.problems == 1
    assert expected in (location / BUILT).read_text(encoding="utf-8")
    fresh = build(str(tmp_path / "fresh"), **kw)  # type: ignore[arg-type]
    assert "checks" in fresh.timings  # (its HermiT sees A and B in one batch: more problems)
    report = "SELECT ?c WHERE { GRAPH ?g { ?r <http://www.w3.org/2000/01/rdf-schema#comment> ?c } }"
    rows = [sorted(r["c"].value for r in st.open_read_only(where)[0].query(report)  # type: ignore[union-attr]
                   if "-violation: " in r["c"].value)
            for where in (location, tmp_path / "fresh")]
    assert rows[0] == rows[1] and any(expected in r for r in rows[0]), rows
    write(p, "x-d", 'agid:zz-more a ag:Country ; rdfs:label "Zz More"@en .')
    with pytest.raises(ValidationError):
        build(str(location), **{**kw, "allow_invalid": False})  # type: ignore[arg-type]


def test_an_edited_check_runs_in_full_and_no_file_is_validated_again(tmp_path: Path) -> None:
    """A check query's text is not part of a file's validation key (it runs on the store):
    editing it re-validates nothing, but the next build runs that check over everything,
    not only over the change, and drops the problems its old text found."""
    import shutil

    from loaders.paths import CHECKS_DIR

    checks = tmp_path / "checks"
    shutil.copytree(CHECKS_DIR, checks)
    p = Project(tmp_path / "p")
    init_project(p)
    first, second, expected = CASES["disjoint"]
    write(p, "e-a", first)
    write(p, "e-b", second)
    location = tmp_path / "store"
    kw = dict(triples_dir=p.triples_dir, catalog_file=p.catalog_file, progress=False, jobs=1,
              allow_invalid=True, checks_dir=checks)
    assert build(str(location), **kw).problems >= 1  # type: ignore[arg-type]
    again = build(str(location), **kw)  # type: ignore[arg-type]
    assert again.validated == 0 and "checks_changes" in again.timings
    assert any(expected in line for line in problems_in(location))
    query = checks / "disjoint-types-violation.rq"
    text = query.read_text(encoding="utf-8")
    at = text.rindex("}", 0, text.index("ORDER BY"))  # the WHERE clause's end
    query.write_text(text[:at] + "FILTER(false)\n" + text[at:], encoding="utf-8")
    edited = build(str(location), **kw)  # type: ignore[arg-type]
    assert edited.validated == 0  # no triples file is validated again
    assert not any(expected in line for line in problems_in(location))  # ran, in full
    query.write_text(text, encoding="utf-8")
    restored = build(str(location), **kw)  # type: ignore[arg-type]
    assert restored.validated == 0
    assert any(expected in line for line in problems_in(location))


def problems_in(location: Path) -> list[str]:
    """The check problems of the store's current version (its report graph)."""
    report = "SELECT ?c WHERE { GRAPH ?g { ?r <http://www.w3.org/2000/01/rdf-schema#comment> ?c } }"
    store = st.open_read_only(location)[0]
    return [r["c"].value for r in store.query(report)  # type: ignore[union-attr]
            if "-violation: " in r["c"].value]


def test_batches_validated_on_two_processes_report_as_on_one(tmp_path: Path) -> None:
    """The build validates batches in worker processes: same reports, same order, a bad file
    named as it is without them, and a caller that stops at the first problem is not held up
    by the batches still queued."""
    from loaders.validation.sources import validate_batches

    p = Project(tmp_path / "p")
    init_project(p)
    good = [write(p, f"ok-{i}", f'agid:zz-ok-{i} a ag:Country ; rdfs:label "Zz Ok {i}"@en .')
            for i in range(3)]
    bad = write(p, "bad", 'agid:zz-bad a ag:Country , ag:Person ; rdfs:label "Zz Bad"@en .')
    batches = [[good[0]], [bad], [good[1], good[2]]]
    one = [r.problems for r in validate_batches(batches, {}, p.catalog_file.parent, jobs=1)]
    two = [r.problems for r in validate_batches(batches, {}, p.catalog_file.parent, jobs=2)]
    assert one == two
    assert [bool(x) for x in two] == [False, True, False]
    assert any("zz-bad" in line for line in two[1])
    reports = validate_batches(batches * 4, {}, p.catalog_file.parent, jobs=2)
    assert next(reports).conforms
    reports.close()  # shuts the pool down, cancelling what is queued
