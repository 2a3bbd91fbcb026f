"""Organisation mentions: list items, inline lists, conjunctions after a cue, names in prose.

A mention is the exact substring of the text (EXTRACTION.md, "Organisations and lists"):

- a list item keeps its leading "The" and an attached country qualifier — "(Peru)",
  "[Russia]", "– Cyprus", ", Mexico" — whose code goes into ``country``;
- in prose a leading article is dropped, and a qualifier joined only by prose is not kept;
- a trailing qualifier after "A and B (Peru)" covers both names;
- a comma may sit inside one item: when a list separates its items with semicolons, commas
  stay inside items.

The word lists (head words, organs, connectors, generic references) are data in
``kb/data/orgwords.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from kb.datafiles import load
from kb.records import OrgMention, Span
from kb.resolve.countries import country_candidates, country_code, former_state


@dataclass(frozen=True, slots=True)
class Lexicon:
    heads: frozenset[str]
    organs: tuple[str, ...]
    connectors: frozenset[str]
    generic: frozenset[str]
    not_organisations: frozenset[str]
    slogan_openers: tuple[str, ...] = ()
    head_phrases: tuple[str, ...] = ()
    modifier_heads: frozenset[str] = frozenset()
    paired_ideals: frozenset[str] = frozenset()


@cache
def lexicon() -> Lexicon:
    data = load("orgwords")
    return Lexicon(
        heads=frozenset(data["heads"]),
        organs=tuple(data["organs"]),
        connectors=frozenset(data["connectors"]),
        generic=frozenset(_fold(g) for g in data["generic"]),
        not_organisations=frozenset(data["not_organisations"]),
        slogan_openers=tuple(data.get("slogan_openers", ())),
        head_phrases=tuple(data.get("head_phrases", ())),
        modifier_heads=frozenset(data.get("modifier_heads", ())),
        paired_ideals=frozenset(data.get("paired_ideals", ())),
    )


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d+[\w\-]*|&", re.UNICODE)
_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9&.\-]{1,9}|[A-Z]{1,3}-[A-Z0-9]{1,4}|[A-Z][a-z]?[A-Z][A-Za-z]{0,6})$")
_QUALIFIER = re.compile(
    r"(?:\s*\(\s*(?P<paren>[^()]{2,40}?)\s*\)|\s*\[\s*(?P<bracket>[^\[\]]{2,40}?)\s*\]"
    r"|\s+[–—-]\s*(?P<dash>[^–—\-,;()]{2,40}?)|\s*,\s*(?P<comma>[^,;()]{2,40}?))\s*$"
)
_TRAILING = " \t\r\n;,.:!?"


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_acronym(token: str) -> bool:
    return bool(_ACRONYM.match(token)) and any(c.isupper() for c in token) and len(token) <= 10


@lru_cache(maxsize=65536)
def qualifier(text: str) -> tuple[int, str | None] | None:
    """Where a trailing country qualifier starts in ``text``, and its code (``None`` when the
    name is ambiguous, e.g. "Korea"); ``None`` when the text has no country qualifier."""
    match = _QUALIFIER.search(text) or _place_after(text)
    if not match:
        return None
    name = match.group("place") if match.re is _OF_PLACE else next(g for g in match.groups() if g is not None)
    if not country_candidates(name.strip()):
        return None
    return match.start(), country_code(name.strip())


_OF_PLACE = re.compile(r"\s+(?P<prep>of|from)\s+(?:the\s+)?(?P<place>[A-ZÀ-Þ][^,;()\[\]]{1,40}?)[\s.;:]*$")


def _place_after(text: str) -> re.Match[str] | None:
    """"Vanua'aku Pati from Vanuatu", "Kanak … Front (FLNKS) of New Caledonia", "Tavini
    Huiraatira of French Polynesia": "from" a place qualifies a name, and so does "of" a place
    after a closing acronym or after a name with no head word ("Communist Party of Greece" keeps
    its "of"). The caller checks that the place is a country."""
    match = _OF_PLACE.search(text)
    if match is None or match.group("prep") == "from":
        return match
    before = text[: match.start()].rstrip()
    if before.endswith(")") or not _has_head(before):
        return match
    return None


@lru_cache(maxsize=65536)
def _has_head(phrase: str) -> bool:
    """A head word ("Party", "Council") or a head phrase ("Peace Committee") in capitals."""
    if any(t.lower() in lexicon().heads and t[:1].isupper() for t in words(phrase)):
        return True
    folded = " ".join(w.lower() for w in words(phrase))
    return phrase[:1].isupper() and any(p in folded for p in lexicon().head_phrases)


def names_an_organ(phrase: str) -> bool:
    """"Central Committee", or a line naming one ("AKEL Central Committee - International
    Relations Department"): a body of an organisation, not the organisation."""
    return is_organ(phrase) or any(organ in " ".join(phrase.lower().split()) for organ in lexicon().organs)


def organ_owner(text: str, span: Span) -> OrgMention | None:
    """The organisation a body belongs to, when ``span`` names a body of it ("Political Bureau
    of the CC of the Communist Party of Mexico", "the Carabobo regional committee of the
    Communist Party of Venezuela"): the name after the first "of (the)" that does not open
    another body. ``None`` when the span names no body."""
    line = span.slice(text)
    head = re.split(r"\s+of\s+", line, maxsplit=1)[0]
    if not names_an_organ(line) and not any(w.lower().strip(".,") in _organ_words() for w in head.split()):
        return None
    if head.split() and head.split()[-1].lower().strip(".,") not in _organ_words() and not names_an_organ(head):
        return None  # "the Polish Peace Committee together with the Communist Party of Poland": no body "of" anything
    for link in re.finditer(r"\s+of\s+(?:the\s+)?", line):
        rest = line[link.end() :]
        if "the" not in link.group() and _MANY.match(rest):
            return None  # "Committee of Youth Organisations of the USSR": a body of many, a name of its own
        first = rest.split()[0].lower().strip(".,") if rest.split() else ""
        if first not in _organ_words() and not names_an_organ(rest) and org_evidence(rest):
            return mention_at(text, span.start + link.end(), span.end, drop_article=True)
    return None


_MANY = re.compile(r"(?:[A-ZÀ-Þ][\w’'\-]*\s+){0,3}(?:Organisations|Organizations|Parties|Unions|Movements|Associations|"
                   r"Federations|Councils|Committees|Forces)\b")


@cache
def _organ_words() -> frozenset[str]:
    return frozenset(load("orgwords")["organ_words"])


@lru_cache(maxsize=65536)
def is_organ(text: str) -> bool:
    return bool(_organ_pattern().match(_fold(text)))


@cache
def _organ_pattern() -> re.Pattern[str]:
    organs = sorted(lexicon().organs, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(o) for o in organs) + r")(?: of\b.*)?$")


