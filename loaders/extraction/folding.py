"""Case-insensitive search without re.I: a lower-cased copy of the text of the same length.

A regex compiled with re.I is several times slower than the same regex without it (every
letter is compared through its case variants, and the engine cannot skip ahead on a plain
character). So the long case-insensitive scans run, lower-cased and without re.I, over
`fold(text)`, which has the same length as the text: the matches are the same, at the same
offsets (`tests/test_extract_speed.py` checks this on every code point and on real texts).
"""

from __future__ import annotations

import re

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDABLE = re.compile("[\u0130\u0131\u017f\u212a]")  # (str.translate is slow on long texts)


def fold(text: str) -> str:
    """`text` lowercased, of the same length, such that a pattern of lowercase ASCII letters
    finds without re.I what it finds with re.I in `text`, at the same offsets: re.I also
    matches "İ", "ı" (as i), "ſ" (as s) and the Kelvin sign (as k), and "İ".lower() would
    be two characters.

    >>> fold("Said İ ſ")
    'said i s'
    """
    if text.isascii():
        return text.lower()
    folded = text.translate(_FOLD) if _FOLDABLE.search(text) else text
    out = folded.lower()
    if len(out) != len(text):  # a character whose lowercase is longer stays as it is
        out = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    return out


# What a lower-cased pattern could get wrong: an upper-case escape (\S, \W, \B, \D, \A, \Z),
# a literal backslash, inline flags, a named group or reference (a letter outside ASCII is
# checked apart).
_UNSAFE = re.compile(r"\\[A-Z]|\\\\|\(\?[aiLmsux-]|\(\?P")


def for_folded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """`regex` (compiled with re.I) for a `fold`ed text: its ASCII letters lower-cased, without
    re.I, it finds in `fold(text)` what `regex` finds in `text`, at the same offsets."""
    cased = any(not c.isascii() and c.lower() + c.upper() != c + c for c in regex.pattern)
    if not regex.flags & re.I or _UNSAFE.search(regex.pattern) or cased:
        raise ValueError(f"not a case-insensitive pattern of ASCII letters: {regex.pattern[:60]!r}")
    pattern = re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), regex.pattern)
    return re.compile(pattern, regex.flags & ~re.I)
