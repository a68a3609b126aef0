"""`build`: a new version per build, atomic switch, idempotent, --only, and bad input that
leaves the previous store answering."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.errors import InputError, ParseError, StoreError, ValidationError
from loaders.store import query as stq
from loaders.store import versions as st
from loaders.store.build import BuildSummary, build
from ontology import terms
from ontology.terms import REPORT_GRAPH, VOID_GRAPH

DATA = Path(__file__).parent / "data" / "store"
CATALOG = DATA / "catalog.ttl"
AG = terms.AG
JAPAN_NATO = f"ASK {{ <{terms.ID}japan> <{AG}partnerOf> <{terms.ID}nato> }}"


def build_into(location: Path, triples: Path = DATA / "triples", **kw: object) -> BuildSummary:
    """Build without extraction, and without SHACL/HermiT unless asked: fast."""
    kw.setdefault("validate", False)
    return build(str(location), triples_dir=triples, catalog_file=CATALOG, extract=False,
                 progress=False, **kw)  # type: ignore[arg-type]


def canonical(store: ox.Store) -> ox.Dataset:
    """The store's quads with blank nodes canonically renamed, for comparing two builds."""
    dataset = ox.Dataset(store)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def answers(location: Path, sparql: str = JAPAN_NATO) -> bool:
    store, _ = st.open_read_only(location)
    return bool(stq.query(store, sparql))


@pytest.fixture()
def triples(tmp_path: Path) -> Path:
    """A writable copy of the test triples/ (generated files and triples/manual/)."""
    return Path(shutil.copytree(DATA / "triples", tmp_path / "triples"))


def test_build_loads_every_graph(tmp_path: Path) -> None:
    summary = build_into(tmp_path / "store")
    store, version = st.open_read_only(tmp_path / "store")
    assert summary.version == version
    graphs = {g.value for g in store.named_graphs()}
    expected = {terms.graph("s1"), terms.graph("s2"), terms.ONTOLOGY_GRAPH, terms.CATALOG_GRAPH,
                terms.INFERRED_GRAPH, VOID_GRAPH, ox.NamedNode(terms.GRAPH + "manual-note")}
    assert graphs == {g.value for g in expected}
    assert summary.quads == len(store) and summary.sources == 2 and summary.files == 3
    # the inverse of ag:memberOf is materialized in the inferred graph
    assert store.contains_named_graph(terms.INFERRED_GRAPH)
    assert any(store.quads_for_pattern(ox.NamedNode(terms.ID + "aukus"), terms.hasMember,
                                       ox.NamedNode(terms.ID + "australia"), terms.INFERRED_GRAPH))
    assert summary.line().startswith(f"built {tmp_path / 'store'} ({version}): 2 sources, "
                                     "3 triples files")


def test_void_counts_each_graph(tmp_path: Path) -> None:
    build_into(tmp_path / "store")
    store, _ = st.open_read_only(tmp_path / "store")
    rows = stq.query(store, f"""PREFIX void: <{terms.VOID}>
        SELECT ?triples WHERE {{ GRAPH <{VOID_GRAPH.value}> {{
          ?d void:subset <{terms.graph('s2').value}> . <{terms.graph('s2').value}> void:triples ?triples }} }}""")
    count = sum(1 for _ in store.quads_for_pattern(None, None, None, terms.graph("s2")))
    assert [int(r["triples"].value) for r in rows] == [count]


def test_building_twice_gives_the_same_quads(tmp_path: Path) -> None:
    first = build_into(tmp_path / "store").version
    a = canonical(st.open_read_only(tmp_path / "store")[0])
    second = build_into(tmp_path / "store").version
    b = canonical(st.open_read_only(tmp_path / "store")[0])
    assert first != second and len(a) > 500
    assert a == b
    third = build_into(tmp_path / "store").version
    # current and previous are kept, older ones deleted
    assert st.versions(tmp_path / "store") == [second, third]


def test_only_replaces_one_sources_graph(tmp_path: Path, triples: Path) -> None:
    location = tmp_path / "store"
    old = build_into(location, triples).version
    s1 = triples / "s1.trig"
    s1.write_text(s1.read_text().replace("ag:partnerOf agid:nato", "ag:partnerOf agid:eu"))
    s2 = triples / "s2.trig"
    s2.write_text(s2.read_text().replace("agid:quad a ag:Partnership", "agid:quad a ag:Alliance"))
    summary = build_into(location, triples, only="s1")
    assert summary.version != old
    assert not answers(location)
    assert answers(location, f"ASK {{ <{terms.ID}japan> <{AG}partnerOf> <{terms.ID}eu> }}")
    # the symmetric inference follows the new fact
    assert answers(location, f"ASK {{ GRAPH <{terms.INFERRED_GRAPH.value}> "
                             f"{{ <{terms.ID}eu> <{AG}partnerOf> <{terms.ID}japan> }} }}")
    # s2 changed on disk but only s1 was rebuilt
    assert answers(location, f"ASK {{ <{terms.ID}quad> a <{AG}Partnership> }}")
    # the previous version still holds the old fact, untouched
    previous = ox.Store.read_only(str(location / old))  # type: ignore[operator]
    assert bool(previous.query(JAPAN_NATO, use_default_graph_as_union=True))


