"""Does a confidence mean what it says? Precision of extracted claims per confidence bucket.

    .venv/bin/python bench/calibration.py [--split seeds|dev|test|fresh|heldout|unseen|train|unseen2|unseen3|unseen4 ...]

Every predicted fact and statement of the chosen splits (default: dev and test together, the
articles nobody built the rules on; fresh and heldout — each scored once as held out, dev
material since, like unseen — and the held-out unseen2, unseen3 and unseen4 when named) is
judged against the gold (`judge_claims` in loaders/extraction/evaluate.py: a fact is right when
the gold has it, required or optional; a statement when its quote and speaker match a gold
statement). Prints, per confidence bucket, how many claims there are and the share that is
right, then the figure the issue sets a goal for: claims at confidence >= 0.8 should be right
at least 90% of the time. Only counts are printed, never an article's claims, so the test
split cannot guide a rule.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extraction_quality import SPLITS, split_articles  # noqa: E402

from loaders.extraction.evaluate import judge_claims  # noqa: E402
from loaders.extraction.pipeline import extract_many  # noqa: E402

BUCKETS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
GOAL = 0.9  # share right at confidence >= 0.8


def judged(splits: list[str]) -> list[tuple[float, bool, str]]:
    out: list[tuple[float, bool, str]] = []
    for name in splits:
        pairs = split_articles(name)
        if pairs:
            for x, (_, g) in zip(extract_many([a for a, _ in pairs]), pairs):
                out += judge_claims(x, g)
    return out


def table(claims: list[tuple[float, bool, str]]) -> str:
    lines = [f"{'confidence':<12}{'claims':>8}{'right':>8}{'precision':>11}"]
    for lo, hi in BUCKETS:
        inside = [right for c, right, _ in claims if lo <= c < hi]
        share = f"{sum(inside) / len(inside):.2f}" if inside else "-"
        lines.append(f"{lo:.1f}–{min(hi, 1.0):.1f}".ljust(12) + f"{len(inside):>8}{sum(inside):>8}{share:>11}")
    high = [right for c, right, _ in claims if c >= 0.8]
    share = sum(high) / len(high) if high else 1.0
    verdict = "met" if share >= GOAL else "NOT met"
    lines.append(f"\nconfidence >= 0.8: {sum(high)}/{len(high)} right ({share:.2f}); "
                 f"goal >= {GOAL:.2f}: {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--split", choices=SPLITS, action="append",
                        help="judge only this split (repeatable); default dev and test")
    args = parser.parse_args(argv)
    splits = args.split or ["dev", "test"]
    claims = judged(splits)
    print(f"splits: {', '.join(splits)}; {len(claims)} claims judged")
    print(table(claims))
    return 0


if __name__ == "__main__":
    sys.exit(main())
