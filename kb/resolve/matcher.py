"""Fuzzy comparison of name keys, guarded so that only typos match.

A *typo match* joins two keys that have the same number of words and differ only by small
edits inside words ("communist part" / "communist party", "sociallist" / "socialist"). It
never adds or drops a word, never changes digits or words of three letters or fewer, and
never turns one distinguishing word into another ("united" / "unified", "worker" /
"workers"). Everything else that merely looks alike is a *candidate* for a curator.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from kb.resolve.normalise import vocabulary

#: Least :func:`typo_score` for a merge without a curator.
CONFIDENT = 90.0
#: Least :func:`likeness` for a pair to be reported as a candidate.
CANDIDATE = 85.0


def _words_close(a: str, b: str, distinguishing: frozenset[str]) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) <= 3 or any(c.isdigit() for c in a + b):
        return False
    if a in distinguishing and b in distinguishing:
        return False
    limit = 1 if max(len(a), len(b)) <= 6 else 2
    distance = DamerauLevenshtein.distance(a, b, score_cutoff=limit)
    if distance > limit:
        return False
    # "unifeid" is as near "unified" as "united": a typo of a distinguishing word that could
    # be another distinguishing word is no typo match.
    for typo, word in ((a, b), (b, a)):
        if word in distinguishing and typo not in distinguishing:
            rivals = (d for d in distinguishing if d != word and abs(len(d) - len(typo)) <= distance)
            if any(DamerauLevenshtein.distance(typo, d, score_cutoff=distance) <= distance for d in rivals):
                return False
    return True


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
