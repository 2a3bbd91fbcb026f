"""Who took part and who signed: organisation lists and the role their context gives them.

- A run of list items that names organisations is a list; its role comes from the lead-in
  before it ("Subscribing Parties:", "attended by:") or the sentence after it ("… have
  gathered in Istanbul"); a list with no cue belongs to the meeting when the text reports one.
- An inline list in a sentence takes its role from the words after it ("… held a meeting",
  "… signed") or before it ("with the participation of …").
- "A delegation from X attended / participated" makes X a participant.
- A short closing line naming an organisation (a signature) makes it the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.parse.cues import cues, inside, speech_spans
from kb.parse.orgs import (
    conjunction, inline_list, is_acronym, is_name_like, item_mention, item_mentions, list_mentions, mention_at, names_a_meeting,
    names_an_organ, org_evidence, organ_owner, past_delegation, prose_mentions,
)
from kb.parse.person_items import is_person_name, is_post, person_item, post_line, speaker_items
from kb.parse.persons import names_a_post
from kb.parse.structure import role_heading, row_label
from kb.places import is_city_name
from kb.records import OrgMention, Person, Segment, Span
from kb.resolve.countries import country_code, heading_names

PARTICIPANT, SIGNATORY = "participant", "signatory"
_LOOKAHEAD = 160


@dataclass(frozen=True, slots=True)
class RoleList:
    role: str | None  # participant | signatory | None (named, no role)
    mentions: tuple[OrgMention, ...]
    span: Span
    took_part: bool = False  # a signatory list whose lead-in also says they took part
    late: bool = False  # a signatory list whose lead-in says they signed after the meeting

    @property
    def participants(self) -> bool:
        return self.role == PARTICIPANT or self.took_part


def _item_runs(text: str, segments: tuple[Segment, ...]) -> list[tuple[int, int]]:
    """(first, last) indexes of runs of consecutive list items (country headings between
    groups of items belong to the run, and so does page furniture between numbered items
    that go on counting: "20. A" / a page's foot and head / "21. B" is one list). A numbered
    paragraph ending in a colon before items of another marker leads them in ("3. The following
    organisations took part:" / "– A" / "– B"): they are a run of their own. Notes under a
    numbered list ("(1) The list includes …", "(2) …") are no run at all."""
    runs, start, last, skip_to = [], None, None, None
    for index, seg in enumerate(segments + (Segment("end", Span(0, 0)),)):
        if seg.kind in {"item", "heading"}:
            if start is not None and (last != index - 1 and not _counts_on(segments[last], seg)
                                      or _leads_in(text, segments[last], seg) or _footnote_marks(segments[last], seg)):
                runs.append((start, last))
                start = None
            if start is None and index > 0 and _footnote_marks(segments[index - 1], seg):
                notes = index  # the notes run on while their markers do
                while notes + 1 < len(segments) and re.fullmatch(r"\(\d{1,2}\)", segments[notes + 1].marker or ""):
                    notes += 1
                skip_to = notes
            if start is None and skip_to is not None and index <= skip_to:
                continue
            start = index if start is None else start
            last = index
        elif seg.kind == "noise" and start is not None:
            continue
        elif start is not None:
            runs.append((start, last))
            start = None
    return runs


def _footnote_marks(before: Segment, after: Segment) -> bool:
    """"(1) The list includes only …" under "53. Communist Party USA": notes to a numbered list,
    restarting at one in bracketed numbers, are no items of it."""
    return bool(re.fullmatch(r"\(1\)", after.marker or "") and re.fullmatch(r"\d{1,3}[.)\-]", before.marker or ""))


def _leads_in(text: str, before: Segment, after: Segment) -> bool:
    return (before.kind == "item" and after.kind == "item" and before.span.slice(text).rstrip().endswith(":")
            and bool(re.match(r"\d", before.marker or "")) != bool(re.match(r"\d", after.marker or "")))


def _counts_on(before: Segment, after: Segment) -> bool:
    numbers = [re.match(r"\d{1,3}", s.marker or "") for s in (before, after)]
    return all(numbers) and int(numbers[1].group()) == int(numbers[0].group()) + 1


def _under_headings(text: str, segments: tuple[Segment, ...], first: int, last: int) -> tuple[list[Span], dict[int, str]]:
    """The item spans of a run, and the country code each item's heading gives (by span start)."""
    spans: list[Span] = []
    countries: dict[int, str] = {}
    country = None
    for seg in segments[first : last + 1]:
        if seg.kind == "noise":
            continue  # a page's head or foot inside the list
        if seg.kind == "heading" or role_heading(seg.span.slice(text)):  # "BRAZIL", "GUESTS"
            country = next((code for code in map(country_code, heading_names(seg.span.slice(text))) if code), None)
            continue
        span, row_country = seg.span, country
        label = row_label(seg.span.slice(text))
        parts = None
        if label is not None:  # "Mali: UNTM; Parti SADI": the country covers the row; "Observers: X"
            span = Span(text.index(":", seg.span.start) + 1, seg.span.end)
            row_country = country_code(label) or row_country
            if ";" not in span.slice(text) and "," in span.slice(text):  # "Observers: the A (WFDY), the B"
                listed = inline_list(text, span, minimum=2)
                parts = [m.span for m in listed] if len(listed) >= 2 else None
        for part in parts or _item_spans(text, span):
            spans.append(part)
            if row_country:
                countries[part.start] = row_country
    return spans, countries


def _lead_in_role(text: str, lead: Span) -> str | None:
    """The role a lead-in gives the list after it ("Signed by:", "The following parties have
    signed this statement:", "Taking part were:")."""
    chunk = lead.slice(text)[-_LOOKAHEAD * 2 :]
    if cues().signatories_before.search(chunk) or (chunk.rstrip().endswith(":") and cues().signatories_after.search(chunk)):
        return SIGNATORY
    if cues().participants_before.search(chunk) or re.search(r"\b(participants?|attend\w*|delegations?|took\s+part|taking\s+part|participated)\b", chunk, re.I):
        return PARTICIPANT
    return None


def _follow_role(text: str, after: Span) -> str | None:
    chunk = after.slice(text)[:_LOOKAHEAD]
    if cues().signatories_after.search(chunk):
        return SIGNATORY
    if cues().participants_after.search(chunk):
        return PARTICIPANT
    return None


def _item_spans(text: str, span: Span) -> list[Span]:
    """An item line may hold several names separated by semicolons."""
    parts, start = [], span.start
    for match in re.finditer(r";\s+", text[span.start : span.end]):
        parts.append(Span(start, span.start + match.start()))
        start = span.start + match.end()
    parts.append(Span(start, span.end))
    return [p for p in parts if p.end > p.start]


_SIGNS_FOR = re.compile(r"(?i:for|on\s+behalf\s+of)\s+(?:the\s+)?[A-ZÀ-Þ][^:\n]{2,150}?\s*[:\-–—,]\s*[A-ZÀ-Þ]")
_SIGNED_LATER = re.compile(r"\b(?:after\s+the\s+(?:\w+\s+)?(?:meeting|conference|event|seminar|session)|afterwards|later|subsequently)\b", re.I)
# "Subscribed after the meeting:", "Later signatures:": signed, but were not there
_TOOK_PART = re.compile(r"\b(?:participating|participants?|took part|taking part|attended|attending|present)\b"
                        r"|\b(?:signed|endorsed|adopted|approved)\s+at\s+the\s+(?:\w+\s+)?(?:meeting|conference|seminar|session)\b", re.I)


def _closes_text(segments: tuple[Segment, ...], last: int) -> bool:
    return all(seg.kind in {"dateline", "noise", "signature"} for seg in segments[last + 1 :])


def _item_or_person(text: str, span: Span) -> list[OrgMention]:
    """An item's organisations: the item itself, or the organisation a person speaks for
    ("Jane Roe, General Secretary, Left Front")."""
    label = _SIGN_LABEL.match(text, span.start, span.end)
    if label is not None:  # "Also signed after the meeting: Canada – Communist Party of Canada"
        span = Span(label.end(), span.end)
    unread = _UNREAD_SIGNER.match(text, span.start, span.end)
    if unread is not None:  # "Communist Party of Argentina: [illegible], International Secretary"
        found = mention_at(text, unread.start("org"), unread.end("org"), drop_article=False)
        return [found] if found is not None else []
    person = person_item(text, span)
    if person is not None:
        return [person.organisation] if person.organisation else []
    return item_mentions(text, span)


_UNREAD_SIGNER = re.compile(r"[ \t]*(?P<org>[^:\n\[\]]{3,120}?)[ \t]*:[ \t]*\[[^\[\]\n]{1,40}\](?:[ \t]*,[^\n]*)?[ \t]*$")
_SIGN_LABEL = re.compile(r"[ \t]*(?:[^:\n]{0,40}\s)?(?i:signed|subscribed|adhered|endorsed|joined)\b[^:\n]{0,40}:[ \t]+(?=\S)")


def _late_label(text: str, mention: OrgMention) -> bool:
    """A mention after a label that says it signed later, on its own line ("Also signed after
    the meeting: X")."""
    line = text.rfind("\n", 0, mention.span.start) + 1
    label = _SIGN_LABEL.match(text, line)
    return label is not None and label.end() <= mention.span.start and _SIGNED_LATER.search(text, line, label.end()) is not None


def bullet_lists(text: str, segments: tuple[Segment, ...], *, reports_meeting: bool) -> list[RoleList]:
    result = []
    for first, last in _item_runs(text, segments):
        if all(seg.kind == "noise" for seg in segments[:first]):
            continue  # lines under a masthead, before any title or prose: the publication's, not a list
        spans, countries = _under_headings(text, segments, first, last)
        if not spans:
            continue
        mentions = list_mentions(text, spans, read=_item_or_person)
        if not mentions:
            continue
        mentions = [_with_country(m, countries, spans) for m in mentions]
        before = first - 1
        while before > 0 and first - before <= 2 and segments[before].kind == "noise":
            before -= 1  # over a table's heading row and the rule under it
        lead = segments[before] if before >= 0 else None
        after = segments[last + 1] if last + 1 < len(segments) else None
        led = lead is not None and (lead.kind in {"paragraph", "title"} or (lead.kind == "item" and _leads_in(text, lead, segments[first])))
        role = _lead_in_role(text, lead.span) if led else None
        if role is None and after is not None and after.kind == "paragraph":
            role = _follow_role(text, after.span)
        if role is None and lead is not None and lead.kind == "paragraph" and _closes_text(segments, last):
            role = SIGNATORY  # names set under the last paragraph, with only a date after them, sign it
        if role is None and lead is not None and lead.kind == "dateline" and before > 0 \
                and any(seg.kind == "paragraph" for seg in segments[:before]):
            role = SIGNATORY  # names under the closing dateline ("Rome, 20 January 1974" / "World Peace Council" / …)
        if role is None and 2 * sum(bool(_SIGNS_FOR.match(text, s.start, s.end)) for s in spans) > len(spans):
            role = SIGNATORY  # "For the Partido Comunista de Chile: Ana Rosa Figueroa": signature lines
        if role is None and reports_meeting and len(mentions) >= 2:
            role = PARTICIPANT
        took_part = role == SIGNATORY and lead is not None and bool(_TOOK_PART.search(lead.span.slice(text)[-_LOOKAHEAD:]))
        late = role == SIGNATORY and led and bool(_SIGNED_LATER.search(lead.span.slice(text)[-_LOOKAHEAD:]))
        result.append(RoleList(role, tuple(mentions), Span(spans[0].start, spans[-1].end), took_part and not late, late))
    return result


def _with_country(mention: OrgMention, countries: dict[int, str], spans: list[Span]) -> OrgMention:
    """A mention under a country heading takes its country when it names none itself."""
    if mention.country:
        return mention
    item = next((s for s in spans if s.start <= mention.span.start < s.end), None)
    code = countries.get(item.start) if item else None
    return OrgMention(mention.span, mention.text, code) if code else mention


_ASIDE_END = re.compile(r",\s*(?:were|are)\s+(?:the\s+)?")
_ASIDE_BEFORE_VERB = re.compile(r",\s+[a-z][^,]{1,60},\s*(?=(?:were|are)\b)")


def _inline_role(text: str, sentence: Span, mentions: list[OrgMention]) -> str | None:
    before = Span(sentence.start, mentions[0].span.start).slice(text)[-_LOOKAHEAD:]
    before = _ASIDE_BEFORE_VERB.sub(" ", before)  # "Taking part in the meeting, in addition to the hosts, were"
    after = Span(mentions[-1].span.end, sentence.end)
    if cues().signatories_before.search(before):
        return SIGNATORY
    if cues().participants_before.search(before):
        return PARTICIPANT
    if before.rstrip().endswith(":") and cues().participants_after.search(before):
        return PARTICIPANT
    if before.rstrip().endswith(":") and cues().signatories_after.search(before):
        return SIGNATORY
    return _follow_role(text, after)


def _cued(text: str, lead: Span) -> bool:
    """A lead-in that names a role ("… accompanied us as guests:", "Signed by:")."""
    before = lead.slice(text)[-_LOOKAHEAD:]
    return bool(cues().participants_before.search(before) or cues().signatories_before.search(before))


def _list_region(text: str, sentence: Span) -> Span:
    """The part of a sentence after a lead-in colon ("The following took part: A; B; C"): the
    last colon, or an earlier one that list items follow ("Signed by: A; B; New Zealand: C; D")."""
    colons = [m.start() for m in re.finditer(r": ", text[sentence.start : sentence.end])]
    if not colons:
        return sentence
    listed = [c for c, after in zip(colons, colons[1:]) if ";" in text[sentence.start + c : sentence.start + after]]
    colon = sentence.start + (listed[0] if listed else colons[-1])
    return Span(colon + 2, sentence.end)


def _lead_ins(text: str, segments: tuple[Segment, ...]) -> dict[int, Span]:
    """Paragraph starts whose previous segment is a lead-in: ending with ':', or a heading in capitals."""
    leads = {}
    for previous, seg in zip(segments, segments[1:]):
        lead = previous.span.slice(text).rstrip()
        heading = not re.search(r"[a-z]", lead) and len(lead.split()) <= 20 and re.search(r"[A-Z]", lead)
        if seg.kind == "paragraph" and previous.kind in {"paragraph", "title"} and (lead.endswith(":") or heading):
            leads[seg.span.start] = previous.span  # "Taking part were:", "PARTIES THAT TOOK PART IN THE MEETING"
    return leads


def inline_lists(text: str, sentences: list[Span], segments: tuple[Segment, ...] = ()) -> list[RoleList]:
    skip = speech_spans(text)
    leads = _lead_ins(text, segments)
    result = []
    for sentence in sentences:
        if inside(sentence.start, skip):
            continue
        speakers = [p.organisation for p in speaker_list(text, sentence) if p.organisation is not None]
        region = _list_region(text, sentence)
        mentions = inline_list(text, region)
        if not mentions and region.start > sentence.start and _cued(text, Span(sentence.start, region.start)):
            mentions = inline_list(text, region, minimum=2)  # "… as guests: the A; the B.": two are a list after a cue
        elif not mentions:
            two = inline_list(text, region, minimum=2)  # "Guests of the Conference were the A (Norway) and the B (Sweden)."
            cue = cues().participants_before.search(text, sentence.start, two[0].span.start) if two else None
            if cue is not None and text[cue.end() : two[0].span.start].strip(" \t\n:").lower() in {"", "the"}:
                mentions = two  # the cue right before the first name
        if speakers and len(speakers) >= len(mentions):  # "Contributions were made by the A, the B, …": parties, not persons
            result.append(RoleList(PARTICIPANT, tuple(speakers), sentence))
            continue
        if not mentions or _names_a_meeting(mentions[0].text):
            continue  # "the Conference of Communist, Socialist and Progressive Parties of …": a name
        cue = _cue_inside(text, sentence, mentions)
        if cue is not None:
            before = [m for m in mentions if m.span.start < cue]
            after = [m for m in mentions if m.span.start >= cue]
            if before:
                result.append(RoleList(None, tuple(before), sentence))
            result.append(RoleList(PARTICIPANT, tuple(after), sentence))
            continue
        lead = leads.get(sentence.start)
        # "Taking part in the meeting, besides AKEL, were the A, the B …": the aside's name is
        # in the list, and the cue is read past it
        aside = len(mentions) > 1 and _ASIDE_END.fullmatch(text, mentions[0].span.end, mentions[1].span.start) is not None
        role = (_lead_in_role(text, lead) if lead else None) or _inline_role(text, sentence, mentions[1:] if aside else mentions)
        result.append(RoleList(role, tuple(mentions), sentence))
    return result


def speaker_list(text: str, sentence: Span) -> list[Person]:
    """The persons a sentence lists as speakers after a cue ("Speakers included …"), or []."""
    cue = cues().speaker_lists.search(text, sentence.start, sentence.end)
    if cue is None or inside(cue.start(), speech_spans(text)):
        return []
    clause = _RELATIVE.search(text, cue.end(), sentence.end)  # "…, Yannis Georgiou, who reminded …": the list ends
    return speaker_items(text, Span(cue.end(), clause.start() if clause else sentence.end))


_RELATIVE = re.compile(r",\s+(?:who|whom|whose|which)\b")


def _names_a_meeting(first: str) -> bool:
    """A run whose first chunk opens with a meeting noun ("Conference of Communist") is a
    meeting's name with commas in it, not a list."""
    head = first.split()[0].lower() if first.split() else ""
    return head in cues().nouns


def _cue_inside(text: str, sentence: Span, mentions: list[OrgMention]) -> int | None:
    """Where a participation cue splits an inline run ("convened at the initiative of X, and
    was attended by A, B and C"): the names after it take part, those before do not."""
    for cue in cues().participants_before.finditer(text, mentions[0].span.end, sentence.end):
        if any(m.span.start >= cue.end() for m in mentions):
            return cue.end()
    return None


_DELEGATION = re.compile(
    r"\b(?:[Aa]n?\s+|[Tt]he\s+)?(?i:delegations?|delegates|representatives?|observers?|envoys?|guests)\s+(?:of|from)\s+"
    r"(?P<org>(?:(?!\s(?:led|headed)\s+by\b|\s(?!united\b)[a-z]+ed\s|,?\s+while\s)[^.;:]){3,320}?)"  # "a delegation of the X headed by …, took part": the X
    # (a past verb or "while" ends the names: "the delegates of the A described …, while the B delegates spoke")
    r"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:participated|attended|took part|was present|were present|joined|followed|addressed|observed"
    r"|informed|briefed|spoke|reported|greeted|conveyed)\b"
    r"|\b(?i:delegations?)\s+(?:of|from)\s+(?:the\s+)?(?P<led>[^.;:,]{3,120}?)\s+(?:was\s+|were\s+)?(?:led|headed)\s+by\b"  # "a delegation of X led by"
)


_SERIES_HEAD = re.compile(r"\b(?i:delegations?|representatives?|envoys?)\s+of\s+(?:the\s+)?")
_SERIES_NEXT = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)of\s+(?:the\s+)?")
_SERIES_PRESENT = re.compile(r"\b(?:taking part|took part|present|attended|participat\w*|represented|in attendance)\b", re.I)
_CHUNK_END = re.compile(r",|\s+(?:led|headed|represented)\s+by\b|\s+from\s+(?=[A-Z])")


def _delegation_series(text: str, sentence: Span) -> list[OrgMention]:
    """"Taking part were delegations of the A from Morocco, led by …, of the B of Algeria and
    of the C": every "of the …" after the head names a participant."""
    head = _SERIES_HEAD.search(text, sentence.start, sentence.end)
    if head is None or not _SERIES_PRESENT.search(text, sentence.start, sentence.end):
        return []
    separators = list(_SERIES_NEXT.finditer(text, head.end(), sentence.end))
    if not separators:
        return []
    starts = [head.end()] + [m.end() for m in separators]
    limits = [m.start() for m in separators] + [sentence.end]
    found = []
    for start, limit in zip(starts, limits):
        stop = _CHUNK_END.search(text, start, limit)
        end = stop.start() if stop else limit
        mention = mention_at(text, start, end, drop_article=True)
        if mention is not None and (org_evidence(mention.text) or is_name_like(mention.text, max_words=8)):
            found.append(mention)
    return found if len(found) >= 2 else []


@cache
def _sent_someone() -> re.Pattern[str]:
    """"X sent two observers", "X was represented by …", "X greeted the conference by video message"."""
    nouns = "|".join(re.escape(n) for n in sorted(cues().nouns, key=len, reverse=True))
    return re.compile(
        r"\s*,?\s+(?:also\s+)?(?:sent|sends|send)\s+(?:a|an|its|their|\w+)?\s*(?:\w+\s+)?(?:delegations?|observers?|"
        r"representatives?|delegates?|messages?|greetings|contributions?)\b|\s+(?:was|were)\s+(?:also\s+)?represented\s+by\b"
        rf"|\s+(?:also\s+)?(?:greeted|saluted|addressed)\s+the\s+(?:\w+\s+){{0,2}}(?:{nouns}|participants|delegates)\b", re.I)
_CAME_FROM = re.compile(r"\b(?:observers?|delegates?|delegations?|representatives?|guests?)\s+(?:also\s+)?came\s+from\s+", re.I)


_MESSAGE_FROM = re.compile(
    r"\b(?:messages?|greetings|letters?)\s+(?:of\s+(?:\w+\s+){1,2})?(?:was|were|had\s+been|have\s+been)\s+(?:also\s+)?"
    r"(?:received|read(?:\s+out)?|sent|delivered)\s+(?:from|by|on\s+behalf\s+of)\s+"
    r"|\bvideo\s+(?:messages?|greetings?)\s+from\s+", re.I)  # "A video greeting from the X was also shown"


_INCLUDED_REPRESENTATIVES = re.compile(
    r"\b(?:included|including|and)\s+(?:an?\s+|two\s+|three\s+|several\s+)?(?:representatives?|delegates?)\s+(?:of|from)\s+", re.I)
_REPRESENTED_AT = re.compile(r"\brepresent(?:ed|ing)?\s+", re.I)
_ALSO_ATTENDED = re.compile(r"\b(?:took\s+part|attended|participated|were\s+present)\s*,?\s+(?:as\s+well\s+as|together\s+with|along\s+with)\s+", re.I)
_ATTENDED = re.compile(r"\s*,?\s+(?:also\s+)?(?:attended(?!\s+by\b)|took\s+part|participated|were\s+present|was\s+present"
                       r"|(?:joined|took\s+part|participated|spoke)\s+(?:by|via|through|over)\s+(?:a\s+)?(?:video|videoconference|zoom|"
                       r"video\s*link|video\s+conference|telephone|phone|internet)"  # "The X joined by video link"
                       r"|followed\s+the\s+(?:\w+\s+)?(?:discussions?|debates?|proceedings|meeting|work|deliberations)\s+as\s+observers?"
                       r"|sent\s+(?:\w+\s+)?(?:observers?|delegat\w+|representatives?))\b", re.I)  # "The ILO and the X sent observers"
_ATTENDED_BY = re.compile(r"\b(?:was|were|is|are|had\s+been|has\s+been)\s+(?:also\s+)?attended\s*,?\s*"
                          r"(?:(?:also\s+)?as\s+(?:guests|observers|invitees|fraternal\s+\w+)\s*,?\s*)?by\s+", re.I)
_GREETED_BY = re.compile(r"\b(?:was|were)\s+(?:also\s+)?(?:greeted|saluted|addressed)\s+(?:\w+\s+){0,2}?by\s+", re.I)
# "The participants were greeted by a representative of the X and by Name, of the Y": speakers
_PRESENCE = re.compile(r"\b(?:in|with)\s+the\s+(?:presence|participation)\s+(?:as\s+(?:guests?|observers?)\s+)?of\s+"
                       r"(?:(?:observers|delegations|representatives|delegates|guests)\s+(?:from|of)\s+)?", re.I)
# "in the presence of observers from the X and the Y", "with the participation as guests of the X"
_BY_STOP = re.compile(r"[;:]|,\s+(?:who|which|whose|where|while|led|represented|headed|after|before|during)\b"
                      r"|,\s+[A-Z]{3,}\s*:")  # "…, after examining …", "…, DECLARE:"
_APPOSITION = re.compile(r",\s+[a-z][^,.;:()]{0,80},")
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", re.I)


def _subjects_attending(text: str, sentence: Span) -> list[OrgMention]:
    """"The Panhellenic Socialist Movement (PASOK) and the League of Communists of Yugoslavia
    attended as observers": names joined by "and" or commas right before an attendance verb."""
    if not _ATTENDED.search(text, sentence.start, sentence.end):
        return []
    mentions = list(prose_mentions(text, sentence))
    mentions = _with_brackets(text, sorted(mentions + _bare_acronyms(text, sentence, mentions), key=lambda m: m.span.start))
    for index, mention in enumerate(mentions):
        aside = _APPOSITION.match(text, mention.span.end, sentence.end)  # "X and Y, now parties of government, attended"
        origin = _FROM_COUNTRY.match(text, mention.span.end, sentence.end)  # "The Party of Labour (EMEP) from Turkey attended"
        if origin is not None and not country_code(origin.group("country")):
            origin = None
        if not _ATTENDED.match(text, aside.end() if aside else origin.end() if origin else mention.span.end, sentence.end):
            continue
        chain = [mention]
        while index > 0 and _JOINED.fullmatch(text, mentions[index - 1].span.end, chain[0].span.start):
            index -= 1
            chain.insert(0, mentions[index])
        return [past_delegation(text, m) for m in chain if not _unsplit_run(m.text)]  # a run prose could not split is left alone
    return []


_QUALIFIER_AFTER = re.compile(r"[ \t]*(?:\[[^\[\]\n]{1,40}\]|\([^()\n]{1,40}\))")


def _with_brackets(text: str, mentions: list[OrgMention]) -> list[OrgMention]:
    """Each mention with the bracket right after it ("KKE [CP Greece]", "AKEL [Cyprus]"), and
    no mention read inside such a bracket."""
    widened = []
    for mention in mentions:
        bracket = _QUALIFIER_AFTER.match(text, mention.span.end)
        if bracket is not None:
            mention = mention_at(text, mention.span.start, bracket.end(), drop_article=False) or mention
        widened.append(mention)
    return [m for m in widened if not any(o is not m and o.span.start <= m.span.start and m.span.end <= o.span.end
                                          and o.span != m.span for o in widened)]


def _unsplit_run(name: str) -> bool:
    """"the A and PASOK" read as one name, not "Communist Party of Bohemia and Moravia (KSCM)":
    what follows the last "and" could name an organisation by itself."""
    if not re.search(r"\sand\s", name):
        return False
    right = re.sub(r"\s*\([^()]*\)\s*$", "", re.split(r"\sand\s", name)[-1])
    return org_evidence(right) > 0


_FROM_COUNTRY = re.compile(r"\s+from\s+(?:the\s+)?(?P<country>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})")
_CAPITALS = re.compile(r"\b[A-Z][A-Z\-]{1,9}\b")


def _bare_acronyms(text: str, sentence: Span, known: list[OrgMention]) -> list[OrgMention]:
    """Acronyms standing alone in a sentence ("FRELIMO and the MPLA attended as observers"),
    outside the mentions already read and naming no country; none in a sentence in capitals."""
    found = []
    if not re.search(r"[a-z]", text[sentence.start : sentence.end]):
        return found  # "PARTIES THAT TOOK PART IN THE MEETING": every word looks like one
    for match in _CAPITALS.finditer(text, sentence.start, sentence.end):
        span = Span(match.start(), match.end())
        if any(m.span.start <= span.start < m.span.end for m in known):
            continue
        if is_acronym(match.group()) and not country_code(match.group()):
            found.append(OrgMention(span=span, text=match.group()))
    return found


def _acting_participants(text: str, sentence: Span) -> list[OrgMention]:
    """"X sent two observers", "X was represented by its president", "Observers also came from
    X and from Y", "A message of support was received from X" (a contribution): organisations
    said to take part in words other than a list."""
    found = []
    if _sent_someone().search(text, sentence.start, sentence.end):  # else no mention can be followed by it
        mentions = list(prose_mentions(text, sentence))
        for mention in mentions + _bare_acronyms(text, sentence, mentions):  # "The CPUSA was represented by …"
            aside = _APPOSITION.match(text, mention.span.end, sentence.end)  # "X, whose delegates could not obtain visas, sent …"
            if _sent_someone().match(text, aside.end() if aside else mention.span.end, sentence.end):
                found.append(mention)
    came = _CAME_FROM.search(text, sentence.start, sentence.end)
    if came:
        found.extend(m for m in prose_mentions(text, Span(came.end(), sentence.end)))
    found += _subjects_attending(text, sentence)
    for cue in _INCLUDED_REPRESENTATIVES.finditer(text, sentence.start, sentence.end):
        # "The Cuban delegation included representatives of the A and the B", "…, and a representative of the C, who …"
        stop = _BY_STOP.search(text, cue.end(), sentence.end)
        found += [m for m in conjunction(text, Span(cue.end(), stop.start() if stop else sentence.end), drop_article=True)
                  if org_evidence(m.text)]
    for cue in _REPRESENTED_AT.finditer(text, sentence.start, sentence.end):  # "I had the honour to represent the X at the meeting"
        found += [m for m in prose_mentions(text, Span(cue.end(), sentence.end))
                  if m.span.start - cue.end() <= 4 and re.match(r"\s+at\s+(?:the|this|our)\s", text[m.span.end : sentence.end])][:1]
    greeted = _GREETED_BY.search(text, sentence.start, sentence.end)
    if greeted:
        stop = _BY_STOP.search(text, greeted.end(), sentence.end)
        found.extend(m for m in prose_mentions(text, Span(greeted.end(), stop.start() if stop else sentence.end))
                     if org_evidence(m.text) and m.text[:1].isupper() and not names_a_post(m.text))  # not "CPI General Secretary X"
    by = _ATTENDED_BY.search(text, sentence.start, sentence.end) or _PRESENCE.search(text, sentence.start, sentence.end)
    if by:  # "The meeting was also attended, as guests, by the X (WPC) and the Y (CPPC)"
        stop = _BY_STOP.search(text, by.end(), sentence.end)
        found.extend(m for m in prose_mentions(text, Span(by.end(), stop.start() if stop else sentence.end))
                     if org_evidence(m.text))
    for cue in (_ALSO_ATTENDED, _MESSAGE_FROM):  # "Twenty parties took part, as well as the WFDY, represented by …"
        match = cue.search(text, sentence.start, sentence.end)
        if match:
            comma = text.find(",", match.end(), sentence.end)
            found.extend(prose_mentions(text, Span(match.end(), comma if comma != -1 else sentence.end)))
    return found


_ACRONYM_DELEGATION = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Oo]ur)\s+(?P<org>[A-Z][A-Za-z]{0,3}[A-Z](?:\([A-Z]{1,3}\))?)\s+(?:delegation|delegates)\b")
_ATTENDS = re.compile(r"\b(?:took\s+part|attended|participated|was\s+present|were\s+present|joined)\b")


