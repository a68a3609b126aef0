"""A remote SPARQL 1.1 store: queries by the SPARQL 1.1 Protocol, writes by the Graph Store
HTTP Protocol (one PUT replaces one named graph).

`--store http://host:port` names the server's base URL; the query, update and graph-store
URLs follow a layout (default: `oxigraph serve`'s), and each can be set on its own:

    layout     query URL     update URL    graph store URL
    oxigraph   BASE/query    BASE/update   BASE/store         (oxigraph serve)
    fuseki     BASE/query    BASE/update   BASE/data          (BASE = http://host:3030/DATASET)
    virtuoso   BASE/sparql   BASE/sparql-auth  BASE/sparql-graph-crud-auth  (digest auth)

Environment: ALLIANCEGRAPH_REMOTE_LAYOUT, ALLIANCEGRAPH_QUERY_URL, ALLIANCEGRAPH_UPDATE_URL,
ALLIANCEGRAPH_GSP_URL, ALLIANCEGRAPH_REMOTE_USER / ALLIANCEGRAPH_REMOTE_PASSWORD,
ALLIANCEGRAPH_REMOTE_TIMEOUT (seconds).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO, Any

import pyoxigraph as ox
import requests
from requests.adapters import HTTPAdapter
from requests.auth import HTTPDigestAuth
from urllib3.util.retry import Retry

from loaders.errors import QueryError, StoreError, query_error_message

LAYOUTS: dict[str, tuple[str, str, str]] = {
    "oxigraph": ("/query", "/update", "/store"),
    "fuseki": ("/query", "/update", "/data"),
    "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth"),
}
RESULTS_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_GRAPH_TYPES = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                "text/turtle": ox.RdfFormat.TURTLE}
_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"


class RemoteStore:
    """A SPARQL 1.1 server reached over HTTP, with timeouts and retries with backoff."""

    def __init__(self, endpoint_url: str, timeout: float | None = None, retries: int = 3, *,
                 layout: str | None = None, query_url: str | None = None,
                 update_url: str | None = None, store_url: str | None = None,
                 auth: tuple[str, str] | None = None) -> None:
        env = os.environ.get
        self.base = endpoint_url.rstrip("/")
        layout = layout or env("ALLIANCEGRAPH_REMOTE_LAYOUT") or "oxigraph"
        if layout not in LAYOUTS:
            raise StoreError(f"unknown remote layout {layout!r} (one of {', '.join(LAYOUTS)})")
        q, u, s = LAYOUTS[layout]
        self.query_url = query_url or env("ALLIANCEGRAPH_QUERY_URL") or self.base + q
        self.update_url = update_url or env("ALLIANCEGRAPH_UPDATE_URL") or self.base + u
        self.store_url = store_url or env("ALLIANCEGRAPH_GSP_URL") or self.base + s
        self.timeout = float(timeout or env("ALLIANCEGRAPH_REMOTE_TIMEOUT") or 10.0)
        self.session = requests.Session()
        retry = Retry(total=retries, connect=retries, read=retries, backoff_factor=0.2,
                      status_forcelist=(502, 503, 504), allowed_methods=None,
                      raise_on_status=False)
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        user, password = auth or (env("ALLIANCEGRAPH_REMOTE_USER"), env("ALLIANCEGRAPH_REMOTE_PASSWORD"))
        if user and password:
            self.session.auth = (HTTPDigestAuth(user, password)
                                 if layout == "virtuoso" else (user, password))

    def __repr__(self) -> str:
        return f"RemoteStore({self.base!r})"

    def _send(self, method: str, url: str, **kw: Any) -> requests.Response:
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kw)
        except requests.RequestException as e:
            raise StoreError(f"remote store {self.base} unreachable (timeout {self.timeout:g} s): "
                             f"{type(e).__name__}") from e
        if response.status_code >= 500 or response.status_code in (401, 403, 404, 405):
            raise StoreError(f"remote store {url} answered {response.status_code}: "
                             f"{response.text[:300].strip()}")
        return response

    def query(self, sparql: str, accept: str = RESULTS_ACCEPT) -> requests.Response:
        """POST a query (SPARQL 1.1 Protocol); QueryError for a query the server rejects."""
        response = self._send("POST", self.query_url, data={"query": sparql},
                              headers={"Accept": accept})
        if response.status_code >= 400:
            raise QueryError(query_error_message(response.text.strip()))
        return response

    def results(self, sparql: str) -> Any:
        """Run a query and parse the answer into pyoxigraph results, like an embedded store."""
        response = self.query(sparql)
        kind = response.headers.get("Content-Type", "").split(";")[0].strip()
        if kind == _JSON:
            return ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        if kind in _GRAPH_TYPES:
            return [q.triple for q in ox.parse(response.content, _GRAPH_TYPES[kind])]
        raise StoreError(f"remote store {self.base} answered with unexpected type {kind!r}")

    def update(self, sparql: str) -> None:
        """POST a SPARQL update."""
        response = self._send("POST", self.update_url, data={"update": sparql})
        if response.status_code >= 400:
            raise QueryError(query_error_message(response.text.strip()))

    def ping(self) -> None:
        """Fail early, with a clear StoreError, if the server cannot be reached."""
        self.query("ASK {}")

    def put_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        """Replace one named graph (Graph Store Protocol PUT) with these triples."""
        triples = (q.triple if isinstance(q, ox.Quad) else q for q in quads)
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        response = self._send("PUT", self.store_url, params={"graph": graph.value}, data=body,
                              headers={"Content-Type": _NTRIPLES})
        if response.status_code >= 400:
            raise StoreError(f"remote store refused graph <{graph.value}>: {response.status_code}"
                             f" {response.text[:300].strip()}")

    def delete_graph(self, graph: ox.NamedNode) -> None:
        """Remove one named graph (Graph Store Protocol DELETE); absent is fine."""
        try:
            self._send("DELETE", self.store_url, params={"graph": graph.value})
        except StoreError as e:
            if " answered 404" not in str(e):
                raise

    def graphs(self) -> set[str]:
        """The IRIs of the named graphs the server holds."""
        rows = self.results("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {row["g"].value for row in rows}

    def dump(self, out: IO[bytes], prefix: str = "") -> int:
        """Write the named graphs whose IRI starts with `prefix` as N-Quads, one Graph Store
        Protocol GET per graph (works on Oxigraph, Fuseki and Virtuoso alike, and leaves out
        the server's own graphs on a shared server). Returns the number of graphs."""
        names = sorted(g for g in self.graphs() if g.startswith(prefix))
        for iri in names:
            graph = self._send("GET", self.store_url, params={"graph": iri},
                               headers={"Accept": f"{_NTRIPLES}, text/turtle;q=0.5"})
            if graph.status_code >= 400:
                raise StoreError(f"remote store refused graph <{iri}>: {graph.status_code}")
            kind = graph.headers.get("Content-Type", "").split(";")[0].strip()
            triples = ox.parse(graph.content, _GRAPH_TYPES.get(kind, ox.RdfFormat.N_TRIPLES))
            ox.serialize((ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(iri))
                          for q in triples), out, ox.RdfFormat.N_QUADS)
        return len(names)