def test_only_needs_a_catalogued_source(tmp_path: Path) -> None:
    build_into(tmp_path / "store")
    with pytest.raises(InputError, match="--only nope: not a catalogued source"):
        build_into(tmp_path / "store", only="nope")


def assert_unchanged(location: Path, version: str) -> None:
    assert st.current_version(location) == version
    assert st.versions(location) == [version]
    assert answers(location)


def test_broken_trig_stops_the_build_with_file_line_column(tmp_path: Path, triples: Path) -> None:
    version = build_into(tmp_path / "store", triples).version or ""
    shutil.copy(DATA / "bad" / "broken.trig", triples / "manual" / "broken.trig")
    with pytest.raises(ParseError) as e:
        build_into(tmp_path / "store", triples)
    assert str(e.value).startswith(f"{triples / 'manual' / 'broken.trig'}:5:")
    assert e.value.line == 5 and e.value.column is not None
    assert_unchanged(tmp_path / "store", version)


def test_unknown_source_graph_stops_the_build(tmp_path: Path, triples: Path) -> None:
    version = build_into(tmp_path / "store", triples).version or ""
    shutil.copy(DATA / "bad" / "unknown.trig", triples / "unknown.trig")
    with pytest.raises(InputError, match=r"unknown.trig:3: graph <.*/graph/not-catalogued> "
                                         r"names source 'not-catalogued', which is not in the catalog"):
        build_into(tmp_path / "store", triples)
    assert_unchanged(tmp_path / "store", version)


def test_triples_in_a_reserved_graph_are_refused(tmp_path: Path, triples: Path) -> None:
    (triples / "manual" / "sneaky.trig").write_text(
        f"<{terms.INFERRED_GRAPH.value}> {{ <{terms.ID}a> <{AG}memberOf> <{terms.ID}b> }}\n")
    with pytest.raises(InputError, match="reserved for what the build derives"):
        build_into(tmp_path / "store", triples)


def test_unwritable_store_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    with pytest.raises(StoreError, match=r"store location .*file/store is not writable"):
        build_into(tmp_path / "file" / "store")


def test_store_locked_by_another_build(tmp_path: Path) -> None:
    version = build_into(tmp_path / "store").version or ""
    with st.build_lock(tmp_path / "store"):
        with pytest.raises(StoreError, match="locked by another writer"):
            build_into(tmp_path / "store")
    assert_unchanged(tmp_path / "store", version)


def write_big_trig(path: Path, claims: int) -> None:
    """Enough quads for a build to take a second or so."""
    with open(path, "w") as f:
        f.write(f"<{terms.graph('s2').value}> {{\n")
        for i in range(claims):
            f.write(f'<{terms.CLAIM}{i:016x}> a <{AG}Claim> ; <{AG}confidence> 0.5 ; '
                    f'<{terms.RDFS}label> "claim {i} with a few words of padding" .\n')
        f.write("}\n")


BUILD_SCRIPT = """
import sys
from pathlib import Path
from loaders.store.build import build
build(sys.argv[1], triples_dir=Path(sys.argv[2]), catalog_file=Path(sys.argv[3]),
      extract=False, validate=False, progress=False)
"""


