"""Maps a :class:`~kb.records.Source` to ``kb:SourceDocument``
(https://w3id.org/declarations/ontology#SourceDocument), checked by ``shapes/source.ttl``.

The document's IRI comes from its name (the file stem); its metadata, when given,
adds where and when it was published.
"""

from __future__ import annotations

from collections.abc import Iterator

from kb.mappers.context import MapContext, Triple, date, text, web_iri
from kb.namespaces import DCTERMS, KB, RDF, SCHEMA
from kb.records import Source


def source_triples(source: Source, ctx: MapContext) -> Iterator[Triple]:
    """The source document: file name, digest, and the metadata's url, publisher, date, language.

    :raises SourceError: if the metadata's url is not an absolute http(s) IRI.
    """
    node = ctx.minter.source(source.name)
    yield node, RDF.type, KB.SourceDocument
    yield node, KB.fileName, text(source.path.name)
    yield node, KB.sha256, text(source.sha256)
    meta = source.meta
    if meta is None:
        return
    if meta.url:
        yield node, SCHEMA.url, web_iri(meta.url, field="url")
    if meta.publisher:
        yield node, DCTERMS.publisher, text(meta.publisher)
    if meta.published is not None:
        yield node, DCTERMS.issued, date(meta.published)
    if meta.language:
        yield node, DCTERMS.language, text(meta.language)
