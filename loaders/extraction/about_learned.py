"""A small trained ranker for what a statement is `about`, beside the rules of
`loaders.extraction.statements` (`_about`: what the quote names first, not the speaker's own
side; else its sentence; else the article's topic).

Every actor, programme, event, dispute or place the article names is a candidate; a logistic
regression scores each by where it is named (in the quote and how early, in the sentence, just
before the quote, in the sentences around it, in the title), how often the article names it,
its class, whether it is the speaker or the speaker's own side, and whether it is the rules'
choice. Where the quote itself names the rules' choice, that stands; elsewhere the best-scored
candidate wins. Why a ranker: the rules see the quote and its sentence; of their errors on the
dev material that name a thing the extraction found, more than half (174 of 308) are an `about`
the article talks about elsewhere.

The weights are a small JSON file (`about_weights.json`, written by `bench/train_about.py` from
the gold statements of the dev-material splits) in the format of the relation classifier
(`loaders.extraction.learned`). It carries `enabled`: whether the ranker decides at run time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

WEIGHTS = Path(__file__).with_name("about_weights.json")
# Benchmarks only: rank even when the file says off (FORCE), or never (SUSPENDED).
FORCE = False
SUSPENDED = False
# bench/train_about.py: when a list, every ranking is appended to it as
# (article id, kind, start, end, candidates, the rules' choice), offsets as read.
RECORD: list[tuple[str, str, int, int, list[tuple[str, tuple[str, ...]]], str]] | None = None


@dataclass(frozen=True)
class Setting:
    """Where things are named around one statement (entity slugs, in text order)."""

    quote: Sequence[str]
    sentence: Sequence[str]  # the rest of the quote's sentence
    before: Sequence[str]  # the words just before the quote
    previous: Sequence[str]  # the sentence before
    following: Sequence[str]  # the sentence after
    title: frozenset[str]
    counts: dict[str, int]  # mentions in the whole article
    classes: dict[str, str]
    speaker: str
    own: frozenset[str]  # the speaker's own side
    kind: str
    rule: str


def _bucket(n: int, cuts: tuple[int, ...]) -> str:
    return next((str(c) for c in cuts if n <= c), "more")


def candidates(s: Setting) -> list[tuple[str, tuple[str, ...]]]:
    """Every entity the article names, with the features of it as this statement's `about`."""
    ranked = sorted(s.counts, key=lambda e: (-s.counts[e], e))
    others = [e for e in s.quote if e != s.speaker and e not in s.own]
    in_quote: dict[str, int] = {}
    for i, e in enumerate(s.quote):
        in_quote.setdefault(e, i)
    sentence, before, previous, following = (frozenset(x) for x in (s.sentence, s.before, s.previous, s.following))
    out = []
    for rank, e in enumerate(ranked):
        c = s.classes.get(e, "?")
        f = [f"cls={c}", f"kind={s.kind}", f"rank={_bucket(rank, (0, 1, 2, 4))}",
             f"cnt={_bucket(s.counts[e], (1, 3, 7))}"]
        if e in in_quote:
            r = _bucket(in_quote[e], (0, 1, 2))
            f += ["q", f"qr={r}", f"qr={r}|cls={c}"]
            if others and others[0] == e:
                f.append("q_first_other")
        elif e in sentence:
            f += ["s", f"s|cls={c}"]
        if e in before:
            f += ["before", f"before|cls={c}"]
        if e in previous:
            f.append("prev")
        if e in following:
            f.append("next")
        if e == s.rule:
            f += ["rule", f"rule|cls={c}"]
        if e == s.speaker:
            f.append("speaker")
        if e in s.own:
            f.append("own")
        if e in s.title:
            f += ["title", f"title|cls={c}"]
        if not (e in in_quote or e in sentence or e in previous):
            f.append("far")
        out.append((e, tuple(f)))
    return out


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> tuple[dict[str, float], bool] | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}, bool(data["enabled"])


def load(path: Path | None = None) -> tuple[dict[str, float], bool] | None:
    """The committed (or `path`'s) weights and whether the ranker is on; None if absent."""
    return _load(path or WEIGHTS)


def active() -> bool:
    """Whether `choose` is to be called: the ranker decides, or a trainer records."""
    if RECORD is not None:
        return True
    found = load()
    return not SUSPENDED and found is not None and (found[1] or FORCE)


def choose(article: str, start: int, end: int, setting: Setting) -> str:
    """The rules' choice when the ranker is off, else `best`."""
    cands = candidates(setting)
    if RECORD is not None:
        RECORD.append((article, setting.kind, start, end, cands, setting.rule))
    found = load()
    if found is None or SUSPENDED or not (found[1] or FORCE):
        return setting.rule
    return best(found[0], cands, setting.rule, setting.rule in setting.quote)


def best(weights: dict[str, float], cands: Sequence[tuple[str, tuple[str, ...]]], rule: str,
         named: bool) -> str:
    """The rules' choice where the quote names it (`named`: there the rules chose well, 267 of
    301 on the dev material); else the best-scored candidate (ties: the rules' choice, then the
    article's order). Also what bench/train_about.py cross-validates."""
    if named or not cands:
        return rule
    return max(cands, key=lambda c: (sum(weights.get(x, 0.0) for x in c[1]), c[0] == rule))[0]
