"""From an `Extraction` to quads in the source's named graph, and to deterministic TriG.

Per source graph `terms.graph(id)`:
- each entity typed, labelled (`rdfs:label`@en, `skos:altLabel`@en) and linked
  (`owl:sameAs wd:Q…`) where the gazetteer is certain;
- each fact asserted plainly (`agid:japan ag:participatesIn agid:isaf`), and reified as an
  `ag:Claim` (rdf:subject/predicate/object, prov:wasDerivedFrom the source, ag:evidence,
  ag:reviewStatus ag:Unreviewed, ag:confidence, prov:wasGeneratedBy the extraction run);
- each statement (`ag:speaker`, `ag:quote`, `ag:about`, `ag:stance`, prov:wasDerivedFrom),
  with a claim for its speaker and one for its quote;
- evidence nodes: `a ag:Evidence, oa:TextQuoteSelector, oa:TextPositionSelector;
  oa:exact; oa:start; oa:end` (xsd:integer; text[start:end] == exact).

Claim IRIs are `claim/{16 hex of sha256("{source id}|{start}|{end}|{s}|{p}|{o}")}` where s,
p, o are the full IRIs (a literal object: its lexical form); evidence IRIs
`evidence/{16 hex of sha256("{source id}|{start}|{end}")}`. So a curator's decision on a
claim survives re-extraction as long as the evidence and the triple are the same.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from loaders import __version__
from loaders.extract import EXTRACTOR_VERSION
from loaders.gazetteer import GAZETTEER_FILE
from loaders.model import Evidence, Extraction
from ontology import terms

@functools.lru_cache(maxsize=1)
def software_version() -> str:
    """The version written into the activity and the triples/ header.

    `loaders.__version__`, the extractor's rule version and 8 hex of the gazetteer file's
    sha256: the gazetteer is data the extraction depends on, so changing it re-extracts.
    """
    try:
        gaz = hashlib.sha256(GAZETTEER_FILE.read_bytes()).hexdigest()[:8]
    except OSError:
        gaz = "none"
    return f"{__version__}-x{EXTRACTOR_VERSION}-g{gaz}"


def _n(ns: str, local: str) -> NamedNode:
    return NamedNode(ns + local)


RDF_TYPE = _n(terms.RDF, "type")
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (_n(terms.RDF, x) for x in ("subject", "predicate", "object"))
LABEL = _n(terms.RDFS, "label")
ALT = _n(terms.SKOS, "altLabel")
SAME = _n(terms.OWL, "sameAs")
DERIVED = _n(terms.PROV, "wasDerivedFrom")
GENERATED = _n(terms.PROV, "wasGeneratedBy")
USED = _n(terms.PROV, "used")
ACTIVITY_CLS = _n(terms.PROV, "Activity")
SOFTWARE = _n(terms.SCHEMA, "softwareVersion")
IDENTIFIER = _n(terms.DCTERMS, "identifier")
EXACT, START, END = (_n(terms.OA, x) for x in ("exact", "start", "end"))
QUOTE_SEL, POS_SEL = _n(terms.OA, "TextQuoteSelector"), _n(terms.OA, "TextPositionSelector")
EVIDENCE_CLS = _n(terms.AG, "Evidence")
XSD_INT, XSD_DEC = _n(terms.XSD, "integer"), _n(terms.XSD, "decimal")


def activity_iri() -> NamedNode:
    return NamedNode(terms.ACTIVITY + f"extraction-{software_version()}")


def claim_iri(article_id: str, ev: Evidence, s: str, p: str, o: str) -> NamedNode:
    """The deterministic IRI of the claim that (s p o) is stated by text[start:end]."""
    key = f"{article_id}|{ev.start}|{ev.end}|{s}|{p}|{o}"
    return NamedNode(terms.CLAIM + hashlib.sha256(key.encode()).hexdigest()[:16])


def evidence_iri(article_id: str, ev: Evidence) -> NamedNode:
    key = f"{article_id}|{ev.start}|{ev.end}"
    return NamedNode(terms.EVIDENCE + hashlib.sha256(key.encode()).hexdigest()[:16])


def extraction_quads(extraction: Extraction, text: str) -> list[Quad]:
    """All quads of one extraction, in the source's named graph; evidence checked against text.

    Raises ValueError if any evidence is not the exact text at its offsets (a bug upstream).
    """
    aid = extraction.article_id
    g = terms.graph(aid)
    src = terms.source(aid)
    out: list[Quad] = []

    def add(s: NamedNode | BlankNode, p: NamedNode, o: NamedNode | Literal | BlankNode) -> None:
        out.append(Quad(s, p, o, g))

    act = activity_iri()
    add(src, RDF_TYPE, terms.Source)
    add(src, IDENTIFIER, Literal(aid))
    add(act, RDF_TYPE, ACTIVITY_CLS)
    add(act, LABEL, Literal(f"AllianceGraph extraction {software_version()}", language="en"))
    add(act, SOFTWARE, Literal(software_version()))
    add(act, USED, src)
    for e in extraction.entities:
        node = terms.entity(e.slug)
        add(node, RDF_TYPE, _n(terms.AG, e.cls))
        add(node, LABEL, Literal(e.label, language="en"))
        for alt in e.alt_labels:
            add(node, ALT, Literal(alt, language="en"))
        if e.qid:
            add(node, SAME, _n(terms.WD, e.qid))

    def evidence(ev: Evidence) -> NamedNode:
        if text[ev.start:ev.end] != ev.quote:
            raise ValueError(f"{aid}: evidence {ev.start}..{ev.end} is not the text there")
        node = evidence_iri(aid, ev)
        for cls in (EVIDENCE_CLS, QUOTE_SEL, POS_SEL):
            add(node, RDF_TYPE, cls)
        add(node, EXACT, Literal(ev.quote))
        add(node, START, Literal(str(ev.start), datatype=XSD_INT))
        add(node, END, Literal(str(ev.end), datatype=XSD_INT))
        return node

    def claim(s: NamedNode, p: NamedNode, o: NamedNode | Literal, ev: Evidence, conf: float) -> None:
        c = claim_iri(aid, ev, s.value, p.value, o.value)
        add(c, RDF_TYPE, terms.Claim)
        add(c, RDF_SUBJECT, s)
        add(c, RDF_PREDICATE, p)
        add(c, RDF_OBJECT, o)
        add(c, DERIVED, src)
        add(c, terms.evidence, evidence(ev))
        add(c, terms.reviewStatus, terms.Unreviewed)
        add(c, terms.confidence, _decimal(conf))
        add(c, GENERATED, act)

    for f in extraction.facts:
        s, p, o = terms.entity(f.subject), _n(terms.AG, f.predicate), terms.entity(f.object)
        add(s, p, o)
        claim(s, p, o, f.evidence, f.confidence)
    for st in extraction.statements:
        node = terms.entity(st.slug)
        speaker = terms.entity(st.speaker)
        add(node, RDF_TYPE, terms.Statement)
        add(node, terms.speaker, speaker)
        add(node, terms.quote, Literal(st.quote.quote))
        add(node, terms.about, terms.entity(st.about))
        add(node, terms.stance, _n(terms.AG, st.stance))
        add(node, DERIVED, src)
        add(node, terms.evidence, evidence(st.quote))
        add(node, terms.confidence, _decimal(st.confidence))
        add(node, terms.reviewStatus, terms.Unreviewed)
        add(node, GENERATED, act)
        claim(node, terms.speaker, speaker, st.attribution or st.quote, st.confidence)
        claim(node, terms.quote, Literal(st.quote.quote), st.quote, st.confidence)
    return sorted(set(out), key=str)


def _decimal(x: float) -> Literal:
    return Literal(f"{x:.2f}", datatype=XSD_DEC)


# --- TriG ------------------------------------------------------------------------------------

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
# Output-only prefixes for the source graphs and the extraction activity, for readable diffs.
EXTRA_PREFIXES = {"aggraph": terms.GRAPH, "agact": terms.ACTIVITY}
ALL_PREFIXES = {**terms.PREFIXES, **EXTRA_PREFIXES}
_FIRST = ("rdf:type",)


_PREFIXES = sorted(ALL_PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))


@functools.lru_cache(maxsize=65536)
def _prefixed_iri(iri: str) -> str:
    return _prefixed(iri, _PREFIXES)


def _prefixed(iri: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, ns in prefixes:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and _LOCAL.match(local) and not local.endswith("-"):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def _term(t: object, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(t, NamedNode):
        return _prefixed_iri(t.value) if prefixes is _PREFIXES else _prefixed(t.value, prefixes)
    if isinstance(t, BlankNode):
        return f"_:{t.value}"
    assert isinstance(t, Literal)
    if t.datatype.value == terms.XSD + "integer" and re.fullmatch(r"-?[0-9]+", t.value):
        return t.value
    if t.datatype.value == terms.XSD + "decimal" and re.fullmatch(r"-?[0-9]+\.[0-9]+", t.value):
        return t.value
    lexical = str(Literal(t.value))  # N-Triples escaping of the string
    if t.language:
        return f"{lexical}@{t.language}"
    if t.datatype.value != terms.XSD + "string":
        return f"{lexical}^^{_prefixed(t.datatype.value, prefixes)}"
    return lexical


def to_trig(quads: list[Quad], header: str = "") -> str:
    """Deterministic, sorted, prefixed TriG: one block per graph, one per subject.

    The same quads always give the same bytes; `rdf:type` comes first in each block.
    """
    prefixes = _PREFIXES
    lines = [line for line in header.splitlines()] if header else []
    lines += [f"@prefix {p}: <{ns}> ." for p, ns in sorted(ALL_PREFIXES.items())]
    by_graph: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    for q in quads:
        g = _term(q.graph_name, prefixes) if isinstance(q.graph_name, NamedNode) else ""
        by_graph[g][_term(q.subject, prefixes)][_term(q.predicate, prefixes)].add(
            _term(q.object, prefixes))
    for g in sorted(by_graph):
        lines.append("")
        indent = "    " if g else ""
        if g:
            lines.append(f"{g} {{")
        for s in sorted(by_graph[g]):
            preds = by_graph[g][s]
            order = sorted(preds, key=lambda p: (p not in _FIRST, p))
            lines.append(f"{indent}{s}")
            for i, p in enumerate(order):
                objs = " , ".join(sorted(preds[p]))
                end = " ." if i == len(order) - 1 else " ;"
                lines.append(f"{indent}    {'a' if p == 'rdf:type' else p} {objs}{end}")
        if g:
            lines.append("}")
    return "\n".join(lines) + "\n"
