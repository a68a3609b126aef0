"""The server's settings and their defaults, in one place (Flask's config, the engine, `serve`).

Each can be set as an `ALLIANCEGRAPH_*` environment variable (`ALLIANCEGRAPH_SPARQL_TIMEOUT=2`).
"""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    "STORE": None,  # a store directory or a SPARQL endpoint URL; None: $ALLIANCEGRAPH_STORE
    "SPARQL_TIMEOUT": 30.0,  # seconds before a query is killed and answered 503
    "SPARQL_WORKERS": 4,  # concurrent queries per web process (worker processes or threads)
    "SPARQL_EXECUTION": "processes",  # or "threads" (gunicorn; see server/serve.py)
    "SPARQL_MAX_QUERY_LENGTH": 100_000,  # characters; longer queries get 413
    "SPARQL_ROW_CAP": None,  # most rows (or triples) per answer; None: no cap
    "SPARQL_ALLOW_SERVICE": False,  # SERVICE lets the server fetch URLs: off unless asked
    "SPARQL_CACHE_BYTES": 32 << 20,  # in-memory answer cache; 0 turns it off
    "SPARQL_CACHE_ENTRY_BYTES": 1 << 20,  # answers larger than this are not cached
    "STORE_CHECK_SECONDS": 1.0,  # how often CURRENT is re-read to notice a new build
    "SPARQL_FAST_PATH": True,  # plain GET /sparql?query= without Flask (server/api/fastpath.py)
    "SPARQL_CLIENT_QUERIES": 2,  # queries one client may have running at once; 0: no limit
    "SPARQL_QUEUE_SECONDS": 5.0,  # wait this long for a free query worker, then 503 Busy
    "SPARQL_NICE_AFTER": 0.5,  # seconds; a longer query's worker yields the CPU (nice 19)
    "RATE_PER_SECOND": 20.0,  # requests a second per client (token bucket); 0 turns it off
    "RATE_BURST": 60.0,  # requests a client may send at once before the rate applies
    "CLIENT_BODIES": 16,  # requests with a body one client may have in progress; 0: no limit
    "RATE_EXEMPT": "",  # comma-separated client addresses never limited (a trusted front)
    "TRUST_FORWARDED": False,  # take the client from X-Forwarded-For (behind a proxy only)
    "ADMIN_TOKEN": None,  # turns on /update and /store (Bearer token); see server/api/admin.py
    "CURATION_LOG": None,  # the decision log; None: triples/curation/decisions.jsonl
    "CATALOG_FILE": None,  # the sources' catalog (texts for the review queue); None: sources/
    "LOGIN_ATTEMPTS": 5,  # failed logins per address and per name in LOGIN_WINDOW, then 429
    "LOGIN_WINDOW": 300.0,  # seconds
}

# Front-end settings of `alliancegraph serve` (either server):
HEAD_SECONDS = 5.0  # a client has this long to send a request's line and headers
CONNECTION_THREADS = 128  # Python threads per web process that read requests and relay answers
