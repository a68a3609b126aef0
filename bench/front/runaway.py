"""Runaway queries through the compiled front prototype: one client sends 8 queries that run
past the timeout (4 COUNT over a cross product, 4 `LIMIT 10 OFFSET 100000000` over one,
which `oxigraph --timeout-s` alone answers 200 with an empty result) while 4 other clients
send the benchmark's cheap queries. Prints what the runaways got and the other clients'
latency beside a baseline without runaways, with the load average.

    TMPDIR=... .venv/bin/python bench/front/runaway.py [--size 1000000] [--timeout 2]

Clients are told apart by X-Forwarded-For (the front is started with -trust-forwarded).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import sparql_bench as sb  # noqa: E402

RUNAWAYS = ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?a ?b ?c }",
            "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 10 OFFSET 100000000"]


def cheap(url: str, queries: list[str], client: int, stop: float,
          out: list[tuple[float, int]]) -> None:
    """One well-behaved client: cheap queries until `stop`; (seconds, status) each."""
    session = requests.Session()
    i = client
    while time.monotonic() < stop:
        t0 = time.perf_counter()
        r = session.get(url, params={"query": queries[i % len(queries)]},
                        headers={"X-Forwarded-For": f"10.0.1.{client}",
                                 "Accept": "application/sparql-results+json"}, timeout=30)
        out.append((time.perf_counter() - t0, r.status_code))
        i += 7


def runaway(url: str, query: str, client: int, out: list[tuple[float, int, str]]) -> None:
    t0 = time.perf_counter()
    r = requests.get(url, params={"query": query},
                     headers={"X-Forwarded-For": f"10.0.0.{client}"}, timeout=60)
    kind = "COUNT" if "COUNT" in query else "OFFSET"
    out.append((time.perf_counter() - t0, r.status_code,
                f"{kind} from 10.0.0.{client}: " + r.text[:60].replace("\n", " ")))


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1e3 if values else 0.0


def phase(url: str, queries: list[str], seconds: float, runaways: int, clients: int = 1) -> str:
    """Cheap clients for `seconds`, with `runaways` sent at the start by `clients` clients."""
    stop = time.monotonic() + seconds
    results: list[list[tuple[float, int]]] = [[] for _ in range(4)]
    wild: list[tuple[float, int, str]] = []
    threads = [threading.Thread(target=cheap, args=(url, queries, c, stop, results[c]))
               for c in range(4)]
    threads += [threading.Thread(target=runaway, args=(url, RUNAWAYS[i % 2], i % clients, wild))
                for i in range(runaways)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat = [s for r in results for s, _ in r]
    bad = sum(1 for r in results for _, status in r if status != 200)
    line = (f"| {runaways} from {clients} | {len(lat)} | {len(lat) / seconds:,.0f} | {pct(lat, .5):.1f} | "
            f"{pct(lat, .99):.1f} | {max(lat) * 1e3:.0f} | {bad} | {os.getloadavg()[0]:.1f} |")
    for s, status, body in sorted(wild):
        line += f"\n  runaway: {status} after {s:.2f} s: {body}"
    return line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--timeout", type=float, default=2.0)
    ap.add_argument("--seconds", type=float, default=6.0)
    args = ap.parse_args()
    location, entities = sb.prepare(args.size)
    qfile = sb.query_file(entities, sb.WORK / f"q{args.size}" / "queries.txt")
    queries = [urllib.parse.unquote(q) for q in qfile.read_text().split()[:200]]
    with sb.front(location, timeout=args.timeout, limits=(2, 8, 1000.0),
                  extra=["-trust-forwarded"]) as (url, _):
        print(f"front over oxigraph --timeout-s {args.timeout:g}, {args.size:,} quads; "
              "limits: 2 queries per client, 8 overall\n")
        print("| runaways from clients | cheap requests | req/s | p50 ms | p99 ms | max ms | non-200 | load |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(phase(url, queries, args.seconds, 0), flush=True)
        print(phase(url, queries, args.seconds, 8), flush=True)
        print(phase(url, queries, args.seconds, 0), flush=True)
        print(phase(url, queries, args.seconds, 8, clients=4), flush=True)
        print(phase(url, queries, args.seconds, 0), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
