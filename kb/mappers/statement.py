"""Maps a :class:`~kb.records.Statement` to ``kb:Statement``
(https://w3id.org/declarations/ontology#Statement), checked by ``shapes/statement.ttl``.

A source carries one statement, so the statement's IRI comes from the source's name.
:func:`statement_triples` maps the statement's own fields; :func:`statement_links`
relates it to the other records of its document (signatories, authors, claims, events).

The ``kb:adoptedAt`` rule: a statement was adopted at the *first* event of its document
when that event is ``reported`` (it took place) and the statement is of a kind that a
meeting issues (joint statement, declaration or resolution). Reports, letters, appeals
and press releases are written *about* meetings, not issued by them, so they only get
``kb:reports`` / ``kb:announces`` / ``kb:refersTo``.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from kb.errors import KbError
from kb.mappers.context import MapContext, Triple, date, text
from kb.namespaces import DCTERMS, KB, KBK, KINDS, RDF
from kb.records import Event, ParsedDocument, Statement

#: Kinds of statement a meeting issues: the only ones that get ``kb:adoptedAt``.
ISSUED_BY_MEETINGS = frozenset({"joint-statement", "declaration", "resolution"})

#: How the statement relates to an event, by the event's status.
EVENT_RELATIONS = {"reported": KB.reports, "announced": KB.announces, "referenced": KB.refersTo}


def statement_triples(statement: Statement, ctx: MapContext) -> Iterator[Triple]:
    """The statement node: title, date, kind and source.

    :raises KbError: if the kind is not one of :data:`kb.namespaces.KINDS`.
    """
    node = ctx.minter.statement(ctx.source_name)
    yield node, RDF.type, KB.Statement
    yield node, KB.source, ctx.minter.source(ctx.source_name)
    if statement.title:
        yield node, DCTERMS.title, text(statement.title)
    if statement.date is not None:
        yield node, KB.statementDate, date(statement.date)
    if statement.kind is not None:
        yield node, KB.kind, kind_concept(statement.kind)


def kind_concept(kind: str) -> URIRef:
    """The ``kbk:`` concept of a statement kind.

    :raises KbError: if ``kind`` is not one of :data:`kb.namespaces.KINDS`.
    """
    if kind not in KINDS:
        raise KbError(f"statement kind {kind!r} is unknown", hint=f"use one of {', '.join(KINDS)}")
    return KBK[kind]


def statement_links(document: ParsedDocument, ctx: MapContext) -> Iterator[Triple]:
    """Signatories, authors (resolved mentions only), claims and events of the statement."""
    node = ctx.minter.statement(ctx.source_name)
    minter = ctx.minter
    for mention in document.signatories:
        if mention.org_id:
            yield node, KB.signatory, minter.organisation(mention.org_id)
    for mention in document.authors:
        if mention.org_id:
            yield node, KB.author, minter.organisation(mention.org_id)
    for claim in document.claims:
        yield node, KB.claim, minter.claim(ctx.source_name, claim.span)
    for event in document.events:
        yield node, event_relation(event), minter.event(event, ctx.source_name)
    adopted = adopted_at(document)
    if adopted is not None:
        yield node, KB.adoptedAt, minter.event(adopted, ctx.source_name)


def event_relation(event: Event) -> URIRef:
    """``kb:reports``, ``kb:announces`` or ``kb:refersTo``, by the event's status."""
    try:
        return EVENT_RELATIONS[event.status]
    except KeyError:
        raise ValueError(f"event status {event.status!r} is not one of {sorted(EVENT_RELATIONS)}") from None


def adopted_at(document: ParsedDocument) -> Event | None:
    """The event that issued the statement, by the rule in this module's docstring."""
    if document.statement.kind not in ISSUED_BY_MEETINGS or not document.events:
        return None
    first = document.events[0]
    return first if first.status == "reported" else None
