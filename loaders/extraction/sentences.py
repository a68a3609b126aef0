"""Sentence and clause boundaries by rule: fast, deterministic, offsets into the full text.

A regex splitter rather than the parser's sentences, so that the statistical model only has
to run on the sentences that need it (see `loaders.extraction.pipeline`). It knows abbreviations such as
"U.S." that end a sentence only when a function word follows ("... of the U.S. Until ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[.!?…]+[\"”’')\]]*$")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Hon|Gen|Lt|Col|Capt|Adm|Sgt|Sen|Rep|Gov|Pres|"
    r"St|No|Nos|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|"
    r"Co|Corp|Jr|Sr|Mt|Ft|approx|cf|al)\.)$")
# Initials with their full stops, "U.S.", "U.K.", "U.N." (shared by the rules that read them)
INITIALS = r"(?:[A-Z]\.){2,3}"
_INITIALS = re.compile(r"\b" + INITIALS + "$")  # U.S. U.K. U.N. may end a sentence
_BRACKETED_INITIALS = re.compile(r"\(" + INITIALS + "$")
# Capitalised words that start sentences but never continue a name after "U.S.".
_STARTERS = frozenset("""The A An It Its This That These Those There Then They Their We Our I
In On At Until But And Or So Yet Not Only He She His Her Since While When Where If As For
After Before However Meanwhile Still Even Now Both Each Some Most Many No What Why How
""".split())
_CLAUSE = re.compile(r";\s|\s[–—]\s|,\s+(?:while|whereas|but|although|though)\s")


@dataclass(frozen=True)
class Span:
    """A sentence (or clause): text[start:end]."""

    start: int
    end: int


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end], each stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+", text[start:end]):
        p0 = start + para.start()
        ptext = para.group()
        cut = 0
        for m in _END.finditer(ptext):
            if _is_abbreviation(ptext, m.start(), m.end()):
                continue
            _add(spans, text, p0 + cut, p0 + m.end())
            cut = m.end()
        _add(spans, text, p0 + cut, p0 + len(ptext))
    return spans


def _is_abbreviation(ptext: str, dot: int, after: int) -> bool:
    head = ptext[max(0, dot - 12):dot + 1]
    if ptext[dot:after] == ".)" and _BRACKETED_INITIALS.search(head):
        return True  # "the United States (U.S.) Secretary for Defence": a short form in brackets
    if ptext[dot] != "." or after - dot > 1:
        return False
    if not _ABBREV.search(head):
        return False
    if _INITIALS.search(head):
        nxt = re.match(r"\s+[\"“‘(]?([A-Z][a-z]*)", ptext[after:])
        return not (nxt and nxt.group(1) in _STARTERS)
    return True


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def clause_around(text: str, sentence: Span, start: int, end: int) -> Span:
    """The smallest clause of `sentence` that covers text[start:end] (clauses cut at ; – while)."""
    cuts = [sentence.start]
    for m in _CLAUSE.finditer(text, sentence.start, sentence.end):
        cuts.append(m.start() + 1 if text[m.start()] in ";," else m.start() + 1)
    cuts.append(sentence.end)
    lo = max((c for c in cuts if c <= start), default=sentence.start)
    hi = min((c for c in cuts if c >= end), default=sentence.end)
    return _trim(text, Span(lo, hi))


def _trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and (text[s].isspace() or text[s] in ",;–—"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;–—"):
        e -= 1
    return Span(s, e)
