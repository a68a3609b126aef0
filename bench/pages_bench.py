"""Page benchmark: entity pages and search, side by side, over real HTTP on a synthetic store.

    .venv/bin/python bench/pages_bench.py [--quads 1000000] [--requests 400] [--keep DIR]

1. Generates the synthetic corpus of bench/load_bench.py (same shape, same seed) and builds
   it with `build()` (no extraction, no SHACL), which also writes the search index.
2. Starts `alliancegraph serve` (gunicorn, production mode, 2 workers x 4 threads).
3. Warms up, then alternates requests: an entity page (HTML, a random entity) and a search
   (`/search.json`, a random word prefix or name), one client with keep-alive, and prints
   p50/p90/p99/max for each with the machine, the load average before and after, the store
   size and the build time. Goals: entity page p50 < 50 ms, search p50 < 30 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load_bench import WORDS, cpu_model, generate  # noqa: E402

from loaders.store.build import build  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(store: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    out = open(log, "wb")  # noqa: SIM115 - the server writes to it until stopped
    proc = subprocess.Popen([str(Path(sys.executable).parent / "alliancegraph"), "serve",
                             "--store", str(store), "--port", str(port), "--workers", "2",
                             "--threads", "4"], stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True,
                            # one load generator: the per-client rate limit would measure itself
                            env={**os.environ, "ALLIANCEGRAPH_RATE_PER_SECOND": "0"})
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).ok:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit("server did not start: " + log.read_text())


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def run(url: str, n: int, entities: int, seed: int = 7) -> dict[str, list[float]]:
    rng = random.Random(seed)
    session = requests.Session()
    times: dict[str, list[float]] = {"entity page": [], "search": []}
    terms = [w[: rng.randrange(3, len(w) + 1)] for w in WORDS] + ["entity e1", "Entity e42"]
    for i in range(n * 2):
        if i % 2 == 0:
            path, kind = f"/id/e{rng.randrange(entities)}", "entity page"
            params: dict[str, str] = {}
            headers = {"Accept": "text/html"}
        else:
            path, kind = "/search.json", "search"
            params, headers = {"q": rng.choice(terms)}, {}
        t = time.perf_counter()
        r = session.get(url + path, params=params, headers=headers, timeout=60)
        elapsed = time.perf_counter() - t
        if r.status_code not in (200, 404):
            raise SystemExit(f"{path}: {r.status_code} {r.text[:200]}")
        if r.status_code == 200:
            times[kind].append(elapsed * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=400, help="of each kind")
    ap.add_argument("--keep", type=Path, help="build (or reuse) the store here")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pages-bench-"))
    store = work / "store"
    t = time.perf_counter()
    if not (store / "CURRENT").is_file():
        quads = generate(work / "data", args.quads)
        summary = build(str(store), progress=False, triples_dir=work / "data" / "triples",
                        catalog_file=work / "data" / "catalog.ttl", extract=False,
                        validate=False)
        print(f"generated {quads:,} quads; {summary.line()}")
    print(f"store ready in {time.perf_counter() - t:.1f} s")
    proc, url = serve(store, work / "serve.log")
    try:
        run(url, 20, 5_000, seed=1)  # warm up: workers, store handles, page cache
        before = os.getloadavg()
        times = run(url, args.requests, 5_000)
        after = os.getloadavg()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"load average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
          f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}")
    print(f"{'what':<12} {'n':>5} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} goal")
    for kind, goal in (("entity page", 50), ("search", 30)):
        xs = times[kind]
        print(f"{kind:<12} {len(xs):>5} {statistics.median(xs):>8.1f} {pct(xs, 90):>8.1f} "
              f"{pct(xs, 99):>8.1f} {max(xs):>8.1f} p50 < {goal} ms")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
