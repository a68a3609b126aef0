"""`alliancegraph serve`: granian (the default) or gunicorn, Flask's server with `--debug`.

granian (a Rust HTTP server with a WSGI interface) parses requests, keeps connections and
writes answers in Rust: a cheap query cost the whole server about 950 us of CPU time under
gunicorn and 740 us under granian (bench/README.md). It reads each request head in Rust
with a deadline (HEAD_SECONDS), so slow clients hold no Python thread; `--server gunicorn`
keeps the former server, with the HeadDeadlineWorker below doing the same.

Queries run in killable worker processes (`--threads` of them per web process): a query
past its deadline is answered 503 and its worker is killed, which ends it at once, and no
other request of the same web process is disturbed. (The former default ran queries in the
web process's own threads and retired the whole process at a timeout, dropping every other
request it was serving; ALLIANCEGRAPH_SPARQL_EXECUTION=threads still selects it.)

gunicorn's request threads only parse requests and relay answers, so there are many of them
(`CONNECTION_THREADS` per web process): a few slow clients dribbling their headers hold a
thread each but no query worker, and the others are still served; a request head not
complete after HEAD_SECONDS closes its connection (HeadDeadlineWorker; tests/test_endpoint_*).

Each request is logged in the Apache combined format plus its duration in microseconds.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

from loaders.errors import StoreError
from loaders.paths import store_location
from loaders.store.build import build
from loaders.store.versions import current_version, is_remote
from server import create_app
from server.granian import serve_granian
from server.runtime.config import CONNECTION_THREADS, DEFAULTS, HEAD_SECONDS

SERVERS = ("granian", "gunicorn")
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'


class HeadDeadlineWorker(ThreadWorker):
    """gunicorn's gthread worker, plus a deadline for reading each request's head.

    A thread reading a request blocks until the head is complete, so clients that send one
    byte a second could hold every thread (the issue measured 10-20 of them taking the
    server down). A reaper thread shuts down the socket of any connection still sending its
    head after HEAD_SECONDS: the blocked read returns, the thread is free again, and the
    client's connection is closed (it never sent a request to answer).
    """

    def init_process(self) -> None:
        self._reading: dict[int, tuple[float, Any]] = {}
        self._reading_lock = threading.Lock()
        threading.Thread(target=self._reap, daemon=True, name="head-deadline").start()
        super().init_process()

    def handle(self, conn: Any) -> Any:
        with self._reading_lock:
            self._reading[id(conn)] = (time.monotonic() + HEAD_SECONDS, conn)
        try:
            return super().handle(conn)
        finally:
            with self._reading_lock:
                self._reading.pop(id(conn), None)

    def handle_request(self, req: Any, conn: Any) -> Any:
        with self._reading_lock:  # the head is in: the deadline no longer applies
            self._reading.pop(id(conn), None)
        return super().handle_request(req, conn)

    def _reap(self) -> None:
        while True:
            time.sleep(0.5)
            now = time.monotonic()
            with self._reading_lock:
                due = [key for key, (deadline, _) in self._reading.items() if deadline <= now]
                late = [self._reading.pop(key)[1] for key in due]
            for conn in late:
                self.log.warning("closing %s: request head not complete after %g s",
                                 conn.client[0] if conn.client else "?", HEAD_SECONDS)
                try:
                    conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@dataclass(frozen=True)
class ServeOptions:
    """What `alliancegraph serve` was asked for."""

    store: str | None = None
    host: str = "127.0.0.1"
    port: int = 5000
    debug: bool = False
    workers: int = 2
    threads: int = 4  # query worker processes per web process
    timeout: float = DEFAULTS["SPARQL_TIMEOUT"]
    server: str = "granian"  # or "gunicorn"


def ensure_store(location: str) -> str:
    """Build the store first if there is none yet; returns a one-line note (or "")."""
    if is_remote(location):
        return ""
    try:
        current_version(location)
        return ""
    except StoreError:
        pass
    summary = build(location)
    return f"built the store first: {summary}"


def configure(options: ServeOptions) -> str:
    """Put the settings where `create_app()` reads them (ALLIANCEGRAPH_* variables)."""
    location = store_location(options.store)
    os.environ["ALLIANCEGRAPH_STORE"] = location
    os.environ["ALLIANCEGRAPH_SPARQL_TIMEOUT"] = str(options.timeout)
    os.environ["ALLIANCEGRAPH_SPARQL_WORKERS"] = str(max(1, options.threads))
    return location


def gunicorn_options(options: ServeOptions) -> dict[str, Any]:
    """gunicorn settings: bind, workers, worker class, timeouts, access log."""
    return {
        "bind": f"{options.host}:{options.port}",
        "workers": options.workers,
        "threads": max(CONNECTION_THREADS, 2 * options.threads),
        "worker_class": HeadDeadlineWorker,
        # A GET query may be as long as the query limit (100,000 characters, percent-encoded
        # up to 3x): the app answers 413 beyond it, rather than gunicorn's 414 at 4 KB.
        "limit_request_line": 0,
        # gunicorn's own watchdog must never fire before our query deadline does.
        "timeout": int(options.timeout) + 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "preload_app": True,
        "control_socket_disable": True,  # several servers may run side by side (bench/)
        "post_worker_init": _worker_init,
        "worker_exit": _worker_exit,
    }


def _engine(worker: Any) -> Any:
    return getattr(getattr(worker, "wsgi", None), "extensions", {}).get("alliancegraph.engine")


def _worker_init(worker: Any) -> None:
    """Open the store (or start the query workers) now, not on the first request."""
    engine = _engine(worker)
    if engine is not None:
        engine.retire = lambda: _retire(worker)
        engine.warm()


def _retire(worker: Any) -> None:
    """A query thread outlived its deadline and cannot be killed: this web process stops
    accepting, finishes its other requests (graceful_timeout), and exits; exiting ends the
    runaway query and gunicorn starts a fresh process. Other processes serve meanwhile."""
    if worker.alive:
        worker.log.warning("a query ran past its deadline; retiring web process %s", worker.pid)
        worker.alive = False
        worker.retired = True
        threading.Thread(target=_exit_when_idle, args=(worker,), daemon=True).start()


def _exit_when_idle(worker: Any) -> None:
    """gunicorn waits for every connection, including the stuck one: exit once only stuck
    ones remain (or after the graceful timeout)."""
    engine = _engine(worker)
    deadline = time.monotonic() + float(worker.cfg.graceful_timeout)
    while time.monotonic() < deadline:
        stuck = engine.stuck() if engine is not None else 0
        if getattr(worker, "nr_conns", 0) <= stuck:
            break
        time.sleep(0.1)
    worker.log.info("retired web process %s exits", worker.pid)
    os._exit(0)


def _worker_exit(server: Any, worker: Any) -> None:
    """Stop this web process's idle query workers; a retired process exits at once (its
    runaway query thread must not be waited for)."""
    engine = _engine(worker)
    if engine is not None:
        engine.close()
    if getattr(worker, "retired", False):
        os._exit(0)


def check(options: ServeOptions) -> None:
    """ValueError, with a one-line reason, for options that do not fit together."""
    if options.server not in SERVERS:
        raise ValueError(f"unknown server {options.server!r}: one of {', '.join(SERVERS)}")
    if options.server == "granian" and not options.debug \
            and os.environ.get("ALLIANCEGRAPH_SPARQL_EXECUTION", "processes") != "processes":
        raise ValueError("ALLIANCEGRAPH_SPARQL_EXECUTION=threads needs --server gunicorn "
                         "(it retires a gunicorn process at a timeout)")


def ensure_port_free(host: str, port: int) -> None:
    """ValueError if host:port is taken. granian listens with SO_REUSEPORT, so a second server
    on a busy port would not fail: it would share the port with the first, and requests would
    be split between an old store and a new one."""
    if port == 0:
        return
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as e:
        raise ValueError(f"cannot listen on {host}:{port}: {e.strerror}") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is no owner
        try:
            probe.bind(address)
        except OSError as e:
            raise ValueError(f"cannot listen on {host}:{port}: {e.strerror} "
                             "(is another server running there?)") from None


def run(options: ServeOptions) -> None:
    """Serve until interrupted."""
    check(options)
    configure(options)
    app = create_app()
    if options.debug:
        app.run(host=options.host, port=options.port, debug=True, threaded=True)
        return
    if options.server == "granian":
        serve_granian(app, options.host, options.port, options.workers, options.threads)
        return
    class Application(BaseApplication):
        def load_config(self) -> None:
            for key, value in gunicorn_options(options).items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return app

    Application().run()
