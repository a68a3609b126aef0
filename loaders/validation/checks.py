"""The check queries (queries/checks/*-violation.rq), over the whole store or scoped to a change.

Each check's `#+` header names its `scope`: the projected variable a problem is about (a graph,
an individual, a label...). Scoped to some changed graphs, a check runs once per value of that
variable found in them (its `focus` pattern, `?changed` bound to each graph; no focus: the
graphs themselves), with the value substituted, so Oxigraph answers by index lookups: the cost
follows the change, not the store. A problem between an unchanged source and a changed one is
found, since the substituted query still reads the whole store. A check may also name
`candidates`: a cheap pattern giving the only values that can be problems (duplicate-label:
the labels held by two entity IRIs, one grouped pass), which the full run uses instead of the
one query Oxigraph's planner cannot order well, and the scoped run uses to skip the others.
A check may name `given` too: a small pattern (disjoint-types: the pairs of disjoint classes in
the ontology) run first, its solutions put into `candidates` as VALUES, so that the candidates
start from them (joined as a sub-select, Oxigraph started from the types of everything).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import yaml

from loaders.paths import CHECKS_DIR
from loaders.validation.hermit import short

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_PREFIX = re.compile(r"^PREFIX\s.*$", re.M | re.I)
_CHANGED = ox.Variable("changed")
_TITLE = re.compile(r"^#\+\s*title:\s*(.+)$", re.M)


@dataclass(frozen=True)
class Check:
    """One check query and how to scope it (from its `#+` YAML header)."""

    path: Path
    title: str
    text: str
    scope: str | None = None  # projected variable a problem is about
    focus: str | None = None  # pattern binding `scope` from GRAPH ?changed
    candidates: str | None = None  # pattern binding the only `scope` values that can fail
    given: str | None = None  # pattern whose solutions `candidates` starts from (VALUES)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def digest(self) -> str:
        """The query's text, hashed: a build keeps a check's earlier problems only while
        this is the one that found them."""
        return hashlib.sha256(self.text.encode()).hexdigest()

    def _select(self, pattern: str, extra: str = "") -> str:
        prefixes = "\n".join(_PREFIX.findall(self.text))
        return f"{prefixes}\nSELECT DISTINCT {extra} ?{self.scope} WHERE {{ {pattern} }}"

    def focus_values(self, store: ox.Store, graph: ox.NamedNode) -> set[Term]:
        """The values of `scope` that problems touching `graph` can have."""
        if self.focus is None:
            return {graph}
        return {r[self.scope] for r in _solutions(store, self._select(self.focus, "?changed"),
                                                  {_CHANGED: graph})}

    def scoped_values(self, store: ox.Store, changed: Collection[ox.NamedNode],
                      before: ox.Store | None = None) -> set[Term]:
        """The `scope` values of the changed graphs, in `store` and in `before` (the version
        they changed from: a value the change removed may have had a problem)."""
        return {v for s in (store, before) if s is not None
                for g in changed for v in self.focus_values(s, g)}

    def candidates_among(self, store: ox.Store, values: Collection[Term]) -> list[Term]:
        query = self.candidate_query(store)
        return [v for v in values if self.is_candidate(store, v, query)]

    def candidate_query(self, store: ox.Store) -> str | None:
        """The query for the `scope` values that can be problems (None: any value can)."""
        if self.candidates is None:
            return None
        if self.given is None:
            return self._select(self.candidates)
        prefixes = "\n".join(_PREFIX.findall(self.text))
        rows = _solutions(store, f"{prefixes}\nSELECT * WHERE {{ {self.given} }}")
        names = [v.value for v in rows.variables]
        values = " ".join("(" + " ".join("UNDEF" if r[n] is None else str(r[n]) for n in names)
                          + ")" for r in rows)
        head = " ".join(f"?{n}" for n in names)
        return self._select(f"VALUES ({head}) {{ {values} }}\n{self.candidates}")

    def is_candidate(self, store: ox.Store, term: Term, query: str | None) -> bool:
        if query is None:
            return True
        assert self.scope is not None
        return any(True for _ in _solutions(store, query, {ox.Variable(self.scope): term}))

    def all_candidates(self, store: ox.Store) -> list[Term]:
        query = self.candidate_query(store)
        assert query is not None
        return sorted((r[self.scope] for r in _solutions(store, query)), key=str)

    def rows(self, store: ox.Store, values: Collection[Term] | None = None) -> Iterator[str]:
        """The problems, one line each: all of them, or those whose `scope` is in `values`."""
        return (p.line for p in self.problems(store, values))

    def problems(self, store: ox.Store, values: Collection[Term] | None = None
                 ) -> Iterator[Problem]:
        if values is None and self.candidates is not None:
            values = self.all_candidates(store)
        if values is None:
            yield from self._problems(store, None)
            return
        assert self.scope is not None
        for v in sorted(values, key=str):
            yield from self._problems(store, {ox.Variable(self.scope): v})

    def _lines(self, store: ox.Store, subs: dict[ox.Variable, Term] | None) -> Iterator[str]:
        return (p.line for p in self._problems(store, subs))

    def _problems(self, store: ox.Store, subs: dict[ox.Variable, Term] | None
                  ) -> Iterator[Problem]:
        solutions = _solutions(store, self.text, subs)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            values = ", ".join(f"{n}={short(row[n])}" for n in names if row[n] is not None)
            about = row[self.scope] if self.scope in names else None
            yield Problem(self.name, None if about is None else str(about),
                          f"{self.name}: {self.title}: {values}")


@dataclass(frozen=True)
class Problem:
    """One row of a check: its line, and the value of the check's `scope` (N-Triples)."""

    check: str
    about: str | None
    line: str


