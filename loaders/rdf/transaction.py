"""Several files of a project changed together, or not at all, even under kill -9.

`add` writes a text, its triples file and the catalog; no single rename covers three files.
So every new file is first written into `.alliancegraph/staging/` (same file system), with a
manifest of what goes where; renaming the staging directory to `.alliancegraph/commit/` is
the one atomic commit point. `recover` (run, under the project lock, before any command
reads the project) finishes a committed transaction (every step is an idempotent rename)
and throws away an uncommitted one. Killed before the commit: nothing changed; after: the
next command completes it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from loaders.errors import InputError
from loaders.files import _fsync_dir, atomic_writer
from loaders.paths import Project

MANIFEST = "MANIFEST.json"


@contextmanager
def project_lock(project: Project) -> Iterator[None]:
    """One writer of sources/ and triples/ at a time; a crashed writer's work is recovered."""
    project.work_dir.mkdir(exist_ok=True)
    with open(project.work_dir / "lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            recover(project)
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


class Transaction:
    """Files to put and to move away; nothing is visible until `commit`."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.staging = project.work_dir / "staging"
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        self.puts: list[str] = []
        self.moves: list[tuple[str, str]] = []

    def put(self, target: Path, data: bytes) -> None:
        """`target` (inside the project) will hold exactly `data`."""
        rel = self._rel(target)
        staged = self.staging / "files" / rel
        staged.parent.mkdir(parents=True, exist_ok=True)
        with atomic_writer(staged) as f:
            f.write(data)
        self.puts.append(rel)

    def move(self, source: Path, target: Path) -> None:
        """`source` will be moved to `target` (both inside the project), if it exists."""
        self.moves.append((self._rel(source), self._rel(target)))

    def commit(self) -> None:
        """Make the transaction durable (one rename), then carry it out."""
        apply(self.project, self.seal())

    def seal(self) -> Path:
        """Write the manifest and rename staging/ to commit/: from here on it will happen."""
        manifest = {"puts": self.puts, "moves": self.moves}
        with atomic_writer(self.staging / MANIFEST) as f:
            f.write(json.dumps(manifest).encode())
        for d in {(self.staging / "files" / p).parent for p in self.puts}:
            _fsync_dir(d)
        commit = self.project.work_dir / "commit"
        os.rename(self.staging, commit)  # the commit point
        _fsync_dir(self.project.work_dir)
        return commit

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _rel(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.project.root))
        except ValueError:
            raise InputError(f"{path}: outside the project {self.project.root}") from None


def apply(project: Project, commit: Path) -> None:
    """Carry out a committed transaction; safe to repeat after a crash half-way."""
    manifest = json.loads((commit / MANIFEST).read_text(encoding="utf-8"))
    root = project.root
    for src, dst in manifest["moves"]:
        if (root / src).exists():
            (root / dst).parent.mkdir(parents=True, exist_ok=True)
            os.replace(root / src, root / dst)
    for rel in manifest["puts"]:
        staged = commit / "files" / rel
        if staged.exists():  # already moved into place by an interrupted run otherwise
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, root / rel)
            _fsync_dir((root / rel).parent)
    shutil.rmtree(commit)


def recover(project: Project) -> None:
    """Finish a committed transaction, drop an uncommitted one (caller holds the lock)."""
    commit = project.work_dir / "commit"
    if (commit / MANIFEST).exists():
        apply(project, commit)
    shutil.rmtree(project.work_dir / "staging", ignore_errors=True)
