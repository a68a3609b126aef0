"""Where the project's files live, so every command agrees without being told.

A project is a directory holding `sources/` (the texts and `catalog.ttl`) and `triples/`.
Commands work on the project given by `--project DIR`, else `$ALLIANCEGRAPH_PROJECT`, else the
current directory; nothing falls back to the installed package. The shipped NATO–Asia corpus
is the example project at ROOT (the module constants below name its files, for the tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
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
PROJECT_ENV = "ALLIANCEGRAPH_PROJECT"


@dataclass(frozen=True)
class Project:
    """One corpus: its texts and catalog, its triples, and its private working files."""

    root: Path

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def catalog_file(self) -> Path:
        return self.sources_dir / "catalog.ttl"

    @property
    def triples_dir(self) -> Path:
        return self.root / "triples"

    @property
    def work_dir(self) -> Path:
        """Transactions and caches: never committed, safe to delete."""
        return self.root / ".alliancegraph"

    @property
    def default_store(self) -> Path:
        return self.root / DEFAULT_STORE

    def exists(self) -> bool:
        return self.catalog_file.is_file()


EXAMPLE = Project(ROOT)


def project_dir(option: str | Path | None = None) -> Project:
    """The project to work on: the option, else $ALLIANCEGRAPH_PROJECT, else the current directory."""
    return Project(Path(option or os.environ.get(PROJECT_ENV) or Path.cwd()).resolve())


def store_location(option: str | None = None, project: Project | None = None) -> str:
    """The store to use: the option, else $ALLIANCEGRAPH_STORE, else data/store (inside
    `project` when one was named with --project, else in the current directory)."""
    found = option or os.environ.get(STORE_ENV)
    if found:
        return found
    if project is not None and project.root != Path.cwd().resolve():
        return str(project.default_store)
    return DEFAULT_STORE
