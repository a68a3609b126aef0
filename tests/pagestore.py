"""The store the page tests read: the real corpus (triples/, the catalog, the ontology) plus
tests/data/pages/extra.trig, built by `alliancegraph build`'s own function (no extraction,
no validation), so it has the search index a build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

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
