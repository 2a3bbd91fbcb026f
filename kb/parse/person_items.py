"""List items that name a person, with a post and the organisation they speak for.

Lists of speakers, heads of delegation and signers put a person, a post and an organisation
on one line, in any order and with any separator (EXTRACTION.md, "Persons"):

- "Jane Roe, General Secretary, Left Front (Chile)"
- "Jane Roe - President, Left Front"        "Jane Roe / member of the Political Bureau / Left Front"
- "Secretary for International Relations Jane Roe (Left Front)"
- "Jane Roe (LF), head of the International Section of the CC"
- "Jane Roe, Vice-Director of the International Department of the Left Front"

Such a line is not an organisation's name: the organisation in it is the list's mention, and
the person is a :class:`~kb.parse.records.Person`. A line is read as a person only when one
part of it is a person's name (capitalised words that are neither an organisation, a place
nor an organ) and another part is a post or an organisation, so a list of organisations is
never mistaken for people. Posts, post qualifiers, honorifics and organ words are data in
``kb/data/posts.toml`` and ``kb/data/orgwords.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kb.datafiles import load
from kb.parse.orgs import is_acronym, is_name_like, is_organ, lexicon, mention_at, org_evidence, words
from kb.records import OrgMention, Person, Span
from kb.resolve.countries import country_candidates

#: Separators between the parts of a person line.
_SEPARATOR = re.compile(r"\s*,\s+|\s+[-–—]\s+|\s*/\s*|\s*:\s+")
_PAREN = re.compile(r"\(([^()]{1,80})\)|\[([^\[\]]{1,80})\]")
_LINK = re.compile(r"\s+(?:of|for|in|at|de|del|de\s+la|de\s+los)\s+(?:the\s+)?")
_ON_BEHALF = re.compile(r"(?i)(?:for|on\s+behalf\s+of)\s+(?:the\s+)?")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞİÇŞĞÖÜ][\w’'\-]*\.?$")


@dataclass(frozen=True, slots=True)
class _Part:
    span: Span
    text: str
    bracketed: bool = False


@cache
def post_alternation() -> str:
    """A post, whole or by its head word, after its qualifiers ("Deputy Head", "alternate
    member"), as a pattern (no anchors, no flags)."""
    data = load("posts")
    heads = sorted({*data["posts"], *data["post_heads"]}, key=len, reverse=True)
    qualifiers = "|".join(re.escape(q) for q in data["post_qualifiers"])
    head = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads)
    return rf"(?:(?:{qualifiers})[\s\-]+)*(?:{head})"


@cache
def _vocabulary() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = load("posts")
    post = re.compile(rf"(?i)^(?:the\s+)?{post_alternation()}\b")
    honorifics = frozenset(h.lower() for h in data["honorifics"])
    particles = frozenset(data["name_particles"])
    organ_words = frozenset(load("orgwords")["organ_words"])
    not_names = organ_words | frozenset(data["portfolio_words"])
    return post, honorifics, particles, organ_words, not_names


def _parts(text: str, span: Span) -> list[_Part]:
    """The parts of an item, split at separators; a bracketed group is a part of its own."""
    pieces: list[tuple[int, int, bool]] = []
    cursor = span.start
    for match in _PAREN.finditer(text, span.start, span.end):
        pieces.append((cursor, match.start(), False))
        group = 1 if match.group(1) is not None else 2
        pieces.append((match.start(group), match.end(group), True))
        cursor = match.end()
    pieces.append((cursor, span.end, False))
    parts = []
    for start, end, bracketed in pieces:
        if bracketed:
            parts.append(_Part(Span(start, end), text[start:end], True))
            continue
        last = start
        for match in _SEPARATOR.finditer(text, start, end):
            parts.append(_Part(Span(last, match.start()), text[last : match.start()]))
            last = match.end()
        parts.append(_Part(Span(last, end), text[last:end]))
    return [_trimmed(text, p) for p in parts if text[p.span.start : p.span.end].strip(" \t.;,")]


def _trimmed(text: str, part: _Part) -> _Part:
    start, end = part.span.start, part.span.end
    while start < end and text[start] in " \t.;,":
        start += 1
    while end > start and text[end - 1] in " \t;,:":
        end -= 1
    return _Part(Span(start, end), text[start:end], part.bracketed)


def _without_honorific(text: str, start: int, end: int) -> int:
    _, honorifics, _, _, _ = _vocabulary()
    match = re.match(r"([\w.]+)\s+", text[start:end])
    while match and match.group(1).lower() in honorifics:
        start += match.end()
        match = re.match(r"([\w.]+)\s+", text[start:end])
    return start


