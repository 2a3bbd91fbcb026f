"""Fuzzy comparison of name keys, guarded so that only typos match.

A *typo match* joins two keys that have the same number of words and differ only by small
edits inside words ("communist part" / "communist party", "sociallist" / "socialist"). It
never adds or drops a word, never changes digits or words of four letters or fewer ("part" → "party" is allowed), and
never turns one distinguishing or country word into another ("united" / "unified",
"worker" / "workers", "gambia" / "zambia"), nor accepts a typo that is as near another such
word as the one it would match. Everything else that merely looks alike is a *candidate* for a curator.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

import functools
from collections import defaultdict

from kb.resolve.countries import country_words
from kb.resolve.normalise import vocabulary

#: Least :func:`typo_score` for a merge without a curator.
CONFIDENT = 90.0
#: Least :func:`likeness` for a pair to be reported as a candidate.
CANDIDATE = 85.0


@functools.cache
def _known_words() -> tuple[frozenset[str], dict[int, tuple[str, ...]]]:
    """Words that mean something on their own — distinguishing words and country-name words —
    as a set and by length."""
    words = vocabulary().distinguishing | country_words()
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in sorted(words):
        by_length[len(word)].append(word)
    return words, {n: tuple(ws) for n, ws in by_length.items()}


@functools.lru_cache(maxsize=65536)
def _has_rival(typo: str, word: str, distance: int) -> bool:
    """True if another known word is as near ``typo`` as ``word`` is ("zammbia": "zambia"
    is as near as "gambia")."""
    _, by_length = _known_words()
    for n in range(len(typo) - distance, len(typo) + distance + 1):
        near = process.extract(typo, by_length.get(n, ()), scorer=DamerauLevenshtein.distance,
                               score_cutoff=distance, limit=None)
        if any(rival != word for rival, _, _ in near):
            return True
    return False


def _words_close(a: str, b: str, distinguishing: frozenset[str]) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) <= 3 or max(len(a), len(b)) <= 4 or any(c.isdigit() for c in a + b):
        return False
    limit = 1 if max(len(a), len(b)) <= 6 else 2
    distance = DamerauLevenshtein.distance(a, b, score_cutoff=limit)
    if distance > limit:
        return False
    # "unifeid" is as near "unified" as "united", "zammbia" as near "gambia" as "zambia": a
    # typo that could be another distinguishing or country word is no typo match.
    known, _ = _known_words()
    if a in known and b in known:
        return False
    return not any(_has_rival(typo, word, distance) for typo, word in ((a, b), (b, a)) if typo not in known)


def typo_score(a: str, b: str) -> float | None:
    """Similarity (0–100) of two keys if they differ only by typos inside words, else ``None``.

    >>> round(typo_score("communist part", "communist party"), 1)
    96.6
    >>> typo_score("united communist party", "unified communist party") is None
    True
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or a == b:
        return 100.0 if a == b else None
    distinguishing = vocabulary().distinguishing
    if not all(_words_close(x, y, distinguishing) for x, y in zip(words_a, words_b)):
        return None
    return fuzz.ratio(a, b)


def likeness(a: str, b: str) -> float:
    """How alike two keys look (0–100), word order ignored: for reporting candidates only."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


__all__ = ["CANDIDATE", "CONFIDENT", "likeness", "typo_score"]
