"""Each check query scoped to one changed graph against the same check in full, on a built store
(opened read-only), one process per run so that each peak RSS is its own.

    python bench/checks_scope.py --store /work/scale-work/p10000/data/store [--graph IRI]
        [--timeout 600] [--raw]

--raw also times each check's query as written (duplicate-label: the single query the full
run no longer uses). Prints time, peak RSS and the load average beside every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.store import versions as st  # noqa: E402
from loaders.validation.checks import load_checks  # noqa: E402


def one(location: str, name: str, mode: str, graph: str) -> dict[str, object]:
    """Run one check (mode: scoped, full or raw) in this process."""
    store, _ = st.open_read_only(Path(location))
    check = next(c for c in load_checks() if c.name == name)
    t = time.perf_counter()
    if mode == "scoped":
        values = check.candidates_among(store, check.scoped_values(store, [ox.NamedNode(graph)]))
        rows = list(check.rows(store, values))
        extra = {"values": len(values)}
    else:
        rows = list(check.rows(store) if mode == "full" else check._lines(store, None))
        extra = {}
    return {"seconds": round(time.perf_counter() - t, 2), "rows": len(rows),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, **extra}


def measure(location: str, name: str, mode: str, graph: str, timeout: float) -> dict[str, object]:
    load = os.getloadavg()[0]
    cmd = [sys.executable, __file__, "--store", location, "--one", name, "--mode", mode,
           "--graph", graph]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
        result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        result = {"seconds": f">{timeout:.0f}", "rows": "-", "rss_mb": "-"}
    return {**result, "load": round(load, 1)}


def first_graph(location: str) -> str:
    store, _ = st.open_read_only(Path(location))
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and "/graph/syn-" in g.value)[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--store", required=True)
    ap.add_argument("--graph")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--raw", action="store_true")
    ap.add_argument("--one")
    ap.add_argument("--checks", nargs="*", help="only these checks (file stems)")
    ap.add_argument("--mode", default="scoped")
    args = ap.parse_args()
    graph = args.graph or first_graph(args.store)
    if args.one:
        print(json.dumps(one(args.store, args.one, args.mode, graph)))
        return
    print(f"store {args.store}, changed graph {graph}")
    modes = ["scoped", "full"] + (["raw"] if args.raw else [])
    for check in load_checks():
        if args.checks and check.name not in args.checks:
            continue
        for mode in modes:
            if mode == "raw" and check.candidates is None:
                continue
            r = measure(args.store, check.name, mode, graph, args.timeout)
            print(f"{check.name:40} {mode:6} {r}", flush=True)


if __name__ == "__main__":
    main()