def is_person_name(phrase: str) -> bool:
    """Two to five capitalised words (name particles allowed) that name no organisation,
    organ, post, country or acronym."""
    post, _, particles, _, not_names = _vocabulary()
    tokens = phrase.split()
    unlettered = re.sub(r"\b[A-Z]\.\s*", "", phrase)  # "K. P. Wickramasinghe": initials are no acronym
    if not 2 <= len(tokens) <= 5 or post.match(phrase) or org_evidence(unlettered or phrase) or is_organ(phrase):
        return False
    if country_candidates(phrase) or any(t.lower().strip(".") in not_names for t in tokens):
        return False
    lex = lexicon()
    for token in tokens:
        if token in particles:
            continue
        if not _NAME_TOKEN.match(token) or is_acronym(token.rstrip(".")) and len(token) > 2:
            return False
        if token.lower().strip(".") in lex.heads:
            return False
    return tokens[0] not in particles and tokens[-1] not in particles


def names_a_person(phrase: str) -> bool:
    """A list chunk that names a person, not an organisation: "Carlos Aquino Rivas", "the
    General Secretary of the PCV", "Ramón Ortega of the PCM"."""
    post = _vocabulary()[0]
    phrase = " ".join(phrase.split())
    if post.match(phrase):
        return True
    before, of, _ = phrase.partition(" of ")
    return is_person_name(before if of else phrase)


def is_post(phrase: str) -> bool:
    """Whether a phrase opens with a post, whole or by its head word ("Member of the Executive Committee")."""
    return _vocabulary()[0].match(phrase.strip()) is not None


def post_line(text: str, span: Span) -> tuple[Span, OrgMention] | None:
    """A signature's line "Post, Organisation" ("General Secretary, AIPSO", "Spokesperson,
    CCOMPOSA"): the post's span and the organisation, when the part before the last comma is a
    post and nothing else."""
    line = span.slice(text)
    comma = line.rfind(",")
    if comma <= 0:
        return None
    left = line[:comma].strip()
    head = _vocabulary()[0].match(left)
    if head is None or head.end() != len(left):
        return None
    org = mention_at(text, span.start + comma + 1, span.end, drop_article=True)
    if org is None or not (org_evidence(org.text) or is_acronym(org.text)):
        return None
    start = span.start + len(line) - len(line.lstrip())
    return Span(start, start + len(left)), org


def post_and_org(text: str, start: int, end: int) -> tuple[Span, OrgMention | None] | None:
    """The post opening ``text[start:end]`` and the organisation an "of ..." names after it,
    with a bracket right after the organisation kept in its mention ("Secretary of the CC of
    the Left Party (LP)" → post "Secretary of the CC", organisation "Left Party (LP)")."""
    bracket = re.match(r"\s*\(([^()]{1,40})\)", text[end:])
    found = _post_and_org(text, _Part(Span(start, end), text[start:end]))
    if found is None or found[1] is None or bracket is None:
        return found
    post, org = found
    if not text[org.span.end : end].strip():
        widened = mention_at(text, org.span.start, end + bracket.end(), drop_article=False)
        org = widened or org
    return post, org


def _post_and_org(text: str, part: _Part) -> tuple[Span, OrgMention | None] | None:
    """A post at the start of ``part``, with the organisation an "of ..." names after it:
    "Vice-Director of the International Department of the Left Front" → post up to
    "Department", organisation "Left Front". Organs ("of the CC") stay in the post."""
    post, _, _, organ_words, _ = _vocabulary()
    head = post.match(part.text)
    if not head:
        return None
    post_end = part.span.start + head.end()
    rest = part.span.end
    while link := _LINK.match(text, post_end, rest):
        chunk_start = link.end()
        nxt = _LINK.search(text[chunk_start:rest])
        chunk = text[chunk_start : chunk_start + nxt.start()] if nxt else text[chunk_start:rest]
        organ = is_organ(chunk) or (any(w.lower() in organ_words or w.lower().strip(".") in organ_words for w in words(chunk))
                                    and org_evidence(chunk) < 2)  # not "the International Peace Bureau": an organisation
        if org_evidence(chunk) and not organ:
            org = mention_at(text, chunk_start, rest, drop_article=True)
            return Span(part.span.start, post_end), org
        if not organ and nxt is None:  # a portfolio, perhaps followed by the holder's name:
            return Span(part.span.start, chunk_start + _before_name(chunk)), None  # "Secretary for Youth Ana Roe"
        post_end = chunk_start + len(chunk)
    return Span(part.span.start, post_end), None


def _before_name(chunk: str) -> int:
    """Where a person's name closing ``chunk`` starts (``len(chunk)`` when none does)."""
    tokens = list(re.finditer(r"\S+", chunk))
    for size in (4, 3, 2):
        if len(tokens) > size and is_person_name(chunk[tokens[-size].start() :]):
            return tokens[-size - 1].end()
    return len(chunk)