@lru_cache(maxsize=65536)
def org_evidence(text: str) -> int:
    """How strongly a short phrase looks like an organisation name (0 = not at all)."""
    lex = lexicon()
    folded = _fold(text)
    tokens = words(text)
    if not tokens or folded in lex.generic or is_organ(text):
        return 0
    lowered = [t.lower().strip(".") for t in tokens]
    if lex.not_organisations & set(lowered) or folded.startswith(lex.slogan_openers):
        return 0
    score = 0
    if any(low in lex.heads and tok[:1].isupper() for tok, low in zip(tokens, lowered)):
        score += 2
    elif tokens[0][:1].isupper() and any(phrase in " ".join(lowered) for phrase in lex.head_phrases):
        score += 2  # "Japan Peace Committee": a committee that is an organisation
    if any(is_acronym(t) for t in tokens):
        score += 1
    if qualifier(text):
        score += 1
    return score


_HAS_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d"
    r"|\d\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?<![\w\-])(?:1[89]|20)\d\d(?![\w\-])"  # a year, not one inside a name ("PKP-1930")
)


@lru_cache(maxsize=65536)
def is_name_like(text: str, *, max_words: int = 12) -> bool:
    """Capitalised words, with only connector words in lower case."""
    tokens = words(text)
    if tokens and tokens[0] in {"the", "The"} and len(tokens) > 1:
        tokens = tokens[1:]
    if not tokens or len(tokens) > max_words or not tokens[0][:1].isupper() and not tokens[0][:1].isdigit():
        return False
    connectors = lexicon().connectors
    lower = [t for t in tokens if t[:1].islower() and t.lower() not in connectors and not _PARTICLE_NAME.match(t)]
    return len(lower) <= 1 and not _HAS_DATE.search(text)


def plain_name(phrase: str, most: int) -> bool:
    """A name without an organisation's head word: name-like, with at most ``most`` capitalised
    words ("Belgrade Forum for a World of Equals" has four)."""
    return is_name_like(phrase, max_words=2 * most) and sum(t[:1].isupper() for t in words(phrase)) <= most


_PARTICLE_NAME = re.compile(r"[a-z]{1,3}-[A-ZÀ-Þ]")  # "al-Filastini", "el-Hizb", "ad-Dimuqrati": a name word


_DOTTED_END = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _strip_span(text: str, start: int, end: int, chars: str = _TRAILING) -> Span:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        if text[end - 1] == "." and _DOTTED_END.search(text, start, end):
            break  # "W.F.T.U.": the last dot belongs to the acronym
        end -= 1
    return Span(start, end)


_FOOTNOTE_MARKS = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"  # "Communist Party of Denmark*", "Hungarian Workers' Party³": a note's mark, no part of the name
_PAIRS = {"”": "“", "’": "‘", '"': '"', "'": "'"}


def _unbalanced(phrase: str, closing: str) -> bool:
    opening = _PAIRS[closing]
    if opening == closing:
        return phrase.count(closing) % 2 == 1
    return phrase.count(closing) > phrase.count(opening)


_COUNTRY_LEAD = re.compile(r"([A-ZÀ-Þ][\w’'\-]*(?:\s+[A-ZÀ-Þ][\w’'\-]*){0,3}):\s+(?=\S)")