@pytest.mark.slow
def test_kill_9_mid_build_keeps_the_previous_store(tmp_path: Path, triples: Path) -> None:
    location = tmp_path / "store"
    version = build_into(location, triples).version or ""
    write_big_trig(triples / "big.trig", 30_000)
    proc = subprocess.Popen([sys.executable, "-c", BUILD_SCRIPT, str(location), str(triples),
                             str(CATALOG)], cwd=Path(__file__).parents[1])
    deadline = time.monotonic() + 60
    while len(st.versions(location)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    half = [v for v in st.versions(location) if v != version]
    assert len(half) == 1  # the killed build left its half-written version behind
    assert st.current_version(location) == version
    assert answers(location)  # the previous store still answers
    (triples / "big.trig").unlink()  # (keeps the rebuild fast)
    summary = build_into(location, triples)  # the lock died with the process
    assert st.versions(location) == [version, summary.version]  # half-written one removed
    assert st.current_version(location) == summary.version and answers(location)


def test_disk_full_keeps_the_previous_store(tmp_path: Path, triples: Path) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        location = mount / "store"
        version = build_into(location, triples).version or ""
        write_big_trig(triples / "big.trig", 40_000)
        with pytest.raises(StoreError, match="disk full while writing the store"):
            build_into(location, triples)
        assert_unchanged(location, version)
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.slow
def test_validation_stops_the_build_unless_allowed(tmp_path: Path, triples: Path) -> None:
    location = tmp_path / "store"
    version = build_into(location, triples).version or ""
    shutil.copy(DATA / "bad" / "invalid.trig", triples / "manual" / "invalid.trig")
    with pytest.raises(ValidationError, match=r"(?s)validation failed, the store is unchanged.*"
                                              r"invalid.trig: .* ag:confidence must be"):
        build_into(location, triples, validate=True)
    assert_unchanged(location, version)
    summary = build_into(location, triples, validate=True, allow_invalid=True)
    assert summary.problems == 3 and "3 validation problems recorded" in summary.line()
    store, _ = st.open_read_only(location)
    comments = [q.object.value for q in store.quads_for_pattern(
        REPORT_GRAPH, ox.NamedNode(terms.RDFS + "comment"), None, REPORT_GRAPH)]
    assert len(comments) == 3 and any("ag:confidence must be" in c for c in comments)
    assert answers(location, f"ASK {{ <{terms.CLAIM}00000000000000ff> <{AG}confidence> ?c }}")


def test_curation_log_survives_a_rebuild(tmp_path: Path, triples: Path) -> None:
    """The curation log in triples/curation/ is applied by every build, --only included."""
    from loaders.store.decisions import append, log_path, new_decision

    location = tmp_path / "store"
    build_into(location, triples)
    claim = terms.CLAIM + "0000000000000001"
    append(log_path(triples), new_decision("accept", claim, "ann", before={"status": "Unreviewed"},
                                           after={"status": "Accepted"}))
    status = f"SELECT ?r WHERE {{ <{claim}> <{terms.reviewStatus.value}> ?r }}"
    for only in (None, "s1"):
        build_into(location, triples, only=only)
        store, _ = st.open_read_only(location)
        assert [r["r"] for r in store.query(status, use_default_graph_as_union=True)] == [terms.Accepted]  # type: ignore[union-attr]


def test_cli_build_errors_are_one_line_and_fast(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from server.cli import main

    (tmp_path / "file").write_text("x")
    start = time.monotonic()
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "file" / "store")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: store location ") and "is not writable" in result.output
    with st.build_lock(tmp_path / "store"):
        result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1 and "locked by another writer" in result.output
    assert time.monotonic() - start < 5  # refused before extracting or validating anything


def test_a_reader_keeps_its_version_while_a_build_switches(tmp_path: Path, triples: Path) -> None:
    location = tmp_path / "store"
    build_into(location, triples)
    reader, old = st.open_read_only(location)  # as the server holds it
    s1 = triples / "s1.trig"
    s1.write_text(s1.read_text().replace("ag:partnerOf agid:nato", "ag:partnerOf agid:eu"))
    new = build_into(location, triples).version
    assert new != old and st.current_version(location) == new
    assert bool(stq.query(reader, JAPAN_NATO))  # the open reader still sees its version whole
    assert not answers(location)  # a reader that re-reads CURRENT sees the new one


def test_loading_in_small_streams_gives_the_same_store_and_names_a_broken_file(tmp_path: Path) -> None:
    """The bulk loader buffers a stream's quads; streams of `chunk` quads bound that memory
    and must load the same quads, and still say which file and line is broken."""
    from loaders.paths import TRIPLES_DIR
    from loaders.store import load
    from loaders.store.build import check_triples

    sources = {p.stem for p in TRIPLES_DIR.glob("*.trig")}
    files, _ = check_triples(TRIPLES_DIR, sources, progress=False)
    whole, parts = ox.Store(str(tmp_path / "a")), ox.Store(str(tmp_path / "b"))
    load.bulk_load_files(whole, files, progress=False)
    load.bulk_load_files(parts, files, progress=False, chunk=1)
    assert len(whole) == len(parts) > 0 and set(whole) == set(parts)
    broken = tmp_path / "zz.trig"
    broken.write_text("<https://w3id.org/alliancegraph/graph/x> {\n  <a> <b> .\n}\n")
    bad = load.TriplesFile(broken, frozenset(), 1)
    with pytest.raises(ParseError, match="zz.trig:2:"):
        load.bulk_load_files(ox.Store(str(tmp_path / "c")), [*files, bad], progress=False, chunk=1)
