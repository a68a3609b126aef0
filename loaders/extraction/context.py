"""What the rule modules share about one article while it is being extracted.

`Context` is internal to extraction (the public result is `loaders.model.Extraction`); it
lives apart from `pipeline` so that the rule modules (`relations`, `statements`) and the
pipeline that calls them all import it, and none of them imports another in a circle.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from loaders.extraction import nlp
from loaders.extraction.folding import fold
from loaders.extraction.gazetteer import Gazetteer
from loaders.extraction.parsebatch import ParseBatcher
from loaders.extraction.sentences import Span
from loaders.model import Article, Entity, Evidence, Extraction, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Context:
    """What the rule modules share about one article (not part of the public result)."""

    article: Article
    gazetteer: Gazetteer
    sentences: list[Span]
    mentions: list[Mention]
    entities: dict[str, Entity]
    parses: dict[int, Any] = field(default_factory=dict)  # sentence index -> parsed Doc
    names: list[tuple[int, Any]] = field(default_factory=list)  # (offset, NER Doc of a window)
    warnings: list[str] = field(default_factory=list)
    batcher: ParseBatcher[Extraction] | None = None  # parses sentences for several articles
    index: int = 0  # this article's place in its batch
    transient: set[int] = field(default_factory=set)  # ids of mentions for relation arguments only (coref)
    # A service named with its country's adjective ("Norwegian Armed Forces") -> that country:
    # the name took the adjective's place, and a speaker phrase may still need the country
    service_country: dict[str, str] = field(default_factory=dict)
    # `relations._groups` by the ids of its mentions (each entry keeps those mentions alive, so
    # an id is never reused while its entry stands): the rules ask for the same lists many times.
    groups_cache: dict[tuple[int, ...], tuple[list[Mention], list[list[Mention]]]] = \
        field(default_factory=dict)
    _folded: str | None = None
    _indexed: int = -1
    _starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    # The article's text: a plain attribute, not a property (read half a million times for
    # 300 articles, and a property call costs several times an attribute's).
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self.article.text

    @property
    def folded(self) -> str:
        """`folding.fold` of the text (computed once): case-insensitive scans run on it."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def cls(self, slug: str) -> str:
        return self.entities[slug].cls

    def evidence(self, start: int, end: int) -> Evidence:
        return Evidence(self.article.id, start, end, self.article.text[start:end])

    def between(self, lo: int, hi: int) -> list[Mention]:
        """Mentions inside text[lo:hi], in text order (bisect on a cached sorted index)."""
        if self._indexed != len(self.mentions):
            self.mentions.sort(key=mention_key)
            self._starts = [m.evidence.start for m in self.mentions]
            self._indexed = len(self.mentions)
        i = bisect.bisect_left(self._starts, lo)
        out = []
        while i < len(self._starts) and self._starts[i] < hi:
            if self.mentions[i].evidence.end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def reindex(self) -> None:
        """Rebuild the index of `between` now: after mentions were dropped and others added in
        one go, their number alone may not tell that the list changed."""
        self._indexed = -1
        self.between(0, 0)

    def add_mention(self, mention: Mention) -> None:
        """Add one mention, keeping the index sorted (no full re-sort)."""
        if self._indexed != len(self.mentions):
            self.between(0, 0)
        i = bisect.bisect_right(self._starts, mention.evidence.start)
        self.mentions.insert(i, mention)
        self._starts.insert(i, mention.evidence.start)
        self._indexed = len(self.mentions)

    def sentence_mentions(self, i: int) -> list[Mention]:
        s = self.sentences[i]
        return self.between(s.start, s.end)

    def sentence_of(self, at: int) -> int | None:
        """The index of the sentence holding offset `at`, if any."""
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(self._sentence_starts, at) - 1
        return i if i >= 0 and at < self.sentences[i].end else None


def mention_key(m: Mention) -> tuple[int, int, str]:
    return (m.evidence.start, m.evidence.end, m.entity)


def parse_of(ctx: Context, si: int) -> Doc:
    """The dependency parse of sentence `si`, computed on first request and kept."""
    doc = ctx.parses.get(si)
    if doc is None:
        s = ctx.sentences[si]
        if ctx.batcher is not None:  # parsed with the other articles' requests, in one batch
            doc = ctx.batcher.request(ctx.index, si, ctx.text[s.start:s.end])
        else:
            doc = nlp.parse(nlp.load_pipeline(ctx.gazetteer), ctx.text[s.start:s.end])
        ctx.parses[si] = doc
    return doc  # type: ignore[no-any-return]
