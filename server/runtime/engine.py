"""The query engine behind /sparql: which store, which version, how queries run, the cache.

Modes, chosen from the configuration once:
- read-only, `SPARQL_EXECUTION=processes` (the default; tests, `--debug`): worker processes
  hold the current version read-only and are killed at the deadline (`workers.Pool`);
- read-only, `SPARQL_EXECUTION=threads` (what `alliancegraph serve` sets under gunicorn):
  queries run in the request's own thread (`threads.InlineRunner`); at the deadline a
  watchdog answers 503 and the web process is retired, which ends the query
  (server/serve.py). Cheaper per query; measured in bench/README.md;
- writes (/update, /store with an admin token) never open the served version read-write:
  each makes the next version with `loaders.store.versions.next_version` (a hard-link copy
  that becomes current when the write succeeds, serialized by the build lock), so any web
  process may write, and every process sees the new version at its next request;
- remote (`STORE` is an http(s) URL): queries are forwarded to that endpoint.

The store changes only at a build (or an admin write), so every answer is tagged with the
store's version and small answers are kept in a bounded in-memory cache.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loaders.errors import StoreError
from loaders.paths import store_location
from loaders.store import versions as agstore
from loaders.store.remote import RemoteStore
from server.runtime.config import DEFAULTS
from server.runtime.jobs import Answer, Job, open_read_only
from server.runtime.limits import ClientLimits
from server.runtime.metrics import Metrics
from server.runtime.threads import InlineRunner, ThreadRunner, Watchdog
from server.runtime.workers import Pool


@dataclass(frozen=True)
class Cached:
    """A complete answer kept for repeats of the same query on the same store version."""

    media_type: str
    body: bytes
    truncated: bool


ENTRY_OVERHEAD = 256  # bytes an entry costs beyond its key and body (dict, tuple, object)


def entry_size(key: tuple[Any, ...], value: Cached) -> int:
    """What an entry really holds: its body, the text of its key (the query, up to 100,000
    characters) and a fixed overhead; a bound on bodies alone let 5,000 distinct 95 KB
    queries grow a worker by 327 MB."""
    key_size = sum(len(part) if isinstance(part, str | bytes) else 64 for part in key)
    return len(value.body) + len(value.media_type) + key_size + ENTRY_OVERHEAD


class ResponseCache:
    """A least-recently-used map bounded by the total size of its keys and bodies."""

    def __init__(self, max_bytes: int, max_entry: int) -> None:
        self.max_bytes, self.max_entry = max_bytes, max_entry
        self._items: OrderedDict[tuple[Any, ...], Cached] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Cached | None:
        """The cached answer, marked as just used; None if absent."""
        if not self.max_bytes:
            return None
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: tuple[Any, ...], value: Cached) -> None:
        """Keep an answer if it is small enough, dropping the least recently used ones."""
        size = entry_size(key, value)
        if len(value.body) > self.max_entry or size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size += size - (entry_size(key, old) if old else 0)
            self._items[key] = value
            while self._size > self.max_bytes:
                dropped_key, dropped = self._items.popitem(last=False)
                self._size -= entry_size(dropped_key, dropped)

    @property
    def size(self) -> int:
        """Bytes held now (keys, bodies and overhead)."""
        return self._size

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        """Forget everything (after a write)."""
        with self._lock:
            self._items.clear()
            self._size = 0


class Engine:
    """Runs protocol-level queries against the configured store; one per web process."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        cfg = {**DEFAULTS, **config}
        self.location = store_location(cfg["STORE"])
        self.timeout = float(cfg["SPARQL_TIMEOUT"])
        self.workers = int(cfg["SPARQL_WORKERS"] or DEFAULTS["SPARQL_WORKERS"])
        self.remote = agstore.is_remote(self.location)
        self.cache = ResponseCache(int(cfg["SPARQL_CACHE_BYTES"]),
                                   int(cfg["SPARQL_CACHE_ENTRY_BYTES"]))
        self.check_every = float(cfg["STORE_CHECK_SECONDS"])
        self.queue_seconds = float(cfg["SPARQL_QUEUE_SECONDS"])
        nice = cfg["SPARQL_NICE_AFTER"]
        self.nice_after = None if nice in (None, "") else float(nice)
        exempt = frozenset(a.strip() for a in str(cfg["RATE_EXEMPT"] or "").split(",")
                           if a.strip())
        # Shared memory: made here, before gunicorn forks the web processes.
        self.limits = ClientLimits(int(cfg["SPARQL_CLIENT_QUERIES"] or 0),
                                   float(cfg["RATE_PER_SECOND"] or 0),
                                   float(cfg["RATE_BURST"] or 1), exempt,
                                   bodies=int(cfg["CLIENT_BODIES"] or 0))
        self.metrics = Metrics()
        self.trust_forwarded = _flag(cfg["TRUST_FORWARDED"])
        self.generation = 0  # bumped by every admin write
        self._checked = 0.0
        self._pointer_stat: tuple[int, int] | None = None
        self._read_store: tuple[tuple[int, str], ox.Store] | None = None
        self._version: str | None = None
        self._path_of: tuple[str | None, str] = (None, "")
        self._lock = threading.RLock()  # _inline_runner calls _local_runner
        self._pool: Pool | None = None
        self._pool_pid = 0
        self._local: ThreadRunner | None = None
        self._local_pid = 0
        self._inline: InlineRunner | None = None
        self._remote: Any = None
        # "processes": queries in worker processes killed at the deadline (default, any
        # server); "threads": in this process's threads, which gunicorn retires at a
        # timeout (server/serve.py sets it, with `retire`).
        self.execution = str(cfg["SPARQL_EXECUTION"])
        self.retire: Any = None  # set by serve.py: stop this web process gracefully
        self.timeout_response: bytes | None = None  # the raw 503 the watchdog sends

    # -- versions --------------------------------------------------------------------------
    def version(self) -> str:
        """The store version answers come from. CURRENT is re-read when it changed (one
        stat a request: a write in another web process is seen by the very next request),
        and at least every `check_every` seconds."""
        if self.remote:
            return "remote"
        now = time.monotonic()
        stat = self._stat_pointer()
        if self._version is None or stat != self._pointer_stat \
                or now - self._checked >= self.check_every:
            with self._lock:
                self._version = agstore.current_version(self.location)
                self._checked, self._pointer_stat = now, stat
        return self._version if not self.generation else f"{self._version}.{self.generation}"

    def _stat_pointer(self) -> tuple[int, int] | None:
        try:
            st = os.stat(os.path.join(self.location, agstore.POINTER))
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def read_store(self) -> ox.Store:
        """The current version opened read-only in this process (pages, /store GET).

        Keyed by process too: a handle opened before gunicorn forked is not reused after.
        """
        path = self.version_path()
        key = (os.getpid(), path)
        with self._lock:
            if self._read_store is None or self._read_store[0] != key:
                self._read_store = (key, open_read_only(path))
            return self._read_store[1]

    def version_path(self, version: str | None = None) -> str:
        """The directory of the version answers come from (`version`: as `version()` just
        returned it, saving a second look at CURRENT)."""
        if version is None:
            self.version()
        assert self._version is not None
        if self._path_of[0] != self._version:
            self._path_of = (self._version, str(Path(self.location) / self._version))
        return self._path_of[1]

    def etag(self, *parts: Any, version: str | None = None) -> str:
        """A weak ETag for one answer: the store version and a hash of what was asked."""
        digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()
        return f'W/"{version or self.version()}-{digest}"'

    # -- running -----------------------------------------------------------------------------
    def run(self, job: Job, sock: Any = None, timeout_response: bytes = b"") -> Answer:
        """Run a job; see workers.Pool.run for errors.

        `sock` (gunicorn's client socket) allows running inline in the request's thread,
        with the watchdog sending `timeout_response` on it at the deadline.
        """
        if self.execution == "threads":
            if sock is not None and self.retire is not None:
                return self._inline_runner().run(job, self.timeout, sock, timeout_response)
            return self._local_runner().run(job, self.timeout)
        return self._worker_pool().run(job, self.timeout)

    def _inline_runner(self) -> InlineRunner:
        if self._inline is None:
            with self._lock:
                if self._inline is None:
                    self._inline = InlineRunner(self._local_runner(), Watchdog(self._timed_out))
        return self._inline

    def _worker_pool(self) -> Pool:
        pid = os.getpid()
        if self._pool is None or self._pool_pid != pid:  # a forked web worker starts its own
            with self._lock:
                if self._pool is None or self._pool_pid != pid:
                    self._pool = Pool(self.workers, self.queue_seconds, self.nice_after)
                    self._pool_pid = pid
        return self._pool

    def _local_runner(self) -> ThreadRunner:
        pid = os.getpid()
        if self._local is None or self._local_pid != pid:
            with self._lock:
                if self._local is None or self._local_pid != pid:
                    self._local = ThreadRunner(open_read_only, self.workers, self._timed_out)
                    self._local_pid = pid
        return self._local

    def stuck(self) -> int:
        """Request threads stuck in a query the watchdog already answered."""
        return self._inline.watchdog.stuck if self._inline is not None else 0

    def _timed_out(self) -> None:
        """A query in one of our threads outlived its deadline: it cannot be killed, so
        (under gunicorn) this web process finishes its other requests and exits."""
        if self.retire is not None:
            self.retire()

    def written(self) -> None:
        """Record a write: new ETags, and the cache no longer applies."""
        self.generation += 1
        self.cache.clear()

    def remote_store(self) -> Any:
        """The RemoteStore queries are forwarded to."""
        if self._remote is None:
            self._remote = RemoteStore(self.location, timeout=self.timeout)
        return self._remote

    def warm(self) -> None:
        """Start the query workers before the first request needs them."""
        if self.remote:
            return
        if self.execution == "threads":
            try:
                self._local_runner().store(self.version_path())
            except Exception:  # no store yet: the first query will say so
                pass
            return
        try:
            path: str | None = self.version_path()
        except StoreError:
            path = None  # no store yet: the first query will say so
        self._worker_pool().warm(path)

    def client(self, environ: Mapping[str, Any]) -> str:
        """Who sent a request: its address, or the last X-Forwarded-For hop if trusted."""
        if self.trust_forwarded:
            forwarded = str(environ.get("HTTP_X_FORWARDED_FOR", ""))
            if forwarded:
                return forwarded.rsplit(",", 1)[-1].strip()
        return str(environ.get("REMOTE_ADDR") or "-")

    def close(self) -> None:
        """Stop the idle workers of this process."""
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.close()


def _flag(value: Any) -> bool:
    """A boolean setting, also when it comes from the environment as text."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