def _trailing(text: str, part: _Part) -> int:
    segment = text[part.span.start : part.span.end]
    return len(segment) - len(segment.rstrip())


def _org(text: str, parts: list[_Part], index: int) -> OrgMention | None:
    """The organisation ``parts[index]`` names: a name with organisation evidence, a bracketed
    acronym, or a capitalised name followed by its bracketed acronym ("Unidad Revolucionaria
    Nacional Guatemalteca (URNG)")."""
    part = parts[index]
    if country_candidates(part.text):
        return None
    start = part.span.start
    if lead := _ON_BEHALF.match(text, start, part.span.end):
        start = lead.end()
    token = text[start : part.span.end].strip()
    following = parts[index + 1] if index + 1 < len(parts) else None
    acronym_next = following is not None and following.bracketed and is_acronym(following.text.strip())
    if org_evidence(token) or (part.bracketed and is_acronym(token)) or (
        acronym_next and not part.bracketed and is_name_like(token, max_words=10)
        and (not is_person_name(token) or _initials_of(re.split(r"[-/]", following.text.strip())[0], token))
    ):
        return mention_at(text, start, part.span.end, drop_article=False)
    return None


def _widened(text: str, org: OrgMention, parts: list[_Part], index: int, used: set[int]) -> OrgMention:
    """Keep what qualifies the organisation in its mention: a bracketed country or acronym
    ("Left Front (Chile)", "Left Front (LF)") and a country after a separator ("Left Front -
    Chile", "Left Front (LF), Chile"); a prose "of Chile" is passed over, not kept."""
    end = org.span.end
    for follow in range(index + 1, min(index + 3, len(parts))):
        part = parts[follow]
        words_ = part.text.strip()
        if part.bracketed and (country_candidates(words_) or is_acronym(words_)):
            end = part.span.end + (1 if text[part.span.end : part.span.end + 1] in ")]" else 0)
        elif not part.bracketed and (country_candidates(words_) or is_acronym(words_)):
            end = part.span.end  # "Left Front - Chile", "Federation of Women – FW (Cyprus)"
        elif not part.bracketed and re.fullmatch(r"(?i)(?:of|from)\s+(?:the\s+)?(.+)", words_) and country_candidates(
            re.sub(r"(?i)^(?:of|from)\s+(?:the\s+)?", "", words_)
        ):
            used.add(follow)
            continue
        else:
            break
        used.add(follow)
    if end == org.span.end:
        return org
    widened = mention_at(text, org.span.start, end, drop_article=False)
    return widened or org


def _has_head_word(name: str) -> bool:
    heads = lexicon().heads
    return any(w.lower() in heads and w[:1].isupper() for w in words(name))


def _initials_of(acronym: str, name: str) -> bool:
    letters = [w[0].upper() for w in name.split() if w[:1].isalpha()]
    return "".join(letters) == acronym.replace(".", "").upper()


def _named_later(text: str, parts: list[_Part], index: int) -> bool:
    """True when ``parts[index]`` is a bracketed country and a person's name follows it."""
    if not country_candidates(parts[index].text.strip()) or text[parts[index].span.end : parts[index].span.end + 1] != ")":
        return False
    return any(not p.bracketed and is_person_name(p.text) for p in parts[index + 1 :])


@lru_cache(maxsize=256)  # the list readers and the person reader both ask for each item
def person_item(text: str, span: Span) -> Person | None:
    """The person a list item names with a post or an organisation; ``None`` otherwise."""
    parts = _parts(text, span)
    if len(parts) < 2 or len(parts) > 5:
        return None
    name: Span | None = None
    post: Span | None = None
    org: OrgMention | None = None
    used: set[int] = set()
    for index, part in enumerate(parts):
        if index in used:
            continue
        found = _post_and_org(text, part) if not part.bracketed else None
        if found is not None and post is None:
            post, org_in_post = found
            tail = text[post.end : part.span.end].strip()
            if org_in_post is not None:
                org = org or _widened(text, org_in_post, parts, index, used)
            elif tail and name is None:  # "Secretary for International Relations Jane Roe"
                lead = post.end + len(text[post.end : part.span.end]) - len(tail) - _trailing(text, part)
                start = _without_honorific(text, lead, part.span.end)
                if not is_person_name(text[start : part.span.end]):
                    return None
                name = Span(start, part.span.end)
            elif tail:
                return None
            continue
        start = _without_honorific(text, part.span.start, part.span.end)
        if name is None and not part.bracketed and is_person_name(text[start : part.span.end]):
            name = Span(start, part.span.end)
            continue
        if name is not None and org is None and part.bracketed and _named_later(text, parts, index):
            org = mention_at(text, name.start, part.span.end + 1, drop_article=False)
            name = None  # "Omospondia Gynaikon Elladas (Greece) – Eleni Kouri": the country marks the organisation
            continue
        candidate = _org(text, parts, index)
        if candidate is not None and org is None:
            first = re.split(r"[-/\s]", part.text.strip())[0]
            if name is not None and _initials_of(first, name.slice(text)):
                return None  # "Sinn Féin (SF)", "Unidad Revolucionaria – URNG": a name and its acronym
            org = _widened(text, candidate, parts, index, used)
            continue
        return None
    if name is None or (post is None and org is None):
        return None
    if post is None and not _has_head_word(org.text):
        return None  # "Rifondazione Comunista (PRC)": a bare acronym does not make a person
    post_text = " ".join(post.slice(text).split()) if post else None
    if post_text and post_text.lower().startswith("the "):
        post_text = post_text[4:]
    return Person(name=name.slice(text), span=name, post=post_text, organisation=org)


