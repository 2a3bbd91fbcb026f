"""Structure of a declaration: title, paragraphs, list items, datelines, signatures, noise.

Works on the original text and returns :class:`~kb.records.Segment`s whose spans index it,
so every later stage quotes the text exactly. Rules (genre conventions, not any one text):

- Blocks are separated by blank lines; lines inside a block that start with a bullet, dash or
  number marker are list items; other lines of a block join into one paragraph.
- The first block is a ``title`` when it is a single short line that does not end a sentence.
- A line holding only a numeric date or time is a publisher ``timestamp``.
- Short lines between the title and the first paragraph of prose that look like site chrome
  (a word or two, menu or share words from ``kb/data/noise.toml``) are ``noise``.
- A short last or first line of the form "City, <date>" is a ``dateline``; a short last line
  without a verb or a date (a name) is a ``signature``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from kb.datafiles import load
from kb.records import Segment, Span
from kb.resolve.countries import country_code, demonym_country

_MARKER = re.compile(
    r"(?P<marker>[•·◦▪▫●○■□►▸‣∙*➢➤→»✓✔§・\uf0b7\uf0a7\uf0d8]|[\U0001F1E6-\U0001F1FF]{2}(?=\s)|[\U0001F300-\U0001FAFF\u2600-\u27BF][\U0001F3FB-\U0001F3FF\uFE0F]?(?=\s)|--?(?=\s)|[–—](?=\s)|o(?=[ \t]{2}|\t)|\(?\d{1,3}(?:\.\)|\.-|[.)\-–:])(?!\d)"
    r"|\(?[a-z](?:\.\)|[.)])(?=\s)|\(?[ivx]{1,4}(?:\.\)|[.)])(?=\s)|\(?[IVX]{1,4}(?:\.\)|[.)])(?=[ \t]+[A-Z\"“]))[ \t]*"
)
_TIMESTAMP = re.compile(
    r"^\s*(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})((?:[ ,T]+|\s+[-–|]\s+)\d{1,2}:\d{2}(:\d{2})?\s*([AaPp]\.?[Mm]\.?)?)?\s*$"
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s*$")
_MAX_TITLE = 200
_SHORT_WORDS = 8


@cache
def _noise_words() -> frozenset[str]:
    data = load("noise")
    return frozenset(word.lower() for word in data["words"])


def _lines(text: str) -> Iterator[Span]:
    """Spans of each line's content, without the line break."""
    start = 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        yield Span(start, match.start())
        start = match.end()
    yield Span(start, len(text))


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def blocks(text: str) -> list[list[Span]]:
    """Runs of non-blank lines (each line's stripped span)."""
    result: list[list[Span]] = [[]]
    for line in _lines(text):
        stripped = _strip(text, line)
        if stripped.start == stripped.end:
            if result[-1]:
                result.append([])
        else:
            result[-1].append(stripped)
    return [block for block in result if block]


