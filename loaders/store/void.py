"""A VoID description of the store: the whole dataset and each named graph as a subset.

Computed at every build from the quads the build loads, and kept in the graph
`https://w3id.org/alliancegraph/graph/void`, so clients find it with SPARQL too.
`dcterms:modified` is when the inputs last changed (not when the build ran), so building
twice gives the same quads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox

from loaders.validation.inferred import matching
from ontology import terms
from ontology.terms import RDF_TYPE, XSD_DATETIME, XSD_INTEGER

DUMPS_BASE = terms.BASE + "dumps/"
DUMP_FILES = ("alliancegraph.nq", "alliancegraph.trig", "alliancegraph.jsonld")
# The data (not the code) is published under CC BY 4.0; quotes stay the sources' words.


STAT_PROPERTIES = ("triples", "entities", "classes", "distinctSubjects", "distinctObjects")


class _Counter:
    """Distinct triples, subjects, objects, classes and entities of one graph (or all)."""

    def __init__(self) -> None:
        self.triples: set[ox.Quad] = set()
        self.subjects: set[Any] = set()
        self.objects: set[Any] = set()
        self.classes: set[Any] = set()

    def add(self, q: ox.Quad, keep: bool = True) -> None:
        if keep:
            self.triples.add(q)
        self.subjects.add(q.subject)
        self.objects.add(q.object)
        if q.predicate == RDF_TYPE:
            self.classes.add(q.object)

    def counts(self) -> dict[str, int]:
        entities = sum(1 for s in self.subjects
                       if isinstance(s, ox.NamedNode) and s.value.startswith(terms.ID))
        return {"triples": len(self.triples), "entities": entities, "classes": len(self.classes),
                "distinctSubjects": len(self.subjects), "distinctObjects": len(self.objects)}


def graph_stats(quads: Iterable[ox.Quad]) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """VoID counts for the whole dataset and per named graph (IRI), in one pass over quads.

    Python sets over the quads already in memory: at 1M quads a few seconds, where the same
    COUNT(DISTINCT) queries on the store took ten times longer.
    """
    total, per_graph = _Counter(), dict[str, _Counter]()
    for q in quads:
        g = q.graph_name
        if g == terms.VOID_GRAPH or not isinstance(g, ox.NamedNode):
            continue
        counter = per_graph.get(g.value)
        if counter is None:
            counter = per_graph[g.value] = _Counter()
        counter.add(q)
        total.add(q, keep=False)
    graphs = {g: c.counts() for g, c in per_graph.items()}
    whole = total.counts()
    whole["triples"] = sum(c["triples"] for c in graphs.values())  # quads, as in the dumps
    return whole, graphs


def void_quads(quads: Iterable[ox.Quad], modified: datetime | dict[str, datetime],
               dumps_base: str = DUMPS_BASE) -> list[ox.Quad]:
    """The VoID description of a dataset given as all its quads, in the VoID graph.

    `modified` is one time for everything, or a map from graph IRI to the time its input
    last changed (the dataset gets the latest of them).
    """
    whole, per_graph = graph_stats(quads)
    return describe(whole, per_graph, modified, dumps_base)


def describe(whole: dict[str, int], per_graph: dict[str, dict[str, int]],
             modified: datetime | dict[str, datetime], dumps_base: str = DUMPS_BASE
             ) -> list[ox.Quad]:
    """The VoID quads for counts of the whole dataset and of each named graph."""
    times = modified if isinstance(modified, dict) else {}
    latest = max(times.values(), default=None) if isinstance(modified, dict) else modified
    g = terms.VOID_GRAPH
    out = _describe(terms.DATASET, whole, latest, g)
    out += [ox.Quad(terms.DATASET, _void("sparqlEndpoint"), terms.SPARQL_ENDPOINT, g),
            ox.Quad(terms.DATASET, _void("uriSpace"), ox.Literal(terms.ID), g),
            ox.Quad(terms.DATASET, _dct("title"), ox.Literal("AllianceGraph", language="en"), g)]
    out += [ox.Quad(terms.DATASET, _void("dataDump"), ox.NamedNode(dumps_base + name), g)
            for name in DUMP_FILES]
    for iri, counts in sorted(per_graph.items()):
        subset = ox.NamedNode(iri)
        out.append(ox.Quad(terms.DATASET, _void("subset"), subset, g))
        out += _describe(subset, counts, times.get(iri, latest), g)
    return out


# ---------------------------------------------------------------------------- from a store
#
# A build counts on the store itself, graph by graph, so memory is bounded by the largest
# graph: the inferred graph and the whole dataset are counted by SPARQL (Oxigraph's own hash
# sets of encoded terms, far smaller than Python's); an incremental build starts from the
# previous version's counts and looks up, in the old and the new store, only the terms of the
# quads that changed: a term's presence can only change where a quad holding it did.

Counts = dict[str, int]
Changes = Mapping[ox.NamedNode, tuple[list[ox.Quad], list[ox.Quad]]]  # graph -> (removed, added)
_SCOPE = f"GRAPH ?g {{ {{}} }} FILTER(?g != <{terms.VOID_GRAPH.value}>)"


def _scope(pattern: str, graph: ox.NamedNode | None) -> str:
    if graph is not None:
        return f"GRAPH <{graph.value}> {{ {pattern} }}"
    return _SCOPE.replace("{}", pattern)


def sparql_counts(store: ox.Store, graph: ox.NamedNode | None = None) -> Counts:
    """VoID counts of one graph, or of every named graph but VoID's (COUNT DISTINCT)."""
    def one(query: str) -> dict[str, int]:
        row = next(iter(store.query(query)))  # type: ignore[arg-type]
        return {v: int(row[v].value) for v in ("a", "b") if row[v] is not None}

    subjects = one(f"""SELECT (COUNT(*) AS ?a) (SUM(IF(isIRI(?s) && STRSTARTS(STR(?s),
        "{terms.ID}"), 1, 0)) AS ?b) WHERE {{ SELECT DISTINCT ?s WHERE {{ {_scope('?s ?p ?o', graph)} }} }}""")
    objects = one(f"SELECT (COUNT(DISTINCT ?o) AS ?a) (COUNT(*) AS ?b) "
                  f"WHERE {{ {_scope('?s ?p ?o', graph)} }}")
    classes = one(f"SELECT (COUNT(DISTINCT ?c) AS ?a) WHERE {{ {_scope('?x a ?c', graph)} }}")
    return {"triples": objects.get("b", 0), "entities": subjects.get("b", 0),
            "classes": classes.get("a", 0), "distinctSubjects": subjects.get("a", 0),
            "distinctObjects": objects.get("a", 0)}


