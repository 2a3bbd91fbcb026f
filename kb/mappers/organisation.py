"""Maps an :class:`~kb.records.Organisation` to ``kb:Organisation``
(https://w3id.org/declarations/ontology#Organisation), checked by ``shapes/organisation.ttl``.

One ``skos:prefLabel`` (the preferred name); aliases, and every distinct way a source
writes the name (:func:`mention_label_triples`), are ``skos:altLabel`` — never equal to
the ``skos:prefLabel``, as SKOS requires the two to be disjoint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kb.mappers.context import MapContext, Triple, label, text, web_iri
from kb.namespaces import KB, RDF, SCHEMA, SKOS
from kb.records import Organisation, OrgMention


def organisation_triples(organisation: Organisation, ctx: MapContext) -> Iterator[Triple]:
    """Name, aliases, country, kind and external identifiers.

    :raises SourceError: if a ``same_as`` entry is not an absolute http(s) IRI.
    """
    node = ctx.minter.organisation(organisation.id)
    name = label(organisation.name)
    yield node, RDF.type, KB.Organisation
    yield node, SKOS.prefLabel, name
    for alias in organisation.aliases:
        if label(alias) != name:
            yield node, SKOS.altLabel, label(alias)
    if organisation.country:
        yield node, KB.countryCode, text(organisation.country.upper())
    if organisation.kind:
        yield node, KB.orgKind, text(organisation.kind)
    for iri in organisation.same_as:
        yield node, SCHEMA.sameAs, web_iri(iri, field=f"organisation {organisation.id!r} same_as")


def mention_label_triples(
    organisations: Iterable[Organisation], mentions: Iterable[OrgMention], ctx: MapContext
) -> Iterator[Triple]:
    """``skos:altLabel`` for each resolved mention whose text differs from its organisation's name."""
    names = {organisation.id: label(organisation.name) for organisation in organisations}
    for mention in mentions:
        name = names.get(mention.org_id) if mention.org_id else None
        written = label(mention.text)
        if name is not None and str(written) and written != name:
            yield ctx.minter.organisation(mention.org_id), SKOS.altLabel, written
