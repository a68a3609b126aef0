"""A small SPARQL tokenizer: the query form, dataset clauses, updates and SERVICE, found
without running the query.

pyoxigraph exposes no parsed algebra, so this reads the tokens the way the SPARQL grammar's
terminals do (strings, IRIs, comments, prefixed names and variables are whole tokens) and
looks only at bare keywords. A keyword inside a string, comment, IRI, variable or prefixed
name is therefore never mistaken for one, and a real keyword cannot hide in them either.
Oxigraph does not process `\\u` escapes outside strings, so they cannot spell a keyword.

>>> analyse('PREFIX s: <http://x/SERVICE#> SELECT ?service { ?s s:SERVICE "SERVICE" }')
QueryInfo(form='SELECT', update=False, service=False, dataset=False)
>>> analyse('ASK { SeRvIcE <http://x/> { ?s ?p ?o } }').service
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD",
                          "MOVE", "COPY", "WITH"})

# Order matters: the first alternative that matches at a position wins, as in a lexer that
# prefers the long terminals (strings, IRIs) over punctuation.
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[\w.\-]*)
  | (?P<pname>[^\W\d][\w.\-]*:(?:[\w.\-:%]|\\.)*|:(?:[\w.\-:%]|\\.)*)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class QueryInfo:
    """What the tokens say about a request: its form, and what the server must refuse."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE, or None when unknown
    update: bool  # the text starts like a SPARQL Update operation
    service: bool  # SERVICE appears as a keyword
    dataset: bool  # FROM / FROM NAMED clauses choose the query's own dataset


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """Every token but white space and comments: (kind, text, offset)."""
    for m in _TOKEN.finditer(text):
        if m.lastgroup not in ("ws", "comment"):
            yield m.lastgroup or "other", m.group(), m.start()


def keywords(text: str) -> list[str]:
    """The bare words of a query, upper-cased, in order (no strings, IRIs, names, comments)."""
    return [m.group().upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


CACHED_LENGTH = 2048  # longer texts are analysed every time: the cache must stay small


def analyse(text: str) -> QueryInfo:
    """The form of a query and whether it is an update, uses SERVICE or has FROM clauses.

    Short texts (the common, repeated ones) are remembered; long ones are not, so the
    memory this costs is bounded (4,096 x 2 KB) whatever clients send."""
    return _analyse_cached(text) if len(text) <= CACHED_LENGTH else _analyse(text)


@lru_cache(maxsize=4096)
def _analyse_cached(text: str) -> QueryInfo:
    return _analyse(text)


def _analyse(text: str) -> QueryInfo:
    words = keywords(text)
    first = next((w for w in words if w not in ("BASE", "PREFIX")), None)
    form = first if first in FORMS else None
    return QueryInfo(form=form, update=first in UPDATE_WORDS, service="SERVICE" in words,
                     dataset="FROM" in words)
