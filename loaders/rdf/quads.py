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

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize

from loaders import __version__
from loaders.extraction.gazetteer import GAZETTEER_FILE
from loaders.extraction.pipeline import EXTRACTOR_VERSION
from loaders.model import Evidence, Extraction
from ontology import terms
from ontology.terms import (
    DCTERMS_IDENTIFIER,
    OA_END,
    OA_EXACT,
    OA_START,
    OA_TEXTPOSITIONSELECTOR,
    OA_TEXTQUOTESELECTOR,
    OWL_SAMEAS,
    PROV_ACTIVITY,
    PROV_DERIVED,
    PROV_GENERATED,
    PROV_USED,
    RDF_OBJECT,
    RDF_PREDICATE,
    RDF_SUBJECT,
    RDF_TYPE,
    RDFS_LABEL,
    SCHEMA_SOFTWAREVERSION,
    SKOS_ALTLABEL,
    XSD_DECIMAL,
    XSD_INTEGER,
)


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
    add(src, DCTERMS_IDENTIFIER, Literal(aid))
    add(act, RDF_TYPE, PROV_ACTIVITY)
    add(act, RDFS_LABEL, Literal(f"AllianceGraph extraction {software_version()}", language="en"))
    add(act, SCHEMA_SOFTWAREVERSION, Literal(software_version()))
    add(act, PROV_USED, src)
    for e in extraction.entities:
        node = terms.entity(e.slug)
        add(node, RDF_TYPE, NamedNode(terms.AG + e.cls))
        add(node, RDFS_LABEL, Literal(e.label, language="en"))
        for alt in e.alt_labels:
            add(node, SKOS_ALTLABEL, Literal(alt, language="en"))
        if e.qid:
            add(node, OWL_SAMEAS, NamedNode(terms.WD + e.qid))

    def evidence(ev: Evidence) -> NamedNode:
        if text[ev.start:ev.end] != ev.quote:
            raise ValueError(f"{aid}: evidence {ev.start}..{ev.end} is not the text there")
        node = evidence_iri(aid, ev)
        for cls in (terms.Evidence, OA_TEXTQUOTESELECTOR, OA_TEXTPOSITIONSELECTOR):
            add(node, RDF_TYPE, cls)
        add(node, OA_EXACT, Literal(ev.quote))
        add(node, OA_START, Literal(str(ev.start), datatype=XSD_INTEGER))
        add(node, OA_END, Literal(str(ev.end), datatype=XSD_INTEGER))
        return node

    def claim(s: NamedNode, p: NamedNode, o: NamedNode | Literal, ev: Evidence, conf: float) -> None:
        c = claim_iri(aid, ev, s.value, p.value, o.value)
        add(c, RDF_TYPE, terms.Claim)
        add(c, RDF_SUBJECT, s)
        add(c, RDF_PREDICATE, p)
        add(c, RDF_OBJECT, o)
        add(c, PROV_DERIVED, src)
        add(c, terms.evidence, evidence(ev))
        add(c, terms.reviewStatus, terms.Unreviewed)
        add(c, terms.confidence, _decimal(conf))
        add(c, PROV_GENERATED, act)

    for f in extraction.facts:
        s, p, o = terms.entity(f.subject), NamedNode(terms.AG + f.predicate), terms.entity(f.object)
        add(s, p, o)
        claim(s, p, o, f.evidence, f.confidence)
    for st in extraction.statements:
        node = terms.entity(st.slug)
        speaker = terms.entity(st.speaker)
        add(node, RDF_TYPE, terms.Statement)
        add(node, terms.speaker, speaker)
        add(node, terms.quote, Literal(st.quote.quote))
        add(node, terms.about, terms.entity(st.about))
        add(node, terms.stance, NamedNode(terms.AG + st.stance))
        add(node, PROV_DERIVED, src)
        add(node, terms.evidence, evidence(st.quote))
        add(node, terms.confidence, _decimal(st.confidence))
        add(node, terms.reviewStatus, terms.Unreviewed)
        add(node, PROV_GENERATED, act)
        claim(node, terms.speaker, speaker, st.attribution or st.quote, st.confidence)
        claim(node, terms.quote, Literal(st.quote.quote), st.quote, st.confidence)
    return sorted(set(out), key=str)


def _decimal(x: float) -> Literal:
    return Literal(f"{x:.2f}", datatype=XSD_DECIMAL)


# --- TriG ------------------------------------------------------------------------------------

# Output-only prefixes for the source graphs and the extraction activity, for readable diffs.
EXTRA_PREFIXES = {"aggraph": terms.GRAPH, "agact": terms.ACTIVITY}
ALL_PREFIXES = {**terms.PREFIXES, **EXTRA_PREFIXES}


def _order(q: Quad) -> tuple[str, str, bool, str, str]:
    """Graph, subject, rdf:type first, predicate, object: the order the TriG is written in."""
    return (str(q.graph_name), str(q.subject), q.predicate != RDF_TYPE, str(q.predicate), str(q.object))


def to_trig(quads: list[Quad], header: str = "") -> str:
    """Deterministic TriG written by pyoxigraph: one block per graph and per subject.

    The same quads always give the same bytes (sorted input; the prefix lines, which the
    serializer writes in no fixed order, sorted), so triples/ diffs show only real changes.
    """
    text = (serialize(sorted(set(quads), key=_order), format=RdfFormat.TRIG, prefixes=ALL_PREFIXES)
            or b"").decode("utf-8")
    lines = text.splitlines()
    prefixes = sorted(line for line in lines if line.startswith("@prefix "))
    body = [line for line in lines if not line.startswith("@prefix ")]
    head = header.splitlines() if header else []
    return "\n".join([*head, *prefixes, *body]) + "\n"
