"""Communiqués: a joint statement or declaration is its issuer speaking.

A text whose title (its first line, or the title it was catalogued with) names it a joint
statement, declaration, communiqué or press statement is the words of its issuer, not of a
reporter. A joint statement speaks in every sentence after its title; another kind only in its
sentences in the first person plural ("We condemn …", "our commitment"), and only when it has
at least two. Sentences inside quotation marks are others' words. Who the issuer is, is the
caller's to decide; this module only finds the sentences, and the words that name the issuers
where the text has them ("we, the Prime Minister of A and the Foreign Minister of B, …").
"""

from __future__ import annotations

import re

from loaders.extraction.sentences import Span

# (a government's preface to the text it releases: "The text of the following statement was
# released by the Governments of the United States of America and the Republic of Kazakhstan")
_RELEASED = r"following\s+(?:joint\s+)?statement\s+was\s+(?:released|issued)\s+by"
# A transcript's heading: "Prime Minister X's remarks after the signing …", "Remarks by President X
# at …", "Speech of the Minister at …": every sentence after it is the speaker's
_REMARKS = r"(?:remarks|speech|address)\s+(?:by|of)\b|['’]s?\s+(?:remarks|speech|address)\b"
_TITLE = re.compile(r"\b(?:joint\s+statement|(?:joint\s+|leaders['’]?\s+)?declaration|"
                    r"communiqu[eé]|press\s+statement|statement\s+(?:from|by|of)\s+the|"
                    r"joint\s+communiqu[eé]|chair['’]?s\s+statement|" + _RELEASED + r")\b|" + _REMARKS, re.I)
_REMARKS_TITLE = re.compile(_REMARKS, re.I)
_WE_SUBJECT = re.compile(r"(?:^|[,;:—–]\s*|\b(?:and|together|today|also|hereby|jointly)\s+)"
                         r"we\b", re.I)
# A catalogued title (not part of the text) that names the text a statement of its issuer: it
# opens with the kind of statement, or calls it a joint one ("Joint statement by Prime Minister
# of Canada …"); a headline that only mentions one ("Why the Vilnius declaration matters") does not.
_CATALOG_TITLE = re.compile(r"^\s*(?:joint\s+(?:statement|declaration|communiqu[eé])|"
                            r"(?:press\s+)?statement\s+(?:by|of|from|on)|communiqu[eé]|"
                            r"declaration\s+(?:by|of|on))\b|\bjoint\s+statement\b", re.I)
# "The conclusion of the negotiations builds on our commitment": the issuer's own words too
# (case-sensitive: "US" is the United States)
_OUR = re.compile(r"\b(?:[Oo]urs?|us)\b")
# A first line that names the text a joint statement (or communiqué) of named parties: all its
# sentences are theirs, in the first person or not ("Joint Statement From Australia, Bahrain, …")
_OWN_TITLE = re.compile(r"\bjoint\s+(?:statement|communiqu[eé]|declaration)\b|\b" + _RELEASED +
                        r"\s+the\s+governments\s+of\b|" + _REMARKS, re.I)
# The words that name a statement's issuers: "we, the Prime Minister of Tuvalu and the Foreign
# Minister of Australia, confirm …", "released by the Governments of A and B on the occasion of":
# the span runs to the clause that follows (", confirm", " on the occasion", the sentence's end).
_ISSUERS = re.compile(r"\b(?:we,\s+the\s+|" + _RELEASED + r"\s+)(?P<who>[^.;:\n]{3,300}?)"
                      r"(?=,\s+[a-z]|\s+on\s+the\s+occasion\b|\s+(?:at|in|during|following|after)\s+the\b|[.;:\n])",
                      re.I)
MIN_SENTENCES = 2  # a lone "we" is an aside, not a communiqué's voice


def issuers_span(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of text[lo:hi] that names the statement's issuers, if its words name them."""
    m = _ISSUERS.search(text, lo, hi)
    return m.span("who") if m else None


def is_transcript(text: str) -> bool:
    """Whether the text's first line names it someone's remarks, speech or address."""
    first = _first_line(text)
    return len(first) <= 300 and _REMARKS_TITLE.search(first) is not None


def title_end(text: str) -> int:
    """Where the text's first line (its title, if it has one) ends; -1 if it has one line."""
    return text.find("\n", len(text) - len(text.lstrip()))


def _first_line(text: str) -> str:
    return text.lstrip().split("\n", 1)[0]


def is_communique(text: str, title: str | None = None) -> bool:
    """Whether the text's first line, or its catalogued title, names it a statement of its issuer."""
    first = _first_line(text)
    return len(first) <= 300 and _TITLE.search(first) is not None or \
        title is not None and _CATALOG_TITLE.search(title) is not None


def issuer_sentences(text: str, sentences: list[Span],
                     quoted: list[tuple[int, int]], title: str | None = None) -> list[Span]:
    """The issuer's sentences after the first line, outside quotations: all of them when the
    first line or the catalogued title names a joint statement, else those in the first person
    plural ("we", "our"), and none unless there are at least MIN_SENTENCES of those."""
    if not is_communique(text, title):
        return []
    end = title_end(text)
    body, own = [], []
    for s in sentences:
        if s.start < end or any(a < s.end and s.start < b for a, b in quoted) \
                or _TITLE.search(text, s.start, s.end):
            continue  # (a heading repeated: "Joint Statement, 24 February 2024: From …")
        body.append(s)
        if _WE_SUBJECT.search(text[s.start:s.end]) or _OUR.search(text[s.start:s.end]):
            own.append(s)
    if _OWN_TITLE.search(_first_line(text)) or title is not None and _OWN_TITLE.search(title):
        return body
    return own if len(own) >= MIN_SENTENCES else []
