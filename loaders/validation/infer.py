"""Inferences the store keeps: the closure of subclass, domain, range, subproperty, inverse
and symmetric axioms, computed without a reasoner because it is linear in the data.

`RULES` (SPARQL CONSTRUCT rules run to a fixpoint, `materialize_reference`) is the definition;
`materialize` computes the same triples in one pass over the data with tables of the
ontology's closed schema (`rule_tables`, `infer`), many times faster. A test proves both
agree with HermiT's own inferences (`loaders.validation.hermit.hermit_inferences`).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from loaders.errors import ReasonerError
from loaders.paths import ONTOLOGY_FILE
from loaders.rdf.read import ontology_quads
from ontology.terms import (
    GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    OWL_INVERSEOF,
    OWL_OBJECTPROPERTY,
    OWL_SYMMETRIC,
    OWL_THING,
    PREFIXES,
    RDF_TYPE,
    RDFS_DOMAIN,
    RDFS_RANGE,
    RDFS_SUBCLASSOF,
    RDFS_SUBPROPERTYOF,
)

_SCRATCH_DEFAULT = ox.NamedNode(GRAPH + "default")

PFX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
ONT = f"<{ONTOLOGY_GRAPH.value}>"
_DATA = f"FILTER(?g != {ONT})"
_NEW = "FILTER NOT EXISTS {{ GRAPH ?h {{ {} }} }}"

RULES: dict[str, str] = {
    "subclass": f"""CONSTRUCT {{ ?x a ?d }} WHERE {{
        GRAPH ?g {{ ?x a ?c }} {_DATA}
        GRAPH {ONT} {{ ?c rdfs:subClassOf+ ?d }} FILTER(isIRI(?d) && ?d != owl:Thing)
        {_NEW.format("?x a ?d")} }}""",
    "domain": f"""CONSTRUCT {{ ?x a ?d }} WHERE {{
        GRAPH {ONT} {{ ?p rdfs:domain ?c . ?c rdfs:subClassOf* ?d }}
        FILTER(isIRI(?d) && ?d != owl:Thing)
        GRAPH ?g {{ ?x ?p ?y }} {_DATA}
        {_NEW.format("?x a ?d")} }}""",
    "range": f"""CONSTRUCT {{ ?y a ?d }} WHERE {{
        GRAPH {ONT} {{ ?p a owl:ObjectProperty ; rdfs:range ?c . ?c rdfs:subClassOf* ?d }}
        FILTER(isIRI(?d) && ?d != owl:Thing)
        GRAPH ?g {{ ?x ?p ?y }} {_DATA} FILTER(!isLiteral(?y))
        {_NEW.format("?y a ?d")} }}""",
    "subproperty": f"""CONSTRUCT {{ ?x ?q ?y }} WHERE {{
        GRAPH {ONT} {{ ?p rdfs:subPropertyOf+ ?q }} FILTER(isIRI(?q))
        GRAPH ?g {{ ?x ?p ?y }} {_DATA}
        {_NEW.format("?x ?q ?y")} }}""",
    "inverse": f"""CONSTRUCT {{ ?y ?q ?x }} WHERE {{
        GRAPH {ONT} {{ {{ ?p owl:inverseOf ?q }} UNION {{ ?q owl:inverseOf ?p }} }}
        GRAPH ?g {{ ?x ?p ?y }} {_DATA} FILTER(!isLiteral(?y))
        {_NEW.format("?y ?q ?x")} }}""",
    "symmetric": f"""CONSTRUCT {{ ?y ?p ?x }} WHERE {{
        GRAPH {ONT} {{ ?p a owl:SymmetricProperty }}
        GRAPH ?g {{ ?x ?p ?y }} {_DATA} FILTER(!isLiteral(?y))
        {_NEW.format("?y ?p ?x")} }}""",
}
_PARSED_RULES = {name: PFX + q for name, q in RULES.items()}


def scratch_store(onto: list[ox.Quad], data: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory store: ontology in its graph, data in theirs (default graph renamed)."""
    store = ox.Store()
    store.extend(onto)
    store.extend(ox.Quad(q.subject, q.predicate, q.object,
                         _SCRATCH_DEFAULT if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name)
                 for q in data if q.graph_name not in (ONTOLOGY_GRAPH, INFERRED_GRAPH))
    return store


