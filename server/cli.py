"""The `alliancegraph` command: a click group whose commands each call one plain function."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from loaders import __version__
from loaders.errors import AgError
from loaders.paths import Project, project_dir, store_location

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


def project_option(f: F) -> F:
    """`--project DIR`: the project to work on (default $ALLIANCEGRAPH_PROJECT, else the
    current directory)."""
    return click.option("--project", "project", default=None, metavar="DIR",
                        type=click.Path(file_okay=False),
                        help="Project directory (default: $ALLIANCEGRAPH_PROJECT, else the "
                             "current directory).")(f)


def jobs_option(f: F) -> F:
    return click.option("--jobs", "-j", default=None, type=click.IntRange(min=1),
                        help="Extraction processes (default: all cores).")(f)


def _project(option: str | None) -> Project:
    from loaders.rdf.project import require

    return require(project_dir(option))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Make DIRECTORY a project: sources/ with an empty catalog, and triples/."""
    from loaders.rdf.project import init_project

    click.echo(init_project(project_dir(directory)))


@main.command()
@project_option
@click.argument("files", nargs=-1, required=True)
@click.option("--id", "article_id", default=None, help="Source id (default: the file stem).")
@click.option("--title", default=None, help="The headline, if the text states one.")
@click.option("--creator", default=None, help="The author, if the text names one.")
@click.option("--publisher", default=None, help="The publisher, if the text names one.")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Date of publication.")
@click.option("--url", default=None, help="The page the text was copied from.")
@click.option("--replace", is_flag=True, help="Replace a different text under the same id.")
@click.option("--build", "then_build", is_flag=True, help="Then build the store.")
@store_option
@jobs_option
def add(project: str | None, files: tuple[str, ...], article_id: str | None,
        title: str | None, creator: str | None, publisher: str | None, date: str | None,
        url: str | None, replace: bool, then_build: bool, store: str | None,
        jobs: int | None) -> None:
    """Add texts (files, directories of *.txt, globs, or - for standard input) to the project:
    copy, catalog, extract into triples/."""
    from loaders.rdf.catalog import SourceMeta
    from loaders.rdf.project import add as run_add

    proj = _project(project)
    meta = SourceMeta(title=title, creator=creator, publisher=publisher, date=date, url=url)
    summary = run_add(proj, list(files), meta, article_id, replace, jobs)
    for line in summary.lines:
        click.echo(line, err=line.startswith("warning:"))
    click.echo(f"{len(summary.added)} added, {len(summary.unchanged)} already there")
    if then_build and summary.added:
        _build(proj, store, None, False, jobs)


@main.command()
@project_option
@click.argument("article_id", metavar="ID")
def remove(project: str | None, article_id: str) -> None:
    """Take a source out of the catalog (its text and claims are kept in removed/ID/)."""
    from loaders.rdf.project import remove as run_remove

    click.echo(run_remove(_project(project), article_id))


@main.command()
@project_option
@store_option
@jobs_option
@click.option("--only", default=None, metavar="ID", help="Rebuild one source's graph only.")
@click.option("--allow-invalid", is_flag=True,
              help="Load despite validation problems; record them in the report graph.")
@click.option("--extract-only", is_flag=True, help="Extract into triples/; touch no store.")
@click.option("--shard", default=None, metavar="K/N",
              help="With --extract-only: this machine's share, K of N (by hash of the id).")
def build(project: str | None, store: str | None, jobs: int | None, only: str | None,
          allow_invalid: bool, extract_only: bool, shard: str | None) -> None:
    """Extract every source into triples/, validate, reason and load the store."""
    proj = _project(project)
    if shard is not None and not extract_only:
        raise click.UsageError("--shard goes with --extract-only")
    if extract_only:
        _extract_only(proj, shard, jobs)
    else:
        _build(proj, store, only, allow_invalid, jobs)


