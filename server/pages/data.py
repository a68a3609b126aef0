"""What the pages show, read from a pyoxigraph store: no Flask here.

Everything goes through `quads_for_pattern` on IRIs the caller has already checked (or SPARQL
with `substitutions=`), so no user text ever becomes query text. The store's default graph
holds each fact once per graph that states it (a fact stated by three sources, copied into the
inferred graph, twinned as `org:`/`schema:` predicates): the functions here fold those copies
so that a page shows each fact once, with the claims that support it.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from loaders.extraction import plaintext
from loaders.paths import SOURCES_DIR
from loaders.rdf.catalog import source_text
from ontology import terms

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Subject = ox.NamedNode | ox.BlankNode | ox.Triple


def value(term: Term) -> str:
    """A term's lexical value (an RDF-star triple term as its N-Triples form)."""
    return str(term) if isinstance(term, ox.Triple) else term.value
_INFERRED = terms.INFERRED_GRAPH
# Predicates the page shows in a section of its own, not among the relations.
_OWN_SECTION = {terms.RDFS_LABEL, terms.SKOS_ALTLABEL, terms.RDF_TYPE, terms.OWL_SAMEAS}
# Links from claims and statements: shown as provenance and statements, not as relations.
_PROVENANCE_IN = {terms.RDF_SUBJECT, terms.RDF_OBJECT, terms.speaker, terms.about}


def _nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def objects(store: ox.Store, s: Subject, p: ox.NamedNode) -> list[Term]:
    """The distinct objects of (s, p, ?) over every graph, in a stable order."""
    seen: dict[Term, None] = {}
    for q in store.quads_for_pattern(s, p, None):
        seen.setdefault(q.object, None)
    return list(seen)


def first(store: ox.Store, s: Subject, p: ox.NamedNode) -> Term | None:
    """One object of (s, p, ?), or None."""
    for q in store.quads_for_pattern(s, p, None):
        return q.object
    return None


def text(term: Term | None) -> str | None:
    """A term's lexical value, or None."""
    return None if term is None else value(term)


def label(store: ox.Store, iri: str, described: bool = True) -> str:
    """The English label of an IRI, else any label, else a title (an untitled source: by its
    creator); a statement or claim
    without a label is named in words (who said what; subject, predicate, object) unless
    `described` is false; anything else by its CURIE or last path segment."""
    best: str | None = None
    for q in store.quads_for_pattern(_nn(iri), terms.RDFS_LABEL, None):
        lit = q.object
        if isinstance(lit, ox.Literal):
            if lit.language == "en":
                return lit.value
            best = best or lit.value
    if best:
        return best
    title = first(store, _nn(iri), terms.DCTERMS_TITLE)  # sources have a title, not a label
    if title is not None:
        return value(title)
    if iri.startswith(terms.SOURCE):  # an untitled article is known to a reader by its author
        creator = first(store, _nn(iri), terms.DCTERMS_CREATOR)
        if creator is not None:
            return f"Untitled article by {value(creator)}"
    if described and iri.startswith((terms.ID, terms.CLAIM)):
        words = _in_words(store, iri)
        if words:
            return words
    short = terms.curie(iri)
    if short != iri:
        return short.split(":", 1)[1] if short.startswith(("agid:", "agsrc:")) else short
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _in_words(store: ox.Store, iri: str) -> str | None:
    props = properties(store, _nn(iri))
    quote = props.get(terms.quote)
    if quote is not None:
        text_ = value(quote)
        short = text_ if len(text_) <= 70 else text_[:68].rstrip() + "…"
        speaker = props.get(terms.speaker)
        who = label(store, value(speaker), False) if speaker is not None else "someone"
        return f"{who}: “{short}”"
    s, p, o = (props.get(t) for t in (terms.RDF_SUBJECT, terms.RDF_PREDICATE, terms.RDF_OBJECT))
    if s is None or p is None or o is None:
        return None
    obj = label(store, o.value, False) if isinstance(o, ox.NamedNode) else f"“{value(o)}”"
    return f"claim: {label(store, value(s), False)} {label(store, value(p), False)} {obj}"


