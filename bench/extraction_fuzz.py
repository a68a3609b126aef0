"""Crash and runaway-time hunt: extraction over articles made of mutated sentences.

    .venv/bin/python bench/extraction_fuzz.py [--seed S] [--n N] [--big] [--slow SECONDS]

Sentences of the dev-material splits (never a held-out one) are shuffled into articles and
mutated the way real input goes wrong: lower or upper case, quotation marks dropped or left
open, words shuffled, cut off mid-sentence, spaces lost or replaced by commas. Every article is
extracted (in batches of 50, one at a time where a batch fails); an exception is a crash, a
batch slower than --slow seconds is printed, then each of its articles is timed alone. Found
this way (2026-12-06): exponential backtracking in offices' titles (a 6 KB article took 300 s).
The articles are the same for the same seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import HELD_OUT, SPLITS, split_articles  # noqa: E402

from loaders.extraction.pipeline import extract_many  # noqa: E402
from loaders.extraction.sentences import split_sentences  # noqa: E402
from loaders.model import Article  # noqa: E402

BATCH = 50


def sentences() -> list[str]:
    out = []
    for name in SPLITS:
        if name in HELD_OUT:
            continue
        for article, _ in split_articles(name):
            out += [article.text[s.start:s.end] for s in split_sentences(article.text)]
    return out


def mutate(s: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.1:
        return s.lower()
    if r < 0.2:
        return s.replace("“", "").replace("”", "").replace('"', "")
    if r < 0.3:
        return "“" + s
    if r < 0.35:
        return s.upper()
    if r < 0.45:
        words = s.split()
        rng.shuffle(words)
        return " ".join(words)
    if r < 0.5:
        return s[:rng.randint(0, len(s))]
    if r < 0.55:
        return s.replace(" ", "")
    if r < 0.58:
        return s.replace(" ", ", ")
    return s


def articles(pool: list[str], n: int, seed: int, big: bool) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        per = rng.randint(20, 90) if big else rng.randint(1, 25)
        paragraphs = [" ".join(mutate(rng.choice(pool), rng) for _ in range(max(1, per // 3)))
                      for _ in range(rng.randint(5, 30) if big else rng.randint(1, 6))]
        out.append(Article(id=f"fuzz{seed}-{i}", text="\n\n".join(paragraphs)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--big", action="store_true", help="articles of 5-30 long paragraphs")
    parser.add_argument("--slow", type=float, default=10.0, help="seconds a batch may take")
    args = parser.parse_args(argv)
    batch = articles(sentences(), args.n, args.seed, args.big)
    crashes = slow = 0
    start = time.perf_counter()
    for i in range(0, len(batch), BATCH):
        chunk = batch[i:i + BATCH]
        t = time.perf_counter()
        try:
            extract_many(chunk)
        except Exception:  # noqa: BLE001 - a crash is what this looks for
            for a in chunk:
                try:
                    extract_many([a])
                except Exception:  # noqa: BLE001
                    crashes += 1
                    print(f"CRASH {a.id} ({len(a.text):,} chars)")
                    traceback.print_exc(limit=4)
            continue
        took = time.perf_counter() - t
        if took > args.slow:
            slow += 1
            print(f"slow batch {i // BATCH}: {took:.1f} s for {sum(len(a.text) for a in chunk):,} chars")
            for a in chunk:
                t = time.perf_counter()
                extract_many([a])
                print(f"  {a.id}: {time.perf_counter() - t:.2f} s, {len(a.text):,} chars")
    print(f"{len(batch)} articles (seed {args.seed}{', big' if args.big else ''}): {crashes} crashes, "
          f"{slow} slow batches, {time.perf_counter() - start:.0f} s")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
