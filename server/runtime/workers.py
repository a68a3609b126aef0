"""Run SPARQL in worker processes that can be killed at a deadline.

pyoxigraph has no timeout and no cancel, and a query's results must be consumed in the thread
that made them. So each query runs, and is serialized, inside a worker process that holds
`Store.read_only(version dir)`; the bytes come back through a pipe in chunks of about 64 KiB,
so memory stays flat whatever the size of the answer. At the deadline the web process kills
the worker (SIGKILL really stops the work), starts a fresh one, and answers 503; the other
workers keep serving other clients.

The pipe (server/runtime/pipe.py) carries the messages of `server.runtime.jobs`, one per
`send`.

This module imports neither Flask nor the server, so a worker starts quickly.
"""

from __future__ import annotations

import os
import pickle
import queue
import socket
import subprocess
import sys
import threading
import time

import pyoxigraph as ox

from server.runtime.jobs import (
    Answer,
    Job,
    PoolBusy,
    Timeout,
    WorkerError,
    execute,
    parse_first,
    send_error,
)
from server.runtime.pipe import Pipe, PipeClosed, PipeTimeout

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def worker_main(conn: Pipe) -> None:
    """The worker's loop: open (or reopen) the version a job names, run it, repeat."""
    store: ox.Store | None = None
    opened: str | None = None
    while True:
        try:
            job: Job = pickle.loads(conn.recv())
        except PipeClosed:
            return  # the web process is gone
        if job.path != opened:
            store = None  # close the old version before opening the new one
            try:
                store, opened = ox.Store.read_only(job.path), job.path
            except OSError as e:
                send_error(conn.send, "store", f"cannot open store {job.path}: {e}")
                continue
        assert store is not None
        try:
            execute(store, job, conn.send)
        except PipeClosed:
            return


class Worker:
    """One worker process and the web side of its pipe.

    Started as `python -m server.runtime.workers FD` rather than by multiprocessing, so it never
    re-imports the web process's main module (which may start a server of its own).
    """

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "server.runtime.workers", str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        finally:
            theirs.close()
        self.conn = Pipe(ours)
        self.niced = False
        self.nice_after: float | None = None  # set per job by Pool.run

    def recv(self, deadline: float) -> bytes:
        """The next message, or Timeout once `deadline` (time.monotonic) has passed.

        A query still running after `nice_after` seconds is an expensive one: its process
        is lowered to nice 19 so that cheap queries keep the CPU (fair scheduling without
        knowing the cost beforehand)."""
        try:
            if self.nice_after is not None and not self.niced:
                try:
                    return self.conn.recv(min(deadline, time.monotonic() + self.nice_after))
                except PipeTimeout:
                    self._lower_priority()
            return self.conn.recv(deadline)
        except PipeTimeout:
            raise Timeout() from None
        except PipeClosed as e:
            raise WorkerError("store", f"query worker died: {e}") from e

    def _lower_priority(self) -> None:
        self.niced = True
        try:
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, 19)
        except OSError:
            pass

    def restore_priority(self) -> bool:
        """Back to normal priority for the next job; False if not allowed (replace it)."""
        if not self.niced:
            return True
        try:
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, 0)
        except OSError:
            return False
        self.niced = False
        return True

    def signal_kill(self) -> None:
        """SIGKILL, without waiting for the process to be gone."""
        try:
            self.proc.kill()
        except OSError:
            pass

    def kill(self) -> None:
        """Really stop the work: SIGKILL, reap, close the pipe."""
        try:
            self.proc.kill()
            self.proc.wait(5)
        finally:
            self.conn.close()


class Pool:
    """A fixed number of query workers for this web process; each runs one query at a time."""

    def __init__(self, size: int, queue_seconds: float | None = None,
                 nice_after: float | None = None) -> None:
        self.size, self.queue_seconds, self.nice_after = size, queue_seconds, nice_after
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._pid = os.getpid()
        self._last_path: str | None = None  # the version the last job read (for warm-ups)

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
        if ok and worker.restore_priority():
            self._idle.put(worker)
            return
        # Mid-answer, timed out or dead: SIGKILL stops the work now; reaping it and starting
        # a fresh process happen in the background. A killed query's process may have been
        # lowered to nice 19, and on a busy machine it can take seconds to get the CPU to
        # finish exiting: the 503 must not wait for that (the load test once saw 4.3 s).
        worker.signal_kill()
        threading.Thread(target=self._replace, args=(worker,), daemon=True,
                         name="query-worker-replace").start()

    def _replace(self, worker: Worker) -> None:
        try:
            worker.kill()
        except subprocess.TimeoutExpired:  # killed, but slow to exit: wait it out here
            worker.proc.wait()
        try:
            fresh = Worker()
        except Exception:
            with self._lock:
                self._started -= 1
            return
        if self._last_path is None:
            self._idle.put(fresh)
            return
        # The fresh process starts Python and opens the store before it takes a query: the
        # next (cheap) query must not pay for that.
        self._warm_up(fresh, self._last_path)

    def _warm_up(self, worker: Worker, path: str, timeout: float = 30.0) -> None:
        try:
            worker.conn.send(pickle.dumps(Job(path, "ASK {}", "JSON", "TURTLE")))
            worker.recv(time.monotonic() + timeout)
        except (Timeout, WorkerError, PipeClosed, OSError):
            worker.kill()
            with self._lock:
                self._started -= 1
            return
        self._idle.put(worker)

    def run(self, job: Job, timeout: float) -> Answer:
        """Send a job to an idle worker and wait for the first message until the deadline.

        Raises `PoolBusy` if no worker frees up within the queue time (or the deadline),
        `Timeout` if the query runs past the deadline (the worker is killed), `WorkerError`
        for errors it reports.
        """
        now = time.monotonic()
        deadline = now + timeout
        wait = timeout if self.queue_seconds is None else min(timeout, self.queue_seconds)
        worker = self._acquire(now + wait)
        worker.nice_after = self.nice_after
        self._last_path = job.path
        try:
            worker.conn.send(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            msg = worker.recv(deadline)
        except BaseException:
            self._release(worker, False)
            raise
        try:
            header, first, more = parse_first(msg)
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
                worker.conn.send(pickle.dumps(Job(path, "ASK {}", "JSON", "TURTLE")))
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


if __name__ == "__main__":  # a worker process: python -m server.runtime.workers FD
    worker_main(Pipe(socket.socket(fileno=int(sys.argv[1]))))

