"""The ``kb`` command: a thin shell over the library.

Exit codes: 0 success; 1 invalid input or a SHACL violation (a :class:`~kb.errors.KbError`,
printed as one message, no traceback); 2 a usage error (click's own, and SPARQL syntax
errors). Anything else is a bug and is shown with its traceback.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from kb.build import BuildResult, build, parse_file
from kb.errors import KbError, ValidationError
from kb.namespaces import DEFAULT_BASE_IRI
from kb.records import PartialDate

SOURCES = Path("sources")
OUT = Path("out")


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> PartialDate | None:
    try:
        return PartialDate.from_iso(value) if value else None
    except KbError as exc:
        raise click.BadParameter(str(exc)) from exc


def report(result: BuildResult, *, verbose: bool = False) -> None:
    """Print the build report: counts, then what a curator should look at."""
    counts = ", ".join(f"{result.count(w)} {w}" for w in ("statements", "events", "organisations", "claims"))
    click.echo(f"built {counts}; {result.triples} triples; conforms to the shapes")
    for path in result.outputs:
        click.echo(f"  wrote {path}")
    if result.new_organisations:
        click.echo(f"{len(result.new_organisations)} organisations not in the registry (new entities; add rows to sources/registry/organisations.toml):")
        shown = result.new_organisations if verbose else result.new_organisations[:15]
        for org in shown:
            click.echo(f"  {org.name}" + (f" ({org.country})" if org.country else ""))
        if len(shown) < len(result.new_organisations):
            click.echo(f"  … and {len(result.new_organisations) - len(shown)} more (--verbose lists all; `kb orgs` shows each)")
    for resolution in result.doubtful:
        candidate = resolution.candidate
        click.echo(f"doubtful: {resolution.mention!r} kept apart from {candidate.name!r} (similarity {resolution.score or 0:.2f}); "
                   "confirm with a same_as / not_same_as row in sources/registry/curation.toml")
    for warning in result.warnings:
        click.echo(f"warning: {warning}")


def _silent(stage: str) -> None:
    """Prints nothing (``--quiet``)."""


def _stage_printer():
    """One line per stage on stderr with the time the previous one took; in a terminal the
    line is rewritten in place, in CI and pipes each stage stays on its own line."""
    started = [time.perf_counter(), None]

    def show(stage: str) -> None:
        now = time.perf_counter()
        if started[1] is not None:
            click.echo(f"  {started[1]}: {now - started[0]:.1f}s", err=True)
        started[:] = [now, stage]
        if stage == "done":
            return
        end = "\r" if sys.stderr.isatty() else "\n"
        click.echo(f"… {stage}", err=True, nl=False)
        click.echo(end, err=True, nl=False)

    return show


class InputError(click.ClickException):
    """A :class:`KbError` as click shows it: ``Error: <message>`` on stderr, exit status 1."""

    exit_code = 1


class KbGroup(click.Group):
    """The one place where a KbError becomes a message and an exit status."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KbError as exc:
            raise InputError(str(exc)) from exc


@click.group(cls=KbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="declarations-kb")
def cli() -> None:
    """A linked-data knowledge base of political declarations.

    \b
    Example:
        kb build                 # sources/ -> out/kb.ttl, out/kb.trig, out/store
        kb query events          # a named query over the built store
    """


@cli.command("build")
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path), default=SOURCES, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=OUT, show_default=True)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Base IRI of the data's entities.")
@click.option("--store/--no-store", default=True, show_default=True, help="Also load the output into out/store.")
@click.option("-v", "--verbose", is_flag=True, help="List every new organisation.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines on stderr.")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="SHACL engine: the shapes compiled to SPARQL on pyoxigraph, or pySHACL.")
def build_command(sources: Path, out: Path, base_iri: str, store: bool, verbose: bool, quiet: bool, engine: str) -> None:
    """Build the knowledge base from SOURCES: parse, resolve, map, validate, write.

    Nothing is written unless the whole graph conforms to the shapes.

    \b
    Example:
        kb build --sources sources --out out
    """
    progress = _silent if quiet else _stage_printer()
    report(build(sources, out, base_iri=base_iri, with_store=store, engine=engine, progress=progress), verbose=verbose)


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="SHACL engine: the shapes compiled to SPARQL on pyoxigraph, or pySHACL.")
def validate_command(files: tuple[Path, ...], engine: str) -> None:
    """Check Turtle, TriG or N-Triples FILES against the shapes.

    \b
    Example:
        kb validate out/kb.ttl
    """
    from kb.validate import validate_files

    result = validate_files(files, engine=engine)
    if not result.conforms:
        raise ValidationError(f"{len(result.violations)} problem(s):\n{result}", report=result)
    click.echo(f"{', '.join(map(str, files))}: conforms to the shapes")


@cli.command("parse")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", callback=_published, help="Publication date YYYY[-MM[-DD]]; overrides the metadata.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract (default: a short summary).")
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path), default=SOURCES, show_default=True,
              help="Folder whose registry/ resolves organisation names.")
def parse_command(file: Path, published: PartialDate | None, as_json: bool, sources: Path) -> None:
    """Parse one declaration FILE and print what it says.

    \b
    Example:
        kb parse sources/cpi-report-imcwp.txt --published 2019-10-23 --json
    """
    data = parse_file(file, published=published, registry_dir=sources)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    statement = data["statement"]
    click.echo(f"{file}: {statement['kind']}, title {statement['title']!r}, date {statement['date']}")
    for event in data["events"]:
        click.echo(f"  event {event['name']!r} {event['start']}..{event['end']} {event['city']} {event['country']} "
                   f"({len(event['participants'])} participants, {len(event['hosts'])} hosts)")
    click.echo(f"  {len(data['signatories'])} signatories, {len(data['claims'])} claims, {len(data['persons'])} persons")


def _register() -> None:
    from kb.cli.add import add_command
    from kb.cli.orgs import orgs
    from kb.cli.store import load, query

    for command in (add_command, query, load, orgs):
        cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point (``kb``)."""
    cli()
