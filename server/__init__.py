"""HTTP and the command line over the store. Depends on `loaders`, never the other way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Flask is imported when an app is made, so query workers start lighter
    from flask import Flask

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
    "SPARQL_FAST_PATH": True,  # plain GET /sparql?query= without Flask (server/fastpath.py)
    "ADMIN_TOKEN": None,  # turns on /update and /store (Bearer token); see server/admin.py
}

def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The WSGI application: /sparql, /update and /store, the home page and entity pages.

    Without `test_config`, settings come from `ALLIANCEGRAPH_*` environment variables
    (`ALLIANCEGRAPH_STORE`, `ALLIANCEGRAPH_SPARQL_TIMEOUT=2`, `ALLIANCEGRAPH_ADMIN_TOKEN`).
    """
    from flask import Flask

    from server import admin, browse, errors, sparql
    from server.engine import Engine

    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env("ALLIANCEGRAPH")
    else:
        app.config.update(test_config)
    app.extensions["alliancegraph.engine"] = Engine(app.config)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(browse.bp)
    errors.init_app(app)
    if app.config["SPARQL_FAST_PATH"]:
        from server.fastpath import FastPath

        app.wsgi_app = FastPath(app, app.wsgi_app)  # type: ignore[method-assign]
    return app
