"""Where the project's files live, so every command agrees without being told."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "alliancegraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
SOURCES_DIR = ROOT / "sources"
CATALOG_FILE = SOURCES_DIR / "catalog.ttl"
TRIPLES_DIR = ROOT / "triples"
QUERIES_DIR = ROOT / "queries"
CHECKS_DIR = QUERIES_DIR / "checks"
DEFAULT_STORE = "data/store"
STORE_ENV = "ALLIANCEGRAPH_STORE"


def store_location(option: str | None = None) -> str:
    """The store to use: the option, else $ALLIANCEGRAPH_STORE, else data/store."""
    return option or os.environ.get(STORE_ENV) or DEFAULT_STORE