def _solutions(store: ox.Store, query: str, subs: dict[ox.Variable, Term] | None = None
               ) -> ox.QuerySolutions:
    result = store.query(query, use_default_graph_as_union=True, substitutions=subs)
    assert isinstance(result, ox.QuerySolutions)
    return result


def check_files(checks_dir: Path = CHECKS_DIR) -> list[Path]:
    return sorted(checks_dir.glob("*-violation.rq"))


@lru_cache(maxsize=64)
def _check(path: Path, mtime: float) -> Check:
    """The title as the line says it (it need not be YAML); the scope keys, from `scope:` on,
    as YAML."""
    text = path.read_text(encoding="utf-8")
    m = _TITLE.search(text)
    head = [line[3:] for line in text.splitlines() if line.startswith("#+ ")]
    at = next((i for i, line in enumerate(head) if line.startswith("scope:")), len(head))
    keys = yaml.safe_load("\n".join(head[at:])) or {}
    return Check(path, m.group(1).strip() if m else path.stem, text,
                 keys.get("scope"), keys.get("focus"), keys.get("candidates"), keys.get("given"))


def load_checks(checks_dir: Path = CHECKS_DIR) -> list[Check]:
    return [_check(p, p.stat().st_mtime) for p in check_files(checks_dir)]


def run_checks(store: ox.Store, checks_dir: Path = CHECKS_DIR,
               changed: Collection[ox.NamedNode] | None = None) -> list[str]:
    """Run every check over the union of graphs; each row is a problem. With `changed`, only
    the problems that involve one of those graphs (a check without a `scope` runs in full).

    Load the ontology into ONTOLOGY_GRAPH of `store` too, as the store does, for the checks
    that compare data with it."""
    return [p.line for p in find_problems(store, changed, checks_dir=checks_dir)[0]]


def find_problems(store: ox.Store, changed: Collection[ox.NamedNode] | None = None,
                  before: ox.Store | None = None, checks_dir: Path = CHECKS_DIR,
                  full: Collection[str] = ()) -> tuple[list[Problem], dict[str, set[str] | None]]:
    """The problems, and per check the scope values examined (None: all of them). With
    `changed`, the values are those of the changed graphs in `store` and in `before` (the
    version they changed from: a value the change removed may have had a problem); the checks
    named in `full` (new or edited since the last build) run over everything all the same."""
    problems: list[Problem] = []
    examined: dict[str, set[str] | None] = {}
    for check in load_checks(checks_dir):
        if changed is None or check.scope is None or check.name in full:
            problems += check.problems(store)
            examined[check.name] = None
            continue
        values = check.scoped_values(store, changed, before)
        problems += check.problems(store, check.candidates_among(store, values))
        examined[check.name] = {str(v) for v in values}
    return problems, examined


__all__ = ["Check", "Problem", "check_files", "find_problems", "load_checks", "run_checks"]
