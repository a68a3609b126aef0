"""SPARQL endpoint benchmark: `alliancegraph serve` vs `oxigraph serve-read-only`, side by side.

    .venv/bin/python bench/sparql_bench.py [--sizes 100000 1000000] [--concurrency 1 8 32]
                                           [--duration 4] [--rounds 3]
                                           [--configs granian gunicorn threads]
                                           [--no-cached] [--no-rss] [--front-timeout 5]

1. Builds (once, cached under $TMPDIR/agbench-sparql) a synthetic store per size with the
   STORE helper's generator (bench/load_bench.py: sources shaped like ours, with claims,
   evidence and statements), laid out as `alliancegraph build` does (version dir + CURRENT).
2. Serves the same directory with oxigraph (Rust; `--union-default-graph`) and with ours
   (2 web processes; `granian` = the default server, queries in 4 killable worker processes
   per web process; `gunicorn` = the same under `--server gunicorn`; `threads` = gunicorn
   with queries in the web process's threads, the former default, which retires a whole
   web process at a timeout), ours once with the answer cache off (uncached) and once on
   (cached). Per-client limits are off (one load generator).
3. Drives each with wrk (a Lua script picking one of 1,000 pre-generated queries at random;
   the cached runs draw from 50 of them) for `--duration` seconds at each concurrency:
   lookup by IRI, lookup by label, 1-hop neighbourhood, statements with provenance, an
   aggregate, a 2-hop path. Falls back to a Python client (threads + requests sessions)
   if wrk is not installed.
4. Prints requests/s, p50/p99 latency, errors, our/oxigraph throughput ratio, the CPU time
   per request of each server's whole process tree (web and query worker processes; on a
   loaded machine the fairer ratio, as a neighbour's load takes wall time from both alike
   but CPU time from neither) and the load average; then peak RSS of each server while one
   client streams a 500,000-row SELECT.

`--configs front front-nt front-bare oxigraph-t` add the compiled front prototype
(bench/front, Go; needs `go`) in its variants; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
BIN = Path(sys.executable).parent
WORK = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "agbench-sparql"
VERSION = "v-20260101T000000-000000"
PREFIX = ("PREFIX ag: <https://w3id.org/alliancegraph/ontology#> "
          "PREFIX agid: <https://w3id.org/alliancegraph/id/> "
          "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX oa: <http://www.w3.org/ns/oa#> ")
TEMPLATES = {
    "iri": "SELECT ?p ?o WHERE { agid:%s ?p ?o }",
    "label": 'SELECT ?e WHERE { ?e rdfs:label "Entity %s"@en }',
    "hop1": "SELECT ?p ?x WHERE { { agid:%s ?p ?x } UNION { ?x ?p agid:%s } } LIMIT 100",
    "provenance": ("SELECT ?claim ?quote ?source WHERE { ?claim rdf:subject agid:%s ; "
                   "prov:wasDerivedFrom ?source ; ag:evidence/oa:exact ?quote } LIMIT 50"),
    "aggregate": ("SELECT ?p (COUNT(*) AS ?n) WHERE { { agid:%s ?p ?o } UNION "
                  "{ ?o ?p agid:%s } } GROUP BY ?p"),
    "hop2": ("SELECT DISTINCT ?y WHERE { agid:%s ag:partnerOf|ag:memberOf|ag:participatesIn ?x"
             " . ?x ag:partnerOf|ag:memberOf|ag:participatesIn ?y } LIMIT 100"),
}
LUA = r"""
local queries = {}
local limit = 0
init = function(args)
  local path, file, n = args[1], args[2], tonumber(args[3])
  for line in io.lines(file) do
    if #queries < n then table.insert(queries, path .. "?query=" .. line) end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
