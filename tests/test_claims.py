"""Tests of kb.parse.claims: stances, voice, quotes and targets, on texts written for them.

The segments come from :func:`make_segments`, a deliberately small stand-in for the lead's
structural pass (blank lines separate blocks; bullet, dash and number lines are items; a
first short line without a full stop is the title).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.namespaces import Stance
from kb.parse.claims import extract_claims, load_lexicon
from kb.parse.sentences import split_sentences
from kb.records import Claim, Segment, Span

HERE = Path(__file__).resolve().parent
CLAIMS = HERE / "claims"
_ITEM = re.compile(r"^[ \t]*(?P<marker>[•·▪●*]|[-–—](?=\s)|\d{1,3}\s*[-.)](?!\d))[ \t]*")


def make_segments(text: str) -> list[Segment]:
    """Blocks split on blank lines; marker lines are items; a short first line is a title."""
    segments: list[Segment] = []
    for block in re.finditer(r"\S(?:.|\n(?![ \t\u00a0]*\n))*", text):
        position = block.start()
        paragraph_start = None
        for line in block.group().split("\n"):
            line_start, line_end = position, position + len(line)
            position = line_end + 1
            item = _ITEM.match(line)
            if item:
                if paragraph_start is not None:
                    segments.append(_paragraph(text, paragraph_start, line_start - 1))
                    paragraph_start = None
                segments.append(Segment("item", Span(line_start, line_end), item.group("marker")))
            elif paragraph_start is None:
                paragraph_start = line_start
        if paragraph_start is not None:
            segments.append(_paragraph(text, paragraph_start, block.end()))
    if segments and segments[0].kind == "paragraph":
        first = segments[0].span.slice(text)
        if "\n" not in first.strip() and len(first) < 150 and not first.rstrip().endswith((".", ":")):
            segments[0] = Segment("title", segments[0].span)
    return segments


def _paragraph(text: str, start: int, end: int) -> Segment:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Segment("paragraph", Span(start, end))


def claims_of(text: str) -> tuple[Claim, ...]:
    return extract_claims(text, make_segments(text))


def read(name: str) -> str:
    return (CLAIMS / name).read_text(encoding="utf-8")
