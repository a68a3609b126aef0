"""Beyond one machine: each machine extracts its shard of a shared project, the triples files
are gathered on one, and the build loads them into a remote store (a real `oxigraph serve`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from loaders.paths import ROOT, Project
from loaders.rdf.project import add, init_project
from loaders.store.build import in_shard
from tests.test_remote import oxigraph_url  # noqa: F401  (the fixture: a real oxigraph serve)

CLI = str(Path(sys.executable).parent / "alliancegraph")


def test_shards_extracted_apart_then_loaded_into_a_remote_store(
        tmp_path: Path, oxigraph_url: str) -> None:  # noqa: F811
    shared = Project(tmp_path / "shared")
    init_project(shared)
    texts = sorted((ROOT / "sources").glob("*.txt"))
    add(shared, [str(t) for t in texts], jobs=1, progress=False)
    shutil.rmtree(shared.triples_dir)  # as a corpus arrives: texts and catalog, no triples
    shared.triples_dir.mkdir()
    ids = [t.stem for t in texts]
    shares = {k: {i for i in ids if in_shard(i, (k, 2))} for k in (1, 2)}
    assert shares[1] | shares[2] == set(ids) and not shares[1] & shares[2]

    for k in (1, 2):  # two "machines": two copies of the project, each extracting its share
        shutil.copytree(shared.root, tmp_path / f"machine{k}")
    for k in (1, 2):
        machine = tmp_path / f"machine{k}"
        out = subprocess.run([CLI, "build", "--extract-only", "--shard", f"{k}/2", "--jobs", "1"],
                             cwd=machine, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        made = {p.stem for p in (machine / "triples").glob("*.trig")}
        assert made == shares[k]
        for p in (machine / "triples").glob("*.trig"):  # gather (rsync, in real life)
            shutil.copy2(p, shared.triples_dir / p.name)

    out = subprocess.run([CLI, "build", "--store", oxigraph_url], cwd=shared.root,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "0 re-extracted" in out.stdout  # the gathered shards were current
    query = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?c a "
             "<https://w3id.org/alliancegraph/ontology#Claim> } }")
    r = requests.get(oxigraph_url + "/query", params={"query": query},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) == len(ids)


def test_a_bad_shard_is_refused(tmp_path: Path) -> None:
    p = Project(tmp_path / "p")
    init_project(p)
    out = subprocess.run([CLI, "build", "--extract-only", "--shard", "3/2"], cwd=p.root,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "--shard 3/2: K must be between 1 and N" in out.stderr
    with pytest.raises(AssertionError):
        assert in_shard("x", (1, 2)) and in_shard("x", (2, 2))