def saturate(store: ox.Store, max_rounds: int = 20) -> None:
    """Apply every rule until nothing new appears; each round is linear in the data."""
    for _ in range(max_rounds):
        new: set[ox.Triple] = set()
        for query in _PARSED_RULES.values():
            new.update(cast(ox.QueryTriples, store.query(query)))
        if not new:
            return
        store.extend(ox.Quad(t.subject, t.predicate, t.object, INFERRED_GRAPH) for t in new)
    raise ReasonerError(f"inference rules did not settle after {max_rounds} rounds")


def materialize_reference(quads: Iterable[ox.Quad], ontology: Path | str = ONTOLOGY_FILE
                          ) -> list[ox.Quad]:
    """`materialize` as the SPARQL rules define it: apply RULES in a scratch store until
    nothing new appears. Slow (a round of queries per step of the longest chain); kept as the
    definition the fast pass is tested against, and as its fallback (see `RuleTables.exact`)."""
    store = scratch_store(ontology_quads(ontology), quads)
    saturate(store)
    return sorted(store.quads_for_pattern(None, None, None, INFERRED_GRAPH), key=str)


# ---------------------------------------------------------------------------- rules, compiled
#
# Every rule above has a single data premise and reads the schema only from the ontology
# graph, so what one asserted triple (x p y) leads to depends on p, on whether y can be a
# subject, and on nothing else in the data. Closing the schema once (subclass and subproperty
# chains, inverse and symmetric flips, domain and range classes with all their superclasses)
# gives, per predicate, the full list of consequences: one pass over the data is complete.


Node = ox.NamedNode | ox.BlankNode
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class PropertyRule:
    """What one asserted (x p y) yields once every rule has run to the end."""

    forward: tuple[ox.NamedNode, ...]  # (x q y) for each q: superproperties, and p after flips
    backward: tuple[ox.NamedNode, ...]  # (y q x) for each q: inverses, symmetric flips
    x_types: frozenset[ox.NamedNode]  # classes x gets (domains and ranges, with superclasses)
    y_types: frozenset[ox.NamedNode]  # classes y gets


@dataclass(frozen=True)
class RuleTables:
    """The ontology's schema closed under the rules, as lookup tables for one data pass."""

    supers: dict[Term, frozenset[ox.NamedNode]]  # class c -> what (x a c) adds (rdfs:subClassOf+)
    node_rules: dict[ox.NamedNode, PropertyRule]  # predicate -> rule when y is an IRI/blank node
    value_rules: dict[ox.NamedNode, PropertyRule]  # predicate -> rule when y is a literal/triple
    ontology_types: dict[Term, frozenset[Term]]  # rdf:type triples the ontology asserts
    ontology_triples: frozenset[tuple[Term, ox.NamedNode, Term]]  # others an inference may repeat
    classes: frozenset[Term]  # every class an inference can name
    predicates: frozenset[ox.NamedNode]  # every predicate an inference can name
    exact: bool = True  # False: the closed tables would differ from RULES; use the reference
    why_not_exact: str = ""