_SPEAKER_SPLIT = re.compile(r"\s*;\s*|\s*,\s+(?:and\s+)?(?:by\s+)?|\s+and\s+(?:by\s+)?")  # "…, and by CPI General Secretary X"
_OF_ORG = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")


def speaker_items(text: str, span: Span) -> list[Person]:
    """The persons of a list of speakers ("Jane Roe (LF), John Doe of the Left Party and Ana
    Roe, President of the Workers' Union"), each with the organisation they speak for when the
    item names one. A piece that opens with a post or names an organisation belongs to the
    person before it; "and" splits only before a person."""
    pieces = _speaker_pieces(text, span)
    persons: list[Person] = []
    for index, piece in enumerate(pieces):
        person = _speaker(text, piece)
        if person is None:
            continue
        for extra in pieces[index + 1 :]:
            if _speaker(text, extra) is not None:
                break
            person = _with_extra(text, person, extra)
        persons.append(person)
    return persons


def _speaker_pieces(text: str, span: Span) -> list[Span]:
    """``span`` cut at separators outside brackets, an "and" kept inside a name it does not end."""
    cuts, depth, start = [], 0, span.start
    for match in _SPEAKER_SPLIT.finditer(text, span.start, span.end):
        depth = text.count("(", start, match.start()) - text.count(")", start, match.start())
        if depth > 0:
            continue
        right = text[match.end() : span.end]
        if match.group().strip() == "and" and not is_person_name(" ".join(re.findall(r"[\w’'.\-]+", right)[:2])):
            continue  # "of the Communist Party of Bohemia and Moravia": one name
        cuts.append(Span(start, match.start()))
        start = match.end()
    cuts.append(Span(start, span.end))
    pieces = []
    for cut in cuts:
        begin, end = cut.start, cut.end
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1] in " \t\n.;,":
            end -= 1
        if end > begin:
            pieces.append(Span(begin, end))
    return pieces


def _speaker(text: str, piece: Span) -> Person | None:
    """A piece that opens with a person's name: alone, "Name (Org)", or "Name of the Org"."""
    start = _without_honorific(text, piece.start, piece.end)
    chunk = text[start : piece.end]
    bracket = re.fullmatch(r"(.+?)\s*\(([^()]{2,80})\)", chunk)
    if bracket and is_person_name(bracket.group(1)):
        name = Span(start, start + len(bracket.group(1)))
        inner = start + bracket.start(2)
        org = None if country_candidates(bracket.group(2)) else mention_at(text, inner, inner + len(bracket.group(2)), drop_article=True)
        return Person(name=name.slice(text), span=name, post=None, organisation=org)
    if is_person_name(chunk):
        return Person(name=chunk, span=Span(start, piece.end), post=None, organisation=None)
    for link in _OF_ORG.finditer(text, start, piece.end):
        if is_person_name(text[start : link.start()]) and org_evidence(text[link.end() : piece.end]):
            name = Span(start, link.start())
            org = mention_at(text, link.end(), piece.end, drop_article=True)
            return Person(name=name.slice(text), span=name, post=None, organisation=org)
    return None


def _with_extra(text: str, person: Person, extra: Span) -> Person:
    """The person with a post ("President of the X") or an organisation ("Left Front") that
    follows them in the list."""
    found = post_and_org(text, extra.start, extra.end)
    if found is not None:
        post, org = found
        post_text = " ".join(post.slice(text).split())
        post_text = post_text[4:] if post_text.lower().startswith("the ") else post_text
        return Person(person.name, person.span, person.post or post_text, person.organisation or org)
    if person.organisation is None and org_evidence(extra.slice(text)) and not is_organ(extra.slice(text)) \
            and _before_name(extra.slice(text)) == len(extra.slice(text)):  # not "CPI General Secretary S. Venkatesan"
        return Person(person.name, person.span, person.post, mention_at(text, extra.start, extra.end, drop_article=True))
    return person


__all__ = ["is_person_name", "person_item", "post_and_org", "speaker_items"]