@cache
def _word_marker() -> re.Pattern[str]:
    """A word and a colon opening a line as a point's marker ("First:", "SECONDLY:"; noise.toml's ``item_words``)."""
    words = load("noise").get("item_words", [])
    forms = sorted({form for w in words for form in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return re.compile(r"(?P<marker>(?:" + "|".join(map(re.escape, forms)) + r"):)[ \t]+(?=\S)")


def _item(text: str, line: Span) -> Segment | None:
    match = _MARKER.match(text, line.start, line.end) or _word_marker().match(text, line.start, line.end)
    if not match or match.end() >= line.end:
        return None
    marker = match.group("marker")
    if marker[0].isdigit() or marker[0] == "(":
        rest = text[match.end() : line.end]
        if not rest[:1].isalpha() and rest[:1] not in "\"“'‘":
            return None
    return Segment("item", Span(match.end(), line.end), marker.strip())


def _is_bare_list(text: str, block: list[Span], *, minimum: int = 3) -> bool:
    """Several short lines, none ending a sentence: a list written without markers."""
    lines = [(span, span.slice(text)) for span in block]
    if len(lines) > minimum and _AND_OTHERS.match(lines[-1][1]):
        lines = lines[:-1]  # "… / Communist Party of Macedonia, / and others."
    if sum(re.sub(r"\([^()]*\)", "", line).count(",") >= 2 for _, line in lines) * 2 >= len(lines) and any(
            _dangling(line) for _, line in lines[:-1]):
        return False  # "Communist Party of China, Communist Party of Vietnam, Lao People's" / …: a run of names wrapped
    return len(lines) >= minimum and all(
        _item(text, span) is None and len(line.split()) <= 18 and not _SENTENCE_END.search(line) and not line.endswith(":")
        for span, line in lines
    )


def _dangling(line: str) -> bool:
    """A line that stops inside a name: on a connector, a possessive or a nationality ("… Lao
    People's", "… Nepal (UML), Japanese")."""
    last = line.rstrip().split()[-1] if line.strip() else ""
    return (last.lower() in {"of", "the", "and", "for", "de", "del", "la", "du", "des"} or last.endswith(("'s", "’s"))
            or demonym_country(last) is not None)


_AND_OTHERS = re.compile(r"^\s*(?:…\s*|\.\.\.\s*)?(?:and\s+|&\s+)?(?:(?:many|several)\s+)?(?:others|more|etc)\.?\s*$", re.IGNORECASE)


_COLUMN = re.compile(r"\s{3,}(?=(?:\(?\d{1,3}[.)\-]|[•·▪*–-])\s)")


_GAP = re.compile(r"(?<=\S)(?:[ ]*\t[ \t]*|[ ]{3,})(?=\S)")


def _columns(text: str, block: list[Span]) -> list[Span]:
    """Lines of a list printed in columns ("1) A        2) B"; names separated by tabs or runs
    of spaces, as a table pasted as text), one span per cell. Unmarked cells are split only
    when most lines of the block have a gap and none reads as prose."""
    lines = [line.slice(text) for line in block]
    table = len(block) >= 2 and sum(bool(_GAP.search(line.strip())) for line in lines) * 2 >= len(block) and not any(
        len(line) > 160 or line.rstrip().endswith((".", ":", ";")) for line in lines
    )
    cells = []
    shared = _shared_columns(text, block) if table else set()
    for line in block:
        start = line.start
        for gap in (_GAP if table else _COLUMN).finditer(text, line.start, line.end):
            if gap.start() <= line.start or text[line.start : gap.start()].strip() == "":
                continue  # indentation, not a column
            cells.append(Span(start, gap.start()))
            start = gap.end()
        if start == line.start:
            start = _at_column(text, line, shared, cells)
        cells.append(Span(start, line.end))
    return cells


def _column_starts(text: str, line: Span) -> list[int]:
    """Where the cells after the first begin in a line of spaces (no tabs), from its start."""
    if "\t" in text[line.start : line.end]:
        return []
    return [gap.end() - line.start for gap in _GAP.finditer(text, line.start, line.end)
            if text[line.start : gap.start()].strip()]


def _shared_columns(text: str, block: list[Span]) -> set[int]:
    """Column positions at least two lines of a space-aligned table share."""
    counts: dict[int, int] = {}
    for line in block:
        for column in _column_starts(text, line):
            counts[column] = counts.get(column, 0) + 1
    return {column for column, count in counts.items() if count >= 2}


def _at_column(text: str, line: Span, shared: set[int], cells: list[Span]) -> int:
    """A row whose first cell fills its column to one space before the next ("Parti Unifie des
    Communistes Haitiens (PUCH) People's Progressive Party (PPP)"): split where the other rows'
    second column begins, if a capitalised word begins there after one space. Returns where the last cell starts."""
    for column in sorted(shared):
        at = line.start + column
        if at < line.end and text[at - 1] == " " and text[at - 2] != " " and (text[at].isupper() or text[at].isdigit()) \
                and text[line.start : at - 1].strip():
            cells.append(Span(line.start, at - 1))
            return at
    return line.start


_PIPE_RULE = re.compile(r"^[\s|+\-=:_]+$")  # "----+------", "|---|---|"


def _pipe_cells(text: str, line: Span) -> list[Span]:
    cells, start = [], line.start
    for match in re.finditer(r"\|", text[line.start : line.end]):
        cells.append(_strip(text, Span(start, line.start + match.start())))
        start = line.start + match.end()
    cells.append(_strip(text, Span(start, line.end)))
    return [c for c in cells if c.end > c.start]


def _column(header: list[str], words: list[str]) -> int | None:
    """The column whose heading is one of ``words``, or joins them ("Party / Organisation")."""
    return next((i for i, cell in enumerate(header)
                 if any(part.strip(" .:") in words for part in re.split(r"/|&|,|\band\b|\bor\b", cell.lower()))), None)


def _pipe_table(text: str, block: list[Span]) -> list[Segment] | None:
    """A table printed with "|" between cells ("1 | Communist Party of Greece (KKE) | Greece |
    Nikos Papadimas"). Under a heading row naming its columns, each row's organisation cell is
    an item, preceded by its country cell as a country heading; rules and the heading row are
    noise. Without such a heading, every cell that is not a number is an item."""
    rows = [line for line in block if not _PIPE_RULE.match(line.slice(text))]
    if len(rows) < 2 or sum(len(_pipe_cells(text, row)) >= 2 for row in rows) < max(2, 0.8 * len(rows)):
        return None
    columns = load("noise")["table_columns"]
    header = [c.slice(text) for c in _pipe_cells(text, rows[0])]
    org, country = _column(header, columns["organisation"]), _column(header, columns["country"])
    segments = []
    for line in block:
        if _PIPE_RULE.match(line.slice(text)) or (org is not None and line == rows[0]):
            segments.append(Segment("noise", line))
            continue
        cells = _pipe_cells(text, line)
        if org is None:
            segments += [Segment("item", c) for c in cells if not re.fullmatch(r"\d{1,3}[.)]?", c.slice(text))]
        elif org < len(cells):
            if country is not None and country < len(cells):
                segments.append(Segment("heading", cells[country]))  # the row's country, read before its name
            segments.append(Segment("item", cells[org]))
    return segments


def _page_break(text: str, block: list[Span]) -> bool:
    """A printed page's head or foot between rules: rule lines and a running head that numbers
    the page ("17th Meeting – Athens 2015 – Joint Statement        page 3/4")."""
    lines = [line.slice(text).strip() for line in block]
    heads = [x for x in lines if not _RULE.match(x)]
    return 1 <= len(heads) <= 2 and len(lines) > len(heads) and bool(
        re.search(r"\bpage\s+\d+(?:\s*(?:/|of)\s*\d+)?\s*$", heads[-1], re.I))  # the page number may sit on a line of its own


def _repeats_slug(text: str, block: list[Span], segments: list[Segment]) -> bool:
    """A block of short capitals whose first line repeats the first cell of a slug or masthead
    line seen as noise before ("MENA ENGLISH SERVICE    9.2.1959    0821 GMT" / "ITEM 14 -- ADD 1"
    under an earlier "MENA ENGLISH SERVICE    9.2.1959    0815 GMT"): a wire's next take."""
    first = block[0].slice(text).strip()
    if not _MASTHEAD.search(first) or len(block) > 3:
        return False
    cells = {_CELL_SPLIT.split(seg.span.slice(text).strip())[0] for seg in segments if seg.kind == "noise"}
    return _CELL_SPLIT.split(first)[0] in cells and all(
        len(line.slice(text).split()) <= 8 and not re.search(r"[a-z]", line.slice(text)) for line in block)


def _gap_cells(text: str, line: Span) -> list[Span]:
    """A line's cells set apart by tabs or runs of three or more spaces (indentation is none)."""
    cells, start = [], line.start
    for gap in _GAP.finditer(text, line.start, line.end):
        if text[line.start : gap.start()].strip():
            cells.append(_strip(text, Span(start, gap.start())))
            start = gap.end()
    cells.append(_strip(text, Span(start, line.end)))
    return [c for c in cells if c.end > c.start]


def _country_column(text: str, block: list[Span]) -> bool:
    """Rows of two cells whose second is a country ("Communist Party of India        India",
    "Tudeh Party of Iran        Iran (guest)"), but for names running on to the next line."""
    rows = [_gap_cells(text, line) for line in block]
    pairs = [r for r in rows if len(r) == 2]
    return len(pairs) >= 3 and len(pairs) >= len(rows) - len(pairs) and all(len(r) in (1, 2) for r in rows) and all(
        country_code(re.sub(r"\s*\([^()]*\)\s*$", "", r[1].slice(text))) for r in pairs)


_ON_BEHALF = re.compile(r"(?i:for\s+the|on\s+behalf\s+of|por\s+el|por\s+la|pour\s+le|pour\s+la)\s+\S")


def _signature_grid(text: str, block: list[Span]) -> list[Segment] | None:
    """Signatures set side by side: a first row of cells that each sign for an organisation
    ("FOR THE COMMUNIST PARTY OF BOLIVIA (PCB)      FOR THE COLOMBIAN COMMUNIST PARTY (PCC)"),
    then the signers' names and posts under them, in the same columns. Every cell is a
    signature segment, in text order (:func:`kb.parse.roles.signer_persons` pairs them by column)."""
    rows = [_gap_cells(text, line) for line in block]
    if len(block) < 2 or len(rows[0]) < 2 or any(len(r) > len(rows[0]) for r in rows):
        return None
    if not all(_ON_BEHALF.match(c.slice(text)) for c in rows[0]):
        return None
    return [Segment("signature", cell) for row in rows for cell in row]


def _column_of(text: str, at: int) -> int:
    """How far ``at`` is from the start of its line."""
    return at - (text.rfind("\n", 0, at) + 1)


def _led_country_rows(text: str, block: list[Span]) -> list[Segment] | None:
    """A lead-in over a few rows of a country and a name set apart by a gap ("Signed after the
    Meeting:" / "Croatia        Socialist Workers' Party of Croatia"): the lead-in a paragraph,
    each country a heading over its name."""
    if len(block) < 2 or not block[0].slice(text).rstrip().endswith(":"):
        return None
    rows = [_gap_cells(text, line) for line in block[1:]]
    if not all(len(r) == 2 and country_code(r[0].slice(text)) for r in rows):
        return None
    return [Segment("paragraph", block[0])] + [seg for r in rows for seg in (Segment("heading", r[0]), Segment("item", r[1]))]


def _gap_table(text: str, block: list[Span]) -> list[Segment] | None:
    """A table set with tabs or spaces under a heading row naming its columns ("Party<TAB>Country"),
    or whose second column holds only countries: each row's organisation cell is an item, preceded
    by its country cell as a country heading; the heading row is noise. A row whose name runs on to an indented next line ("Party of the
    Communists of the" / "    Republic of Moldova (PCRM)<TAB>Moldova") is one row."""
    if len(block) < 3:
        return None
    header = [c.slice(text) for c in _gap_cells(text, block[0])]
    columns = load("noise")["table_columns"]
    org, country = _column(header, columns["organisation"]), _column(header, columns["country"])
    if len(header) < 2 or org is None or country is None or any(len(h.split()) > 3 for h in header):
        if not _country_column(text, block):
            return None
        header, org, country, rows, segments = ["", ""], 0, 1, block, []
    else:
        rows, segments = block[1:], [Segment("noise", block[0])]
    pending = None
    org_at = None if header[org] == "" else _column_of(text, _gap_cells(text, block[0])[org].start)
    for line in rows:
        cells = _gap_cells(text, line)
        if cells and all(_RULE.match(c.slice(text)) for c in cells):
            segments.append(Segment("noise", line))  # "──────   ──────" under the heading row
            continue
        if len(cells) == 1 and org_at is not None and org > 0 and segments and segments[-1].kind == "item" \
                and abs(_column_of(text, cells[0].start) - org_at) <= 2:
            segments[-1] = Segment("item", Span(segments[-1].span.start, cells[0].end))  # "… of Bosnia and" / "Herzegovina"
            continue
        if len(cells) < len(header):
            if pending is not None or len(cells) != 1:
                return None  # not a table of this shape after all
            pending = cells[0]  # a name that runs on to the next line
            continue
        if pending is not None:
            cells[org] = Span(pending.start, cells[org].end) if org == 0 else cells[org]
            pending = None
        segments.append(Segment("heading", cells[country]))
        segments.append(Segment("item", cells[org]))
    return segments if pending is None and len(segments) >= 5 else None


def _block_segments(text: str, block: list[Span], heads: frozenset[str] = frozenset(), *,
                    led_in: bool = False) -> Iterator[Segment]:
    """Segments of one block; ``heads`` are running heads seen above the title (noise where
    they recur, as do page numbers, without closing an item wrapped around them). ``led_in``:
    the block before ends in a colon ("The following parties joined the statement:"), so two
    bare lines are a list too."""
    block = _columns(text, block)
    if _is_bare_list(text, block) or (led_in and _is_bare_list(text, block, minimum=2)):
        yield from (Segment("item", line) for line in _hanging(text, block))
        return
    if block[0].slice(text).endswith(":") and _is_bare_list(text, block[1:], minimum=2):
        yield Segment("paragraph", block[0])
        yield from (Segment("item", line) for line in block[1:])
        return
    paragraph: list[Span] = []
    open_item: Segment | None = None
    for line in block:
        collapsed = " ".join(line.slice(text).split())
        if _PAGE_NUMBER.match(collapsed) or collapsed in heads:
            yield Segment("noise", line)
            continue
        item = _item(text, line)
        if item is None and open_item is not None and _wraps(text, open_item.span, line):
            open_item = Segment("item", Span(open_item.span.start, line.end), open_item.marker)
            continue
        if open_item is not None:
            yield open_item
            open_item = None
        if item is None and paragraph and _item(text, paragraph[-1]) is None and _is_continuation(text, paragraph[-1]):
            paragraph.append(line)
            continue
        if paragraph:
            yield Segment("paragraph", Span(paragraph[0].start, paragraph[-1].end))
            paragraph = []
        if item is not None:
            open_item = item
        else:
            paragraph.append(line)
    if open_item is not None:
        yield open_item
    if paragraph:
        yield Segment("paragraph", Span(paragraph[0].start, paragraph[-1].end))


def _wraps(text: str, item: Span, line: Span) -> bool:
    """A line without a marker continues a numbered or bulleted item wrapped over several
    lines ("1. The Seminar condemns the war of" / "aggression waged by ..."): the item so far
    is prose that has not ended its sentence, or the line goes on in lower case."""
    so_far = item.slice(text).rstrip()
    following = line.slice(text).strip()
    if not following or so_far.endswith((":", ";")) or _SENTENCE_END.search(so_far):
        return False
    return so_far.endswith("-") or following[:1].islower() or len(so_far.split()) >= 6


def _indent(text: str, line: Span) -> int | None:
    """How far a line is indented; ``None`` for a cell that is not the first of its line."""
    start = text.rfind("\n", 0, line.start) + 1
    return line.start - start if not text[start : line.start].strip() else None


def _hanging(text: str, lines: list[Span]) -> list[Span]:
    """Lines of a list, a line indented well past the first one joined to the line above
    ("ZIMBABWE ...... Zimbabwe Congress of Trade Unions (ZCTU); Zimbabwe" / "        Railway
    Artisans Union (observer)")."""
    base, result = _indent(text, lines[0]), []
    for line in lines:
        indent = _indent(text, line)
        if result and base is not None and indent is not None and (indent >= base + 4 or (
                indent >= base + 2 and (re.match(r"\s*[(a-z]", line.slice(text)) or len(line.slice(text).split()) <= 2))):
            # "   (PDS/Metba) - Burkina Faso", "Mongolia – Mongolian People’s" / "   Party": run on
            result[-1] = Span(result[-1].start, line.end)
        else:
            result.append(line)
    return result


def _is_continuation(text: str, previous: Span) -> bool:
    """A line continues the previous one when that one did not end a sentence or a heading."""
    prev = previous.slice(text)
    if prev.endswith(":"):
        return False
    return not _SENTENCE_END.search(prev) or len(prev.split()) > _SHORT_WORDS


def _words(text: str, span: Span) -> int:
    return len(span.slice(text).split())


def _capitals(line: str) -> bool:
    """Set in capitals, allowing a stray lower-case letter of a scan ("BOLIVlA")."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.95 * len(letters)


def _genre_line(line: str) -> bool:
    """A line that only names the text's genre ("Joint Communiqué", "Final Declaration")."""
    words = {w for kind in load("kinds")["words"].values() for w in kind}
    return len(line.split()) <= 4 and any(re.fullmatch(rf"(?i:(?:\w+\s+)?{re.escape(w)})", line) for w in words)


def _is_title(text: str, block: list[Span]) -> bool:
    """One short line that does not end a sentence; or two such lines of a heading wrapped in
    capitals (a title set over two lines); or a heading in capitals over a subtitle wrapped to a
    third line that goes on in lower case ("FINAL DECLARATION" / "of the Second Conference of …" /
    "of South and South-East Asia")."""
    if len(block) == 3:
        lines = [b.slice(text).strip() for b in block]
        if all(_capitals(x) for x in lines) and not _SENTENCE_END.search(" ".join(lines)) and len(" ".join(lines)) <= _MAX_TITLE:
            return True  # "MEETING OF COMMUNIST PARTIES" / "OF BELGIUM, THE NETHERLANDS AND" / "LUXEMBOURG", centred
        return (_capitals(lines[0]) and re.match(r"(?:of|on|for|in|to|and|against|with)\s", lines[2]) is not None
                and not _SENTENCE_END.search(" ".join(lines)) and len(" ".join(lines)) <= 2 * _MAX_TITLE
                and _is_title(text, block[:2]))
    if len(block) == 2:
        lines = [b.slice(text) for b in block]
        joined = " ".join(lines)
        if len(joined) > _MAX_TITLE or _SENTENCE_END.search(joined):
            return False
        if not _is_title(text, block[:1]) and not (_capitals(joined) and lines[0].rstrip().endswith(",")):
            return False
        if (_BYLINE.match(lines[1]) or _stamp_line(lines[1])) and not (_BYLINE.match(lines[0]) or _stamp_line(lines[0])):
            return _is_title(text, block[:1])  # a headline over its byline or its time ("By our correspondent", "14 December 2009, 09:52 GMT")
        if _capitals(joined):  # a heading in capitals wrapped over two lines (the first may end in a comma)
            return any(c.isalpha() for c in joined) and _is_title(text, block[:1]) or lines[0].rstrip().endswith(",")
        # a heading in capitals over a subtitle or the meeting's name ("DECLARATION OF X" /
        # "on the coup in Y"; "COMMUNIQUE" / "Meeting of ..."), not over a place or a date
        first, second = lines[0].strip(), lines[1].strip()
        if _headline_case(first) and _headline_case(second) and not re.search(r"\b(?:1[89]|20)\d\d\b", first + second):
            return True  # a newspaper's headline over its deck, both in title case
        return (
            (first.upper() == first or _genre_line(first)) and any(c.isalpha() for c in first) and len(first.split()) <= 14
            and len(second.split()) >= 3 and not second.endswith((".", ":", ";", ","))
            and (not re.search(r"\b(?:1[89]|20)\d\d\b", second) or (_capitals(first) and _genre_line(first)))
        )  # "BELGRADE DECLARATION" / "International Conference “…”, Belgrade, 22–23 March 2019": its heading
    line = block[0].slice(text)
    return (
        len(block) == 1
        and len(line) <= _MAX_TITLE
        and _MARKER.match(line.strip()) is None
        and not line.endswith((".", ":", ";", ","))
        and line[:1].isalnum() | (line[:1] in "\"“'‘")
    )


def _headline_case(line: str) -> bool:
    """Every word of four letters or more capitalised, three words at least, no closing stop
    ("International Seminar In New Delhi")."""
    words = re.findall(r"[^\W\d_][\w’'\-]*", line)
    return (len(words) >= 3 and words[0][0].isupper() and all(w[0].isupper() for w in words if len(w) >= 4)
            and not line.endswith((".", ":", ";", ",")) and not line.isupper())


def _is_noise(text: str, span: Span) -> bool:
    words = span.slice(text).split()
    if not words or len(words) > 3 or span.slice(text).rstrip().endswith(":"):  # "Signed:" leads in a list
        return False
    lowered = {w.strip(".:|»«").lower() for w in words}
    return bool(lowered & _noise_words()) or (len(words) <= 2 and all(w[:1].isupper() for w in words))


_MASTHEAD = re.compile(r"\b(?:No|Nr|Issue|Vol|Volume|Number)\.?\s*\d+|#\d+|\bPage\s+\d+(?:\s+of\s+\d+|\s*/\s*\d+)?\s*$"
                       r"|\b\d{3,4}\s*(?:GMT|UTC)\b|^\s*ITEM\s+\d+\s*$", re.IGNORECASE)  # a wire service's slug lines


def _is_chrome(text: str, block: list[Span]) -> bool:
    """Site furniture above a title: a masthead ("Bulletin — No. 41") or a menu line
    ("Home | About | Archive")."""
    lines = [line.slice(text) for line in block]
    if all(_RUNNING_HEAD.search(line) or _PAGE_CODE.match(line) for line in lines):
        return True  # "FBIS-NES-87-051      Daily Report      17 March 1987", "G 3": a page's running head
    return _is_menu(text, block) or any(_MASTHEAD.search(line) or _RULE.match(line) or _POSTED.match(line)
                                        or _ARCHIVE_NOTE.fullmatch(line.strip()) or _mailing_line(line) for line in lines)


@cache
def _mailing_lines() -> tuple[str, ...]:
    return tuple(load("noise")["mailing_lines"])


def _mailing_line(line: str) -> bool:
    """A newsletter's furniture line ("View this email in your browser")."""
    return line.strip().lower().startswith(_mailing_lines())


_EDITORS_NOTE = re.compile(r"\[(?=(?:[^\[\]]*?\s){4})[^\[\]]{20,800}\]")  # a paragraph in square brackets: an editor's or translator's note
_ARCHIVE_NOTE = re.compile(r"\[[^\[\]\n]{10,300}\]")  # "[Resource Bureau - document collection - file 41 - typed original]"


def _is_menu(text: str, block: list[Span]) -> bool:
    """A site's navigation: a menu bar ("Home | About | Archive", "Home   About us   Contact")
    or a breadcrumb trail ("Home › Statements › International")."""
    lines = [line.slice(text) for line in block]
    return any(len(re.findall(r"\s[|•·›»>]\s", line)) >= 2 or _MENU_BAR.fullmatch(line) or _menu_line(line)
               or _menu_bar(_CELL_SPLIT.split(line.strip())) for line in lines)  # "Site name  |  Home   Parties   …"


def _is_navigation(text: str, block: list[Span]) -> bool:
    """A site's navigation, which comes above an article, never below its heading: a menu that
    starts at the home page ("Home | About | Archive", "Home   About us   Contact") or a
    breadcrumb trail, and nothing else (a post's date, tags or share bar are no navigation)."""
    cells = [_CELL_SPLIT.split(line.slice(text).strip()) for line in block]
    return all(_menu_line(line.slice(text)) or (len(row) >= 3 and row[0].lower() in _breadcrumb_roots()) or _menu_bar(row)
               for line, row in zip(block, cells))


def _menu_bar(cells: list[str]) -> bool:
    """Five or more short capitalised cells, none a date, a label or a share button
    ("NATIONAL | INTERNATIONAL | LABOR | EDITORIALS | ARCHIVE")."""
    share = frozenset(load("noise")["share_words"])
    return len(cells) >= _MENU_CELLS and all(
        1 <= len(c.split()) <= 3 and c[:1].isupper() and not re.search(r"[\d:]", c)
        and not {w.lower() for w in c.split()} & share for c in cells)


_MENU_CELLS = 5


_BANNER_LINES = 3
_BANNER_WORDS = 16


def _is_issue_line(text: str, block: list[Span]) -> bool:
    """A periodical's issue lines under its name: volume and number, and the issue's date."""
    lines = [line.slice(text).strip() for line in block]
    return any(_ISSUE.search(x) for x in lines) and all(_ISSUE.search(x) or _is_date_line(x) for x in lines)


_ISSUE = re.compile(r"^(?:Vol|Volume|No|Nr|Issue|Number)\.?\s*(?:\d+|[IVXLC]+\b)|#\d+\b", re.IGNORECASE)
_CELL_SPLIT = re.compile(r"\s+[|•·›»>]\s+|\s{2,}|\t+")
_BRACKET_MENU = re.compile(r"\s*(?:\[[^\[\]\n]{1,30}\]\s*){2,}")  # "[Back to Documents] [Home] [Links]", "[EN] [සිං]"
_CRUMB_SPLIT = re.compile(r"\s+(?:/|::|>|»|›)\s+")


def _menu_line(line: str) -> bool:
    """A bracketed menu or language bar, or a breadcrumb trail from the site's home."""
    if _BRACKET_MENU.fullmatch(line):
        return True
    crumbs = _CRUMB_SPLIT.split(line.strip())
    return (len(crumbs) >= 3 and crumbs[0].lower() in _breadcrumb_roots()
            and all(1 <= len(c.split()) <= 4 for c in crumbs))


@cache
def _breadcrumb_roots() -> frozenset[str]:
    return frozenset(load("noise").get("breadcrumb_roots", []))


_RUNNING_HEAD = re.compile(r"\S[ \t]{8,}\S")  # cells set apart by wide gaps, as printed pages head themselves
_PAGE_CODE = re.compile(r"^\s*[A-Z]{0,2}[ -]?\d{1,4}\s*$")  # "G 3", "A-12"


_MENU_ITEM = r"[A-Z][\w’'&\-]*(?: [\w’'&\-]+){0,2}"  # "News", "About us", "Join the CPI"
_MENU_BAR = re.compile(rf"(?:{_MENU_ITEM}(?:[ ]{{2,}}|\t+)){{3,}}{_MENU_ITEM}")  # "Home   About us   Statements   Contact"


_POSTED = re.compile(r"^\s*(?:posted|published|written|submitted|updated)\s*(?:(?:on|by)\s*:?|:)\s"
                     r"|^\s*(?:posted|published|updated)\s+(?=\d{1,2}\s+[A-Za-z]|[A-Za-z]+\s+\d)", re.IGNORECASE)  # "Published 26 November 2013"


def _over_byline(text: str, block: list[Span], following: list[Span]) -> bool:
    """A headline and its deck in sentence case over the article's byline ("Anti-war movement
    goes global in Chicago" / "'End the occupation'" / "By Luis Ocampo")."""
    lines = [line.slice(text).strip() for line in block]
    first = following[0].slice(text)
    return (len(block) == 2 and all(len(x.split()) <= _HEADLINE_WORDS and not x.endswith((".", ";", ",")) for x in lines)
            and not lines[1].endswith(":") and bool(_BYLINE.match(first) or _POSTED.match(first)))
    # ("Communists meet in New Delhi:" / "“Capitalism has no answer to its own crisis”" / "by Hannah Rees")


_HEADLINE_WORDS = 14


def _is_byline(text: str, block: list[Span], following: list[list[Span]]) -> bool:
    """A short line ("CC Press Office") above a longer single-line heading: the heading is the title."""
    if len(block) != 1 or len(following) < 2 or not _is_title(text, following[0]):
        return False
    line = block[0].slice(text)
    return len(line.split()) <= 4 < len(following[0][0].slice(text).split()) and not _names_genre(line)


def _names_genre(line: str) -> bool:
    """A line that names the text's genre ("SAO PAULO DECLARATION"): a heading, no byline."""
    words = {w for kind in load("kinds")["words"].values() for w in kind}
    return any(re.search(rf"(?i:\b{re.escape(w)}\b)", line) for w in words)


def _title_index(text: str, all_blocks: list[list[Span]]) -> int | None:
    """The block holding the title: the first single-line heading, after any site chrome."""
    for index, block in enumerate(all_blocks[:5]):
        if (len(block) == 1 and _is_date_line(block[0].slice(text).strip())) or _is_mail_block(text, block):
            continue  # "Havana, 1 May" above the heading: a dateline; a mail's headers
        if (len(block) <= _BANNER_LINES and index + 1 < len(all_blocks) and _is_navigation(text, all_blocks[index + 1])
                and all(len(line.slice(text).split()) <= _BANNER_WORDS for line in block)):
            continue  # a site's banner over its menu: the heading comes after them
        if index + 1 < len(all_blocks) and _framed_heading(text, block):
            return index  # "=====" / "CALL TO THE …" / "“slogan”" / "=====": a heading between rules
        if index + 1 < len(all_blocks) and (_is_title(text, block) or _over_byline(text, block, all_blocks[index + 1])) \
                and not _is_chrome(text, block):
            if _is_navigation(text, all_blocks[index + 1]) or _is_issue_line(text, all_blocks[index + 1]):
                continue  # a site's name above its menu or breadcrumb trail, a paper's above its issue
                # number ("Vol. XXXIII / No. 07 / February 15, 2009"): the heading comes after them
            if _is_byline(text, block, all_blocks[index + 1 : index + 3]):
                return index + 1
            genre = _genre_after_date(text, block, all_blocks[index + 1 : index + 3])
            if genre or _headline_after_date(text, block, all_blocks[index + 1 : index + 3]):
                return index + 2
            return index
        if not _is_chrome(text, block) and not _is_letterhead(text, block, all_blocks[index + 1 : index + 3]):
            return None
    return None


def _framed_heading(text: str, block: list[Span]) -> list[Span] | None:
    """The heading lines of a block set between rules ("=====" / "CALL TO THE CAMP" / "=====")."""
    if len(block) < 3 or not _RULE.match(block[0].slice(text).strip()) or not _RULE.match(block[-1].slice(text).strip()):
        return None
    inner = block[1:-1]
    if len(inner) > 3 or any(_RULE.match(line.slice(text).strip()) or _MASTHEAD.search(line.slice(text))
                             or _RUNNING_HEAD.search(line.slice(text).strip()) for line in inner):
        return None  # "Documents 1996 / no. 14", "… - PCdoB          text file": a file's masthead
    for size in (2, 1):
        if len(inner) >= size and _is_title(text, inner[:size]):
            return inner[:size]
    return None


def _headline_after_date(text: str, block: list[Span], following: list[list[Span]]) -> bool:
    """A wire's masthead over the item's time and its headline ("INDIAN OCEAN WIRE" / "Regional
    news service | …" / "Mon Mar 6, 2006 2:21pm GMT" / "East African unions vow …"): the
    headline is the title, when the masthead is in capitals."""
    if len(following) < 2 or len(following[0]) != 1 or len(following[1]) != 1 or not _capitals(block[0].slice(text)):
        return False
    from kb.parse.dates import find_dates

    when = following[0][0].slice(text).strip()
    stamped = _stamp_line(when) or bool(find_dates(_CLOCK.sub("", when)) and len(when.split()) <= 8 and re.search(r"\d:\d\d", when))
    return stamped and _is_title(text, following[1]) and not _capitals(following[1][0].slice(text))


def _genre_after_date(text: str, block: list[Span], following: list[list[Span]]) -> bool:
    """A section's label over a post's date line and the text's own heading, which names its
    genre ("Documents in English" / "Posted: April 20, 1999" / "JOINT STATEMENT" / "of …"): the
    heading is the title."""
    if len(following) < 2 or len(block) != 1 or _names_genre(block[0].slice(text)):
        return False
    dated = len(following[0]) == 1 and bool(_POSTED.match(following[0][0].slice(text)) or _is_date_line(following[0][0].slice(text).strip()))
    heading = following[1][0].slice(text).strip()
    return dated and _capitals(heading) and _genre_line(heading) and _is_title(text, following[1][:3])


def _is_letterhead(text: str, block: list[Span], following: list[list[Span]]) -> bool:
    """A sender's letterhead above a dated heading ("COMMUNIST PARTY OF NEPAL (UML)" /
    "International Department", then "Kathmandu, 20 February 1995", then "Report on …"): short
    lines, the first in capitals, none ending a sentence, a date line and a heading after it."""
    lines = [line.slice(text).strip() for line in block]
    if len(following) < 2 or len(following[0]) != 1 or not _is_date_line(following[0][0].slice(text).strip()):
        return False
    if not _is_title(text, following[1]):
        return False  # a heading over the date and the body is the title itself
    return (len(lines) <= 3 and _capitals(lines[0]) and all(len(x.split()) <= 10 for x in lines)
            and not any(_SENTENCE_END.search(x) for x in lines))


@lru_cache(maxsize=65536)
def _country_heading(line: str) -> bool:
    from kb.resolve.countries import heading_names

    return any(_a_country(name) for name in heading_names(line))  # "AOTEAROA / NEW ZEALAND", "USSR"


def _country_groups(text: str, all_blocks: list[list[Span]]) -> set[int]:
    """Blocks of a list grouped under country headings ("Brazil" / "Party A" / "Party B"):
    two or more blocks in a row, each a country line over one to eight short lines."""
    def grouped(block: list[Span], *, within: bool = False) -> bool:
        lines = [line.slice(text) for line in block]
        # within a run, a short heading in capitals heads a group too ("INTERNATIONAL ORGANISATIONS", "OBSERVER")
        heading = _country_heading(lines[0]) or (within and lines[0].strip().isupper() and len(lines[0].split()) <= 3) if lines else False
        return (
            2 <= len(lines) <= 9 and heading
            and all(len(line.split()) <= 14 and not line.rstrip().endswith((".", ";")) and not _country_heading(line)
                    for line in lines[1:])
        )
    found: set[int] = set()
    run: list[int] = []
    for index, block in enumerate(all_blocks + [[]]):
        if block and grouped(block, within=bool(run)):
            run.append(index)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


_ROW_LABEL = re.compile(r"(?P<label>[A-ZÀ-ÞİÇŞĞÖÜ][^:;,.\n]{1,40}?):\s+\S")


def row_label(line: str) -> str | None:
    """The label opening a list row ("Mali: UNTM; Parti SADI", "Observers: WFTU"): a country's
    name or a row word (noise.toml's ``row_labels``), or None."""
    match = _ROW_LABEL.match(line.strip())
    if match is None:
        return None
    label = match.group("label").strip()
    return label if _a_country(label) or label.lower() in _row_words() else None


def role_heading(line: str) -> bool:
    """A line that is only a row word ("GUESTS", "Observers:"): a heading over the items below
    it, naming no organisation."""
    return line.strip().rstrip(":").strip().lower() in _row_words()


@lru_cache(maxsize=65536)
def _a_country(name: str) -> bool:
    from kb.resolve.countries import country_candidates, former_state

    return bool(country_candidates(name)) or former_state(name)


@cache
def _row_words() -> frozenset[str]:
    return frozenset(load("noise").get("row_labels", []))


def _labelled_rows(text: str, block: list[Span]) -> list[Segment] | None:
    """A block of rows each opened by a country or a row label and a colon ("PARTICIPANTS" /
    "Burkina Faso: CGT-B; UGEB; Mouvement" / "Burkinabè des Droits …" / "Mali: UNTM"): one item
    per row, a line without a label continuing the row above; a first line without a label
    is the lead-in. None when fewer than three rows name a country."""
    labels = [row_label(line.slice(text)) for line in block]
    if sum(1 for label in labels if label and _a_country(label)) < 3 and not (len(block) >= 2 and all(labels)):
        return None  # (every line labelled: "Guests: A; B" / "Observers: C, D" are rows too)
    start = 0
    segments: list[Segment] = []
    if labels[0] is None:
        if block[0].slice(text).rstrip().endswith((".", ";", ",")):
            return None
        segments.append(Segment("paragraph", block[0]))
        start = 1
    rows: list[Span] = []
    tail: list[Segment] = []
    for line, label in zip(block[start:], labels[start:]):
        if label is None and rows and _AND_OTHERS.match(line.slice(text)):
            tail.append(Segment("noise", line))  # "… and others." closing the rows
        elif label is None and rows:
            rows[-1] = Span(rows[-1].start, line.end)  # a wrapped row
        else:
            rows.append(line)
    return segments + [Segment("item", row) for row in rows] + tail


def _headed_lines(text: str, block: list[Span]) -> list[bool] | None:
    """One block listing organisations under country lines ("ALGERIA" / "National Union of
    Algerian Women (UNFA)" / "ANGOLA" / …): which lines are the headings, or None when the
    block is not such a list. A heading is a country's name, or a short line in capitals that
    names no organisation ("DEMOCRATIC YEMEN")."""
    from kb.parse.orgs import org_evidence

    lines = [line.slice(text).strip() for line in block]
    if len(lines) < 4:
        return None
    flags = [_country_heading(x) or (x.isupper() and len(x.split()) <= 4 and not org_evidence(x.title())) for x in lines]
    countries = sum(_country_heading(x) for x in lines)
    if not flags[0] or countries < 2 or sum(flags) > len(lines) - sum(flags) or flags[-1]:
        return None
    if any(not flag and (len(x.split()) > 14 or x.endswith((".", ";"))) for x, flag in zip(lines, flags)):
        return None
    return flags


def _chrome_line(line: str) -> bool:
    """A line of site furniture: a timestamp, "Posted by …", a menu or share bar, a rule."""
    return bool(_TIMESTAMP.match(line) or _POSTED.match(line) or _RULE.match(line)
                or len(re.findall(r"\s[|•·›»]\s", line)) >= 2 or _meta_label().match(line) or _menu_line(line))


@cache
def _meta_label() -> re.Pattern[str]:
    """A page's metadata line ("Category: International", "Hits: 412", "Details")."""
    labels = load("noise")["meta_labels"]
    return re.compile(r"^\s*(?:" + "|".join(re.escape(label) for label in labels) + r")(?:\s|$)", re.IGNORECASE)


def _headline_over_chrome(text: str, all_blocks: list[list[Span]], first: int = 0) -> list[list[Span]]:
    """A headline printed right above its timestamp, byline and share bar (one block near the
    top) is split from them, so it can be the title and they noise; so is a heading from the
    place and date printed under it ("Joint Communiqué" / "Meeting of …" / "Plovdiv, 4-5 of
    November 2007")."""
    result = []
    for index, block in enumerate(all_blocks):
        lines = [line.slice(text) for line in block]
        near_top = first <= index < first + 3  # of the text itself: after a forwarding mail's note
        if (near_top and len(block) >= 2 and not _chrome_line(lines[0]) and all(_chrome_line(x) for x in lines[1:])
                and any(_TIMESTAMP.match(x) or _POSTED.match(x) for x in lines[1:])):
            result += [block[:1], block[1:]]
        elif near_top and 2 <= len(block) <= 3 and _is_date_line(lines[-1].strip()) and _is_title(text, block[:-1]):
            result += [block[:-1], block[-1:]]  # a heading with the meeting's place and date under it
        else:
            result.append(block)
    return result


def segment(text: str) -> tuple[Segment, ...]:
    """Segments of a declaration in text order. Never raises on any string."""
    forwarded = _forwarded_index(text, blocks(text))  # a mail's own note above the text it forwards is no part of it
    all_blocks = _headline_over_chrome(text, blocks(text), forwarded)
    segments: list[Segment] = []
    in_header = True
    title_at = _title_index(text, all_blocks[forwarded:])
    title_at = None if title_at is None else title_at + forwarded
    tail = _tail_index(text, all_blocks)
    all_blocks, furniture = all_blocks[:tail], all_blocks[tail:]
    closing = _closing_index(text, all_blocks)
    grouped = _country_groups(text, all_blocks)
    heads = frozenset(" ".join(line.slice(text).split()) for block in all_blocks[: title_at or 0] for line in block
                      if len(line.slice(text).split()) >= 2)
    for index, block in enumerate(all_blocks):
        if _is_mail_block(text, block):  # forwarded headers ("-----Original Message-----", "From:", "Sent:")
            segments.extend(Segment("noise", line) for line in block)
            continue
        rows = _labelled_rows(text, block)
        if rows is not None:
            segments.extend(rows)
            in_header = False
            continue
        headed = None if index in grouped else _headed_lines(text, block)
        if index in grouped or headed:
            for line, heading in zip(block, headed or [True] + [False] * (len(block) - 1)):
                segments.append(Segment("heading", line) if heading else _item(text, line) or Segment("item", line))  # "• Name": marker off
            in_header = False
            continue
        if index < forwarded or (title_at is not None and index < title_at):
            dated = len(block) == 1 and _is_date_line(block[0].slice(text).strip())  # a letterhead's date line
            segments.extend(Segment("dateline" if dated else "timestamp" if _stamp_line(line.slice(text))
                                    and _TIMESTAMP.match(_SECTION_AFTER.sub("", line.slice(text).strip())) else "noise", line)
                            for line in block)  # "12/03/2001 18:40 | Politics": a wire's time over its headline
            continue
        if index == title_at and (heading := _framed_heading(text, block)) is not None:
            segments.append(Segment("noise", block[0]))
            segments.append(Segment("title", Span(heading[0].start, heading[-1].end)))
            segments.extend(Segment("paragraph", line) for line in block[1 + len(heading) : -1])  # a slogan under it
            segments.append(Segment("noise", block[-1]))
            continue
        if index == title_at:
            last = block[-1].slice(text)
            under = len(block) == 2 and (_BYLINE.match(last) is not None or _stamp_line(last))
            heading = block[:-1] if under else block
            segments.append(Segment("title", Span(heading[0].start, heading[-1].end)))
            if under:  # "By our correspondent"; "14 December 2009, 09:52 GMT"
                segments.append(Segment("timestamp" if _stamp_line(last) else "noise", block[-1]))
            continue
        menu = [_menu_line(line.slice(text)) for line in block]
        if in_header and index < 3 and any(menu) and all(m or _words(text, line) <= _SHORT_WORDS for m, line in zip(menu, block)):
            segments.extend(Segment("noise", line) for line in block)  # a site's name over its menu bar
            continue
        if _page_break(text, block):
            segments.extend(Segment("noise", line) for line in block)  # "-----" / "17th IMCWP – Joint Statement   page 4/4" / "-----"
            continue
        if _repeats_slug(text, block, segments):
            segments.extend(Segment("noise", line) for line in block)  # a wire's next take: "MENA ENGLISH SERVICE  9.2.1959  0821 GMT"
            continue
        if _EDITORS_NOTE.fullmatch(text[block[0].start : block[-1].end].strip()):
            segments.extend(Segment("noise", line) for line in block)  # "[Translated from Spanish by … The original, …]"
            continue
        grid = _signature_grid(text, block)
        if grid is not None:
            segments.extend(grid)  # "FOR THE A (PCB)      FOR THE B (PCC)" / names / posts
            in_header = False
            continue
        table = _pipe_table(text, block) or _gap_table(text, block) or _led_country_rows(text, block)
        if table is not None:
            segments.extend(table)
            in_header = False
            continue
        lines_apart = (in_header and _MAIL_HEADER.match(block[0].slice(text))) or (
            index == closing and _is_closing_block(text, block, all_blocks[index - 1] if index else None))
        led_in = index > 0 and all_blocks[index - 1][-1].slice(text).rstrip().endswith(":")
        pieces = [Segment("paragraph", line) for line in block] if lines_apart else _block_segments(text, block, heads,
                                                                                                  led_in=led_in)
        for seg in pieces:
            kind = _classify_header(text, seg) if in_header else None
            if kind is None:
                if seg.kind == "paragraph" and _words(text, seg.span) > _SHORT_WORDS:
                    in_header = False
                segments.append(seg)
            else:
                segments.append(Segment(kind, seg.span, seg.marker))
    marked = _mark_sections(text, _mark_contents(text, _mark_page_furniture(text, _mark_date_lines(
        text, _mark_closing(text, _running_heads_again(text, _lead_in_items(text, segments)))))))
    return marked + tuple(Segment("noise", line) for block in furniture for line in block)


_FORWARDED = re.compile(r"^\s*-{2,}\s*(?:forwarded message|original message|begin forwarded message)\s*-{2,}\s*$", re.I)


def _forwarded_index(text: str, all_blocks: list[list[Span]]) -> int:
    """The block after a "---------- Forwarded message ----------" line near the top, or after
    the rule that ends a mail's own note above the text it posts ("Dear friends, please find
    below …" / "=====" / the report); 0 when none."""
    for index, block in enumerate(all_blocks[:6]):
        if any(_FORWARDED.match(line.slice(text)) for line in block):
            return index + 1
    for index, block in enumerate(all_blocks[:_NOTE_BLOCKS]):  # an archive's note on its copy, then a rule
        if all(_RULE.match(line.slice(text).strip()) for line in block) and index + _TEXT_BLOCKS < len(all_blocks) and any(
                _ARCHIVE_LABEL.match(line.slice(text)) for earlier in all_blocks[:index] for line in earlier):
            return index + 1  # "Source: Boletín Internacional, No. 7" / "Transcription and markup: …" / "-----"
    mail = next((i for i, block in enumerate(all_blocks[:4]) if _is_mail_block(text, block)), None)
    if mail is None:
        return 0
    for index in range(mail + 2, min(mail + 1 + _NOTE_BLOCKS, len(all_blocks) - _TEXT_BLOCKS)):  # a note, then the rule
        if all(_RULE.match(line.slice(text).strip()) for line in all_blocks[index]):
            return index + 1
    return 0


_NOTE_BLOCKS = 6  # a poster's note above what it posts is this many blocks at most
_ARCHIVE_LABEL = re.compile(r"^\s*(?:Source|Transcription|Transcribed|Translated|Translation|Markup|HTML|Proofread|"
                            r"Scanned|Digitised|Digitized|Original|Copyleft)\b[^:\n]{0,30}:\s", re.IGNORECASE)
_TEXT_BLOCKS = 3  # and a rule with fewer blocks after it closes the text (a list's footer)


def _mark_sections(text: str, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """A lone numbered line in capitals ("IV. LIST OF PARTICIPATING ORGANISATIONS") heads a
    section of the text: a paragraph, no one-item list."""
    result = list(segments)
    for index, seg in enumerate(segments):
        line = seg.span.slice(text).strip()
        alone = all(not (0 <= i < len(segments)) or segments[i].kind not in {"item", "heading"} for i in (index - 1, index + 1))
        if seg.kind == "item" and alone and line.isupper() and len(line.split()) <= _SHORT_WORDS:
            result[index] = Segment("paragraph", seg.span)
    return tuple(result)


def _mark_contents(text: str, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """A table of contents ("In this issue:" and the items under it) is noise."""
    leads = frozenset(load("noise").get("contents_leads", []))
    result, inside_contents = [], False
    for seg in segments:
        line = seg.span.slice(text).strip()
        if seg.kind == "paragraph" and line.endswith(":") and line[:-1].strip().lower() in leads:
            result.append(Segment("noise", seg.span))
            inside_contents = True
            continue
        inside_contents = inside_contents and seg.kind == "item"
        result.append(Segment("noise", seg.span) if inside_contents else seg)
    return tuple(result)


def _mark_page_furniture(text: str, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Page numbers ("7 -", "- 12 -"), running heads repeating an earlier noise line
    ("TRICONTINENTAL BULLETIN   No. 23") and a printed page's address line ("https://… 1/2")
    inside a text extracted from pages are noise."""
    heads = {" ".join(seg.span.slice(text).split()) for seg in segments if seg.kind == "noise"}
    result = []
    for seg in segments:
        line = " ".join(seg.span.slice(text).split())
        if seg.kind in {"paragraph", "item"} and (_PAGE_NUMBER.match(line) or (line in heads and len(line) > 3)
                                                   or _PAGE_ADDRESS.match(line)):
            seg = Segment("noise", seg.span)
        result.append(seg)
    return tuple(result)


@cache
def _tail_markers() -> re.Pattern[str]:
    markers = load("noise").get("tail_markers", [])
    return re.compile(r"^\s*(?:" + "|".join(re.escape(m) for m in markers) + r")", re.IGNORECASE)


_TAIL_WORDS = 14  # "Posted by IUS APRO at 3:47 AM    0 comments    Links to this post"


def _tail_index(text: str, all_blocks: list[list[Span]]) -> int:
    """Where website furniture after the text begins ("Related posts", "Share this:"): the
    first block opened by a tail marker after some prose; ``len(all_blocks)`` when none is."""
    seen_prose = False
    for index, block in enumerate(all_blocks):
        first = block[0].slice(text)
        marker = _tail_markers().match(first)
        if seen_prose and marker and (len(first.split()) <= _TAIL_WORDS or marker.group().endswith(":")):  # "Tags: …" of any length
            return index
        if seen_prose and first.rstrip() == "--":  # a mail's signature delimiter: a footer follows
            return index
        seen_prose = seen_prose or len(" ".join(line.slice(text) for line in block).split()) > 25
    return len(all_blocks)


def _running_heads_again(text: str, segments: list[Segment]) -> list[Segment]:
    """A printed page's running head repeated inside the text with the next page's number
    ("INFORMATION BULLETIN 8/1985      23" above, "… 24" between paragraphs): furniture."""
    def key(seg: Segment) -> str:
        return re.sub(r"[ \t]+\d{1,4}[ \t]*$", "", " ".join(seg.span.slice(text).split()))

    heads = {key(s) for s in segments if s.kind == "noise" and _RUNNING_HEAD.search(s.span.slice(text))}
    return [Segment("noise", s.span) if s.kind == "paragraph" and "\n" not in s.span.slice(text).strip()
            and _RUNNING_HEAD.search(s.span.slice(text)) and key(s) in heads else s for s in segments]


def _lead_in_items(text: str, segments: list[Segment]) -> list[Segment]:
    """A short bulleted line ending in a colon over more items ("🤝 Participating organisations:"
    over "🇹🇯 …" lines) leads them in: a paragraph, not one of them."""
    result = list(segments)
    for index, seg in enumerate(result[:-1]):
        line = seg.span.slice(text).rstrip()
        if seg.kind == "item" and line.endswith(":") and len(line.split()) <= _SHORT_WORDS // 2 + 2 \
                and result[index + 1].kind == "item":
            result[index] = Segment("paragraph", seg.span)
    return result


def _mark_date_lines(text: str, segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """A paragraph that is nothing but a full date ("9 October 2001" above "Signed by:"), or a
    place and a full date ("Quito, 4-5 March 1990" under the title), is a dateline."""
    result = list(segments)
    for position, seg in enumerate(result):
        if seg.kind == "paragraph" and _is_date_line(seg.span.slice(text).strip()):
            result[position] = Segment("dateline", seg.span)
    return tuple(result)


_CLOCK = re.compile(r",?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:GMT|UTC|CET|EST|[A-Z]{2,4}T)?\s*$")


def _stamp_line(line: str) -> bool:
    """A line that only dates a post, with or without its time ("14 December 2009, 09:52 GMT")."""
    line = _SECTION_AFTER.sub("", line.strip())  # "2021-10-16 17:42 | Politics"
    return bool(line) and (_TIMESTAMP.match(line) is not None or _is_date_line(_CLOCK.sub("", line)))


_SECTION_AFTER = re.compile(r"(?:\s+[|·•]\s+[A-Z][\w &\-]{0,30})+$")


def _is_date_line(line: str) -> bool:
    """A full date, or a place and a full date ("Quito, 4-5 March 1990"), and nothing else."""
    from kb.parse.dates import find_dates

    if len(line) > 40:
        return False
    dates = find_dates(line)
    place = re.match(r"(?:[A-ZÀ-ÞİÇŞĞÖÜ][^\d,.;:]{1,30},\s*){1,2}", line)  # "Quito, ", "Liberty Hall, Dublin, "
    before = line[place.end() if place else 0 : dates[0].span.start] if dates else ""
    if len(dates) != 1 or before.strip(" ,.-–—") or line[dates[0].span.end :].strip(" ,.-–—"):
        return False
    if dates[0].year_given:
        return dates[0].start is not None and dates[0].start.month is not None
    return place is not None and dates[0].kind == "date" and _a_city(line[: place.end()].rstrip(", "))  # "Havana, 1 May"


def _a_city(name: str) -> bool:
    from kb.places import find_city

    return find_city(name) is not None


_MAIL_HEADER = re.compile(r"^(?:From|To|Cc|Bcc|Date|Subject|Sent|Reply-To):\s", re.IGNORECASE)
_RULE = re.compile(r"^[-=_*~─━═ ]{3,}.*[-=_*~─━═]{3,}$|^[-=_*~─━═]{3,}$")  # box-drawing rules too


def _is_mail_block(text: str, block: list[Span]) -> bool:
    """A block of e-mail headers anywhere in the text (a forwarded message): two or more header
    lines, every other line a rule or a separator."""
    lines = [line.slice(text) for line in block]
    headers = sum(1 for line in lines if _MAIL_HEADER.match(line))
    return headers >= 2 and all(_MAIL_HEADER.match(line) or _RULE.match(line) or "original message" in line.lower()
                                or line.startswith((" ", "\t")) for line in lines)


_BYLINE = re.compile(r"^\s*by\s+(?:(?:\S+\s+){0,5}\S+|\S+(?:\s+\S+){0,2}\s*(?:»|›|\bon\b|[-–—|])\s*[^\n]*\b(?:1[89]|20)\d\d\b[^\n]*)\s*$",
                     re.IGNORECASE)  # "by our Pacific correspondent", "by kavkaz_red » Mon Apr 22, 2013 9:14 am"


def _classify_header(text: str, seg: Segment) -> str | None:
    line = seg.span.slice(text)
    if _TIMESTAMP.match(line) or _TIMESTAMP.match(_SECTION_AFTER.sub("", line)):
        return "timestamp"  # "12/03/2001 18:40 | Politics | Central America": the post's time and sections
    if _MAIL_HEADER.match(line) or _BYLINE.match(line) or _chrome_line(line):
        return "noise"
    if _is_noise(text, seg.span) or (seg.kind == "item" and re.search(r"\s[•·|»]\s", line)):
        return "noise"
    return None


def _closing_index(text: str, all_blocks: list[list[Span]]) -> int:
    """The last block that is not a page number."""
    index = len(all_blocks) - 1
    while index > 0 and all(_PAGE_NUMBER.match(line.slice(text)) for line in all_blocks[index]):
        index -= 1
    return index


def _is_closing_block(text: str, block: list[Span], previous: list[Span] | None) -> bool:
    """A few short lines closing the text (signature, post, dateline), not a list under a lead-in."""
    lines = [line.slice(text) for line in block]
    after_lead_in = previous is not None and previous[-1].slice(text).rstrip().endswith(":")
    return (
        1 < len(lines) <= 4 and not after_lead_in
        and all(len(line.split()) <= _SHORT_WORDS and _item(text, span) is None for span, line in zip(block, lines))
        and not any(line.endswith((".", ":", ";")) for line in lines)
        and not any(": " in line or re.search(r"\s(?:of|and|the|for|de|del|du)$", line.rstrip()) for line in lines[:-1])
    )  # "…received after publication: Communist Party of" / "Venezuela; …" is one wrapped line


_PAGE_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$")  # a browser's print footer
_PAGE_NUMBER = re.compile(r"^[-–—=\s]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—=\s]*$", re.IGNORECASE)


def _long_name(text: str, seg: Segment) -> bool:
    """A closing paragraph that is one long name ("Political Bureau of the CC of the Communist
    Party of Mexico"): up to 16 words, most of them capitalised, no sentence end."""
    words = seg.span.slice(text).split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return (seg.kind == "paragraph" and len(words) <= 2 * _SHORT_WORDS and capitalised * 2 > len(words)
            and not _SENTENCE_END.search(seg.span.slice(text)) and not re.search(r"[:;,]", seg.span.slice(text)))


def _mark_closing(text: str, segments: list[Segment]) -> tuple[Segment, ...]:
    """Re-label short closing lines: page numbers (noise), datelines ("City, date") and
    signatures (a name)."""
    from kb.parse.dates import find_dates

    result = list(segments)
    position = len(result) - 1
    while position >= 0 and _PAGE_NUMBER.match(result[position].span.slice(text)):
        result[position] = Segment("noise", result[position].span)
        position -= 1
    for position in range(position, max(position - 4, -1), -1):
        seg = result[position]
        if seg.kind not in {"paragraph", "item"} or _words(text, seg.span) > _SHORT_WORDS and not _long_name(text, seg):
            break
        if seg.kind == "item":
            line = seg.span.slice(text)
            if find_dates(line) and re.match(r"^[A-ZÀ-Þİ][^\d,]*,", line):
                result[position] = Segment("dateline", seg.span)
                continue
            break
        line = seg.span.slice(text)
        if _is_menu(text, [seg.span]):
            result[position] = Segment("noise", seg.span)  # "Share: VK | Facebook | Twitter": a share bar, no signature
        elif find_dates(line) and (re.match(r"^[A-ZÀ-Þİ][^\d,]*,", line) or _is_date_line(line.strip())):
            result[position] = Segment("dateline", seg.span)  # "Kathmandu, 21 August 2006", "21.08.2006"
        elif not find_dates(line) and not _SENTENCE_END.search(line) and line[:1].isupper():
            result[position] = Segment("signature", seg.span)
        else:
            break
    return tuple(result)
