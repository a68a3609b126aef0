"""One root for every error this project raises on purpose.

The CLI turns an `AgError` into a one-line message and a non-zero exit; the server maps
`status` to the HTTP response. Anything else is a bug and surfaces as a 500 / traceback.
"""

from __future__ import annotations

import re

# Oxigraph's SPARQL parser says "error at LINE:COLUMN: why" (1-based).
_QUERY_AT = re.compile(r"error at (\d+):(\d+):? ?")


class AgError(Exception):
    """Base class for errors raised by this project."""

    status = 500


class InputError(AgError):
    """Bad input from a user: a file, an option, an article. Names the file and line if known."""

    status = 400


class ParseError(InputError):
    """A file that does not parse. `where` is "file:line:column" when the parser says so."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.path, self.line, self.column = path, line, column
        where = ":".join(str(p) for p in (path, line, column) if p is not None)
        super().__init__(f"{where}: {message}" if where else message)

    @classmethod
    def from_syntax_error(cls, e: SyntaxError, path: str) -> ParseError:
        """pyoxigraph says 'Parser error at line 4 between columns 7 and 11: why'; keep the
        why, and take line and column (1-based) from the exception."""
        msg = str(e.msg if e.msg else e)
        if msg.startswith("Parser error") and ": " in msg:
            msg = msg.split(": ", 1)[1]
        return cls(msg, path, e.lineno, e.offset)


class ValidationError(AgError):
    """Data that breaks the shapes, a check query, or the ontology's consistency."""

    status = 422


class ReasonerError(AgError):
    """HermiT could not run (no Java, a Java error, input it cannot read)."""


class QueryError(InputError):
    """A SPARQL query that cannot be run as asked (syntax, form, length)."""


class StoreError(AgError):
    """The store cannot be opened, read or written (locked, missing, unreachable)."""

    status = 500


def query_position(message: str) -> tuple[int | None, int | None, str]:
    """(line, column, why) from an Oxigraph SPARQL parser message; None where it says none.

    >>> query_position("error at 1:25: expected a variable")
    (1, 25, 'expected a variable')
    """
    m = _QUERY_AT.search(message)
    if not m:
        return None, None, message.strip()
    return int(m.group(1)), int(m.group(2)), _QUERY_AT.sub("", message, count=1).lstrip(": ").strip()


def query_error_message(message: str, name: str | None = None) -> str:
    """Put the parser's line:column first, like a compiler: `query.rq:1:25: expected ...`."""
    line, column, why = query_position(message)
    where = ":".join(str(p) for p in (name, line, column) if p is not None)
    return f"{where}: SPARQL syntax error: {why}" if where else f"SPARQL syntax error: {why}"


def java_error_reason(message: str) -> str:
    """The first line of a Java stack trace that says what went wrong (HermiT's failures)."""
    lines = [ln.strip() for ln in message.splitlines() if ln.strip()]
    causes = [ln for ln in lines if "Exception" in ln and not ln.startswith("at ")]
    reason = causes[-1] if causes else lines[-1] if lines else "no message"
    return reason.removeprefix('Exception in thread "main" ')[:500]
