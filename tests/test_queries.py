"""Every competency question in queries/ (and every check in queries/checks/) against the store
built from the corpus: each file's `#+` YAML header says what its answer must contain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml

from loaders.paths import CHECKS_DIR, QUERIES_DIR, TRIPLES_DIR
from ontology import terms

QUERIES = sorted(QUERIES_DIR.glob("cq*.rq"))
CHECKS = sorted(CHECKS_DIR.glob("*-violation.rq"))


def header(path: Path) -> dict[str, Any]:
    """The YAML in the file's leading `#+` lines (grlc style)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#+"):
            break
        lines.append(line[3:] if line.startswith("#+ ") else line[2:])
    data = yaml.safe_load("\n".join(lines)) or {}
    assert isinstance(data, dict), f"{path.name}: the #+ header is not a YAML mapping"
    return data


def expand(value: str) -> str:
    """`agid:japan` -> the full IRI, for the prefixes of ontology/terms.py; else unchanged."""
    prefix, _, local = value.partition(":")
    if prefix in terms.PREFIXES and not local.startswith("//"):
        return terms.PREFIXES[prefix] + local
    return value


def rows(store: ox.Store, path: Path) -> list[dict[str, str]]:
    """The answer as dicts of variable -> value (IRIs and literals as plain strings)."""
    result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return [{"boolean": str(bool(result)).lower()}]
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def check(expect: dict[str, Any], answer: list[dict[str, str]], name: str) -> None:
    """Compare an answer with the header's `expect` (min_rows, max_rows, rows, contains)."""
    n = len(answer)
    assert n >= expect.get("min_rows", 0), f"{name}: {n} rows, expected >= {expect['min_rows']}"
    assert n <= expect.get("max_rows", n), f"{name}: {n} rows, expected <= {expect['max_rows']}"
    assert n == expect.get("rows", n), f"{name}: {n} rows, expected {expect['rows']}"
    wanted = expect.get("contains", [])
    for want in [wanted] if isinstance(wanted, dict) else wanted:
        want = {k: expand(str(v)) for k, v in want.items()}
        assert any(all(row.get(k) == v for k, v in want.items()) for row in answer), \
            f"{name}: no row has {want}"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_header_and_syntax(path: Path) -> None:
    meta = header(path)
    assert meta.get("title") and meta.get("description"), f"{path.name}: title, description"
    assert isinstance(meta.get("expect"), dict), f"{path.name}: no expect: mapping"
    rows(ox.Store(), path)  # parses and runs (on an empty store, so it is instant)


def test_there_are_at_least_20_competency_questions() -> None:
    assert len(QUERIES) >= 20


def test_check_expect_catches_a_wrong_answer() -> None:
    answer = [{"country": terms.ID + "japan"}]
    check({"min_rows": 1, "contains": {"country": "agid:japan"}}, answer, "ok")
    with pytest.raises(AssertionError, match="no row has"):
        check({"contains": {"country": "agid:china"}}, answer, "wrong")
    with pytest.raises(AssertionError, match="expected >= 2"):
        check({"min_rows": 2}, answer, "short")


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ox.Store]:
    """The store `alliancegraph build` makes from triples/ (no re-extraction, no HermiT)."""
    if not list(TRIPLES_DIR.glob("*.trig")):
        pytest.skip("triples/ holds no extraction output yet")
    from loaders.store.build import build
    from loaders.store.versions import open_read_only

    location = tmp_path_factory.mktemp("corpus") / "store"
    build(str(location), progress=False, extract=False, validate=False)
    store, _ = open_read_only(location)
    yield store


@pytest.mark.slow
@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_competency_question(corpus_store: ox.Store, path: Path) -> None:
    check(header(path)["expect"], rows(corpus_store, path), path.name)


@pytest.mark.slow
@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.stem)
def test_check_finds_no_violation(corpus_store: ox.Store, path: Path) -> None:
    answer = rows(corpus_store, path)
    assert answer == [], f"{path.name}: {len(answer)} violations, first {answer[:3]}"