def exists(store: ox.Store, iri: str) -> bool:
    """Whether the store says anything with this IRI as subject or object."""
    node = _nn(iri)
    return any(True for _ in store.quads_for_pattern(node, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, node))


def _local_id(iri: str | None, base: str) -> str | None:
    return iri[len(base):] if iri and iri.startswith(base) else None


class _Cited:
    """Something read from a source: links to the source page and the highlighted span."""

    source: str | None
    evidence: str | None

    @property
    def source_id(self) -> str | None:
        return _local_id(self.source, terms.SOURCE)

    @property
    def evidence_id(self) -> str | None:
        return _local_id(self.evidence, terms.EVIDENCE)


# -- claims ---------------------------------------------------------------------------------
@dataclass
class Claim(_Cited):
    """One extracted claim: a triple, where it was read, how sure and how reviewed."""

    iri: str
    subject: str
    predicate: str
    obj: Term
    source: str | None
    evidence: str | None
    exact: str | None
    start: int | None
    end: int | None
    status: str
    confidence: float | None
    activity: str | None

    @property
    def status_name(self) -> str:
        return self.status.rsplit("#", 1)[-1]


def _int(term: Term | None) -> int | None:
    try:
        return int(value(term)) if term is not None else None
    except ValueError:
        return None


def _float(term: Term | None) -> float | None:
    try:
        return float(value(term)) if term is not None else None
    except ValueError:
        return None


def properties(store: ox.Store, s: Subject) -> dict[ox.NamedNode, Term]:
    """One object per predicate of a node, read in one pass (the first seen wins)."""
    out: dict[ox.NamedNode, Term] = {}
    for q in store.quads_for_pattern(s, None, None):
        out.setdefault(q.predicate, q.object)
    return out


def claim(store: ox.Store, iri: str) -> Claim | None:
    """The claim with this IRI, or None when the store has no such claim."""
    props = properties(store, _nn(iri))
    s, p, o = (props.get(t) for t in (terms.RDF_SUBJECT, terms.RDF_PREDICATE, terms.RDF_OBJECT))
    if s is None or p is None or o is None:
        return None
    ev = props.get(terms.evidence)
    sel = properties(store, ev) if isinstance(ev, ox.NamedNode | ox.BlankNode) else {}
    return Claim(
        iri=iri, subject=value(s), predicate=value(p), obj=o,
        source=text(props.get(terms.PROV_DERIVED)),
        evidence=ev.value if isinstance(ev, ox.NamedNode) else None,
        exact=text(sel.get(terms.OA_EXACT)), start=_int(sel.get(terms.OA_START)),
        end=_int(sel.get(terms.OA_END)),
        status=text(props.get(terms.reviewStatus)) or terms.Unreviewed.value,
        confidence=_float(props.get(terms.confidence)),
        activity=text(props.get(terms.PROV_GENERATED)))


def claims_about(store: ox.Store, iri: str) -> list[Claim]:
    """Every claim whose subject or object is this IRI (each once)."""
    node = _nn(iri)
    found: dict[str, None] = {}
    for p in (terms.RDF_SUBJECT, terms.RDF_OBJECT):
        for q in store.quads_for_pattern(None, p, node):
            if isinstance(q.subject, ox.NamedNode):
                found.setdefault(value(q.subject), None)
    return [c for c in (claim(store, i) for i in found) if c is not None]


def claims_from(store: ox.Store, source_iri: str) -> list[Claim]:
    """Every claim read in one source (each once), in text order."""
    found: dict[str, None] = {}
    for q in store.quads_for_pattern(None, terms.PROV_DERIVED, _nn(source_iri)):
        if isinstance(q.subject, ox.NamedNode) and value(q.subject).startswith(terms.CLAIM):
            found.setdefault(value(q.subject), None)
    out = [c for c in (claim(store, i) for i in found) if c is not None]
    return sorted(out, key=lambda c: (c.start if c.start is not None else -1, c.iri))


# -- entities -------------------------------------------------------------------------------
@dataclass
class Fact:
    """One relation of an entity, shown once, with every claim that states it."""

    predicate: str
    obj: Term
    inferred: bool  # only in the inferred graph: no source states it in these words
    claims: list[Claim] = field(default_factory=list)  # inferred the other way round: those of the converse