def _acronym_delegation(text: str, sentence: Span) -> list[OrgMention]:
    """"An ICP delegation headed by … took part in the meeting": the ICP."""
    found = []
    for match in _ACRONYM_DELEGATION.finditer(text, sentence.start, sentence.end):
        if is_acronym(match.group("org")) and _ATTENDS.search(text, match.end(), sentence.end):
            mention = mention_at(text, match.start("org"), match.end("org"), drop_article=False)
            if mention is not None:
                found.append(mention)
    return found


def delegations(text: str, sentences: list[Span]) -> list[OrgMention]:
    """Organisations whose delegation is said to attend."""
    skip = speech_spans(text)
    found = [m for sentence in sentences if not inside(sentence.start, skip)
             for m in _delegation_series(text, sentence) + _acting_participants(text, sentence)
             + _acronym_delegation(text, sentence)]
    for sentence in sentences:
        for match in _DELEGATION.finditer(text, sentence.start, sentence.end):
            if inside(match.start(), skip):
                continue
            group = "org" if match.group("org") is not None else "led"
            org = match.group(group)
            if re.match(r"(?i)(over|more than|some|about|\d)", org):
                continue
            start = match.start(group)
            own = re.match(r"(?i)(?:our|their|its)\s+\w+,\s+", org)
            if own:
                start += own.end()
            if re.search(r",|\s+and\s+", text[start : match.end(group)]):  # "Delegations from the A, the B and the C took part"
                found += [past_delegation(text, m) for m in conjunction(text, Span(start, match.end(group)), drop_article=True)
                          if org_evidence(m.text)]  # "… and a guest delegation from the X also attended": the X
                continue
            mention = mention_at(text, start, match.end(group), drop_article=True)
            if mention is not None:
                found.append(mention)
    return found


