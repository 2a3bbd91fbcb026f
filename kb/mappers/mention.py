"""Maps an :class:`~kb.records.OrgMention` to ``kb:Mention``
(https://w3id.org/declarations/ontology#Mention), checked by ``shapes/mention.ttl``.

A mention is the span of the source that names an organisation; its IRI is the source's
IRI with an RFC 5147 fragment (``source/{name}#char={start},{end}``). It ``kb:denotes``
the organisation once the resolver has given it an id.
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, count, text
from kb.namespaces import KB, RDF
from kb.records import OrgMention


def mention_triples(mention: OrgMention, ctx: MapContext) -> Iterator[Triple]:
    """The exact text, offsets, source and (when resolved) the organisation of a mention."""
    node = ctx.minter.mention(ctx.source_name, mention.span)
    yield node, RDF.type, KB.Mention
    yield node, KB.quote, text(mention.text)
    yield node, KB.startOffset, count(mention.span.start)
    yield node, KB.endOffset, count(mention.span.end)
    yield node, KB.source, ctx.minter.source(ctx.source_name)
    if mention.org_id:
        yield node, KB.denotes, ctx.minter.organisation(mention.org_id)
