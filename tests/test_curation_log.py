"""The curation log and the curation graph: append, crash repair, orphans, one status per
claim in the union view, rebuilds and re-extraction, conflicts, kill -9 between log and store."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.store import curation
from loaders.store import versions as st
from loaders.store.build import build
from loaders.store.decisions import Decision, append, log_path, new_decision, read_log
from ontology import terms

DATA = Path(__file__).parent / "data" / "store"
CLAIM1 = terms.CLAIM + "0000000000000001"
STATUS = f"<{terms.reviewStatus.value}>"


def build_into(location: Path, triples: Path, **kw: object) -> None:
    build(str(location), triples_dir=triples, catalog_file=DATA / "catalog.ttl", extract=False,
          progress=False, validate=False, **kw)  # type: ignore[arg-type]


def statuses(location: Path) -> dict[str, list[str]]:
    """Every claim's review statuses as the union default graph (what SPARQL sees) has them."""
    store, _ = st.open_read_only(location)
    out: dict[str, list[str]] = {}
    for row in store.query(f"SELECT ?c ?r WHERE {{ ?c a <{terms.Claim.value}> ; {STATUS} ?r }}",
                           use_default_graph_as_union=True):
        out.setdefault(row["c"].value, []).append(row["r"].value.rsplit("#", 1)[1])  # type: ignore[index]
    return out


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A store built from a writable copy of the test triples/: (store location, triples)."""
    triples = Path(shutil.copytree(DATA / "triples", tmp_path / "triples"))
    build_into(tmp_path / "store", triples)
    return tmp_path / "store", triples


def accept(target: str = CLAIM1, seen: str = "", who: str = "ann") -> Decision:
    return new_decision("accept", target, who, seen=seen, before={"status": "Unreviewed"},
                        after={"status": "Accepted"})


def test_append_and_read_back_in_order(tmp_path: Path) -> None:
    log = log_path(tmp_path)
    first, second = accept(), new_decision("reject", CLAIM1, "bob", reason="wrong party",
                                           after={"status": "Rejected"})
    append(log, first)
    append(log, second)
    assert read_log(log) == [first, second]
    assert log.read_text().count("\n") == 2 and '"reason": "wrong party"' in log.read_text()


def test_a_torn_last_line_is_moved_aside_not_dropped(tmp_path: Path) -> None:
    log = log_path(tmp_path)
    append(log, accept())
    with open(log, "ab") as f:
        f.write(b'{"id": "2026', )  # a crash in the middle of an append
    assert len(read_log(log, repair=True)) == 1
    assert log.read_bytes().endswith(b"\n") and len(log.read_text().splitlines()) == 1
    assert log.with_name(log.name + ".torn").read_text() == '{"id": "2026\n'
    append(log, accept(who="bob"))
    assert [d.curator for d in read_log(log)] == ["ann", "bob"]


def test_a_bad_line_inside_the_log_is_an_error_with_its_line(tmp_path: Path) -> None:
    log = log_path(tmp_path)
    append(log, accept())
    with open(log, "a") as f:
        f.write("not json\n")
    append(log, accept(who="bob"))
    before = log.read_bytes()
    with pytest.raises(InputError, match=r"decisions.jsonl:2: not a curation decision"):
        read_log(log)
    assert log.read_bytes() == before


def test_a_decision_gives_one_status_per_claim_in_the_union_view(built: tuple[Path, Path]) -> None:
    location, triples = built
    assert statuses(location)[CLAIM1] == ["Unreviewed"]
    done = curation.record(location, log_path(triples), accept())
    assert statuses(location)[CLAIM1] == ["Accepted"]
    assert all(len(v) == 1 for v in statuses(location).values())
    undo = new_decision("undo", CLAIM1, "bob", seen=done.decision.id,
                        before={"status": "Accepted"}, after={"status": "Unreviewed"})
    curation.record(location, log_path(triples), undo)
    assert statuses(location)[CLAIM1] == ["Unreviewed"]
    store, _ = st.open_read_only(location)
    history = store.query(f"""PREFIX prov: <{terms.PROV}>
        SELECT ?who ?when WHERE {{ ?a a prov:Activity ; prov:used <{CLAIM1}> ;
        prov:wasAssociatedWith/<{terms.RDFS}label> ?who ; prov:endedAtTime ?when }} ORDER BY ?when""",
                          use_default_graph_as_union=True)
    assert sorted(r["who"].value for r in history) == ["ann", "bob"]  # type: ignore[index, union-attr]


def test_the_second_of_two_decisions_on_what_it_saw_is_a_conflict(built: tuple[Path, Path]) -> None:
    location, triples = built
    curation.record(location, log_path(triples), accept(who="ann"))
    late = new_decision("reject", CLAIM1, "bob", seen="", after={"status": "Rejected"})
    with pytest.raises(curation.ConflictError, match="changed by ann"):
        curation.record(location, log_path(triples), late)
    assert [d.curator for d in read_log(log_path(triples))] == ["ann"]
    assert statuses(location)[CLAIM1] == ["Accepted"]


def test_rebuild_and_reextraction_keep_decisions_and_orphans_are_listed(
        built: tuple[Path, Path]) -> None:
    location, triples = built
    gone = terms.CLAIM + "00000000deadbeef"
    log = log_path(triples)
    curation.record(location, log, accept())
    append(log, accept(target=gone))  # a claim the extractor no longer produces
    shutil.rmtree(location)
    build_into(location, triples)  # from scratch: the store knows nothing but the log
    assert statuses(location)[CLAIM1] == ["Accepted"]
    (triples / "s1.trig").touch()  # re-extracted: same claim IRIs, Unreviewed again in triples/
    build_into(location, triples, only="s1")
    assert statuses(location)[CLAIM1] == ["Accepted"]
    store, _ = st.open_read_only(location)
    orphan = curation.decision_iri(read_log(log)[1])
    comment = next(store.quads_for_pattern(orphan, terms.RDFS_COMMENT, None, None)).object.value
    assert "orphaned" in comment and gone not in statuses(location)
    with st.next_version(location) as writable:
        assert [d.target for d in curation.apply(writable, read_log(log)).orphans] == [gone]


def test_correct_makes_a_new_claim_revising_the_old(built: tuple[Path, Path]) -> None:
    location, triples = built
    new = {"s": terms.ID + "japan", "p": terms.partnerOf.value, "o": terms.ID + "australia",
           "source": "s1", "start": 0, "end": 5, "exact": "Japan"}
    d = new_decision("correct", CLAIM1, "ann", before={"status": "Unreviewed"},
                     after={"status": "Rejected", "claim": new})
    curation.record(location, log_path(triples), d)
    node = curation.new_claim_iri(new).value
    assert statuses(location)[CLAIM1] == ["Rejected"] and statuses(location)[node] == ["Accepted"]
    store, _ = st.open_read_only(location)
    assert store.query(f"ASK {{ <{node}> <{terms.PROV_REVISION.value}> <{CLAIM1}> . "
                       f"<{terms.ID}japan> <{terms.partnerOf.value}> <{terms.ID}australia> }}",
                       use_default_graph_as_union=True)


def test_reconcile_applies_a_logged_decision_the_store_missed(built: tuple[Path, Path]) -> None:
    location, triples = built
    log = log_path(triples)
    append(log, accept())  # as if killed after the append, before the switch
    assert not curation.in_step(location, log)
    assert curation.reconcile(location, log) is not None
    assert curation.in_step(location, log) and statuses(location)[CLAIM1] == ["Accepted"]
    assert curation.reconcile(location, log) is None


RECORD_LOOP = """
import sys
from pathlib import Path
from loaders.store import curation
from loaders.store.decisions import log_path, new_decision, read_log
location, triples = Path(sys.argv[1]), Path(sys.argv[2])
for i in range(1000):
    seen = read_log(log_path(triples))
    last = next((d.id for d in reversed(seen) if d.target == sys.argv[3]), "")
    status = "Accepted" if i % 2 else "Rejected"
    curation.record(location, log_path(triples), new_decision(
        "accept" if i % 2 else "reject", sys.argv[3], "ann", seen=last, after={"status": status}))
    print(i, flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_decisions_then_restart_log_and_store_agree(built: tuple[Path, Path]) -> None:
    location, triples = built
    log = log_path(triples)
    rng = random.Random(12)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", RECORD_LOOP, str(location), str(triples),
                                 CLAIM1], stdout=subprocess.PIPE, cwd=Path(__file__).parents[1])
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one decision is through
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        curation.reconcile(location, log)  # what `alliancegraph serve` does when it starts
        decisions = read_log(log)
        assert curation.in_step(location, log)
        assert statuses(location)[CLAIM1] == [decisions[-1].after["status"]]
        assert all(json.loads(line) for line in log.read_text().splitlines())
    assert len(read_log(log)) >= 4


def test_the_status_before_comes_from_the_log_not_the_form(built: tuple[Path, Path]) -> None:
    location, triples = built
    log = log_path(triples)
    first = curation.record(location, log, new_decision(
        "accept", CLAIM1, "ann", before={"status": "Rejected"}, after={"status": "Accepted"}))
    assert first.decision.before["status"] == "Unreviewed"
    second = curation.record(location, log, new_decision(
        "reject", CLAIM1, "bob", seen=first.decision.id, after={"status": "Rejected"}))
    assert read_log(log)[-1].before == {"status": "Accepted"} == second.decision.before


def test_a_remote_store_is_refused_and_the_log_untouched(tmp_path: Path) -> None:
    from loaders.errors import StoreError

    with pytest.raises(StoreError, match="SPARQL endpoint"):
        curation.record("http://127.0.0.1:9/sparql", log_path(tmp_path), accept())
    assert not log_path(tmp_path).exists()
