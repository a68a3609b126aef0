"""The access log under granian: one line per request, in gunicorn's format (Apache combined
plus the duration in microseconds), written with one system call.

granian's own access log goes through Python's `logging` (a record, a formatter, a lock and
a flush per request): about 50 us of a cheap query's CPU time, a tenth of the whole
(bench/README.md). This middleware writes the same facts for a few microseconds. A
streamed answer is logged when it ends, with its full duration.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class AccessLog:
    """WSGI middleware: log each request to a file descriptor (standard output)."""

    def __init__(self, inner: WSGIApp, fd: int = 1) -> None:
        self.inner, self.fd = inner, fd
        self._second = -1
        self._stamp = ""

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        began = time.perf_counter()
        seen: list[str] = ["500", "-"]

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen[0] = status[:3]
            for name, value in headers:
                if name == "Content-Length" or name.lower() == "content-length":
                    seen[1] = value
                    break
            return start_response(status, headers, exc_info)

        try:
            body = self.inner(environ, start)
        except BaseException:
            self.write(environ, seen, began)
            raise
        if isinstance(body, list):
            self.write(environ, seen, began)
            return body
        return _Logged(body, lambda: self.write(environ, seen, began))

    def _now(self) -> str:
        now = int(time.time())
        if now != self._second:
            self._second = now
            self._stamp = time.strftime("[%d/%b/%Y:%H:%M:%S +0000]", time.gmtime(now))
        return self._stamp

    def write(self, environ: dict[str, Any], seen: list[str], began: float) -> None:
        """One line: host - - [time] "request" status bytes "referer" "user agent" NNNus."""
        qs = environ.get("QUERY_STRING")
        target = environ.get("PATH_INFO", "") + ("?" + qs if qs else "")
        us = int((time.perf_counter() - began) * 1e6)
        line = (f'{environ.get("REMOTE_ADDR", "-")} - - {self._now()} '
                f'"{environ.get("REQUEST_METHOD")} {target} {environ.get("SERVER_PROTOCOL")}" '
                f'{seen[0]} {seen[1]} "{environ.get("HTTP_REFERER", "-")}" '
                f'"{environ.get("HTTP_USER_AGENT", "-")}" {us}us\n').encode("utf-8", "replace")
        try:
            while line:
                line = line[os.write(self.fd, line):]
        except OSError:
            pass  # a closed log must not fail the request


class _Logged:
    """A streamed body whose end (or abandonment) writes the log line."""

    def __init__(self, inner: Iterable[bytes], done: Callable[[], None]) -> None:
        self.inner, self.done = inner, done
        self._it: Iterator[bytes] = iter(inner)

    def __iter__(self) -> Iterator[bytes]:
        return self._it

    def close(self) -> None:
        try:
            close = getattr(self.inner, "close", None)
            if close is not None:
                close()
        finally:
            self.done()
