"""Extraction on every core: articles -> TriG text, in worker processes that each load the
spaCy model once.

Extraction is pure and per article, so the corpus splits into chunks (a few articles each,
so the model still batches) handed to a pool of processes. At most a few chunks per worker
are in flight, so memory holds a bounded window of results, not the corpus's TriG. Results
come back in the order of the input, so the output is the same for any number of jobs.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from tqdm import tqdm

from loaders.extraction import nlp
from loaders.extraction.gazetteer import load_gazetteer
from loaders.extraction.pipeline import extract_many
from loaders.model import Article
from loaders.rdf.quads import extraction_quads, to_trig
from loaders.rdf.triples import header

CHUNK = 4  # articles per task: enough for the model to batch, small enough to balance
AHEAD = 3  # chunks in flight per worker


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


Result = tuple[Article, str, tuple[str, ...]]  # article, its TriG (header line first), warnings


def extract_trig(articles: Sequence[Article], jobs: int | None = None,
                 progress: bool = True) -> Iterator[Result]:
    """Yield (article, TriG, warnings) for each article, in input order, on `jobs` processes
    (default: all cores; 1 runs here, without a pool)."""
    jobs = max(1, jobs or default_jobs())
    chunks = [list(articles[i:i + CHUNK]) for i in range(0, len(articles), CHUNK)]
    bar = tqdm(total=len(articles), desc="extract", unit="article", file=sys.stderr,
               disable=not (progress and sys.stderr.isatty()))
    with bar:
        if jobs == 1 or len(chunks) <= 1:
            results: Iterator[list[Result]] = (_chunk(c) for c in chunks)
        else:
            results = _pooled(chunks, min(jobs, len(chunks)))
        for done in results:
            yield from done
            bar.update(len(done))


def _pooled(chunks: list[list[Article]], jobs: int) -> Iterator[list[Result]]:
    # fork: workers start in milliseconds and share the parent's imported modules; each
    # loads the gazetteer and the spaCy model once, in `_warm`.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_warm) as pool:
        pending: deque[Future[list[Result]]] = deque()
        todo = iter(chunks)
        for chunk in todo:
            pending.append(pool.submit(_chunk, chunk))
            if len(pending) >= jobs * AHEAD:
                break
        while pending:
            yield pending.popleft().result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(_chunk, nxt))


def _warm() -> None:
    """Load the gazetteer and the model once per worker process, before its first chunk."""
    nlp.load_pipeline(load_gazetteer())


def _chunk(articles: list[Article]) -> list[Result]:
    extractions = extract_many(articles, load_gazetteer())
    return [(a, to_trig(extraction_quads(e, a.text), header(a)), e.warnings)
            for a, e in zip(articles, extractions)]
