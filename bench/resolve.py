"""Benchmark the organisation resolver: 5,000 registry organisations, 100,000 mentions.

Deterministic (seeded). Mentions are exact names, case / quote / "The" / bracketed-country
variants, acronyms (with or without a country), "Name (ACR)", "CP" abbreviations and one-edit
typos; one in ten names an organisation the registry does not have — many of them one
distinguishing word away from a registry organisation ("New ...", "... (Marxist)").

Prints: organisations, mentions, load and resolve seconds, mentions/s, accuracy on known
organisations, unknown mentions kept apart, and false merges (a mention joined to the wrong
registry organisation). Run: python bench/resolve.py [--orgs N] [--mentions N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import time

import pycountry

from kb.iris import slug
from kb.records import Organisation
from kb.resolve import Registry, Resolver
from kb.resolve.normalise import vocabulary

CORES = ["Communist Party", "Workers' Party", "Socialist Party", "Labour Party", "Party of Labour", "People's Party",
         "Democratic Front", "Left Front", "Patriotic Union", "Revolutionary Movement", "Socialist Alliance",
         "Communist League", "Popular Front", "Green Left", "Workers' Union", "Party of Socialists"]
PREFIXES = ["", "", "", "New ", "United ", "Unified ", "Revolutionary ", "Marxist-Leninist ", "Socialist ", "Popular "]
SUFFIXES = ["", "", "", "", " (Marxist)", " (Unified)", " (Reconstructed)"]
SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ve", "zo", "ne", "da", "pi", "sa", "ko", "ri", "na", "bu", "el"]


def _countries(rng: random.Random) -> list[tuple[str, str]]:
    rows = [(c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries]
    return [(code, name) for code, name in rows if "," not in name and "(" not in name]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _name(rng: random.Random, country: str) -> str:
    if rng.random() < 0.3:
        return f"{_word(rng)} {rng.choice(CORES)} of {country}"
    return f"{rng.choice(PREFIXES)}{rng.choice(CORES)} of {country}{rng.choice(SUFFIXES)}"


def make_registry(rng: random.Random, n: int) -> tuple[Registry, list[tuple[Organisation, str]]]:
    """``n`` organisations plus as many unknown ones: (registry, [(org, country name)] of all)."""
    countries = _countries(rng)
    seen: set[tuple[str, str]] = set()
    made: list[tuple[Organisation, str]] = []
    acronyms: set[str] = set()
    while len(made) < 2 * n:
        code, country = rng.choice(countries)
        name = _name(rng, country)
        if (name.casefold(), code) in seen:
            continue
        seen.add((name.casefold(), code))
        acronym = "".join(w[0] for w in name.replace("(", "").split() if w[0].isupper()) + code
        aliases = (acronym,) if acronym not in acronyms else ()
        acronyms.add(acronym)
        made.append((Organisation(f"{slug(name)}-{code.lower()}", name, code, aliases=aliases, curated=True), country))
    rng.shuffle(made)
    return Registry(organisations=tuple(o for o, _ in made[:n])), made


def _typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    choices = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()
               and w.lower() not in vocabulary().distinguishing]
    if not choices:
        return text
    i = rng.choice(choices)
    w, p = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice([w[:p] + w[p + 1:], w[:p] + w[p] + w[p:], w[:p - 1] + w[p] + w[p - 1] + w[p + 1:]])
    return " ".join(words)


def variant(rng: random.Random, org: Organisation, country: str) -> tuple[str, str | None]:
    """A mention of ``org`` as a text might write it, and the country the text attaches."""
    roll = rng.random()
    name = org.name
    if roll < 0.2:
        return name, None
    if roll < 0.3:
        return "The " + name, None
    if roll < 0.4:
        return (name.upper() if rng.random() < 0.5 else name.lower()), None
    if roll < 0.5:
        return name.replace("'", "\u2019"), None
    if roll < 0.6 and name.endswith(f" of {country}"):
        return f"{name[: -len(country) - 4]} ({country})", None
    if roll < 0.7 and org.aliases:
        return org.aliases[0], (org.country if rng.random() < 0.5 else None)
    if roll < 0.8 and org.aliases:
        return f"{name} ({org.aliases[0]})", None
    if roll < 0.85 and "Communist Party" in name:
        return name.replace("Communist Party", "CP"), None
    return _typo(rng, name), None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=5000)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--verbose", action="store_true", help="print every false merge")
    args = parser.parse_args()
    verbose = args.verbose
    rng = random.Random(args.seed)
    registry, everything = make_registry(rng, args.orgs)
    known = {o.id for o in registry.organisations}
    mentions = []
    for _ in range(args.mentions):
        org, country = rng.choice(everything[: args.orgs]) if rng.random() < 0.9 else rng.choice(everything[args.orgs:])
        mentions.append((*variant(rng, org, country), org.id))

    started, cpu_started = time.perf_counter(), time.process_time()
    resolver = Resolver(registry)
    loaded = time.perf_counter()
    results = [resolver.resolve(text, country) for text, country, _ in mentions]
    done, cpu_done = time.perf_counter(), time.process_time()

    hits = wrong = missed = apart = merged_unknown = 0
    unknown_entities: dict[str, set[str]] = {}
    for (text, _, truth), result in zip(mentions, results):
        got = result.organisation.id
        if truth in known:
            hits += got == truth
            wrong += got != truth and got in known
            if got != truth and got in known and verbose:
                print(f"  false merge: {text!r} -> {got} (is {truth})")
            missed += got not in known
        else:
            apart += got not in known
            merged_unknown += got in known
            if got in known and verbose:
                print(f"  false merge: {text!r} -> {got}")
            unknown_entities.setdefault(truth, set()).add(got)
    n_known = sum(1 for m in mentions if m[2] in known)
    n_unknown = len(mentions) - n_known
    fragments = sum(len(v) for v in unknown_entities.values()) / max(1, len(unknown_entities))
    print(f"organisations        {len(registry.organisations)}")
    print(f"mentions             {len(mentions)} ({n_known} of registry organisations, {n_unknown} of unknown ones)")
    print(f"index seconds        {loaded - started:.2f}")
    print(f"resolve seconds      {done - loaded:.2f}")
    print(f"total seconds        {done - started:.2f} wall, {cpu_done - cpu_started:.2f} CPU")
    print(f"mentions/s           {len(mentions) / (done - loaded):,.0f}")
    print(f"accuracy (known)     {hits / n_known:.4f}  ({missed} left as new, {wrong} joined to another organisation)")
    print(f"unknown kept apart   {apart / max(1, n_unknown):.4f}  (entities per unknown organisation: {fragments:.2f})")
    print(f"false merges         {wrong + merged_unknown}")
    methods: dict[str, int] = {}
    for r in results:
        methods[r.method] = methods.get(r.method, 0) + 1
    print("methods              " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())))


if __name__ == "__main__":
    main()
