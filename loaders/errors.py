"""One root for every error this project raises on purpose.

The CLI turns an `AgError` into a one-line message and a non-zero exit; the server maps
`status` to the HTTP response. Anything else is a bug and surfaces as a 500 / traceback.
"""

from __future__ import annotations


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


class QueryError(InputError):
    """A SPARQL query that cannot be run as asked (syntax, form, length)."""


class StoreError(AgError):
    """The store cannot be opened, read or written (locked, missing, unreachable)."""

    status = 500
