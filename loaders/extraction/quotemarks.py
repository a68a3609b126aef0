"""Quotations that run over several paragraphs, and opening marks typed the wrong way round.

Typographic convention opens every paragraph of a long quotation with “ and closes only the
last one; copy that lost its marks may open it once and close it paragraphs later. Both are
one quotation: an opening mark left unclosed at the end of its paragraph goes on through the
next paragraphs (at most `MAX_PARAGRAPHS`, none of which may hold a quotation of its own
other than a leading “) up to the first closing mark that no opening mark in its own
paragraph precedes. A ” right after a sentence's end or a space and right before a letter
(`reports.”We …`) is an opening mark typed the wrong way. A paragraph whose opener finds no
such close stays unclosed (the caller warns about it).
"""

from __future__ import annotations

import re

MAX_PARAGRAPHS = 4
# (the mark first, its look-behind after it: the regex engine then jumps from mark to mark)
_MISTYPED_OPEN = re.compile(r"”(?=[A-Z0-9])(?:(?<=^”)|(?<=[\s.!?:;]”))")
_PARAGRAPH = re.compile(r"[^\n]+")
_CLOSE = re.compile("”")
_TURNED_CLOSE = re.compile(r"(?<=[\w.,!?…])“(?![\w])")


def opening_marks(paragraph: str) -> list[int]:
    """Offsets in `paragraph` of curly opening marks: “ and a mistyped ” before a word."""
    return sorted([m.start() for m in re.finditer("“", paragraph)] +
                  [m.start() for m in _MISTYPED_OPEN.finditer(paragraph)])


def unclosed_opener(paragraph: str) -> int | None:
    """The offset of an opening mark that nothing in its paragraph closes, if any."""
    opens = set(opening_marks(paragraph))
    if not opens:
        return None
    # (”I met him,“ X wrote: an opening mark typed as a closing one is closed by one typed as an
    # opening one, right after a word or a comma)
    turned = {m.start() for m in _TURNED_CLOSE.finditer(paragraph)}
    pending: int | None = None
    # Only the marks matter: visit them in order rather than every character.
    for i in sorted(opens.union(m.start() for m in _CLOSE.finditer(paragraph))):
        if i in turned and pending is not None and paragraph[pending] == "”":
            pending = None  # ”…“ closed
        elif i in opens:
            pending = i if pending is None else pending
        elif pending is not None:  # a closing mark
            pending = None
    return pending


def spanning_quotes(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotations that run over more than one paragraph."""
    paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    out: list[tuple[int, int]] = []
    for k, (p0, p1) in enumerate(paras):
        if out and p0 < out[-1][1]:
            continue  # a paragraph the last quotation runs through
        opener = unclosed_opener(text[p0:p1])
        if opener is None:
            continue
        close = _close_after(text, paras[k + 1:k + 1 + MAX_PARAGRAPHS])
        if close is not None:
            out.append((p0 + opener, close))
    return out


# Single marks, as British style quotes: ‘ opens after a space, a bracket, a double mark, a dash
# or the paragraph's start, before a word; ’ closes after a word or the quote's punctuation,
# before no letter (so "NATO’s" closes nothing). `statements` pairs them within a paragraph.
OPEN_SINGLE = re.compile(r"‘(?=\w)(?:(?<=^‘)|(?<=[\s(\[“\"—–-]‘))")
_CLOSE_SINGLE = re.compile(r"’(?<=[\w.,!?…]’)(?![\w])")


def _single_opener(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first ‘ in text[start:end] that opens a quotation running on over paragraphs: one
    before a letter (not "‘90s", which opens no long quotation)."""
    for m in OPEN_SINGLE.finditer(text, start, end):
        if not text[m.end()].isdigit():
            return m
    return None


_POSSESSIVE_LOOKING = re.compile(r"(?<=s)’ (?=[a-z])")  # "the United States’ commitment"


def single_close(text: str, start: int, end: int) -> re.Match[str] | None:
    """The single mark that closes a quotation opened before `start`, in text[start:end]: the
    first ’ that may close one, but not a plural possessive's when a closing mark follows before
    the next opening one ("‘… the United States’ commitment to …,’ the statement read")."""
    close = _CLOSE_SINGLE.search(text, start, end)
    while close is not None and _POSSESSIVE_LOOKING.match(text, close.start()):
        nxt = _CLOSE_SINGLE.search(text, close.end(), end)
        opener = _single_opener(text, close.end(), nxt.start() if nxt else end)
        if nxt is None or opener is not None:
            break
        close = nxt
    return close


def _unclosed_single(paragraph: str) -> int | None:
    """The offset of a single opening mark that nothing in its paragraph closes, in a paragraph
    without double marks (British copy quotes in single marks, a quotation inside one in double)."""
    if "“" in paragraph or '"' in paragraph or "‘" not in paragraph:
        return None
    at = 0
    while (opener := _single_opener(paragraph, at, len(paragraph))) is not None:
        close = single_close(paragraph, opener.end(), len(paragraph))
        if close is None:
            return opener.start()
        at = close.end()
    return None


def spanning_single_quotes(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the quotations in single marks that run over more than one
    paragraph, by the same convention as `spanning_quotes`."""
    if "‘" not in text:
        return []
    paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    out: list[tuple[int, int]] = []
    for k, (p0, p1) in enumerate(paras):
        if out and p0 < out[-1][1]:
            continue
        opener = _unclosed_single(text[p0:p1])
        if opener is None:
            continue
        for q0, q1 in paras[k + 1:k + 1 + MAX_PARAGRAPHS]:
            skip = 1 if text.startswith("‘", q0) else 0
            close = single_close(text, q0 + skip, q1)
            end = close.start() if close else q1
            if _single_opener(text, q0 + skip, end) or "“" in text[q0:end] or '"' in text[q0:end]:
                break  # the paragraph quotes something else first
            if close is not None:
                out.append((p0 + opener, close.start()))
                break
    return out


def _close_after(text: str, paras: list[tuple[int, int]]) -> int | None:
    """The first closing mark in the paragraphs after an unclosed opener, that no opener of
    its own paragraph precedes; None if a paragraph quotes something else first."""
    for p0, p1 in paras:
        para = text[p0:p1]
        body = para[1:] if para.startswith("“") else para
        skip = 1 if para.startswith("“") else 0
        close = body.find("”")
        opens = [o for o in opening_marks(body) if close < 0 or o < close]
        if opens or '"' in body[:close if close >= 0 else len(body)]:
            return None
        if close >= 0:
            return p0 + skip + close
    return None
