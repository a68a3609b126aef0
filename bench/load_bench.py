"""Load benchmark: raw pyoxigraph `Store.bulk_load` vs AllianceGraph's build, side by side.

    .venv/bin/python bench/load_bench.py [--sizes 100000 1000000] [--repeat 1] [--corpus]

1. Generates (deterministic seed) a synthetic corpus shaped like ours: one TriG file per
   source with asserted facts, claims (reified, with provenance), evidence selectors and
   statements, plus a catalog naming every source.
2. For each size, each measurement runs in its own subprocess (peak RSS from `os.wait4`, the
   child's own rusage):
     raw    Store(path) + bulk_load of every file, one call per file
     raw1   Store(path) + one bulk_load of the same quads concatenated into one file
     load   our load step: a new version directory, ontology + catalog, bulk_load_files
     build  our whole `build()` without extraction and SHACL: check (parse every file,
            check its graphs), load, materialize inferences, VoID, switch CURRENT
     export `export()` of that store: N-Quads, TriG, JSON-LD (phases: MB written per file)
3. Prints a table: seconds, quads/s, best raw/ours speed ratio (goal >= 0.8), peak RSS, growth 100k->1M.
`--corpus` also times validation (SHACL + checks + HermiT) and reasoning on the real triples/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AG = "https://w3id.org/alliancegraph/ontology#"
BASE = "https://w3id.org/alliancegraph/"
QUADS_PER_SOURCE = 2_000
PREDICATES = ("memberOf", "partnerOf", "participatesIn", "partyTo", "supports", "opposes")
CLASSES = ("Country", "InternationalOrganisation", "Alliance", "Partnership", "Programme")
WORDS = ("alliance", "security", "partner", "Pacific", "summit", "treaty", "defence",
         "cooperation", "maritime", "dialogue", "exercise", "strategy", "region")
HEADER = f"""@prefix ag: <{AG}> .
@prefix agid: <{BASE}id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def source_trig(rng: random.Random, sid: str, target: int) -> tuple[str, int]:
    """One source's TriG with about `target` quads; returns (text, exact quad count)."""
    lines = [HEADER, f"<{BASE}graph/{sid}> {{"]
    n, i = 0, 0
    entities = [f"e{k}" for k in rng.sample(range(5_000), 40)]
    for e in entities:
        lines.append(f'  agid:{e} a ag:{rng.choice(CLASSES)} ; rdfs:label "Entity {e}"@en .')
        n += 2
    while n < target:
        s, o = rng.sample(entities, 2)
        p = rng.choice(PREDICATES)
        h = f"{rng.getrandbits(64):016x}"
        start = rng.randrange(20_000)
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 14)))
        lines.append(f"  agid:{s} ag:{p} agid:{o} .")
        lines.append(
            f"  <{BASE}claim/{h}> a ag:Claim ; rdf:subject agid:{s} ; rdf:predicate ag:{p} ;"
            f" rdf:object agid:{o} ; prov:wasDerivedFrom <{BASE}source/{sid}> ;"
            f" ag:evidence <{BASE}evidence/{h}> ; ag:reviewStatus ag:Unreviewed ;"
            f" ag:confidence {rng.randrange(50, 100) / 100:.2f} ;"
            f" prov:wasGeneratedBy <{BASE}activity/extraction-bench> .")
        lines.append(f'  <{BASE}evidence/{h}> a oa:TextPositionSelector ; oa:exact "{quote}" ;'
                     f" oa:start {start} ; oa:end {start + len(quote)} .")
        n += 1 + 9 + 4
        if i % 5 == 0:
            lines.append(f'  agid:statement-{sid}-{i} a ag:Statement ; ag:speaker agid:{s} ;'
                         f' ag:about agid:{o} ; ag:quote "{quote}" ; ag:stance ag:Supportive ;'
                         f" prov:wasDerivedFrom <{BASE}source/{sid}> .")
            n += 6
        i += 1
    lines.append("}\n")
    return "\n".join(lines), n


