"""The inferred graph kept in a store, a batch of graphs at a time and from deltas, is exactly
what `materialize` gives over the whole store (the one-pass reference of tests/test_reason.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.paths import CATALOG_FILE, TRIPLES_DIR
from loaders.rdf.read import ontology_quads, read_quads
from loaders.validation.infer import materialize, rule_tables
from loaders.validation.inferred import NOT_PREMISES, Inferred
from ontology import terms


def corpus() -> list[ox.Quad]:
    quads = read_quads(CATALOG_FILE, default_graph=terms.CATALOG_GRAPH)
    for f in sorted(TRIPLES_DIR.glob("*.trig")):
        quads += read_quads(f)
    return quads


def store_of(quads: list[ox.Quad], tmp: Path) -> ox.Store:
    store = ox.Store(str(tmp))  # on disk, as a build's
    store.extend(ontology_quads())
    store.extend(quads)
    return store


def inferred_graph(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, terms.INFERRED_GRAPH))


def expected(store: ox.Store) -> set[ox.Quad]:
    return set(materialize(q for q in store if q.graph_name not in NOT_PREMISES or
                           q.graph_name == terms.ONTOLOGY_GRAPH))


@pytest.fixture(scope="module")
def data() -> list[ox.Quad]:
    return corpus()


def test_fill_in_small_batches_equals_one_pass(data: list[ox.Quad], tmp_path: Path) -> None:
    store = store_of(data, tmp_path / "s")
    graphs = sorted(g for g in store.named_graphs() if g not in NOT_PREMISES)
    Inferred(store, rule_tables(ontology_quads())).fill(graphs, batch=500)
    got = inferred_graph(store)
    assert len(got) > 500
    assert got == expected(store)


def test_update_after_removing_and_adding_graphs_equals_a_fresh_pass(data: list[ox.Quad],
                                                                     tmp_path: Path) -> None:
    store = store_of(data, tmp_path / "s")
    tables = rule_tables(ontology_quads())
    inferred = Inferred(store, tables)
    inferred.fill(sorted(store.named_graphs()))
    rng = random.Random(13)
    graphs = sorted((g for g in store.named_graphs() if g.value.startswith(terms.GRAPH)
                     and g not in NOT_PREMISES and g != terms.CATALOG_GRAPH), key=str)
    gone = rng.choice(graphs)  # a source taken out: what only it derived goes
    removed = list(store.quads_for_pattern(None, None, None, gone))
    store.remove_graph(gone)
    # a new source repeating some triples of others (and asserting what was inferred)
    extra = ox.NamedNode(terms.GRAPH + "extra")
    old_inferred = sorted(inferred_graph(store), key=str)
    added = [ox.Quad(q.subject, q.predicate, q.object, extra)
             for q in rng.sample(data, 300) + rng.sample(old_inferred, 50)]
    store.extend(added)
    gone_inf, came_inf = inferred.update(removed, added)
    assert gone_inf  # the sampled inferred triples are asserted now
    assert inferred_graph(store) == expected(store)
    # and back: the extra graph leaves, the removed one returns
    store.remove_graph(extra)
    store.extend(removed)
    inferred.update(added, removed)
    assert inferred_graph(store) == expected(store)


def test_matching_drops_the_other_integers_pyoxigraph_returns(tmp_path: Path) -> None:
    """pyoxigraph 0.5.13, on disk, after Store.add: a pattern with an integer object also
    returned quads with other integers (the incremental VoID counted an object twice)."""
    from loaders.validation.inferred import matching

    store = ox.Store(str(tmp_path / "s"))
    end = ox.NamedNode(terms.OA + "end")
    for v in (3839, 3840, 3926, 4045):
        store.add(ox.Quad(ox.NamedNode(f"https://example.org/e{v}"), end,
                          ox.Literal(str(v), datatype=terms.XSD_INTEGER), terms.CATALOG_GRAPH))
    wanted = ox.Literal("3839", datatype=terms.XSD_INTEGER)
    assert [q.object for q in matching(store, None, None, wanted)] == [wanted]


def test_void_counted_on_the_store_equals_the_in_memory_count(data: list[ox.Quad],
                                                              tmp_path: Path) -> None:
    from loaders.store.void import graph_stats, store_stats

    store = store_of(data, tmp_path / "s")
    Inferred(store, rule_tables(ontology_quads())).fill(sorted(store.named_graphs()))
    assert store_stats(store) == graph_stats(iter(store))
