"""Maps the city an :class:`~kb.records.Event` was held in to ``kb:Place``
(https://w3id.org/declarations/ontology#Place), checked by ``shapes/place.ttl``.

The records carry a place as the city and country of an event, so this mapper takes
the event. The place's IRI is ``place/{cc}/{city}`` (``xx`` for an unknown country).
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, label, text
from kb.namespaces import KB, RDF, SKOS
from kb.records import Event


def place_triples(event: Event, ctx: MapContext) -> Iterator[Triple]:
    """The event's city with its country code, if the event names a city."""
    if not event.city:
        return
    node = ctx.minter.place(event.place or event.city, event.country)
    yield node, RDF.type, KB.Place
    yield node, SKOS.prefLabel, label(event.place or event.city)
    if event.country:
        yield node, KB.countryCode, text(event.country.upper())