def _reach(start: Term, edges: dict[Term, set[Term]]) -> set[Term]:
    """Everything reachable from `start` along `edges`, `start` included (a path's `*`)."""
    seen, todo = {start}, [start]
    while todo:
        for n in edges.get(todo.pop(), ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def rule_tables(ontology: Iterable[ox.Quad]) -> RuleTables:
    """Close the ontology's schema under RULES (subclass, domain, range, subproperty, inverse,
    symmetric), so that `infer` needs one pass over the data and no fixpoint."""
    onto = list(ontology)
    sub_class: dict[Term, set[Term]] = defaultdict(set)
    sub_prop: dict[Term, set[Term]] = defaultdict(set)
    domain: dict[Term, set[Term]] = defaultdict(set)
    range_: dict[Term, set[Term]] = defaultdict(set)
    inverse: dict[Term, set[Term]] = defaultdict(set)
    symmetric: set[Term] = set()
    object_props: set[Term] = set()
    onto_types: dict[Term, set[Term]] = defaultdict(set)
    for s, p, o, _ in onto:
        if p == RDFS_SUBCLASSOF:
            sub_class[s].add(o)
        elif p == RDFS_SUBPROPERTYOF:
            sub_prop[s].add(o)
        elif p == RDFS_DOMAIN:
            domain[s].add(o)
        elif p == RDFS_RANGE:
            range_[s].add(o)
        elif p == OWL_INVERSEOF:
            inverse[s].add(o)
            inverse[o].add(s)
        elif p == RDF_TYPE:
            onto_types[s].add(o)
            if o == OWL_SYMMETRIC:
                symmetric.add(s)
            elif o == OWL_OBJECTPROPERTY:
                object_props.add(s)

    def classes(c: Term) -> frozenset[ox.NamedNode]:  # ?c rdfs:subClassOf* ?d, ?d an IRI, not owl:Thing
        return frozenset(d for d in _reach(c, sub_class) if isinstance(d, ox.NamedNode) and d != OWL_THING)

    supers = {c: frozenset(d for e in sub_class[c] for d in classes(e)) for c in list(sub_class)}
    domain_of = {p: frozenset(d for c in cs for d in classes(c)) for p, cs in domain.items()}
    range_of = {p: frozenset(d for c in cs for d in classes(c))
                for p, cs in range_.items() if p in object_props}
    no_classes: frozenset[ox.NamedNode] = frozenset()

    def rule(p: ox.NamedNode, node: bool) -> PropertyRule | None:
        """Walk the states (q, flipped) that (x p y) reaches: (x q y) or (y q x)."""
        start = (p, False)
        seen, todo = {start}, [start]
        while todo:
            q, flipped = todo.pop()
            nxt = [(r, flipped) for r in _reach(q, sub_prop) - {q} if isinstance(r, ox.NamedNode)]
            if node:  # inverse and symmetric need y to be a possible subject
                nxt += [(r, not flipped) for r in inverse.get(q, ()) if isinstance(r, ox.NamedNode)]
                nxt += [(q, not flipped)] if q in symmetric else []
            for state in nxt:
                if state not in seen:
                    seen.add(state)
                    todo.append(state)
        x_types: set[ox.NamedNode] = set()
        y_types: set[ox.NamedNode] = set()
        for q, flipped in seen:
            subj, obj = (y_types, x_types) if flipped else (x_types, y_types)
            subj |= domain_of.get(q, no_classes)
            if node:  # the range rule needs an object that can be a subject
                obj |= range_of.get(q, no_classes)
        forward = tuple(sorted((q for q, f in seen if not f and q != p), key=str))
        backward = tuple(sorted((q for q, f in seen if f), key=str))
        if not (forward or backward or x_types or y_types):
            return None
        return PropertyRule(forward, backward, frozenset(x_types), frozenset(y_types))

    schema_props = {p for p in (*sub_prop, *domain, *range_, *inverse, *symmetric)
                    if isinstance(p, ox.NamedNode)}
    node_rules = {p: r for p in schema_props if (r := rule(p, True)) is not None}
    value_rules = {p: r for p in schema_props if (r := rule(p, False)) is not None}
    rules = [*node_rules.values(), *value_rules.values()]
    predicates = frozenset(q for r in rules for q in (*r.forward, *r.backward))
    derived_classes = frozenset(c for r in rules for c in r.x_types | r.y_types).union(*supers.values())
    why = ""
    if RDF_TYPE in schema_props or RDF_TYPE in predicates:
        why = "rdf:type takes part in a property axiom"
    repeated = frozenset((s, p, o) for s, p, o, _ in onto if p in predicates)
    if not why and repeated:
        # the rules never take an inferred triple the ontology already asserts as a premise
        why = ("the ontology asserts triples the rules could infer: "
               + " ".join(map(str, min(repeated, key=str))))
    return RuleTables(supers={c: s for c, s in supers.items() if s}, node_rules=node_rules,
                      value_rules=value_rules,
                      ontology_types={s: frozenset(cs) for s, cs in onto_types.items()},
                      ontology_triples=repeated,
                      classes=derived_classes, predicates=predicates, exact=not why,
                      why_not_exact=why)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a pass allocates millions of tuples and sets, none
    of them in a cycle, and each full collection walks them all (a third of the time at 1M)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def infer(tables: RuleTables, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """One pass over the data: each quad's consequences from the closed tables, deduplicated,
    minus what the data or the ontology asserts; sorted, in INFERRED_GRAPH.

    Memory grows with the inferences and the asserted triples that could equal one, not
    with the input, so `quads` may be a stream. Most quads cost one dict lookup: only
    predicates the tables know (rdf:type included) are looked at further."""
    with _no_cyclic_gc():
        return _infer(tables, quads)


def _infer(tables: RuleTables, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    # predicate -> (record the triple as asserted?, rule for a node object, for a value object)
    dispatch: dict[ox.NamedNode, tuple[bool, PropertyRule | None, PropertyRule | None]] = {
        p: (p in tables.predicates, tables.node_rules.get(p), tables.value_rules.get(p))
        for p in (*tables.predicates, *tables.node_rules, *tables.value_rules)}
    # class -> (record (x a c) as asserted?, classes (x a c) adds)
    no_classes: frozenset[ox.NamedNode] = frozenset()
    classes: dict[Term, tuple[bool, frozenset[ox.NamedNode]]] = {
        c: (c in tables.classes, tables.supers.get(c, no_classes))
        for c in (*tables.classes, *tables.supers)}
    types: dict[Node, set[ox.NamedNode]] = {}
    typed: dict[Node, set[Term]] = {}  # asserted types an inference could repeat
    props: set[tuple[Node, ox.NamedNode, Term]] = set()
    asserted: set[tuple[Node, ox.NamedNode, Term]] = set()
    rdf_type, ontology_graph, inferred_graph = RDF_TYPE, ONTOLOGY_GRAPH, INFERRED_GRAPH
    nodes = (ox.NamedNode, ox.BlankNode)
    for s, p, o, g in quads:
        if p == rdf_type:
            if (kind := classes.get(o)) is None or g == ontology_graph or g == inferred_graph:
                continue
            record, sup = kind
            if record:
                if (seen := typed.get(s)) is None:
                    typed[s] = {o}
                else:
                    seen.add(o)
            if sup:
                if (have := types.get(s)) is None:
                    types[s] = set(sup)
                else:
                    have |= sup
            continue
        if (entry := dispatch.get(p)) is None or g == ontology_graph or g == inferred_graph:
            continue
        record, node_rule, value_rule = entry
        if record:
            asserted.add((s, p, o))
        if isinstance(o, nodes):
            if (rule := node_rule) is None:
                continue
            for q in rule.backward:
                props.add((o, q, s))
            if rule.y_types:
                if (have := types.get(o)) is None:
                    types[o] = set(rule.y_types)
                else:
                    have |= rule.y_types
        elif (rule := value_rule) is None:
            continue
        for q in rule.forward:
            props.add((s, q, o))
        if rule.x_types:
            if (have := types.get(s)) is None:
                types[s] = set(rule.x_types)
            else:
                have |= rule.x_types
    props -= asserted
    props -= tables.ontology_triples
    del asserted
    out = [ox.Quad(s, p, o, inferred_graph) for s, p, o in props]
    del props
    empty: frozenset[Term] = frozenset()
    onto_types = tables.ontology_types
    out += [ox.Quad(x, rdf_type, c, inferred_graph) for x, cs in types.items()
            for c in cs - typed.get(x, empty) - onto_types.get(x, empty)]
    del types, typed
    out.sort(key=str)
    return out


def materialize(quads: Iterable[ox.Quad], ontology: Path | str = ONTOLOGY_FILE) -> list[ox.Quad]:
    """Inferred triples (subclass, domain, range, subproperty, inverse, symmetric closure) that
    are not asserted anywhere, all in INFERRED_GRAPH, sorted.

    The same triples as `materialize_reference` (the SPARQL RULES run to a fixpoint) from one
    linear pass with tables of the ontology's closed schema; falls back to the reference for
    an ontology outside what the tables can express (`RuleTables.exact`)."""
    tables = rule_tables(ontology_quads(ontology))
    if not tables.exact:
        return materialize_reference(quads, ontology)
    return infer(tables, quads)
