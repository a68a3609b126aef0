"""The text the rules read, and the way back to the text as written.

The same article saved from a web page, a word processor or another system differs in
characters a reader does not see: Windows line ends (CR LF), non-breaking and thin spaces,
tabs, soft hyphens and zero-width characters, accents stored as a letter plus a combining
mark (NFD, as macOS writes names), non-breaking hyphens, apostrophes typed straight or curly,
runs of spaces, indented lines, paragraphs hard-wrapped at a fixed width (e-mail, text copied
from a PDF), HTML character references ("&rsquo;", "&#8217;", "&amp;" in a page's source saved
as text). The rules, the gazetteer and the model know only the plain forms, so each of these
lost names, quotes and relations, and gave entities labels (and IRIs) of their own
(bench/extraction_invariance.py). `plain` rewrites them once, before extraction: line ends as
LF, every space as one plain space, none at the start or end of a line, composed accents,
plain hyphens, ’ for a straight apostrophe inside a word, a wrapped paragraph's line breaks as
spaces (left out after a word's hyphen: "Indo-" ending a line, "Pacific" the next), the
character a reference stands for. It keeps for every character of the plain text
the span of the original it came from, so that evidence is cut from the text as written and
stays exact. A text with none of them (most articles) is returned as it is, with no table.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass

_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # spaces other than " "
# Characters that are no part of the words: soft hyphen, zero-width space and joiners, word
# joiner, byte-order mark.
_DROP = "\u00ad\u200b-\u200d\u2060\ufeff"
# The combining marks that NFD splits letters of Latin, Greek and Cyrillic scripts into.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_HYPHENS = str.maketrans("\u2010\u2011", "--")  # hyphen, non-breaking hyphen: one character each
# What has to change: a line end with CR, a run of spaces that is not one plain space between
# words (or holds an invisible character), an invisible character, a letter with marks.
_CHANGE = re.compile(
    r"(?P<cr>\r\n?)"
    rf"|(?P<space>[ {_SPACES}{_DROP}]*[{_SPACES}{_DROP}][ {_SPACES}{_DROP}]*"
    r"|  +|(?<![^\n]) +| +(?=[\r\n]|\Z))"
    rf"|(?P<marked>[^\n][{_MARKS}]+)"
    r"|(?P<entity>&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});)")
_SPACE = re.compile(f"[ {_SPACES}]")
_INVISIBLE = re.compile(f"[{_DROP}]")
_SPECIAL = re.compile(f"[\r{_SPACES}{_DROP}]|&#?[A-Za-z0-9]+;")


@dataclass(frozen=True)
class Plain:
    """The plain text, and the way back: for each stretch of it (from `starts[k]` in the plain
    text), where it begins in the original (`origins[k]`) and, for a stretch standing for
    characters of another length (CR LF, a composed letter), where that run ends (`runs[k]`;
    -1 for a stretch copied character for character). Empty when the two texts are the same."""

    text: str
    starts: tuple[int, ...] = ()
    origins: tuple[int, ...] = ()
    runs: tuple[int, ...] = ()
    original_length: int = 0

    @property
    def same(self) -> bool:
        return not self.starts

    def _segment(self, i: int) -> tuple[int, int, int, int]:
        """(plain start, origin, run end or -1, plain length) of the stretch holding plain offset i."""
        k = bisect.bisect_right(self.starts, i) - 1
        nxt = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
        return self.starts[k], self.origins[k], self.runs[k], nxt - self.starts[k]

    def _start(self, i: int) -> int:
        start, origin, run, _ = self._segment(i)
        return origin if run >= 0 else origin + i - start

    def _end(self, i: int) -> int:
        start, origin, run, _ = self._segment(i)
        return run if run >= 0 else origin + i - start + 1

    def written(self, offset: int) -> int:
        """The original offset of a plain one (where the character there came from)."""
        if self.same:
            return offset
        return self.original_length if offset >= len(self.text) else self._start(offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the plain span [start, end) stands for."""
        if self.same:
            return start, end
        if end <= start or start >= len(self.text):
            return self.written(start), self.written(start)
        return self._start(start), self._end(end - 1)

    def at(self, offset: int) -> int:
        """The plain offset of an original offset (the first plain character from there on)."""
        if self.same:
            return offset
        k = bisect.bisect_right(self.origins, offset) - 1
        if k < 0:
            return 0
        start, origin, run, length = self._segment(self.starts[k])
        if run >= 0:
            return start if offset == origin else start + length
        return start + min(offset - origin, length)


