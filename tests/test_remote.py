"""A remote store for real: `oxigraph serve` on a loopback port, built into over the Graph
Store Protocol and queried over the SPARQL 1.1 Protocol, answering like the embedded store."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from loaders.errors import QueryError, StoreError
from loaders.store import query as stq
from loaders.store import versions as st
from loaders.store.build import build
from loaders.store.export import export
from loaders.store.remote import RemoteStore
from ontology import terms

DATA = Path(__file__).parent / "data" / "store"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
AG = terms.AG
QUERIES = [
    f"SELECT ?s ?o WHERE {{ ?s <{AG}memberOf> ?o }} ORDER BY ?s ?o",
    f"SELECT ?x WHERE {{ <{terms.ID}aukus> <{AG}hasMember> ?x }} ORDER BY ?x",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY ?c",
    f"ASK {{ <{terms.ID}nato> <{AG}partnerOf> <{terms.ID}japan> }}",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` (the Rust server), queried with the union default graph."""
    if not OXIGRAPH.exists():
        pytest.skip(f"{OXIGRAPH} not installed (PyPI package `oxigraph`)")
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location",
                             str(tmp_path_factory.mktemp("oxigraph")), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail(f"oxigraph serve did not start: {proc.stderr.read() if proc.stderr else ''}")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def build_into(location: str | Path, **kw: object) -> object:
    return build(str(location), triples_dir=DATA / "triples", catalog_file=DATA / "catalog.ttl",
                 extract=False, validate=False, progress=False, **kw)  # type: ignore[arg-type]


def rows(result: object) -> list[tuple[str, ...]]:
    if isinstance(result, ox.QueryBoolean):
        return [(str(bool(result)),)]
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [tuple(str(r[n]) for n in names) for r in result]


def test_remote_build_answers_like_the_embedded_store(oxigraph_url: str, tmp_path: Path) -> None:
    summary = build_into(oxigraph_url)
    build_into(tmp_path / "store")
    embedded, _ = st.open_read_only(tmp_path / "store")
    remote = RemoteStore(oxigraph_url)
    for sparql in QUERIES:
        assert rows(stq.query(remote, sparql)) == rows(stq.query(embedded, sparql)), sparql
    assert len(rows(stq.query(remote, QUERIES[0]))) == 4
    assert summary.version is None  # type: ignore[attr-defined]
    # building again replaces graphs instead of adding to them
    build_into(oxigraph_url)
    assert rows(stq.query(remote, QUERIES[2])) == rows(stq.query(embedded, QUERIES[2]))


def test_remote_only_and_stale_graphs(oxigraph_url: str, tmp_path: Path) -> None:
    remote = RemoteStore(oxigraph_url)
    stale = ox.NamedNode(terms.GRAPH + "manual-gone")
    build_into(oxigraph_url)
    remote.put_graph(stale, [ox.Triple(ox.NamedNode(terms.ID + "x"), terms.memberOf,
                                       ox.NamedNode(terms.ID + "y"))])
    build_into(oxigraph_url, only="s1")  # --only touches that source's graph alone
    assert stale.value in remote.graphs()
    remote.put_graph(terms.CURATION_GRAPH, [ox.Triple(ox.NamedNode(terms.CLAIM + "1"),
                                                      terms.reviewStatus, terms.Accepted)])
    build_into(oxigraph_url)  # a full build removes our graphs that no file produces
    assert stale.value not in remote.graphs()
    assert terms.CURATION_GRAPH.value in remote.graphs()  # but never the curators' decisions
    remote.delete_graph(terms.CURATION_GRAPH)
    assert terms.graph("s1").value in remote.graphs()


def test_remote_query_errors_and_export(oxigraph_url: str, tmp_path: Path) -> None:
    build_into(oxigraph_url)
    remote = RemoteStore(oxigraph_url)
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        stq.query(remote, "SELECT * WHERE { ?s ?p }")
    summary = export(oxigraph_url, tmp_path / "dumps", progress=False)
    dumped = ox.Dataset(ox.parse(path=str(tmp_path / "dumps" / "alliancegraph.nq")))
    assert summary.quads == len(dumped) > 500
    trig = list(ox.parse(path=str(tmp_path / "dumps" / "alliancegraph.trig")))
    assert len(trig) == len(dumped)
    assert b"void:triples" in (tmp_path / "dumps" / "void.ttl").read_bytes()
    assert stq.run_query(oxigraph_url, QUERIES[4]) == b"true\n"


def test_unreachable_remote_is_a_clear_error_after_the_timeout(tmp_path: Path) -> None:
    # a socket that accepts connections but never answers: the request must time out
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        start = time.monotonic()
        with pytest.raises(StoreError, match=rf"remote store {url} unreachable \(timeout 0.3 s\)"):
            RemoteStore(url, timeout=0.3, retries=1).ping()
        assert 0.3 <= time.monotonic() - start < 5


