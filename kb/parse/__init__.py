"""Parse: a declaration's text (plus its metadata) into a :class:`~kb.records.ParsedDocument`.

Stages, each its own module: :mod:`~kb.parse.structure` (segments), :mod:`~kb.parse.statement`
(title, date, kind), :mod:`~kb.parse.dates`, :mod:`~kb.parse.events`, :mod:`~kb.parse.roles`
(lists and their roles), :mod:`~kb.parse.orgs` (mentions), :mod:`~kb.parse.persons`,
:mod:`~kb.parse.claims`. Every offset indexes the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kb.parse import events as ev
from kb.parse import roles
from kb.parse.event_dates import message_dates, weekday_dateline
from kb.parse.claims import extract_claims, load_lexicon, with_speakers
from kb.parse.cues import cues, inside, speech_spans
from kb.parse.dates import find_dates
from kb.parse.orgs import is_acronym, prose_mentions
from kb.parse.person_items import person_item
from kb.parse.persons import find_persons
from kb.parse.sentences import split_sentences
from kb.parse.statement import (
    closing_day, dateline_place, dateline_range, lead_paragraph, opening_dateline_end, read_statement, top_date,
)
from kb.parse.structure import segment
from kb.records import Event, OrgMention, ParsedDocument, PartialDate, Person, Segment, Source, Span
from kb.resolve.normalise import fold_tokens, split_name

_BODY = {"title", "paragraph", "item", "dateline", "signature"}


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """What the parser may know besides the text: the publication date (metadata or
    ``--published``) and curated names from the registry."""

    published: PartialDate | None = None
    series_acronyms: frozenset[str] = frozenset()
    known_names: frozenset[str] = field(default_factory=frozenset)


def _sentences(text: str, segments: tuple[Segment, ...]) -> list[Span]:
    """Sentences of the body; an opening dateline ("ALGIERS, 12 March 1978 —") is left out,
    so that its date and place are not read as the meeting's."""
    result: list[Span] = []
    for seg in segments:
        if seg.kind in _BODY:
            result.extend(split_sentences(text, seg.span) if seg.kind == "paragraph" else (seg.span,))
    first = lead_paragraph(text, segments)
    cut = opening_dateline_end(text, first.span) if first else None
    if cut is not None:
        result = [Span(cut, s.end) if s.start <= cut < s.end else s for s in result
                  if s.end > cut or not first.span.start <= s.start < first.span.end]  # the title above stays
    return result


def _without_opening_dateline(text: str, body: list[Segment]) -> list[Segment]:
    """The body with an opening dateline ("ALMATY, October 16 (Eurasia Today) – ") cut off its
    first paragraph: the place is no subject of the sentence after it."""
    lead = lead_paragraph(text, tuple(body))
    first = next((i for i, s in enumerate(body) if s is lead), None)
    cut = opening_dateline_end(text, body[first].span) if first is not None else None
    if cut is None:
        return body
    return body[:first] + [replace(body[first], span=Span(cut, body[first].span.end))] + body[first + 1 :]


def _default_year(text: str, statement_date: PartialDate | None, anchor: PartialDate | None,
                  title: Span | None = None) -> int | None:
    """The year a date without one takes: the document's own date (its date, or a year in its
    heading: "Lisbon, November 1994"), else a full date elsewhere in the text; a past month
    mentioned in passing ("in July 2006") does not count (EXTRACTION.md, "Dates")."""
    if statement_date is not None:
        return statement_date.year
    if title is not None:
        for mention in find_dates(title.slice(text)):
            if mention.year_given and mention.start is not None:
                return mention.start.year
    for mention in find_dates(text):
        if mention.year_given and mention.start is not None and mention.start.day is not None:
            return mention.start.year
    imprint = _IMPRINT.search(text, 0, _IMPRINT_REACH)  # a cover's "Prague 1966": where and when it was printed
    if imprint is not None:
        return int(imprint.group("year"))
    return anchor.year if anchor is not None else None


