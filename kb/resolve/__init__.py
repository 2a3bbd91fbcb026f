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
    return resolve_document(doc, resolver)[0]


def resolve_document(doc: ParsedDocument, resolver: Resolver, looked_up: list | None = None,
                     blocks: list | None = None) -> tuple[ResolvedDocument, tuple[tuple[str, str | None], ...]]:
    """Resolve one document's mentions as :func:`resolve_documents` does (``organisations`` left
    empty), and list the ``(text, country)`` of each mention that made a new organisation, in
    order: the only change resolving makes to ``resolver`` (:meth:`Resolver.replay` redoes it).
    ``looked_up``, when given, receives the ``(text, country)`` of every mention resolved, and
    ``blocks`` what each look-up by word block saw (:attr:`Resolver.recorder`)."""
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

    resolver.recorder = blocks
    try:
        resolved = _filled(doc, fill)
    finally:
        resolver.recorder = None
    mints = tuple((key[1], key[2]) for key, r in seen.items() if r.method == "new")
    if looked_up is not None:
        looked_up.extend(dict.fromkeys((key[1], key[2]) for key in seen))
    return ResolvedDocument(document=resolved, resolutions=tuple(seen.values())), mints


def _filled(doc: ParsedDocument, fill: _Resolve) -> ParsedDocument:
    return replace(
        doc,
        events=tuple(_resolve_event(e, fill) for e in doc.events),
        signatories=tuple(map(fill, doc.signatories)),
        authors=tuple(map(fill, doc.authors)),
        mentions=tuple(map(fill, doc.mentions)),
        persons=tuple(_resolve_person(p, fill) for p in doc.persons),
    )


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
    "load_registry", "resolve_document", "resolve_documents",
]
