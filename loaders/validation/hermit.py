"""HermiT (through owlready2) as the judge of consistency, and the diagnosis of what breaks it.

HermiT says whether ontology + data are consistent and which classes are unsatisfiable; when
they are not, `_diagnose` names the individuals and the triples responsible. The store keeps
inferences computed by `loaders.validation.infer` instead, because they are linear in the data;
`hermit_inferences` computes the same kinds with HermiT so a test can prove the two agree.

The reasoner input leaves out `rdf:subject`, `rdf:predicate` and `rdf:object` (reification
vocabulary that OWL 2 DL reserves; a claim's rdf:predicate even names a property) and declares
every other undeclared predicate of the data an annotation property, so the input stays DL.
"""

from __future__ import annotations

import contextlib
import io
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import owlready2
import pyoxigraph as ox

from loaders.errors import ReasonerError, java_error_reason
from loaders.paths import ONTOLOGY_FILE
from loaders.rdf.read import ontology_quads
from loaders.validation.infer import ONT, PFX, saturate, scratch_store
from ontology.terms import (
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    OWL,
    PREFIXES,
    RDF,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS,
    RDFS_DATATYPE,
    WD,
    curie,
)

_DROPPED = {RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT}
_DECLARATIONS = {ox.NamedNode(OWL + n) for n in (
    "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual",
    "Ontology", "AllDisjointClasses", "AllDifferent", "Restriction")} | {RDFS_DATATYPE}
_BUILTIN_PREDICATES = (RDF, RDFS, OWL)
_INPUT_IRI = "http://alliancegraph.invalid/reasoner-input"


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
        raise ReasonerError(f"HermiT failed (Java): {java_error_reason(str(e))}") from e
    except FileNotFoundError as e:
        raise ReasonerError(f"HermiT needs Java: {owlready2.JAVA_EXE!r} not found "
                            "(install a JRE 11+ or set owlready2.JAVA_EXE)") from e
    finally:
        world.close()
    return buf.getvalue()


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


# ---------------------------------------------------------------------------- diagnosis

_DISJOINT = PFX + f"""
SELECT DISTINCT ?x ?c ?d WHERE {{
  GRAPH {ONT} {{
    {{ ?c owl:disjointWith ?d }} UNION {{ ?d owl:disjointWith ?c }} UNION
    {{ ?l a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ?c , ?d FILTER(?c != ?d) }}
  }}
  GRAPH ?g1 {{ ?x a ?c }} GRAPH ?g2 {{ ?x a ?d }}
  FILTER((?g1 != {ONT} || ?g2 != {ONT}) && STR(?c) < STR(?d))
}} ORDER BY ?x ?c ?d"""

_FUNCTIONAL = PFX + f"""
SELECT DISTINCT ?x ?p ?v ?w WHERE {{
  GRAPH {ONT} {{ ?p a owl:FunctionalProperty }}
  GRAPH ?g1 {{ ?x ?p ?v }} GRAPH ?g2 {{ ?x ?p ?w }}
  FILTER(?g1 != {ONT} && ?g2 != {ONT} && STR(?v) < STR(?w))
}} ORDER BY ?x ?p"""

# Why ?x is a ?c: asserted (in which graph), or from the domain or range of which triple.
_WHY = PFX + f"""
SELECT ?x ?c ?how ?g ?s ?p ?o WHERE {{
  {{ GRAPH ?g {{ ?x a ?k }} FILTER(?g != <{INFERRED_GRAPH.value}>)
     GRAPH {ONT} {{ ?k rdfs:subClassOf* ?c }} BIND("asserted" AS ?how) BIND(?k AS ?o) }}
  UNION
  {{ GRAPH {ONT} {{ ?p rdfs:domain ?k . ?k rdfs:subClassOf* ?c }}
     GRAPH ?g {{ ?x ?p ?o }} FILTER(?g != {ONT}) BIND(?x AS ?s) BIND("domain" AS ?how) }}
  UNION
  {{ GRAPH {ONT} {{ ?p rdfs:range ?k . ?k rdfs:subClassOf* ?c }}
     GRAPH ?g {{ ?s ?p ?x }} FILTER(?g != {ONT}) BIND(?x AS ?o) BIND("range" AS ?how) }}
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
    return f"_:{text}" if isinstance(term, ox.BlankNode) else curie(text)


def _diagnose(onto: list[ox.Quad], data: list[ox.Quad]) -> list[str]:
    """Name the individuals that make the data inconsistent: disjoint types (asserted or
    inferred by the rules), functional properties with two values, literals outside their
    range; if none explains it, narrow the data down with HermiT itself."""
    store = scratch_store(onto, data)
    saturate(store)
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
    for row in rows(store, PFX + """SELECT ?p ?dt WHERE { GRAPH ?g {
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
