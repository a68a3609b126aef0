"""Per-client limits shared by every web process: concurrent queries and a request rate.

A public endpoint must not let one client take every query worker (eight cheap requests
used to take the endpoint down for 40 s). The counters live in shared memory created before
gunicorn forks its web processes (`preload_app`), so a client's limit holds across all of
them. Clients are hashed into a fixed number of slots: memory is bounded whatever the number
of clients, and two clients that collide share a limit (rare with 4,096 slots; harmless,
since the limit is per slot, never global).

No Flask here: the WSGI limiter (server/api/limiter.py) and the engine use it.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from dataclasses import dataclass
from typing import Any

SLOTS = 4096


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused now, and when to try again (seconds, for Retry-After)."""

    reason: str  # "concurrency" or "rate"
    retry_after: int
    message: str


class ClientLimits:
    """Concurrent queries per client and a token-bucket request rate per client.

    `rate` requests a second with bursts of `burst`; rate 0 turns the rate limit off.
    `concurrency` queries running at once per client; 0 turns that limit off. Addresses in
    `exempt` (e.g. a trusted front) are never limited.
    """

    def __init__(self, concurrency: int, rate: float, burst: float,
                 exempt: frozenset[str] = frozenset(), slots: int = SLOTS,
                 bodies: int = 0) -> None:
        self.concurrency, self.rate, self.burst = concurrency, rate, max(burst, 1.0)
        self.exempt, self.slots, self.bodies = exempt, slots, bodies
        ctx = multiprocessing.get_context("fork")
        self._lock = ctx.Lock()
        self._running: Any = ctx.RawArray("i", slots)
        self._tokens: Any = ctx.RawArray("d", slots)
        self._stamp: Any = ctx.RawArray("d", slots)  # 0.0: bucket never used (full)
        self._reading: Any = ctx.RawArray("i", slots)  # requests with a body in progress

    def slot(self, client: str) -> int:
        """The slot a client's counters live in."""
        digest = hashlib.blake2b(client.encode(), digest_size=4).digest()
        return int.from_bytes(digest, "big") % self.slots

    def take_request(self, client: str) -> Refusal | None:
        """Count one request against the client's rate; a Refusal if it has none left."""
        if not self.rate or client in self.exempt:
            return None
        i, now = self.slot(client), time.monotonic()
        with self._lock:
            last = self._stamp[i]
            tokens = self.burst if last == 0.0 else min(
                self.burst, self._tokens[i] + (now - last) * self.rate)
            self._stamp[i] = now
            if tokens >= 1.0:
                self._tokens[i] = tokens - 1.0
                return None
            self._tokens[i] = tokens
        wait = max(1, int((1.0 - tokens) / self.rate + 0.999))
        return Refusal("rate", wait, f"more than {self.rate:g} requests a second from "
                                     f"{client}; try again in {wait} s")

    def enter(self, client: str) -> tuple[int, Refusal | None]:
        """Start one query for a client: (slot, None), or (-1, Refusal) if it has too many
        running. Every successful enter must be paired with `leave(slot)`."""
        if not self.concurrency or client in self.exempt:
            return -1, None
        i = self.slot(client)
        with self._lock:
            if self._running[i] >= self.concurrency:
                return -1, Refusal("concurrency", 2,
                                   f"{client} already has {self.concurrency} queries running; "
                                   "wait for one to finish")
            self._running[i] += 1
        return i, None

    def leave(self, slot: int) -> None:
        """A query entered with `enter` has ended."""
        if slot < 0:
            return
        with self._lock:
            self._running[slot] = max(0, self._running[slot] - 1)

    def enter_body(self, client: str) -> tuple[int, Refusal | None]:
        """Start one request with a body (read by a server thread, however slowly the
        client sends it): (slot, None), or (-1, Refusal) if the client has `bodies` of them
        in progress already. Pair every successful one with `leave_body(slot)`."""
        if not self.bodies or client in self.exempt:
            return -1, None
        i = self.slot(client)
        with self._lock:
            if self._reading[i] >= self.bodies:
                return -1, Refusal("bodies", 2,
                                   f"{client} already has {self.bodies} requests with a body "
                                   "in progress; wait for one to finish")
            self._reading[i] += 1
        return i, None

    def leave_body(self, slot: int) -> None:
        """A request entered with `enter_body` has been answered."""
        if slot < 0:
            return
        with self._lock:
            self._reading[slot] = max(0, self._reading[slot] - 1)

    def running(self, client: str) -> int:
        """Queries this client has running now (for tests and the status page)."""
        return int(self._running[self.slot(client)])


class Refused(Exception):
    """A request refused by a limit; carries the Refusal (reason, Retry-After)."""

    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.message)