@dataclass
class Statement(_Cited):
    """A statement by or about an entity."""

    iri: str
    quote: str
    speaker: str | None
    about: str | None
    stance: str  # Supportive, Opposed, Neutral (or Unknown)
    source: str | None
    evidence: str | None
    status: str
    confidence: float | None


@dataclass
class Entity:
    """Everything an entity page shows."""

    iri: str
    label: str
    aliases: list[str]
    types: list[str]
    same_as: list[str]
    facts: dict[str, list[Fact]]  # by predicate IRI
    incoming: dict[str, list[str]]  # predicate IRI -> subjects pointing here
    said: list[Statement]
    about: list[Statement]


def _linked(store: ox.Store, *relations: ox.NamedNode) -> dict[str, set[str]]:
    """Predicates by the predicates the ontology links them to, either way, by these relations."""
    out: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        for q in store.quads_for_pattern(None, rel, None, terms.ONTOLOGY_GRAPH):
            out[value(q.subject)].add(value(q.object))
            out[value(q.object)].add(value(q.subject))
    return out


def _equivalents(store: ox.Store) -> dict[str, set[str]]:
    """Predicates by the predicates they twin (subPropertyOf/equivalentProperty in the
    ontology): a fact inferred under a twin of an asserted predicate is the same fact."""
    return _linked(store, terms.RDFS_SUBPROPERTYOF, terms.OWL_EQUIVALENTPROPERTY)


def _converses(store: ox.Store) -> dict[str, set[str]]:
    """Predicates by those that state the same fact the other way round (owl:inverseOf either
    way; a symmetric property itself): "NATO opposed by France" is "France opposes NATO"."""
    out = _linked(store, terms.OWL_INVERSEOF)
    for q in store.quads_for_pattern(None, terms.RDF_TYPE, terms.OWL_SYMMETRIC, terms.ONTOLOGY_GRAPH):
        out[value(q.subject)].add(value(q.subject))
    return out


def _facts(store: ox.Store, node: ox.NamedNode, claims: list[Claim]) -> dict[str, list[Fact]]:
    asserted: dict[tuple[str, Term], bool] = {}
    for q in store.quads_for_pattern(node, None, None):
        if q.predicate in _OWN_SECTION:
            continue
        key = (q.predicate.value, q.object)
        asserted[key] = asserted.get(key, False) or q.graph_name != _INFERRED
    inferred = any(not a for a in asserted.values())
    twins = _equivalents(store) if inferred else {}
    converses = _converses(store) if inferred else {}
    objects_asserted = {(p, o) for (p, o), a in asserted.items() if a}
    by_claim: dict[tuple[str, Term], list[Claim]] = defaultdict(list)
    by_subject: dict[tuple[str, str], list[Claim]] = defaultdict(list)  # claims with this node as object
    for c in claims:
        if c.subject == node.value:
            by_claim[(c.predicate, c.obj)].append(c)
        if c.obj == node:
            by_subject[(c.predicate, c.subject)].append(c)
    out: dict[str, list[Fact]] = defaultdict(list)
    for (p, o), is_asserted in asserted.items():
        if not is_asserted and any((t, o) in objects_asserted for t in twins.get(p, ())):
            continue  # an inferred twin (org:memberOf of an ag:memberOf): the same fact
        cited = by_claim.get((p, o), [])
        if not is_asserted and not cited and isinstance(o, ox.NamedNode):
            # inferred the other way round: the words are those of the claim it was inferred from
            cited = [c for t in sorted(converses.get(p, ())) for c in by_subject.get((t, o.value), [])]
        out[p].append(Fact(p, o, not is_asserted, cited))
    return dict(out)


def _incoming(store: ox.Store, node: ox.NamedNode) -> dict[str, list[str]]:
    seen: dict[str, dict[str, None]] = defaultdict(dict)
    for q in store.quads_for_pattern(None, None, node):
        if q.predicate in _PROVENANCE_IN or q.graph_name == _INFERRED:
            continue  # inferred inverses repeat the entity's own facts
        if isinstance(q.subject, ox.NamedNode):
            seen[q.predicate.value].setdefault(value(q.subject), None)
    return {p: list(s) for p, s in seen.items()}