def signature(text: str, segments: tuple[Segment, ...]) -> tuple[OrgMention, ...]:
    """The organisation named by a signature line, if it names one."""
    found = []
    for seg in segments:
        if seg.kind == "signature":
            if _COLOPHON.search(seg.span.slice(text)) or _REFERENCE.fullmatch(seg.span.slice(text).strip()) \
                    or _WIRE_SLUG.search(seg.span.slice(text)):  # "SAWS KTM lb/ps 1132 GMT": a wire's slug
                continue  # "Umsebenzi Online is published by the SACP", "SRNA/MR/2219": the publisher's, not a signature
            issued = _SIGNED_BY.match(seg.span.slice(text))
            span = Span(seg.span.start + issued.end(), seg.span.end) if issued else seg.span
            several = conjunction(text, span, drop_article=True) if issued else []
            if len(several) >= 2 and all(org_evidence(m.text) and not names_an_organ(m.text) for m in several):
                found.extend(several)  # "On behalf of the Nepal Peace Council and the World Peace Council"
                continue
            posted = next((found_ for line in _lines_of(text, span) if (found_ := post_line(text, line))), None)
            if posted is not None:  # "K. R. Nair" / "General Secretary, AIPSO": the AIPSO signs
                found.append(posted[1])
                continue
            mention = item_mention(text, span)
            if mention is None or names_an_organ(mention.text):
                mention = organ_owner(text, span)  # "Political Bureau of the CC of the Communist Party of Mexico"
            if mention is not None and org_evidence(mention.text) and not names_an_organ(mention.text) \
                    and not _a_place(mention.text) and not names_a_meeting(mention.text) \
                    and not role_heading(mention.text):  # "THE CONFERENCE": the meeting; "GUESTS": a heading
                found.append(mention)
    return tuple(found)


