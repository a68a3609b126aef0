"""The store layout (CURRENT + version directories), opening it, and `alliancegraph query`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from loaders.errors import QueryError, StoreError
from loaders.store import query as stq
from loaders.store import versions as st
from loaders.store.build import build
from server.cli import main

DATA = Path(__file__).parent / "data" / "store"
AG = "https://w3id.org/alliancegraph/ontology#"
MEMBERS = f"SELECT ?s ?o WHERE {{ ?s <{AG}memberOf> ?o }} ORDER BY ?s ?o"


def build_test_store(location: Path) -> str:
    """Build tests/data/store into `location` (no extraction, no SHACL: fast)."""
    return build(str(location), triples_dir=DATA / "triples", catalog_file=DATA / "catalog.ttl",
                 extract=False, validate=False, progress=False).version or ""


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    loc = tmp_path_factory.mktemp("store") / "store"
    build_test_store(loc)
    return loc


def test_is_remote() -> None:
    assert st.is_remote("http://localhost:7878")
    assert st.is_remote("https://example.org/sparql")
    assert not st.is_remote("data/store")
    assert not st.is_remote(Path("/tmp/http:/x"))


def test_layout_is_a_pointer_and_version_directories(location: Path) -> None:
    version = st.current_version(location)
    assert (location / "CURRENT").read_text().strip() == version
    assert version.startswith("v-") and st.current_path(location) == location / version
    assert st.versions(location) == [version]


def test_missing_store_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*run `alliancegraph build`"):
        st.open_read_only(tmp_path / "nothing-here")


def test_pointer_to_a_missing_version_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("v-20260101T000000-000000\n")
    with pytest.raises(StoreError, match="not a version of this store"):
        st.current_version(tmp_path)


def test_read_only_store_answers_with_the_union_of_graphs(location: Path) -> None:
    store, version = st.open_read_only(location)
    assert version == st.current_version(location)
    rows = [(r["s"].value.rsplit("/", 1)[1], r["o"].value.rsplit("/", 1)[1])
            for r in stq.query(store, MEMBERS)]
    # memberOf facts come from two graphs (s2 and manual-note): the union sees both
    assert rows == [("australia", "aukus"), ("united-kingdom", "aukus"),
                    ("united-states", "aukus"), ("united-states", "quad")]
    # without the union the default graph is empty
    assert list(stq.query(store, MEMBERS, use_default_graph_as_union=False)) == []


def test_query_syntax_error_names_line_and_column(location: Path) -> None:
    store, _ = st.open_read_only(location)
    with pytest.raises(QueryError, match=r"^2:13: SPARQL syntax error: expected"):
        stq.query(store, "SELECT * WHERE {\n  ?s ?p ?o .")


def test_writer_lock_is_a_clear_error(tmp_path: Path) -> None:
    first = st.open_writable(tmp_path / "v")
    with pytest.raises(StoreError, match="locked by another writer"):
        st.open_writable(tmp_path / "v")
    del first


def test_build_lock_is_exclusive(tmp_path: Path) -> None:
    with st.build_lock(tmp_path):
        with pytest.raises(StoreError, match=r"locked by another writer \(pid \d+\)"):
            with st.build_lock(tmp_path):
                pass
    with st.build_lock(tmp_path):  # released on exit
        pass


def test_switch_keeps_previous_and_remove_stale_keeps_both(tmp_path: Path) -> None:
    for name in ("v-20260101T000000-000001", "v-20260101T000000-000002",
                 "v-20260101T000000-000003"):
        (tmp_path / name).mkdir()
        st.switch(tmp_path, name)
    assert st.current_version(tmp_path) == "v-20260101T000000-000003"
    assert st.previous_version(tmp_path) == "v-20260101T000000-000002"
    assert st.remove_stale(tmp_path) == ["v-20260101T000000-000001"]
    assert st.versions(tmp_path) == ["v-20260101T000000-000002", "v-20260101T000000-000003"]
    assert st.new_version_name(tmp_path) > "v-20260101T000000-000003"


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_cli_query_table(location: Path) -> None:
    code, out = run(["query", "--store", str(location), MEMBERS])
    assert code == 0, out
    assert "agid:united-kingdom  agid:aukus" in out
    assert out.rstrip().endswith("(4 rows)")


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv"])
def test_cli_query_result_formats(location: Path, fmt: str) -> None:
    code, out = run(["query", "--store", str(location), "--format", fmt, MEMBERS])
    assert code == 0, out
    if fmt == "json":
        bindings = json.loads(out)["results"]["bindings"]
        assert len(bindings) == 4 and bindings[0]["s"]["value"].endswith("/id/australia")
    else:
        rows = ox.parse_query_results(out.replace("\r\n", "\n"), ox.QueryResultsFormat.TSV) \
            if fmt == "tsv" else out.splitlines()
        assert len(list(rows)) == (4 if fmt == "tsv" else 5)


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_cli_construct_formats(location: Path, fmt: str) -> None:
    sparql = f"CONSTRUCT {{ ?s <{AG}memberOf> ?o }} WHERE {{ ?s <{AG}memberOf> ?o }}"
    code, out = run(["query", "--store", str(location), "--format", fmt, sparql])
    assert code == 0, out
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
    assert len(list(ox.parse(out, rdf_format))) == 4


def test_cli_query_from_file_with_syntax_error(location: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ title: broken\nSELECT ?s WHERE { ?s ?p }\n")
    code, out = run(["query", "--store", str(location), str(bad)])
    assert code == 1
    assert re.search(rf"Error: {re.escape(str(bad))}:\d+:\d+: SPARQL syntax error: \w", out)
    assert "Traceback" not in out


def test_cli_query_ask_and_wrong_format(location: Path) -> None:
    assert run(["query", "--store", str(location), "ASK { ?s ?p ?o }"]) == (0, "true\n")
    code, out = run(["query", "--store", str(location), "--format", "turtle", MEMBERS])
    assert code == 1 and "use table, json, csv or tsv" in out


def test_cli_query_without_a_store(tmp_path: Path) -> None:
    code, out = run(["query", "--store", str(tmp_path / "none"), "ASK {}"])
    assert code == 1 and "run `alliancegraph build` first" in out


def test_next_version_switches_only_when_the_block_succeeds(tmp_path: Path) -> None:
    from conftest import SERVER_SAMPLE, make_store

    location = make_store(tmp_path / "store", [SERVER_SAMPLE])
    first = st.current_version(location)
    reader, _ = st.open_read_only(location)
    before = len(reader)
    extra = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                    ox.Literal("o"), ox.NamedNode("http://example.org/g"))
    with pytest.raises(RuntimeError), st.next_version(location) as store:
        store.add(extra)
        raise RuntimeError("a failed change")
    assert st.current_version(location) == first  # nothing switched, the copy is gone
    assert st.versions(location) == [first]
    with st.next_version(location) as store:
        store.add(extra)
    assert st.current_version(location) != first
    assert len(reader) == before  # the reader's version is untouched
    assert extra in st.open_read_only(location)[0]
