"""Counters every web process adds to, read by /metrics: queries, timeouts, refusals, hits.

Kept in shared memory made before gunicorn forks (like `limits`), so /metrics answers the
totals of the whole server whichever web process serves it.
"""

from __future__ import annotations

import multiprocessing
from typing import Any

NAMES = ("requests", "queries", "cache_hits", "timeouts", "rejected_busy",
         "rejected_concurrency", "rejected_rate", "errors", "updates", "store_writes")


class Metrics:
    """Named monotonically increasing counters, shared across forked processes."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self._lock = ctx.Lock()
        self._values: Any = ctx.RawArray("q", len(NAMES))
        self._index = {name: i for i, name in enumerate(NAMES)}

    def add(self, name: str, n: int = 1) -> None:
        """Add to one counter (a KeyError names a counter that does not exist)."""
        i = self._index[name]
        with self._lock:
            self._values[i] += n

    def snapshot(self) -> dict[str, int]:
        """Every counter's current value."""
        with self._lock:
            return {name: int(self._values[i]) for name, i in self._index.items()}

    def prometheus(self, gauges: dict[str, float] | None = None) -> str:
        """The counters (and a few gauges) in the Prometheus text format."""
        lines = []
        for name, value in self.snapshot().items():
            lines += [f"# TYPE alliancegraph_{name}_total counter",
                      f"alliancegraph_{name}_total {value}"]
        for name, gauge in (gauges or {}).items():
            lines += [f"# TYPE alliancegraph_{name} gauge", f"alliancegraph_{name} {gauge:g}"]
        return "\n".join(lines) + "\n"
