"""The plain values that flow from extraction to RDF: frozen, hashable, no I/O.

Offsets follow Python slicing and W3C `oa:TextPositionSelector`: `text[start:end] == quote`.
Class, predicate and stance names are the local names of `ag:` terms (e.g. "Country",
"memberOf", "Supportive"), so this module needs no RDF library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One source text as catalogued. `skip` holds (start, end) ranges of web boilerplate."""

    id: str
    text: str
    skip: tuple[tuple[int, int], ...] = ()
    title: str | None = None


@dataclass(frozen=True)
class Evidence:
    """The exact words of a source that support an extracted item."""

    article_id: str
    start: int  # 0-based, inclusive
    end: int  # exclusive: text[start:end] == quote
    quote: str


@dataclass(frozen=True)
class Entity:
    """A thing the graph names: `slug` makes its IRI, `cls` is an `ag:` class local name."""

    slug: str
    label: str
    cls: str
    qid: str | None = None  # Wikidata item, only where certain: "Q7184"
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One place in the text where an entity is named (or referred to by metonymy)."""

    entity: str  # slug
    evidence: Evidence
    kind: str = "name"  # name | alias | demonym | metonym | coreference | model


@dataclass(frozen=True)
class Fact:
    """One relation of the vocabulary contract between two entities, with its evidence."""

    subject: str  # slug
    predicate: str  # ag: local name, e.g. "memberOf"
    object: str  # slug
    evidence: Evidence
    confidence: float  # 0..1, from the kind of evidence (rule), not a guess
    rule: str = ""  # which pattern produced it, for review and debugging


@dataclass(frozen=True)
class Statement:
    """Words attributed to a speaker (or the author's own position), with a stance."""

    slug: str  # deterministic, derived from article id and quote span
    speaker: str  # entity slug
    quote: Evidence  # the exact quoted (or attributed) words
    about: str  # entity slug of what it is about
    stance: str  # "Supportive" | "Opposed" | "Neutral"
    confidence: float
    attribution: Evidence | None = None  # the span naming the speaker, if apart from the quote
    kind: str = "quotation"  # quotation | reported | authorial


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    facts: tuple[Fact, ...] = ()
    statements: tuple[Statement, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def slugify(text: str) -> str:
    """A stable IRI slug from a name: ASCII, lower case, words joined by hyphens.

    >>> slugify("Operation Ocean Shield")
    'operation-ocean-shield'
    >>> slugify("Park Geun-hye")
    'park-geun-hye'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "unnamed"
