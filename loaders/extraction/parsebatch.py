"""Dependency parses for several articles at once, in one model batch per round.

The relation rules ask for the parse of a sentence only when they need it, deep inside
their own logic, so which sentences need parsing is known only by running the rules. One
parse per call costs about three times as much as the same sentence inside a batch (the
model's fixed cost per call dominates a short sentence). So `ParseBatcher.run` runs each
article's rule pass in its own thread; a thread that needs a parse waits, and once every
unfinished thread waits, all their sentences are parsed in one batch and the threads go on.
Articles share no mutable state, and a sentence's parse does not depend on its batch, so
the results are exactly those of running the articles one after another.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Key = tuple[int, int]  # (article index, sentence index)


class ParseBatcher(Generic[T]):
    """Runs tasks in threads; `request` parks a thread until the next batch is parsed."""

    def __init__(self, parse_texts: Callable[[list[str]], list[Any]]) -> None:
        self._parse_texts = parse_texts
        # One lock, two conditions: a request or a finished task wakes only the coordinator,
        # and a parsed batch wakes only the parked threads (one shared condition woke every
        # parked thread at every request and at every finished task, to check and sleep again).
        lock = threading.RLock()
        self._cond = threading.Condition(lock)  # the coordinator waits on this one
        self._parked = threading.Condition(lock)
        self._pending: dict[Key, str] = {}
        self._done: dict[Key, Any] = {}
        self._waiting = 0
        self._running = 0
        self._round = 0

    def request(self, article: int, sentence: int, text: str) -> Any:
        """The parse of `text` (sentence `sentence` of article `article`), from the next batch."""
        key = (article, sentence)
        with self._cond:
            self._pending[key] = text
            self._waiting += 1
            my_round = self._round
            if self._waiting >= self._running:
                self._cond.notify()
            while self._round == my_round:
                self._parked.wait()
            return self._done.pop(key)

    def run(self, tasks: list[Callable[[], T]]) -> list[T]:
        """Every task's result, in order; the first (lowest-index) exception is re-raised."""
        results: list[Any] = [None] * len(tasks)
        errors: list[tuple[int, BaseException]] = []

        def work(i: int, task: Callable[[], T]) -> None:
            try:
                results[i] = task()
            except BaseException as e:  # noqa: BLE001 - re-raised in the calling thread
                errors.append((i, e))
            finally:
                with self._cond:
                    self._running -= 1
                    if self._waiting >= self._running:
                        self._cond.notify()

        self._running = len(tasks)
        threads = [threading.Thread(target=work, args=(i, t), daemon=True)
                   for i, t in enumerate(tasks)]
        for t in threads:
            t.start()
        with self._cond:
            while True:
                while self._waiting < self._running:
                    self._cond.wait()
                if self._running == 0:
                    break
                keys = sorted(self._pending)
                docs = self._parse_texts([self._pending[k] for k in keys])
                self._done.update(zip(keys, docs))
                self._pending.clear()
                self._waiting = 0
                self._round += 1
                self._parked.notify_all()
        for t in threads:
            t.join()
        if errors:
            raise min(errors, key=lambda e: e[0])[1]
        return results