def _lines_of(text: str, span: Span) -> list[Span]:
    lines, start = [], span.start
    for piece in span.slice(text).split("\n"):
        lines.append(Span(start, start + len(piece)))
        start += len(piece) + 1
    return [line for line in lines if line.slice(text).strip()]


def signer_persons(text: str, segments: tuple[Segment, ...]) -> list[Person]:
    """The person who signs at the foot: a name on its own line over "Post, Organisation"
    ("K. Radhakrishnan Nair" / "General Secretary, AIPSO")."""
    found = _grid_persons(text, segments)
    lines = [line for seg in segments if seg.kind == "signature" for line in _lines_of(text, seg.span)]
    for name, under in zip(lines, lines[1:]):
        posted = post_line(text, under)
        words_ = name.slice(text).strip()
        if posted is not None and (is_person_name(words_) or (len(words_.split()) == 1 and words_[:1].isupper()
                                                              and not is_acronym(words_))):
            start = name.start + len(name.slice(text)) - len(name.slice(text).lstrip())
            found.append(Person(name=words_, span=Span(start, start + len(words_)),
                                post=" ".join(posted[0].slice(text).split()), organisation=posted[1]))
    return found


_COLUMN_SLACK = 3


def _grid_persons(text: str, segments: tuple[Segment, ...]) -> list[Person]:
    """Signatures side by side ("FOR THE A (PCB)" over a name over a post, in columns): each
    column's name with the post under it, for the organisation above it."""
    columns: dict[int, list[Span]] = {}
    for seg in segments:
        if seg.kind == "signature" and "\n" not in seg.span.slice(text):
            column = seg.span.start - (text.rfind("\n", 0, seg.span.start) + 1)
            column = next((c for c in columns if abs(c - column) <= _COLUMN_SLACK), column)  # hand-set columns wander
            columns.setdefault(column, []).append(seg.span)
    found = []
    for cells in columns.values():
        for index, cell in enumerate(cells):
            signed = _SIGNED_BY.match(cell.slice(text))
            if signed is None or index + 1 >= len(cells) or not cell.slice(text)[:3].strip():
                continue
            org = mention_at(text, cell.start + signed.end(), cell.end, drop_article=True)
            name = cells[index + 1]
            post = cells[index + 2] if index + 2 < len(cells) and not _SIGNED_BY.match(cells[index + 2].slice(text)) else None
            if org is not None and is_person_name(name.slice(text)) and (post is None or is_post(post.slice(text))):
                found.append(Person(name=name.slice(text), span=name, post=post.slice(text) if post else None, organisation=org))
    return found


