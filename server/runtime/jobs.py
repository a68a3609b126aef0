"""A query job and how it is executed and answered, whatever runs it (a worker process, a
thread, or the request's own thread).

An answer travels as messages, one per `send`, the first byte saying what it is:
``F<json>\\n<body>`` a complete small answer; ``H<json>\\n<bytes>`` the header and first chunk
of a long one, followed by ``D<bytes>`` chunks and one ``E``; ``X<json>`` an error. The same
messages cross a worker's pipe or stay in memory, so every runner answers alike.

This module imports neither Flask nor the server, so a worker starts quickly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any, cast

import pyoxigraph as ox

from server.runtime.capped import write_solutions

CHUNK = 64 * 1024


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


def send_error(send: Callable[[bytes], None], kind: str, message: str) -> None:
    send(b"X" + json.dumps({"kind": kind, "message": message}).encode())


def execute(store: ox.Store, job: Job, send: Callable[[bytes], None]) -> None:
    """Run one job and send its answer as messages; every failure becomes an X message."""
    try:
        results = store.query(job.query, **_kwargs(job))
    except SyntaxError as e:
        return send_error(send, "syntax", str(e))
    except ValueError as e:
        return send_error(send, "value", str(e))
    except OSError as e:
        return send_error(send, "store", str(e))
    sink: _Sink | None = None
    try:
        sink = _serialize(results, job, send)
    except OSError as e:
        if sink is None or not sink.started:
            return send_error(send, "store", str(e))
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
        self._after: list[Callable[[], None]] = []
        if not more:
            done(True)

    def then(self, fn: Callable[[], None]) -> None:
        """Call `fn` once the answer is finished (now, if it already is)."""
        if self._closed:
            fn()
        else:
            self._after.append(fn)

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
            try:
                self._done(ok)
            finally:
                for fn in self._after:
                    fn()

    def close(self) -> None:
        """Stop early (client went away): the worker is killed, as it may be mid-answer."""
        self._finish(False)


def _worker_error(msg: bytes) -> WorkerError:
    info = json.loads(msg[1:])
    return WorkerError(info["kind"], info["message"])


def parse_first(msg: bytes) -> tuple[Header, bytes, bool]:
    tag = msg[:1]
    if tag == b"X":
        raise _worker_error(msg)
    head, _, body = msg[1:].partition(b"\n")
    info = json.loads(head)
    return Header(info["kind"], info["fmt"], info["truncated"]), body, tag == b"H"


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


