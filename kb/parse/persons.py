"""Persons with their posts (EXTRACTION.md, "Persons").

Three layouts of the genre, with the posts listed in ``kb/data/posts.toml``:

- "<Organisation> <Post>, <Name>"       — "Workers' Party General Secretary, Jane Roe"
- "<Post> of <Organisation>, <Name>"    — "General Secretary of the Left Front, Jane Roe"
- "<Name>, <Post> of <Organisation>"    — "Jane Roe, member of the Political Bureau of the Left Front"

The post is kept as written, without the organisation, which becomes a mention of its own.
"""

from __future__ import annotations

import re
from functools import cache

from kb.datafiles import load
from kb.parse.cues import cues
from kb.parse.orgs import is_acronym, mention_at, org_evidence, prose_mentions
from kb.parse.person_items import is_person_name, post_alternation, post_and_org
from kb.records import OrgMention, Person, Span
from kb.resolve.countries import country_code

_NAME = r"(?P<name>(?:[A-ZÀ-ÞİÇŞĞÖÜ]\.\s*){1,4}[A-ZÀ-ÞİÇŞĞÖÜ][a-zà-ÿ][\w’'\-]+(?![\w’'\-]|\s+[A-ZÀ-ÞİÇŞĞÖÜ][a-z])|(?:[A-ZÀ-ÞİÇŞĞÖÜ]\.?\s+(?=[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]+))?[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]+(?:\s+(?:(?:al|el)-[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*|de|da|do|dos|das|del|della|di|du|van|von|al|el|bin|[A-ZÀ-ÞİÇŞĞÖÜ]\.|[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*(?:\.(?=[\w’'\-]))?[\w’'\-]*)){1,3})"
# (or initials and a surname: "R. Natarajan", "S. Venkatesan")
_ORG = (r"(?P<org>(?:the\s+)?(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*)"  # "C.C." is one word
        r"(?:\s+(?:of|the|and|for|(?:[A-Z]\.){2,}|[A-ZÀ-ÞİÇŞĞÖÜ(][\w’'\-)]*)){0,10}?(?:\([A-Z][\w\-]{0,8}\))?)")  # "CPI(M)"


@cache
def _posts() -> str:
    # "member of the National Secretariat": membership of any organ the lexicon knows is a post too
    posts = load("posts")["posts"] + [f"member of the {organ}" for organ in load("orgwords")["organs"] if "." not in organ]
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(posts, key=len, reverse=True))


@cache
def _honorific() -> str:
    """Optional honorifics before a name ("Brother Fadel al-Rishani, General Secretary of …")."""
    words_ = sorted(load("posts")["honorifics"], key=len, reverse=True)
    return rf"(?:\b(?i:{'|'.join(re.escape(w) for w in words_)})\s+)*"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    qualifiers = "|".join(re.escape(q) for q in load("posts")["post_qualifiers"])
    post = rf"(?P<post>(?i:(?:(?:{qualifiers})[\s\-]+)*(?:{_posts()})))"  # "Deputy General Secretary"
    return (
        re.compile(rf"\b(?:its|their|his|her)\s+{post},?\s+(?:comrade\s+)?{_NAME}"),  # "led by its General Secretary, X"
        re.compile(rf"{_ORG}\s+{post},?\s+(?:comrade\s+)?{_NAME}"),
        re.compile(rf"{post}\s+of\s+{_ORG},\s+{_honorific()}{_NAME}"),
        re.compile(rf"\b[Tt]he\s+(?P<post>(?i:{post_alternation()}))\s+of\s+{_ORG},\s+{_honorific()}{_NAME}"),  # "The head of the X, Dr. Y"
        re.compile(rf"{_honorific()}{_NAME},\s+(?:the\s+|an?\s+)?(?:(?i:party|organisation|organization|federation|council|union|movement)['’]s\s+)?"
                   rf"{post}(?:\s+of\s+{_ORG})?"),  # "Bob Kovac, the party's international secretary"
    )