def mention_at(text: str, start: int, end: int, *, drop_article: bool) -> OrgMention | None:
    """The mention in ``text[start:end]`` (trimmed; leading article dropped in prose)."""
    span = _strip_span(text, start, end)
    span = _strip_span(text, span.start, span.end, _TRAILING + _FOOTNOTE_MARKS) if span.slice(text)[-1:] in _FOOTNOTE_MARKS else span
    phrase = span.slice(text)
    if drop_article:
        article = re.match(r"(?i)(the|a|an)\s+", phrase)
        if article:
            span = Span(span.start + article.end(), span.end)
            phrase = span.slice(text)
    while phrase and phrase[-1] in "'\"”’" and _unbalanced(phrase, phrase[-1]):
        phrase = phrase[:-1]
        span = Span(span.start, span.start + len(phrase))
    prose_country = None
    lead = _COUNTRY_LEAD.match(phrase)
    if lead and (code := country_code(lead.group(1))):  # "New Zealand: Socialist Party of Aotearoa"
        span, phrase, prose_country = Span(span.start + lead.end(), span.end), phrase[lead.end():], code
    if drop_article:
        when = re.match(r"^(.*\S)\s+(?:in|on|from)\s+(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?(?:1[89]|20)\d\d$", phrase)
        if when:  # "Youth Union in Hanoi in 2022": the date is no part of the name
            phrase = when.group(1)
            span = Span(span.start, span.start + len(phrase))
        place = re.match(r"^(.*\S)\s+in\s+(the\s+)?([A-Z][\w\- ]+)$", phrase)
        if place and _is_city(place.group(3)) and not country_candidates(place.group(3)):
            phrase = place.group(1)
            span = Span(span.start, span.start + len(phrase))
        elif place and place.group(2) and org_evidence(place.group(1)) and (code := country_code(place.group(2) + place.group(3))):
            phrase, prose_country = place.group(1), code  # "Partido Lakas ng Masa in the Philippines" (not "Communist Party in Denmark")
            span = Span(span.start, span.start + len(phrase))
        tail = re.match(r"^(.*\))\s+in\s+(?:the\s+)?(\S.*)$", phrase) or _place_after(phrase)
        if tail and country_candidates(tail.group(tail.lastindex)):
            prose_country = country_code(tail.group(tail.lastindex))
            phrase = phrase[: tail.start() if tail.re is _OF_PLACE else len(tail.group(1))]
            span = Span(span.start, span.start + len(phrase))
    if not phrase or not org_evidence(phrase) and not plain_name(phrase, 6 if drop_article else 10):
        return None
    qual = qualifier(phrase)
    return OrgMention(span=span, text=phrase, country=qual[1] if qual else prose_country)


def item_mention(text: str, span: Span) -> OrgMention | None:
    """A list item that names one organisation ("The Workers’ Party (Turkey)", "AKEL – Cyprus")."""
    mention = mention_at(text, span.start, span.end, drop_article=False)
    if mention is None or len(words(mention.text)) > 14 or re.search(r"[.!?]\s+\S", mention.text):
        return None
    prose = [w for w in mention.text.split() if w[:1].islower() and w.lower() not in lexicon().connectors]
    if len(prose) >= 5 or (len(prose) >= 3 and span.slice(text).rstrip().endswith((".", "!"))):
        return None  # "The WPP condemns the repression against the teachers.": a sentence, not a name
    return mention


