"""The import graph runs one way: ontology <- loaders <- server, and inside them floor by floor
(extraction <- rdf <- validation <- store; runtime <- api <- pages). No circles, no arrow back
up, and no import hidden in a function except the few loaded lazily on purpose.

Checked from the source with `ast`, so the test needs no import of the modules themselves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ontology", "loaders", "server")

# Floors, lowest first: a module may import modules on its own floor or below, never above.
FLOORS = (
    ("ontology",),
    ("loaders.errors", "loaders.model", "loaders.paths", "loaders.files", "loaders"),
    ("loaders.extraction",),
    ("loaders.rdf",),
    ("loaders.validation",),
    ("loaders.store",),
    ("server.runtime",),
    ("server.errors",),
    ("server.api",),
    ("server.pages",),
    ("server.serve", "server.cli", "server"),
)

# Imports inside a function that are there on purpose (heavy, or only needed by one command).
LAZY = {
    # spaCy (and thinc under it) take seconds to import; only extraction needs them
    "loaders.extraction.nlp": {"spacy", "thinc.api"},
    "server.cli": None,  # every command imports its own (spaCy, pyshacl, owlready2, gunicorn)
    "server": None,  # create_app: worker processes import the package without Flask
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def floor(name: str) -> int:
    best = (-1, -1)
    for i, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                best = max(best, (len(prefix), i))
    assert best[1] >= 0, f"{name} is on no floor: add it to FLOORS"
    return best[1]


def imports(path: Path, known: set[str]) -> tuple[set[str], set[str]]:
    """(project modules imported at module level, any module imported inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    nested: set[str] = set()

    def targets(node: ast.Import | ast.ImportFrom) -> set[str]:
        if isinstance(node, ast.Import):
            return {a.name for a in node.names}
        base = node.module or ""
        out = set()
        for a in node.names:
            full = f"{base}.{a.name}"
            out.add(full if full in known else base)
        return out

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                (nested if in_function else top).update(targets(child))
            else:
                walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))

    walk(tree, False)
    return {m for m in top if m.split(".")[0] in PACKAGES}, nested


GRAPH = {name: imports(path, set(modules())) for name, path in modules().items()}


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_arrow_points_up(name: str) -> None:
    up = sorted(m for m in GRAPH[name][0] if floor(m) > floor(name))
    assert not up, f"{name} (floor {floor(name)}) imports {up} from a higher floor"


@pytest.mark.parametrize("name", sorted(GRAPH))
def test_no_import_inside_functions_unless_on_purpose(name: str) -> None:
    nested = {m for m in GRAPH[name][1] if m != "__future__"}
    allowed = LAZY.get(name, set())
    if allowed is None:
        return
    assert nested <= allowed, f"{name} imports {sorted(nested - allowed)} inside a function"


def test_no_import_circle() -> None:
    known = set(GRAPH)
    edges = {n: {m for m in deps if m in known and m != n} for n, (deps, _) in GRAPH.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        path.append(n)
        for m in sorted(edges[n]):
            if state.get(m) == 1:
                cycle = path[path.index(m):] + [m]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if m not in state:
                visit(m)
        path.pop()
        state[n] = 2

    for n in sorted(edges):
        if n not in state:
            visit(n)


def test_the_checker_sees_a_circle_and_an_arrow_up(tmp_path: Path) -> None:
    """The checks above can fail: an upward import is found and placed above its importer."""
    src = tmp_path / "m.py"
    src.write_text("from server.api import sparql\n\ndef f():\n    import json\n")
    top, nested = imports(src, {"server.api.sparql"})
    assert top == {"server.api.sparql"} and nested == {"json"}
    assert floor("server.api.sparql") > floor("loaders.store.build")