def store_stats(store: ox.Store, big: Iterable[ox.NamedNode] = (terms.INFERRED_GRAPH,),
                done: Callable[[], None] = lambda: None) -> tuple[Counts, dict[str, Counts]]:
    """VoID counts of a store, graph by graph (`big` graphs by SPARQL), then the whole;
    `done` is called after each graph (a progress bar)."""
    per_graph: dict[str, Counts] = {}
    big = set(big)
    for g in list(store.named_graphs()):
        done()
        if g == terms.VOID_GRAPH or not isinstance(g, ox.NamedNode):
            continue
        if g in big:
            per_graph[g.value] = sparql_counts(store, g)
            continue
        counter = _Counter()
        for q in store.quads_for_pattern(None, None, None, g):
            counter.add(q)
        per_graph[g.value] = counter.counts()
    per_graph = {g: c for g, c in per_graph.items() if c["triples"]}
    whole = sparql_counts(store)
    whole["triples"] = sum(c["triples"] for c in per_graph.values())
    return whole, per_graph


def read_counts(void: Iterable[ox.Quad]) -> tuple[Counts, dict[str, Counts]]:
    """The counts a VoID description states (the dataset's, each subset's)."""
    names = {_void(k): k for k in STAT_PROPERTIES}
    found: dict[str, Counts] = {}
    for q in void:
        if q.predicate in names and isinstance(q.subject, ox.NamedNode) and \
                isinstance(q.object, ox.Literal):
            found.setdefault(q.subject.value, {})[names[q.predicate]] = int(q.object.value)
    whole = found.pop(terms.DATASET.value, {k: 0 for k in STAT_PROPERTIES})
    return whole, found


