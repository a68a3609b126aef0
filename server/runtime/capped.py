"""Write a capped list of SELECT solutions in the four SPARQL results formats.

pyoxigraph serializes only a whole `QuerySolutions`; when the server caps the rows it holds
the first N solutions in a list instead, and these few lines write them the same way.
"""

from __future__ import annotations

import json
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(t: Any) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {k: _json_term(getattr(t, k))
                                        for k in ("subject", "predicate", "object")}}


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return "<triple>" + "".join(f"<{k}>{_xml_term(getattr(t, k))}</{k}>"
                                for k in ("subject", "predicate", "object")) + "</triple>"


def _csv_cell(t: Any) -> str:
    if t is None:
        return ""
    text = f"_:{t.value}" if isinstance(t, ox.BlankNode) else getattr(t, "value", str(t))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_solutions(out: IO[bytes], fmt: str, variables: list[str], rows: list[Any]) -> None:
    """Serialize `rows` (QuerySolution objects) as fmt: JSON, XML, CSV or TSV."""
    w = out.write
    if fmt == "JSON":
        head = json.dumps(variables, separators=(",", ":"))
        w(('{"head":{"vars":' + head + '},"results":{"bindings":[').encode())
        for i, row in enumerate(rows):
            b = {v: _json_term(row[v]) for v in variables if row[v] is not None}
            row_json = json.dumps(b, ensure_ascii=False, separators=(",", ":"))
            w((("," if i else "") + row_json).encode())
        w(b"]}}")
    elif fmt == "XML":
        w(b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
        w("".join(f"<variable name={quoteattr(v)}/>" for v in variables).encode())
        w(b"</head><results>")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                            for v in variables if row[v] is not None)
            w(f"<result>{cells}</result>".encode())
        w(b"</results></sparql>")
    elif fmt == "CSV":
        w((",".join(variables) + "\r\n").encode())
        for row in rows:
            w((",".join(_csv_cell(row[v]) for v in variables) + "\r\n").encode())
    else:  # TSV: terms in their N-Triples / Turtle form
        w(("\t".join("?" + v for v in variables) + "\n").encode())
        for row in rows:
            w(("\t".join("" if row[v] is None else str(row[v]) for v in variables)
               + "\n").encode())