def publisher(text: str, segments: tuple[Segment, ...]) -> tuple[OrgMention, ...]:
    """The organisation that publishes the page: a masthead in capitals that names an
    organisation ("COMMUNIST PARTY OF BRITAIN" over a party website's report) or a copyright
    line ("© Communist Party of Britain | …"). Its own stances in the text are the text's."""
    found = []
    first = segments[0] if segments else None
    if first is not None and first.kind in {"noise", "title"}:
        line = first.span.slice(text)
        if line.strip() and line.upper() == line and "\n" not in line.strip():
            mention = item_mention(text, first.span)
            if mention is not None and org_evidence(mention.text) and not names_a_meeting(mention.text):
                found.append(mention)
    for match in _COPYRIGHT.finditer(text):
        mention = mention_at(text, match.start("org"), match.end("org"), drop_article=True)
        if mention is not None and org_evidence(mention.text) and not names_a_meeting(mention.text):
            found.append(mention)
    return tuple(found)


_COPYRIGHT = re.compile(r"(?:©|\([Cc]\)|\bCopyright\b)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<org>[^|,.\n]{3,80}?)"
                        r"(?:\s+\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?=[|,.\n]|$)")  # "© Progressive Democratic Tribune 2016"


_COLOPHON = re.compile(r"(?i)\b(?:is|are)\s+(?:published|produced|edited|issued)\s+by\b|\bis\s+a\s+publication\s+of\b|©|\bcopyright\b")
_WIRE_SLUG = re.compile(r"\b\d{3,4}\s*(?:GMT|UTC)\s*$")
_REFERENCE = re.compile(r"(?=\S*[\d/])[A-Z0-9][A-Za-z0-9]*(?:[/\-_.][A-Za-z0-9]+)+")  # a reference code
_SIGNED_BY = re.compile(r"(?i)(?:(?:issued|released|published|signed)\s+by|on\s+behalf\s+of|in\s+the\s+name\s+of|for(?=\s+the\s))\s+(?:the\s+)?")