def statement(store: ox.Store, iri: str) -> Statement | None:
    """A statement (ag:quote, ag:speaker, ag:about, ag:stance), or None."""
    props = properties(store, _nn(iri))
    quote = props.get(terms.quote)
    if quote is None:
        return None
    stance = text(props.get(terms.stance))
    ev = props.get(terms.evidence)
    return Statement(
        iri=iri, quote=value(quote), speaker=text(props.get(terms.speaker)),
        about=text(props.get(terms.about)),
        stance=stance.rsplit("#", 1)[-1] if stance else "Unknown",
        source=text(props.get(terms.PROV_DERIVED)),
        evidence=ev.value if isinstance(ev, ox.NamedNode) else None,
        status=(text(props.get(terms.reviewStatus)) or terms.Unreviewed.value
                ).rsplit("#", 1)[-1],
        confidence=_float(props.get(terms.confidence)))


def _statements(store: ox.Store, node: ox.NamedNode, p: ox.NamedNode) -> list[Statement]:
    subjects = dict.fromkeys(value(q.subject) for q in store.quads_for_pattern(None, p, node)
                             if isinstance(q.subject, ox.NamedNode))
    return [s for s in (statement(store, i) for i in subjects) if s is not None]


def entity(store: ox.Store, iri: str) -> Entity | None:
    """The entity page's content, or None when the store knows nothing of the IRI."""
    node = _nn(iri)
    if not exists(store, iri):
        return None
    claims = claims_about(store, iri)
    return Entity(
        iri=iri, label=label(store, iri),
        aliases=sorted({value(o) for o in objects(store, node, terms.SKOS_ALTLABEL)}),
        types=[o.value for o in objects(store, node, terms.RDF_TYPE)
               if isinstance(o, ox.NamedNode)],
        same_as=[value(o) for o in objects(store, node, terms.OWL_SAMEAS)],
        facts=_facts(store, node, claims), incoming=_incoming(store, node),
        said=_statements(store, node, terms.speaker),
        about=_statements(store, node, terms.about))


def case_insensitive(store: ox.Store, slug: str) -> str | None:
    """The canonical entity IRI for a slug in the wrong case, if one exists."""
    lower = slug.lower()
    if terms.is_slug(lower) and exists(store, terms.ID + lower):
        return terms.ID + lower
    return None


# -- sources --------------------------------------------------------------------------------
@dataclass
class Source:
    """A catalogued source and its text."""

    iri: str
    identifier: str
    meta: dict[str, str]
    text: str | None
    boilerplate: list[tuple[int, int]]


_META = {"title": terms.DCTERMS_TITLE, "creator": terms.DCTERMS_CREATOR,
         "publisher": terms.DCTERMS_PUBLISHER, "date": terms.DCTERMS_DATE,
         "language": terms.DCTERMS_LANGUAGE, "sha256": terms.sha256}


def source(store: ox.Store, iri: str, texts: Path = SOURCES_DIR) -> Source | None:
    """A source's catalog entry and text (read from `texts`), or None if not catalogued."""
    node = _nn(iri)
    ident = first(store, node, terms.DCTERMS_IDENTIFIER)
    if ident is None:
        return None
    meta = {k: value(v) for k, p in _META.items() if (v := first(store, node, p)) is not None}
    body: str | None = None
    name = text(first(store, node, terms.textFile))
    if name and "/" not in name and "\\" not in name and not name.startswith("."):
        path = texts / name
        if path.is_file():
            body = source_text(path)
    ranges = []
    for sel in objects(store, node, terms.boilerplate):
        if isinstance(sel, ox.NamedNode | ox.BlankNode):
            a, b = _int(first(store, sel, terms.OA_START)), _int(first(store, sel, terms.OA_END))
            if a is not None and b is not None:
                ranges.append((a, b))
    return Source(iri, value(ident), meta, body, sorted(ranges))