def find_persons(text: str, span: Span) -> list[Person]:
    persons: dict[tuple[int, int], Person] = {}
    for pattern in _patterns() if _any_post().search(text, span.start, span.end) else ():
        for match in pattern.finditer(text, span.start, span.end):
            name_span = Span(match.start("name"), match.end("name"))
            if any(a.start < name_span.end and name_span.start < a.end for a in map(lambda k: Span(*k), persons)):
                continue
            org = _org(text, match) if "org" in match.re.groupindex else _owner_before(text, span, match.start())
            post = " ".join(match.group("post").split())
            if match.start("name") < match.start("post"):  # "Jane Roe, Secretary of the CC of the Left Party"
                post, org = _fuller(text, match, span, post, org)
            elif "org" in match.re.groupindex and match.group("org") and match.start("post") < match.start("org"):
                # "the General Secretary of the C.C. of AKEL, X": the organ stays in the post
                found = post_and_org(text, match.start("post"), match.end("org"))
                if found is not None and found[1] is not None:
                    post, org = " ".join(found[0].slice(text).split()), found[1]
            persons[(name_span.start, name_span.end)] = Person(
                name=match.group("name"), span=name_span, post=post, organisation=org
            )
    for match in _post_head_of().finditer(text, span.start, span.end):  # "X, Head of the Commission … of the CPV"
        name_span = Span(match.start("name"), match.end("name"))
        if any(a.start < name_span.end and name_span.start < a.end for a in map(lambda k: Span(*k), persons)):
            continue
        stop = _CLAUSE_END.search(text, match.end(), span.end)
        end = stop.start() if stop else span.end
        found = post_and_org(text, match.end(), end)
        if found is not None and is_person_name(match.group("name")):
            post_span, org = found
            owner = None if org is not None else _ACRONYM_OWNER.search(text, post_span.start, post_span.end)
            if owner is not None:  # "Deputy Head of the Commission … of the CPV Central Committee": the CPV's
                org = mention_at(text, owner.start("org"), owner.end("org"), drop_article=False)
                post_span = Span(post_span.start, owner.start())
            persons[(name_span.start, name_span.end)] = Person(
                name=match.group("name"), span=name_span, post=" ".join(post_span.slice(text).split()), organisation=org)
    for match in _post_before_name().finditer(text, span.start, span.end):  # "and by executive committee member X"
        name_span = Span(match.start("name"), match.end("name"))
        if any(a.start < name_span.end and name_span.start < a.end for a in map(lambda k: Span(*k), persons)):
            continue
        if is_person_name(match.group("name")):
            persons[(name_span.start, name_span.end)] = Person(
                name=match.group("name"), span=name_span, post=" ".join(match.group("post").split()),
                organisation=_owner_before(text, span, match.start()))
    for match in _of_organisation().finditer(text, span.start, span.end):  # "… by Ramón Ortega of the PCM"
        name_span = Span(match.start("name"), match.end("name"))
        if any(a.start < name_span.end and name_span.start < a.end for a in map(lambda k: Span(*k), persons)):
            continue
        org = _org(text, match)
        if org is not None and is_person_name(match.group("name")) and _no_place_or_meeting(match.group("name")):
            persons[(name_span.start, name_span.end)] = Person(name=match.group("name"), span=name_span, post=None,
                                                               organisation=org)
    for match in _addressed_bracket().finditer(text, span.start, span.end):  # "Comrade Tania Rivero (PCC) presented"
        name_span = Span(match.start("name"), match.end("name"))
        if any(a.start < name_span.end and name_span.start < a.end for a in map(lambda k: Span(*k), persons)):
            continue
        org = mention_at(text, match.start("org"), match.end("org"), drop_article=True)
        if org is not None and (is_acronym(org.text) or org_evidence(org.text)) and is_person_name(match.group("name")):
            post = " ".join(match.group("post").split()) if match.group("post") else None
            persons[(name_span.start, name_span.end)] = Person(name=match.group("name"), span=name_span, post=post,
                                                               organisation=org)
    return [persons[key] for key in sorted(persons)]


@cache
def _addressed_bracket() -> re.Pattern[str]:
    """A person addressed as comrade (or Dr., Mr. …) with the organisation in brackets after the
    name ("Comrade Joe Mitchell (Party of Communists, USA) spoke")."""
    return re.compile(rf"\b(?:[Cc]omrades?|[Cc]de\.?|[Bb]rother|[Ss]ister|Dr\.|Mr\.|Mrs\.|Ms\.)\s+{_NAME}\s*\((?P<org>[^()\n]{{2,60}})\)"
                      rf"(?:,\s+(?:the\s+)?(?P<post>(?i:{_posts()})(?:\s+of\s+the\s+[A-Z][^,.;:()\n]{{0,60}})?)(?=\s*(?:[,.;\n]|$)))?")


