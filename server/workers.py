"""Run SPARQL in worker processes that can be killed at a deadline.

pyoxigraph has no timeout and no cancel, and a query's results must be consumed in the thread
that made them. So each query runs, and is serialized, inside a worker process that holds
`Store.read_only(version dir)`; the bytes come back through a pipe in chunks of about 64 KiB,
so memory stays flat whatever the size of the answer. At the deadline the web process kills
the worker (SIGKILL really stops the work), starts a fresh one, and answers 503; the other
workers keep serving other clients.

Pipe protocol, one message per `send_bytes`, the first byte says what it is:
``F<json>\\n<body>`` a complete small answer; ``H<json>\\n<bytes>`` the header and first chunk
of a long one, followed by ``D<bytes>`` chunks and one ``E``; ``X<json>`` an error.

This module imports neither Flask nor the server, so a worker starts quickly.
"""

from __future__ import annotations

import json
import os
import pickle
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from typing import IO, Any, cast

import pyoxigraph as ox

CHUNK = 64 * 1024
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclass(frozen=True, slots=True)
class Job:
    """One query as the worker needs it; plain data so it pickles fast."""

    path: str  # the version directory to read (reopened when it changes)
    query: str
    fmt: str  # attribute of QueryResultsFormat (SELECT/ASK) or RdfFormat (graphs)
    rdf_fmt: str  # the RDF format to use if the query turns out to be CONSTRUCT/DESCRIBE
    default_graphs: tuple[str, ...] | None = None  # protocol dataset, overrides FROM
    named_graphs: tuple[str, ...] | None = None
    union: bool = True  # default graph = union of all graphs (unless FROM / protocol dataset)
    cap: int | None = None  # most rows / triples returned
    base_iri: str | None = None


