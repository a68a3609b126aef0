"""The store and server the page tests share (session-wide: built and started once): the real
corpus (triples/, the catalog, the ontology) plus tests/data/pages/extra.trig, built by
`alliancegraph build`'s own function (no extraction, no validation), so it has the search
index a build writes; served by `alliancegraph serve` (granian) in production mode. Test modules load it with
`pytest_plugins = ["pagestore"]`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import app_with, command_serving
from flask import Flask

from loaders.paths import TRIPLES_DIR
from loaders.store.build import build

EXTRA = Path(__file__).parent / "data" / "pages" / "extra.trig"


def corpus_store(tmp: Path) -> Path:
    """Build the store under `tmp`; returns its location."""
    triples = tmp / "triples"
    shutil.copytree(TRIPLES_DIR, triples, ignore=shutil.ignore_patterns("manual"))
    (triples / "manual").mkdir()
    shutil.copy(EXTRA, triples / "manual" / EXTRA.name)
    location = tmp / "store"
    build(str(location), progress=False, triples_dir=triples, extract=False, validate=False)
    return location


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus store's location."""
    return corpus_store(tmp_path_factory.mktemp("pages-corpus"))


@pytest.fixture(scope="session")
def direct(corpus: Path) -> ox.Store:
    """The same store opened directly, to compare pages with."""
    return ox.Store.read_only(str(corpus / (corpus / "CURRENT").read_text().strip()))


@pytest.fixture(scope="session")
def site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`alliancegraph serve` over the corpus store: its base URL."""
    log = tmp_path_factory.mktemp("pages-live") / "serve.log"
    # The page tests are one client sending hundreds of requests: the per-client rate limit
    # (tested on its own in tests/test_endpoint_*.py) is off for them.
    with command_serving(corpus, log, "--workers", "1", "--threads", "4", "--timeout", "20",
                          env={"ALLIANCEGRAPH_RATE_PER_SECOND": "0"}) as url:
        yield url


@pytest.fixture(scope="session")
def pages_app(corpus: Path) -> Iterator[Flask]:
    """The app over the corpus store, for Flask's test client (one client sending hundreds of
    requests, faster than the per-client rate: that limit is off here too)."""
    application = app_with(corpus, RATE_PER_SECOND=0)
    yield application
    application.extensions["alliancegraph.engine"].close()
