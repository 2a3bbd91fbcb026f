"""What a curator should look at after resolving: fuzzy merges, unmerged look-alikes, and
pairs of organisations that look alike but were kept apart.

Each finding is a :class:`Suspicion` (data, sorted); the CLI only prints them. A curator
settles one with a ``same_as`` or ``not_same_as`` row in ``sources/registry/curation.toml``,
after which a ``not_same_as`` pair is no longer reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from kb.records import Resolution
from kb.resolve.matcher import CANDIDATE, likeness
from kb.resolve.normalise import split_name
from kb.resolve.resolver import Resolver


@dataclass(frozen=True, slots=True, order=True)
class Suspicion:
    """``kind``: ``fuzzy`` (merged on a typo), ``candidate`` (new, but like ``b``) or
    ``look-alike`` (two organisations kept apart); ``a`` and ``b`` are names or ids."""

    kind: str
    a: str
    b: str
    score: float


def _base(name: str) -> str:
    return split_name(name).base


def near_duplicates(resolver: Resolver, org_ids: Iterable[str]) -> list[Suspicion]:
    """Pairs among ``org_ids`` whose names look alike (word order ignored, or the words of one
    contained in the other: "Communist Party of Brazil" / "Brazilian Communist Party"), whose countries do
    not disagree, and that no ``not_same_as`` row separates. Quadratic in ``org_ids``: meant
    for the organisations of a build, not for the whole registry."""
    orgs = sorted({resolver.get(i) for i in org_ids})
    found = []
    for a, b in combinations(orgs, 2):
        if a.country and b.country and a.country != b.country:
            continue
        if a.country and b.country:
            base_a, base_b = _base(a.name), _base(b.name)
            subset = fuzz.token_set_ratio(base_a, base_b)
        else:  # without both countries the country words are part of what distinguishes them
            base_a, base_b = split_name(a.name).name.lower(), split_name(b.name).name.lower()
            subset = 0
        score = max(likeness(base_a, base_b), subset)
        if score >= CANDIDATE and not resolver.forbidden_pair(a.id, b.id):
            found.append(Suspicion("look-alike", a.id, b.id, round(score / 100, 3)))
    return found


def suspicions(resolver: Resolver, resolutions: Iterable[Resolution]) -> list[Suspicion]:
    """Every fuzzy merge, every new organisation with a candidate, and :func:`near_duplicates`
    among the organisations the resolutions name; sorted, without repeats."""
    resolutions = list(resolutions)
    found = set()
    for r in resolutions:
        if r.method == "fuzzy":
            found.add(Suspicion("fuzzy", r.mention, r.organisation.id, r.score or 0.0))
        elif r.method == "new" and r.candidate is not None:
            found.add(Suspicion("candidate", r.mention, r.candidate.id, r.score or 0.0))
    named = {r.organisation.id for r in resolutions}
    found.update(near_duplicates(resolver, named))
    return sorted(found)


__all__ = ["Suspicion", "near_duplicates", "suspicions"]
