"""Read RDF files into quads, with errors that name the file, line and column."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from loaders.errors import ParseError
from loaders.paths import ONTOLOGY_FILE
from ontology.terms import ONTOLOGY_GRAPH

_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
            ".nt": ox.RdfFormat.N_TRIPLES, ".owl": ox.RdfFormat.RDF_XML, ".rdf": ox.RdfFormat.RDF_XML}


def read_quads(path: Path | str, default_graph: ox.NamedNode | None = None,
               name: str | None = None) -> list[ox.Quad]:
    """Parse an RDF file by its extension; a syntax error becomes ParseError(file, line, col).

    Triples of a Turtle/N-Triples file go to `default_graph` (the default graph if None);
    errors call the file `name` (default: the path as given).
    """
    path = Path(path)
    name = name or str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ParseError(f"unknown RDF file type {path.suffix!r} (use .ttl, .trig or .nq)", name)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ParseError(f"cannot read: {e.strerror or e}", name) from e
    try:
        quads = list(ox.parse(data, fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as e:
        raise ParseError.from_syntax_error(e, name) from e
    except ValueError as e:  # e.g. invalid UTF-8
        raise ParseError(str(e), name) from e
    if default_graph is not None:
        quads = [ox.Quad(q.subject, q.predicate, q.object, default_graph)
                 if isinstance(q.graph_name, ox.DefaultGraph) else q for q in quads]
    return quads


def ontology_quads(path: Path | str = ONTOLOGY_FILE) -> list[ox.Quad]:
    """The ontology's triples in ONTOLOGY_GRAPH, ready to load into the store."""
    return read_quads(path, default_graph=ONTOLOGY_GRAPH)
