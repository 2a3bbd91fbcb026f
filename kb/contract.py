"""The JSON view of one parsed declaration: the contract ``kb parse FILE --json`` prints.

Field names and shapes are fixed (outside tools and the evaluation read them); fields may be
added, never renamed or dropped. ``quote == text[start:end]`` for every claim; every ORG is
``{"mention": <exact text>, "id": <organisation IRI>}``.
"""

from __future__ import annotations

from pathlib import Path

from kb.mint import Minter
from kb.records import Event, OrgMention, PartialDate, Person, ResolvedDocument


def _date(value: PartialDate | None) -> str | None:
    return value.iso if value is not None else None


def _org(mention: OrgMention, minter: Minter) -> dict:
    iri = str(minter.organisation(mention.org_id)) if mention.org_id else None
    return {"mention": mention.text, "id": iri, "start": mention.span.start, "end": mention.span.end}


def _orgs(mentions: tuple[OrgMention, ...], minter: Minter) -> list[dict]:
    return [_org(m, minter) for m in mentions]


def _event(event: Event, minter: Minter, source: str) -> dict:
    return {
        "id": str(minter.event(event, source)),
        "name": event.name, "ordinal": event.ordinal, "series": event.series, "series_acronym": event.series_acronym,
        "start": _date(event.start), "end": _date(event.end), "city": event.city, "country": event.country,
        "hosts": _orgs(event.hosts, minter), "participants": _orgs(event.participants, minter),
        "participant_count": event.participant_count, "country_count": event.country_count, "status": event.status,
    }


def _person(person: Person, minter: Minter) -> dict:
    org = _org(person.organisation, minter) if person.organisation else None
    return {"name": person.name, "post": person.post, "organisation": org, "start": person.span.start, "end": person.span.end}


def document_json(resolved: ResolvedDocument, *, minter: Minter | None = None) -> dict:
    """The contract's JSON object for one resolved document."""
    minter = minter or Minter()
    doc = resolved.document
    mentions: dict[str, list[str]] = {}
    for mention in (*doc.mentions, *doc.signatories, *doc.authors,
                    *(m for e in doc.events for m in (*e.hosts, *e.participants))):
        if mention.org_id:
            mentions.setdefault(mention.org_id, [])
            if mention.text not in mentions[mention.org_id]:
                mentions[mention.org_id].append(mention.text)
    organisations = [
        {"id": str(minter.organisation(o.id)), "name": o.name, "country": o.country, "mentions": mentions.get(o.id, [])}
        for o in resolved.organisations if o.id in mentions
    ]
    statement = doc.statement
    return {
        "source": str(Path(doc.source.path)),
        "statement": {"title": statement.title, "date": _date(statement.date), "kind": statement.kind},
        "events": [_event(e, minter, doc.source.name) for e in doc.events],
        "signatories": _orgs(doc.signatories, minter),
        "authors": _orgs(doc.authors, minter),
        "organisations": organisations,
        "persons": [_person(p, minter) for p in doc.persons],
        "claims": [
            {"stance": c.stance.value, "target": c.target, "quote": c.quote, "start": c.span.start, "end": c.span.end}
            for c in doc.claims
        ],
        "notes": list(doc.notes),
    }
