"""Every benchmark side by side with its anchor, in one run, in one table (`make bench`).

    .venv/bin/python bench/run_all.py [--n 100 1000] [--jobs 2] [--extract 40]
                                      [--sparql-size 1000000] [--skip-sparql]

Rows (ours | anchor | ratio):
  extraction      articles/s per core with --jobs 1 (anchor: the issue's 50 articles/s/core),
                  and articles/s with --jobs N (anchor: --jobs 1: the speed-up)
  build           quads/s of `alliancegraph build` of a synthetic project, triples already
                  extracted (anchor: raw `Store.bulk_load` of the same triples files)
  full vs incr.   `build` after adding one article to an N-article project (anchor: the
                  full build of that project), from bench/scale.py, per N
  /sparql         req/s and p50/p99 at concurrency 1/8/32 (anchor: `oxigraph serve` on the
                  same store), from bench/sparql_bench.py
  streaming       peak RSS while one client streams a 500,000-row SELECT (anchor: oxigraph)
The machine and the load average at start and end are printed with the table: on a shared
machine, compare rows of one run, not figures of different runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import article  # noqa: E402

HERE = Path(__file__).resolve().parent
PY = sys.executable
Row = tuple[str, str, str, str]  # what, ours, anchor, ratio


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line), "?")
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    return (f"{cpu}, {os.cpu_count()} cores, {mem} MiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def extraction_rows(n: int, jobs: int) -> list[Row]:
    """Extraction of n synthetic articles with 1 and with `jobs` processes, model loaded."""
    code = (
        "import sys, time, json\n"
        "from loaders.model import Article\n"
        "from loaders.rdf.parallel import extract_trig, _warm\n"
        "from bench.synthetic import article\n"
        "n, jobs = int(sys.argv[1]), int(sys.argv[2])\n"
        "arts = [Article(id=f's{i}', text=article(100000 + i)) for i in range(n)]\n"
        "_warm()\n"
        "list(extract_trig(arts[:2], 1, False))\n"
        "t = time.perf_counter(); c = time.process_time()\n"
        "out = list(extract_trig(arts, jobs, False))\n"
        "print(json.dumps({'wall': time.perf_counter() - t, 'cpu': time.process_time() - c}))\n")
    results = {}
    for j in sorted({1, jobs}):
        proc = subprocess.run([PY, "-c", code, str(n), str(j)], cwd=HERE.parent,
                              capture_output=True, text=True, check=True)
        results[j] = json.loads(proc.stdout.strip().splitlines()[-1])
    one = n / results[1]["wall"]
    rows: list[Row] = [(f"extraction, --jobs 1, {n} articles (articles/s/core)", f"{one:.1f}",
                        "50 (issue 4 target)", f"{one / 50:.2f}")]
    if jobs > 1:
        many = n / results[jobs]["wall"]
        rows.append((f"extraction, --jobs {jobs} (articles/s)", f"{many:.1f}",
                     f"{one:.1f} (--jobs 1)", f"{many / one:.2f}x"))
    return rows


def scale_rows(sizes: list[int], jobs: int, work: Path) -> list[Row]:
    """Full and incremental builds from bench/scale.py (one child process per size)."""
    subprocess.run([PY, str(HERE / "scale.py"), "--n", *map(str, sizes), "--jobs", str(jobs),
                    "--work", str(work)], check=True, stdout=subprocess.DEVNULL)
    rows: list[Row] = []
    for n in sizes:
        r = json.loads((work / f"scale-{n}.json").read_text())
        rows.append((f"build, {n:,} articles: +1 article incremental vs full (s)",
                     f"{r['incremental_build_s']}", f"{r['full_build_s']}",
                     f"{r['incremental_build_s'] / r['full_build_s']:.2f}"))
        rows.append((f"build, {n:,} articles: quads, store MB, peak RSS MB (full)",
                     f"{r['quads']:,} q, {r['store_mb']} MB, {r['full_rss_mb']} MB", "", ""))
    biggest = work / f"p{max(sizes)}"
    rows.append(load_row(biggest, json.loads((work / f"scale-{max(sizes)}.json").read_text())))
    return rows


def load_row(project: Path, scale: dict[str, object]) -> Row:
    """Our full build's quads/s beside raw Store.bulk_load of the same triples files."""
    code = (
        "import sys, time, pyoxigraph as ox, pathlib\n"
        "files = sorted(pathlib.Path(sys.argv[1]).rglob('*.trig'))\n"
        "s = ox.Store(sys.argv[2]); t = time.perf_counter()\n"
        "for f in files: s.bulk_load(path=str(f), format=ox.RdfFormat.TRIG)\n"
        "print(len(s), time.perf_counter() - t)\n")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([PY, "-c", code, str(project / "triples"), tmp + "/s"],
                             capture_output=True, text=True, check=True).stdout.split()
    raw = int(out[0]) / float(out[1])
    ours = int(str(scale["quads"])) / float(str(scale["full_build_s"]))
    return (f"build quads/s, {scale['n']:,} articles (whole build incl. validation)",
            f"{ours:,.0f}", f"{raw:,.0f} (raw bulk_load)", f"{ours / raw:.2f}")


