"""Length-prefixed messages over a socket pair, for the hop to a query worker and back.

multiprocessing's Connection waits through `multiprocessing.connection.wait`, which builds a
selector in Python for every wait, and reads each message in two system calls: about a
third of the web process's CPU time on a cheap query (bench/README.md). Here a wait is the
socket's own timeout (one poll in C), and one `recv` usually brings a whole message.
"""

from __future__ import annotations

import socket
import struct
import time

_LENGTH = struct.Struct("!I")
_READ = 256 * 1024  # at most this much is read at once (an answer chunk is 64 KiB)


class PipeClosed(EOFError):
    """The other end has gone (its process died or closed the pipe)."""


class PipeTimeout(Exception):
    """No complete message before the deadline."""


class Pipe:
    """One end of a socket pair carrying whole messages (bytes)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = bytearray()
        self._timeout: float | None = -1.0  # what the socket is set to (-1: unknown)

    def fileno(self) -> int:
        return self.sock.fileno()

    def send(self, data: bytes) -> None:
        """Send one message (blocks until the kernel took it all)."""
        try:
            self.sock.sendall(_LENGTH.pack(len(data)) + data)
        except OSError as e:
            raise PipeClosed(str(e)) from e

    def recv(self, deadline: float | None = None) -> bytes:
        """The next message; PipeTimeout once `deadline` (time.monotonic) has passed
        without one, PipeClosed if the other end has gone."""
        while True:
            msg = self._take()
            if msg is not None:
                return msg
            self._fill(deadline)

    def _take(self) -> bytes | None:
        buf = self._buf
        if len(buf) < 4:
            return None
        (size,) = _LENGTH.unpack_from(buf)
        end = 4 + size
        if len(buf) < end:
            return None
        msg = bytes(buf[4:end])
        del buf[:end]
        return msg

    def _fill(self, deadline: float | None) -> None:
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        if timeout != self._timeout:
            self.sock.settimeout(timeout)
            self._timeout = timeout
        try:
            data = self.sock.recv(_READ)
        except (TimeoutError, BlockingIOError):  # BlockingIOError: the deadline had passed
            raise PipeTimeout() from None
        except OSError as e:
            raise PipeClosed(str(e)) from e
        if not data:
            raise PipeClosed("the other end closed the pipe")
        self._buf += data

    def close(self) -> None:
        self.sock.close()
