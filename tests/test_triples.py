"""triples/: one TriG per source, re-extracted only when text or extractor change, atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.model import Article
from loaders.paths import TRIPLES_DIR
from loaders.rdf.catalog import load_catalog
from loaders.rdf.quads import software_version
from loaders.rdf.triples import header, is_current, write_triples

TEXT = "Chile and Peru contributed to ISAF. China objects to NATO."


def test_write_then_skip_then_rewrite_on_change(tmp_path: Path) -> None:
    a = Article(id="t1", text=TEXT)
    (path,) = write_triples([a], tmp_path)
    first = path.read_bytes()
    assert first.decode().splitlines()[0] == header(a)
    assert f"alliancegraph-extractor: {software_version()} sha256: " in header(a)
    os.utime(path, (0, 0))
    write_triples([a], tmp_path)
    assert path.stat().st_mtime == 0  # current: not rewritten
    changed = Article(id="t1", text=TEXT + " Peru supports Chile.")
    write_triples([changed], tmp_path)
    assert path.read_bytes() != first and is_current(path, changed)
    assert oct(path.stat().st_mode & 0o777) == "0o644"


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    a = Article(id="t2", text=TEXT)
    (path,) = write_triples([a], tmp_path)
    first = path.read_bytes()
    path.unlink()
    write_triples([a], tmp_path)
    assert path.read_bytes() == first


def test_a_header_from_another_version_is_stale(tmp_path: Path) -> None:
    a = Article(id="t3", text=TEXT)
    path = tmp_path / "t3.trig"
    path.write_text(header(a).replace(software_version(), "0.0.0-x0") + "\n")
    assert not is_current(path, a)
    write_triples([a], tmp_path)
    assert is_current(path, a)


def test_no_temporary_files_left(tmp_path: Path) -> None:
    write_triples([Article(id="t4", text=TEXT)], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t4.trig"]


@pytest.mark.slow
def test_committed_triples_match_their_texts_and_parse() -> None:
    """The text checksum must match; the version may lag until the next build."""
    for article in load_catalog():
        path = TRIPLES_DIR / f"{article.id}.trig"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.split("sha256: ")[1] == header(article).split("sha256: ")[1], path
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        assert quads
