"""Records to triples: one pure mapper per record type, gathered in :data:`MAPPERS`.

Each mapper is a generator ``mapper(record, ctx) -> Iterator[Triple]`` with no I/O and no
state; :func:`map_records` is the only place that chooses a mapper by a record's type,
and :func:`map_document` lists every record of one resolved source.

>>> from kb.mint import Minter
>>> from kb.records import Claim, Span
>>> from kb.namespaces import Stance
>>> ctx = MapContext(Minter(), "example")
>>> claim = Claim(Stance.CONDEMN, "NATO", "We condemn NATO", Span(0, 15))
>>> len(list(map_records([claim], ctx)))
7
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kb.mappers.claim import claim_triples
from kb.mappers.context import MapContext, Mapper, Triple
from kb.mappers.event import event_triples
from kb.mappers.mention import mention_triples
from kb.mappers.organisation import mention_label_triples, organisation_triples
from kb.mappers.person import person_triples
from kb.mappers.source import source_triples
from kb.mappers.statement import statement_links, statement_triples
from kb.mint import Minter
from kb.records import (
    Claim, Event, OrgMention, Organisation, ParsedDocument, Person, ResolvedDocument, Source, Statement,
)

#: The one registry: record type -> mapper. Series and places come with their event.
MAPPERS: dict[type, Mapper] = {
    Source: source_triples,
    Statement: statement_triples,
    Event: event_triples,
    Claim: claim_triples,
    Person: person_triples,
    OrgMention: mention_triples,
    Organisation: organisation_triples,
}


def map_records(records: Iterable[object], ctx: MapContext) -> Iterator[Triple]:
    """The triples of each record, in order, by the mapper :data:`MAPPERS` gives its type.

    :raises TypeError: for a record of a type no mapper handles (a bug, not bad input).
    """
    for record in records:
        mapper = MAPPERS.get(type(record))
        if mapper is None:
            known = ", ".join(sorted(t.__name__ for t in MAPPERS))
            raise TypeError(f"no mapper for {type(record).__name__} (mapped types: {known})")
        yield from mapper(record, ctx)


def map_document(resolved: ResolvedDocument, *, minter: Minter) -> Iterator[Triple]:
    """Every triple one source contributes: its document, statement, events (with their
    series and places), claims, persons, each organisation mention as a ``kb:Mention``,
    and the organisations it names, with the statement's links to all of these.

    :raises KbError: for input no IRI or literal can be made from (see the mappers).
    """
    document = resolved.document
    ctx = MapContext(minter, document.source.name)
    mentions = document_mentions(document)
    records = (
        document.source,
        document.statement,
        *document.events,
        *document.claims,
        *document.persons,
        *mentions,
        *resolved.organisations,
    )
    yield from map_records(records, ctx)
    yield from statement_links(document, ctx)
    yield from mention_label_triples(resolved.organisations, mentions, ctx)


def document_mentions(document: ParsedDocument) -> tuple[OrgMention, ...]:
    """Every distinct organisation mention of a document, in the order first met."""
    found: list[OrgMention] = [*document.mentions, *document.signatories, *document.authors]
    for event in document.events:
        found += [*event.hosts, *event.participants]
    found += [person.organisation for person in document.persons if person.organisation is not None]
    return tuple(dict.fromkeys(found))


__all__ = ["MAPPERS", "MapContext", "Mapper", "Triple", "document_mentions", "map_document", "map_records"]
