"""Open the store: a versioned on-disk Oxigraph store, or a remote SPARQL 1.1 store.

On-disk layout of a store location (default `data/store`)::

    data/store/
      CURRENT            one line: the name of the version readers must open
      PREVIOUS           the version that was current before (kept for readers still on it)
      .build.lock        flock(2)ed by the one build allowed to run at a time
      v-20261122T221500-123456/   a complete pyoxigraph (RocksDB) store; no build writes
                                  into it again once CURRENT names it

A build writes a new version directory and then replaces CURRENT atomically (temp file +
`os.replace`), so a reader never opens a directory a writer is still writing: pyoxigraph
calls that undefined behaviour. A reader notices a new version by re-reading CURRENT
(`current_version`) and reopening. The build keeps the previous version (PREVIOUS) for
readers that have not switched yet and deletes older ones, and any directory a crashed
build left half-written, under the build lock.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from loaders.errors import StoreError
from loaders.files import write_atomic
from loaders.store.remote import RemoteStore

POINTER = "CURRENT"
PREVIOUS = "PREVIOUS"
LOCK_FILE = ".build.lock"
VERSION_PREFIX = "v-"
_VERSION = re.compile(r"^v-[A-Za-z0-9._-]+$")  # ours: v-YYYYmmddTHHMMSS-micros


def is_remote(location: str | os.PathLike[str]) -> bool:
    """True when the location is a SPARQL endpoint URL rather than a directory."""
    return str(location).startswith(("http://", "https://"))


def current_version(location: str | os.PathLike[str]) -> str:
    """The name of the version directory CURRENT points at."""
    pointer = Path(location) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise StoreError(f"no store at {location}: run `alliancegraph build` first") from None
    except OSError as e:
        raise StoreError(f"cannot read {pointer}: {e.strerror}") from e
    if not _VERSION.match(name) or not (Path(location) / name).is_dir():
        raise StoreError(f"{pointer} names {name!r}, which is not a version of this store")
    return name


def previous_version(location: str | os.PathLike[str]) -> str | None:
    """The version that was current before the last switch, if it is still on disk."""
    try:
        name = (Path(location) / PREVIOUS).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name if _VERSION.match(name) and (Path(location) / name).is_dir() else None


def current_path(location: str | os.PathLike[str]) -> Path:
    """The directory of the current version."""
    return Path(location) / current_version(location)


def versions(location: str | os.PathLike[str]) -> list[str]:
    """Every version directory present, oldest first (names sort by creation time)."""
    root = Path(location)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _VERSION.match(p.name))


def new_version_name(location: str | os.PathLike[str]) -> str:
    """A fresh version name that sorts after every existing one."""
    latest = max(versions(location), default="")
    for _ in range(1000):
        name = VERSION_PREFIX + datetime.now(UTC).strftime("%Y%m%dT%H%M%S-%f")
        if name > latest:
            return name
        time.sleep(0.001)  # two builds in one microsecond
    raise StoreError(f"the system clock is behind the newest store version {latest}")


def switch(location: str | os.PathLike[str], version: str) -> None:
    """Make `version` current atomically; remember the old current one as PREVIOUS."""
    root = Path(location)
    old = _read_pointer(root / POINTER)
    if old and old != version:
        write_atomic(root / PREVIOUS, old + "\n")
    write_atomic(root / POINTER, version + "\n")


def remove_stale(location: str | os.PathLike[str], keep: tuple[str, ...] = ()) -> list[str]:
    """Delete version directories that are neither current nor previous (nor in `keep`).

    Call it only while holding the build lock: then any other directory is an old version
    or one a crashed build left half-written.
    """
    root = Path(location)
    wanted = {_read_pointer(root / POINTER), _read_pointer(root / PREVIOUS), *keep}
    removed = []
    for name in versions(root):
        if name not in wanted:
            shutil.rmtree(root / name, ignore_errors=True)
            removed.append(name)
    return removed


@contextmanager
def build_lock(location: str | os.PathLike[str], wait: float = 0.0) -> Iterator[Path]:
    """Hold the location's build lock: one writer at a time, released even on kill -9.

    With `wait`, a writer queues behind another for up to that many seconds (small writes
    such as a curator's decision); a build fails at once rather than queue.
    """
    root = Path(location)
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"store location {root} is not writable: {e.strerror}") from e
    try:
        try:
            _flock(fd, wait)
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                raise StoreError(f"store {root} is locked by another writer (pid {holder}); "
                                 "wait for that build to finish") from e
            raise StoreError(f"cannot lock store {root}: {e.strerror}") from e
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield root
    finally:
        os.close(fd)  # closing releases the flock


def _flock(fd: int, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


@contextmanager
def next_version(location: str | os.PathLike[str], wait: float = 10.0) -> Iterator[ox.Store]:
    """A writable copy of the current version; it becomes current when the block ends.

    The copy is a hard-link checkpoint (`Store.backup`: RocksDB files are immutable, so this
    is fast at any size), so readers of the current version are never disturbed. On an error
    in the block the copy is removed and the current version stays. Holds the build lock.
    """
    with build_lock(location, wait) as root:
        remove_stale(root)
        previous = current_path(root)
        name = new_version_name(root)
        path = root / name
        try:
            try:
                ox.Store.read_only(str(previous)).backup(str(path))
            except OSError as e:
                raise StoreError(f"cannot copy store version {previous}: {e}") from e
            store = open_writable(path)
            yield store
            store.flush()
            del store  # close it (releases RocksDB's lock) before readers may open it
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        switch(root, name)
        remove_stale(root)


def open_read_only(location: str | os.PathLike[str]) -> tuple[ox.Store, str]:
    """Open the current version read-only; returns (store, version name)."""
    version = current_version(location)
    try:
        return ox.Store.read_only(str(Path(location) / version)), version
    except OSError as e:
        raise StoreError(f"cannot open store {Path(location) / version}: {e}") from e


def open_writable(path: str | os.PathLike[str]) -> ox.Store:
    """Open (or create) one version directory for writing, with a clear error if locked."""
    try:
        return ox.Store(str(path))
    except OSError as e:
        text = str(e)
        if "lock" in text.lower():
            raise StoreError(f"store {path} is locked by another writer: {text}") from e
        raise StoreError(f"cannot open store {path} for writing: {text}") from e


def open_location(location: str | os.PathLike[str]) -> ox.Store | RemoteStore:
    """The store to read from: a RemoteStore for a URL, else the current version read-only."""
    if is_remote(location):
        return RemoteStore(str(location))
    return open_read_only(location)[0]


def _read_pointer(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None