@dataclass(frozen=True)
class Header:
    """What the worker says before the body: the answer's kind and whether it was capped."""

    kind: str  # "solutions", "boolean" or "triples"
    fmt: str
    truncated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class WorkerError(Exception):
    """An error the worker reported; `kind` is syntax, store or value."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


class Timeout(Exception):
    """The deadline passed; the worker was killed."""


class PoolBusy(Timeout):
    """No worker became free before the deadline; nothing was run."""


# --- the worker side ------------------------------------------------------------------------

class _Sink:
    """A binary file-like object that pyoxigraph writes into; sends ~64 KiB messages."""

    def __init__(self, send: Callable[[bytes], None], header: bytes) -> None:
        self.send, self.header, self.buf, self.started = send, header, bytearray(), False

    def write(self, data: bytes) -> int:
        self.buf += data
        if len(self.buf) >= CHUNK:
            self._flush()
        return len(data)

    def flush(self) -> None:  # pyoxigraph calls it; we flush by size only
        pass

    def _flush(self) -> None:
        if self.started:
            self.send(b"D" + self.buf)
        else:
            self.send(b"H" + self.header + b"\n" + self.buf)
            self.started = True
        self.buf = bytearray()

    def close(self) -> None:
        if not self.started:
            self.send(b"F" + self.header + b"\n" + self.buf)
        else:
            if self.buf:
                self.send(b"D" + self.buf)
            self.send(b"E")


def _kwargs(job: Job) -> dict[str, Any]:
    kw: dict[str, Any] = {"base_iri": job.base_iri} if job.base_iri else {}
    if job.default_graphs is not None or job.named_graphs is not None:
        kw["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        kw["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif job.union:
        kw["use_default_graph_as_union"] = True
    return kw


def _error(send: Callable[[bytes], None], kind: str, message: str) -> None:
    send(b"X" + json.dumps({"kind": kind, "message": message}).encode())


def execute(store: ox.Store, job: Job, send: Callable[[bytes], None]) -> None:
    """Run one job and send its answer as messages; every failure becomes an X message."""
    try:
        results = store.query(job.query, **_kwargs(job))
    except SyntaxError as e:
        return _error(send, "syntax", str(e))
    except ValueError as e:
        return _error(send, "value", str(e))
    except OSError as e:
        return _error(send, "store", str(e))
    sink: _Sink | None = None
    try:
        sink = _serialize(results, job, send)
    except OSError as e:
        if sink is None or not sink.started:
            return _error(send, "store", str(e))
        send(b"X" + json.dumps({"kind": "store", "message": str(e)}).encode())
        return
    sink.close()


def _serialize(results: Any, job: Job, send: Callable[[bytes], None]) -> _Sink:
    if isinstance(results, ox.QueryBoolean):
        sink = _Sink(send, _header("boolean", job.fmt))
        results.serialize(_io(sink), getattr(ox.QueryResultsFormat, job.fmt))
    elif isinstance(results, ox.QuerySolutions):
        if job.cap is None:
            sink = _Sink(send, _header("solutions", job.fmt))
            results.serialize(_io(sink), getattr(ox.QueryResultsFormat, job.fmt))
        else:
            from server.capped import write_solutions

            variables = [v.value for v in results.variables]
            rows = list(islice(results, job.cap + 1))
            sink = _Sink(send, _header("solutions", job.fmt, len(rows) > job.cap))
            write_solutions(_io(sink), job.fmt, variables, rows[:job.cap])
    else:
        fmt = getattr(ox.RdfFormat, job.rdf_fmt)
        if job.cap is None:
            sink = _Sink(send, _header("triples", job.rdf_fmt))
            results.serialize(_io(sink), fmt)
        else:
            triples = list(islice(results, job.cap + 1))
            sink = _Sink(send, _header("triples", job.rdf_fmt, len(triples) > job.cap))
            ox.serialize(triples[:job.cap], _io(sink), fmt)
    return sink


def _io(sink: _Sink) -> IO[bytes]:
    """pyoxigraph needs only write(); the sink is file-like enough."""
    return cast(IO[bytes], sink)


def _header(kind: str, fmt: str, truncated: bool = False) -> bytes:
    return json.dumps({"kind": kind, "fmt": fmt, "truncated": truncated}).encode()


def worker_main(conn: Connection) -> None:
    """The worker's loop: open (or reopen) the version a job names, run it, repeat."""
    store: ox.Store | None = None
    opened: str | None = None
    while True:
        try:
            job: Job = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the web process is gone
        if job.path != opened:
            store = None  # close the old version before opening the new one
            try:
                store, opened = ox.Store.read_only(job.path), job.path
            except OSError as e:
                _error(conn.send_bytes, "store", f"cannot open store {job.path}: {e}")
                continue
        assert store is not None
        try:
            execute(store, job, conn.send_bytes)
        except (BrokenPipeError, EOFError):
            return


# --- the web side ---------------------------------------------------------------------------

class Answer:
    """An answer being received: header, first bytes, and an iterator over the rest.

    Iterate `chunks()` to the end (or call `close()`) so the worker goes back to its pool.
    """

    def __init__(self, header: Header, first: bytes, more: bool,
                 recv: Callable[[float], bytes], done: Callable[[bool], None],
                 deadline: float) -> None:
        self.header, self.first, self.more = header, first, more
        self._recv, self._done, self._deadline = recv, done, deadline
        self._closed = not more
        if not more:
            done(True)

    def chunks(self) -> Iterator[bytes]:
        """The body after `first`; raises Timeout or WorkerError if the worker fails midway."""
        ok = False
        try:
            while not self._closed:
                msg = self._recv(self._deadline)
                tag = msg[:1]
                if tag == b"D":
                    yield msg[1:]
                elif tag == b"E":
                    ok = True
                    return
                else:
                    raise _worker_error(msg)
        finally:
            self._finish(ok)

    def _finish(self, ok: bool) -> None:
        if not self._closed:
            self._closed = True
            self._done(ok)

    def close(self) -> None:
        """Stop early (client went away): the worker is killed, as it may be mid-answer."""
        self._finish(False)


def _worker_error(msg: bytes) -> WorkerError:
    info = json.loads(msg[1:])
    return WorkerError(info["kind"], info["message"])