_IMPRINT = re.compile(r"^[ \t]*[A-ZÀ-Þ][\w’'.\-]+(?:[ \t]+[A-ZÀ-Þ][\w’'.\-]+){0,2},?[ \t]+(?P<year>1[89]\d\d|20\d\d)[ \t]*$",
                      re.MULTILINE)
_IMPRINT_REACH = 1500  # characters: a cover or title page


def _events(text: str, sentences: list[Span], lists: list[roles.RoleList], context: ev.DateContext,
            options: ParseOptions, delegations: list[OrgMention], place: str | None,
            headline: Span | None, days: tuple[PartialDate, PartialDate] | None = None,
            closing: PartialDate | None = None, signed: tuple[OrgMention, ...] = ()) -> tuple[Event, ...]:
    drafts = ev.collect(text, sentences, known_acronyms=options.series_acronyms, headline=headline)
    built = ev.build_events(text, drafts, context, sentences)
    owned = {id(lst): _owner(lst, built) for lst in lists if lst.participants}
    participants = tuple(m for lst in lists if lst.participants and owned[id(lst)] is None for m in lst.mentions)
    participants += tuple(delegations)
    if roles.signers_met(text, sentences) or roles.participants_sign(text, sentences):
        participants += tuple(m for lst in lists if lst.role == roles.SIGNATORY and not lst.late for m in lst.mentions
                              if not roles.absent_marked(text, m))
        participants += tuple(m for m in signed if len(signed) >= 2)  # the signatures at the foot, side by side
    if not any(main for _, main in built):  # a text announcing a meeting: its lists are that meeting's
        first = next((i for i, (event, _) in enumerate(built) if event.status == "announced"), None)
        owned = {key: first if value is None else value for key, value in owned.items()}
    result = []
    for index, (event, main) in enumerate(built):
        own = tuple(m for lst in lists if lst.participants and owned[id(lst)] == index for m in lst.mentions)
        if own:
            event = replace(event, participants=tuple(dict.fromkeys(event.participants + own)))
        finished = ev.hosts_take_part(text, ev.finish_main(event, participants, place, days, closing=closing, text=text)) if main else event
        if finished is not None:
            result.append(finished)
    return tuple(result)


def _owner(role_list: roles.RoleList, built: list[tuple[Event, bool]]) -> int | None:
    """The meeting other than the main one that a list of participants belongs to: the list
    lies in the sentence that reports that meeting ("The conference was organised by X and
    attended by A, B and C") and in none of the main meeting's. ``None``: the main meeting's."""
    def holds(event: Event) -> bool:
        return any(w.start <= role_list.span.start < w.end or role_list.span.start <= w.start < role_list.span.end
                   for w in event.evidence)
    if any(main and holds(event) for event, main in built):
        return None
    others = [i for i, (event, main) in enumerate(built) if not main and event.status != "announced" and holds(event)]
    return others[0] if len(others) == 1 else None


