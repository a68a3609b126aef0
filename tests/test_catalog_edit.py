"""`remove` and `add --replace` edit one catalog entry in place: every other byte of
sources/catalog.ttl (comments, layout) stays as the curator wrote it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from loaders.paths import ROOT, Project
from loaders.rdf import catalog as cat
from loaders.rdf.catalog_edit import edit, statements
from loaders.rdf.project import add, init_project, remove
from ontology import terms

REMOVED = "001_610a90f6e4cef161"


def shipped_project(tmp: Path) -> Project:
    """A project holding the shipped catalog (hand-commented) and its texts."""
    p = Project(tmp / "p")
    init_project(p)
    for f in (ROOT / "sources").glob("*.txt"):
        shutil.copy(f, p.sources_dir / f.name)
    shutil.copy(ROOT / "sources" / "catalog.ttl", p.catalog_file)
    return p


def entry_block(text: str, article_id: str) -> tuple[int, int]:
    """Where the entry stands in the shipped layout: its comments to the next blank line."""
    at = text.index(f"<{terms.source(article_id).value}>")
    return text.rindex("\n\n", 0, at) + 2, text.index("\n\n", at) + 2


def test_remove_cuts_only_the_entry(tmp_path: Path) -> None:
    p = shipped_project(tmp_path)
    before = p.catalog_file.read_text(encoding="utf-8")
    start, end = entry_block(before, REMOVED)
    remove(p, REMOVED)
    assert p.catalog_file.read_text(encoding="utf-8") == before[:start] + before[end:]


def test_remove_keeps_the_line_ends_of_a_catalog_saved_with_cr_lf(tmp_path: Path) -> None:
    """A catalog edited on Windows: the other entries keep every byte, CR LF included (it was
    read with `read_text`, and every line end of the file came back LF)."""
    p = shipped_project(tmp_path)
    p.catalog_file.write_bytes(p.catalog_file.read_bytes().replace(b"\n", b"\r\n"))
    before = p.catalog_file.read_bytes().decode("utf-8")
    at = before.index(f"<{terms.source(REMOVED).value}>")
    start, end = before.rindex("\r\n\r\n", 0, at) + 4, before.index("\r\n\r\n", at) + 4
    remove(p, REMOVED)
    after = p.catalog_file.read_bytes().decode("utf-8")
    assert after == before[:start] + before[end:]
    assert after.count("\r\n") == after.count("\n") > 20


def test_replace_puts_the_new_entry_where_the_old_one_stood(tmp_path: Path) -> None:
    p = shipped_project(tmp_path)
    before = p.catalog_file.read_text(encoding="utf-8")
    start, end = entry_block(before, REMOVED)
    changed = tmp_path / "changed.txt"
    changed.write_text("Japan and NATO signed a partnership.\n", encoding="utf-8")
    add(p, [str(changed)], cat.SourceMeta(title="A new title"), article_id=REMOVED, replace=True, jobs=1,
        progress=False)
    after = p.catalog_file.read_text(encoding="utf-8")
    tail = len(before) - end
    assert after[:start] == before[:start] and after[len(after) - tail:] == before[end:]
    middle = after[start:len(after) - tail]
    assert '"A new title"' in middle and "@prefix" not in middle  # the file declares them
    entry = {a.id: a for a in cat.load_catalog(p.catalog_file)}[REMOVED]
    assert entry.text == "Japan and NATO signed a partnership.\n"


def test_statements_follow_strings_comments_directives_and_labels() -> None:
    text = ('PREFIX src: <https://w3id.org/alliancegraph/source/>\n'
            '@prefix ag: <https://w3id.org/alliancegraph/ontology#> .\n'
            '# a comment with a dot. and "quote\n'
            'src:x a ag:Source ; ag:note """two. lines # not a comment\n'
            '. still""" ; ag:boilerplate _:b1 .\n'
            '_:b1 ag:n 1.5 . src:y a ag:Source .  # same line\n')
    found = statements(text)
    assert [s.subject for s in found] == ["", "", "src:x", "_:b1", "src:y"]
    quads = list(ox.parse(text, format=ox.RdfFormat.TURTLE))
    y = terms.source("y")
    keep = [q for q in quads if q.subject == y]
    head = ('PREFIX src: <https://w3id.org/alliancegraph/source/>\n'
            '@prefix ag: <https://w3id.org/alliancegraph/ontology#> .\n')
    assert edit(text, {"x": ""}, keep) == head + "src:y a ag:Source .  # same line\n"
    assert edit(text, {"x": ""}, quads) is None  # not what was expected: the caller falls back


def test_add_and_replace_write_new_entries_with_the_line_ends_of_a_cr_lf_catalog(tmp_path: Path) -> None:
    """`add` read the catalog with `read_text` (every CR LF of the file came back LF) and
    appended its entry with LF; a replaced entry was written LF inside a CR LF file."""
    p = shipped_project(tmp_path)
    p.catalog_file.write_bytes(p.catalog_file.read_bytes().replace(b"\n", b"\r\n"))
    before = p.catalog_file.read_bytes()
    new, changed = tmp_path / "new.txt", tmp_path / "changed.txt"
    new.write_text("Japan and NATO signed a partnership.\n", encoding="utf-8")
    changed.write_text("Australia is a partner of NATO.\n", encoding="utf-8")
    add(p, [str(new)], cat.SourceMeta(title="A new source"), article_id="new_source", jobs=1, progress=False)
    after = p.catalog_file.read_bytes()
    assert after.startswith(before.rstrip(b"\r\n") + b"\r\n\r\n")
    assert after.count(b"\n") == after.count(b"\r\n") > before.count(b"\n")
    add(p, [str(changed)], cat.SourceMeta(title="A new title"), article_id=REMOVED, replace=True, jobs=1,
        progress=False)
    replaced = p.catalog_file.read_bytes()
    assert b'"A new title"' in replaced and replaced.count(b"\n") == replaced.count(b"\r\n")
    entries = {a.id: a for a in cat.load_catalog(p.catalog_file)}
    assert entries["new_source"].title == "A new source" and entries[REMOVED].title == "A new title"
