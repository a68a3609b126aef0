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