_LEAD_SENTENCES = 2  # an author opening the text does so in its first sentences
_BRACKET_AFTER = re.compile(r"\s*\([^()]{1,20}\)\s*")


def lead_author(text: str, sentences: list[Span], segments: tuple[Segment, ...]) -> tuple[OrgMention, ...]:
    """The organisation that opens the text speaking as its author ("The Portuguese Communist
    Youth (JCP) informs that …", "The Central Committee of the X announces …"): the subject of
    an author verb at the start of one of the first sentences of its prose."""
    skip = speech_spans(text)
    prose = [s for s in sentences if any(g.kind == "paragraph" and g.span.start <= s.start < g.span.end for g in segments)]
    for sentence in prose[:_LEAD_SENTENCES]:
        if inside(sentence.start, skip):
            continue
        mentions = [m for m in prose_mentions(text, sentence)]
        if not mentions or text[sentence.start : mentions[0].span.start].strip().lower() not in {"", "the"}:
            continue
        first = mentions[0]
        owner = organ_owner(text, first.span) if names_an_organ(first.text) else None
        after = _BRACKET_AFTER.match(text, first.span.end)
        verb = cues().author_verbs.match(text, after.end() if after else first.span.end + 1)
        if verb is not None:
            return (owner or first,)
    return ()