def sparql_rows(size: int) -> list[Row]:
    """bench/sparql_bench.py's cells, ours beside oxigraph serve (its table, re-read)."""
    proc = subprocess.run([PY, str(HERE / "sparql_bench.py"), "--sizes", str(size),
                           "--rounds", "1", "--duration", "3", "--no-cached"],
                          capture_output=True, text=True)
    rows: list[Row] = []
    cells: dict[tuple[str, str], list[str]] = {}
    for line in proc.stdout.splitlines():
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
        if len(parts) >= 8 and parts[2].isdigit():
            cells[("ox" if "oxigraph" in parts[0] else "ours", parts[2])] = parts
        elif len(parts) == 6 and re.match(r"^\d", parts[2] or ""):
            cells[("rss", parts[0])] = parts
    for (who, conc), p in sorted(cells.items()):
        if who == "ours" and ("ox", conc) in cells:
            ox = cells[("ox", conc)]
            rows.append((f"/sparql, {size:,} quads, concurrency {conc}: req/s (p50/p99 ms)",
                         f"{p[3]} ({p[4]}/{p[5]})", f"{ox[3]} ({ox[4]}/{ox[5]}) oxigraph",
                         p[7]))
    rss = {k[1]: v for k, v in cells.items() if k[0] == "rss"}
    ours = next((v for k, v in rss.items() if "oxigraph" not in k), None)
    if ours and "oxigraph" in rss:
        rows.append(("peak RSS streaming 500,000 rows (MiB)", ours[2], rss["oxigraph"][2] +
                     " oxigraph", f"{float(ours[2]) / float(rss['oxigraph'][2]):.2f}"))
    if not rows:
        rows.append(("/sparql", "no figures", f"sparql_bench.py exited {proc.returncode}",
                     (proc.stderr.strip().splitlines() or [""])[-1][:80]))
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| benchmark | ours | anchor | ours/anchor |", "|---|---:|---:|---:|"]
    return "\n".join(lines + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--extract", type=int, default=40, help="articles for extraction speed")
    parser.add_argument("--sparql-size", type=int, default=1_000_000)
    parser.add_argument("--skip-sparql", action="store_true")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ag-bench")
    args = parser.parse_args()
    start = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load0 = os.getloadavg()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    assert article(0) == article(0)  # the generator is deterministic
    rows = extraction_rows(args.extract, args.jobs)
    rows += scale_rows(args.n, args.jobs, args.work)
    if not args.skip_sparql:
        rows += sparql_rows(args.sparql_size)
    print(f"\n{start}; {machine()}")
    print(f"load average at start {load0[0]:.2f}, at end {os.getloadavg()[0]:.2f}\n")
    print(table(rows))


if __name__ == "__main__":
    main()
