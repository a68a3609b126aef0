"""HTTP and the command line over the store. Depends on `loaders`, never the other way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from server.runtime.config import DEFAULTS

if TYPE_CHECKING:  # Flask is imported when an app is made, so query workers start lighter
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The WSGI application: /sparql, /update and /store, the home page and entity pages.

    Without `test_config`, settings come from `ALLIANCEGRAPH_*` environment variables
    (`ALLIANCEGRAPH_STORE`, `ALLIANCEGRAPH_SPARQL_TIMEOUT=2`, `ALLIANCEGRAPH_ADMIN_TOKEN`).
    """
    from flask import Flask

    from server import errors
    from server.api import admin, sparql
    from server.pages import auth, browse, classes, curate, graph, linked, ontology, query, search, source
    from server.runtime.engine import Engine

    app = Flask(__name__, template_folder="pages/templates", static_folder="pages/static")
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env("ALLIANCEGRAPH")
    else:
        app.config.update(test_config)
    app.extensions["alliancegraph.engine"] = Engine(app.config)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(browse.bp)
    for pages in (source, linked, search, classes, ontology, query, graph):
        app.register_blueprint(pages.bp)
    auth.init_app(app)
    curate.init_app(app)
    errors.init_app(app)
    if app.config["SPARQL_FAST_PATH"]:
        from server.api.fastpath import FastPath

        app.wsgi_app = FastPath(app, app.wsgi_app)  # type: ignore[method-assign]
    from server.api.limiter import Limiter

    app.wsgi_app = Limiter(app.extensions["alliancegraph.engine"],  # type: ignore[method-assign]
                           app.wsgi_app)
    return app
