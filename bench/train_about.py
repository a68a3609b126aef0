"""Train and cross-validate the `about` ranker (loaders/extraction/about_learned.py).

    .venv/bin/python bench/train_about.py cv
    .venv/bin/python bench/train_about.py train [--enable] [--out PATH]

The dataset: every matched statement of the dev material (every split but the seeds and the
held-out ones) whose gold names an `about`, with the ranker's candidates as the extraction
builds them at run time (the rules' own choice among the features). A candidate is right when
it is the gold `about` (by identity, as bench/extraction_quality.py scores `about`).

`cv`: leave-one-split-out: train on the other splits, score the held-out one; per split and
pooled, the rules' `about` and the ranker's (which keeps the rules' choice where the quote names
it, as at run time), right of matched statements. The rules were
written on these splits, so their figure is optimistic next to the ranker's held-out one.

`train`: fits on all the dev material and writes loaders/extraction/about_weights.json.
Deterministic: bench/train_relations.py's fit (plain numpy, Adagrad from zero weights, a fixed
number of steps, weights rounded).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import HELD_OUT, split_articles  # noqa: E402
from extraction_quality import SPLITS as ALL_SPLITS  # noqa: E402
from train_relations import fit_rows  # noqa: E402

from loaders.extraction import about_learned, plaintext  # noqa: E402
from loaders.extraction.evaluate import (  # noqa: E402
    Resolver,
    _identity,
    _in_skip,
    _predicted_identities,
    match_statements,
)
from loaders.extraction.pipeline import extract_many  # noqa: E402

SPLITS = tuple(x for x in ALL_SPLITS if x not in HELD_OUT and x != "seeds")


@dataclass(frozen=True)
class Item:
    """One matched statement: its split, the gold `about`'s identity, the rules' choice's
    identity and the candidates (identity, features)."""

    split: str
    gold: str
    rule: str
    candidates: tuple[tuple[str, tuple[str, ...]], ...]


def collect(splits: tuple[str, ...] = SPLITS) -> list[Item]:
    items: list[Item] = []
    for split in splits:
        pairs = split_articles(split)
        about_learned.RECORD = []
        try:
            extractions = extract_many([a for a, _ in pairs])
            record = about_learned.RECORD
        finally:
            about_learned.RECORD = None
        seen: dict[tuple[str, str, int, int], tuple[list[tuple[str, tuple[str, ...]]], str]] = {}
        plains = {a.id: plaintext.plain(a.text) for a, _ in pairs}
        for article, kind, lo, hi, cands, rule in record:
            p = plains[article]
            at = (lo, hi) if p.same else p.span(lo, hi)
            seen[(article, kind, *at)] = (cands, rule)
        for (a, g), x in zip(pairs, extractions):
            ids = _predicted_identities(x, Resolver(g))
            preds = [s for s in x.statements if not _in_skip(s.quote.start, g.skip)]
            for gs, i in match_statements(preds, g, ids):
                if i is None or gs.about is None:
                    continue
                p = preds[i]
                found = seen.get((a.id, p.kind, p.quote.start, p.quote.end))
                if found is None:
                    continue  # (the authorial statement: chosen after, never ranked)
                cands, rule = found
                items.append(Item(split, _identity(g, gs.about), ids.get(rule, rule),
                                  tuple((ids.get(e, e), f) for e, f in cands)))
    return items


def fit(items: list[Item]) -> tuple[dict[str, float], float]:
    rows = [f for it in items for _, f in it.candidates]
    ys = [int(e == it.gold) for it in items for e, _ in it.candidates]
    return fit_rows(rows, ys)


def pick(weights: dict[str, float], it: Item) -> str:
    """As `about_learned.choose` decides (the quote names the rules' choice: its "q" feature)."""
    return about_learned.best(weights, it.candidates, it.rule, "q" in dict(it.candidates).get(it.rule, ()))


def cv(items: list[Item]) -> None:
    print(f"{'held out':10} {'matched':>8} {'rules':>12} {'ranker':>12}")
    total = [0, 0, 0]
    for split in SPLITS:
        test = [it for it in items if it.split == split]
        if not test:
            continue
        weights, _ = fit([it for it in items if it.split != split])
        rules = sum(it.rule == it.gold for it in test)
        ranked = sum(pick(weights, it) == it.gold for it in test)
        total = [total[0] + len(test), total[1] + rules, total[2] + ranked]
        print(f"{split:10} {len(test):8} {rules:5} ({rules / len(test):.2f}) {ranked:5} ({ranked / len(test):.2f})")
    n, rules, ranked = total
    print(f"{'pooled':10} {n:8} {rules:5} ({rules / n:.2f}) {ranked:5} ({ranked / n:.2f})")


def train(items: list[Item], out: Path, enable: bool) -> None:
    weights, bias = fit(items)
    command = "bench/train_about.py train" + (" --enable" if enable else "")
    data = {"about": command, "bias": bias, "enabled": enable, "weights": weights}
    out.write_text(json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(weights)} weights, {len(items)} statements)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("cv", "train"))
    parser.add_argument("--enable", action="store_true", help="write the weights switched on")
    parser.add_argument("--out", type=Path, default=about_learned.WEIGHTS)
    args = parser.parse_args(argv)
    suspended = about_learned.SUSPENDED
    about_learned.SUSPENDED = True  # the rules' `about` while collecting: the ranker's input
    try:
        items = collect()
    finally:
        about_learned.SUSPENDED = suspended
    if args.command == "cv":
        cv(items)
    else:
        train(items, args.out, args.enable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