_ACRONYM_OWNER = re.compile(r"\s+of\s+(?:the\s+)?(?P<org>[A-Z]{2,}(?:\([A-Z]+\))?)(?=\s+[A-Z][a-z]+\s+[A-Z][a-z]+|\s*$)")


@cache
def _post_head_of() -> re.Pattern[str]:
    """A name, then a post known by its head word and what it is "of" ("Tran Quoc Hung, Head
    of the Commission for External Relations of the CPV"): the post runs to the organisation."""
    return re.compile(rf"{_honorific()}{_NAME},\s+(?:the\s+|an?\s+)?(?=(?i:{post_alternation()})\s+of\s)")


@cache
def _post_before_name() -> re.Pattern[str]:
    """A post right before a name, after "by" ("represented … and by executive committee
    member Daniel Okafor"): the organisation is the one the sentence named before."""
    return re.compile(rf"\bby\s+(?:(?:its|their|his|her)\s+)?(?P<post>(?i:{post_alternation()})),?\s+{_NAME}(?=\s*(?:[,.;:)]|$|\s+(?:and|of)\s))")


def _no_place_or_meeting(name: str) -> bool:
    """Not "The Meeting", "Consultative Meeting", "East Pakistan": a name without a meeting
    noun, an article or a country among its words."""
    words = name.split()
    return words[0] not in {"The", "A", "An"} and not any(
        w.lower() in cues().nouns or country_code(w) for w in words)


def names_a_post(phrase: str) -> bool:
    """Whether a phrase holds a post ("CPI General Secretary S. Venkatesan")."""
    return bool(re.search(rf"\b(?i:{_posts()})\b", phrase))


@cache
def _any_post() -> re.Pattern[str]:
    """A post anywhere (case ignored): every pattern of :func:`_patterns` needs one, and this
    one search is cheaper than theirs in the many paragraphs that name no person."""
    return re.compile(rf"(?i:{_posts()})")


@cache
def _of_organisation() -> re.Pattern[str]:
    """A person named with no post but with the organisation after "of", introduced as a
    speaker is ("chaired by X of the Y", "Comrade X of the Y spoke about …")."""
    verbs = "|".join(re.escape(v) for v in load("events")["speaker_verbs"])
    return re.compile(
        rf"(?:\bby\s+|\b(?:[Cc]omrade|[Bb]rother|[Ss]ister|Dr\.|Mr\.|Mrs\.|Ms\.|Father)\s+|(?<=\.\s)|(?<=,\s)|(?<=\bwhile\s)|(?<=\band\s)|(?<=\n)|^)"
        rf"{_NAME}\s+of\s+{_ORG}(?=\s*(?:[.;]|,\s|\s+(?:{verbs}|spoke|said|described|reported|recalled|presented|stressed|explained|told|underlined|informed|called)\b))"
    )  # "…, while Yumiko Higa of the Okinawa Peace Action Center described …"


_CLAUSE_END = re.compile(r"[,;:()]|(?<!\b[A-Z])\.\s|\s(?:said|says|told|stressed|noted|added|underlined|who|which)\b")


def _fuller(text: str, match: re.Match[str], span: Span, post: str, org: OrgMention | None):
    """The post read up to the end of its clause, organs kept in it and the organisation after
    them ("Secretary of the Central Committee of the Left Party (LP), said")."""
    start = match.start("post")
    stop = _CLAUSE_END.search(text, match.end("post"), span.end)
    end = stop.start() if stop else span.end
    found = post_and_org(text, start, end)
    if found is None:
        return post, org
    post_span, fuller_org = found
    return " ".join(post_span.slice(text).split()), fuller_org or org


def _owner_before(text: str, span: Span, at: int) -> OrgMention | None:
    """What "its" or "their" before a post stands for: the last organisation named earlier in
    the sentence ("The delegation of the Left Party was led by its General Secretary, X")."""
    start = max(span.start, text.rfind(". ", span.start, at) + 1)
    found = list(prose_mentions(text, Span(start, at)))
    return found[-1] if found else None


def _org(text: str, match: re.Match[str]) -> OrgMention | None:
    if "org" not in match.re.groupindex or match.group("org") is None:
        return None
    mention = mention_at(text, match.start("org"), match.end("org"), drop_article=True)
    return mention if mention is not None and org_evidence(mention.text) else None  # "our General Secretary"
