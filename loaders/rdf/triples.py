"""triples/{id}.trig: one reviewable TriG file per source, rewritten only when needed.

The first line records what produced the file:
`# alliancegraph-extractor: VERSION sha256: HEX` (software version, sha256 of the text).
A file whose header matches the current version and text is left alone; otherwise the
article is extracted again. Files are written to a temporary file in the same directory
and moved into place with `os.replace`, so a crash never leaves half a file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from loaders.extraction.gazetteer import Gazetteer
from loaders.extraction.pipeline import extract_many
from loaders.files import write_atomic
from loaders.model import Article
from loaders.paths import TRIPLES_DIR
from loaders.rdf.quads import extraction_quads, software_version, to_trig

_HEADER = re.compile(r"^# alliancegraph-extractor: (\S+) sha256: ([0-9a-f]{64})$")


def header(article: Article) -> str:
    """The provenance line of an article's TriG file."""
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    return f"# alliancegraph-extractor: {software_version()} sha256: {digest}"


def article_trig(article: Article, gazetteer: Gazetteer | None = None) -> tuple[str, tuple[str, ...]]:
    """The TriG text for one article (header line included) and the extraction's warnings."""
    extraction = extract_many([article], gazetteer)[0]
    return to_trig(extraction_quads(extraction, article.text), header(article)), extraction.warnings


def is_current(path: Path, article: Article) -> bool:
    """True if `path` exists and was produced from this text by this extractor version."""
    try:
        with path.open(encoding="utf-8") as f:
            first = f.readline().rstrip("\n")
    except (OSError, UnicodeDecodeError):
        return False
    return first == header(article) and bool(_HEADER.match(first))


def write_triples(articles: list[Article], triples_dir: Path | str = TRIPLES_DIR,
                  gazetteer: Gazetteer | None = None) -> list[Path]:
    """Write triples/{id}.trig for each article whose text or extractor changed.

    Returns the paths of every article's file (written now or already current).
    """
    out_dir = Path(triples_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {a.id: out_dir / f"{a.id}.trig" for a in articles}
    stale = [a for a in articles if not is_current(paths[a.id], a)]
    if stale:
        for article, extraction in zip(stale, extract_many(stale, gazetteer)):
            text = to_trig(extraction_quads(extraction, article.text), header(article))
            write_atomic(paths[article.id], text)
    return [paths[a.id] for a in articles]
