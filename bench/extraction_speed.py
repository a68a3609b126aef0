"""Extraction speed on a synthetic corpus of ~1,000-word articles, after the model has loaded.

    .venv/bin/python bench/extraction_speed.py [--n 1000] [--words 1000] [--seed 20261122]
                                               [--batch]

The corpus is deterministic: the seeds' sentences (boilerplate left out) drawn with a fixed
random seed until each article has about --words words, five sentences to a paragraph. It
lives in memory. One warm-up article loads the gazetteer and the spaCy pipeline; then every
article goes through `loaders.extraction.pipeline.extract` (or `extract_many` in batches of 50 with
--batch) in this one process. Reports articles/s and words/s by wall clock and per CPU second
(= per core: CPU time of this process, so other load on a shared machine does not count),
latency percentiles and peak resident memory (getrusage ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.model import Article  # noqa: E402
from loaders.rdf.catalog import load_catalog  # noqa: E402

_BREAK = re.compile(r"[.!?][”\"’]?\s+(?=[“\"‘A-Z])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\bU\.S\.|\bMr\.|\bDr\.|\bSt\.)[”\"’]?\s+$")
BATCH = 50


def seed_sentences() -> list[str]:
    """The seeds' sentences, minus boilerplate, in catalog order."""
    sentences = []
    for art in load_catalog():
        text = art.text
        for start, end in sorted(art.skip, reverse=True):
            text = text[:start] + " " * (end - start) + text[end:]
        for paragraph in text.split("\n"):
            sentences += [s for s in split(paragraph) if len(s.split()) >= 4]
    return sentences


def split(paragraph: str) -> list[str]:
    """Sentences of a paragraph: a stop, then a capital; not after "U.S." or an initial."""
    out, start = [], 0
    for m in _BREAK.finditer(paragraph):
        if not _ABBREVIATION.search(paragraph[:m.end()]):
            out.append(paragraph[start:m.end()].strip())
            start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def synthetic_corpus(n: int, words: int, seed: int) -> list[Article]:
    """n articles of about `words` words each, the same for the same arguments."""
    pool = seed_sentences()
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        chosen: list[str] = []
        count = 0
        while count < words:
            sentence = rng.choice(pool)
            chosen.append(sentence)
            count += len(sentence.split())
        paragraphs = [" ".join(chosen[j:j + 5]) for j in range(0, len(chosen), 5)]
        articles.append(Article(id=f"synthetic-{i:04d}", text="\n\n".join(paragraphs) + "\n"))
    return articles


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"machine: nproc={cores}, CPU {model}, Python {platform.python_version()} "
            f"({platform.system()} {platform.release()})")


def run(articles: list[Article], batch: bool) -> list[float]:
    """Extract every article; returns per-article wall seconds (batch: per batch / size)."""
    from loaders.extraction import pipeline as ex
    latencies = []
    if batch and hasattr(ex, "extract_many"):
        for j in range(0, len(articles), BATCH):
            chunk = articles[j:j + BATCH]
            t0 = time.perf_counter()
            ex.extract_many(chunk)
            latencies += [(time.perf_counter() - t0) / len(chunk)] * len(chunk)
        return latencies
    for art in articles:
        t0 = time.perf_counter()
        ex.extract(art)
        latencies.append(time.perf_counter() - t0)
    return latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles (default 1000)")
    parser.add_argument("--words", type=int, default=1000, help="words per article")
    parser.add_argument("--seed", type=int, default=20261122, help="random seed of the corpus")
    parser.add_argument("--batch", action="store_true", help="use extract_many, 50 at a time")
    args = parser.parse_args(argv)
    print(machine())
    corpus = synthetic_corpus(args.n + 1, args.words, args.seed)
    warmup, articles = corpus[0], corpus[1:]
    total_words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    from loaders.extraction.pipeline import extract
    extract(warmup)
    load_s = time.perf_counter() - t0
    print(f"corpus: {len(articles)} synthetic articles, {total_words} words "
          f"(mean {total_words / len(articles):.0f}), seed {args.seed}; "
          f"warm-up (gazetteer + model load + 1 article): {load_s:.1f} s")
    cpu0, wall0 = time.process_time(), time.perf_counter()
    latencies = run(articles, args.batch)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ms = sorted(x * 1000 for x in latencies)
    mode = "extract_many x50" if args.batch else "extract, one article at a time"
    print(f"mode: {mode}, one process")
    print(f"wall: {wall:.1f} s -> {len(articles) / wall:.1f} articles/s, "
          f"{total_words / wall:,.0f} words/s")
    print(f"cpu:  {cpu:.1f} s -> {len(articles) / cpu:.1f} articles/s/core, "
          f"{total_words / cpu:,.0f} words/s/core")
    print(f"latency per article: median {statistics.median(ms):.1f} ms, "
          f"p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms")
    print(f"peak memory (maxrss): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
