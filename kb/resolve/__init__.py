"""Resolve: organisation mentions to entities (DESIGN.md, "resolve").

:class:`Resolver` judges one mention at a time against the curated registry under
``sources/registry/``; :func:`resolve_documents` walks every mention of parsed documents in a
fixed order and fills their ``org_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from kb.records import Event, OrgMention, Organisation, ParsedDocument, Person, Resolution, ResolvedDocument
from kb.resolve.countries import country_code
from kb.resolve.registry import KINDS, CuratorPair, Registry, Series, load_registry
from kb.resolve.resolver import Resolver

_Resolve = Callable[[OrgMention], OrgMention]


def _resolve_event(event: Event, fill: _Resolve) -> Event:
    return replace(event, hosts=tuple(map(fill, event.hosts)), participants=tuple(map(fill, event.participants)))


def _resolve_person(person: Person, fill: _Resolve) -> Person:
    if person.organisation is None:
        return person
    return replace(person, organisation=fill(person.organisation))


def _resolve_document(doc: ParsedDocument, resolver: Resolver) -> ResolvedDocument:
    seen: dict[tuple, Resolution] = {}
    filled: dict[OrgMention, OrgMention] = {}  # a mention listed several times is filled once

    def fill(mention: OrgMention) -> OrgMention:
        done = filled.get(mention)
        if done is not None:
            return done
        key = (mention.span, mention.text, mention.country)
        if key not in seen:
            seen[key] = resolver.resolve(mention.text, mention.country)
        done = filled[mention] = replace(mention, org_id=seen[key].organisation.id)
        return done

    resolved = replace(
        doc,
        events=tuple(_resolve_event(e, fill) for e in doc.events),
        signatories=tuple(map(fill, doc.signatories)),
        authors=tuple(map(fill, doc.authors)),
        mentions=tuple(map(fill, doc.mentions)),
        persons=tuple(_resolve_person(p, fill) for p in doc.persons),
    )
    return ResolvedDocument(document=resolved, resolutions=tuple(seen.values()))


def resolve_documents(docs: Sequence[ParsedDocument], resolver: Resolver) -> tuple[ResolvedDocument, ...]:
    """Resolve every organisation mention of ``docs``, sorted by source name.

    Within a document mentions are taken in a fixed order — events' hosts and participants,
    signatories, authors, mentions, persons' organisations — and a mention met twice (same
    span, text and country) is resolved once. Each result lists the organisations the
    document names, as they stand after all documents (sorted by id), and its resolutions.
    The ``resolver`` remembers new organisations, so a name new in one document is known in
    the next. Raises ``ValueError`` for a mention with no letters or digits.
    """
    partial = [_resolve_document(doc, resolver) for doc in sorted(docs, key=lambda d: d.source.name)]
    return tuple(
        replace(r, organisations=tuple(sorted({resolver.get(x.organisation.id) for x in r.resolutions})))
        for r in partial
    )


__all__ = [
    "KINDS", "CuratorPair", "Organisation", "Registry", "Resolver", "Series", "country_code",
    "load_registry", "resolve_documents",
]