def _a_place(line: str) -> bool:
    """"Kathmandu, Nepal" under a signature: where it was signed, not who."""
    parts = [p.strip() for p in line.split(",")]
    return all(country_code(p) or is_city_name(p) for p in parts if p)


_SIGNERS_MET = re.compile(
    r"\b(?:[Ww]e\b|[Tt]he undersigned|(?:parties|organi[sz]ations) (?:signing|that sign|who sign|subscribing|listed below|below)[\w ]*?)"
    r"(?:(?!\b(?:that|which|where|when|while|whose)\b)[^.;]){0,160}?\b(?:met|(?<!the )(?<!next )(?<!a )(?<!this )(?<!our )meeting(?=\s+(?:in|at|on|by|via|online|virtually)\b)"
    r"|gathered|assembled|convened|came together|have met|took part)\b"
    r"|\b(?:[Tt]he|[Aa]ll the)\s+(?:parties|participants|delegations|organi[sz]ations|meeting|conference)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:adopted|approved|issued)\s+the\s+following\b"
    r"|\b(?:\d+|all|most)\s+of\s+them\s+(?:have\s+)?(?:subscribe[sd]?|sign(?:ed)?|endorse[sd]?)\b"
    r"|\b[Tt]he\s+participating\s+(?:parties|organi[sz]ations|movements|forces)\s+(?:\w+\s+)?(?:decided|resolved|agreed)\b"
    r"|(?<![^\n])[ \t]*(?:[Tt]he\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:Parties|Organi[sz]ations|Movements|Forces)\s+of\s+[^.;:]{0,200}?,\s+"
    r"(?:meeting|gathered|assembled)\s+(?:in|at)\b"
)  # "The Communist Parties of Bolivia, Colombia, …, meeting in La Paz …, DECLARE:" (over their signatures);
#   not "We note that the governments, meeting in …": another subject; "After two days of discussion the
#   parties adopted the following Declaration": the parties that met sign the declaration that follows; "The Meeting
#   was attended by 64 parties …; 53 of them subscribe to this Joint Statement": its signers took part


