"""A project of one's own: `init`, `add`, `remove`, `build`, `serve` as a user runs them, with
the real command in real processes, a real store and a real server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from loaders.errors import InputError, ParseError
from loaders.paths import ROOT, Project
from loaders.rdf import catalog as cat
from loaders.rdf.project import add, init_project, remove
from loaders.rdf.transaction import Transaction, project_lock
from tests.conftest import free_port

CLI = str(Path(sys.executable).parent / "alliancegraph")
A = ROOT / "sources" / "000_8f320c11eea08cbb.txt"
B = ROOT / "sources" / "001_610a90f6e4cef161.txt"
CLAIM = "https://w3id.org/alliancegraph/ontology#Claim"


def run(*args: str, cwd: Path, stdin: bytes | None = None, check: bool = True
        ) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([CLI, *args], cwd=cwd, input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=600)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def state(project: Project) -> tuple[set[str], set[str], set[str]]:
    """Ids in the catalog, texts in sources/, files in triples/."""
    return (set(cat.catalog_checksums(project.catalog_file)),
            {p.stem for p in project.sources_dir.glob("*.txt")},
            {p.stem for p in project.triples_dir.glob("*.trig")})


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".alliancegraph" not in p.parts}


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    p = Project(tmp_path / "p")
    init_project(p)
    return p


def test_init_add_build_serve_with_the_real_command(tmp_path: Path) -> None:
    """The issue's done-when: init, add two texts, build, serve: the two articles' claims."""
    root = tmp_path / "p"
    run("init", str(root), cwd=tmp_path)
    (root / "a.txt").write_bytes(A.read_bytes())
    (root / "b.txt").write_bytes(B.read_bytes())
    out = run("add", "a.txt", "b.txt", "--jobs", "2", cwd=root).stdout
    assert "a.txt: added a:" in out and "b.txt: added b:" in out
    assert (root / "sources" / "a.txt").read_bytes() == A.read_bytes()
    assert "2 sources" in run("build", cwd=root).stdout
    port = free_port()
    log = open(tmp_path / "serve.log", "wb")
    proc = subprocess.Popen([CLI, "serve", "--port", str(port), "--workers", "1"], cwd=root,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    query = ("SELECT ?s (COUNT(?c) AS ?n) WHERE { ?c a <%s> ; "
             "<http://www.w3.org/ns/prov#wasDerivedFrom> ?s } GROUP BY ?s" % CLAIM)
    try:
        for _ in range(300):
            try:
                r = requests.get(f"http://127.0.0.1:{port}/sparql", params={"query": query},
                                 headers={"Accept": "application/sparql-results+json"}, timeout=5)
                if r.ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        rows = {b["s"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}
        # The source page shows the project's own text (not the example project's sources/).
        page = requests.get(f"http://127.0.0.1:{port}/source/a", timeout=10)
        words = [w for w in A.read_text(encoding="utf-8").split() if w.isalpha() and len(w) > 6]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
    assert set(rows) == {"https://w3id.org/alliancegraph/source/a",
                         "https://w3id.org/alliancegraph/source/b"}
    assert all(n > 5 for n in rows.values())
    assert page.status_code == 200 and "<mark" in page.text
    assert sum(w in page.text for w in words[:20]) >= 15


def test_commands_outside_a_project_say_so(tmp_path: Path) -> None:
    proc = run("build", cwd=tmp_path, check=False)
    assert proc.returncode == 1 and "not an AllianceGraph project" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_same_text_is_a_no_op_and_a_changed_one_needs_replace(project: Project, tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_bytes(A.read_bytes())
    assert add(project, [str(f)], jobs=1, progress=False).added == ["x"]
    before = snapshot(project.root)
    again = add(project, [str(f)], jobs=1, progress=False)
    assert again.added == [] and "same text; nothing to do" in again.lines[0]
    assert snapshot(project.root) == before
    f.write_bytes(B.read_bytes())
    with pytest.raises(InputError, match="different text under id x; use --replace"):
        add(project, [str(f)], jobs=1, progress=False)
    assert snapshot(project.root) == before
    add(project, [str(f)], replace=True, jobs=1, progress=False)
    assert (project.sources_dir / "x.txt").read_bytes() == B.read_bytes()
    assert [a.id for a in cat.load_catalog(project.catalog_file)] == ["x"]  # checksum holds


def test_metadata_and_boilerplate_are_written_as_rdf(project: Project, tmp_path: Path) -> None:
    f = tmp_path / "m.txt"
    f.write_bytes(A.read_bytes())
    add(project, [str(f)], cat.SourceMeta(title='He said "no" \\ <x>', creator="R. M.",
                                          date="2024-02-29", url="https://example.org/a"),
        jobs=1, progress=False)
    (article,) = cat.load_catalog(project.catalog_file)
    assert article.title == 'He said "no" \\ <x>'
    assert article.text[article.skip[0][0]:article.skip[0][1]] == "Skip to content"
    with pytest.raises(InputError, match="--date '2024-02-30'"):
        add(project, [str(A)], cat.SourceMeta(date="2024-02-30"), jobs=1, progress=False)


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"caf\xe9 au lait", "not UTF-8 text: invalid byte 0xe9 at byte offset 3"),
    (b"\xff\xfeN\x00A\x00", "binary file, not text"),
    (b"  \n\t\n", "only whitespace"),
])
def test_bad_input_names_the_file_and_adds_nothing(project: Project, tmp_path: Path,
                                                   content: bytes, message: str) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes(A.read_bytes())
    bad.write_bytes(content)
    before = snapshot(project.root)
    proc = run("add", str(good), str(bad), cwd=project.root, check=False)
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert str(bad) in line and message in line
    assert snapshot(project.root) == before


def test_oversized_file_is_refused_before_reading(project: Project, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(cat.MAX_BYTES + 1)  # sparse: the size check must come before reading
    with pytest.raises(InputError, match=f"{big}: file is .* over the limit"):
        add(project, [str(big)], jobs=1, progress=False)


def test_a_hand_broken_catalog_names_file_line_and_column(project: Project, tmp_path: Path) -> None:
    with open(project.catalog_file, "a") as f:
        f.write("\n<https://w3id.org/alliancegraph/source/x> a ag:Source ;\n  dcterms:title \"x .\n")
    proc = run("add", str(A), cwd=project.root, check=False)
    assert proc.returncode == 1
    assert f"{project.catalog_file}:" in proc.stderr
    with pytest.raises(ParseError) as e:
        cat.catalog_checksums(project.catalog_file)
    assert e.value.line is not None and e.value.line > 3 and e.value.column is not None


def test_standard_input(project: Project) -> None:
    out = run("add", "-", "--id", "piped", "--jobs", "1", cwd=project.root,
              stdin=B.read_bytes()).stdout
    assert "added piped" in out
    assert (project.sources_dir / "piped.txt").read_bytes() == B.read_bytes()


def test_remove_keeps_the_text_and_claims_as_orphans(project: Project, tmp_path: Path) -> None:
    for name, src in (("a", A), ("b", B)):
        (tmp_path / f"{name}.txt").write_bytes(src.read_bytes())
    add(project, [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], jobs=1, progress=False)
    claims = (project.triples_dir / "a.trig").read_bytes()
    remove(project, "a")
    assert state(project) == ({"b"}, {"b"}, {"b"})
    assert (project.root / "removed" / "a" / "a.trig").read_bytes() == claims
    with pytest.raises(InputError, match="a: not a catalogued source"):
        remove(project, "a")
    assert "1 sources" in run("build", "--store", str(tmp_path / "store"), cwd=project.root).stdout


def test_a_committed_transaction_interrupted_half_way_is_finished(project: Project) -> None:
    """The window between the commit rename and the last file moved into place."""
    tx = Transaction(project)
    tx.put(project.sources_dir / "t.txt", b"text")
    tx.put(project.triples_dir / "t.trig", b"triples")
    commit = tx.seal()
    # half-applied: the text moved, the triples not yet
    os.replace(commit / "files" / "sources" / "t.txt", project.sources_dir / "t.txt")
    assert not (project.triples_dir / "t.trig").exists()
    with project_lock(project):  # every command takes the lock, which recovers first
        pass
    assert (project.triples_dir / "t.trig").read_bytes() == b"triples"
    assert not commit.exists()


def test_kill_9_during_add_leaves_catalog_and_triples_consistent(project: Project,
                                                                 tmp_path: Path) -> None:
    """SIGKILL a real `add` of many texts at several moments; after each, the next command
    sees catalog, texts and triples/ agreeing (all of a batch, or none of it)."""
    texts = tmp_path / "many"
    texts.mkdir()
    base = A.read_text(encoding="utf-8")
    for i in range(40):
        (texts / f"n{i:02d}.txt").write_text(f"Report {i}.\n\n{base}", encoding="utf-8")
    env = {**os.environ, "ALLIANCEGRAPH_ADD_BATCH": "4"}
    outcomes = set()
    for delay in (0.3, 2.0, 4.0, 6.0, 8.0, 11.0):
        proc = subprocess.Popen([CLI, "add", str(texts), "--jobs", "2"], cwd=project.root,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        with project_lock(project):
            catalogued, txt, trig = state(project)
        assert catalogued == txt == trig, (delay, catalogued ^ txt, catalogued ^ trig)
        assert len(catalogued) % 4 == 0 or len(catalogued) == 40
        cat.load_catalog(project.catalog_file)  # every checksum holds
        outcomes.add(len(catalogued))
    assert len(outcomes) >= 2, outcomes  # the kills landed at different points


def test_a_directory_and_a_glob_then_build(project: Project, tmp_path: Path) -> None:
    many = tmp_path / "many"
    (many / "sub").mkdir(parents=True)
    (many / "one.txt").write_bytes(A.read_bytes())
    (many / "sub" / "two.txt").write_bytes(B.read_bytes())
    (many / "notes.md").write_text("not an article", encoding="utf-8")
    out = run("add", str(many), "--jobs", "2", "--build", "--store", str(tmp_path / "s"),
              cwd=project.root).stdout
    assert "2 added" in out and "2 sources" in out  # --build loaded them
    out = run("add", str(many / "**" / "*.txt"), cwd=project.root).stdout
    assert "0 added, 2 already there" in out
