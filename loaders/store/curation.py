"""Curators' decisions -> the curation graph, and the one code path that records a decision.

The log (`loaders.store.decisions`) is the source of truth; the curation graph
`graph/curation` is derived from it, whole, every time (at each build and after each
decision), so applying is idempotent and a store can always be brought back in line with
the log (`reconcile`).

One `ag:reviewStatus` per claim: `ag:reviewStatus` is functional (HermiT) and SHACL allows
exactly one, and the default graph is the union of all graphs. So for every claim a
decision touched, the extracted `ag:Unreviewed` is REMOVED from the source graph in the
store and the latest status is written in the curation graph instead. The triples/ files
keep what the extractor said (they stay valid on their own, and re-extraction rewrites
them freely); because claim IRIs are deterministic, the next apply finds the same claims
and removes their extracted status again. The same goes for an entity's label, aliases
and Wikidata link after an edit. A decision whose claim no longer exists is orphaned: its
activity stays in the curation graph, marked so, and `Applied.orphans` lists it.

Each decision is a `prov:Activity` (`activity/curation-{id}`) with `prov:wasAssociatedWith`
the curator, `prov:endedAtTime`, `prov:used` the claim, the status before and after in an
`rdfs:comment`; a corrected or added claim is a new `ag:Claim` `prov:wasGeneratedBy` it,
a correction's `prov:wasRevisionOf` the old claim, which is marked rejected.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from loaders.errors import AgError, InputError, StoreError
from loaders.model import Evidence
from loaders.rdf.quads import claim_iri, evidence_iri
from loaders.store import versions as st
from loaders.store.decisions import Decision, append, latest, read_log
from ontology import terms

G = terms.CURATION_GRAPH
XSD_DATETIME = terms.XSD_DATETIME
# Predicates an edit replaces: (field of Decision.after, predicate)
EDITABLE = {"label": terms.RDFS_LABEL, "aliases": terms.SKOS_ALTLABEL,
            "wikidata": terms.OWL_SAMEAS}


WRITE_WAIT = 25.0  # seconds a decision queues behind others (each takes a fraction of a second)


class ConflictError(AgError):
    """Someone decided on this claim or entity since the curator loaded it."""

    status = 409


@dataclass(frozen=True)
class Applied:
    """What applying the log did to a store."""

    decisions: int
    quads: int  # in the curation graph
    orphans: tuple[Decision, ...]
    removed: tuple[ox.Quad, ...] = ()  # quads taken out of other graphs (replaced statuses)


def decision_iri(d: Decision | str) -> ox.NamedNode:
    return ox.NamedNode(terms.ACTIVITY + "curation-" + (d if isinstance(d, str) else d.id))


def curator_iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(terms.CURATOR + quote(name, safe=""))


def new_claim_iri(c: dict[str, Any]) -> ox.NamedNode:
    """The deterministic IRI of a claim a curator wrote (same scheme as the extractor's)."""
    return claim_iri(c["source"], _evidence(c), c["s"], c["p"], c["o"])


def _evidence(c: dict[str, Any]) -> Evidence:
    return Evidence(c["source"], int(c["start"]), int(c["end"]), c["exact"])


def _object(c: dict[str, Any]) -> ox.NamedNode | ox.Literal:
    return ox.Literal(c["o"]) if c.get("literal") else ox.NamedNode(c["o"])


def check_claim(c: dict[str, Any], text: str | None = None) -> None:
    """A written claim must name s, p, o, its source and an exact span (of `text` if given)."""
    missing = [k for k in ("s", "p", "o", "source", "start", "end", "exact") if c.get(k) in (None, "")]
    if missing:
        raise InputError(f"a claim needs {', '.join(missing)}")
    start, end = int(c["start"]), int(c["end"])
    if not 0 <= start < end:
        raise InputError(f"evidence span {start}..{end} is empty or negative")
    if text is not None and text[start:end] != c["exact"]:
        raise InputError(f"the words at {start}..{end} of {c['source']} are not {c['exact']!r}")
    for k in ("s", "p") + (() if c.get("literal") else ("o",)):
        if not str(c[k]).startswith(("https://", "http://")):
            raise InputError(f"{k} must be an IRI, not {c[k]!r}")


def claim_quads(c: dict[str, Any], act: ox.NamedNode, status: ox.NamedNode,
                revision_of: str | None) -> list[ox.Quad]:
    """A curator's claim (with its evidence and the fact it states) in the curation graph."""
    node = new_claim_iri(c)
    ev = evidence_iri(c["source"], _evidence(c))
    s, p, o = ox.NamedNode(c["s"]), ox.NamedNode(c["p"]), _object(c)
    q = [(s, p, o), (node, terms.RDF_TYPE, terms.Claim), (node, terms.RDF_SUBJECT, s),
         (node, terms.RDF_PREDICATE, p), (node, terms.RDF_OBJECT, o),
         (node, terms.PROV_DERIVED, terms.source(c["source"])), (node, terms.evidence, ev),
         (node, terms.reviewStatus, status),
         (node, terms.confidence, ox.Literal("1.00", datatype=terms.XSD_DECIMAL)),
         (node, terms.PROV_GENERATED, act),
         (ev, terms.RDF_TYPE, terms.Evidence), (ev, terms.RDF_TYPE, terms.OA_TEXTQUOTESELECTOR),
         (ev, terms.RDF_TYPE, terms.OA_TEXTPOSITIONSELECTOR),
         (ev, terms.OA_EXACT, ox.Literal(c["exact"])),
         (ev, terms.OA_START, ox.Literal(str(int(c["start"])), datatype=terms.XSD_INTEGER)),
         (ev, terms.OA_END, ox.Literal(str(int(c["end"])), datatype=terms.XSD_INTEGER))]
    if revision_of:
        q.append((node, terms.PROV_REVISION, ox.NamedNode(revision_of)))
    return [ox.Quad(*t, G) for t in q]


def status_of(d: Decision) -> str | None:
    """The status a decision leaves its target claim in (None: not a claim decision)."""
    value = d.after.get("status")
    return str(value) if value else None


def describe(d: Decision) -> str:
    """One line saying what a decision did, for the activity's comment and the history."""
    if d.kind in ("accept", "reject", "undo", "correct"):
        text = f"{d.kind}: {d.before.get('status', '?')} -> {d.after.get('status', '?')}"
    elif d.kind == "add":
        text = "add: a new claim"
    elif d.kind == "merge":
        text = f"merge into {d.after.get('into')}"
    else:
        text = "edit: " + ", ".join(f"{k}={v!r}" for k, v in sorted(d.after.items()))
    return text + (f" (reason: {d.reason})" if d.reason else "")


def curation_quads(decisions: list[Decision], exists: Callable[[str], bool]
                   ) -> tuple[list[ox.Quad], set[tuple[ox.NamedNode, ox.NamedNode]], list[Decision]]:
    """The curation graph for a log, the (subject, predicate) pairs whose values elsewhere
    it replaces, and the orphaned decisions. `exists(claim IRI)`: extracted claims."""
    quads: list[ox.Quad] = []
    replaced: set[tuple[ox.NamedNode, ox.NamedNode]] = set()
    orphans: list[Decision] = []
    status: dict[str, str] = {}
    written: dict[str, tuple[dict[str, Any], ox.NamedNode, str | None]] = {}
    edits: dict[tuple[str, str], Any] = {}
    merges: dict[str, str] = {}
    for d in decisions:
        act = decision_iri(d)
        agent = curator_iri(d.curator)
        known = d.kind in ("merge", "edit", "add") or exists(d.target) or d.target in written
        comment = describe(d) + ("" if known else " [orphaned: the claim no longer exists]")
        quads += [ox.Quad(act, terms.RDF_TYPE, terms.PROV_ACTIVITY, G),
                  ox.Quad(act, terms.RDFS_LABEL, ox.Literal(f"curation {d.kind} by {d.curator}", language="en"), G),
                  ox.Quad(act, terms.RDFS_COMMENT, ox.Literal(comment), G),
                  ox.Quad(act, terms.PROV_ASSOCIATED, agent, G),
                  ox.Quad(agent, terms.RDF_TYPE, terms.PROV_AGENT, G),
                  ox.Quad(agent, terms.RDFS_LABEL, ox.Literal(d.curator), G),
                  ox.Quad(act, terms.PROV_ENDED, ox.Literal(d.time, datatype=XSD_DATETIME), G),
                  ox.Quad(act, terms.PROV_USED, ox.NamedNode(d.target), G)]
        if not known:
            orphans.append(d)
            continue
        new = d.after.get("claim")
        if new:
            node = new_claim_iri(new)
            written[node.value] = (new, act, d.target if d.kind == "correct" else None)
            status[node.value] = "Accepted"
        if status_of(d) and d.kind != "add":
            status[d.target] = str(status_of(d))
        if d.kind == "merge":
            merges[d.target] = d.after["into"]  # a later merge of the same entity wins
        for key in EDITABLE if d.kind == "edit" else ():
            if key in d.after:
                edits[(d.target, key)] = d.after[key]
    for iri, (c, act, old) in written.items():
        quads += claim_quads(c, act, ox.NamedNode(terms.AG + status.pop(iri)), old)
        replaced.add((ox.NamedNode(iri), terms.reviewStatus))
    for iri, value in status.items():
        node = ox.NamedNode(iri)
        replaced.add((node, terms.reviewStatus))
        quads.append(ox.Quad(node, terms.reviewStatus, ox.NamedNode(terms.AG + value), G))
    for gone, into in merges.items():
        quads += [ox.Quad(ox.NamedNode(into), terms.OWL_SAMEAS, ox.NamedNode(gone), G),
                  ox.Quad(ox.NamedNode(gone), terms.DCTERMS_ISREPLACEDBY, ox.NamedNode(into), G)]
    for (iri, key), value in edits.items():
        quads += _edit_quads(ox.NamedNode(iri), key, value)
        replaced.add((ox.NamedNode(iri), EDITABLE[key]))
    return quads, replaced, orphans


def _edit_quads(node: ox.NamedNode, key: str, value: Any) -> list[ox.Quad]:
    if key == "label":
        return [ox.Quad(node, terms.RDFS_LABEL, ox.Literal(value, language="en"), G)]
    if key == "aliases":
        return [ox.Quad(node, terms.SKOS_ALTLABEL, ox.Literal(a, language="en"), G) for a in value]
    return [ox.Quad(node, terms.OWL_SAMEAS, ox.NamedNode(terms.WD + value), G)] if value else []


def apply(store: ox.Store, decisions: list[Decision]) -> Applied:
    """Rebuild the curation graph of a writable store from the whole log (idempotent)."""
    if store.contains_named_graph(G):
        store.remove_graph(G)

    def exists(iri: str) -> bool:
        node = ox.NamedNode(iri)
        return any(True for _ in store.quads_for_pattern(node, terms.RDF_TYPE, terms.Claim, None))

    quads, replaced, orphans = curation_quads(decisions, exists)
    removed = []
    for s, p in replaced:
        for q in list(store.quads_for_pattern(s, p, None, None)):
            if p != terms.OWL_SAMEAS or str(q.object).startswith(f"<{terms.WD}"):
                store.remove(q)
                removed.append(q)
    store.extend(quads)
    return Applied(len(decisions), len(quads), tuple(orphans), tuple(removed))


def applied_ids(store: ox.Store) -> set[str]:
    """The ids of the decisions a store's curation graph holds."""
    prefix = terms.ACTIVITY + "curation-"
    subjects = (q.subject for q in store.quads_for_pattern(None, terms.RDF_TYPE,
                                                           terms.PROV_ACTIVITY, G))
    return {s.value[len(prefix):] for s in subjects
            if isinstance(s, ox.NamedNode) and s.value.startswith(prefix)}


def in_step(location: str | os.PathLike[str], log: Path) -> bool:
    """True when the store's current version holds exactly the decisions of the log."""
    store, _ = st.open_read_only(location)
    return applied_ids(store) == {d.id for d in read_log(log, repair=False, torn_ok=True)}


def reconcile(location: str | os.PathLike[str], log: Path) -> Applied | None:
    """Bring the store in line with the log after a crash (a no-op when they agree).

    Called when the server starts; the log wins. Returns what was applied, or None.
    """
    if st.is_remote(location) or not (Path(location) / st.POINTER).exists():
        return None
    if in_step(location, log):
        return None
    with st.next_version(location) as store:
        decisions = read_log(log)  # under the lock: no decision is being appended now
        return apply(store, decisions)


@dataclass(frozen=True)
class Recorded:
    """A decision that is in the log and in the store."""

    decision: Decision
    applied: Applied


def record(location: str | os.PathLike[str], log: Path, decision: Decision,
           check: Callable[[ox.Store, list[Decision]], None] | None = None) -> Recorded:
    """The one code path for a decision: check, append to the log, apply, switch versions.

    Under the store's write lock: the optimistic check (`decision.seen` must be the latest
    decision on the target, else ConflictError), then the durable append (the log wins),
    then the curation graph rebuilt in a hard-link copy of the store that becomes current.
    A crash after the append is repaired by `reconcile`; before it, nothing happened.
    """
    if st.is_remote(location):
        raise StoreError(f"curation writes a local store version; {location} is a SPARQL endpoint")
    with st.next_version(location, wait=WRITE_WAIT) as store:
        decisions = read_log(log)
        last = latest(decisions, decision.target)
        if (last.id if last else "") != decision.seen:
            who = f"{last.curator} ({last.kind}, {last.time})" if last else "nobody"
            raise ConflictError(f"conflict: {decision.target} was changed by {who} since you "
                                "loaded it; nothing was recorded, reload and decide again")
        if check is not None:
            check(store, decisions)
        if status_of(decision) and decision.kind != "add":  # "before" from the log, not the form
            decision = replace(decision, before={**decision.before,
                                                 "status": current_status(decisions, decision.target)})
        append(log, decision)
        return Recorded(decision, apply(store, [*decisions, decision]))


def current_status(decisions: list[Decision], iri: str) -> str:
    """A claim's status as the log leaves it ("Unreviewed" when no decision touched it)."""
    for d in reversed(decisions):
        if d.target == iri and status_of(d) and d.kind != "add":
            return str(status_of(d))
        new = d.after.get("claim")
        if new and new_claim_iri(new).value == iri:
            return "Accepted"
    return "Unreviewed"


def history(decisions: list[Decision], iri: str) -> Iterator[Decision]:
    """Every decision on a claim or entity, or that produced or revised it, newest first."""
    for d in reversed(decisions):
        new = d.after.get("claim")
        if d.target == iri or d.after.get("into") == iri or (new and new_claim_iri(new).value == iri):
            yield d
