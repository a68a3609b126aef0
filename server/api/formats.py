"""The media types /sparql can answer with, and content negotiation between them.

SELECT and ASK answer with SPARQL results formats; CONSTRUCT and DESCRIBE with RDF formats.
The first entry of each table is the default when the client states no preference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class Format:
    """One answer format: its media type, a short name for `format=`, and pyoxigraph's name."""

    media_type: str
    name: str
    oxigraph: str  # attribute name on QueryResultsFormat or RdfFormat
    rdf: bool


RESULT_FORMATS = (
    Format("application/sparql-results+json", "json", "JSON", False),
    Format("application/sparql-results+xml", "xml", "XML", False),
    Format("text/csv", "csv", "CSV", False),
    Format("text/tab-separated-values", "tsv", "TSV", False),
)
RDF_FORMATS = (
    Format("text/turtle", "turtle", "TURTLE", True),
    Format("application/n-triples", "nt", "N_TRIPLES", True),
    Format("application/ld+json", "jsonld", "JSON_LD", True),
    Format("application/rdf+xml", "rdfxml", "RDF_XML", True),
    Format("application/trig", "trig", "TRIG", True),
    Format("application/n-quads", "nquads", "N_QUADS", True),
)

# Other names clients send for the same formats (media types and `format=` values).
_RESULT_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
                   "application/sparql-results+json": "json", "srj": "json", "srx": "xml",
                   "application/sparql-results+xml": "xml"}
_RDF_ALIASES = {"ttl": "turtle", "application/x-turtle": "turtle", "ntriples": "nt",
                "text/plain": "nt", "n-triples": "nt", "json-ld": "jsonld",
                "application/json": "jsonld", "json": "jsonld", "rdf": "rdfxml",
                "xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
                "nq": "nquads", "n-quads": "nquads", "rdf+xml": "rdfxml", "n3": "turtle",
                "text/n3": "turtle"}


def _table(rdf: bool) -> tuple[tuple[Format, ...], dict[str, str]]:
    return (RDF_FORMATS, _RDF_ALIASES) if rdf else (RESULT_FORMATS, _RESULT_ALIASES)


def by_name(name: str, rdf: bool) -> Format | None:
    """The format a `format=` value (short name or media type) names, if any."""
    formats, aliases = _table(rdf)
    key = name.strip().lower()
    key = aliases.get(key, key)
    return next((f for f in formats if key in (f.name, f.media_type)), None)


@lru_cache(maxsize=1024)
def negotiate_header(accept: str, rdf: bool, format_param: str | None = None) -> Format | None:
    """`negotiate` for a raw Accept header, memoized: clients send the same few headers."""
    return negotiate(parse_accept_header(accept, MIMEAccept), rdf, format_param)


def negotiate(accept: MIMEAccept, rdf: bool, format_param: str | None = None) -> Format | None:
    """The best format for this request, or None when nothing acceptable is offered (406).

    `format=` wins over Accept (for links). q-values decide otherwise; among equals the
    table's order does. Aliases such as `application/json` count as their format.
    """
    if format_param:
        return by_name(format_param, rdf)
    formats, aliases = _table(rdf)
    if not accept:
        return formats[0]
    offered = [f.media_type for f in formats] + [a for a in aliases if "/" in a]
    if any(";" in value for value, _ in accept):  # `text/turtle; charset=utf-8` is Turtle
        accept = MIMEAccept([(value.split(";")[0].strip(), q) for value, q in accept])
    best = accept.best_match(offered)
    return by_name(best, rdf) if best else None


def all_media_types() -> list[str]:
    """Every media type /sparql can produce, for the service description and 406 messages."""
    return [f.media_type for f in RESULT_FORMATS + RDF_FORMATS]
