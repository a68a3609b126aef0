"""Reasoning benchmark: `materialize` (one pass over closed schema tables) against
`materialize_reference` (the SPARQL rules run to a fixpoint), side by side in one run.

    .venv/bin/python bench/reason_bench.py [--sizes 100000 1000000] [--repeat 1]

Data: `bench/load_bench.py`'s deterministic generator (seed 42), the shape of triples/.
Each measurement runs in its own subprocess (peak RSS from `os.wait4`, that child alone):
    parse      read ontology + catalog + every TriG file into a list (the baseline both share;
               its seconds are the parse)
    reference  parse, then materialize_reference(list)
    fast       parse, then materialize(list)
    stream     materialize(generator that parses file after file): no quad list held
Seconds are the reasoning alone (parse excluded), except for `stream`, whose seconds include
parsing every file (there is no list to parse first); every mode must give the same inferred
quads (sha256 of their N-Quads lines), or the run fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_bench import cpu_model, generate  # noqa: E402

MODES = ("parse", "reference", "fast", "stream")


def _quads(data: Path) -> Iterator[ox.Quad]:
    from loaders.rdf.read import ontology_quads, read_quads
    from ontology.terms import CATALOG_GRAPH

    yield from ontology_quads()
    yield from read_quads(data / "catalog.ttl", default_graph=CATALOG_GRAPH)
    for f in sorted((data / "triples").glob("*.trig")):
        yield from read_quads(f)


def child(mode: str, data: Path) -> dict[str, object]:
    from loaders.validation.infer import materialize, materialize_reference

    t = time.perf_counter()
    quads = list(_quads(data)) if mode != "stream" else None
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    if mode == "parse":
        inferred: list[ox.Quad] = []
    elif mode == "reference":
        inferred = materialize_reference(quads or [])
    elif mode == "fast":
        inferred = materialize(quads or [])
    else:
        inferred = materialize(_quads(data))
    seconds = time.perf_counter() - t
    digest = hashlib.sha256("\n".join(map(str, inferred)).encode()).hexdigest()
    return {"seconds": seconds, "parse_s": parse_s, "inferred": len(inferred),
            "quads": len(quads) if quads is not None else None, "sha256": digest}


def measure(mode: str, data: Path) -> dict[str, object]:
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(data)],
                            stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{mode} child failed")
    result: dict[str, object] = json.loads(out)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=1, help="runs per mode; the fastest is kept")
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    ap.add_argument("--child", nargs=2, metavar=("MODE", "DATA"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]))))
        return
    print(f"machine: {cpu_model()}, {os.cpu_count()} cpus, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="agbench-reason-") as tmp:
        for size in args.sizes:
            data = Path(tmp) / f"data-{size}"
            n = generate(data, size)
            rows: dict[str, dict[str, object]] = {}
            for _ in range(args.repeat):
                for mode in args.modes:
                    r = measure(mode, data)
                    if mode not in rows or float(r["seconds"]) < float(rows[mode]["seconds"]):  # type: ignore[arg-type]
                        rows[mode] = r
            print(f"\n{n:,} generated quads (+ ontology and catalog)")
            print(f"  {'mode':9} {'seconds':>8} {'vs reference':>12} {'inferred':>9} "
                  f"{'peak RSS':>10}  sha256")
            ref = rows.get("reference")
            for mode, r in rows.items():
                s = float(r["parse_s" if mode == "parse" else "seconds"])  # type: ignore[arg-type]
                speed = f"{float(ref['seconds']) / s:.1f}x" if ref and mode != "parse" else "-"  # type: ignore[arg-type]
                print(f"  {mode:9} {s:8.2f} {speed:>12} {r['inferred']:>9,} "
                      f"{float(r['peak_rss_mib']):7.0f} MiB  {str(r['sha256'])[:12]}")  # type: ignore[arg-type]
            digests = {r["sha256"] for m, r in rows.items() if m != "parse"}
            if len(digests) > 1:
                raise SystemExit(f"modes disagree at {size:,} quads: {digests}")
            print("  same inferred quads in every mode" if digests else "")


if __name__ == "__main__":
    main()
