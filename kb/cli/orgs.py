"""``kb orgs``: the curation view of organisations (issue 4).

A thin shell: parse the sources (``kb.build.parse_sources``), resolve them
(:func:`kb.resolve.resolve_documents`), print with the pure formatters below.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from kb.records import OrgMention, ResolvedDocument
from kb.resolve.report import Suspicion, suspicions


def _roles(doc: ResolvedDocument) -> Iterable[tuple[str, OrgMention]]:
    d = doc.document
    for event in d.events:
        yield from (("host", m) for m in event.hosts)
        yield from (("participant", m) for m in event.participants)
    yield from (("signatory", m) for m in d.signatories)
    yield from (("author", m) for m in d.authors)
    yield from (("mention", m) for m in d.mentions)
    yield from (("member", p.organisation) for p in d.persons if p.organisation is not None)


def organisation_lines(docs: Sequence[ResolvedDocument]) -> list[str]:
    """One block per organisation (sorted by id): its id, name, country, kind and whether the
    registry knows it, then one line per mention — source and offsets, role, the text as
    written, and how it was resolved (method, score, candidate)."""
    orgs = {o.id: o for d in docs for o in d.organisations}
    rows: dict[str, set[tuple]] = defaultdict(set)
    for doc in docs:
        how = {r.mention.strip(): r for r in doc.resolutions}
        for role, mention in _roles(doc):
            r = how.get(mention.text.strip())
            method = "?" if r is None else r.method + (f" {r.score:.3f}" if r.score is not None else "")
            also = f" ~ {r.candidate.id}?" if r is not None and r.candidate is not None else ""
            rows[mention.org_id or ""].add((doc.document.source.name, mention.span.start, mention.span.end,
                                            role, mention.text, method + also))
    lines = []
    for org_id in sorted(orgs):
        org = orgs[org_id]
        tags = ", ".join(x for x in (org.country, org.kind, "registry" if org.curated else "NEW") if x)
        lines.append(f"{org.id}  {org.name}  [{tags}]")
        for source, start, end, role, text, method in sorted(rows[org_id]):
            lines.append(f"    {source}:{start}-{end}  {role:<11} {text!r}  {method}")
    return lines


def suspicion_lines(found: Sequence[Suspicion]) -> list[str]:
    """One line per suspicion, with the curation row that settles it."""
    if not found:
        return ["nothing suspicious"]
    return [f"{s.kind:<10} {s.score:.3f}  {s.a!r} ~ {s.b!r}  (settle with [[same_as]] or [[not_same_as]] a/b in curation.toml)"
            for s in found]


@click.command("orgs")
@click.option("--sources", type=click.Path(file_okay=False, path_type=Path), default="sources", show_default=True,
              help="Folder of source texts; the registry is its registry/ folder.")
@click.option("--suspicious", is_flag=True, help="List fuzzy merges and look-alikes kept apart, for a curator.")
def orgs(sources: Path, suspicious: bool) -> None:
    """Show every organisation with its mentions, sources, roles and how each was resolved.

    \b
    Example:
        kb orgs --sources sources
        kb orgs --suspicious
    """
    from kb.build import resolve_sources  # the build's own stages, imported late on purpose

    resolved = resolve_sources(sources)
    docs, resolver = resolved.documents, resolved.resolver
    if suspicious:
        lines = suspicion_lines(suspicions(resolver, (r for d in docs for r in d.resolutions)))
    else:
        lines = organisation_lines(docs)
    click.echo("\n".join(lines))