def _changes(text: str) -> bool:
    """Whether `text` may hold anything `plain` rewrites (string scans in C: most texts hold nothing)."""
    return ("  " in text or "\n " in text or " \n" in text or text[:1] == " " or text[-1:] == " "
            or _SPECIAL.search(text) is not None
            or (not text.isascii() and not unicodedata.is_normalized("NFC", text)))


def plain(text: str) -> Plain:
    """`text` as the rules read it, with the way back (see the module docstring).

    >>> p = plain("NATO\\u00a0said\\r\\nit")
    >>> p.text
    'NATO said\\nit'
    >>> p.span(10, 12)
    (11, 13)
    """
    first = _CHANGE.search(text) if _changes(text) else None
    if first is None:
        read, joined = _typeset(text)
        if read is not text:  # one stretch, copied character for character
            return _without(Plain(read, (0,), (0,), (-1,), len(text)), joined)
        return Plain(text, original_length=len(text))
    pieces: list[str] = []
    starts, origins, runs = [0], [0], [-1]
    done, size = 0, 0  # original characters consumed, plain characters written

    def emit(piece: str) -> None:
        nonlocal size
        pieces.append(piece)
        size += len(piece)

    def stretch(origin: int, run: int = -1) -> None:
        if starts[-1] == size:  # an empty stretch before this one
            origins[-1], runs[-1] = origin, run
        else:
            starts.append(size)
            origins.append(origin)
            runs.append(run)

    def replace(match: re.Match[str], piece: str) -> None:
        """`piece` for the matched run: a stretch of its own, the run's length in the original."""
        stretch(match.start(), match.end())
        emit(piece)
        stretch(match.end())

    for m in _CHANGE.finditer(text, first.start()):
        emit(text[done:m.start()])
        if m.lastgroup == "cr":
            replace(m, "\n")
        elif m.lastgroup == "entity":  # "&rsquo;", "&#8217;", "&amp;": a page's source saved as text
            character = html.unescape(m.group())
            if character == m.group() or len(character) != 1:
                emit(m.group())  # not a character reference after all
            elif _INVISIBLE.match(character):  # "&shy;", "&zwnj;"
                stretch(m.end())
            else:
                replace(m, " " if _SPACE.match(character) else character)
        elif m.lastgroup == "space":
            line_start = size == 0 or "".join(pieces[-2:]).endswith("\n")
            space = _SPACE.search(m.group())
            if not line_start and space and m.end() < len(text) and text[m.end()] not in "\r\n":
                stretch(m.start() + space.start())  # one space between words: the first of the run
                emit(" ")
            stretch(m.end())
        else:
            composed = unicodedata.normalize("NFC", m.group())
            if len(composed) != len(m.group()):
                replace(m, composed)
            else:
                emit(composed)
        done = m.end()
    emit(text[done:])
    if starts[-1] == size and len(starts) > 1:  # nothing after the last stretch
        del starts[-1], origins[-1], runs[-1]
    read, joined = _typeset("".join(pieces))
    return _without(Plain(read, tuple(starts), tuple(origins), tuple(runs), len(text)), joined)


def _without(p: Plain, gone: tuple[int, ...]) -> Plain:
    """`p` with its characters at the offsets `gone` (in order; each a line break standing for
    itself or for a CR LF) left out, the way back to the text as written kept."""
    if not gone:
        return p
    starts, origins, runs = list(p.starts), list(p.origins), list(p.runs)
    for g in gone:  # a stretch of its own for each: cut copied stretches around it
        for cut in (g, g + 1):
            k = bisect.bisect_right(starts, cut) - 1
            if starts[k] != cut and cut < len(p.text):
                starts.insert(k + 1, cut)
                origins.insert(k + 1, origins[k] + cut - starts[k])
                runs.insert(k + 1, -1)
    dropped = set(gone)
    kept = [k for k, start in enumerate(starts) if start not in dropped]
    shift = [bisect.bisect_left(gone, starts[k]) for k in kept]
    text = "".join(c for i, c in enumerate(p.text) if i not in dropped)
    return Plain(text, tuple(starts[k] - n for k, n in zip(kept, shift)), tuple(origins[k] for k in kept),
                 tuple(runs[k] for k in kept), p.original_length)