def sources(store: ox.Store) -> list[tuple[str, str, str]]:
    """Every catalogued source: (IRI, identifier, its label: the title, else by its creator)."""
    out = []
    for q in store.quads_for_pattern(None, terms.RDF_TYPE, terms.Source, terms.CATALOG_GRAPH):
        ident = text(first(store, q.subject, terms.DCTERMS_IDENTIFIER)) or value(q.subject)
        out.append((value(q.subject), ident, label(store, value(q.subject))))
    return sorted(set(out), key=lambda r: r[1])


@dataclass(frozen=True)
class Segment:
    """A run of source text and what covers it: evidence spans (by evidence id) or boilerplate."""

    text: str
    start: int
    evidence: tuple[str, ...]
    boilerplate: bool
    opens: tuple[str, ...] = ()  # evidence spans that start here (anchor targets)


def segments(body: str, spans: Iterable[tuple[int, int, str]],
             boilerplate: Iterable[tuple[int, int]] = ()) -> list[Segment]:
    """Cut a text at every span boundary, so overlapping spans need no nested markup.

    >>> [(s.text, s.evidence) for s in segments("abcdef", [(1, 4, "x"), (3, 5, "y")])]
    [('a', ()), ('bc', ('x',)), ('d', ('x', 'y')), ('e', ('y',)), ('f', ())]
    """
    n = len(body)
    spans = [(max(0, a), min(n, b), k) for a, b, k in spans if 0 <= a < b <= n]
    plate = [(a, b) for a, b in boilerplate if 0 <= a < b <= n]
    cuts = sorted({0, n, *(a for a, _, _ in spans), *(b for _, b, _ in spans),
                   *(a for a, _ in plate), *(b for _, b in plate)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(dict.fromkeys(k for x, y, k in spans if x <= a and b <= y))
        opens = tuple(dict.fromkeys(k for x, _, k in spans if x == a))
        grey = any(x <= a and b <= y for x, y in plate)
        out.append(Segment(body[a:b], a, covering, grey, opens))
    return out


def paragraph(body: str, start: int, end: int) -> tuple[str, str, str]:
    r"""The paragraph (between newlines) around a span: (before, span, after). In a text
    hard-wrapped at a fixed width a paragraph runs over its wrapped lines, and a compound the
    wrap broke at its hyphen shows whole: HTML would show that line break as a space
    ("Indo- Pacific"); every other character is the source's own.

    >>> paragraph("One.\nTwo three four.\nFive.", 9, 14)
    ('Two ', 'three', ' four.')
    """
    shown, joined = _wrap_of(body)
    a = shown.rfind("\n", 0, start) + 1
    b = shown.find("\n", end)
    b = len(shown) if b < 0 else b

    def cut(lo: int, hi: int) -> str:
        gone = {j - lo for j in joined if lo <= j < hi}
        piece = shown[lo:hi]
        return "".join(ch for i, ch in enumerate(piece) if i not in gone) if gone else piece

    return cut(a, start), cut(start, end), cut(end, b)


_WRAPPED_HYPHEN = re.compile(r"(?<=[^\W_]-)\n[ \t]*(?=[^\W_])")


def as_read(words: str) -> str:
    r"""Evidence words as a reader takes them: a line break right after a word's hyphen, which
    only a hard wrap puts inside a compound, is left out (HTML would show it as a space).

    >>> as_read("across the Indo-\nPacific and")
    'across the Indo-Pacific and'
    """
    return _WRAPPED_HYPHEN.sub("", words)


@functools.lru_cache(maxsize=64)
def _wrap_of(body: str) -> tuple[str, tuple[int, ...]]:
    """(a page shows many spans of one source: its wrap is read once)"""
    return plaintext.unwrapped(body)


def in_context(store: ox.Store, source_iri: str | None, start: int | None, end: int | None,
               texts: Path = SOURCES_DIR) -> tuple[str, str, str] | None:
    """The paragraph around a span of a source's text, or None when it cannot be read."""
    if source_iri is None or start is None or end is None:
        return None
    src = source(store, source_iri, texts)
    if src is None or src.text is None or not 0 <= start < end <= len(src.text):
        return None
    return paragraph(src.text, start, end)


def statement_context(store: ox.Store, st: Statement, texts: Path = SOURCES_DIR
                      ) -> tuple[str, str, str] | None:
    """The paragraph a statement was read from, its words marked."""
    if st.evidence is None:
        return None
    sel = properties(store, _nn(st.evidence))
    return in_context(store, st.source, _int(sel.get(terms.OA_START)),
                      _int(sel.get(terms.OA_END)), texts)


# -- home, classes, activities --------------------------------------------------------------
_COUNTS = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class } FILTER(STRSTARTS(STR(?class), STR(ag:)) && ?g != %s)
} GROUP BY ?class ORDER BY DESC(?n) ?class"""


def class_counts(store: ox.Store) -> list[tuple[str, int]]:
    """Instances per ag: class (asserted or inferred), largest first."""
    res = store.query(_COUNTS % terms.ONTOLOGY_GRAPH, prefixes={"ag": terms.AG})
    assert isinstance(res, ox.QuerySolutions)
    return [(r["class"].value, int(r["n"].value)) for r in res]


_INSTANCES = """SELECT ?class ?s (SAMPLE(?l) AS ?label) WHERE { ?s a ?class .
  OPTIONAL { ?s rdfs:label ?l } } GROUP BY ?class ?s ORDER BY %s(LCASE(STR(COALESCE(?label, STR(?s)))))
  LIMIT %d OFFSET %d"""


def instances(store: ox.Store, class_iri: str, offset: int, limit: int,
              descending: bool = False) -> list[tuple[str, str]]:
    """A page of a class's instances: (IRI, label), sorted by label."""
    sparql = _INSTANCES % ("DESC" if descending else "ASC", int(limit), int(offset))
    res = store.query(sparql, prefixes={"rdfs": terms.RDFS}, use_default_graph_as_union=True,
                      substitutions={ox.Variable("class"): _nn(class_iri)})
    assert isinstance(res, ox.QuerySolutions)
    return [(r["s"].value, r["label"].value if r["label"] is not None else label(
        store, r["s"].value)) for r in res]


