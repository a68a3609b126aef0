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

    .venv/bin/python bench/scale.py --n 100 1000 --compare /path/to/old/checkout [--no-validate]

`--compare`: the code of another checkout (put first on PYTHONPATH) against this one, side by
side in one run: each N's texts are added once (this checkout), then for each code in turn
(old, new, old, new with --rounds 2) a copy of the project gets a full build, one more
article and an incremental build; the load average is printed beside every figure.
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


def timed(args: list[str], cwd: Path, env: dict[str, str] | None = None
          ) -> tuple[float, int, str]:
    """Run the command; (wall seconds, peak RSS in KB, its output)."""
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)
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
    elif (root / "sources" / last.name).exists():  # added by the interrupted run: again
        subprocess.run([CLI, "remove", last.stem], cwd=root, check=True, capture_output=True)
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


def prepare(n: int, jobs: int, work: Path) -> tuple[Path, Path]:
    """Project WORK/pN with N synthetic articles added (kept if already there), and the
    extra article of the incremental build."""
    root, texts, extra = work / f"p{n}", work / f"texts{n}", work / f"extra{n}"
    last = extra / f"syn-{n:05d}.txt"
    if not (root / "sources" / f"syn-{n - 1:05d}.txt").exists():
        shutil.rmtree(root, ignore_errors=True)
        write_corpus(n + 1, texts)
        extra.mkdir(exist_ok=True)
        os.replace(texts / last.name, last)
        subprocess.run([CLI, "init", str(root)], check=True, capture_output=True)
        timed([CLI, "add", str(texts), "--jobs", str(jobs)], root)
    return root, last


def compare_one(n: int, code: str, tree: Path, root: Path, last: Path, work: Path,
                validate: bool) -> dict[str, object]:
    """Full build, +1 article, incremental build of a copy of the project, with `tree`'s code."""
    copy = work / f"p{n}-{code}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("data", ".alliancegraph"))
    env = dict(os.environ, PYTHONPATH=str(tree))
    load_full = os.getloadavg()[0]
    full_s, full_rss, full_out = timed(build_cmd(validate), copy, env)
    timed([CLI, "add", str(last), "--jobs", "1"], copy)
    load_inc = os.getloadavg()[0]
    inc_s, inc_rss, inc_out = timed(build_cmd(validate), copy, env)
    shutil.rmtree(copy, ignore_errors=True)
    return {"n": n, "code": code, "full_s": round(full_s, 1), "full_rss_mb": round(full_rss / 1024),
            "full_load": round(load_full, 1), "inc_s": round(inc_s, 1),
            "inc_rss_mb": round(inc_rss / 1024), "inc_load": round(load_inc, 1),
            "full_steps": full_out.strip().splitlines()[-1],
            "inc_steps": inc_out.strip().splitlines()[-1],
            "quads": full_out.split(" quads")[0].rsplit(" ", 1)[-1]}


def compare(sizes: list[int], old: Path, jobs: int, work: Path, validate: bool,
            rounds: int) -> None:
    new = Path(__file__).resolve().parents[1]
    print(f"old code: {old}\nnew code: {new}\nvalidate: {validate}", flush=True)
    head = ("| articles | code | full build s (load) | full peak RSS MB | incremental s (load) | "
            "incremental peak RSS MB | quads |")
    print(head + "\n|" + "---|" * 7, flush=True)
    rows = []
    for n in sizes:
        root, last = prepare(n, jobs, work)
        for _ in range(rounds):
            for code, tree in (("old", old), ("new", new)):
                r = compare_one(n, code, tree, root, last, work, validate)
                rows.append(r)
                print(f"| {n:,} | {code} | {r['full_s']} ({r['full_load']}) | {r['full_rss_mb']} | "
                      f"{r['inc_s']} ({r['inc_load']}) | {r['inc_rss_mb']} | {r['quads']} |",
                      flush=True)
                print(f"<!-- steps {code} {n}: full {r['full_steps']} incremental {r['inc_steps']} -->",
                      flush=True)
    suffix = "" if validate else "-novalidate"
    (work / f"compare{suffix}.json").write_text(json.dumps(rows, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ag-scale"))
    parser.add_argument("--no-validate", action="store_true",
                        help="build without SHACL/HermiT (the check queries still run)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep WORK/pN's added texts; time the builds only")
    parser.add_argument("--compare", type=Path, metavar="OLD_CHECKOUT",
                        help="time this code against another checkout's, side by side")
    parser.add_argument("--rounds", type=int, default=1, help="with --compare: old/new pairs")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.compare is not None:
        compare(args.n, args.compare.resolve(), args.jobs, args.work, not args.no_validate,
                args.rounds)
        return
    rows = []
    for n in args.n:
        rows.append(measure(n, args.jobs, args.work, not args.no_validate, args.reuse))
        print(table(rows[-1:]), flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
