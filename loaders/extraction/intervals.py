"""How far a figure measured on a few articles can be trusted: article-level bootstrap intervals.

A split of ten articles gives a relation recall, but another ten articles of the same kind
would give another one. Resampling whole articles with replacement (an article's relations,
quotes and statements are not independent of each other, so articles, not items, are the
units) and re-computing the micro-average each time shows the spread: the percentile interval
of the draws. Pure and deterministic for a seed; the scores come from `evaluate.score`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from loaders.extraction.evaluate import PRF, Score

# The counts of one article that the goal figures are computed from.
COUNTS = ("rel_tp", "rel_fp", "rel_fn", "quotes_found", "quotes_total", "stance_correct",
          "stance_total", "ent_tp", "ent_fp", "ent_fn")
Counts = tuple[int, ...]


def _ratio(n: int, d: int) -> float:
    return n / d if d else 1.0


# Each goal figure of issue 10 from summed counts (the order of COUNTS), with its goal; relations
# and linking as the scorer computes them (`PRF`).
FIGURES: dict[str, tuple[Callable[[Counts], float], float]] = {
    "relation precision": (lambda c: PRF(c[0], c[1], c[2]).precision, 0.85),
    "relation recall": (lambda c: PRF(c[0], c[1], c[2]).recall, 0.6),
    "direct quotes": (lambda c: _ratio(c[3], c[4]), 0.8),
    "stance": (lambda c: _ratio(c[5], c[6]), 0.75),
    "linking F1": (lambda c: PRF(c[7], c[8], c[9]).f1, 0.9),
}


@dataclass(frozen=True)
class Interval:
    """A figure as measured, its bootstrap percentile interval, and how often a draw met its goal."""

    figure: str
    value: float
    low: float
    high: float
    goal: float
    goal_met: float  # share of draws at or above the goal


def counts(score: Score) -> Counts:
    """The counts of one article's score, in the order of COUNTS."""
    rel, ent = score.kinds["relations"], score.kinds["entities"]
    return (rel.tp, rel.fp, rel.fn, score.quotes_found, score.quotes_total, score.stance_correct,
            score.stance_total, ent.tp, ent.fp, ent.fn)


def _summed(rows: Sequence[Counts]) -> Counts:
    return tuple(sum(column) for column in zip(*rows)) if rows else (0,) * len(COUNTS)


def _percentile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of sorted values, interpolated between the two nearest ranks."""
    at = q * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def bootstrap(scores: Sequence[Score], draws: int = 2000, seed: int = 0,
              level: float = 0.95) -> list[Interval]:
    """Each goal figure of the micro-average of `scores`, with the `level` percentile interval
    over `draws` resamples of the articles (with replacement, as many as there are)."""
    if draws < 1:
        raise ValueError("draws must be at least 1")
    if not 0 < level < 1:
        raise ValueError("level must lie between 0 and 1")
    rows = [counts(s) for s in scores]
    rng = random.Random(seed)
    samples = [_summed([rows[rng.randrange(len(rows))] for _ in rows]) for _ in range(draws)] if rows else []
    total = _summed(rows)
    out = []
    for name, (figure, goal) in FIGURES.items():
        values = sorted(figure(c) for c in samples) or [figure(total)]
        tail = (1 - level) / 2
        out.append(Interval(name, figure(total), _percentile(values, tail), _percentile(values, 1 - tail), goal,
                            sum(v >= goal for v in values) / len(values)))
    return out


def render(intervals: Sequence[Interval], level: float = 0.95) -> str:
    """One line per figure: value, interval, goal and the share of draws that meet it."""
    return "\n".join(f"  {i.figure:<18} {i.value:.2f}  {level:.0%} interval {i.low:.2f}-{i.high:.2f}  "
                     f"(goal {i.goal:.2f}; met in {i.goal_met:.1%} of draws)" for i in intervals)
