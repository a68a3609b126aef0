"""`alliancegraph export --accepted`: a release of the claims curators accepted, and only those.

Each accepted claim comes with the fact it states, its evidence, its source's description,
the labels of what it links and the decisions behind it (the curation activities), each quad
in the graph the store holds it in. Beside the dumps: `void.ttl`, `release.json` (the
claims of this release: what the next release is compared with) and `changes.json`, claims
added, removed and corrected since the previous release in the same directory.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loaders.errors import StoreError
from loaders.files import atomic_writer, write_atomic
from loaders.store import versions as st
from loaders.store.void import to_turtle, void_quads
from loaders.validation.inferred import matching
from ontology import terms

DEFAULT_RELEASE = Path("data/release")
FILES = ("accepted.nq", "accepted.trig")
ACCEPTED = f"""SELECT DISTINCT ?c WHERE {{ ?c a <{terms.Claim.value}> ;
  <{terms.reviewStatus.value}> <{terms.Accepted.value}> }} ORDER BY ?c"""


@dataclass(frozen=True)
class ReleaseSummary:
    out: Path
    claims: int
    quads: int
    added: int
    removed: int
    corrected: int
    seconds: float

    def line(self) -> str:
        return (f"released {self.claims} accepted claims ({self.quads:,} quads) to {self.out}: "
                f"{self.added} added, {self.removed} removed, {self.corrected} corrected since "
                f"the previous release, in {self.seconds:.1f} s")


def release(location: str, out: str | Path = DEFAULT_RELEASE) -> ReleaseSummary:
    """Write the accepted-claims dataset, its VoID and the change summary into `out`."""
    start = time.perf_counter()
    out = Path(out)
    if st.is_remote(location):
        raise StoreError("export --accepted reads the embedded store")
    store, _ = st.open_read_only(location)
    quads, claims = accepted_quads(store)
    previous = _previous(out / "release.json")
    changes = compare(previous, claims)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, fmt in zip(FILES, (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)):
            with atomic_writer(out / name) as f:
                extra: dict[str, Any] = {"prefixes": terms.PREFIXES} if fmt == ox.RdfFormat.TRIG else {}
                ox.serialize(quads, f, fmt, **extra)
        write_atomic(out / "void.ttl", to_turtle(void_quads(quads, datetime.now(UTC))))
        write_atomic(out / "changes.json", json.dumps(changes, indent=1, sort_keys=True) + "\n")
        write_atomic(out / "release.json", json.dumps({"claims": claims}, indent=1, sort_keys=True) + "\n")
    except OSError as e:
        raise StoreError(f"cannot write the release to {out}: {e.strerror or e}") from e
    return ReleaseSummary(out, len(claims), len(quads), len(changes["added"]),
                          len(changes["removed"]), len(changes["corrected"]),
                          time.perf_counter() - start)


def accepted_quads(store: ox.Store) -> tuple[list[ox.Quad], dict[str, dict[str, str]]]:
    """The quads of the release and, per accepted claim, (s, p, o, revision of)."""
    out: set[ox.Quad] = set()
    claims: dict[str, dict[str, str]] = {}
    for row in store.query(ACCEPTED, use_default_graph_as_union=True):  # type: ignore[union-attr]
        c = row["c"]
        about = [q for q in store.quads_for_pattern(c, None, None, None)
                 if q.predicate != terms.reviewStatus]
        out.update(about)
        out.add(ox.Quad(c, terms.reviewStatus, terms.Accepted, terms.CURATION_GRAPH))
        spo = {q.predicate: q.object for q in about}
        s, p, o = spo.get(terms.RDF_SUBJECT), spo.get(terms.RDF_PREDICATE), spo.get(terms.RDF_OBJECT)
        if isinstance(s, ox.NamedNode) and isinstance(p, ox.NamedNode) and o is not None:
            out.update(matching(store, s, p, o))  # an integer object: pyoxigraph 0.5.13's pattern bug
            for node in (s, o):
                out.update(store.quads_for_pattern(node, terms.RDFS_LABEL, None, None))  # type: ignore[arg-type]
        for linked in (terms.evidence, terms.PROV_DERIVED):
            target = spo.get(linked)
            if isinstance(target, ox.NamedNode):
                out.update(q for q in store.quads_for_pattern(target, None, None, None)
                           if q.graph_name != terms.VOID_GRAPH)
        for act in store.quads_for_pattern(None, terms.PROV_USED, c, terms.CURATION_GRAPH):
            out.update(store.quads_for_pattern(act.subject, None, None, terms.CURATION_GRAPH))
        revision = spo.get(terms.PROV_REVISION)
        claims[c.value] = {"s": str(s), "p": str(p), "o": str(o),
                           "revisionOf": revision.value if isinstance(revision, ox.NamedNode) else ""}
    return sorted(out, key=str), claims


def _previous(path: Path) -> dict[str, dict[str, str]]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8"))["claims"])
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise StoreError(f"{path}: not a release manifest ({e}); move it away to start over") from e


def compare(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Claims added, removed and corrected (a new claim revising one) between two releases.

    >>> compare({"a": {"revisionOf": ""}}, {"b": {"revisionOf": "a"}, "c": {"revisionOf": ""}})
    {'added': ['b', 'c'], 'removed': ['a'], 'corrected': [{'claim': 'b', 'revises': 'a'}], 'previous': 1}
    """
    added = sorted(set(new) - set(old))
    return {"added": added, "removed": sorted(set(old) - set(new)),
            "corrected": [{"claim": c, "revises": new[c]["revisionOf"]} for c in added
                          if new[c].get("revisionOf")],
            "previous": len(old)}
