"""The inferred graph of a store, computed a batch of graphs at a time and kept up to date
from what changed, so memory is bounded by a batch (or by the change), not by the corpus.

Every rule of `loaders.validation.infer` has a single data premise, so each inferred triple
follows from one asserted quad, and whether a triple is asserted is one index lookup. Hence:
- `fill`: the data graphs a batch at a time; each batch's consequences minus those the store
  asserts anywhere go into the inferred graph (the store keeps one copy of a triple that two
  batches infer);
- `update`: after quads were removed and added, only their consequences and the changed
  triples themselves can enter or leave the inferred graph; each is decided on the new store
  by lookups (derivable from some premise still there, and not asserted).
Both give exactly `infer` over the whole store (tests/test_reason.py proves it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from loaders.validation.infer import RuleTables, Term
from ontology.terms import INFERRED_GRAPH, ONTOLOGY_GRAPH, RDF_TYPE, REPORT_GRAPH, VOID_GRAPH

# Graphs whose quads are never premises (the full pass reads every other graph).
NOT_PREMISES = frozenset({ONTOLOGY_GRAPH, INFERRED_GRAPH, VOID_GRAPH, REPORT_GRAPH})
BATCH = 200_000  # consequences held before they are checked and written
Triple3 = tuple[Term, ox.NamedNode, Term]
_NODES = (ox.NamedNode, ox.BlankNode)


def consequences(tables: RuleTables, quads: Iterable[ox.Quad],
                 asserted: set[Triple3] | None = None) -> set[Triple3]:
    """What the rules derive from each premise quad alone (before removing asserted ones);
    premises that an inference could repeat are added to `asserted` if given."""
    out: set[Triple3] = set()
    seen = asserted if asserted is not None else set()
    predicates, classes = tables.predicates, tables.classes
    for s, p, o, g in quads:
        if g in NOT_PREMISES:
            continue
        if p == RDF_TYPE:
            if o in classes:
                seen.add((s, p, o))
            out.update((s, RDF_TYPE, c) for c in tables.supers.get(o, ()))
            continue
        if p in predicates:
            seen.add((s, p, o))
        if isinstance(o, _NODES):
            rule = tables.node_rules.get(p)
            if rule is None:
                continue
            out.update((o, q, s) for q in rule.backward)
            out.update((o, RDF_TYPE, c) for c in rule.y_types)
        elif (rule := tables.value_rules.get(p)) is None:
            continue
        out.update((s, q, o) for q in rule.forward)
        out.update((s, RDF_TYPE, c) for c in rule.x_types)
    return out


@dataclass(frozen=True)
class Premises:
    """RuleTables read backwards: which premises can derive a given triple."""

    forward_node: dict[Term, tuple[ox.NamedNode, ...]]  # q -> p: (x p y), y a node, gives (x q y)
    forward_value: dict[Term, tuple[ox.NamedNode, ...]]  # same, y a literal
    backward: dict[Term, tuple[ox.NamedNode, ...]]  # q -> p: (y p x) gives (x q y)
    sub: dict[Term, tuple[Term, ...]]  # c -> c': (x a c') gives (x a c)
    x_node: dict[Term, tuple[ox.NamedNode, ...]]  # c -> p: (x p node) gives (x a c)
    x_value: dict[Term, tuple[ox.NamedNode, ...]]  # c -> p: (x p literal) gives (x a c)
    y_node: dict[Term, tuple[ox.NamedNode, ...]]  # c -> p: (s p x) gives (x a c)

    @classmethod
    def of(cls, tables: RuleTables) -> Premises:
        maps: dict[str, defaultdict[Term, list[Term]]] = {
            k: defaultdict(list) for k in ("fn", "fv", "b", "sub", "xn", "xv", "yn")}
        for p, r in tables.node_rules.items():
            for q in r.forward:
                maps["fn"][q].append(p)
            for q in r.backward:
                maps["b"][q].append(p)
            for c in r.x_types:
                maps["xn"][c].append(p)
            for c in r.y_types:
                maps["yn"][c].append(p)
        for p, r in tables.value_rules.items():
            for q in r.forward:
                maps["fv"][q].append(p)
            for c in r.x_types:
                maps["xv"][c].append(p)
        for c2, cs in tables.supers.items():
            for c in cs:
                maps["sub"][c].append(c2)
        f = {k: {t: tuple(v) for t, v in m.items()} for k, m in maps.items()}
        return cls(f["fn"], f["fv"], f["b"], f["sub"], f["xn"], f["xv"], f["yn"])  # type: ignore[arg-type]


def matching(store: ox.Store, s: Term | None, p: ox.NamedNode | None, o: Term | None,
             g: ox.NamedNode | ox.DefaultGraph | None = None) -> Iterator[ox.Quad]:
    """`store.quads_for_pattern`, each quad checked against the pattern: pyoxigraph 0.5.13
    on disk returns quads with other integer objects for an integer literal object (after
    `Store.add`; seen with oa:end "3839" returning 3840, 3926, 4045)."""
    for q in store.quads_for_pattern(s, p, o, g):  # type: ignore[arg-type]
        if (o is None or q.object == o) and (s is None or q.subject == s) and \
                (p is None or q.predicate == p):
            yield q


class Inferred:
    """The inferred graph of one writable store, under one ontology's rule tables."""

    def __init__(self, store: ox.Store, tables: RuleTables) -> None:
        self.store, self.tables, self.premises = store, tables, Premises.of(tables)

    def _exists(self, s: Term | None, p: ox.NamedNode | None, o: Term | None,
                node: bool | None = None) -> bool:
        """A premise quad matches (in a graph that holds premises; object kind if asked)."""
        for q in matching(self.store, s, p, o):
            if q.graph_name not in NOT_PREMISES and (node is None or
                                                     isinstance(q.object, _NODES) == node):
                return True
        return False

    def _excluded(self, t: Triple3) -> bool:
        """Asserted in the data or the ontology: never in the inferred graph."""
        s, p, o = t
        if t in self.tables.ontology_triples or (
                p == RDF_TYPE and o in self.tables.ontology_types.get(s, ())):
            return True
        return self._exists(s, p, o)

    def derivable(self, t: Triple3) -> bool:
        """Some premise quad of the store derives t (the rules read backwards)."""
        x, q, y = t
        pr, has = self.premises, self._exists
        if q == RDF_TYPE:
            return (any(has(x, RDF_TYPE, c) for c in pr.sub.get(y, ()))
                    or any(has(x, p, None, True) for p in pr.x_node.get(y, ()))
                    or any(has(x, p, None, False) for p in pr.x_value.get(y, ()))
                    or (isinstance(x, _NODES) and any(has(None, p, x) for p in pr.y_node.get(y, ()))))
        if isinstance(y, _NODES):
            return (any(has(x, p, y) for p in pr.forward_node.get(q, ()))
                    or (isinstance(x, _NODES) and any(has(y, p, x) for p in pr.backward.get(q, ()))))
        return any(has(x, p, y) for p in pr.forward_value.get(q, ()))

    def _inferable(self, q: ox.Quad) -> bool:
        if q.predicate == RDF_TYPE:
            return q.object in self.tables.classes
        return q.predicate in self.tables.predicates

    def fill(self, graphs: Iterable[ox.NamedNode | ox.DefaultGraph],
             done: Callable[[], None] = lambda: None, batch: int = BATCH) -> None:
        """Infer from the given graphs, a batch of consequences at a time (the inferred graph
        starts empty; what a batch infers that is asserted anywhere is left out)."""
        pending: set[Triple3] = set()
        asserted: set[Triple3] = set()  # in this batch's graphs: no lookup needed
        for g in graphs:
            pending |= consequences(self.tables, self.store.quads_for_pattern(None, None, None, g),
                                    asserted)
            done()
            if len(pending) >= batch:
                self._write(pending - asserted)
                pending, asserted = set(), set()
        self._write(pending - asserted)

    def _write(self, pending: set[Triple3]) -> None:
        keep = [ox.Quad(s, p, o, INFERRED_GRAPH) for s, p, o in pending  # type: ignore[arg-type]
                if not self._excluded((s, p, o))]
        keep.sort(key=str)  # the bulk loader is fastest on sorted input
        self.store.bulk_extend(keep)

    def update(self, removed: Iterable[ox.Quad], added: Iterable[ox.Quad]
               ) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """After `removed` left and `added` entered the store's premise graphs, bring the
        inferred graph in line; returns the inferred quads (removed, added)."""
        removed = [q for q in removed if q.graph_name not in NOT_PREMISES]
        added = [q for q in added if q.graph_name not in NOT_PREMISES]
        new = consequences(self.tables, added)
        candidates = new | consequences(self.tables, removed)
        candidates.update((q.subject, q.predicate, q.object) for q in (*removed, *added)
                          if self._inferable(q))
        gone: list[ox.Quad] = []
        came: list[ox.Quad] = []
        for t in candidates:
            quad = ox.Quad(*t, INFERRED_GRAPH)  # type: ignore[arg-type]
            want = (t in new or self.derivable(t)) and not self._excluded(t)
            if want != (quad in self.store):
                (came if want else gone).append(quad)
        for quad in gone:
            self.store.remove(quad)
        self.store.extend(came)
        return sorted(gone, key=str), sorted(came, key=str)

    def count(self) -> int:
        """The size of the inferred graph (counted by the store, not by iterating in Python)."""
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH.value}> {{ ?s ?p ?o }} }}"
        row = next(iter(self.store.query(query)))  # type: ignore[arg-type]
        return int(row["n"].value)
