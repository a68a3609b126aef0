"""Edit one entry of sources/catalog.ttl in place, keeping every other byte of the file.

A Turtle parser drops comments and layout, so re-serializing the catalog to take an entry
out loses what a curator wrote beside the others. Here the file is cut into statements by a
small scanner (strings, IRIs, comments, brackets and the final dot; `@prefix` and `PREFIX`
directives), the statements about the source (and about blank nodes it names, `_:x`) are cut
out with the comment lines just above them, and a replacement entry (serialized by rdflib,
never pasted together) goes where the old one was. The result is parsed and must hold
exactly the triples expected; if it does not (an entry written in a way the scanner does not
follow), `None` is returned and the caller re-serializes the whole catalog instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from ontology import terms

_DIRECTIVE = re.compile(r"(?:@prefix\s+([^\s:]*):\s*<([^>]*)>\s*\.|PREFIX\s+([^\s:]*):\s*<([^>]*)>"
                        r"|@base\s+<[^>]*>\s*\.|BASE\s+<[^>]*>)", re.I)
_BLANK = re.compile(r"_:([A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_-]|[A-Za-z0-9_])")


@dataclass(frozen=True)
class Statement:
    start: int  # first character of the statement
    end: int  # just after its final dot (or a directive's end)
    subject: str  # the subject as written (IRI in <>, prefixed name, _:label), "" for directives
    code: str  # the statement without its strings and comments (to find _:labels)


def statements(text: str) -> list[Statement]:
    """The file's statements in order. Raises ValueError where the scanner loses its way."""
    out: list[Statement] = []
    i, n = 0, len(text)
    while True:
        i = _skip_space(text, i)
        if i >= n:
            return out
        m = _DIRECTIVE.match(text, i)
        if m:
            out.append(Statement(i, m.end(), "", ""))
            i = m.end()
            continue
        end, code = _statement_end(text, i)
        subject = re.match(r"\S+?(?=[\s;,\[(]|$)", code.strip())
        out.append(Statement(i, end, subject.group(0) if subject else "", code))
        i = end


def _skip_space(text: str, i: int) -> int:
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "#":
            j = text.find("\n", i)
            i = len(text) if j < 0 else j + 1
        else:
            break
    return i


def _statement_end(text: str, i: int) -> tuple[int, str]:
    """Index after the dot that ends the statement starting at i, and its code."""
    depth, n, code = 0, len(text), []
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise ValueError("unterminated string")
            i = j + len(quote)
            code.append('""')
            continue
        if c == "<" and not text.startswith("<<", i):
            j = text.find(">", i)
            if j < 0:
                raise ValueError("unterminated IRI")
            code.append(text[i:j + 1])
            i = j + 1
            continue
        if c in "[(" or text.startswith("<<", i):
            depth += 1
        elif c in "])" or text.startswith(">>", i):
            depth -= 1
        elif c == "." and depth == 0 and (i + 1 >= n or text[i + 1].isspace() or text[i + 1] == "#"):
            return i + 1, "".join(code)
        step = 2 if text.startswith(("<<", ">>"), i) else 1
        code.append(text[i:i + step])
        i += step
    raise ValueError("a statement has no final dot")


def _prefixes(text: str) -> dict[str, str]:
    found = {}
    for m in _DIRECTIVE.finditer(text):
        if m.group(2) is not None:
            found[m.group(1)] = m.group(2)
        elif m.group(4) is not None:
            found[m.group(3)] = m.group(4)
    return found


def _iri(token: str, prefixes: dict[str, str]) -> str | None:
    if token.startswith("<") and token.endswith(">"):
        return token[1:-1]
    if ":" in token and not token.startswith("_:"):
        prefix, local = token.split(":", 1)
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


def _block(text: str, s: Statement) -> tuple[int, int]:
    """The statement with the comment lines right above it and the rest of its last line."""
    start = text.rfind("\n", 0, s.start) + 1
    if text[start:s.start].strip():
        start = s.start  # something else shares the line: cut the statement alone
    else:
        while start > 0:
            prev = text.rfind("\n", 0, start - 1) + 1
            if not text[prev:start].lstrip().startswith("#"):
                break
            start = prev
    end = text.find("\n", s.end)
    end = len(text) if end < 0 else end + 1
    if text[s.end:end].strip() and not text[s.end:end].strip().startswith("#"):
        end = s.end + len(text[s.end:end]) - len(text[s.end:end].lstrip(" \t"))
    elif text.startswith(("\n", "\r\n"), end) and (start == 0 or text.endswith(("\n\n", "\r\n\r\n"), 0, start)):
        end += 1 if text[end] == "\n" else 2  # one blank line goes with the entry, so spacing stays as it was
    return start, end


def edit(text: str, replace: dict[str, str], expected: Iterable[ox.Quad]) -> str | None:
    """`text` with the entry of each source id in `replace` swapped for the given Turtle
    ("" removes it); None unless the result parses to exactly `expected` (as a graph)."""
    try:
        found = statements(text)
    except ValueError:
        return None
    prefixes = _prefixes(text)
    cuts: list[tuple[int, int, str]] = []
    for article_id, turtle in replace.items():
        iri = terms.source(article_id).value
        own = [s for s in found if _iri(s.subject, prefixes) == iri]
        labels = {f"_:{m.group(1)}" for s in own for m in _BLANK.finditer(s.code)}
        own += [s for s in found if s.subject in labels]
        blocks = sorted(_block(text, s) for s in own)
        for k, (a, b) in enumerate(blocks):
            cuts.append((a, b, turtle if k == 0 else ""))
    cuts.sort()
    if any(b > c for (_, b, _), (c, _, _) in zip(cuts, cuts[1:])):
        return None
    out, at = [], 0
    for a, b, new in cuts:
        out += [text[at:a], new]
        at = b
    result = "".join(out) + text[at:]
    return result if _same(result, expected) else None


def _same(text: str, expected: Iterable[ox.Quad]) -> bool:
    try:
        got = ox.Dataset(ox.parse(text, format=ox.RdfFormat.TURTLE))
    except SyntaxError:
        return False
    want = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in expected)
    for d in (got, want):
        d.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return got == want


def entry_text(turtle: str, text: str) -> str:
    """A serialized entry without the prefix lines the file already declares the same way,
    ending with one blank line."""
    known = _prefixes(text)
    lines = [line for line in turtle.splitlines(keepends=True)
             if not ((m := _DIRECTIVE.fullmatch(line.strip())) and m.group(2) is not None
                     and known.get(m.group(1)) == m.group(2))]
    return "".join(lines).strip("\n") + "\n\n"
