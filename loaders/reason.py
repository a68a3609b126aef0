"""Reasoning over the ontology and the data: HermiT for consistency, SPARQL rules for inferences.

HermiT (through owlready2) is the judge: it says whether ontology + data are consistent and
which classes are unsatisfiable. The loader stores inferences computed by a handful of SPARQL
CONSTRUCT rules instead (subclass, domain, range, subproperty, inverse, symmetric), because they
are linear in the data; `hermit_inferences` computes the same kinds with HermiT so a test can
prove the rules agree with the reasoner. `materialize` does not run the rules query by query:
it closes the ontology's schema once (`rule_tables`) and makes one pass over the data
(`infer`), which gives the same triples as the rules run to a fixpoint
(`materialize_reference`, the definition the tests compare it with) many times faster.

The reasoner input leaves out `rdf:subject`, `rdf:predicate` and `rdf:object` (reification
vocabulary that OWL 2 DL reserves; a claim's rdf:predicate even names a property) and declares
every other undeclared predicate of the data an annotation property, so the input stays DL.
"""

from __future__ import annotations

import contextlib
import gc
import io
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import owlready2
import pyoxigraph as ox

from loaders.errors import AgError, ParseError
from loaders.paths import ONTOLOGY_FILE
from ontology.terms import GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, OWL, PREFIXES, RDF, RDFS, WD

RDF_TYPE = ox.NamedNode(RDF + "type")
_DROPPED = {ox.NamedNode(RDF + n) for n in ("subject", "predicate", "object")}
_DECLARATIONS = {ox.NamedNode(OWL + n) for n in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual",
    "Ontology", "AllDisjointClasses", "AllDifferent", "Restriction")} | {ox.NamedNode(RDFS + "Datatype")}
_BUILTIN_PREDICATES = (RDF, RDFS, OWL)
_INPUT_IRI = "http://alliancegraph.invalid/reasoner-input"
_SCRATCH_DEFAULT = ox.NamedNode(GRAPH + "default")
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
            ".nt": ox.RdfFormat.N_TRIPLES, ".owl": ox.RdfFormat.RDF_XML, ".rdf": ox.RdfFormat.RDF_XML}


class ReasonerError(AgError):
    """HermiT could not run (no Java, a Java error, input it cannot read)."""


class _Inconsistent(Exception):
    pass


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT said about ontology + data."""

    consistent: bool
    unsatisfiable: tuple[str, ...] = ()  # class IRIs equivalent to owl:Nothing
    offenders: tuple[str, ...] = ()  # one readable line per offending individual
    seconds: float = 0.0  # wall time of the HermiT run(s)
    triples: int = 0  # size of the reasoner input

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    @property
    def problems(self) -> list[str]:
        out = [] if self.consistent else ["ontology + data are inconsistent (HermiT)"]
        out += [f"unsatisfiable class {c}" for c in self.unsatisfiable]
        return out + list(self.offenders)

    @property
    def text(self) -> str:
        head = (f"HermiT: consistent, {len(self.unsatisfiable)} unsatisfiable classes"
                if self.consistent else "HermiT: INCONSISTENT")
        lines = [f"{head} ({self.triples} triples, {self.seconds:.1f} s)"]
        lines += [f"  unsatisfiable class {c}" for c in self.unsatisfiable]
        lines += [f"  {o}" for o in self.offenders]
        return "\n".join(lines)


# ---------------------------------------------------------------------------- reading files

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


# ---------------------------------------------------------------------------- HermiT input

def _triples(quads: Iterable[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def reasoner_input(ontology: Iterable[ox.Quad], data: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Ontology + data as plain triples HermiT accepts as OWL 2 DL (see the module docstring)."""
    onto = _triples(ontology)
    facts = {t for t in _triples(data) if t.predicate not in _DROPPED
             and not (t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode)
                      and t.object.value.startswith(RDF))}
    declared = {t.subject for t in onto | facts if t.predicate == RDF_TYPE and t.object in _DECLARATIONS}
    extra: set[ox.Triple] = set()
    for t in facts:
        p = t.predicate
        if p not in declared and not p.value.startswith(_BUILTIN_PREDICATES):
            extra.add(ox.Triple(p, RDF_TYPE, ox.NamedNode(OWL + "AnnotationProperty")))
        if (p == RDF_TYPE and isinstance(t.object, ox.NamedNode) and t.object not in declared
                and not t.object.value.startswith(_BUILTIN_PREDICATES)):
            extra.add(ox.Triple(t.object, RDF_TYPE, ox.NamedNode(OWL + "Class")))
    return sorted(onto | facts | extra, key=str)


