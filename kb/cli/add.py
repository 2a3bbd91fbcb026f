"""``kb add``: a thin shell over :func:`kb.add.add`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kb.add import AdditionReport, add
from kb.additions import ADDITION_FORMATS
from kb.namespaces import DEFAULT_BASE_IRI

_SUFFIXES = (".txt", *sorted(ADDITION_FORMATS))


@click.command("add")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="Name of the new source (default: the file's stem); lower-case letters, digits, hyphens.")
@click.option("--url", help="Where the declaration was published (writes NAME.toml).")
@click.option("--published", help="Publication date YYYY[-MM[-DD]] (writes NAME.toml).")
@click.option("--publisher", help="Who published it (writes NAME.toml).")
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path), default=Path("sources"), show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Base IRI of the data's entities.")
@click.option("--store/--no-store", default=True, show_default=True, help="Also rebuild out/store.")
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@click.option("--full", is_flag=True, help="Validate the whole rebuilt graph, not only what the addition touches.")
@click.option("--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for another kb add to finish.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def add_command(ctx: click.Context, path: Path, name: str | None, url: str | None, published: str | None,
                publisher: str | None, sources: Path, out: Path, base_iri: str, store: bool, dry_run: bool,
                full: bool, wait: float, fmt: str) -> None:
    """Add a declaration (PATH.txt, with PATH.toml beside it or --url/--published/--publisher)
    or RDF made elsewhere (.ttl, .trig, .nt, .jsonld) — only if the result is valid.

    Exit status: 0 accepted, 1 rejected (nothing written), 2 usage error.

    \b
    Example:
        kb add new-statement.txt --published 2024-05-01 --publisher "Example Party"
        kb add colleague.ttl --dry-run --format json
    """
    meta = {k: v for k, v in (("url", url), ("published", published), ("publisher", publisher)) if v is not None}
    if path.suffix.lower() not in _SUFFIXES:
        raise click.BadParameter(f"unsupported file type '{path.suffix}'; use one of {', '.join(_SUFFIXES)}", param_hint="PATH")
    if meta and path.suffix.lower() != ".txt":
        raise click.UsageError("--url, --published and --publisher apply to declarations (.txt) only")
    result = add(path, sources_dir=sources, out_dir=out, meta=meta, name=name, dry_run=dry_run, with_store=store,
                 full_check=full, base_iri=base_iri, wait=wait)
    show(result, fmt)
    ctx.exit(0 if result.accepted else 1)


def show(result: AdditionReport, fmt: str) -> None:
    """Print the report: JSON on stdout, or one line per problem (errors on stderr)."""
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    for problem in result.problems:
        click.echo(problem.line_text(), err=problem.severity == "error")
    if not result.accepted:
        count = len(result.errors)
        click.echo(f"rejected {result.file}: {count} problem{'s' if count != 1 else ''}; nothing was written", err=True)
        return
    verb = "would add" if result.dry_run else "added"
    checked = (f"validated {result.focus_nodes} nodes in a graph of {result.context_triples} triples" if result.focus_nodes
               else f"validated the whole graph of {result.context_triples} triples")
    click.echo(f"{verb} {result.file} ({result.kind}, {result.triples} triples; {checked})")
    for path in result.written:
        click.echo(f"  wrote {path}")