def generate(out: Path, quads: int, seed: int = 42) -> int:
    """Write out/triples/*.trig and out/catalog.ttl; returns the exact number of quads."""
    rng = random.Random(seed)
    (out / "triples").mkdir(parents=True, exist_ok=True)
    catalog = [f"@prefix ag: <{AG}> .\n@prefix dcterms: <http://purl.org/dc/terms/> .\n"]
    total, k = 0, 0
    while total < quads:
        sid = f"{k:04d}_bench"
        text, n = source_trig(rng, sid, min(QUADS_PER_SOURCE, quads - total))
        (out / "triples" / f"{sid}.trig").write_text(text, encoding="utf-8")
        catalog.append(f'<{BASE}source/{sid}> a ag:Source ; dcterms:identifier "{sid}" .')
        total, k = total + n, k + 1
    (out / "catalog.ttl").write_text("\n".join(catalog) + "\n", encoding="utf-8")
    return total


# ------------------------------------------------------------------ children (one per run)

def child(mode: str, data: Path, store: Path) -> dict[str, object]:
    import pyoxigraph as ox

    files = sorted((data / "triples").glob("*.trig"))
    start = time.perf_counter()
    if mode == "raw":  # the same files, one bulk_load each
        s = ox.Store(str(store))
        for f in files:
            s.bulk_load(path=str(f), format=ox.RdfFormat.TRIG)
        s.flush()
        return {"seconds": time.perf_counter() - start, "quads": len(s)}
    if mode == "raw1":  # the same quads as one file (like `oxigraph load` of one dump)
        one = store.with_suffix(".trig")
        with open(one, "wb") as out:
            for f in files:
                out.write(f.read_bytes() + b"\n")
        start = time.perf_counter()
        s = ox.Store(str(store))
        s.bulk_load(path=str(one), format=ox.RdfFormat.TRIG)
        s.flush()
        seconds = time.perf_counter() - start
        one.unlink()
        return {"seconds": seconds, "quads": len(s)}
    if mode == "load":
        from loaders.rdf.catalog import catalog_quads
        from loaders.rdf.read import ontology_quads
        from loaders.store import load
        from loaders.store import versions as st

        checked = [load.TriplesFile(f, frozenset(), 0) for f in files]
        derived = ontology_quads() + catalog_quads(data / "catalog.ttl")
        start = time.perf_counter()
        s = st.open_writable(store / "v-20260101T000000-000000")
        load.bulk_add(s, derived)
        load.bulk_load_files(s, checked, progress=False)
        s.flush()
        return {"seconds": time.perf_counter() - start, "quads": len(s)}
    if mode == "export":  # dumps of the store the build child left (streamed, so RSS stays flat)
        from loaders.store.export import export

        summary = export(str(store), store.parent / (store.name + "-dumps"), progress=False)
        return {"seconds": summary.seconds, "quads": summary.quads,
                "timings": {k: v / 1e6 for k, v in summary.files.items()}}
    from loaders.store.build import build

    summary = build(str(store), triples_dir=data / "triples", catalog_file=data / "catalog.ttl",
                    extract=False, validate=False, progress=False)
    return {"seconds": time.perf_counter() - start, "quads": summary.quads,
            "timings": summary.timings, "inferred": summary.inferred}


def measure(mode: str, data: Path, work: Path) -> dict[str, object]:
    """Run one child; its result plus its own peak RSS (rusage of that child alone)."""
    store = work / f"{data.name}-store" if mode in ("build", "export") else \
        Path(tempfile.mkdtemp(prefix=f"{mode}-", dir=work))
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(data), str(store)],
                            stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} child failed ({proc.returncode})")
    result: dict[str, object] = json.loads(out)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024  # Linux: KiB
    result["cpu_s"] = usage.ru_utime + usage.ru_stime  # the whole child, all threads
    if mode != "build":  # the export child reads what the build child wrote
        subprocess.run(["rm", "-rf", str(store), f"{store}-dumps"], check=True)
    return result