def count_instances(store: ox.Store, class_iri: str) -> int:
    """How many distinct instances a class has."""
    return len({q.subject for q in store.quads_for_pattern(None, terms.RDF_TYPE, _nn(class_iri))})


@dataclass(frozen=True)
class Activity:
    """An extraction run (or a review): what it is and what it produced."""

    iri: str
    label: str
    version: str | None
    used: list[str]
    claims: int


def activity(store: ox.Store, iri: str) -> Activity | None:
    """A prov:Activity, or None."""
    node = _nn(iri)
    if not any(True for _ in store.quads_for_pattern(node, terms.RDF_TYPE, terms.PROV_ACTIVITY)):
        return None
    used = sorted({value(o) for o in objects(store, node, terms.PROV_USED)})
    claims = len({q.subject for q in store.quads_for_pattern(None, terms.PROV_GENERATED, node)})
    return Activity(iri, label(store, iri), text(first(store, node, terms.SCHEMA_SOFTWAREVERSION)),
                    used, claims)


def activities(store: ox.Store, limit: int = 10) -> list[Activity]:
    """The extraction runs, newest software version first."""
    iris = {value(q.subject) for q in store.quads_for_pattern(None, terms.RDF_TYPE,
                                                              terms.PROV_ACTIVITY)
            if isinstance(q.subject, ox.NamedNode)}
    found = [a for a in (activity(store, i) for i in sorted(iris)) if a is not None]
    return sorted(found, key=lambda a: a.version or "", reverse=True)[:limit]


# -- describing any IRI as RDF --------------------------------------------------------------
def describe(store: ox.Store, iri: str) -> Iterator[ox.Triple]:
    """The triples that describe an IRI: its own, the evidence of a claim, and what points
    at it except claims and statements (those have IRIs of their own). Each triple once."""
    node = _nn(iri)
    seen: set[ox.Triple] = set()
    for q in store.quads_for_pattern(node, None, None):
        seen.add(q.triple)
        if q.predicate in (terms.evidence, terms.boilerplate) and isinstance(
                q.object, ox.NamedNode | ox.BlankNode):
            seen.update(r.triple for r in store.quads_for_pattern(q.object, None, None))
    for q in store.quads_for_pattern(None, None, node):
        if q.predicate not in _PROVENANCE_IN and q.predicate != terms.PROV_DERIVED:
            seen.add(q.triple)
    yield from sorted(seen, key=str)


