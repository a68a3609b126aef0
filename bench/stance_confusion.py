"""The stance classifier alone, on the gold quotes: a confusion table per split.

    .venv/bin/python bench/stance_confusion.py [--split seeds|dev|fresh|heldout|unseen|train ...]

Runs `loaders.extraction.stance.classify` on the words of every gold statement that is not
authorial (the authorial quote is not a fixed span) and tables its answer against the gold
stance, so the lexicon is measured apart from whether extraction found the statement. Only dev
material is offered (the splits of bench/extraction_quality.py minus its HELD_OUT): the held-out
splits are scored only through bench/extraction_quality.py, micro-averaged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # extraction_quality

from extraction_quality import HELD_OUT, SPLITS, split_articles  # noqa: E402

from loaders.extraction import stance  # noqa: E402
from loaders.extraction.evaluate import Gold  # noqa: E402

LABELS = (stance.SUPPORTIVE, stance.OPPOSED, stance.NEUTRAL)
DEV_MATERIAL = tuple(x for x in SPLITS if x not in HELD_OUT)


def golds(split: str) -> list[Gold]:
    return [g for _, g in split_articles(split)]


def confusion(split: str) -> dict[tuple[str, str], int]:
    """(gold, predicted) -> count over the split's non-authorial gold statements."""
    table: dict[tuple[str, str], int] = {}
    for gold in golds(split):
        for s in gold.statements:
            if s.kind != "authorial":
                key = (s.stance, stance.classify(s.quote))
                table[key] = table.get(key, 0) + 1
    return table


def render(table: dict[tuple[str, str], int]) -> str:
    rows = ["gold \\ predicted " + "".join(f"{p:>12}" for p in LABELS) + "       n"]
    for g in LABELS:
        n = sum(table.get((g, p), 0) for p in LABELS)
        rows.append(f"{g:<17}" + "".join(f"{table.get((g, p), 0):>12}" for p in LABELS) + f"{n:>8}")
    right = sum(table.get((x, x), 0) for x in LABELS)
    total = sum(table.values())
    rows.append(f"accuracy {right}/{total} ({right / total:.2f})" if total else "no statements")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=DEV_MATERIAL, action="append")
    args = parser.parse_args(argv)
    for split in args.split or ("seeds", "dev"):
        print(f"\n== {split}")
        print(render(confusion(split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