def test_refused_remote_build_writes_nothing(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(StoreError, match=f"remote store {url} unreachable"):
        build_into(url)
    with pytest.raises(StoreError, match="unreachable"):
        stq.run_query(url, "ASK {}")


def test_layouts_name_the_endpoints() -> None:
    fuseki = RemoteStore("http://h:3030/ds/", layout="fuseki")
    assert (fuseki.query_url, fuseki.update_url, fuseki.store_url) == (
        "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data")
    virtuoso = RemoteStore("http://h:8890", layout="virtuoso", auth=("dba", "dba"))
    assert virtuoso.store_url == "http://h:8890/sparql-graph-crud-auth"
    custom = RemoteStore("http://h", query_url="http://q/sparql")
    assert custom.query_url == "http://q/sparql" and custom.store_url == "http://h/store"
    with pytest.raises(StoreError, match="unknown remote layout"):
        RemoteStore("http://h", layout="graphdb")



CQ_FILES = sorted((Path(__file__).parents[1] / "queries").glob("cq*.rq"))


def normalized(result: object) -> list[tuple[str, ...]]:
    """Rows in a fixed order, blank nodes made comparable (their labels are store-local)."""
    return sorted(tuple("_:b" if cell.startswith("_:") else cell for cell in row)
                  for row in rows(result))


@pytest.fixture(scope="module")
def corpus_stores(oxigraph_url: str, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[ox.Store, RemoteStore]:
    """The real corpus (triples/ as committed) built into both an embedded and the remote store."""
    from loaders.paths import CATALOG_FILE, TRIPLES_DIR

    if not list(TRIPLES_DIR.glob("*.trig")):
        pytest.skip("triples/ is empty: run `alliancegraph build` once")
    location = tmp_path_factory.mktemp("corpus") / "store"
    for target in (str(location), oxigraph_url):
        build(target, triples_dir=TRIPLES_DIR, catalog_file=CATALOG_FILE, extract=False,
              validate=False, progress=False)
    return st.open_read_only(location)[0], RemoteStore(oxigraph_url)


@pytest.mark.parametrize("path", CQ_FILES, ids=[p.stem for p in CQ_FILES])
def test_competency_questions_answer_the_same_remotely(corpus_stores: tuple[ox.Store, RemoteStore],
                                                       path: Path) -> None:
    embedded, remote = corpus_stores
    sparql = path.read_text(encoding="utf-8")
    assert normalized(stq.query(remote, sparql)) == normalized(stq.query(embedded, sparql))


def test_most_competency_questions_have_answers(corpus_stores: tuple[ox.Store, RemoteStore]
                                                ) -> None:
    """So that the comparison above compares something."""
    _, remote = corpus_stores
    answered = [p.stem for p in CQ_FILES if rows(stq.query(remote, p.read_text(encoding="utf-8")))]
    assert len(answered) >= 0.75 * len(CQ_FILES), answered


VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@pytest.fixture(scope="module")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Debian's virtuoso-opensource on a fresh database and free ports (skipped if absent)."""
    if VIRTUOSO is None or not VIRTUOSO_INI.exists():
        pytest.skip("virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")
    db = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = re.sub(r"/var/lib/virtuoso-opensource-7/db/", f"{db}/", VIRTUOSO_INI.read_text())
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111\b", f"ServerPort = {sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890\b", f"ServerPort = {http_port}", ini)
    (db / "virtuoso.ini").write_text(ini)
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(db / "virtuoso.ini")], cwd=db,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("virtuoso did not start")
    with pytest.MonkeyPatch.context() as env:  # configuration, as a user would set it
        env.setenv("ALLIANCEGRAPH_REMOTE_LAYOUT", "virtuoso")
        env.setenv("ALLIANCEGRAPH_REMOTE_USER", "dba")  # a fresh database's default account
        env.setenv("ALLIANCEGRAPH_REMOTE_PASSWORD", "dba")
        yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.mark.slow
def test_virtuoso_as_the_scale_out_store(virtuoso_url: str, tmp_path: Path) -> None:
    """Build the corpus into Virtuoso; it answers the competency questions as the embedded
    store does (GROUP_CONCAT order aside, which SPARQL leaves open) and exports the same data."""
    from loaders.paths import CATALOG_FILE, TRIPLES_DIR

    if not list(TRIPLES_DIR.glob("*.trig")):
        pytest.skip("triples/ is empty: run `alliancegraph build` once")
    for target in (virtuoso_url, str(tmp_path / "store")):
        build(target, triples_dir=TRIPLES_DIR, catalog_file=CATALOG_FILE, extract=False,
              validate=False, progress=False)
    embedded, remote = st.open_read_only(tmp_path / "store")[0], RemoteStore(virtuoso_url)
    for path in CQ_FILES:
        sparql = path.read_text(encoding="utf-8")
        if "GROUP_CONCAT" not in sparql:
            assert normalized(stq.query(remote, sparql)) == normalized(stq.query(embedded, sparql)), path
    export(virtuoso_url, tmp_path / "remote", progress=False)
    export(str(tmp_path / "store"), tmp_path / "embedded", progress=False)
    datasets = []
    for side in ("remote", "embedded"):
        dataset = ox.Dataset(ox.parse(path=str(tmp_path / side / "alliancegraph.nq")))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        datasets.append(dataset)
    assert datasets[0] == datasets[1] and len(datasets[0]) > 1000
