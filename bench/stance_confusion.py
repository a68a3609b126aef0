"""The stance classifier alone, on the gold quotes: a confusion table per split.

    .venv/bin/python bench/stance_confusion.py [--split seeds|dev|fresh|heldout|unseen ...]

Runs `loaders.extraction.stance.classify` on the words of every gold statement that is not
authorial (the authorial quote is not a fixed span) and tables its answer against the gold
stance, so the lexicon is measured apart from whether extraction found the statement. The
test split is not offered: it is scored only through bench/extraction_quality.py (fresh and
heldout, each scored once as held out, are dev material now).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.extraction import stance  # noqa: E402
from loaders.extraction.evaluate import CORPUS_DIR, GOLD_DIR, Gold, load_corpus, load_gold_dir  # noqa: E402

LABELS = (stance.SUPPORTIVE, stance.OPPOSED, stance.NEUTRAL)


def golds(split: str) -> list[Gold]:
    if split == "seeds":
        return list(load_gold_dir(GOLD_DIR).values())
    return [g for _, g in load_corpus(CORPUS_DIR / split)]


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
    parser.add_argument("--split", choices=("seeds", "dev", "fresh", "heldout", "unseen"), action="append")
    args = parser.parse_args(argv)
    for split in args.split or ("seeds", "dev"):
        print(f"\n== {split}")
        print(render(confusion(split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
