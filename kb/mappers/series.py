"""Maps the series an :class:`~kb.records.Event` belongs to to ``kb:EventSeries``
(https://w3id.org/declarations/ontology#EventSeries), checked by ``shapes/series.ttl``.

The records carry a series as the name and acronym of an event, so this mapper takes
the event. The series' IRI comes from its acronym when there is one, else its name
(the same key the event's own IRI uses); the name is the ``skos:prefLabel`` and the
acronym an ``skos:altLabel`` (or the ``skos:prefLabel`` when no name is given).
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, label
from kb.namespaces import KB, RDF, SKOS
from kb.records import Event


def series_triples(event: Event, ctx: MapContext) -> Iterator[Triple]:
    """The event's series, if it names one."""
    key = event.series_acronym or event.series
    if not key:
        return
    node = ctx.minter.series(key)
    yield node, RDF.type, KB.EventSeries
    yield node, SKOS.prefLabel, label(event.series or key)
    if event.series and event.series_acronym and label(event.series) != label(event.series_acronym):
        yield node, SKOS.altLabel, label(event.series_acronym)