request = function()
  return wrk.format("GET", queries[math.random(#queries)],
                    {Accept = "application/sparql-results+json"})
end
done = function(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "p50": %f, "p99": %f, "connect": %d, ' ..
    '"read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if "model name" in line), "?")
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    import pyoxigraph
    return (f"{model}, {os.cpu_count()} cores, {mem} MiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, pyoxigraph "
            f"{pyoxigraph.__version__}, wrk: {'yes' if shutil.which('wrk') else 'no'}")


# -- data --------------------------------------------------------------------------------------

def prepare(size: int) -> tuple[Path, list[str]]:
    """The store location for a size (built once) and the entity slugs it holds."""
    import pyoxigraph as ox
    from load_bench import generate

    home = WORK / f"q{size}"
    location, entities_file = home / "store", home / "entities.json"
    if not (location / "CURRENT").exists():
        shutil.rmtree(home, ignore_errors=True)
        quads = generate(home / "data", size)
        location.mkdir(parents=True)
        store = ox.Store(str(location / VERSION))
        for path in sorted((home / "data" / "triples").glob("*.trig")):
            store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
        store.flush()
        store.optimize()
        found = store.query(PREFIX + "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l }",
                            use_default_graph_as_union=True)
        assert isinstance(found, ox.QuerySolutions)
        names = sorted({s["e"].value.rsplit("/", 1)[1] for s in found})
        del store
        entities_file.write_text(json.dumps(names))
        (location / "CURRENT").write_text(VERSION + "\n")
        print(f"  built {size:,}-quad store ({quads:,} quads) at {location}", flush=True)
    return location, json.loads(entities_file.read_text())


def query_file(entities: list[str], out: Path, n: int = 1000, seed: int = 7) -> Path:
    """n random queries of the mix, URL-encoded, one a line (the first 50 for cached runs)."""
    rng = random.Random(seed)
    names = list(TEMPLATES)
    lines = []
    for i in range(n):
        template = TEMPLATES[names[i % len(names)]]
        e = rng.choice(entities)
        text = PREFIX + template % ((e,) * template.count("%s"))
        lines.append(urllib.parse.quote(text, safe=""))
    out.write_text("\n".join(lines) + "\n")
    return out


# -- servers -----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


FRONT = ROOT / "bench" / "front"
# The query timeout of the front and of `oxigraph --timeout-s` (set by --front-timeout).
# oxigraph 0.5.13 starts one thread per query that sleeps this long: at a few thousand
# queries a second the project's 30 s exhausts the thread limit and oxigraph aborts.
FRONT_TIMEOUT = 5.0


def front_binary() -> Path:
    """The prototype front (bench/front, Go), built once per run (needs `go`)."""
    out = WORK / "front-bin"
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["go", "build", "-o", str(out), "."], cwd=FRONT, check=True)
    return out


@contextmanager
def server(kind: str, location: Path, cache: bool = False) -> Iterator[tuple[str, list[int]]]:
    """Start a server; yields (query URL, pids of its main processes)."""
    if kind.startswith("front"):
        with front(location, bare=kind == "front-bare", timeout=FRONT_TIMEOUT,
                   engine_timeout=FRONT_TIMEOUT if kind == "front" else 0) as up:
            yield up
        return
    port = free_port()
    # One load generator on 127.0.0.1 stands for many clients: the per-client limits
    # (tests/test_endpoint_fairness.py) would refuse it, so they are off here.
    env = dict(os.environ, ALLIANCEGRAPH_SPARQL_CACHE_BYTES=str(32 << 20 if cache else 0),
               ALLIANCEGRAPH_RATE_PER_SECOND="0", ALLIANCEGRAPH_SPARQL_CLIENT_QUERIES="0")
    if kind.startswith("oxigraph"):
        cmd = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(location / VERSION),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        if kind == "oxigraph-t":
            cmd += ["--timeout-s", f"{FRONT_TIMEOUT:g}"]
        url = f"http://127.0.0.1:{port}/query"
    else:
        # granian, gunicorn: killable query workers (the default); threads: gunicorn with
        # queries in the web process's threads, retired at a timeout (the former default).
        env["ALLIANCEGRAPH_SPARQL_EXECUTION"] = "threads" if kind == "threads" else "processes"
        cmd = [str(BIN / "alliancegraph"), "serve", "--store", str(location), "--port",
               str(port), "--workers", "2", "--threads", "4",
               "--server", "granian" if kind == "granian" else "gunicorn"]
        url = f"http://127.0.0.1:{port}/sparql"
    with process(cmd, env, url) as pid:
        yield url, [pid]


@contextmanager
def process(cmd: list[str], env: dict[str, str], url: str,
            out: int | None = subprocess.DEVNULL) -> Iterator[int]:
    """A server process (in its own session, so stopping it stops its children)."""
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_ready(url)
        yield proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def front(location: Path, bare: bool = False, timeout: float = 30.0,
          engine_timeout: float = -1, log: Path | None = None,
          limits: tuple[int, int, float] = (64, 64, 1e6),
          extra: tuple[str, ...] | list[str] = ()) -> Iterator[tuple[str, list[int]]]:
    """The prototype front (it starts `oxigraph serve-read-only` itself) with the Python
    app behind it for what it hands over. `limits` (per-client queries, overall queries,
    requests a second) default to on but too high to refuse one load generator, so their
    cost is measured; `bare` proxies /sparql with no checks; `engine_timeout` 0 starts
    oxigraph without --timeout-s (-1: `timeout`); `extra`: more flags of the front."""
    app_port, port = free_port(), free_port()
    env = dict(os.environ, ALLIANCEGRAPH_SPARQL_CACHE_BYTES="0",
               ALLIANCEGRAPH_RATE_PER_SECOND="0", ALLIANCEGRAPH_SPARQL_CLIENT_QUERIES="0",
               ALLIANCEGRAPH_TRUST_FORWARDED="1", ALLIANCEGRAPH_SPARQL_TIMEOUT=str(timeout),
               # one OS thread runs Go code: 115 instead of 165 us a request (bench/README.md)
               GOMAXPROCS=os.environ.get("GOMAXPROCS", "1"))
    app = [str(BIN / "alliancegraph"), "serve", "--store", str(location), "--port",
           str(app_port), "--workers", "1", "--threads", "2"]
    cmd = [str(front_binary()), "-listen", f"127.0.0.1:{port}",
           "-app", f"http://127.0.0.1:{app_port}", "-store", str(location),
           "-oxigraph", str(BIN / "oxigraph"), "-timeout", f"{timeout:g}",
           "-engine-timeout", f"{engine_timeout:g}", "-client-queries", str(limits[0]),
           "-max-queries", str(limits[1]), "-rate", f"{limits[2]:g}",
           "-burst", f"{max(limits[2], 60):g}", *extra]
    if bare:
        cmd.append("-bare")
    url = f"http://127.0.0.1:{port}/sparql"
    with ExitStack() as stack:
        app_pid = stack.enter_context(process(app, env, f"http://127.0.0.1:{app_port}/sparql"))
        sink = stack.enter_context(open(log or os.devnull, "wb"))
        front_pid = stack.enter_context(process(cmd, env, url, out=sink.fileno()))
        yield url, [front_pid, app_pid]


def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).ok:
                for _ in range(20):  # warm every worker a little
                    requests.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


# -- load --------------------------------------------------------------------------------------

def load(url: str, queries: Path, n: int, concurrency: int, seconds: float) -> dict[str, float]:
    """Requests/s, p50/p99 (ms) and errors at one concurrency."""
    if shutil.which("wrk"):
        return load_wrk(url, queries, n, concurrency, seconds)
    return load_python(url, queries, n, concurrency, seconds)


def load_wrk(url: str, queries: Path, n: int, concurrency: int,
             seconds: float) -> dict[str, float]:
    parsed = urllib.parse.urlsplit(url)
    script = queries.with_suffix(".lua")
    script.write_text(LUA)
    out = subprocess.run(
        ["wrk", "-t", str(min(concurrency, 2)), "-c", str(concurrency),
         "-d", f"{max(1, round(seconds))}s", "--timeout", "30s", "-s", str(script), f"{parsed.scheme}://{parsed.netloc}", "--",
         parsed.path, str(queries), str(n)], capture_output=True, text=True).stdout
    found = [line for line in out.splitlines() if line.startswith("RESULT ")]
    if not found:  # the server is gone (oxigraph --timeout-s can abort: bench/README.md)
        return {"rps": 0.0, "p50": 0.0, "p99": 0.0, "errors": 1e9, "requests": 0}
    r = json.loads(found[0][7:])
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    return {"rps": r["requests"] / r["seconds"], "p50": r["p50"], "p99": r["p99"],
            "errors": errors, "requests": r["requests"]}


def load_python(url: str, queries: Path, n: int, concurrency: int,
                seconds: float) -> dict[str, float]:
    paths = [urllib.parse.unquote(q) for q in queries.read_text().split()[:n]]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng, session, mine = random.Random(seed), requests.Session(), []
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            try:
                ok = session.get(url, params={"query": rng.choice(paths)}, headers={
                    "Accept": "application/sparql-results+json"}, timeout=30).ok
            except requests.RequestException:
                ok = False
            mine.append(time.perf_counter() - t0)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()

    def pick(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1e3

    return {"rps": len(latencies) / seconds, "p50": pick(0.5), "p99": pick(0.99),
            "errors": errors[0], "requests": len(latencies)}


# -- memory ------------------------------------------------------------------------------------

def tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def tree_cpu(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each process of a tree (a killed query
    worker's time is lost with it: the benchmark's queries never time out)."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {}
    for p in (q for pid in pids for q in tree(pid)):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            used[p] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return used


def cpu_since(pid: list[int], before: dict[int, float]) -> float:
    """CPU seconds the tree used since `before` (processes started meanwhile count whole)."""
    return sum(t - before.get(p, 0.0) for p, t in tree_cpu(pid).items())


def tree_rss(pids: list[int]) -> int:
    """Resident memory (KiB) of processes and all their descendants."""
    total = 0
    for p in (q for pid in pids for q in tree(pid)):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def streaming_rss(url: str, pid: list[int], rows: int = 500_000) -> dict[str, float]:
    """Peak RSS of the server tree while one client streams `rows` rows as CSV."""
    query = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {rows}"
    base = tree_rss(pid)
    peak = [base]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    t0 = time.perf_counter()
    first, size = None, 0
    with requests.get(url, params={"query": query}, headers={"Accept": "text/csv"},
                      stream=True, timeout=120) as r:
        for chunk in r.iter_content(1 << 16):
            first = first or time.perf_counter() - t0
            size += len(chunk)
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    return {"base_mib": base / 1024, "peak_mib": peak[0] / 1024, "first_byte_s": first or 0,
            "seconds": seconds, "mib": size / 2**20}


# -- main --------------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def matrix(location: Path, queries: Path, args: argparse.Namespace) -> None:
    """Every server up at once; each cell run `--rounds` times, interleaved, median kept,
    so a neighbour's load on a shared machine hits every server alike."""
    runs = [("oxigraph", False, 1000)] + [(c, False, 1000) for c in args.configs]
    if not args.no_cached:
        runs += [(c, True, 50) for c in args.configs if c in ("granian", "gunicorn", "threads")]
    results: dict[tuple[str, bool, int], list[dict[str, float]]] = {}
    with ExitStack() as stack:
        started = {(k, cache): stack.enter_context(server(k, location, cache))
                   for k, cache, _ in runs}
        for c in args.concurrency:
            for _ in range(args.rounds):
                for kind, cache, n in runs:
                    url, pid = started[(kind, cache)]
                    before = tree_cpu(pid)
                    r = load(url, queries, n, c, args.duration)
                    r["cpu_us"] = cpu_since(pid, before) / max(1.0, r["requests"]) * 1e6
                    r["load"] = os.getloadavg()[0]
                    results.setdefault((kind, cache, c), []).append(r)
    print("| server | cache | conc. | req/s | p50 ms | p99 ms | errors | vs oxigraph | "
          "CPU us/req | CPU vs oxigraph | load avg |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind, cache, _ in runs:
        for c in args.concurrency:
            cell = results[(kind, cache, c)]
            rps, cpu = median([r["rps"] for r in cell]), median([r["cpu_us"] for r in cell])
            base = results[("oxigraph", False, c)]
            base_rps, base_cpu = median([r["rps"] for r in base]), median(
                [r["cpu_us"] for r in base])
            label = {"oxigraph": "oxigraph", "oxigraph-t": "oxigraph --timeout-s",
                     "front": "front+oxigraph --timeout-s",
                     "front-nt": "front+oxigraph (no engine timeout)",
                     "front-bare": "front, no checks (hop only)"}.get(kind, "ours " + kind)
            print(f"| {label} | {'on' if cache else 'off'} | {c} | {rps:,.0f} | "
                  f"{median([r['p50'] for r in cell]):.2f} | "
                  f"{median([r['p99'] for r in cell]):.2f} | "
                  f"{sum(r['errors'] for r in cell):.0f} | {rps / (base_rps or 1):.2f}x | "
                  f"{cpu:,.0f} | {base_cpu / cpu if cpu else 0:.2f}x | "
                  f"{min(r['load'] for r in cell):.1f}-{max(r['load'] for r in cell):.1f} |",
                  flush=True)


def main(argv: list[str] | None = None) -> int:
    global FRONT_TIMEOUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--duration", type=float, default=4.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--configs", nargs="+", default=["granian", "gunicorn"],
                    choices=["granian", "gunicorn", "threads", "front", "front-nt", "front-bare",
                             "oxigraph-t"],
                    help="front: the Go prototype (bench/front) with checks, over oxigraph "
                         "with --timeout-s; front-nt: the same, oxigraph without it; "
                         "front-bare: the front proxying with no checks; oxigraph-t: "
                         "oxigraph alone with --timeout-s")
    ap.add_argument("--front-timeout", type=float, default=FRONT_TIMEOUT,
                    help="query timeout of the front and of oxigraph --timeout-s")
    ap.add_argument("--no-cached", action="store_true", help="skip the cached runs")
    ap.add_argument("--no-rss", action="store_true", help="skip the streaming memory test")
    args = ap.parse_args(argv)
    FRONT_TIMEOUT = args.front_timeout
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on the way out
    print(f"machine: {machine()}", flush=True)
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    WORK.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        location, entities = prepare(size)
        queries = query_file(entities, WORK / f"q{size}" / "queries.txt")
        print(f"\n## {size:,} quads: median of {args.rounds} interleaved runs of "
              f"{args.duration:g} s per cell\n", flush=True)
        matrix(location, queries, args)
        if not args.no_rss and size >= 500_000:
            print("\nstreaming 500,000 rows as CSV (one client):\n")
            print("| server | RSS before MiB | peak RSS MiB | first byte s | total s | MiB |")
            print("|---|---:|---:|---:|---:|---:|")
            for kind in ["oxigraph"] + args.configs[:1]:
                with server(kind, location) as (url, pid):
                    m = streaming_rss(url, pid)
                    print(f"| {kind} | {m['base_mib']:.0f} | {m['peak_mib']:.0f} | "
                          f"{m['first_byte_s']:.2f} | {m['seconds']:.1f} | {m['mib']:.0f} |",
                          flush=True)
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