def neighbourhood(store: ox.Store, iri: str, limit: int = 150
                  ) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Nodes and edges around an entity for the graph view (relations between IRIs of
    ours, inferred copies and provenance left out)."""
    node = _nn(iri)
    edges: dict[tuple[str, str, str], None] = {}
    for q in store.quads_for_pattern(node, None, None):
        if _is_relation(q):
            edges.setdefault((iri, q.predicate.value, value(q.object)), None)
    for q in store.quads_for_pattern(None, None, node):
        if _is_relation(q) and q.predicate not in _PROVENANCE_IN:
            edges.setdefault((value(q.subject), q.predicate.value, iri), None)
    chosen = list(edges)[:limit]
    ids = dict.fromkeys([iri] + [e[0] for e in chosen] + [e[2] for e in chosen])
    nodes = [{"id": i, "label": label(store, i), "class": _main_class(store, i)} for i in ids]
    return nodes, [{"source": s, "target": o, "label": label(store, p)} for s, p, o in chosen]


def _is_relation(q: ox.Quad) -> bool:
    return (q.graph_name != _INFERRED and isinstance(q.object, ox.NamedNode)
            and value(q.object).startswith(terms.ID) and isinstance(q.subject, ox.NamedNode)
            and value(q.subject).startswith(terms.ID) and q.predicate not in _OWN_SECTION)


def _main_class(store: ox.Store, iri: str) -> str:
    for q in store.quads_for_pattern(_nn(iri), terms.RDF_TYPE, None):
        if q.graph_name != _INFERRED and value(q.object).startswith(terms.AG):
            return value(q.object)[len(terms.AG):]
    return "Thing"


# -- the ontology ---------------------------------------------------------------------------
@dataclass
class OntologyTerm:
    """A class or property of the ontology, as its documentation shows it."""

    iri: str
    kind: str  # Class, ObjectProperty, DatatypeProperty, AnnotationProperty, Individual
    label: str
    comment: str
    links: dict[str, list[str]]  # subClassOf, domain, range, inverseOf… -> IRIs


_KINDS = ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
          "NamedIndividual")
_LINKS = {"subclass of": terms.RDFS_SUBCLASSOF, "subproperty of": terms.RDFS_SUBPROPERTYOF,
          "domain": terms.RDFS_DOMAIN, "range": terms.RDFS_RANGE,
          "inverse of": terms.OWL_INVERSEOF,
          "equivalent to": terms.OWL_EQUIVALENTCLASS,
          "equivalent property": terms.OWL_EQUIVALENTPROPERTY}


def ontology_terms(store: ox.Store) -> list[OntologyTerm]:
    """Every ag: class, property and individual declared in the ontology graph."""
    g = terms.ONTOLOGY_GRAPH
    found: dict[str, str] = {}
    for kind in _KINDS:
        for q in store.quads_for_pattern(None, terms.RDF_TYPE, _nn(terms.OWL + kind), g):
            if isinstance(q.subject, ox.NamedNode) and value(q.subject).startswith(terms.AG):
                found.setdefault(value(q.subject), kind)
    out = []
    comment = terms.RDFS_COMMENT
    for iri, kind in found.items():
        node = _nn(iri)
        links = {name: [o.value for o in objects(store, node, p) if isinstance(o, ox.NamedNode)]
                 for name, p in _LINKS.items()}
        out.append(OntologyTerm(iri, kind, label(store, iri),
                                text(first(store, node, comment)) or "",
                                {k: v for k, v in links.items() if v}))
    order = {k: i for i, k in enumerate(_KINDS)}
    return sorted(out, key=lambda t: (order[t.kind], t.iri))


def graph_triples(store: ox.Store, graph: ox.NamedNode) -> list[ox.Triple]:
    """Every triple of one named graph."""
    return [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
