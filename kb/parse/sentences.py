"""Sentence splitting that keeps offsets into the original text.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) that is
followed by whitespace and then an upper-case letter, a digit or an opening quote, or by the
end of the span. Line breaks inside a paragraph do not end a sentence. Not sentence ends:

- known abbreviations (``e.g.``, ``Mr.``, ``No.``, ``St.``, ``Art.`` ...) and single-letter
  initials (``J. Smith``, ``U.S.``);
- ``etc.`` unless the next word starts with a capital (then the list closed the sentence).

>>> text = "We met in Rome, etc. The U.S. delegation, led by Mr. Roe, spoke. Then we left!"
>>> [text[s.start:s.end] for s in split_sentences(text)]
['We met in Rome, etc.', 'The U.S. delegation, led by Mr. Roe, spoke.', 'Then we left!']
"""

from __future__ import annotations

import re

from kb.records import Span

__all__ = ["split_sentences"]

_ABBREVIATIONS = frozenset(
    "e.g i.e mr mrs ms dr prof st no nos art arts vol pp cf vs gen col lt sgt rev jr sr co inc ltd"
    " corp dept est approx fig ch sec para ed eds hon gov pres min cde comr u.s u.k u.n".split()
)
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_NEXT_OPENS = re.compile(r"\s+[\"'“‘«(\[]?[A-Z0-9À-ÖØ-ÞĀ-ſ]")


def split_sentences(text: str, span: Span | None = None) -> tuple[Span, ...]:
    """Split ``text[span]`` (all of ``text`` by default) into sentence spans.

    Spans are trimmed of surrounding whitespace, never empty, sorted and disjoint; they
    index ``text`` itself. Never raises on any string.
    """
    start, stop = (0, len(text)) if span is None else (span.start, span.end)
    cuts: list[int] = []
    for match in _END.finditer(text, start, stop):
        if _is_boundary(text, match, stop):
            cuts.append(match.end())
    spans: list[Span] = []
    begin = start
    for cut in [*cuts, stop]:
        trimmed = _trim(text, begin, cut)
        if trimmed is not None:
            spans.append(trimmed)
        begin = cut
    return tuple(spans)


def _is_boundary(text: str, match: re.Match[str], stop: int) -> bool:
    """True when the terminal punctuation in ``match`` closes a sentence."""
    rest = text[match.end() : stop]
    if not rest.strip():
        return True
    if not _NEXT_OPENS.match(rest):
        return False
    if not match.group().startswith("."):
        return True
    word = _word_before(text, match.start())
    if word.lower() == "etc":
        return True
    if len(word) == 1 and word.isalpha():
        return False  # an initial, or part of "U.S."
    return word.lower().rstrip(".") not in _ABBREVIATIONS


def _word_before(text: str, end: int) -> str:
    """The run of letters and inner dots that ends at ``end`` (``"e.g"`` before ``"e.g."``)."""
    begin = end
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:end]
    return word.rsplit(".", 1)[-1] if word.count(".") and len(word.replace(".", "")) > 3 else word


def _trim(text: str, begin: int, end: int) -> Span | None:
    """``Span(begin, end)`` without surrounding whitespace, or None when nothing is left."""
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return Span(begin, end) if end > begin else None
