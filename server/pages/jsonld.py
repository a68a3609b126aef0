"""Compact JSON-LD for a handful of triples, with the project's prefixes as its context.

pyoxigraph writes expanded JSON-LD; people and browsers' structured-data tools read the
compact form. The context is only prefix definitions (published at /context.jsonld), so the
compaction is a CURIE rewrite that any JSON-LD processor expands back to the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from ontology import terms

CONTEXT: dict[str, str] = {k: v for k, v in sorted(terms.PREFIXES.items())}
CONTEXT.update({"agact": terms.ACTIVITY, "agtext": terms.BASE + "text/"})


def _iri(value: str) -> str:
    short = terms.curie(value)
    prefix = short.split(":", 1)[0]
    return short if prefix in CONTEXT and short != value else value


def _node(term: ox.NamedNode | ox.BlankNode) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else _iri(term.value)


def _value(term: Any) -> dict[str, str]:
    if isinstance(term, ox.Literal):
        out = {"@value": term.value}
        if term.language:
            out["@language"] = term.language
        elif term.datatype.value != terms.XSD + "string":
            out["@type"] = _iri(term.datatype.value)
        return out
    return {"@id": _node(term)}


def compact(triples: Iterable[ox.Triple]) -> dict[str, Any]:
    """A JSON-LD document: the inline context and one node object per subject."""
    nodes: dict[str, dict[str, Any]] = {}
    for t in triples:
        if not isinstance(t.subject, ox.NamedNode | ox.BlankNode):
            continue
        node = nodes.setdefault(_node(t.subject), {"@id": _node(t.subject)})
        if t.predicate.value == terms.RDF + "type" and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(_iri(t.object.value))
        else:
            node.setdefault(_iri(t.predicate.value), []).append(_value(t.object))
    return {"@context": CONTEXT, "@graph": list(nodes.values())}
