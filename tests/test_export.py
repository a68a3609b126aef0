"""`export`: N-Quads, TriG and JSON-LD dumps that hold exactly the store, and void.ttl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from loaders.errors import StoreError
from loaders.store import versions as st
from loaders.store.build import build
from loaders.store.export import export
from ontology import terms
from server.cli import main

DATA = Path(__file__).parent / "data" / "store"
FILES = ("alliancegraph.nq", "alliancegraph.trig", "alliancegraph.jsonld")
FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG, ox.RdfFormat.JSON_LD)


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    loc = tmp_path_factory.mktemp("export") / "store"
    build(str(loc), triples_dir=DATA / "triples", catalog_file=DATA / "catalog.ttl",
          extract=False, validate=False, progress=False)
    return loc


def canonical(quads: object) -> ox.Dataset:
    dataset = ox.Dataset(quads)  # type: ignore[arg-type]
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


@pytest.mark.parametrize(("name", "fmt"), list(zip(FILES, FORMATS)))
def test_each_dump_holds_exactly_the_store(location: Path, tmp_path: Path, name: str,
                                           fmt: ox.RdfFormat) -> None:
    summary = export(str(location), tmp_path, progress=False)
    store, version = st.open_read_only(location)
    dumped = canonical(ox.parse(path=str(tmp_path / name), format=fmt))
    assert dumped == canonical(store) and summary.quads == len(store)
    assert summary.version == version
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files


def test_void_describes_the_dataset_and_each_graph(location: Path, tmp_path: Path) -> None:
    export(str(location), tmp_path, progress=False)
    void = ox.Store()
    void.load(path=str(tmp_path / "void.ttl"), format=ox.RdfFormat.TURTLE)
    store, _ = st.open_read_only(location)
    rows = list(void.query(f"""PREFIX void: <{terms.VOID}> PREFIX dcterms: <{terms.DCTERMS}>
        SELECT ?triples ?entities ?license ?modified (COUNT(DISTINCT ?sub) AS ?subsets)
               (COUNT(DISTINCT ?dump) AS ?dumps) WHERE {{
          <{terms.BASE}dataset> a void:Dataset ; void:triples ?triples ; void:entities ?entities ;
            dcterms:license ?license ; dcterms:modified ?modified ; void:subset ?sub ;
            void:dataDump ?dump ; void:sparqlEndpoint ?e ; void:uriSpace ?space ;
            void:classes ?c ; void:distinctSubjects ?ds ; void:distinctObjects ?do .
        }} GROUP BY ?triples ?entities ?license ?modified"""))
    assert len(rows) == 1
    void_graph = ox.NamedNode(terms.GRAPH + "void")
    described = sum(1 for q in store if q.graph_name != void_graph)
    assert int(rows[0]["triples"].value) == described
    assert int(rows[0]["entities"].value) == 8  # japan nato united-states australia aukus quad uk statement-s2-1
    assert int(rows[0]["subsets"].value) == len(list(store.named_graphs())) - 1
    assert int(rows[0]["dumps"].value) == 3


def test_export_again_replaces_the_files(location: Path, tmp_path: Path) -> None:
    export(str(location), tmp_path, progress=False)
    (tmp_path / "alliancegraph.nq").write_text("stale")
    export(str(location), tmp_path, progress=False)
    assert (tmp_path / "alliancegraph.nq").read_text() != "stale"


def test_export_to_an_unwritable_place(location: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot write dumps to"):
        export(str(location), tmp_path / "file" / "dumps", progress=False)


def test_cli_export_prints_one_line(location: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(location), "--out",
                                       str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("exported ")
    assert "alliancegraph.jsonld" in lines[0] and (tmp_path / "d" / "void.ttl").exists()