_MET_AND_SIGN = re.compile(
    r"\b(?:(?:parties|organi[sz]ations|movements|forces|delegations|participants)\s+(?:participating|taking part|present|"
    r"gathered|assembled|attending)|(?:participating|attending)\s+(?:parties|organi[sz]ations|movements|forces|delegations))"
    r"\b[^.;:]{0,80}?\b(?:state|states|declare|declares|adopt|adopted|agree|agreed|"
    r"sign|signed|issue|issued|subscribe|approve|approved)\b"
    r"|\b(?:adopted|signed|approved|issued|endorsed)\s+(?:\w+\s+)?by\s+(?:all\s+)?the\s+(?:participating|attending)\s+"
    r"(?:parties|organi[sz]ations|movements|forces|delegations)\b"
    r"|\b(?:adopted|signed|approved|endorsed|subscribed)\s+(?:\w+\s+)?by\s+(?:all\s+)?(?:of\s+)?the\s+"
    r"(?:parties|organi[sz]ations|movements|forces|delegations|participants)\s+(?:listed|named|mentioned)\s+above\b"
    r"|\b(?:parties|organi[sz]ations|movements|forces|delegations)\s+(?:listed|named|mentioned)\s+(?:below|above)\s+"
    r"(?:took\s+part|met|participated|attended|gathered)\b[^.;:]{0,40}?\b(?:adopted|signed|issued|approved|agreed\s+on)\b",
    re.IGNORECASE,
)  # "The parties listed below took part and adopted the following joint statement"  # "The organisations participating in the meeting state", "… was signed by the organisations listed above", "The participating parties … adopt the following",
#   "The Declaration was adopted unanimously by the participating parties"


def participants_sign(text: str, sentences: list[Span]) -> bool:
    """Whether the text says those taking part are its authors ("The organisations
    participating in the meeting state the following:"): then they are signatories too."""
    skip = speech_spans(text)
    return any(not inside(m.start(), skip) for s in sentences for m in _MET_AND_SIGN.finditer(text, s.start, s.end))


_ABSENT_NOTE = re.compile(
    r"(?:\basterisk|^[ \t]*\*[ \t]|\(\*\))[^\n]{0,120}?\b(?:not\s+present|did\s+not\s+(?:attend|take\s+part)|absent|after(?:wards)?\b|later\b|subsequently)",
    re.IGNORECASE | re.MULTILINE)


def absent_marked(text: str, mention: OrgMention) -> bool:
    """An item marked with an asterisk that a note says was not there ("The parties marked with an
    asterisk were not present and subscribed to the statement afterwards", "* signed after the meeting")."""
    if _late_label(text, mention):
        return True
    return text[mention.span.end : mention.span.end + 1] == "*" and bool(_ABSENT_NOTE.search(text))


def signers_met(text: str, sentences: list[Span]) -> bool:
    """Whether the text says its signers themselves met ("We, the undersigned parties, meeting
    in …"; "The parties signing this statement met in …"): then they are participants too."""
    skip = speech_spans(text)
    return any(
        not inside(m.start(), skip) for s in sentences for m in _SIGNERS_MET.finditer(text, s.start, s.end)
    )