def _present(store: ox.Store, s: Any, p: Any, o: Any, graph: ox.NamedNode | None) -> int:
    for q in matching(store, s, p, o, graph):
        if graph is not None or (isinstance(q.graph_name, ox.NamedNode)
                                 and q.graph_name != terms.VOID_GRAPH):
            return 1
    return 0


def _shift(counts: Counts, old: ox.Store, new: ox.Store, quads: list[ox.Quad],
           graph: ox.NamedNode | None) -> None:
    """Add to `counts` how the terms of `quads` went in or out of the scope (graph or all)."""
    for s in {q.subject for q in quads}:
        d = _present(new, s, None, None, graph) - _present(old, s, None, None, graph)
        counts["distinctSubjects"] += d
        if isinstance(s, ox.NamedNode) and s.value.startswith(terms.ID):
            counts["entities"] += d
    for o in {q.object for q in quads}:
        counts["distinctObjects"] += _present(new, None, None, o, graph) - \
            _present(old, None, None, o, graph)
    for c in {q.object for q in quads if q.predicate == RDF_TYPE}:
        counts["classes"] += _present(new, None, RDF_TYPE, c, graph) - \
            _present(old, None, RDF_TYPE, c, graph)


def updated_stats(old: ox.Store, new: ox.Store, previous: Iterable[ox.Quad], changes: Changes
                  ) -> tuple[Counts, dict[str, Counts]]:
    """The counts of `new`, from those of `old` (its VoID quads, `previous`) and every quad
    that was removed from or added to a graph (`changes`: exact, removed ones were in old)."""
    whole, per_graph = read_counts(previous)
    everything: list[ox.Quad] = []
    for g, (removed, added) in changes.items():
        if g == terms.VOID_GRAPH:
            continue
        counts = per_graph.setdefault(g.value, {k: 0 for k in STAT_PROPERTIES})
        counts["triples"] += len(added) - len(removed)
        _shift(counts, old, new, removed + added, g)
        everything += removed + added
        if not counts["triples"]:
            del per_graph[g.value]
    _shift(whole, old, new, everything, None)
    whole["triples"] = sum(c["triples"] for c in per_graph.values())
    return whole, per_graph


def _describe(node: ox.NamedNode, counts: dict[str, int], modified: datetime | None,
              g: ox.NamedNode) -> list[ox.Quad]:
    out = [ox.Quad(node, RDF_TYPE, _void("Dataset"), g),
           ox.Quad(node, _dct("license"), terms.DATA_LICENSE, g)]
    out += [ox.Quad(node, _void(k), ox.Literal(str(counts[k]), datatype=XSD_INTEGER), g)
            for k in STAT_PROPERTIES]
    if modified is not None:
        out.append(ox.Quad(node, _dct("modified"), _datetime(modified), g))
    return out


def _datetime(t: datetime) -> ox.Literal:
    text = t.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ox.Literal(text, datatype=XSD_DATETIME)


def _void(name: str) -> ox.NamedNode:
    return ox.NamedNode(terms.VOID + name)


def _dct(name: str) -> ox.NamedNode:
    return ox.NamedNode(terms.DCTERMS + name)


def to_turtle(quads: Iterable[ox.Quad]) -> bytes:
    """The VoID description as Turtle (for data/dumps/void.ttl)."""
    prefixes = {"void": terms.VOID, "dcterms": terms.DCTERMS, "xsd": terms.XSD}
    return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.TURTLE,
                        prefixes=prefixes) or b""
