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
     "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
CASES = {
    "disjoint": ('agid:zz-georgia a ag:Person ; rdfs:label "Zz Georgia"@en .',
                 'agid:zz-georgia a ag:Country ; rdfs:label "Zz Georgia"@en .',
                 "disjoint-types-violation: An individual of two disjoint classes: "
                 "individual=agid:zz-georgia, class=ag:Country, other=ag:Person"),
    "functional": ("agid:zz-remark ag:stance ag:Supportive .",
                   "agid:zz-remark ag:stance ag:Opposed .",
                   "functional-values-violation: Two values for a functional property: "
                   "individual=agid:zz-remark, property=ag:stance"),
}


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
    assert f"manual-{case}-a" in message and f"manual-{case}-b" in message
    assert st.current_version(location) == version  # the store is unchanged