def parse_source(source: Source, *, options: ParseOptions = ParseOptions()) -> ParsedDocument:
    """Read one source. Never raises on any text; problems become ``notes``."""
    text = source.text
    segments = segment(text)
    sentences = _sentences(text, segments)
    lists = roles.bullet_lists(text, segments, reports_meeting=True) + roles.inline_lists(text, sentences, segments)
    signatories = tuple(m for lst in lists if lst.role == roles.SIGNATORY for m in lst.mentions)
    if roles.participants_sign(text, sentences):
        signatories += tuple(m for lst in lists if lst.role == roles.PARTICIPANT for m in lst.mentions)
    statement = read_statement(text, segments, has_signatories=bool(signatories))
    published = options.published or (source.meta.published if source.meta else None)
    anchor = published or top_date(text, segments) or statement.date
    context = ev.DateContext(anchor=anchor, default_year=_default_year(text, statement.date, anchor, statement.title_span),
                             later=tuple(sorted(message_dates(text) + weekday_dateline(text, anchor))))
    delegations = roles.delegations(text, sentences)
    authors = roles.signature(text, segments)
    events = _events(text, sentences, lists, context, options, delegations, dateline_place(text, segments),
                     _headline(text, segments, statement.title_span), dateline_range(text, segments), closing_day(text, segments),
                     signed=authors)
    signatories = signatories + tuple(a for a in authors if a not in signatories)  # signing at the foot is signing
    body = [s for s in segments if s.kind in {"title", "paragraph", "item"}]
    voices = authors + signatories + roles.lead_author(text, sentences, segments) + roles.publisher(text, segments)
    speakers = with_speakers(load_lexicon(), _speaker_names(text, voices))
    claims = extract_claims(text, _without_opening_dateline(text, body), lexicon=speakers)
    persons = _persons(text, body, sentences) + tuple(roles.signer_persons(text, segments))
    events = _with_delegates(text, events, persons, sentences)
    events = tuple(replace(e, hosts=_not_persons(e.hosts, persons), participants=_not_persons(e.participants, persons))
                   for e in events)
    events = _signing_hosts_take_part(events, signatories)
    events = tuple(replace(e, participants=ev.without_bare_acronyms(e.participants)) for e in events)
    mentions = _not_persons(_all_mentions(text, body, lists, events, signatories, authors, persons, options), persons)
    every = (*mentions, *signatories, *authors, *(m for e in events for m in e.hosts + e.participants),
             *(m for lst in lists for m in lst.mentions), *(p.organisation for p in persons if p.organisation))
    one = _one_per_span(every)
    events = tuple(replace(e, hosts=one(e.hosts), participants=one(e.participants)) for e in events)
    signatories, authors, mentions = one(signatories), one(authors), one(mentions)
    persons = tuple(replace(p, organisation=one((p.organisation,))[0]) if p.organisation else p for p in persons)
    notes = _notes(source, statement, events, published)
    return ParsedDocument(
        source=source, statement=statement, segments=segments, events=events, signatories=signatories,
        authors=authors, mentions=mentions, persons=persons, claims=claims, notes=notes,
    )


_SUBTITLE_WORDS = 20


def _headline(text: str, segments: tuple[Segment, ...], title: Span | None) -> Span | None:
    """The title, with the subtitle line printed under it ("Declaration of Montevideo" /
    "Meeting of Communist Parties of South America"): a single line that ends no sentence."""
    if title is None:
        return None
    after = next((s for s in segments if s.span.start >= title.end and s.kind != "noise"), None)
    if after is None or after.kind != "paragraph":
        return title
    line = after.span.slice(text).strip()
    if "\n" in line or len(line.split()) > _SUBTITLE_WORDS or line.endswith((".", ":", ";", ",", "!", "?")):
        return title
    return Span(title.start, after.span.end)


def _speaker_names(text: str, organisations: tuple[OrgMention, ...]) -> list[str]:
    """The names a text's own authors and signers go by in its prose: "Communist Party of
    Mexico (PCM)" (here or anywhere in the text) speaks as "Communist Party of Mexico" and as
    "PCM"."""
    names = []
    for mention in organisations:
        bracket = re.search(r"\(([^()]+)\)\s*$", mention.text)
        name = mention.text[: bracket.start()].strip() if bracket else mention.text
        names.append(name)
        bare = split_name(name).name  # "PROGRESSIVE DEMOCRATIC TRIBUNE — Bahrain" speaks without its country
        if bare and bare != name:
            names.append(bare)
        acronyms = [bracket.group(1).strip()] if bracket else []
        acronyms += [m.group(1) for m in _BRACKETED.finditer(text) if text[: m.start()].rstrip().endswith(name)]
        initials = _initials(name)
        if initials and re.search(rf"(?<![\w-]){initials}(?![\w-])", text):
            acronyms.append(initials)  # "Communist Party of Britain" speaks as "The CPB" too
        names += [a for a in dict.fromkeys(acronyms) if is_acronym(a)]
    return names


_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "el", "del"})


