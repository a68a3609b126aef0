"""The `alliancegraph` command: a click group whose commands each call one plain function."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from loaders import __version__
from loaders.errors import AgError
from loaders.paths import store_location

STORE_HELP = "Store directory or SPARQL endpoint URL (default data/store, or $ALLIANCEGRAPH_STORE)."


def _not_yet(what: str) -> NoReturn:
    raise click.ClickException(f"{what}: not yet implemented")


class AgGroup(click.Group):
    """Turns project errors into a one-line message and exit 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AgError as e:
            raise click.ClickException(str(e)) from e


@click.group(cls=AgGroup)
@click.version_option(__version__, prog_name="alliancegraph")
def main() -> None:
    """AllianceGraph: a knowledge graph of security alliances, with evidence for every fact."""


def store_option(f):  # type: ignore[no-untyped-def]
    return click.option("--store", "store", default=None, help=STORE_HELP)(f)


@main.command()
@store_option
def build(store: str | None) -> None:
    """Extract every source into triples/, validate, reason and load the store."""
    _not_yet("build")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Flask's development server instead of gunicorn.")
def serve(store: str | None, host: str, port: int, debug: bool) -> None:
    """Serve the SPARQL endpoint and the browser."""
    _not_yet("serve")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--id", "article_id", default=None, help="Source id (default: the file stem).")
def extract(path: str, article_id: str | None) -> None:
    """Print the TriG (facts, claims, evidence) extracted from one plain-text article."""
    _not_yet("extract")


@main.command()
@store_option
@click.argument("query")
def query(store: str | None, query: str) -> None:
    """Run SPARQL (a file name or the query text) against the store."""
    _not_yet("query")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check the ontology with HermiT, and data with SHACL, the check queries and HermiT."""
    _not_yet("validate")


@main.command()
@store_option
def export(store: str | None) -> None:
    """Write N-Quads, TriG and JSON-LD dumps and a VoID description."""
    _not_yet("export")


@main.group()
def user() -> None:
    """Accounts for curation."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["curator", "admin"]), default="curator")
@click.option("--password-stdin", is_flag=True)
def user_add(name: str, role: str, password_stdin: bool) -> None:
    """Add an account (the curation workflow is not built yet)."""
    _not_yet("user add")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
