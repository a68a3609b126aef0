"""The SPARQL 1.1 Service Descriptions of /sparql (answered when a GET has no query) and
of /update (GET /update): each says only what that endpoint does.

It names the endpoint, the languages and formats it speaks, its features (the default graph
is the union of all named graphs) and its default dataset, linked to the store's VoID.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from ontology import terms

SD = terms.SD
FORMATS_NS = "http://www.w3.org/ns/formats/"
# W3C format IRIs (https://www.w3.org/ns/formats/) of what /sparql produces.
RESULT_FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                      "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML",
                      "TriG", "N-Quads")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def update_triples(endpoint: str, config: Mapping[str, Any]) -> list[ox.Triple]:
    """The description of /update: SPARQL Update only, and whether it is on at all."""
    a = _n(terms.RDF + "type")
    svc = _n(endpoint)
    on = bool(config.get("ADMIN_TOKEN"))
    note = ("Needs Authorization: Bearer <admin token>. WHERE sees the union of all named "
            "graphs unless using-graph-uri / using-named-graph-uri or USING / WITH say "
            "otherwise." if on else "Off: this server has no admin token configured.")
    out = [ox.Triple(svc, a, _n(SD + "Service")),
           ox.Triple(svc, _n(SD + "endpoint"), svc),
           ox.Triple(svc, _n(terms.RDFS + "comment"), ox.Literal(note, language="en")),
           ox.Triple(svc, _n(SD + "defaultDataset"), terms.DATASET)]
    if on:
        out += [ox.Triple(svc, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Update")),
                ox.Triple(svc, _n(SD + "feature"), _n(SD + "UnionDefaultGraph"))]
    return out


def description_triples(endpoint: str, config: Mapping[str, Any]) -> list[ox.Triple]:
    """The triples of the description of /sparql (queries only: updates go to /update).

    The service is named by its persistent IRI under the base (which the w3id redirect maps
    onto this server's /sparql), the same IRI VoID gives as `void:sparqlEndpoint`, so the two
    descriptions agree; `endpoint`, the URL the client asked, is given as `rdfs:seeAlso`.
    """
    a = _n(terms.RDF + "type")
    svc = terms.SPARQL_ENDPOINT
    graph = ox.BlankNode("defaultGraph")
    out = [ox.Triple(svc, a, _n(SD + "Service")),
           ox.Triple(svc, _n(SD + "endpoint"), svc),
           ox.Triple(svc, _n(terms.RDFS + "seeAlso"), _n(endpoint)),
           ox.Triple(svc, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
           ox.Triple(svc, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
           ox.Triple(svc, _n(SD + "defaultDataset"), terms.DATASET),
           ox.Triple(svc, _n(SD + "inputFormat"), _n(FORMATS_NS + "SPARQL_Query")),
           *(ox.Triple(svc, _n(SD + "resultFormat"), _n(FORMATS_NS + f))
             for f in RESULT_FORMAT_IRIS),
           ox.Triple(terms.DATASET, a, _n(SD + "Dataset")),
           ox.Triple(terms.DATASET, a, _n(terms.VOID + "Dataset")),
           ox.Triple(terms.DATASET, _n(terms.VOID + "sparqlEndpoint"), svc),
           ox.Triple(terms.DATASET, _n(terms.RDFS + "seeAlso"), terms.VOID_GRAPH),
           ox.Triple(terms.DATASET, _n(SD + "defaultGraph"), graph),
           ox.Triple(graph, a, _n(SD + "Graph")),
           ox.Triple(graph, _n(terms.RDFS + "comment"),
                     ox.Literal("The union of all named graphs; the VoID description is in "
                                f"<{terms.VOID_GRAPH.value}>.", language="en"))]
    if config.get("SPARQL_ALLOW_SERVICE"):
        out.append(ox.Triple(svc, _n(SD + "feature"), _n(SD + "BasicFederatedQuery")))
    return out


def description(endpoint: str, rdf_format: str, config: Mapping[str, Any],
                update: bool = False) -> bytes:
    """The description (of /sparql, or of /update with `update`) serialized in one RDF
    format (an attribute name of RdfFormat)."""
    prefixes = {"sd": SD, "void": terms.VOID, "rdfs": terms.RDFS}
    fmt = getattr(ox.RdfFormat, rdf_format)
    kw: dict[str, Any] = {"prefixes": prefixes} if fmt in (ox.RdfFormat.TURTLE,
                                                           ox.RdfFormat.TRIG) else {}
    triples = (update_triples if update else description_triples)(endpoint, config)
    return ox.serialize(triples, format=fmt, **kw) or b""