def corpus_times() -> dict[str, float]:
    """Validation and reasoning on the real triples/ (reported apart from loading)."""
    from loaders.paths import TRIPLES_DIR
    from loaders.rdf.catalog import catalog_quads
    from loaders.rdf.read import ontology_quads
    from loaders.store.build import catalogued_ids, check_triples
    from loaders.validation.hermit import check_consistency
    from loaders.validation.infer import materialize
    from loaders.validation.validate import validate_files

    out: dict[str, float] = {}
    t = time.perf_counter()
    catalog = catalog_quads()
    files, by_graph = check_triples(TRIPLES_DIR, set(catalogued_ids(catalog)), progress=False)
    quads = ontology_quads() + catalog + [q for qs in by_graph.values() for q in qs]
    out["quads"] = len(quads)
    out["check_s"] = time.perf_counter() - t
    t = time.perf_counter()
    validate_files([f.path for f in files])
    out["validate_files_s"] = time.perf_counter() - t
    t = time.perf_counter()
    check_consistency(quads)
    out["hermit_consistency_s"] = time.perf_counter() - t
    t = time.perf_counter()
    out["inferred"] = len(materialize(quads))
    out["materialize_s"] = time.perf_counter() - t
    return out


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=1, help="runs per mode; the best is kept")
    ap.add_argument("--modes", nargs="+", default=["raw", "raw1", "load", "build", "export"])
    ap.add_argument("--corpus", action="store_true", help="also time validation/reasoning")
    ap.add_argument("--child", nargs=3, metavar=("MODE", "DATA", "STORE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        mode, data, store = args.child
        print(json.dumps(child(mode, Path(data), Path(store))))
        return
    print(f"machine: {cpu_model()}, {os.cpu_count()} cpus, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
          f"Python {platform.python_version()}, {platform.platform()}")
    rows: dict[tuple[int, str], dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="agbench-") as tmp:
        for size in args.sizes:
            data = Path(tmp) / f"data-{size}"
            t = time.perf_counter()
            quads = generate(data, size)
            mb = sum(f.stat().st_size for f in (data / "triples").glob("*.trig")) / 1e6
            print(f"\n{quads:,} quads in {len(list((data / 'triples').glob('*.trig')))} files "
                  f"({mb:.0f} MB TriG), generated in {time.perf_counter() - t:.1f} s")
            for _ in range(args.repeat):
                for mode in args.modes:
                    r = measure(mode, data, Path(tmp))
                    best = rows.get((size, mode))
                    if best is None or float(r["seconds"]) < float(best["seconds"]):  # type: ignore[arg-type]
                        rows[(size, mode)] = r
            report(size, quads, rows)
    if len(args.sizes) > 1:
        lo, hi = min(args.sizes), max(args.sizes)
        print(f"\ngrowth {lo:,} -> {hi:,} quads ({hi / lo:.0f}x data):")
        for mode in args.modes:
            a, b = rows[(lo, mode)], rows[(hi, mode)]
            print(f"  {mode:6} time x{float(b['seconds']) / float(a['seconds']):.1f}"  # type: ignore[arg-type]
                  f"   peak RSS x{float(b['peak_rss_mib']) / float(a['peak_rss_mib']):.1f}")  # type: ignore[arg-type]
    if args.corpus:
        print("\nreal corpus (triples/): " + ", ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in corpus_times().items()))


def report(size: int, quads: int, rows: dict[tuple[int, str], dict[str, object]]) -> None:
    raws = [r for m in ("raw", "raw1") if (r := rows.get((size, m)))]
    raw = min(raws, key=lambda r: float(r["seconds"])) if raws else None  # type: ignore[arg-type]
    print(f"  {'mode':6} {'seconds':>8} {'cpu s':>7} {'quads/s':>10} {'vs best raw':>11} "
          f"{'peak RSS':>10}  phases (seconds; export: MB)")
    for mode in ("raw", "raw1", "load", "build", "export"):
        r = rows.get((size, mode))
        if r is None:
            continue
        s = float(r["seconds"])  # type: ignore[arg-type]
        ratio = f"{float(raw['seconds']) / s:.2f}x" if raw and mode != "export" else "-"  # type: ignore[arg-type]
        phases = ", ".join(f"{k} {v:.1f}" for k, v in dict(r.get("timings") or {}).items())  # type: ignore[call-overload]
        print(f"  {mode:6} {s:8.1f} {float(r['cpu_s']):7.1f} {quads / s:10,.0f} {ratio:>11} "  # type: ignore[arg-type]
              f"{float(r['peak_rss_mib']):8.0f} MiB  {phases}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
