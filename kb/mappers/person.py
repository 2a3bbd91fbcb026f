"""Maps a :class:`~kb.records.Person` to ``kb:Person``
(https://w3id.org/declarations/ontology#Person), checked by ``shapes/person.ttl``.

A person's IRI comes from the name (``person/{slug}``); the post is kept as the text
gives it, and the organisation the person speaks for is ``kb:memberOf`` once resolved.
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, label
from kb.namespaces import KB, RDF, SKOS
from kb.records import Person


def person_triples(person: Person, ctx: MapContext) -> Iterator[Triple]:
    """Name, post and organisation of a person."""
    node = ctx.minter.person(person.name, person.organisation.org_id if person.organisation else None)
    yield node, RDF.type, KB.Person
    yield node, SKOS.prefLabel, label(person.name)
    if person.post:
        yield node, KB.post, label(person.post)
    if person.organisation is not None and person.organisation.org_id:
        yield node, KB.memberOf, ctx.minter.organisation(person.organisation.org_id)
