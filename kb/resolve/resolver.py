"""Resolve organisation mentions to entities (DESIGN.md, "resolve").

Order of judgement, first hit wins:

1. ``curator`` — a ``same_as`` row in ``curation.toml`` names this mention.
2. ``exact`` — the mention is a registry name letter for letter.
3. ``alias`` — the mention is a registry alias letter for letter (or a mention that earlier
   made a new entity: ``exact`` again).
4. ``normalised`` — the comparison keys agree (:mod:`kb.resolve.normalise`): the same words
   and the same country, however the country is written; or, for a mention that names no
   country or whose entity has none, the only entity with these words — if the words name
   *this* organisation ("Tudeh Party", "SEP"), not a kind of party ("Workers Party").
5. ``fuzzy`` — a typo (:func:`kb.resolve.matcher.typo_score` ≥ ``CONFIDENT``) of exactly one
   entity whose country agrees (a typo in the country name itself included). Acronyms are
   never fuzzy-merged ("WPK" / "UWPK"), and a name with no country only if it has a word of
   its own (not only "Socialist Party").
6. ``new`` — a new, uncurated entity, remembered for later mentions. A look-alike that was
   not merged (a reordering, a doubtful typo, an ambiguous acronym) rides along as
   ``candidate`` for a curator.

``not_same_as`` rows forbid steps 4–6 from joining or proposing a pair. Candidate lookup is
blocked by country, or by the rarest shared word (among names of as many words) when the
mention names no country, so the
cost per mention does not grow with the registry. Same mentions in the same order give the
same resolutions.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from kb.errors import SourceError
from kb.iris import org_id, slug
from kb.records import Organisation, Resolution
from kb.resolve.matcher import CANDIDATE, CONFIDENT, likeness, typo_score
from kb.resolve.normalise import NameParts, clean, fold_tokens, has_proper_word, is_acronym, split_name
from kb.resolve.registry import CuratorPair, Registry, Series, load_registry

Key = tuple[str, "str | None"]


@dataclass(slots=True)
class _Block:
    """Keys and the ids they belong to, in the order added (rapidfuzz takes the list)."""

    bases: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def _key_text(key: Key) -> str:
    return f"key:{key[0]}|{key[1] or ''}"


def _compatible(country: str | None, codes: tuple[str, ...]) -> bool:
    return not codes or country is None or country in codes


class Resolver:
    """Mentions to :class:`~kb.records.Organisation`s, from a curated registry.

    >>> r = Resolver(Registry(organisations=(Organisation("communist-party-of-turkey",
    ...     "Communist Party of Turkey", "TR", aliases=("TKP",), curated=True),)))
    >>> [r.resolve(m).method for m in ("TKP", "The Communist Party of Turkey (TKP)", "Communist Part of Turkey")]
    ['alias', 'normalised', 'fuzzy']
    """

    def __init__(self, registry: Registry, *, curation_path: Path | None = None) -> None:
        """Index ``registry``. Raises :class:`SourceError` (with ``curation_path``) for a
        ``same_as`` row that joins two registry rows or names none."""
        self.series: tuple[Series, ...] = registry.series
        self._orgs: dict[str, Organisation] = {}
        self._literal_keys: dict[str, set[Key]] = defaultdict(set)
        self._names: dict[str, list[str]] = defaultdict(list)
        self._aliases: dict[str, list[str]] = defaultdict(list)
        self._seen: dict[str, list[str]] = defaultdict(list)  # mentions that minted new entities
        self._keys: dict[Key, list[str]] = defaultdict(list)
        self._bases: dict[str, list[str]] = defaultdict(list)
        self._by_country: dict[str | None, _Block] = defaultdict(_Block)
        self._by_word: dict[tuple[str, int], _Block] = defaultdict(_Block)
        self._curator: dict[Key, str] = {}
        self._forbidden: set[frozenset[str]] = set()
        #: when a list: each look-up by word block (a mention naming no country) appends its base and
        #: the size of each of its words' blocks (None: no block), before choosing the smallest
        self.recorder: list | None = None
        for org in registry.organisations:
            self._add(org, names=(org.name,), aliases=org.aliases)
        for index, pair in enumerate(registry.same_as):
            self._add_same_as(pair, index, curation_path)
        for pair in registry.not_same_as:
            self._add_not_same_as(pair)

    @classmethod
    def load(cls, registry_dir: Path) -> Resolver:
        """Load the registry files under ``registry_dir`` (see :mod:`kb.resolve.registry`).
        Raises :class:`SourceError` for a missing or invalid file."""
        return cls(load_registry(Path(registry_dir)), curation_path=Path(registry_dir) / "curation.toml")

    # ----------------------------------------------------------------- indexing

    def _add(self, org: Organisation, *, names: tuple[str, ...], aliases: tuple[str, ...]) -> None:
        self._orgs[org.id] = org
        for literal, table in [(n, self._names) for n in names] + [(a, self._aliases) for a in aliases]:
            if org.id not in table[literal.strip()]:
                table[literal.strip()].append(org.id)
            parts = split_name(literal)
            keys = {(parts.base, parts.country_key)}
            if org.country and _compatible(org.country, parts.countries):
                keys.add((parts.base, org.country))
            for key in sorted(keys, key=str):
                self._index_key(org, key)
            full = " ".join(fold_tokens(parts.name))
            if full and full != parts.base:
                self._index_fuzzy(org, full)

    def _index_key(self, org: Organisation, key: Key) -> None:
        if not key[0] or key in self._literal_keys[org.id]:
            return
        self._literal_keys[org.id].add(key)
        self._keys[key].append(org.id)
        if org.id in self._bases[key[0]]:
            return
        self._bases[key[0]].append(org.id)
        self._index_fuzzy(org, key[0])

    def _index_fuzzy(self, org: Organisation, base: str) -> None:
        """Make ``base`` findable by :meth:`_near`: in its country's block (registry rows with
        no country share one small block) and in the block of each of its words, by word count."""
        words = base.split()
        blocks = [self._by_word[w, len(words)] for w in dict.fromkeys(words)]
        if org.country or org.curated:
            blocks.append(self._by_country[org.country])
        for block in blocks:
            block.bases.append(base)
            block.ids.append(org.id)

    def _side(self, text: str) -> tuple[str | None, Key]:
        """A curation side: (registry id it names or None, its comparison key)."""
        parts = split_name(text)
        key = (parts.base, parts.country_key)
        if text in self._orgs:
            return text, key
        ids = list(dict.fromkeys(self._names.get(text.strip(), []) + self._aliases.get(text.strip(), [])))
        ids = ids or self._keys.get(key, [])
        return (ids[0] if len(ids) == 1 else None), key

    def _add_same_as(self, pair: CuratorPair, index: int, path: Path | None) -> None:
        (id_a, key_a), (id_b, key_b) = self._side(pair.a), self._side(pair.b)
        if id_a and id_b and id_a != id_b:
            raise SourceError(f"joins two registry rows, {id_a!r} and {id_b!r}", hint="merge the rows in organisations.toml instead",
                              path=path, field=f"same_as[{index}]")
        if not (id_a or id_b):
            raise SourceError(f"neither {pair.a!r} nor {pair.b!r} is in the registry", hint="add one of them to organisations.toml",
                              path=path, field=f"same_as[{index}]")
        if id_a:
            self._curator[key_b] = id_a
        else:
            self._curator[key_a] = id_b

    def _tokens(self, text: str) -> set[str]:
        found, key = self._side(text)
        return {_key_text(key)} | ({f"id:{found}"} if found else set())

    def _add_not_same_as(self, pair: CuratorPair) -> None:
        for a in self._tokens(pair.a):
            for b in self._tokens(pair.b):
                self._forbidden.add(frozenset((a, b)))

    def _org_tokens(self, org_id_: str) -> set[str]:
        return {f"id:{org_id_}"} | {_key_text(k) for k in self._literal_keys[org_id_]}

    def forbidden(self, key: Key, org_id_: str) -> bool:
        """True if a curator said the name with ``key`` is not the organisation ``org_id_``."""
        if not self._forbidden:
            return False
        mention = _key_text(key)
        return any(frozenset((mention, t)) in self._forbidden for t in self._org_tokens(org_id_))

    def forbidden_pair(self, a: str, b: str) -> bool:
        """True if a curator said organisations ``a`` and ``b`` (ids) are different."""
        tokens_b = self._org_tokens(b)
        return any(frozenset((x, y)) in self._forbidden for x in self._org_tokens(a) for y in tokens_b)

    # ---------------------------------------------------------------- resolving

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        """Every organisation known so far: registry rows, then new ones in order of discovery."""
        return tuple(self._orgs.values())

    def get(self, org_id_: str) -> Organisation:
        """The organisation with this id. Raises ``KeyError`` if there is none."""
        return self._orgs[org_id_]

    def resolve(self, mention: str, country: str | None = None) -> Resolution:
        """Resolve one mention, optionally with the ISO alpha-2 ``country`` the text attaches.

        A country written in the mention itself wins over ``country``. Unknown names become
        new organisations that later mentions join. Raises ``ValueError`` for a mention with
        no letters or digits.
        """
        parts = split_name(mention)
        if not parts.base:
            raise ValueError(f"mention {mention!r} has no letters or digits")
        codes = parts.countries or ((country,) if country else ())
        key = (parts.base, parts.country_key or country)
        found = self._known(mention.strip(), parts, key, codes)
        if found is not None:
            return found
        matches, candidates = self._near(parts.base, key, codes)
        if len(matches) == 1 and (codes or has_proper_word(parts.base)) and not is_acronym(clean(mention)):
            score, org = matches[0]
            return Resolution(mention, org, "fuzzy", round(score / 100, 3))
        candidates = sorted(matches + candidates, key=lambda c: (-c[0], c[1].id))
        new = self._mint(mention, parts, key, codes, country)
        if candidates:
            return Resolution(mention, new, "new", round(candidates[0][0] / 100, 3), candidates[0][1])
        return Resolution(mention, new, "new")

    def replay(self, mints: Iterable[tuple[str, str | None]]) -> None:
        """Make the new organisations that resolving the mentions ``(text, country)`` made, in
        order, without judging them again: the state :meth:`resolve` left after them (the only
        state it changes), when this resolver is in the state it was in before them."""
        for mention, country in mints:
            parts = split_name(mention)
            codes = parts.countries or ((country,) if country else ())
            self._mint(mention, parts, (parts.base, parts.country_key or country), codes, country)

    @staticmethod
    def probe(mention: str, country: str | None) -> tuple:
        """What :meth:`resolve` looks up for this mention, as tokens :meth:`mint_tokens` can be
        compared with: (literal, comparison key, base, countries, (words, word count) when it names
        none, the id a new organisation for it would start from)."""
        parts = split_name(mention)
        codes = parts.countries or ((country,) if country else ())
        key = (parts.base, parts.country_key or country)
        words = (tuple(parts.base.split()), len(parts.base.split())) if not codes else None
        return mention.strip(), key, parts.base, codes, words, _new_id(mention, parts, country)

    @staticmethod
    def mint_tokens(mention: str, country: str | None) -> tuple:
        """Every entry :meth:`_mint` may add to the indexes for this mention, whatever the state:
        (literals, keys, bases, fuzzy bases, the organisation's country, its id before any
        collision suffix). A mention whose :meth:`probe` meets none of them is resolved the same
        with or without that organisation (tests/test_rebuild.py)."""
        parts = split_name(mention)
        code = _new_country(parts, country)
        literals = {mention.strip()} | {a.strip() for a in parts.acronyms}
        keys: set = set()
        bases: list[str] = []
        fuzzy: list[str] = []  # each base _index_fuzzy is called with, as often as it is

        def index_key(key: Key) -> None:  # as _index_key does for a new organisation
            if not key[0] or key in keys:
                return
            keys.add(key)
            if key[0] in bases:
                return
            bases.append(key[0])
            fuzzy.append(key[0])

        for alias in parts.acronyms:  # as _add does
            alias_parts = split_name(alias)
            found = {(alias_parts.base, alias_parts.country_key)}
            if code and _compatible(code, alias_parts.countries):
                found.add((alias_parts.base, code))
            for key in sorted(found, key=str):
                index_key(key)
            full = " ".join(fold_tokens(alias_parts.name))
            if full and full != alias_parts.base:
                fuzzy.append(full)
        for key in {(parts.base, parts.country_key or country), (parts.base, parts.country_key)}:
            index_key(key)
        return literals, keys, set(bases), fuzzy, code, _new_id(mention, parts, country)

    def _known(self, text: str, parts: NameParts, key: Key, codes: tuple[str, ...]) -> Resolution | None:
        """Steps 1-4: curator, exact, alias, normalised; ``None`` if none applies."""
        if key in self._curator:
            return Resolution(text, self._orgs[self._curator[key]], "curator")
        for method, table in (("exact", self._names), ("alias", self._aliases), ("exact", self._seen)):
            ids = [i for i in table.get(text, ()) if _compatible(self._orgs[i].country, codes)]
            if len(ids) == 1:
                return Resolution(text, self._orgs[ids[0]], method)
        ids = [i for i in self._keys.get(key, ()) if not self.forbidden(key, i)]
        if not ids:
            ids = [i for i in self._bases.get(parts.base, ()) if self._joins_by_words(i, parts.base, key, codes)]
        if len(ids) == 1:
            return Resolution(text, self._orgs[ids[0]], "normalised")
        return None

    def _joins_by_words(self, org_id_: str, base: str, key: Key, codes: tuple[str, ...]) -> bool:
        """May a mention whose words equal this entity's join it although the country part of
        the keys differs? Only if the countries cannot disagree (one side names none, or an
        ambiguous name such as "Korea" covers the entity's) and, when a side names none, only
        if the words name this organisation rather than a kind of party."""
        country = self._orgs[org_id_].country
        if not _compatible(country, codes) or self.forbidden(key, org_id_):
            return False
        if len(codes) > 1 and country in codes:
            return True
        return (key[1] is None or country is None) and has_proper_word(base)

    def _blocks(self, base: str, codes: tuple[str, ...]) -> list[_Block]:
        if codes:
            return [self._by_country[c] for c in codes if c in self._by_country] + (
                [self._by_country[None]] if None in self._by_country else [])
        words = base.split()
        if self.recorder is not None:  # what chose the block (kb.build: who a new organisation can reach)
            self.recorder.append((base, tuple(len(self._by_word[w, len(words)].ids) if (w, len(words)) in self._by_word
                                              else None for w in words)))
        blocks = [self._by_word[w, len(words)] for w in words if (w, len(words)) in self._by_word]
        return [min(blocks, key=lambda b: len(b.ids))] if blocks else []

    def _near(self, base: str, key: Key, codes: tuple[str, ...]) -> tuple[list, list]:
        """(typo matches, other look-alikes) as (score, organisation), best first, one per id."""
        best: dict[str, tuple[float, bool]] = {}
        for block in self._blocks(base, codes):
            # reorderings are looked for among a country's names only: word blocks are large
            scorers = (fuzz.ratio, fuzz.token_sort_ratio) if codes else (fuzz.ratio,)
            for scorer in scorers:
                for other, _, index in process.extract(base, block.bases, scorer=scorer, score_cutoff=CANDIDATE, limit=None):
                    org_id_ = block.ids[index]
                    if not _compatible(self._orgs[org_id_].country, codes) or self.forbidden(key, org_id_):
                        continue
                    typo = typo_score(base, other)
                    score, is_typo = (typo, True) if typo is not None and typo >= CONFIDENT else (likeness(base, other), False)
                    if (score, is_typo) > best.get(org_id_, (-1.0, False)):
                        best[org_id_] = (score, is_typo)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        matches = [(s, self._orgs[i]) for i, (s, t) in ranked if t]
        others = [(s, self._orgs[i]) for i, (s, t) in ranked if not t]
        if len(matches) > 1:
            return [], matches + others
        return matches, others

    def _mint(self, mention: str, parts: NameParts, key: Key, codes: tuple[str, ...], country: str | None) -> Organisation:
        """A new organisation for an unknown name, indexed so later mentions join it."""
        code = _new_country(parts, country)
        name = parts.name or mention.strip()
        new_id = org_id(name, code)
        if new_id in self._orgs:
            new_id = slug(f"{new_id}-{hashlib.sha1(repr(key).encode()).hexdigest()[:6]}")
        org = Organisation(id=new_id, name=name, country=code, aliases=parts.acronyms, curated=False)
        self._add(org, names=(), aliases=parts.acronyms)
        self._seen[mention.strip()].append(org.id)
        for literal_key in {key, (parts.base, parts.country_key)}:
            self._index_key(org, literal_key)
        return org


def _new_country(parts: NameParts, country: str | None) -> str | None:
    return parts.country or (country if country and (not parts.countries or country in parts.countries) else None)


def _new_id(mention: str, parts: NameParts, country: str | None) -> str | None:
    try:
        return org_id(parts.name or mention.strip(), _new_country(parts, country))
    except ValueError:
        return None


__all__ = ["Resolver"]