def _typeset(text: str) -> tuple[str, tuple[int, ...]]:
    """Plain hyphens, curly apostrophes inside words, and the lines of a hard-wrapped paragraph
    joined (one character for one: offsets hold), with the offsets of the line breaks to leave
    out (a wrap after a word's hyphen). `text` itself when there is nothing to change."""
    if "\u2010" in text or "\u2011" in text:
        text = text.translate(_HYPHENS)
    if "'" in text:
        text = _plural_possessives(_APOSTROPHE.sub("’", text))
    return unwrapped(text)


# A straight mark between two letters is an apostrophe ("People's", "don't"), never a quotation
# mark: typed as most of the corpus and the gazetteer type it, so that a name has one spelling.
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
# A straight mark left after that: opening a quotation (after a space, a bracket or a dash,
# before a letter), or closing one (after anything but a space).
_SINGLE_MARK = re.compile(r"(?P<open>(?<![^\s(\[“\"—–-])'(?=[^\W\d_]))|(?P<close>(?<=\S)')")


def _plural_possessives(text: str) -> str:
    """A straight mark after a word's "s" that closes no quotation opened on its line is the
    apostrophe of a plural possessive ("the Kurdistan Workers' Party", "the states' views"):
    ’, as the name is typed curly, so that it has one label. `text` itself when there is none."""
    if "s'" not in text and "S'" not in text:
        return text
    out: list[str] | None = None
    depth, line = 0, -1
    for m in _SINGLE_MARK.finditer(text):
        start = text.rfind("\n", 0, m.start())
        if start != line:
            depth, line = 0, start
        if m.lastgroup == "open":
            depth += 1
        elif depth:
            depth -= 1
        elif text[m.start() - 1] in "sS":
            out = out or list(text)
            out[m.start()] = "’"
    return text if out is None else "".join(out)


MIN_WRAPPED = 4  # lines followed by another in one paragraph: fewer say too little of a width
WRAP_WIDTH = 100  # text hard-wrapped (e-mail, a PDF's copy, a wire feed) is 40 to 100 characters wide
_WORD_HYPHEN = re.compile(r"[^\W_]-\Z")  # a line ending in a word's hyphen: "Indo-"
_WORD_PART = re.compile(r"[^\W_][^\s-]*-?")  # what a wrap at hyphens takes as the next line's first piece
_LIST_ITEM = re.compile(r"(?:[-*•–—]|\d{1,3}[.)]|\(?[a-z][.)])\s")


def _list_item(line: str, before: str, after: list[str]) -> bool:
    """Whether `line` opens an item of a list. A dash opens one only beside another item that
    opens with it: alone, it is a dash of the sentence that a wrap put first on its line."""
    item = _LIST_ITEM.match(line)
    if item is None or line[0] not in "-–—":
        return item is not None
    return any(other.startswith(line[0] + " ") for other in (before, *after))


def unwrapped(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` with the line breaks inside its paragraphs made spaces, if it is hard-wrapped:
    most lines followed by another are of nearly one width (no more than WRAP_WIDTH), and a
    break is where a greedy wrap at that width put it (the next word would not have fitted).
    Short lines (headings, a byline, the end of a paragraph), blank lines and list items keep
    their breaks. A break after a hyphen inside a word ("Indo-" ending a line, "Pacific"
    starting the next: a wrap may break a compound at its hyphen, as Python's textwrap does by
    default) joins the word again: its offset is returned, to be left out. Also what the pages
    show of a hard-wrapped source (`server.pages.data.paragraph`): every character in its place.
    A text not hard-wrapped comes back as it is."""
    lines = text.split("\n")
    inner = [len(a) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    narrow = [n for n in inner if n <= WRAP_WIDTH]
    if len(narrow) < MIN_WRAPPED or len(narrow) < 0.8 * len(inner):
        return text, ()
    width = max(narrow)
    if width < 40 or sum(n >= width - 30 for n in narrow) < 0.8 * len(narrow):
        return text, ()
    out = list(text)
    joined: list[int] = []
    at = 0
    for i, (a, b) in enumerate(zip(lines, lines[1:])):
        at += len(a)
        if a.strip() and b.strip() and len(a) <= width and not _list_item(b, a, lines[i + 2: i + 3]):
            compound = _WORD_HYPHEN.search(a) and _WORD_PART.match(b)
            if compound and len(a) + len(compound.group()) > width:
                joined.append(at)
            elif len(a) + 1 + len(b.split(" ", 1)[0]) > width:
                out[at] = " "
        at += 1
    return "".join(out), tuple(joined)
