"""`alliancegraph init`, `add` and `remove`: bring your own articles into a project.

`add` copies each text byte for byte to sources/{id}.txt, appends its catalog entry (written
by rdflib, checksum and boilerplate ranges computed here), extracts it into triples/{id}.trig
and commits all three together (`loaders.rdf.transaction`). Every file is checked before
anything is written: one bad file stops the whole command with one line naming it.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from loaders.errors import InputError
from loaders.model import Article, slugify
from loaders.paths import Project
from loaders.rdf import catalog as cat
from loaders.rdf.parallel import extract_trig
from loaders.rdf.transaction import Transaction, project_lock

# Articles per commit in a bulk add: an interrupted add keeps the batches done.
BATCH = int(os.environ.get("ALLIANCEGRAPH_ADD_BATCH", "256"))
REMOVED = "removed"  # removed sources' texts and claims are kept here, not deleted


@dataclass(frozen=True)
class Candidate:
    """One text to add, read and checked."""

    id: str
    path: str  # as given, for messages ("-" for standard input)
    data: bytes
    text: str


@dataclass
class AddSummary:
    """What `add` did, one line per source and a total."""

    lines: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def require(project: Project) -> Project:
    """The project, or an error saying how to make one."""
    if not project.exists():
        raise InputError(f"{project.root}: not an AllianceGraph project (no sources/catalog.ttl); "
                         "run `alliancegraph init DIR` or pass --project DIR")
    return project


def init_project(project: Project) -> str:
    """Make the directories and an empty catalog; refuse to overwrite a project."""
    if project.exists():
        raise InputError(f"{project.root}: already a project ({project.catalog_file} exists)")
    if project.root.exists() and not project.root.is_dir():
        raise InputError(f"{project.root}: exists and is not a directory")
    project.sources_dir.mkdir(parents=True, exist_ok=True)
    project.triples_dir.mkdir(exist_ok=True)
    with project_lock(project):
        tx = Transaction(project)
        tx.put(project.catalog_file, cat.empty_catalog().encode())
        tx.put(project.root / ".gitignore", b"/data/\n/.alliancegraph/\n")
        tx.commit()
    return (f"initialised {project.root}: add articles with `alliancegraph add FILE...`, "
            "then `alliancegraph build` and `alliancegraph serve`")


def expand(arguments: Iterable[str]) -> list[str]:
    """Files, directories (their *.txt, recursively) and globs, in a fixed order; "-" is stdin."""
    found: list[str] = []
    for arg in arguments:
        p = Path(arg)
        if arg == "-" or p.is_file():
            found.append(arg)
        elif p.is_dir():
            found += sorted(str(f) for f in p.rglob("*.txt") if f.is_file())
        elif glob.has_magic(arg):
            found += sorted(f for f in glob.glob(arg, recursive=True) if Path(f).is_file())
        else:
            raise InputError(f"{arg}: no such file")
    if not found:
        raise InputError("nothing to add: no files matched")
    return found


def read_candidate(arg: str, article_id: str | None) -> Candidate:
    """Read and check one text (InputError naming it for empty, binary, non-UTF-8, too big)."""
    if arg == "-":
        data = sys.stdin.buffer.read(cat.MAX_BYTES + 1)
        if len(data) > cat.MAX_BYTES:
            raise InputError(f"-: standard input is over the limit of {cat.MAX_BYTES:,} bytes")
        if not data:
            raise InputError("-: standard input is empty, there is no text to read")
        name = Path("-")
        if article_id is None:
            article_id = "stdin-" + hashlib.sha256(data).hexdigest()[:16]
    else:
        name = Path(arg)
        data = cat.read_bytes(name)
        if article_id is None:
            article_id = name.stem if cat._ID.match(name.stem) else slugify(name.stem)
    text = cat.decode_text(data, name)
    if not cat._ID.match(article_id):
        raise InputError(f"{arg}: article id {article_id!r} is not usable in an IRI "
                         "(use letters, digits, '.', '_' and '-')")
    return Candidate(article_id, arg, data, text)


def add(project: Project, arguments: list[str], meta: cat.SourceMeta | None = None,
        article_id: str | None = None, replace: bool = False, jobs: int | None = None,
        progress: bool = True) -> AddSummary:
    """Add texts to the project (see the module docstring); returns what was done."""
    require(project)
    meta = meta or cat.SourceMeta()
    files = expand(arguments)
    if article_id is not None and len(files) != 1:
        raise InputError(f"--id {article_id}: only with one file (got {len(files)})")
    if (meta != cat.SourceMeta()) and len(files) != 1:
        raise InputError("--title, --creator, --publisher, --date, --url: only with one file")
    summary = AddSummary()
    with project_lock(project):
        known = cat.catalog_checksums(project.catalog_file)
        todo = _plan(files, article_id, known, replace, summary, progress)
        for batch in _batches(todo, BATCH):
            _commit_batch(project, batch, meta, known, jobs, progress, summary)
    return summary


def _plan(files: list[str], article_id: str | None, known: dict[str, str], replace: bool,
          summary: AddSummary, progress: bool) -> list[Candidate]:
    """Read and check every file before writing anything; drop the ones already there."""
    todo: list[Candidate] = []
    seen: dict[str, str] = {}
    bar = tqdm(files, desc="read", unit="file", file=sys.stderr,
               disable=not (progress and sys.stderr.isatty() and len(files) > 1))
    for arg in bar:
        c = read_candidate(arg, article_id)
        if c.id in seen:
            raise InputError(f"{arg}: id {c.id} is also the id of {seen[c.id]}; "
                             "give one of them another name")
        seen[c.id] = arg
        digest = hashlib.sha256(c.data).hexdigest()
        if known.get(c.id) == digest:
            summary.unchanged.append(c.id)
            summary.lines.append(f"{arg}: already in the catalog as {c.id} with the same text; "
                                 "nothing to do")
            continue
        if c.id in known and not replace:
            raise InputError(f"{arg}: the catalog already has a different text under id {c.id}; "
                             "use --replace to replace it, or --id to add it under another id")
        todo.append(c)
    return todo


def _batches(items: list[Candidate], size: int) -> Iterator[list[Candidate]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _commit_batch(project: Project, batch: list[Candidate], meta: cat.SourceMeta,
                  known: dict[str, str], jobs: int | None, progress: bool,
                  summary: AddSummary) -> None:
    graphs = {c.id: cat.entry_graph(c.id, c.data, c.text, meta) for c in batch}
    replaced = {c.id for c in batch if c.id in known}
    entries = None
    for g in (g for i, g in graphs.items() if i not in replaced):
        entries = g if entries is None else entries + g
    old = cat.catalog_replacing(project.catalog_file, {i: graphs[i] for i in replaced}) \
        if replaced else cat.source_text(project.catalog_file)
    articles = [Article(id=c.id, text=c.text, skip=_skip(c.text)) for c in batch]
    tx = Transaction(project)
    try:
        for c in batch:
            tx.put(project.sources_dir / f"{c.id}.txt", c.data)
        by_id = {c.id: c for c in batch}
        for article, trig, warnings in extract_trig(articles, jobs, progress):
            tx.put(project.triples_dir / f"{article.id}.trig", trig.encode("utf-8"))
            c = by_id[article.id]
            verb = "replaced" if c.id in replaced else "added"
            summary.lines.append(f"{c.path}: {verb} {c.id}: {_found(trig)}")
            summary.lines += [f"warning: {c.path}: {w}" for w in warnings]
        if entries is not None:  # new sources go at the end; replaced ones stayed in place
            old = cat.with_entries(old, cat.entry_turtle(entries))
        tx.put(project.catalog_file, old.encode())
        tx.commit()
    except BaseException:
        tx.abort()
        raise
    for c in batch:
        known[c.id] = hashlib.sha256(c.data).hexdigest()
        summary.added.append(c.id)


def _skip(text: str) -> tuple[tuple[int, int], ...]:
    bom = ((0, 1),) if text.startswith(cat.BOM) else ()
    return tuple(sorted(set(bom) | set(cat.detect_boilerplate(text))))


def _found(trig: str) -> str:
    return (f"{trig.count(' a ag:Claim')} claims, {trig.count(' a ag:Statement')} statements, "
            f"{trig.count('ag:evidence ')} evidence links")


def remove(project: Project, article_id: str) -> str:
    """Take a source out of the catalog; its text and triples file move to removed/{id}/ (its
    claims, and curation decisions on them in triples/curation/, stay as orphans)."""
    require(project)
    with project_lock(project):
        if article_id not in cat.catalog_checksums(project.catalog_file):
            raise InputError(f"{article_id}: not a catalogued source ({project.catalog_file})")
        kept = project.root / REMOVED / article_id
        tx = Transaction(project)
        tx.put(project.catalog_file, cat.catalog_without(project.catalog_file, {article_id}).encode())
        tx.move(project.sources_dir / f"{article_id}.txt", kept / f"{article_id}.txt")
        tx.move(project.triples_dir / f"{article_id}.trig", kept / f"{article_id}.trig")
        tx.commit()
    return (f"removed {article_id} from the catalog; its text and claims are kept in "
            f"{kept.relative_to(project.root)}/ (run `alliancegraph build` to update the store)")
