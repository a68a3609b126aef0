"""The `alliancegraph` command: a click group whose commands each call one plain function."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from loaders import __version__
from loaders.errors import AgError
from loaders.paths import store_location

# Each command imports what it needs inside its body, on purpose: spaCy, pyshacl, owlready2
# and gunicorn take seconds to import, and `alliancegraph query` or `--help` should not wait.

STORE_HELP = "Store directory or SPARQL endpoint URL (default data/store, or $ALLIANCEGRAPH_STORE)."


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


F = TypeVar("F", bound=Callable[..., Any])


def store_option(f: F) -> F:
    """The `--store` option every command that touches the store takes."""
    return click.option("--store", "store", default=None, help=STORE_HELP)(f)


@main.command()
@store_option
@click.option("--only", default=None, metavar="ID", help="Rebuild one source's graph only.")
@click.option("--allow-invalid", is_flag=True,
              help="Load despite validation problems; record them in the report graph.")
def build(store: str | None, only: str | None, allow_invalid: bool) -> None:
    """Extract every source into triples/, validate, reason and load the store."""
    from loaders.store.build import build as run_build

    click.echo(run_build(store_location(store), only=only, allow_invalid=allow_invalid).line())


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Flask's development server instead of gunicorn.")
@click.option("--workers", default=2, show_default=True, type=int, help="Web processes.")
@click.option("--threads", default=4, show_default=True, type=int,
              help="Query worker processes per web process (each runs one query at a time).")
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="Seconds before a query is stopped and answered 503.")
def serve(store: str | None, host: str, port: int, debug: bool, workers: int, threads: int,
          timeout: float) -> None:
    """Serve the SPARQL endpoint and the browser."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from loaders.store.curation import reconcile
    from loaders.store.decisions import log_location
    from server.serve import ServeOptions, ensure_store, run

    location = store_location(store)
    note = ensure_store(location)
    if note:
        click.echo(note)
    # In a child process: RocksDB's background threads started here would be missing in
    # the web processes gunicorn forks from this one, and their writes would hang.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        repaired = pool.submit(reconcile, location, log_location()).result()
    if repaired:
        click.echo(f"curation: the store caught up with the log ({repaired.decisions} decisions)")
    click.echo(f"serving {location} at http://{host}:{port}/sparql "
               f"({'debug' if debug else f'{workers} workers x {threads} threads'}, "
               f"timeout {timeout:g} s)")
    run(ServeOptions(store=location, host=host, port=port, debug=debug, workers=workers,
                     threads=threads, timeout=timeout))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--id", "article_id", default=None, help="Source id (default: the file stem).")
def extract(path: str, article_id: str | None) -> None:
    """Print the TriG (facts, claims, evidence) extracted from one plain-text article."""
    from loaders.rdf.catalog import read_article
    from loaders.rdf.triples import article_trig

    trig, warnings = article_trig(read_article(path, article_id))
    click.echo(trig, nl=False)
    for warning in warnings:
        click.echo(f"warning: {path}: {warning}", err=True)
    claims = trig.count(" a ag:Claim")
    click.echo(f"# {claims} claims extracted from {path}", err=True)


@main.command()
@store_option
@click.argument("query")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["table", "json", "csv", "tsv", "turtle", "ntriples"]),
              help="Default: table for SELECT/ASK, turtle for CONSTRUCT/DESCRIBE.")
def query(store: str | None, query: str, fmt: str | None) -> None:
    """Run SPARQL (a file name or the query text) against the store."""
    from loaders.store.query import run_query

    click.echo(run_query(store_location(store), query, fmt), nl=False)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check the ontology with HermiT, and data with SHACL, the check queries and HermiT.

    With no FILES: sources/catalog.ttl and triples/**/*.trig. Exit 1 on any problem.
    """
    from loaders.validation.validate import validate_files  # heavy imports (pyshacl, owlready2) only here

    report = validate_files(list(files))
    click.echo(report.text)  # its last line is the one-line summary
    if not report.conforms:
        sys.exit(1)


@main.command()
@store_option
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Directory for the dumps and void.ttl (default data/dumps).")
@click.option("--accepted", is_flag=True,
              help="Only the claims curators accepted, with VoID and the changes since the "
                   "previous release (default --out data/release).")
def export(store: str | None, out: str | None, accepted: bool) -> None:
    """Write N-Quads, TriG and JSON-LD dumps and a VoID description."""
    if accepted:
        from loaders.store.release import DEFAULT_RELEASE, release

        click.echo(release(store_location(store), out or DEFAULT_RELEASE).line())
        return
    from loaders.store.export import export as run_export

    click.echo(run_export(store_location(store), out or "data/dumps").line())


@main.group()
def user() -> None:
    """Accounts for curation."""


@user.command("add")
@store_option
@click.argument("name")
@click.option("--role", type=click.Choice(["curator", "admin"]), default="curator",
              show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def user_add(store: str | None, name: str, role: str, password_stdin: bool) -> None:
    """Add an account (or set its password and role), kept beside the store."""
    from server.pages.accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    account = add_user(store_location(store), name, role, password)
    click.echo(f"user {account.name} ({account.role}) saved in {store_location(store)}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
