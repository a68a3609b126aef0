"""The answer cache's bound holds under many distinct large queries: the web process's
resident memory stays flat once the cache is full (it used to keep every 95 KB query text:
5,000 of them added 327 MB to one worker).

Real `alliancegraph serve` (one web process, so /metrics reports the process that holds the
cache), 2,000 distinct queries of about 95 KB, loopback only, bounded in count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests
from conftest import SERVER_SAMPLE, command_serving, make_store

PADDING = "#" + "x" * 95_000 + "\n"
CACHE_BYTES = 8 << 20


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("soak")
    location = make_store(root / "store", [SERVER_SAMPLE])
    env = {"ALLIANCEGRAPH_RATE_EXEMPT": "127.0.0.1",
           "ALLIANCEGRAPH_SPARQL_CACHE_BYTES": str(CACHE_BYTES)}
    with command_serving(location, root / "serve.log", "--workers", "1", env=env) as url:
        yield url


def gauges(base: str) -> dict[str, float]:
    text = requests.get(base + "/metrics", timeout=30).text
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^alliancegraph_(\w+) ([\d.e+]+)$", text, re.M)}


def send(session: requests.Session, base: str, first: int, count: int) -> None:
    for i in range(first, first + count):
        query = f"{PADDING}SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT 1 # {i}"
        r = session.post(base + "/sparql", data={"query": query}, timeout=30)
        assert r.status_code == 200, r.text[:300]


@pytest.mark.slow
@pytest.mark.load
def test_rss_stays_flat_under_distinct_large_queries(base: str) -> None:
    with requests.Session() as session:
        send(session, base, 0, 600)  # fills the cache (8 MiB / ~95 KB a key) and warms up
        warm = gauges(base)
        send(session, base, 600, 1400)
        after = gauges(base)
    grown = after["resident_bytes_this_process"] - warm["resident_bytes_this_process"]
    print(f"\nRSS {warm['resident_bytes_this_process'] / 2**20:.1f} -> "
          f"{after['resident_bytes_this_process'] / 2**20:.1f} MiB over 1,400 more queries; "
          f"cache {after['cache_bytes_this_process'] / 2**20:.1f} MiB, "
          f"{after['cache_entries_this_process']:.0f} entries")
    assert after["cache_bytes_this_process"] <= CACHE_BYTES
    assert after["cache_entries_this_process"] <= CACHE_BYTES / 95_000
    # 1,400 queries x 95 KB = 133 MB of query text went through; none of it may stay.
    assert grown < 16 * 2**20, grown
