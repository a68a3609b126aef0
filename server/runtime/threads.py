"""Run queries in threads of the web process: cheaper than a worker process, but a thread
cannot be killed, so a watchdog answers 503 at the deadline itself and retires the process.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Callable

import pyoxigraph as ox

from server.runtime.jobs import (
    Abandoned,
    Answer,
    Job,
    PoolBusy,
    Timeout,
    WorkerError,
    execute,
    parse_first,
    send_error,
)


class Cancelled(Exception):
    """Raised into a serializer (from its write) to stop an answer nobody will read."""


class ThreadRunner:
    """Runs queries in daemon threads of this process, on stores this process opens.

    Used by gunicorn workers in the (opt-in)
    `threads` execution mode, where there is no pipe to cross: much cheaper per query than
    a worker process. A thread cannot be killed, so at the deadline the client gets 503
    and `on_timeout` is called: in gunicorn it retires this web process (it finishes its
    other requests, then exits, which ends the runaway query; gunicorn starts a new one).
    A serialization still running when its reader has gone is stopped at its next write.
    """

    def __init__(self, open_store: Callable[[str], ox.Store], size: int = 8,
                 on_timeout: Callable[[], None] | None = None) -> None:
        self._open, self._on_timeout = open_store, on_timeout
        self._stores: dict[str, ox.Store] = {}
        self._slots = threading.BoundedSemaphore(size)
        self._tasks: queue.SimpleQueue[tuple[Job, Callable[[bytes], None]]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._size = size

    def store(self, path: str) -> ox.Store:
        """The store of one version directory, opened once (the previous one is dropped)."""
        store = self._stores.get(path)
        if store is None:
            with self._lock:
                store = self._stores.get(path)
                if store is None:
                    store = self._open(path)
                    self._stores = {path: store}
        return store

    def _loop(self) -> None:
        while True:
            job, send = self._tasks.get()
            try:
                try:
                    store = self.store(job.path)
                except Exception as e:  # StoreOpenError, StoreError: reported, not raised
                    send_error(send, "store", str(e))
                    continue
                execute(store, job, send)
            except Cancelled:
                pass
            finally:
                self._slots.release()

    def _start_thread(self) -> None:
        with self._lock:
            if self._threads < self._size:
                self._threads += 1
                threading.Thread(target=self._loop, daemon=True,
                                 name="alliancegraph-query").start()

    def run(self, job: Job, timeout: float) -> Answer:
        """Like Pool.run, with the same messages passed through a queue."""
        deadline = time.monotonic() + timeout
        if not self._slots.acquire(timeout=timeout):
            raise PoolBusy()
        if self._threads < self._size:
            self._start_thread()
        q: queue.Queue[bytes] = queue.Queue(maxsize=16)
        cancelled = threading.Event()

        def send(msg: bytes) -> None:
            while not cancelled.is_set():
                try:
                    return q.put(msg, timeout=0.5)
                except queue.Full:
                    continue
            raise Cancelled()

        self._tasks.put((job, send))

        def recv(deadline: float) -> bytes:
            try:
                return q.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                cancelled.set()
                if self._on_timeout is not None:
                    self._on_timeout()
                raise Timeout() from None

        def done(ok: bool) -> None:
            if not ok:
                cancelled.set()

        header, first, more = parse_first(recv(deadline))
        return Answer(header, first, more, recv, done, deadline)


class _Overflow(Exception):
    """An answer outgrew the inline buffer."""


class Watchdog:
    """One thread per web process that answers 503 for inline queries past their deadline.

    The thread running such a query is stuck inside pyoxigraph, so the watchdog writes the
    503 to the client's socket itself, then calls `on_expire` (which retires the process).
    It polls every 0.2 s rather than being woken per request, to keep the hot path free of
    thread switches.
    """

    def __init__(self, on_expire: Callable[[], None], tick: float = 0.2) -> None:
        self._on_expire, self._tick = on_expire, tick
        self._items: dict[int, tuple[float, socket.socket, bytes]] = {}
        self._expired: set[int] = set()
        self._lock = threading.Lock()
        self._next = 0
        self._thread: threading.Thread | None = None

    def watch(self, deadline: float, sock: socket.socket, response: bytes) -> int:
        """Register a query; returns a token for `finished`."""
        with self._lock:
            self._next += 1
            self._items[self._next] = (deadline, sock, response)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, daemon=True,
                                                name="alliancegraph-watchdog")
                self._thread.start()
            return self._next

    @property
    def stuck(self) -> int:
        """Queries answered 503 whose threads have not come back."""
        return len(self._expired)

    def finished(self, token: int) -> bool:
        """Unregister; False if the watchdog already answered for it (too late)."""
        with self._lock:
            self._items.pop(token, None)
            if token in self._expired:
                self._expired.discard(token)
                return False
            return True

    def _loop(self) -> None:
        while True:
            time.sleep(self._tick)
            now = time.monotonic()
            with self._lock:
                due = [(t, item) for t, item in self._items.items() if item[0] <= now]
                for token, _ in due:
                    del self._items[token]
                    self._expired.add(token)
            for _, (_, sock, response) in due:
                try:
                    sock.sendall(response)
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            if due:
                self._on_expire()


class InlineRunner:
    """Runs a query in the request's own thread (gunicorn, `threads` execution).

    No thread or process switch at all for answers up to 64 KiB; a longer answer is
    abandoned at 64 KiB and run again, streamed, by the ThreadRunner. The Watchdog
    answers 503 at the deadline and retires the process.
    """

    def __init__(self, threads: ThreadRunner, watchdog: Watchdog) -> None:
        self.threads, self.watchdog = threads, watchdog

    def run(self, job: Job, timeout: float, sock: socket.socket, response: bytes) -> Answer:
        """Answer a job inline; see ThreadRunner.run for errors."""
        deadline = time.monotonic() + timeout
        try:
            store = self.threads.store(job.path)
        except Exception as e:
            raise WorkerError("store", str(e)) from None
        out: list[bytes] = []
        overflow = [False]

        def send(msg: bytes) -> None:
            if msg[:1] in (b"F", b"X") and not overflow[0]:
                out.append(msg)
                return
            overflow[0] = True
            raise _Overflow()

        token = self.watchdog.watch(deadline, sock, response)
        try:
            execute(store, job, send)
        except _Overflow:
            pass
        finally:
            in_time = self.watchdog.finished(token)
        if not in_time:
            raise Abandoned()
        if overflow[0] or not out:
            return self.threads.run(job, max(0.0, deadline - time.monotonic()))
        header, first, more = parse_first(out[0])
        return Answer(header, first, more, lambda d: b"E", lambda ok: None, deadline)