def _initials(name: str) -> str | None:
    """The acronym a name's initials spell ("Communist Party of Britain" → "CPB"), when it
    has three letters or more."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", name) if w.lower() not in _MINOR_WORDS]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


_BRACKETED = re.compile(r"\(\s*([^()\s]{2,12})\s*\)")


def _persons(text: str, body: list[Segment], sentences: list[Span]) -> tuple[Person, ...]:
    """Persons in prose, list items that name a person ("Jane Roe, President, Left Front"), and
    the persons of a list of speakers ("Speakers included Jane Roe (LF), …")."""
    found: list[Person] = [p for s in sentences for p in roles.speaker_list(text, s)]
    taken = [p.span for p in found]
    for seg in body:
        person = person_item(text, seg.span) if seg.kind == "item" else None
        for one in [person] if person is not None else find_persons(text, seg.span):
            if not any(t.start < one.span.end and one.span.start < t.end for t in taken) or one.span in taken:
                found.append(one)  # the same name read again: its post and organisation fill the speaker's gaps
    people: dict[str, Person] = {}  # one person named twice ("X, member of the CC of the PCA, …" / "For the PCA: X"):
    for one in sorted(found, key=lambda p: p.span.start):  # the first naming, its gaps filled by the later
        key = " ".join(one.name.split())
        first = people.get(key)
        people[key] = one if first is None else replace(
            first, post=first.post or one.post, organisation=first.organisation or one.organisation)
    return tuple(people.values())


def _all_mentions(text, body, lists, events, signatories, authors, persons, options) -> tuple[OrgMention, ...]:
    found: dict[Span, OrgMention] = {}
    names = [e.name_span for e in events if e.name_span is not None]
    listed = [m for lst in lists for m in lst.mentions]
    roles_ = [m for e in events for m in e.hosts + e.participants] + list(signatories) + list(authors)
    people = [p.organisation for p in persons if p.organisation is not None]
    for mention in listed + roles_ + people:
        found.setdefault(mention.span, mention)
    for seg in body:
        if seg.kind == "title":
            continue
        for mention in prose_mentions(text, seg.span, known=options.known_names):
            if not any(s.start <= mention.span.start < s.end for s in [*found, *names]):
                found.setdefault(mention.span, mention)
    return tuple(sorted(found.values()))


def _with_delegates(text: str, events: tuple[Event, ...], persons: tuple, sentences: list[Span]) -> tuple[Event, ...]:
    """A person who leads a delegation or speaks in the report of a meeting makes their
    organisation a participant of it ("the chair of the Russian delegation, O. V., member of …
    of X"; "Jane Roe, General Secretary of the Left Party, said …"). Quoted speech and an
    announced meeting do not count."""
    main = next((i for i, e in enumerate(events) if e.status == "reported"), None)
    if main is None:
        return events
    skip = speech_spans(text)
    found = tuple(p.organisation for p in persons if p.organisation is not None and _names_someone(p.organisation.text)
                  and not inside(p.span.start, skip) and _speaks_at_meeting(text, p, sentences))
    if not found:
        return events
    event = events[main]
    merged = replace(event, participants=tuple(dict.fromkeys(event.participants + found)))
    return events[:main] + (merged,) + events[main + 1 :]


def _not_persons(found: tuple[OrgMention, ...], persons: tuple[Person, ...]) -> tuple[OrgMention, ...]:
    """Mentions that are not a person read with a post or an organisation ("Among the speakers
    were X, deputy chair of the A, and Sonny Melencio, chair of the B": the B, not Sonny Melencio)."""
    names = [p.span for p in persons if p.post or p.organisation]
    return tuple(m for m in found if not any(n.start <= m.span.start and m.span.end <= n.end for n in names))


def _signing_hosts_take_part(events: tuple[Event, ...], signatories: tuple[OrgMention, ...]) -> tuple[Event, ...]:
    """A host of the reported meeting that also signs its statement took part in it ("under the
    auspices of the Party of Labour of Austria (PdA)" … "signed by: 1. Party of Labour of
    Austria (PdA), Austria")."""
    signing = {key for m in signatories for key in _org_keys(m.text)}
    main = next((i for i, e in enumerate(events) if e.status == "reported"), None)
    if main is None or not signing:
        return events
    event = events[main]
    joining = tuple(h for h in event.hosts if signing & _org_keys(h.text))
    if not joining:
        return events
    merged = replace(event, participants=tuple(dict.fromkeys(event.participants + joining)))
    return events[:main] + (merged,) + events[main + 1 :]


def _org_keys(mention: str) -> set[str]:
    """What a mention is known by: its name without qualifiers, and its acronyms."""
    parts = split_name(mention)
    return {k for k in (" ".join(fold_tokens(parts.name)), *parts.acronyms) if k}


def _names_someone(name: str) -> bool:
    """An organisation a person's post names, not "the Party" or "President of the Party": an
    acronym or a proper word beside its head words, and no post."""
    from kb.parse.orgs import lexicon
    from kb.parse.persons import names_a_post

    words = re.findall(r"[^\W\d_][\w’'-]*", name)
    proper = [w for w in words if w[:1].isupper() and w.lower() not in lexicon().heads and w.lower() != "the"]
    return bool(proper) and not names_a_post(name) or is_acronym(name.strip())


def _speaks_at_meeting(text: str, person: Person, sentences: list[Span]) -> bool:
    sentence = next((s for s in sentences if s.start <= person.span.start < s.end), None)
    if sentence is None or cues().announce.search(text, sentence.start, sentence.end):
        return False
    if re.search(r"\bdelegations?\b", text[max(sentence.start, person.span.start - 60) : person.span.start], re.I):
        return True
    after = person.organisation.span.end if person.organisation.span.end > person.span.end else person.span.end
    verb = cues().speaker_verbs.search(text, after, min(sentence.end, after + 40))
    before = cues().speaker_verbs.search(text, sentence.start, person.span.start)
    lead = min(person.span.start, person.organisation.span.start)  # "chaired by Socialist Alliance co-convenor X"
    if before is not None and _VERB_BY.search(text[max(sentence.start, lead - 60) : lead]):
        return True  # "chaired in its second session by X of the Y"
    return verb is not None or (before is not None and before.group().lower().startswith("address"))


_VERB_BY = re.compile(r"\b(?:opened|closed|chaired|addressed|greeted|presided(?:\s+over)?)\b[^.;]{0,40}\bby\s+(?:[A-Z]\w*\.?\s+)?$")


def _one_per_span(mentions: tuple[OrgMention, ...]):
    """Make every list use one mention per span: the reading that carries a country wins
    ("MPR-L" covered by a trailing "(Peru)" in a list, bare in prose)."""
    best: dict[Span, OrgMention] = {}
    for mention in mentions:
        if mention.span not in best or (best[mention.span].country is None and mention.country):
            best[mention.span] = mention

    def one(found: tuple[OrgMention, ...]) -> tuple[OrgMention, ...]:
        return tuple(dict.fromkeys(best.get(m.span, m) for m in found))

    return one


def _notes(source: Source, statement, events: tuple[Event, ...], published: PartialDate | None) -> tuple[str, ...]:
    notes = []
    if source.meta is None:
        notes.append(f"{source.path.name}: no metadata file; built from the text alone")
    for event in events:
        if event.start is None:
            label = event.name or "an unnamed meeting"
            why = "" if published else " (no publication date to resolve a relative date against)"
            notes.append(f"{source.path.name}: no date found for {label}{why}")
    return tuple(notes)


def parse_file(path, *, published: str | None = None) -> dict:
    """The JSON contract for one file (see :func:`kb.build.parse_file`); ``published`` is
    ``YYYY[-MM[-DD]]`` and overrides the metadata's publication date."""
    from pathlib import Path

    from kb.build import parse_file as _parse_file

    date = PartialDate.from_iso(published) if published else None
    return _parse_file(Path(path), published=date, registry_dir=Path("sources"))


__all__ = ["ParseOptions", "parse_file", "parse_source", "segment"]
