"""The dataset of a SPARQL Update request: the protocol's `using-graph-uri` and
`using-named-graph-uri`, and the union default graph that /sparql queries see.

pyoxigraph's `Store.update` takes no dataset, so the protocol's graphs become `USING` /
`USING NAMED` clauses written before the `WHERE` of each DELETE/INSERT operation: the
protocol says they are equivalent, and that a request giving both is an error. Without them,
each such operation that has no `USING` or `WITH` of its own gets every named graph, so its
WHERE sees the same union default graph as a query on /sparql does (an
`INSERT ... WHERE { ?s a ag:Country }` used to insert nothing). Tokens come from
`lexer.tokens`, so a WHERE inside a string, IRI or comment is never mistaken for one.

>>> prepare("INSERT { ?s a <x:T> } WHERE { ?s a <x:C> }", ["http://g/1"], [], list)
'INSERT { ?s a <x:T> } USING <http://g/1> WHERE { ?s a <x:C> }'
>>> prepare("DELETE WHERE { ?s ?p ?o }", [], [], lambda: ["http://g/1"])
'DELETE WHERE { ?s ?p ?o }'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from loaders.errors import QueryError
from server.api.lexer import tokens


@dataclass
class _Operation:
    where_at: list[int] = field(default_factory=list)  # offsets of top-level Modify WHEREs
    own_dataset: bool = False  # USING or WITH


def _operations(text: str) -> list[_Operation]:
    ops, op, depth, previous = [], _Operation(), 0, ("", "")
    for kind, tok, at in tokens(text):
        word = tok.upper() if kind == "word" else ""
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0 and tok == ";":
            ops.append(op)
            op = _Operation()
        elif depth == 0 and word in ("USING", "WITH"):
            op.own_dataset = True
        elif depth == 0 and word == "WHERE" and previous != ("word", "DELETE"):
            op.where_at.append(at)
        if depth == 0 or tok == "{":
            previous = (kind, tok.upper() if kind == "word" else tok)
    ops.append(op)
    return ops


def prepare(text: str, using: list[str], using_named: list[str],
            all_graphs: Callable[[], list[str]]) -> str:
    """The update to run: the protocol's dataset, or the union default graph, made explicit.

    Raises QueryError (400) when the protocol names graphs and the update has USING/WITH.
    """
    ops = _operations(text)
    protocol = bool(using or using_named)
    if protocol and any(op.own_dataset for op in ops):
        raise QueryError("using-graph-uri / using-named-graph-uri cannot be combined with an "
                         "update that has USING or WITH of its own")
    inserts: list[tuple[int, str]] = []
    union: str | None = None
    for op in ops:
        if not op.where_at or (op.own_dataset and not protocol):
            continue
        if protocol:
            clause = "".join(f"USING <{g}> " for g in using) + "".join(
                f"USING NAMED <{g}> " for g in using_named)
        else:
            if union is None:
                graphs = all_graphs()
                union = "".join(f"USING <{g}> " for g in graphs) + "".join(
                    f"USING NAMED <{g}> " for g in graphs)
            clause = union
        inserts += [(at, clause) for at in op.where_at]
    for at, clause in sorted(inserts, reverse=True):
        text = text[:at] + clause + text[at:]
    return text
