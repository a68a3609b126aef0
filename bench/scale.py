"""Build time, store size and peak memory of synthetic projects of N articles, full and
incremental (one article added), with the real command in child processes.

    .venv/bin/python bench/scale.py [--n 100 1000 10000] [--jobs 2] [--work /tmp/ag-scale]

For each N: generate N articles (bench/synthetic.py), `alliancegraph init`, `add` them all
(extraction, timed), a full `build` into a new store, then `add` one more article and
`build` again (incremental). Every step is a child process timed by wall clock; peak memory
is its maximum resident set (GNU time's %M; for `add`, the largest process: the parent or one
extraction worker). Prints one table row per N and writes it to WORK/scale-N.json, so a run
interrupted at 10,000 keeps the smaller ones. Builds use --allow-invalid and report how many
validation problems the extractor's output had (the synthetic text is not curated).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import write_corpus  # noqa: E402

CLI = str(Path(sys.executable).parent / "alliancegraph")
# A build in a child process, printing its summary line and its step timings (JSON).
BUILD = ("import json, sys\n"
         "from pathlib import Path\n"
         "from loaders.store.build import build\n"
         "s = build('data/store', allow_invalid=True, progress=False, triples_dir=Path('triples'),\n"
         "          catalog_file=Path('sources/catalog.ttl'), validate=sys.argv[1] == 'yes')\n"
         "print(s.line())\n"
         "print(json.dumps({k: round(v, 1) for k, v in s.timings.items()}))\n")


def timed(args: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run the command; (wall seconds, peak RSS in KB, its output)."""
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", *args], cwd=cwd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    rss = int(re.findall(r"MAXRSS (\d+)", proc.stderr)[-1])
    return seconds, rss, proc.stdout


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build_cmd(validate: bool) -> list[str]:
    return [sys.executable, "-c", BUILD, "yes" if validate else "no"]


def measure(n: int, jobs: int, work: Path, validate: bool = True,
            reuse: bool = False) -> dict[str, object]:
    root = work / f"p{n}"
    texts = work / f"texts{n}"
    extra = work / f"extra{n}"
    last = extra / f"syn-{n:05d}.txt"
    add_s, add_rss = 0.0, 0
    if not reuse:  # reuse: the project's texts are already added (a previous, interrupted run)
        shutil.rmtree(root, ignore_errors=True)
        write_corpus(n + 1, texts)  # the last one is added afterwards, for the incremental build
        extra.mkdir(exist_ok=True)
        os.replace(texts / last.name, last)
        subprocess.run([CLI, "init", str(root)], check=True, capture_output=True)
        add_s, add_rss, _ = timed([CLI, "add", str(texts), "--jobs", str(jobs)], root)
    shutil.rmtree(root / "data", ignore_errors=True)
    full_s, full_rss, full_out = timed(build_cmd(validate), root)
    size = du(root / "data" / "store" / (root / "data" / "store" / "CURRENT").read_text().strip())
    add1_s, _, _ = timed([CLI, "add", str(extra / last.name), "--jobs", "1"], root)
    inc_s, inc_rss, inc_out = timed(build_cmd(validate), root)
    quads = int(re.search(r"([\d,]+) quads", full_out).group(1).replace(",", ""))  # type: ignore[union-attr]
    problems = re.search(r"(\d+) validation problems", full_out)
    row = {"n": n, "jobs": jobs, "validate": validate, "add_s": round(add_s, 1),
           "articles_per_s": round(n / add_s, 2) if add_s else None,
           "full_build_s": round(full_s, 1), "full_rss_mb": round(full_rss / 1024),
           "quads": quads, "store_mb": round(size / 2**20, 1),
           "add_one_s": round(add1_s, 1), "incremental_build_s": round(inc_s, 1),
           "incremental_rss_mb": round(inc_rss / 1024),
           "problems": int(problems.group(1)) if problems else 0,
           "full_line": full_out.strip(), "incremental_line": inc_out.strip(),
           "load": os.getloadavg(), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    suffix = "" if validate else "-novalidate"
    (work / f"scale-{n}{suffix}.json").write_text(json.dumps(row, indent=1))
    return row


def table(rows: list[dict[str, object]]) -> str:
    head = ("| articles | add (extract) s | full build s | peak RSS MB | quads | store MB | "
            "+1 article: add s | incremental build s | problems |")
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['add_s']} | {r['full_build_s']} | {r['full_rss_mb']} | "
                     f"{r['quads']:,} | {r['store_mb']} | {r['add_one_s']} | "
                     f"{r['incremental_build_s']} | {r['problems']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ag-scale"))
    parser.add_argument("--no-validate", action="store_true",
                        help="build without SHACL/HermiT (the check queries still run)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep WORK/pN's added texts; time the builds only")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in args.n:
        rows.append(measure(n, args.jobs, args.work, not args.no_validate, args.reuse))
        print(table(rows[-1:]), flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
