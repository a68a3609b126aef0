"""What the tests of invented sentences share: extract one text, find a statement by its words,
an entity's label and class. Test modules import it by name (pytest puts tests/ on the path)."""

from __future__ import annotations

from loaders.extraction.pipeline import extract
from loaders.model import Article, Extraction, Statement

# A quotation with no cue of stance and no name in it, for tests about who said it.
Q = "We will deepen our defence cooperation with our Nordic partners"


def run(text: str) -> Extraction:
    return extract(Article(id="t", text=text))


def facts(text: str) -> dict[tuple[str, str, str], float]:
    """(subject, predicate, object) -> confidence of every fact extracted from `text`."""
    return {(f.subject, f.predicate, f.object): f.confidence for f in run(text).facts}


def quote_of(x: Extraction, words: str) -> Statement:
    """The first statement of any kind whose quote holds `words` (fails, listing them, if none)."""
    found = [s for s in x.statements if words in s.quote.quote]
    assert found, [(s.speaker, s.quote.quote) for s in x.statements]
    return found[0]


def quotation_of(x: Extraction, words: str) -> Statement:
    """The first direct quotation whose words hold `words`."""
    found = [s for s in x.statements if words in s.quote.quote and s.kind == "quotation"]
    assert found, [(s.speaker, s.quote.quote) for s in x.statements]
    return found[0]


def label(x: Extraction, slug: str) -> tuple[str, str]:
    entity = next(e for e in x.entities if e.slug == slug)
    return entity.label, entity.cls