def _run_hermit(triples: list[ox.Triple], properties: bool = False) -> str:
    """Run HermiT through owlready2's sync_reasoner in a fresh World; return HermiT's output."""
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    world = owlready2.World()
    buf = io.StringIO()
    try:
        world.get_ontology(_INPUT_IRI).load(fileobj=io.BytesIO(nt), format="ntriples")
        with contextlib.redirect_stderr(buf):  # debug=2 prints HermiT's full answer to stderr
            owlready2.sync_reasoner_hermit(world, infer_property_values=properties, debug=2,
                                           ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError as e:
        raise _Inconsistent() from e
    except owlready2.OwlReadyJavaError as e:
        raise ReasonerError(f"HermiT failed (Java): {_java_reason(str(e))}") from e
    except FileNotFoundError as e:
        raise ReasonerError(f"HermiT needs Java: {owlready2.JAVA_EXE!r} not found "
                            "(install a JRE 11+ or set owlready2.JAVA_EXE)") from e
    finally:
        world.close()
    return buf.getvalue()


def _java_reason(message: str) -> str:
    """The first line of a Java stack trace that says what went wrong."""
    lines = [ln.strip() for ln in message.splitlines() if ln.strip()]
    causes = [ln for ln in lines if "Exception" in ln and not ln.startswith("at ")]
    reason = causes[-1] if causes else lines[-1] if lines else "no message"
    return reason.removeprefix('Exception in thread "main" ')[:500]


# ---------------------------------------------------------------------------- HermiT output

_LINE = re.compile(r"^(SubClassOf|EquivalentClasses|Type|SubObjectPropertyOf|"
                   r"EquivalentObjectProperties)\( (.*) \)\s*$", re.M)
_TERM = re.compile(r"ObjectInverseOf\( <([^>]+)> \)|<([^>]+)>|owl:(\w+)")
_PROP = re.compile(r"^<([^>]+)> \(known instances:\s*(.*?)\s*\|\s*possible instances:", re.M)
_PAIR = re.compile(r"\(<([^>]+)>, <([^>]+)>\)")
NOTHING = OWL + "Nothing"


@dataclass
class _Answer:
    """HermiT's printed answer: direct hierarchy, direct types, known property instances."""

    supers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    prop_supers: dict[tuple[str, bool], set[tuple[str, bool]]] = field(
        default_factory=lambda: defaultdict(set))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    instances: set[tuple[str, str, str]] = field(default_factory=set)
    unsatisfiable: set[str] = field(default_factory=set)


def _terms(text: str) -> list[tuple[str, bool]]:
    return [(inv or iri or OWL + short, bool(inv)) for inv, iri, short in _TERM.findall(text)]


def _parse_answer(output: str) -> _Answer:
    ans = _Answer()
    for kind, body in _LINE.findall(output):
        terms = _terms(body)
        if kind == "Type" and len(terms) == 2:
            ans.types[terms[0][0]].add(terms[1][0])
        elif kind == "SubClassOf" and len(terms) == 2:
            ans.supers[terms[0][0]].add(terms[1][0])
        elif kind == "EquivalentClasses":
            names = [t[0] for t in terms]
            if NOTHING in names:
                ans.unsatisfiable.update(n for n in names if n != NOTHING)
            for a in names:
                ans.supers[a].update(b for b in names if b != a)
        elif kind == "SubObjectPropertyOf" and len(terms) == 2:
            ans.prop_supers[terms[0]].add(terms[1])
        elif kind == "EquivalentObjectProperties":
            for t in terms:
                ans.prop_supers[t].update(u for u in terms if u != t)
    for prop, known in _PROP.findall(output):
        ans.instances.update((a, prop, b) for a, b in _PAIR.findall(known))
    return ans


def _closure(start: str, supers: dict[str, set[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for s in supers.get(todo.pop(), ()):
            if s not in seen:
                seen.add(s)
                todo.append(s)
    return seen


def _prop_closure(start: tuple[str, bool], supers: dict[tuple[str, bool], set[tuple[str, bool]]]
                  ) -> set[tuple[str, bool]]:
    """Superproperties of (p, inverted?): an axiom P ⊑ Q also means inv(P) ⊑ inv(Q)."""
    seen, todo = {start}, [start]
    while todo:
        name, inv = todo.pop()
        nxt = set(supers.get((name, inv), ())) | {(q, not i) for q, i in supers.get((name, not inv), ())}
        for s in nxt - seen:
            seen.add(s)
            todo.append(s)
    return seen


# ---------------------------------------------------------------------------- public: HermiT

def check_consistency(quads: Iterable[ox.Quad], ontology: Path | str = ONTOLOGY_FILE) -> ReasonerReport:
    """Run HermiT on ontology + data; name unsatisfiable classes or the offending individuals."""
    data = [q for q in quads if q.graph_name != ONTOLOGY_GRAPH]
    onto = ontology_quads(ontology)
    triples = reasoner_input(onto, data)
    t0 = time.perf_counter()
    try:
        answer = _parse_answer(_run_hermit(triples))
    except _Inconsistent:
        offenders = _diagnose(onto, data)
        return ReasonerReport(False, (), tuple(offenders), time.perf_counter() - t0, len(triples))
    return ReasonerReport(True, tuple(sorted(answer.unsatisfiable)), (),
                          time.perf_counter() - t0, len(triples))


def hermit_inferences(quads: Iterable[ox.Quad], ontology: Path | str = ONTOLOGY_FILE) -> list[ox.Quad]:
    """The types and object-property values HermiT entails for the data's named individuals,
    minus what is asserted, in INFERRED_GRAPH (for comparison with `materialize`).

    HermiT prints direct types, the direct class and property hierarchies and the known
    instances of each property; closing types and instances over HermiT's own hierarchies
    gives every entailed type and object-property value.
    """
    data = [q for q in quads if q.graph_name != ONTOLOGY_GRAPH]
    onto = ontology_quads(ontology)
    try:
        ans = _parse_answer(_run_hermit(reasoner_input(onto, data), properties=True))
    except _Inconsistent as e:
        raise ReasonerError("ontology + data are inconsistent; nothing to infer") from e
    mentioned = _mentioned(data)
    entailed: set[tuple[str, str, str]] = set()
    for ind, classes in ans.types.items():
        for c in classes:
            entailed.update((ind, RDF_TYPE.value, d) for d in _closure(c, ans.supers))
    for a, p, b in ans.instances:
        for q, inv in _prop_closure((p, False), ans.prop_supers):
            entailed.add((b, q, a) if inv else (a, q, b))
    asserted = {(value(t.subject), t.predicate.value, value(t.object)) for t in _triples(onto + data)}
    keep = {(s, p, o) for s, p, o in entailed - asserted
            if s in mentioned and (p == RDF_TYPE.value or o in mentioned)
            and not o.startswith(OWL) and not p.startswith(OWL)}
    return sorted((ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), INFERRED_GRAPH)
                   for s, p, o in keep), key=str)


def _mentioned(data: list[ox.Quad]) -> set[str]:
    """Named individuals the data talks about (not classes, not Wikidata items, not bnodes)."""
    out: set[str] = set()
    for q in data:
        if q.predicate in _DROPPED:
            continue
        nodes = [q.subject] if q.predicate == RDF_TYPE else [q.subject, q.object]
        out.update(n.value for n in nodes if isinstance(n, ox.NamedNode))
    return {n for n in out if not n.startswith(WD)}


# ---------------------------------------------------------------------------- public: rules

_PFX = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
_ONT = f"<{ONTOLOGY_GRAPH.value}>"
_DATA = f"FILTER(?g != {_ONT})"
_NEW = "FILTER NOT EXISTS {{ GRAPH ?h {{ {} }} }}"

RULES: dict[str, str] = {
    "subclass": f"""CONSTRUCT {{ ?x a ?d }} WHERE {{
        GRAPH ?g {{ ?x a ?c }} {_DATA}
        GRAPH {_ONT} {{ ?c rdfs:subClassOf+ ?d }} FILTER(isIRI(?d) && ?d != owl:Thing)
        {_NEW.format("?x a ?d")} }}""",
    "domain": f"""CONSTRUCT {{ ?x a ?d }} WHERE {{
        GRAPH {_ONT} {{ ?p rdfs:domain ?c . ?c rdfs:subClassOf* ?d }}
        FILTER(isIRI(?d) && ?d != owl:Thing)
        GRAPH ?g {{ ?x ?p ?y }} {_DATA}
        {_NEW.format("?x a ?d")} }}""",
    "range": f"""CONSTRUCT {{ ?y a ?d }} WHERE {{
        GRAPH {_ONT} {{ ?p a owl:ObjectProperty ; rdfs:range ?c . ?c rdfs:subClassOf* ?d }}
        FILTER(isIRI(?d) && ?d != owl:Thing)
        GRAPH ?g {{ ?x ?p ?y }} {_DATA} FILTER(!isLiteral(?y))
        {_NEW.format("?y a ?d")} }}""",
    "subproperty": f"""CONSTRUCT {{ ?x ?q ?y }} WHERE {{
        GRAPH {_ONT} {{ ?p rdfs:subPropertyOf+ ?q }} FILTER(isIRI(?q))
        GRAPH ?g {{ ?x ?p ?y }} {_DATA}
        {_NEW.format("?x ?q ?y")} }}""",
    "inverse": f"""CONSTRUCT {{ ?y ?q ?x }} WHERE {{
        GRAPH {_ONT} {{ {{ ?p owl:inverseOf ?q }} UNION {{ ?q owl:inverseOf ?p }} }}
        GRAPH ?g {{ ?x ?p ?y }} {_DATA} FILTER(!isLiteral(?y))
        {_NEW.format("?y ?q ?x")} }}""",
    "symmetric": f"""CONSTRUCT {{ ?y ?p ?x }} WHERE {{
        GRAPH {_ONT} {{ ?p a owl:SymmetricProperty }}
        GRAPH ?g {{ ?x ?p ?y }} {_DATA} FILTER(!isLiteral(?y))
        {_NEW.format("?y ?p ?x")} }}""",
}
_PARSED_RULES = {name: _PFX + q for name, q in RULES.items()}


def _scratch_store(onto: list[ox.Quad], data: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory store: ontology in its graph, data in theirs (default graph renamed)."""
    store = ox.Store()
    store.extend(onto)
    store.extend(ox.Quad(q.subject, q.predicate, q.object,
                         _SCRATCH_DEFAULT if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name)
                 for q in data if q.graph_name not in (ONTOLOGY_GRAPH, INFERRED_GRAPH))
    return store


def _saturate(store: ox.Store, max_rounds: int = 20) -> None:
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
    store = _scratch_store(ontology_quads(ontology), quads)
    _saturate(store)
    return sorted(store.quads_for_pattern(None, None, None, INFERRED_GRAPH), key=str)


# ---------------------------------------------------------------------------- rules, compiled
#
# Every rule above has a single data premise and reads the schema only from the ontology
# graph, so what one asserted triple (x p y) leads to depends on p, on whether y can be a
# subject, and on nothing else in the data. Closing the schema once (subclass and subproperty
# chains, inverse and symmetric flips, domain and range classes with all their superclasses)
# gives, per predicate, the full list of consequences: one pass over the data is complete.

_SUBCLASS = ox.NamedNode(RDFS + "subClassOf")
_SUBPROPERTY = ox.NamedNode(RDFS + "subPropertyOf")
_DOMAIN = ox.NamedNode(RDFS + "domain")
_RANGE = ox.NamedNode(RDFS + "range")
_INVERSE = ox.NamedNode(OWL + "inverseOf")
_SYMMETRIC = ox.NamedNode(OWL + "SymmetricProperty")
_OBJECT_PROPERTY = ox.NamedNode(OWL + "ObjectProperty")
_THING = ox.NamedNode(OWL + "Thing")

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
        if p == _SUBCLASS:
            sub_class[s].add(o)
        elif p == _SUBPROPERTY:
            sub_prop[s].add(o)
        elif p == _DOMAIN:
            domain[s].add(o)
        elif p == _RANGE:
            range_[s].add(o)
        elif p == _INVERSE:
            inverse[s].add(o)
            inverse[o].add(s)
        elif p == RDF_TYPE:
            onto_types[s].add(o)
            if o == _SYMMETRIC:
                symmetric.add(s)
            elif o == _OBJECT_PROPERTY:
                object_props.add(s)

    def classes(c: Term) -> frozenset[ox.NamedNode]:  # ?c rdfs:subClassOf* ?d, ?d an IRI, not owl:Thing
        return frozenset(d for d in _reach(c, sub_class) if isinstance(d, ox.NamedNode) and d != _THING)

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


@contextlib.contextmanager
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


# ---------------------------------------------------------------------------- diagnosis

_DISJOINT = _PFX + f"""
SELECT DISTINCT ?x ?c ?d WHERE {{
  GRAPH {_ONT} {{
    {{ ?c owl:disjointWith ?d }} UNION {{ ?d owl:disjointWith ?c }} UNION
    {{ ?l a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ?c , ?d FILTER(?c != ?d) }}
  }}
  GRAPH ?g1 {{ ?x a ?c }} GRAPH ?g2 {{ ?x a ?d }}
  FILTER((?g1 != {_ONT} || ?g2 != {_ONT}) && STR(?c) < STR(?d))
}} ORDER BY ?x ?c ?d"""

_FUNCTIONAL = _PFX + f"""
SELECT DISTINCT ?x ?p ?v ?w WHERE {{
  GRAPH {_ONT} {{ ?p a owl:FunctionalProperty }}
  GRAPH ?g1 {{ ?x ?p ?v }} GRAPH ?g2 {{ ?x ?p ?w }}
  FILTER(?g1 != {_ONT} && ?g2 != {_ONT} && STR(?v) < STR(?w))
}} ORDER BY ?x ?p"""

# Why ?x is a ?c: asserted (in which graph), or from the domain or range of which triple.
_WHY = _PFX + f"""
SELECT ?x ?c ?how ?g ?s ?p ?o WHERE {{
  {{ GRAPH ?g {{ ?x a ?k }} FILTER(?g != <{INFERRED_GRAPH.value}>)
     GRAPH {_ONT} {{ ?k rdfs:subClassOf* ?c }} BIND("asserted" AS ?how) BIND(?k AS ?o) }}
  UNION
  {{ GRAPH {_ONT} {{ ?p rdfs:domain ?k . ?k rdfs:subClassOf* ?c }}
     GRAPH ?g {{ ?x ?p ?o }} FILTER(?g != {_ONT}) BIND(?x AS ?s) BIND("domain" AS ?how) }}
  UNION
  {{ GRAPH {_ONT} {{ ?p rdfs:range ?k . ?k rdfs:subClassOf* ?c }}
     GRAPH ?g {{ ?s ?p ?x }} FILTER(?g != {_ONT}) BIND(?x AS ?o) BIND("range" AS ?how) }}
}} ORDER BY ?how ?g ?s ?p ?o LIMIT 1"""


def _why(store: ox.Store, x: ox.NamedNode | ox.BlankNode, c: ox.NamedNode) -> str:
    for r in rows(store, _WHY, substitutions={ox.Variable("x"): x, ox.Variable("c"): c}):
        where = "the ontology" if r["g"] == ONTOLOGY_GRAPH else short(r["g"])
        if r["how"].value == "asserted":
            via = "" if r["o"] == c else f" as {short(r['o'])}"
            return f"{short(c)} asserted{via} in {where}"
        return (f"{short(c)} from {short(r['s'])} {short(r['p'])} {short(r['o'])} in {where} "
                f"({r['how'].value} of {short(r['p'])})")
    return f"{short(c)} inferred"


def value(term: object) -> str:
    """The IRI, lexical form or blank node id of a term (a quoted triple: its N-Triples form)."""
    return term if isinstance(term, str) else str(term) if isinstance(term, ox.Triple) \
        else str(getattr(term, "value", term))


def rows(store: ox.Store, query: str, **kwargs: Any) -> list[ox.QuerySolution]:
    """The solutions of a SELECT query (typed, so callers need no casts)."""
    return list(cast(ox.QuerySolutions, store.query(query, **kwargs)))


def short(term: object) -> str:
    """A readable name: ag:Country, agid:japan, or the full IRI."""
    text = value(term)
    if isinstance(term, ox.Literal):
        return repr(text)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and re.fullmatch(r"[\w.-]*", text[len(ns):]):
            return f"{prefix}:{text[len(ns):]}"
    return f"_:{text}" if isinstance(term, ox.BlankNode) else f"<{text}>"


def _diagnose(onto: list[ox.Quad], data: list[ox.Quad]) -> list[str]:
    """Name the individuals that make the data inconsistent: disjoint types (asserted or
    inferred by the rules), functional properties with two values, literals outside their
    range; if none explains it, narrow the data down with HermiT itself."""
    store = _scratch_store(onto, data)
    _saturate(store)
    found = []
    for row in rows(store, _DISJOINT):
        x, c, d = row["x"], row["c"], row["d"]
        found.append(f"{short(x)} is both {short(c)} and {short(d)}, which are disjoint: "
                     f"{_why(store, x, c)}; {_why(store, x, d)}")
    for row in rows(store, _FUNCTIONAL):
        found.append(f"{short(row['x'])} has two values for the functional property "
                     f"{short(row['p'])}: {short(row['v'])} and {short(row['w'])}")
    found += _literal_range_errors(onto, data)
    return found or _bisect(onto, data)


_NUMERIC = {"decimal", "integer", "nonNegativeInteger", "positiveInteger", "int", "long", "short",
            "byte", "unsignedInt", "unsignedLong", "nonPositiveInteger", "negativeInteger"}


def _literal_range_errors(onto: list[ox.Quad], data: list[ox.Quad]) -> list[str]:
    store = ox.Store()
    store.extend(onto)
    allowed: dict[object, set[str]] = defaultdict(set)
    for row in rows(store, _PFX + """SELECT ?p ?dt WHERE { GRAPH ?g {
            ?p a owl:DatatypeProperty ; rdfs:range ?r .
            { FILTER(isIRI(?r)) BIND(?r AS ?dt) } UNION { ?r owl:unionOf/rdf:rest*/rdf:first ?dt } } }"""):
        allowed[row["p"]].add(value(row["dt"]))
    out = []
    xsd = PREFIXES["xsd"]
    for q in data:
        if q.predicate in allowed and isinstance(q.object, ox.Literal):
            dt = q.object.datatype.value
            ok = allowed[q.predicate]
            if dt in ok or (xsd + "decimal" in ok and dt[len(xsd):] in _NUMERIC and dt.startswith(xsd)):
                continue
            out.append(f"{short(q.subject)} {short(q.predicate)} {short(q.object)}: datatype "
                       f"{short(q.object.datatype)} is outside the range {', '.join(sorted(map(short, ok)))}")
    return out


def _bisect(onto: list[ox.Quad], data: list[ox.Quad], budget: int = 8) -> list[str]:
    """Halve the data by subject while one half stays inconsistent (at most `budget` runs)."""
    by_subject: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in data:
        by_subject[value(q.subject)].append(q)
    subjects = sorted(by_subject)
    while len(subjects) > 1 and budget > 0:
        half = len(subjects) // 2
        for part in (subjects[:half], subjects[half:]):
            budget -= 1
            try:
                _run_hermit(reasoner_input(onto, [q for s in part for q in by_subject[s]]))
            except _Inconsistent:
                subjects = part
                break
        else:
            break  # the inconsistency needs subjects from both halves
    names = ", ".join(short(s) for s in subjects[:10]) + (" …" if len(subjects) > 10 else "")
    return [f"the inconsistency involves the description of: {names}"]