def _parse_first(msg: bytes) -> tuple[Header, bytes, bool]:
    tag = msg[:1]
    if tag == b"X":
        raise _worker_error(msg)
    head, _, body = msg[1:].partition(b"\n")
    info = json.loads(head)
    return Header(info["kind"], info["fmt"], info["truncated"]), body, tag == b"H"


class Worker:
    """One worker process and the web side of its pipe.

    Started as `python -m server.workers FD` rather than by multiprocessing, so it never
    re-imports the web process's main module (which may start a server of its own).
    """

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "server.workers", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())

    def recv(self, deadline: float) -> bytes:
        """The next message, or Timeout once `deadline` (time.monotonic) has passed."""
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            raise Timeout()
        try:
            return self.conn.recv_bytes()
        except (EOFError, OSError) as e:
            raise WorkerError("store", f"query worker died: {e}") from e

    def kill(self) -> None:
        """Really stop the work: SIGKILL, reap, close the pipe."""
        try:
            self.proc.kill()
            self.proc.wait(5)
        finally:
            self.conn.close()


class Pool:
    """A fixed number of query workers for this web process; each runs one query at a time."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._pid = os.getpid()

    def _acquire(self, deadline: float) -> Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._started < self.size:
                self._started += 1
                return Worker()
        try:
            return self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise PoolBusy() from None

    def _release(self, worker: Worker, ok: bool) -> None:
        if ok:
            self._idle.put(worker)
            return
        worker.kill()  # mid-answer, timed out or dead: start over with a fresh process
        try:
            self._idle.put(Worker())
        except Exception:
            with self._lock:
                self._started -= 1
            raise

    def run(self, job: Job, timeout: float) -> Answer:
        """Send a job to an idle worker and wait for the first message until the deadline.

        Raises `PoolBusy` if no worker frees up in time, `Timeout` if the query
        runs past the deadline (the worker is killed), `WorkerError` for errors it reports.
        """
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        try:
            worker.conn.send_bytes(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            msg = worker.recv(deadline)
        except BaseException:
            self._release(worker, False)
            raise
        try:
            header, first, more = _parse_first(msg)
        except WorkerError:
            self._release(worker, True)
            raise
        return Answer(header, first, more, worker.recv,
                      lambda ok: self._release(worker, ok), deadline)

    def warm(self, path: str | None = None, timeout: float = 30.0) -> None:
        """Start every worker now and, given a version directory, have each open it."""
        with self._lock:
            fresh = []
            while self._started < self.size:
                self._started += 1
                fresh.append(Worker())
        deadline = time.monotonic() + timeout
        for worker in fresh:
            if path:
                worker.conn.send_bytes(pickle.dumps(Job(path, "ASK {}", "JSON", "TURTLE")))
        for worker in fresh:
            try:
                if path:
                    worker.recv(deadline)
            except (Timeout, WorkerError):
                self._release(worker, False)
                continue
            self._idle.put(worker)

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their pipe closes)."""
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return


class Cancelled(Exception):
    """Raised into a serializer (from its write) to stop an answer nobody will read."""


class ThreadRunner:
    """Runs queries in daemon threads of this process, on stores this process opens.

    Used by the writable mode (one read-write store) and by gunicorn workers in the
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
                    _error(send, "store", str(e))
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

        header, first, more = _parse_first(recv(deadline))
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
        header, first, more = _parse_first(out[0])
        return Answer(header, first, more, lambda d: b"E", lambda ok: None, deadline)


class Abandoned(Exception):
    """The watchdog already answered this request; nothing more may be written."""


class StoreOpenError(Exception):
    """A version directory that cannot be opened."""


def open_read_only(path: str) -> ox.Store:
    """Store.read_only, with a clear error."""
    try:
        return ox.Store.read_only(path)
    except OSError as e:
        raise StoreOpenError(f"cannot open store {path}: {e}") from e


if __name__ == "__main__":  # a worker process: python -m server.workers FD
    worker_main(Connection(int(sys.argv[1])))