def item_mentions(text: str, span: Span) -> list[OrgMention]:
    """The organisations one list item names: one, or two joined by "and" when both carry a
    head word ("Communist Party of Ireland and Workers' Party of Ireland (Ireland)": the
    trailing country stays in the last mention and covers both)."""
    others = re.search(r"(?:,?\s+(?:and|&)\s+others|,?\s+etc\.?|(?:\s+[-–—]|,)\s*(?:as\s+)?(?:an?\s+)?(?:observers?|guests?|"
                       r"invitees?|(?:special|fraternal)\s+guests?)|"
                       r"\s*\((?:as\s+)?(?:an\s+)?observers?\))\s*$", span.slice(text), re.IGNORECASE)
    if others:  # "Left Youth of Luxembourg and others"
        span = Span(span.start, span.start + others.start())
    country = re.match(r"\s*(?P<country>[^:.\n]{2,40}?)(?::\s+|\s*\.{3,}\s*)", span.slice(text))
    if country and (country_code(country.group("country")) or former_state(country.group("country"))):
        found = item_mentions(text, Span(span.start + country.end(), span.end))  # "Ghana: Ghana TUC", "GHANA .... Ghana TUC"
        code = country_code(country.group("country"))  # none for "Yugoslavia: …"
        return [m if m.country or code is None else OrgMention(m.span, m.text, code) for m in found]
    mention = item_mention(text, span)
    if mention is None:
        return []
    if re.search(r"\sand\s", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", mention.text)):
        parts = conjunction(text, mention.span, drop_article=False)
        if len(parts) == 2 and all(org_evidence(p.text) >= 2 and not is_organ(p.text) for p in parts):
            return parts
    return [mention]


def list_mentions(text: str, spans: list[Span], read=item_mentions) -> list[OrgMention] | None:
    """Mentions of a run of list items, when the run is a list of organisations.

    :param read: reads one item's mentions (default :func:`item_mentions`).
    """
    per_item = [read(text, span) for span in spans]
    found = [m for mentions in per_item for m in mentions]
    strong = sum(1 for m in found if org_evidence(m.text) >= 1)
    if not found or sum(1 for m in per_item if m) < 0.6 * len(spans) or strong < max(1, len(found) // 3):
        return None
    return found


def _separators(region: str) -> str:
    if region.count(" / ") >= 2 and region.count(" / ") > region.count(";"):
        return "/"  # "A (UJC), Cuba / B (JCV) / C"
    return ";" if region.count(";") >= 2 else ","


def split_list(text: str, span: Span) -> list[Span]:
    """Chunks of an inline list: on ';' when the list uses two or more (commas then stay
    inside items), else on ';', ',' and 'and'."""
    region = span.slice(text)
    sep = _separators(region)
    pattern = {
        ";": r"\s*;\s*(?:and\s+)?|\s+and\s+of\s+(?=(?:the\s+)?[A-Z])|,\s+(?=the\s+[A-Z])|\s+and\s+(?=the\s+[A-Z])",
        "/": r"\s+/\s+(?:and\s+)?",
    }.get(sep, r"\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
    chunks, start, joins = [], 0, []
    for match in re.finditer(pattern, region):
        chunks.append(Span(span.start + start, span.start + match.start()))
        joins.append(match.group().strip() == "and")
        start = match.end()
    chunks.append(Span(span.start + start, span.end))
    merged: list[Span] = []
    for index, chunk in enumerate(chunks):
        after_and = index > 0 and joins[index - 1]
        right = trim_tail(text, chunk).slice(text)
        if after_and and merged and (_completes_of(merged[-1].slice(text), right) or _acronym_joins(text, merged[-1], chunk)
                                     or _compound(_without_article(merged[-1].slice(text)), right)):
            merged[-1] = Span(merged[-1].start, chunk.end)
        else:
            merged.append(chunk)
    return [c for c in merged if c.end > c.start]


def _completes_of(left: str, right: str) -> bool:
    """"… of Bosnia" + "Herzegovina", "… of Guinea" + "Cape Verde (PAIGC)": the right part
    finishes the left's "of …" (it has no head word and does not open with an acronym)."""
    tokens = words(right)
    if not re.search(r"\s(?:of|for)\s", f" {left} ") or not tokens or not right[:1].isupper() or is_acronym(tokens[0]):
        return False
    return not _has_head(right)


def conjunction(text: str, span: Span, *, drop_article: bool) -> list[OrgMention]:
    """Names joined by 'and' (and commas) in one chunk; a trailing qualifier covers them all."""
    span = _strip_span(text, span.start, span.end)  # "… and Guyana's People's Progressive Party.": the stop is no part
    phrase = span.slice(text)
    qual = qualifier(phrase)
    body_end = span.start + qual[0] if qual else span.end
    body = text[span.start : body_end]
    parts = _join_compounds(_join_of_and(_split_outside_brackets(body), body), body)
    parts = _join_by_acronym(parts, body)
    if len(parts) == 1:
        mention = mention_at(text, span.start, span.end, drop_article=drop_article)
        return [mention] if mention else []
    result, cursor = [], span.start
    for index, part in enumerate(parts):
        start = text.index(part, cursor)
        end = span.end if index == len(parts) - 1 else start + len(part)
        cursor = start + len(part)
        mention = mention_at(text, start, end, drop_article=drop_article)
        if mention is not None:
            country = mention.country or (qual[1] if qual else None)
            result.append(OrgMention(mention.span, mention.text, country))
    return result


_CLOSING_ACRONYM = re.compile(r"\(\s*([A-ZÀ-Þ][A-Za-zÀ-ÿ\-]{2,11})\s*\)(?:\s+[a-z]{3,12})?\s*$")  # "(NFIP) movement"


def _acronym_spans(body: str) -> bool:
    """"Nuclear Free and Independent Pacific movement (NFIP)", "Kanak and Socialist National
    Liberation Front (FLNKS)": the closing acronym has one letter for each capitalised word of
    the whole phrase (in any order: acronyms often come from the name in another language),
    so its "and" joins words of one name, not two names."""
    match = _CLOSING_ACRONYM.search(body)
    if match is None:
        return False
    letters = sorted(match.group(1).replace("-", "").upper())
    initials = sorted(w[0].upper() for w in re.findall(r"[A-ZÀ-Þ][\w’'\-]*", body[: match.start()]))
    return len(letters) >= 3 and letters == initials


def _acronym_joins(text: str, left: Span, right: Span) -> bool:
    """"the Kanak" + "Socialist National Liberation Front (FLNKS) of New Caledonia": the
    right chunk's acronym spans both."""
    bracket = re.search(r"\)", right.slice(text))
    return bracket is not None and _acronym_spans(text[left.start : right.start + bracket.end()])


def _join_by_acronym(parts: list[str], body: str) -> list[str]:
    """Parts re-joined where a closing acronym spans the "and" between them."""
    offsets, cursor = [], 0
    for part in parts:
        cursor = body.index(part, cursor)
        offsets.append((cursor, cursor + len(part)))
        cursor += len(part)
    result: list[tuple[int, int]] = []
    for start, end in offsets:
        result.append((start, end))
        if not _CLOSING_ACRONYM.search(body[start:end]):
            continue
        for first in range(len(result) - 1):
            if _acronym_spans(body[result[first][0] : end]):
                result[first:] = [(result[first][0], end)]
                break
    return [body[a:b] for a, b in result]


def _split_outside_brackets(body: str) -> list[str]:
    """``body`` split at commas and "and", except inside brackets ("Youth Movement (Britain
    and Ireland)" stays whole) and quotation marks."""
    parts, depth, last, quoted = [], 0, 0, False
    for match in re.finditer(r"[()\[\]\"“”«»]|\s*,\s*(?:and\s+)?|\s+and\s+", body):
        token = match.group()
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif token in "\"“”«»":  # 'Plataforma "OTAN No, Bases Fuera"': a quoted name is whole
            quoted = token in "“«" or (token == '"' and not quoted)
        elif depth == 0 and not quoted:
            parts.append(body[last : match.start()])
            last = match.end()
    parts.append(body[last:])
    return parts


def _join_compounds(parts: list[str], whole: str) -> list[str]:
    """Re-join "Philippine Peace" + "Solidarity Council" and "Nepal Workers" + "Peasants
    Party": after a bare "and", a part with a head word completes a part before it that ends
    in no head (or in one that opens compounds) and names no place ("of …") or acronym."""
    result: list[str] = []
    for part in parts:
        if result and (_compound(result[-1], part) or _paired_ideals(result[-1], part)):
            at = whole.index(result[-1])
            joined = whole[at : whole.index(part, at + len(result[-1])) + len(part)]
            if re.fullmatch(re.escape(result[-1]) + r"\s+and\s+" + re.escape(part), joined):
                result[-1] = joined
                continue
        result.append(part)
    return result


def _paired_ideals(left: str, right: str) -> bool:
    """"Hawai'i Peace" + "Justice": a lone ideal after "and" pairs with the ideal ending the part
    before it, in one name."""
    ideals = lexicon().paired_ideals
    left_words, right_words = words(left.strip(_TRAILING)), words(_QUALIFIER.sub("", right.strip(_TRAILING)))
    return (len(right_words) == 1 and right_words[0][:1].isupper() and right_words[0].lower() in ideals
            and len(left_words) >= 2 and left_words[-1].lower() in ideals)


def _without_article(chunk: str) -> str:
    return re.sub(r"^\s*(?:the|The)\s+", "", chunk)


def _compound(left: str, right: str) -> bool:
    lex = lexicon()
    left, right = left.strip(_TRAILING), right.strip(_TRAILING)
    left_words, right_words = words(left), words(right)
    if len(left_words) < 2 or not right_words or not right[:1].isupper() or right_words[0].lower() in lex.heads | {"the"}:
        return False
    if re.search(r"\s(?:of|for|in)\s|[()\[\]]", f" {left} ") or any(is_acronym(w) for w in left_words + right_words[:1]):
        return False
    last = left_words[-1].lower()
    return (last not in lex.heads or last in lex.modifier_heads) and _has_head(right) and not country_candidates(left_words[-1])


def _join_of_and(parts: list[str], whole: str) -> list[str]:
    """Re-join "Party of Bohemia" + "Moravia": a part after 'and' that has no organisation
    evidence of its own completes the "of …" of the part before it."""
    result: list[str] = []
    for part in parts:
        if result and _completes_of(result[-1], part):
            joined = whole[whole.index(result[-1]) : whole.index(part, whole.index(result[-1])) + len(part)]
            if re.fullmatch(re.escape(result[-1]) + r"\s+and\s+" + re.escape(part), joined):
                result[-1] = joined
                continue
        result.append(part)
    return result


def trim_tail(text: str, span: Span) -> Span:
    """Cut a chunk at the first lower-case non-connector word after its name (the verb); a
    chunk closed by a parenthesis ("Parti communiste du Québec (PCQ)") is a whole name."""
    phrase = span.slice(text)
    if phrase.rstrip(" .;,").endswith(")") and phrase.count("(") == phrase.count(")"):
        return _strip_span(text, span.start, span.end)
    connectors = lexicon().connectors
    tokens = list(re.finditer(r"\S+", phrase))
    for index, match in enumerate(tokens):
        word = match.group().strip("(),;")
        if match.start() > 0 and word[:1].islower() and word.lower() not in connectors and not _inside_foreign_name(tokens, index) \
                and not _solidarity_with(tokens, index) and not _for_a_name(tokens, index):
            while index > 1 and (tokens[index - 1].group() in {"-", "–", "—"} or tokens[index - 1].group() in connectors):
                index -= 1  # "X (CTC-R) for the celebration", "X - independent wing": nothing of the name
            return _strip_span(text, span.start, span.start + tokens[index].start())
        if match.group().endswith(")") and qualifier(phrase[: match.end()]):
            return Span(span.start, span.start + match.end())
    return span


def _for_a_name(tokens: list[re.Match[str]], index: int) -> bool:
    """"Forum for a World of Equals", "Movement for a Democratic Society": "a" between "for"
    and a capitalised word is part of the name."""
    return (tokens[index].group() in {"a", "an"} and index > 0 and tokens[index - 1].group().lower() == "for"
            and index + 1 < len(tokens) and tokens[index + 1].group()[:1].isupper())


_WITH_AFTER = {"Solidarity", "Friendship", "Cooperation", "Co-operation"}


def _solidarity_with(tokens: list[re.Match[str]], index: int) -> bool:
    """"Brazilian Committee of Solidarity with Cuba": "with" between a solidarity word and a
    capitalised name is part of the name."""
    word = tokens[index].group()
    return (word == "with" and 0 < index < len(tokens) - 1 and tokens[index - 1].group() in _WITH_AFTER
            and tokens[index + 1].group()[:1].isupper())


_ROMANCE_LINKS = {"du", "de", "des", "del", "della", "di", "do", "da", "dos", "das"}


def _inside_foreign_name(tokens: list[re.Match[str]], index: int) -> bool:
    """"Parti communiste du Québec", "Partido comunista de España": a lower-case word followed
    by a Romance "of" and a capitalised word is part of a name in another language."""
    following = [t.group().strip("(),;") for t in tokens[index + 1 : index + 3]]
    return len(following) == 2 and following[0] in _ROMANCE_LINKS and following[1][:1].isupper()


def trim_head(text: str, span: Span) -> Span:
    """The name at the end of a chunk that starts with prose ("representatives of PCP (Portugal)")."""
    phrase = span.slice(text)
    connectors = lexicon().connectors
    words_ = list(re.finditer(r"\S+", phrase))
    for match in reversed(words_):
        word = match.group().strip("(),;:")
        if word[:1].islower() and word.lower() not in connectors:
            rest = _strip_span(text, span.start + match.end(), span.end)
            article = re.match(r"(?:the|of|from)\s+", rest.slice(text))
            return Span(rest.start + article.end(), rest.end) if article else rest
    return span


_LEAD = re.compile(
    r"^.*?\b(?i:representatives|delegations?|delegates|members|leaders|envoys|observers)\s+(?:of|from)\s+(?:the\s+)?"
)


def _is_city(name: str) -> bool:
    from kb.places import is_city_name

    return is_city_name(name)


def _not_a_place_or_thing(name: str) -> bool:
    """Inline lists also run through places ("Lima, Peru") and documents ("the Maastricht Treaty")."""
    from kb.places import is_city_name

    lowered = {w.lower().strip(".") for w in words(name)}
    if lexicon().not_organisations & lowered or names_a_meeting(name):
        return False
    return bool(org_evidence(name)) or not (country_candidates(name) or is_city_name(name))


@lru_cache(maxsize=65536)
def names_a_meeting(name: str) -> bool:
    """"Asia-Pacific Trade Union Meeting": a name ending in a meeting noun names an event."""
    from kb.parse.cues import cues

    tokens = [w.lower() for w in words(re.sub(r"[\"“”].*$", "", name))]
    meeting = set(cues().nouns) - set(cues().ambiguous)
    if tokens and tokens[0] in {"the"}:
        tokens = tokens[1:]
    numbered = bool(tokens) and bool(_EDITION.fullmatch(tokens[0]))  # "First Pan-African Conference of Left": an edition
    return bool(tokens) and (tokens[-1] in meeting or numbered and any(t in cues().nouns for t in tokens[1:]))


_EDITION = re.compile(r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th)|[ivx]{2,6}")


_ASIDE = re.compile(r"\s*(?:whose|who|which|where|led\s+by|headed\s+by|represented\s+by)\s", re.IGNORECASE)


_ORIGIN = re.compile(r"(?i:from|in)\s+(?:the\s+)?(.+)")


_NOTE = re.compile(r"\s*\((?:[a-z][^()]{0,40})\)[\s.;,]*$")


def _without_note(text: str, chunk: Span) -> Span:
    """A list chunk without a trailing note in brackets ("the Korean Peace Committee (to be
    confirmed)", "the X (observer)"): the name is what comes before it."""
    note = _NOTE.search(text, chunk.start, chunk.end)
    return Span(chunk.start, note.start()) if note and note.start() > chunk.start else chunk


_DELEGATION_OF = re.compile(r"\s*(?:(?i:the|a|an)\s+)?(?:(?i:guest|fraternal|observer|large|small|high-level)\s+)?"
                            r"(?i:delegations?|representatives?|delegates|observers?)\s+(?:of|from)\s+(?:the\s+)?(?=[A-Z])")
# ("a guest delegation from the Federation of Malayan Students": the federation)


def past_delegation(text: str, mention: OrgMention) -> OrgMention:
    """"…, delegations of the CP of Kazakhstan; the …" lists the CP of Kazakhstan."""
    match = _DELEGATION_OF.match(text, mention.span.start, mention.span.end)
    found = mention_at(text, match.end(), mention.span.end, drop_article=True) if match else None
    return found or mention


_PERSON_OF = re.compile(r"\s*(?P<person>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3})\s+(?:of|from)\s+(?:the\s+)?(?=[A-Z])")


def _past_person(text: str, chunk: Span) -> Span:
    """An item naming a person of an organisation ("Yuki Tanaka of the Japan Peace Committee")
    lists the organisation."""
    from kb.parse.person_items import is_person_name

    from kb.parse.cues import cues

    match = _PERSON_OF.match(text, chunk.start, chunk.end)
    if match is None:
        return chunk
    person = match.group("person")
    plain = [w.strip("'’.").lower() for w in person.split()]
    if (len(plain) > 3 or plain[0] in {"the", "a", "an"} or any(w in lexicon().heads or w in cues().nouns for w in plain)
            or any(w.endswith(("'", "’")) for w in person.split()) or org_evidence(person) or not is_person_name(person)):
        return chunk  # "The Conference of Communist, …", "Unified Workers' Central of Brazil": names, no person
    return Span(match.end(), chunk.end)


def inline_list(text: str, span: Span, *, minimum: int = 3) -> list[OrgMention]:
    """Organisations listed inline in a sentence: at least three (``minimum``) name-like chunks
    in a row, most of them with organisation evidence (head word, acronym or country qualifier)."""
    chunks = [_without_note(text, chunk) for chunk in split_list(text, span)]
    if chunks:
        lead = _LEAD.match(chunks[0].slice(text))
        if lead:
            chunks[0] = Span(chunks[0].start + lead.end(), chunks[0].end)
        chunks = _without_opening_title(text, chunks)
    for index, chunk in enumerate(chunks):
        if (index == 0 or not is_name_like(chunk.slice(text))) and re.search(r"(?:^|\s)[a-z]", chunk.slice(text)):
            if index == len(chunks) - 1 and index > 0:  # "…, and the C took place in Brussels at the invitation of the D":
                tail = trim_tail(text, chunk)           # the last item is the name the sentence goes on from
                if tail.end > tail.start and is_name_like(tail.slice(text)) and org_evidence(tail.slice(text)):
                    chunks[index] = tail
                    continue
            head = trim_head(text, chunk)
            if head.end > head.start and is_name_like(head.slice(text)) and org_evidence(head.slice(text)):
                chunks[index] = head
    chunks = [_past_person(text, chunk) for chunk in chunks]
    best: list[list[Span]] = []
    run: list[Span] = []
    last = chunks[-1] if chunks else None
    for chunk in chunks + [Span(span.end, span.end)]:
        if run and chunk is not last and _ASIDE.match(chunk.slice(text)):
            continue  # "the A, whose delegation was led by …, the B and the C": an aside, not an item
        origin = _ORIGIN.fullmatch(chunk.slice(text).strip())
        if origin and country_candidates(origin.group(1)):
            continue  # "…; from Chile, the CUT and the Socialist Party; …": the country the next items come from
        # only the last chunk can run on into the sentence ("… and Y held a meeting"); a chunk
        # between separators is whole unless it is no name as it stands
        whole = chunk is not last and is_name_like(chunk.slice(text))
        candidate = chunk if not run or whole else trim_tail(text, chunk)
        country = chunk if country_candidates(chunk.slice(text).strip()) else trim_tail(text, chunk)
        if run and country_candidates(country.slice(text).strip()) and not qualifier(run[-1].slice(text)):
            run[-1] = Span(run[-1].start, country.end)  # "…, the Left Front, Chile, …": the country qualifies
            if country != chunk:  # "… and the Young Communist League, USA attended": the list ends there
                best += [run] if len(run) >= 2 else []
                run = []
            continue
        ok = chunk.end > chunk.start and is_name_like(candidate.slice(text)) and not country_candidates(candidate.slice(text))
        if not ok and chunk is not last and _names_only(text, chunk):  # "…; A, B (G.D.R.), C; …": a run of its own
            candidate, ok = chunk, True
        if ok and (candidate == chunk or chunk is not last):
            run.append(candidate)  # "…; the X - independent wing; the Y; …": a description, the list goes on
            continue
        if ok:
            run.append(candidate)
        if len(run) >= 2:
            best.append(run)
        run = [chunk] if chunk.end > chunk.start and is_name_like(chunk.slice(text)) else []
    mentions: list[OrgMention] = []
    for run in best:
        found = [past_delegation(text, m) for chunk in run for m in conjunction(text, chunk, drop_article=True)
                 if _not_a_place_or_thing(m.text)]
        if _mostly_persons(found):
            continue  # "opened by the General Secretary of the PCV, Carlos Aquino Rivas, and … by Ramón Ortega of the PCM"
        evidence = sum(1 for m in found if org_evidence(m.text))
        if len(found) >= minimum and evidence >= 0.5 * len(found):
            mentions.extend(found)
    return mentions


def _without_opening_title(text: str, chunks: list[Span]) -> list[Span]:
    """"The Conference in Solidarity with the Workers and People of X, convened by A and B, …":
    a meeting's title-cased name opening the sentence, to its first comma, is no list item."""
    first = chunks[0]
    if not re.search(r"(?:^|\s)[a-z]", first.slice(text)) or not _title_of_meeting(text[first.start : trim_head(text, first).start]):
        return chunks
    index = 0
    while index + 1 < len(chunks) and not text[chunks[index].end : chunks[index + 1].start].strip().startswith((",", ";")):
        index += 1
    return chunks[index + 1 :]


def _names_only(text: str, chunk: Span) -> bool:
    """A list chunk that is a comma run of two or more organisations' names and nothing else."""
    found = conjunction(text, chunk, drop_article=True)
    return len(found) >= 2 and all(is_name_like(m.text) and org_evidence(m.text) for m in found)


def _title_of_meeting(words_before: str) -> bool:
    """Whether the words before a list's first name are a meeting's title-cased name running
    on into it ("The International Conference in Solidarity with the"): the name goes on."""
    from kb.parse.cues import cues

    tokens = words_before.split()
    titled = all(t[:1].isupper() or t in {"in", "of", "for", "with", "the", "and", "on", "against", "to"} for t in tokens)
    return bool(tokens) and titled and any(t.lower() in cues().nouns and t[:1].isupper() for t in tokens)


def _mostly_persons(found: list[OrgMention]) -> bool:
    from kb.parse.person_items import names_a_person

    return 2 * sum(1 for m in found if names_a_person(m.text)) >= len(found) > 0


_NAME_RUN = re.compile(
    r"(?:[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*|\d+(?:st|nd|rd|th)?)(?:\s+(?:of|the|and|for|de|del|di|la|y|in|against|para|pour|por|des|du|da|do|dos|"
    r"(?<=Solidarity\s)with|(?<=Friendship\s)with|[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*|\d+))*"
    r"(?:\s*\((?:[^()]{1,40})\))?"
)


def prose_mentions(text: str, span: Span, *, known: frozenset[str] = frozenset()) -> Iterator[OrgMention]:
    """Organisation names in running prose: capitalised runs with a head word (trimmed of a
    trailing post such as "General Secretary"), and acronyms the registry knows."""
    for match in _NAME_RUN.finditer(text, span.start, span.end):
        start = match.start()
        phrase = match.group()
        lead = _PLACE_LEAD.match(phrase)
        if lead and country_candidates(lead.group("place")):  # "From the United States the Women's Committee …"
            start, phrase = start + lead.end(), phrase[lead.end():]
        behalf = _BEHALF_LEAD.match(phrase)
        if behalf:  # "Speaking for the Lebanese Communist Party, its head of …": the party
            start, phrase = start + behalf.end(), phrase[behalf.end():]
        while phrase and _fold(phrase.split()[-1]).strip(".") in {"and", "of", "the", "for", "in", "de", "y", "la"}:
            phrase = phrase.rsplit(None, 1)[0] if " " in phrase else ""
        for part in _split_names(text, start, start + len(phrase)):
            words_in = words(part.slice(text))
            if _fold(part.slice(text)) in known or (org_evidence(part.slice(text)) >= 2 and len(words_in) >= 2):
                mention = mention_at(text, part.start, part.end, drop_article=True)
                if mention is not None and not is_organ(mention.text) and not names_a_meeting(mention.text):
                    yield mention


_BEHALF_LEAD = re.compile(r"(?:Speaking|Writing|Reporting)\s+(?:for|on\s+behalf\s+of)\s+(?:the\s+)?(?=[A-ZÀ-Þ])")
_PLACE_LEAD = re.compile(r"(?:From|In|At|Among|Besides)\s+(?:the\s+)?(?P<place>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2})\s+(?=the\s)")


def _split_names(text: str, start: int, end: int) -> list[Span]:
    """Split a capitalised run at 'and' when both sides are names of their own."""
    if "and" not in text[start:end]:
        return [Span(start, end)]  # most runs: no 'and' to split at
    for match in re.finditer(r"\s+and\s+(?:the\s+)?", text[start:end]):
        left, right = Span(start, start + match.start()), Span(start + match.end(), end)
        if org_evidence(left.slice(text)) >= 2 and org_evidence(right.slice(text)) >= 2 and not (
                match.group().strip() == "and" and _compound(_without_article(left.slice(text)), right.slice(text))):
            return [left, *_split_names(text, right.start, right.end)]
    return [Span(start, end)]
