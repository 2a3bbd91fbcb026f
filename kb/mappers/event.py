"""Maps an :class:`~kb.records.Event` to ``kb:Event``
(https://w3id.org/declarations/ontology#Event), checked by ``shapes/event.ttl``.

Dates are typed by their precision (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``).
Hosts and participants are linked when the resolver gave them an organisation id; their
mention nodes are mapped by :mod:`kb.mappers.mention`. The event's series and place nodes
come with it (:mod:`kb.mappers.series`, :mod:`kb.mappers.place`), so a mapped event never
points at a node that has no triples.
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, count, date, label, ordinal, text
from kb.mappers.place import place_triples
from kb.mappers.series import series_triples
from kb.namespaces import KB, RDF, SKOS
from kb.records import Event


def event_triples(event: Event, ctx: MapContext) -> Iterator[Triple]:
    """The event node, then its series and place nodes."""
    yield from event_node_triples(event, ctx)
    yield from series_triples(event, ctx)
    yield from place_triples(event, ctx)


def event_node_triples(event: Event, ctx: MapContext) -> Iterator[Triple]:
    """The event's own triples: name, edition, series, dates, place, hosts, participants, counts."""
    minter = ctx.minter
    node = minter.event(event, ctx.source_name)
    yield node, RDF.type, KB.Event
    if event.name:
        yield node, SKOS.prefLabel, label(event.name)
    if event.ordinal is not None:
        yield node, KB.ordinal, ordinal(event.ordinal)
    series = event.series_acronym or event.series
    if series:
        yield node, KB.inSeries, minter.series(series)
    if event.start is not None:
        yield node, KB.startDate, date(event.start)
    if event.end is not None:
        yield node, KB.endDate, date(event.end)
    if event.city:
        yield node, KB.heldIn, minter.place(event.place or event.city, event.country)
    if event.country:
        yield node, KB.countryCode, text(event.country.upper())
    for host in event.hosts:
        if host.org_id:
            yield node, KB.hostedBy, minter.organisation(host.org_id)
    for participant in event.participants:
        if participant.org_id:
            yield node, KB.participant, minter.organisation(participant.org_id)
    if event.participant_count is not None:
        yield node, KB.participantCount, count(event.participant_count)
    if event.country_count is not None:
        yield node, KB.countryCount, count(event.country_count)