def _extract_only(proj: Project, shard: str | None, jobs: int | None) -> None:
    from loaders.rdf.transaction import project_lock
    from loaders.store.build import extract_shard

    k, n = 1, 1
    if shard is not None:
        try:
            k, n = (int(x) for x in shard.split("/"))
        except ValueError:
            raise click.BadParameter(f"{shard!r} is not K/N, e.g. 2/4", param_hint="--shard") from None
    with project_lock(proj):
        written = extract_shard(proj.catalog_file, proj.triples_dir, (k, n), jobs)
    click.echo(f"extracted shard {k}/{n}: {written} triples files written into {proj.triples_dir}")


def _build(proj: Project, store: str | None, only: str | None, allow_invalid: bool,
           jobs: int | None) -> None:
    from loaders.rdf.transaction import project_lock
    from loaders.store.build import build as run_build

    with project_lock(proj):
        summary = run_build(store_location(store, proj), only=only, allow_invalid=allow_invalid,
                            triples_dir=proj.triples_dir, catalog_file=proj.catalog_file,
                            jobs=jobs)
    click.echo(summary.line())


@main.command()
@project_option
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Flask's development server instead.")
@click.option("--server", "server_name", type=click.Choice(["granian", "gunicorn"]),
              default="granian", show_default=True,
              help="The HTTP server (granian: Rust-backed, the fastest; gunicorn: the former).")
@click.option("--workers", default=2, show_default=True, type=int, help="Web processes.")
@click.option("--threads", default=4, show_default=True, type=int,
              help="Query worker processes per web process (each runs one query at a time).")
@click.option("--timeout", default=30.0, show_default=True, type=float,
              help="Seconds before a query is stopped and answered 503.")
def serve(project: str | None, store: str | None, host: str, port: int, debug: bool,
          server_name: str, workers: int, threads: int, timeout: float) -> None:
    """Serve the SPARQL endpoint and the browser (building the project's store first if
    there is none)."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor
    from dataclasses import replace

    from loaders.errors import StoreError
    from loaders.store.curation import reconcile
    from loaders.store.decisions import log_path
    from loaders.store.versions import current_version, is_remote
    from server.serve import ServeOptions, check, ensure_port_free, run

    options = ServeOptions(store=None, host=host, port=port, debug=debug, workers=workers,
                           threads=threads, timeout=timeout, server=server_name)
    try:
        check(options)
        ensure_port_free(host, port)
    except ValueError as e:  # a setting that does not fit the chosen server, or a busy port
        raise click.ClickException(str(e)) from None
    proj = project_dir(project)
    location = store_location(store, proj)
    if not is_remote(location):
        try:
            current_version(location)
        except StoreError:
            click.echo("no store yet: building it first")
            _build(_project(project), location, None, False, None)
    # The server records curation decisions into this project's log and shows its texts.
    os.environ.setdefault("ALLIANCEGRAPH_CURATION_LOG", str(log_path(proj.triples_dir)))
    os.environ.setdefault("ALLIANCEGRAPH_CATALOG_FILE", str(proj.catalog_file))
    if not is_remote(location):
        # In a child process: RocksDB's background threads started here would be missing in
        # the web processes gunicorn forks from this one, and their writes would hang.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            repaired = pool.submit(reconcile, location,
                                   Path(os.environ["ALLIANCEGRAPH_CURATION_LOG"])).result()
        if repaired:
            click.echo(f"curation: the store caught up with the log ({repaired.decisions} decisions)")
    click.echo(f"serving {location} at http://{host}:{port}/sparql "
               f"({'debug' if debug else f'{server_name}, {workers} workers x {threads} threads'}, "
               f"timeout {timeout:g} s)")
    run(replace(options, store=location))


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
@project_option
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def validate(project: str | None, files: tuple[str, ...]) -> None:
    """Check the ontology with HermiT, and data with SHACL, the check queries and HermiT.

    With no FILES: sources/catalog.ttl and triples/**/*.trig. Exit 1 on any problem.
    """
    from loaders.validation.validate import validate_files  # heavy imports (pyshacl, owlready2) only here

    catalog = _project(project).catalog_file if not files or project else None
    report = validate_files(list(files), catalog=catalog) if catalog else validate_files(list(files))
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
