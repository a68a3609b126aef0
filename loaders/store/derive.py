"""The graphs a build derives from the rest of a store version: inferred triples and VoID.

A full build fills them graph by graph (memory bounded by a batch of consequences and the
largest graph; `loaders.validation.inferred`, `loaders.store.void.store_stats`). An
incremental build starts from the previous version's and changes them by what changed: the
quads removed from and added to each graph (`changes`), looked up against the previous
version (still on disk, read-only) and the new one. Both give the quads a full build gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pyoxigraph as ox

from loaders.rdf.read import ontology_quads
from loaders.store import load
from loaders.store.void import Changes, describe, store_stats, updated_stats
from loaders.validation.infer import RuleTables, materialize, rule_tables
from loaders.validation.inferred import NOT_PREMISES, Inferred
from ontology import terms

Delta = dict[ox.NamedNode, tuple[list[ox.Quad], list[ox.Quad]]]


def graph_changes(old: ox.Store, new: ox.Store, graphs: Iterable[ox.NamedNode],
                  removed_elsewhere: Iterable[ox.Quad] = ()) -> Delta:
    """Per graph, the quads `new` lost and gained against `old` (one graph in memory at a
    time); quads known to have been removed from other graphs are added as they are."""
    out: Delta = {}
    diffed = set(graphs)
    for g in diffed:
        before = set(old.quads_for_pattern(None, None, None, g))
        after = set(new.quads_for_pattern(None, None, None, g))
        if before != after:
            out[g] = (sorted(before - after, key=str), sorted(after - before, key=str))
    for q in removed_elsewhere:
        h = q.graph_name
        if isinstance(h, ox.NamedNode) and h not in diffed and q in old and q not in new:
            out.setdefault(h, ([], []))[0].append(q)
    return out


def tables() -> RuleTables:
    return rule_tables(ontology_quads())


def infer_all(store: ox.Store, progress: bool = True) -> int:
    """Fill the (empty) inferred graph from every premise graph; returns its size."""
    rules = tables()
    if not rules.exact:  # outside what the tables express: the SPARQL rules, in memory
        quads = materialize(q for q in store if q.graph_name not in NOT_PREMISES
                            or q.graph_name == terms.ONTOLOGY_GRAPH)
        load.bulk_add(store, quads)
        return len(quads)
    named = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g not in NOT_PREMISES]
    graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *sorted(named, key=str)]
    inferred = Inferred(store, rules)
    with load.progress_bar(progress, total=len(graphs), desc="reason", unit="graph") as bar:
        inferred.fill(graphs, lambda: bar.update(1))
    return inferred.count()


def infer_changes(store: ox.Store, changes: Delta) -> tuple[list[ox.Quad], list[ox.Quad]] | None:
    """Bring the inferred graph in line with `changes`; None when it must be made again
    (the ontology changed, or the rules need the in-memory reference)."""
    rules = tables()
    if terms.ONTOLOGY_GRAPH in changes or not rules.exact:
        return None
    removed = [q for r, _ in changes.values() for q in r]
    added = [q for _, a in changes.values() for q in a]
    return Inferred(store, rules).update(removed, added)


def void_all(store: ox.Store, modified: dict[str, datetime], progress: bool = True
             ) -> list[ox.Quad]:
    """The VoID description of a store, counted on it."""
    total = sum(1 for _ in store.named_graphs())
    with load.progress_bar(progress, total=total, desc="describe", unit="graph") as bar:
        return describe(*store_stats(store, done=lambda: bar.update(1)), modified)


def void_changes(old: ox.Store, new: ox.Store, changes: Changes,
                 modified: dict[str, datetime]) -> list[ox.Quad]:
    """The VoID description of `new` from `old`'s and the changes between them."""
    previous = old.quads_for_pattern(None, None, None, terms.VOID_GRAPH)
    return describe(*updated_stats(old, new, previous, changes), modified)

