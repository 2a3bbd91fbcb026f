"""Maps a :class:`~kb.records.Claim` to ``kb:Claim``
(https://w3id.org/declarations/ontology#Claim), checked by ``shapes/claim.ttl``.

A claim is identified by its span in the source (``statement/{source}/claim/{start}-{end}``)
and carries its stance (a ``kbs:`` concept), its target and the exact quote.
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, count, text
from kb.namespaces import KB, RDF
from kb.records import Claim


def claim_triples(claim: Claim, ctx: MapContext) -> Iterator[Triple]:
    """Stance, target, quote, offsets and source of one claim."""
    node = ctx.minter.claim(ctx.source_name, claim.span)
    yield node, RDF.type, KB.Claim
    yield node, KB.stance, claim.stance.iri
    yield node, KB.target, text(claim.target)
    yield node, KB.quote, text(claim.quote)
    yield node, KB.startOffset, count(claim.span.start)
    yield node, KB.endOffset, count(claim.span.end)
    yield node, KB.source, ctx.minter.source(ctx.source_name)
