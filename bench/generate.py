"""Synthetic corpus generator: N invented declarations in the layouts real ones take.

Usage::

    .venv/bin/python bench/generate.py OUT_DIR --count N [--seed S] [--truth DIR]
                                       [--orgs 2000] [--registry 1000]

Writes ``OUT_DIR/NAME.txt`` + ``OUT_DIR/NAME.toml`` for each declaration (what ``kb build``
reads), ``OUT_DIR/registry/`` (a curated registry: the meeting series and the ``--registry``
most frequent organisations of the pool; ``--registry 0`` writes none), and a ground truth
``NAME.truth.json`` per text in ``--truth DIR`` (default ``OUT_DIR/../truth``), outside the
sources folder so a build never reads it. The same ``--seed`` (and options) always writes
the same bytes.

Everything is generated from the templates and word pools below (invented organisations,
real country and city names); no text is copied from anywhere. What varies:

* layouts: bulleted (``•``, ``*``, ``-``), dashed (``–``), numbered (``1.``, ``1)``, ``1-``),
  unmarked one-per-line lists, and inline lists (commas with "and", semicolons);
* genres: final declarations, joint statements, party reports, resolutions with numbered
  points, appeals, conference headings with the list under them;
* recurring meetings: ~40 invented series with acronyms and numbered editions (several
  declarations may report the same edition, with the same date and city), and one-off
  meetings;
* dates: "19-20 November 1996", "November 19-20, 1996", "2-3 February 2013",
  "February 2-3 2013", "18, 19 and 20 October", "October 30-November 1, 2015",
  "4-5 of November 2007", "from 9 to 11 March 1978", "25 and 26 November 2004", single days;
* organisations: a pool (default 2,000) drawn from party/front/union templates per country;
  popularity is skewed (a few organisations recur in hundreds of texts), and each mention
  picks a spelling variant ("The ...", ’ vs ', "Workers" vs "Workers'", Labour/Labor, an
  acronym in brackets, a country qualifier "(Greece)", "– Greece", ", Greece", "[Greece]");
* claims: sentences of every stance (condemn, demand, solidarity, call, support, oppose,
  reject, declare), in the "we" voice, the meeting's voice, or as list items.

The truth JSON has the shape of the hand annotations in ``tests/texts/`` (see
``tests/parse_eval.py``), so the same scorer can read it; keys starting with ``_`` are extra
ground truth (``_orgs``: mention string -> pool organisation id; ``_layout``, ``_genre``).

Importable: ``generate(out_dir, count, *, seed=0) -> list[Path]`` (the text paths written).
Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ---------------------------------------------------------------------------------------
# word pools (written for this generator)

# (name, ISO 3166-1 alpha-2, adjective, real cities)
COUNTRIES: list[tuple[str, str, str, list[str]]] = [
    ("Argentina", "AR", "Argentine", ["Buenos Aires", "Rosario", "Córdoba"]),
    ("Austria", "AT", "Austrian", ["Vienna", "Graz", "Linz"]),
    ("Bangladesh", "BD", "Bangladeshi", ["Dhaka", "Chittagong"]),
    ("Belgium", "BE", "Belgian", ["Brussels", "Antwerp", "Liège"]),
    ("Bolivia", "BO", "Bolivian", ["La Paz", "Cochabamba"]),
    ("Brazil", "BR", "Brazilian", ["São Paulo", "Rio de Janeiro", "Brasília"]),
    ("Bulgaria", "BG", "Bulgarian", ["Sofia", "Plovdiv", "Varna"]),
    ("Canada", "CA", "Canadian", ["Toronto", "Montreal"]),
    ("Chile", "CL", "Chilean", ["Santiago", "Valparaíso"]),
    ("Colombia", "CO", "Colombian", ["Bogotá", "Medellín"]),
    ("Cuba", "CU", "Cuban", ["Havana"]),
    ("Cyprus", "CY", "Cypriot", ["Nicosia", "Limassol"]),
    ("Czechia", "CZ", "Czech", ["Prague", "Brno"]),
    ("Denmark", "DK", "Danish", ["Copenhagen", "Aarhus"]),
    ("Ecuador", "EC", "Ecuadorian", ["Quito", "Guayaquil"]),
    ("Egypt", "EG", "Egyptian", ["Cairo", "Alexandria"]),
    ("Finland", "FI", "Finnish", ["Helsinki", "Tampere"]),
    ("France", "FR", "French", ["Paris", "Marseille", "Lyon"]),
    ("Germany", "DE", "German", ["Berlin", "Hamburg", "Leipzig"]),
    ("Greece", "GR", "Greek", ["Athens", "Thessaloniki", "Patras"]),
    ("Hungary", "HU", "Hungarian", ["Budapest"]),
    ("India", "IN", "Indian", ["New Delhi", "Kolkata", "Chennai"]),
    ("Ireland", "IE", "Irish", ["Dublin", "Cork"]),
    ("Italy", "IT", "Italian", ["Rome", "Milan", "Bologna", "Naples"]),
    ("Japan", "JP", "Japanese", ["Tokyo", "Osaka"]),
    ("Jordan", "JO", "Jordanian", ["Amman"]),
    ("Lebanon", "LB", "Lebanese", ["Beirut"]),
    ("Mexico", "MX", "Mexican", ["Mexico City", "Guadalajara"]),
    ("Morocco", "MA", "Moroccan", ["Rabat", "Casablanca"]),
    ("Nepal", "NP", "Nepalese", ["Kathmandu"]),
    ("Netherlands", "NL", "Dutch", ["Amsterdam", "Rotterdam"]),
    ("Norway", "NO", "Norwegian", ["Oslo", "Bergen"]),
    ("Pakistan", "PK", "Pakistani", ["Karachi", "Lahore"]),
    ("Peru", "PE", "Peruvian", ["Lima", "Arequipa"]),
    ("Philippines", "PH", "Filipino", ["Manila"]),
    ("Poland", "PL", "Polish", ["Warsaw", "Kraków"]),
    ("Portugal", "PT", "Portuguese", ["Lisbon", "Porto"]),
    ("Romania", "RO", "Romanian", ["Bucharest", "Cluj-Napoca"]),
    ("Russia", "RU", "Russian", ["Moscow", "Saint Petersburg"]),
    ("Serbia", "RS", "Serbian", ["Belgrade", "Novi Sad"]),
    ("South Africa", "ZA", "South African", ["Johannesburg", "Cape Town", "Durban"]),
    ("Spain", "ES", "Spanish", ["Madrid", "Barcelona", "Seville"]),
    ("Sri Lanka", "LK", "Sri Lankan", ["Colombo"]),
    ("Sudan", "SD", "Sudanese", ["Khartoum"]),
    ("Sweden", "SE", "Swedish", ["Stockholm", "Gothenburg"]),
    ("Switzerland", "CH", "Swiss", ["Geneva", "Zurich", "Bern"]),
    ("Syria", "SY", "Syrian", ["Damascus", "Aleppo"]),
    ("Tunisia", "TN", "Tunisian", ["Tunis"]),
    ("Turkey", "TR", "Turkish", ["Istanbul", "Ankara", "İzmir"]),
    ("Ukraine", "UA", "Ukrainian", ["Kharkiv", "Odesa"]),
    ("Britain", "GB", "British", ["London", "Manchester", "Glasgow"]),
    ("Uruguay", "UY", "Uruguayan", ["Montevideo"]),
    ("Venezuela", "VE", "Venezuelan", ["Caracas", "Maracaibo"]),
    ("Vietnam", "VN", "Vietnamese", ["Hanoi"]),
    ("Kenya", "KE", "Kenyan", ["Nairobi", "Mombasa"]),
    ("Nigeria", "NG", "Nigerian", ["Lagos", "Abuja"]),
    ("Senegal", "SN", "Senegalese", ["Dakar"]),
    ("Algeria", "DZ", "Algerian", ["Algiers", "Oran"]),
    ("Iraq", "IQ", "Iraqi", ["Baghdad", "Basra"]),
    ("Iran", "IR", "Iranian", ["Tehran"]),
    ("Australia", "AU", "Australian", ["Sydney", "Melbourne"]),
    ("Belarus", "BY", "Belarusian", ["Minsk"]),
    ("Slovakia", "SK", "Slovak", ["Bratislava"]),
    ("Croatia", "HR", "Croatian", ["Zagreb", "Split"]),
    ("Slovenia", "SI", "Slovenian", ["Ljubljana"]),
    ("Latvia", "LV", "Latvian", ["Riga"]),
    ("Lithuania", "LT", "Lithuanian", ["Vilnius"]),
    ("Estonia", "EE", "Estonian", ["Tallinn"]),
    ("Paraguay", "PY", "Paraguayan", ["Asunción"]),
    ("Nicaragua", "NI", "Nicaraguan", ["Managua"]),
    ("Ghana", "GH", "Ghanaian", ["Accra"]),
    ("Ethiopia", "ET", "Ethiopian", ["Addis Ababa"]),
    ("Tanzania", "TZ", "Tanzanian", ["Dar es Salaam"]),
    ("Indonesia", "ID", "Indonesian", ["Jakarta"]),
    ("Malaysia", "MY", "Malaysian", ["Kuala Lumpur"]),
    ("Thailand", "TH", "Thai", ["Bangkok"]),
]

REGIONS = ["the Mediterranean", "Latin America", "the Balkans", "South Asia", "the Middle East",
           "Southern Africa", "the Baltic", "Central America", "Europe", "the Caribbean",
           "North Africa", "the Pacific", "Eastern Europe", "the Andes", "the Black Sea region"]

# party names that contain the country: {C} country, {A} adjective
PARTY_TEMPLATES = [
    ("Communist Party of {C}", "party"), ("{A} Communist Party", "party"),
    ("Workers' Party of {C}", "party"), ("{A} Workers' Party", "party"),
    ("Socialist Party of {C}", "party"), ("{A} Socialist Party", "party"),
    ("Party of Labour of {C}", "party"), ("{A} Party of Labour", "party"),
    ("Left Party of {C}", "party"), ("{A} Left Party", "party"),
    ("Party of the Communists of {C}", "party"), ("Union of Communists of {C}", "party"),
    ("Socialist Workers' Party of {C}", "party"), ("{A} Socialist Workers' Party", "party"),
    ("Communist Workers' Party of {C}", "party"), ("People's Party of {C}", "party"),
    ("{A} Labour Party", "party"), ("Party of Socialist Renewal of {C}", "party"),
    ("Left Alliance of {C}", "front"), ("{A} Left Front", "front"),
    ("Patriotic Front of {C}", "front"), ("Popular Unity of {C}", "front"),
    ("Federation of Trade Unions of {C}", "union"), ("{A} Confederation of Labour", "union"),
    ("Communist Youth of {C}", "association"), ("{A} Peace Council", "association"),
    ("{A} Women's Union", "association"), ("Movement for Socialism of {C}", "party"),
]
MODIFIERS = ["New", "United", "Revolutionary", "Unified", "Progressive", "Democratic", "Popular",
             "Independent", "Radical", "Patriotic", "Renewed", "Historic"]
SUFFIXES = ["(Marxist-Leninist)", "(Marxist)", "(Unified)", "(Reconstructed)", "(Bolshevik)"]

# names that need a country qualifier
IDEALS = ["Socialism", "Peace", "Sovereignty", "Democracy", "Liberation", "Independence",
          "Social Justice", "Popular Power", "Workers' Rights", "Land Reform", "National Unity",
          "Emancipation", "Self-Determination", "Dignity", "Progress"]
TRADES = ["Metal", "Transport", "Dock", "Textile", "Mine", "Railway", "Teachers'", "Health",
          "Construction", "Agricultural", "Energy", "Postal"]
QUALIFIED_TEMPLATES = [
    ("Front for {I} and {J}", "front"), ("Movement for {I}", "party"), ("Party of {I}", "party"),
    ("Union for {I} and {J}", "front"), ("Committee for {I}", "association"),
    ("{T} Workers' Federation", "union"), ("General Union of {T} Workers", "union"),
    ("League for {I}", "association"), ("Alliance for {I} and {J}", "front"),
    ("Revolutionary Movement for {I}", "party"), ("Socialist Movement for {I}", "party"),
]

# meeting series: name, acronym (invented)
SERIES_HEADS = ["International Meeting", "Conference", "Forum", "Seminar", "Encounter", "Assembly",
                "Meeting", "Symposium"]
SERIES_TOPICS = [
    "of Left and Labour Parties", "of Communist and Progressive Parties", "of Anti-Imperialist Forces",
    "of Workers' Parties", "of Parties for Peace and Sovereignty", "of Left Forces",
    "of Socialist Movements", "of Popular Organisations", "against War and Sanctions",
    "for Peace and Social Justice", "of Trade Unions for Social Rights", "of Youth against Fascism",
]
SERIES_SCOPES = ["", "Mediterranean ", "Balkan ", "Latin American ", "Asian ", "African ",
                 "European ", "Eurasian ", "Southern Cone ", "Arab ", "Caribbean ", "Baltic ",
                 "Nordic ", "Andean "]

ORDINAL_WORDS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
                 "Tenth", "Eleventh", "Twelfth"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

BAD = [
    "the blockade imposed on {C}", "the expansion of foreign military bases in {R}",
    "the privatisation of public health and education", "the attacks on trade union rights in {C}",
    "the unilateral sanctions imposed on {C}", "the militarisation of {R}",
    "the persecution of communists and trade unionists in {C}", "the new austerity package of the government of {C}",
    "the deployment of new missiles in {R}", "the rise of fascist and racist forces in {R}",
    "the anti-communist laws adopted in {C}", "the plunder of the natural resources of {C}",
    "the arms race and the growth of military spending", "the ban on the activity of left parties in {C}",
    "the interference of foreign powers in the internal affairs of {C}",
    "the agreements that hand the economy of {C} to the monopolies",
]
DEMANDS = [
    "the lifting of the sanctions against {C}", "the release of all political prisoners in {C}",
    "the withdrawal of all foreign troops from {C}", "the cancellation of the public debt of {C}",
    "an end to the arms race in {R}", "the closure of all foreign military bases in {R}",
    "the restoration of the rights of the trade unions of {C}", "a reduction of working time without loss of pay",
    "free and public health care for all", "the return of the refugees of {C} to their homes",
]
PEOPLES = [
    "the people of {C}", "the workers of {C}", "the striking {t} workers of {Y}",
    "the peasants of {C}", "the youth of {C} in their struggle for education",
    "the families of the political prisoners of {C}", "the working people of {R}",
    "the trade unionists of {Y} who face repression",
]
ACTORS = ["all progressive forces", "the trade unions of {R}", "the working people of the world",
          "the youth and the women of {R}", "all peace-loving people", "the left forces of {R}",
          "the workers of all countries"]
ACTIONS = ["intensify the struggle against war", "join the week of action in {M}",
           "organise mass protests against the sanctions", "strengthen their unity in action",
           "support the general strike in {C}", "build a broad front against fascism",
           "take part in the solidarity caravan to {C}", "defend the public services"]
PROPOSALS = ["the proposal for a nuclear-free zone in {R}", "the campaign for a shorter working week",
             "the initiative for a regional peace conference in {Y}", "the call for a ceasefire in {C}",
             "the plan for a public bank of {R}", "the campaign of the trade unions of {C} for a living wage"]
PROPOSITIONS = ["the struggle for peace is inseparable from the struggle against capitalism",
                "the right of the peoples to decide their own future cannot be negotiated",
                "the crisis is the crisis of a system that puts profit before people",
                "no military alliance can guarantee the security of the peoples of {R}",
                "the unity of the working class is the condition of every victory"]
FILLER = [
    "The parties discussed the situation in {R} and exchanged experiences of their struggles.",
    "The delegations reviewed the work done since the previous meeting.",
    "The sessions dealt with the economic crisis, the danger of war and the rights of working people.",
    "The discussion was frank and comradely, and showed broad agreement on the main questions.",
    "Several delegations presented reports on the situation in their countries.",
]
TOPICS = ["the war in {R}", "the sanctions against {C}", "the debt crisis", "the rights of refugees",
          "the defence of public services", "peace and disarmament", "the situation in {C}"]
PUBLISHER_SITES = ["Left Review Online", "Workers' Bulletin", "International Dispatch", "Solidarity News",
                   "Red Dawn Weekly", "The Popular Courier"]


# ---------------------------------------------------------------------------------------
# the pool


@dataclass
class Org:
    id: str
    name: str
    country: str  # ISO code
    country_name: str
    kind: str
    acronym: str | None
    qualified: bool  # the name does not carry the country: mentions add a qualifier


@dataclass
class Meeting:
    key: str
    name: str | None  # "5th Balkan Forum of Left Forces" (None for a one-off meeting)
    series: str | None
    acronym: str | None
    ordinal: int | None
    start: dt.date
    end: dt.date
    city: str
    country: str
    country_name: str
    hosts: list[Org]
    participants: list[Org]
    participant_count: int | None = None
    country_count: int | None = None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name.replace("(", "").replace(")", "")) if w]
    return "".join(w[0] for w in words if w[0].isupper())


def make_pool(rng: random.Random, size: int) -> list[Org]:
    candidates: list[tuple[str, str, str, str, bool]] = []
    for cname, code, adj, _ in COUNTRIES:
        for template, kind in PARTY_TEMPLATES:
            base = template.format(C=cname, A=adj)
            candidates.append((base, code, cname, kind, False))
            for mod in MODIFIERS:
                if template.startswith("{A}"):
                    candidates.append((f"{mod} {base}", code, cname, kind, False))
                else:
                    candidates.append((f"{mod} {base}", code, cname, kind, False))
            if kind == "party":
                for suffix in SUFFIXES:
                    candidates.append((f"{base} {suffix}", code, cname, kind, False))
        for template, kind in QUALIFIED_TEMPLATES:
            for ideal in IDEALS:
                other = IDEALS[(IDEALS.index(ideal) + 3) % len(IDEALS)]
                trade = TRADES[IDEALS.index(ideal) % len(TRADES)]
                candidates.append((template.format(I=ideal, J=other, T=trade), code, cname, kind, True))
    rng.shuffle(candidates)
    pool: list[Org] = []
    seen_names: set[str] = set()
    seen_acronyms: set[str] = set()
    for name, code, cname, kind, qualified in candidates:
        key = name.lower() if not qualified else f"{name.lower()}|{code}"
        if key in seen_names or (qualified and name.lower() in seen_names):
            continue
        seen_names.add(key)
        seen_names.add(name.lower())  # one country per qualified name: curated names stay unique
        acronym = None
        if rng.random() < 0.5:
            candidate = _initials(name)
            if len(candidate) >= 2 and candidate not in seen_acronyms:
                acronym = candidate
                seen_acronyms.add(candidate)
        org_id = slug(f"{name} {cname}" if qualified else name)
        pool.append(Org(org_id, name, code, cname, kind, acronym, qualified))
        if len(pool) >= size:
            break
    return pool


def _zipf_weights(n: int, s: float = 0.9) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


# ---------------------------------------------------------------------------------------
# rendering helpers


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def render_date(rng: random.Random, start: dt.date, end: dt.date, *, allow_no_year: bool) -> str:
    """A date range in one of the forms declarations use, with its preposition ("on ...",
    "from ... to ...")."""
    text = _date_form(rng, start, end, allow_no_year=allow_no_year)
    return text if text.startswith("from ") else f"on {text}"


def _date_form(rng: random.Random, start: dt.date, end: dt.date, *, allow_no_year: bool) -> str:
    y, m1, m2 = start.year, MONTHS[start.month - 1], MONTHS[end.month - 1]
    d1, d2 = start.day, end.day
    if start == end:
        return rng.choice([f"{d1} {m1} {y}", f"{m1} {d1}, {y}", f"{d1} {m1} {y}"])
    if start.month != end.month:
        return rng.choice([f"{m1} {d1}-{m2} {d2}, {y}", f"{d1} {m1} - {d2} {m2} {y}"])
    days = (end - start).days
    forms = [f"{d1}-{d2} {m1} {y}", f"{m1} {d1}-{d2}, {y}", f"{m1} {d1}-{d2} {y}",
             f"{d1}-{d2} of {m1} {y}", f"from {d1} to {d2} {m1} {y}"]
    if days == 1:
        forms.append(f"{d1} and {d2} {m1} {y}")
    if days == 2:
        forms.append(f"{d1}, {d1 + 1} and {d2} {m1} {y}")
        if allow_no_year:
            forms.append(f"{d1}, {d1 + 1} and {d2} {m1}")
    return rng.choice(forms)


def _fill(rng: random.Random, template: str, meeting: Meeting) -> str:
    cname, _, _, cities = rng.choice(COUNTRIES)
    return template.format(
        C=cname, R=rng.choice(REGIONS), Y=rng.choice(cities), t=rng.choice(["metal", "dock", "textile", "railway", "mine", "transport"]),
        M=MONTHS[(meeting.end.month % 12)],
    )


def mention(rng: random.Random, org: Org, *, in_list: bool, allow_the: bool = True,
            comma_ok: bool = True) -> tuple[str, list[str]]:
    """A spelling of ``org`` as a text would write it, and the acceptable readings
    (first: the exact string written)."""
    name = org.name
    if rng.random() < 0.3:
        name = name.replace("'", "’")
    elif "Workers'" in name and rng.random() < 0.25:
        name = name.replace("Workers'", "Workers")
    if "Labour" in name and rng.random() < 0.15:
        name = name.replace("Labour", "Labor")
    core = name
    if org.acronym and rng.random() < 0.3:
        name = f"{name} ({org.acronym})"
    if org.qualified:
        forms = [f"{name} ({org.country_name})", f"{name} – {org.country_name}", f"{name} [{org.country_name}]"]
        if comma_ok:  # "X, Greece" only where commas do not separate the items
            forms.append(f"{name}, {org.country_name}")
        name = rng.choice(forms)
    if allow_the and in_list and rng.random() < 0.2:
        name = "The " + name
    alternatives = [name]
    if name.startswith("The "):
        alternatives.append(name[4:])
    if core not in alternatives:
        alternatives.append(core)
    return name, alternatives


# ---------------------------------------------------------------------------------------
# documents


@dataclass
class Doc:
    name: str
    text: str
    meta: dict
    truth: dict


@dataclass
class World:
    pool: list[Org]
    weights: list[float]
    series: list[tuple[str, str, str]]  # (id, name, acronym)
    seed: int = 0
    editions: dict[tuple[int, int], Meeting] = field(default_factory=dict)


def make_world(rng: random.Random, orgs: int, seed: int = 0) -> World:
    pool = make_pool(rng, orgs)
    series: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    while len(series) < 40:
        head, topic, scope = rng.choice(SERIES_HEADS), rng.choice(SERIES_TOPICS), rng.choice(SERIES_SCOPES)
        name = f"{scope}{head} {topic}".strip()
        acronym = _initials(name)
        if name in seen or acronym in {a for _, _, a in series} or len(acronym) < 3:
            continue
        seen.add(name)
        series.append((slug(name), name, acronym))
    return World(pool, _zipf_weights(len(pool)), series, seed)


def _pick_orgs(rng: random.Random, world: World, k: int, exclude: list[Org] = ()) -> list[Org]:
    chosen: list[Org] = []
    ids = {o.id for o in exclude}
    while len(chosen) < k:
        org = rng.choices(world.pool, weights=world.weights, k=1)[0]
        if org.id not in ids:
            ids.add(org.id)
            chosen.append(org)
    return chosen


def _meeting_dates(rng: random.Random, year: int) -> tuple[dt.date, dt.date]:
    month = rng.randint(1, 12)
    length = rng.choice([0, 1, 1, 1, 2, 2])
    if rng.random() < 0.1:  # across a month's end: "October 30-November 1"
        month = min(month, 11)
        first_of_next = dt.date(year, month + 1, 1)
        start = first_of_next - dt.timedelta(days=rng.randint(1, 2))
        return start, start + dt.timedelta(days=2)
    start = dt.date(year, month, rng.randint(1, 25))
    return start, start + dt.timedelta(days=length)


def meeting_for(rng: random.Random, world: World) -> Meeting:
    """A series edition (shared by the declarations that name it) or a one-off meeting."""
    if rng.random() < 0.7:
        index = rng.randrange(len(world.series))
        ordinal = rng.randint(1, 20)
        key = (index, ordinal)
        if key not in world.editions:
            sid, name, acronym = world.series[index]
            erng = random.Random(f"{world.seed}/{sid}/{ordinal}")
            year = 1980 + (index % 15) + ordinal
            cname, code, _, cities = erng.choice(COUNTRIES)
            start, end = _meeting_dates(erng, year)
            host_pool = [o for o in world.pool[:400] if o.country == code] or world.pool[:5]
            hosts = erng.sample(host_pool, k=min(len(host_pool), erng.choice([1, 1, 2])))
            participants = hosts + _pick_orgs(erng, world, erng.randint(6, 24), exclude=hosts)
            world.editions[key] = Meeting(
                key=f"{sid}-{ordinal}", name=f"{ordinal_suffix(ordinal)} {name}", series=name, acronym=acronym,
                ordinal=ordinal, start=start, end=end, city=erng.choice(cities), country=code, country_name=cname,
                hosts=hosts, participants=participants,
                participant_count=len(participants) + erng.randint(0, 30) if erng.random() < 0.4 else None,
                country_count=erng.randint(5, 60) if erng.random() < 0.4 else None,
            )
        return world.editions[key]
    year = rng.randint(1975, 2024)
    cname, code, _, cities = rng.choice(COUNTRIES)
    start, end = _meeting_dates(rng, year)
    host_pool = [o for o in world.pool[:600] if o.country == code]
    hosts = rng.sample(host_pool, k=1) if host_pool and rng.random() < 0.6 else []
    participants = hosts + _pick_orgs(rng, world, rng.randint(4, 16), exclude=hosts)
    return Meeting(key=f"oneoff-{rng.getrandbits(32):08x}", name=None, series=None, acronym=None, ordinal=None,
                   start=start, end=end, city=rng.choice(cities), country=code, country_name=cname,
                   hosts=hosts, participants=participants)


def _claims(rng: random.Random, meeting: Meeting, voice: str, k: int) -> list[tuple[str, str]]:
    """``k`` claim sentences (stance, sentence) in a voice: "we", "it" (the meeting) or "item"."""
    noun = rng.choice(["conference", "meeting", "forum", "seminar"])
    out = []
    stances = rng.sample(["condemn", "demand", "solidarity", "call", "support", "oppose", "reject", "declare"], k=k)
    for stance in stances:
        f = lambda pool: _fill(rng, rng.choice(pool), meeting)  # noqa: E731
        if voice == "item":  # "The participating parties:" then verb-first items
            sentence = {
                "condemn": f"condemn {f(BAD)};", "demand": f"demand {f(DEMANDS)};",
                "solidarity": f"express their solidarity with {f(PEOPLES)};",
                "call": f"call on {f(ACTORS)} to {f(ACTIONS)};", "support": f"support {f(PROPOSALS)};",
                "oppose": f"oppose {f(BAD)};", "reject": f"reject {f(BAD)};",
                "declare": f"declare that {f(PROPOSITIONS)};",
            }[stance]
        elif voice == "we":
            sentence = {
                "condemn": f"We {rng.choice(['', 'strongly ', 'firmly '])}condemn {f(BAD)}.",
                "demand": f"We demand {f(DEMANDS)}.",
                "solidarity": f"We express our {rng.choice(['', 'full ', 'militant '])}solidarity with {f(PEOPLES)}.",
                "call": f"We call on {f(ACTORS)} to {f(ACTIONS)}.",
                "support": f"We support {f(PROPOSALS)}.",
                "oppose": f"We oppose {f(BAD)}.", "reject": f"We reject {f(BAD)}.",
                "declare": f"We declare that {f(PROPOSITIONS)}.",
            }[stance]
        else:
            subject = rng.choice([f"The {noun}", "The participants", "The participating parties"])
            s = "s" if subject == f"The {noun}" else ""
            its = "its" if s else "their"
            sentence = {
                "condemn": f"{subject} condemn{s} {f(BAD)}.",
                "demand": f"{subject} demand{s} {f(DEMANDS)}.",
                "solidarity": f"{subject} express{'es' if s else ''} {its} solidarity with {f(PEOPLES)}.",
                "call": f"{subject} call{s} on {f(ACTORS)} to {f(ACTIONS)}.",
                "support": f"{subject} support{s} {f(PROPOSALS)}.",
                "oppose": f"{subject} oppose{s} {f(BAD)}.",
                "reject": f"{subject} reject{s} {f(BAD)}.",
                "declare": f"{subject} declare{s} that {f(PROPOSITIONS)}.",
            }[stance]
        out.append((stance, sentence if voice == "item" else sentence[0].upper() + sentence[1:]))
    return out


def _list_block(rng: random.Random, items: list[str], layout: str) -> str:
    if layout == "bulleted":
        marker = rng.choice(["•", "*", "·"])
        indent = rng.choice(["", "  "])
        return "\n".join(f"{indent}{marker} {item}" for item in items)
    if layout == "dashed":
        marker = rng.choice(["-", "–", "—"])
        return "\n".join(f"{marker} {item}" for item in items)
    if layout == "numbered":
        style = rng.choice(["{n}. ", "{n}) ", "{n}- "])
        return "\n".join(style.format(n=i + 1) + item for i, item in enumerate(items))
    if layout == "lines":
        return "\n".join(items)
    if layout == "semicolons":
        return "; ".join(items) + "."
    return ", ".join(items[:-1]) + " and " + items[-1] + "."  # commas


def _mentions(rng: random.Random, orgs: list[Org], *, in_list: bool, truth: dict, comma_ok: bool = True) -> list[str]:
    out = []
    for org in orgs:
        text, alternatives = mention(rng, org, in_list=in_list, comma_ok=comma_ok)
        out.append(text)
        truth.setdefault("_alternatives", {})[text] = alternatives
        truth.setdefault("_orgs", {})[text] = org.id
    return out


def _event_truth(meeting: Meeting, hosts: list[str], participants: list[str], status: str = "reported") -> dict:
    return {
        "name": meeting.name, "ordinal": meeting.ordinal, "series": meeting.series,
        "start": meeting.start.isoformat(), "end": meeting.end.isoformat(),
        "city": meeting.city, "country": meeting.country,
        "hosts": hosts, "participants": participants,
        "participant_count": None, "country_count": None, "status": status,
        "_key": meeting.key,
    }


def _name_and_acr(rng: random.Random, meeting: Meeting) -> str:
    if meeting.name is None:
        return "meeting"
    if meeting.ordinal <= len(ORDINAL_WORDS) and rng.random() < 0.25:
        name = f"{ORDINAL_WORDS[meeting.ordinal - 1]} {meeting.series}"
    else:
        name = meeting.name
    return f"{name} ({meeting.acronym})" if rng.random() < 0.5 else name


def _the(mention: str) -> str:
    """A mention in running prose: "the Communist Party of Greece", "the KKE", "AKEL"."""
    return mention if mention.startswith("The ") else f"the {mention}"


def _hosting(rng: random.Random, hosts: list[str]) -> str:
    if not hosts:
        return ""
    who = " and ".join(_the(h) for h in hosts)
    return rng.choice([f", hosted by {who}", f" under the auspices of {who}", f", at the invitation of {who}"])


def make_document(rng: random.Random, world: World, index: int) -> Doc:
    meeting = meeting_for(rng, world)
    genre = rng.choices(["declaration", "joint-statement", "report", "resolution", "appeal", "heading"],
                        weights=[3, 3, 2, 1, 1, 1])[0]
    layout = rng.choice(["bulleted", "dashed", "numbered", "lines", "semicolons", "commas"])
    truth: dict = {"published": None, "_genre": genre, "_layout": layout}
    year = meeting.start.year
    where = f"{meeting.city}, {meeting.country_name}" if rng.random() < 0.3 else meeting.city
    date_text = render_date(rng, meeting.start, meeting.end, allow_no_year=True)
    ev_name = _name_and_acr(rng, meeting)
    members = meeting.participants[:]
    rng.shuffle(members)
    members = members[: max(3, len(members) - rng.randint(0, 3))]
    host_orgs = [h for h in meeting.hosts]
    blocks: list[str] = []
    claims: list[tuple[str, str]]
    hosts_t: list[str] = []
    parts_t: list[str] = []
    signs_t: list[str] = []
    kind: str | list[str]
    inline = layout in ("semicolons", "commas")

    if genre == "declaration":
        kind = "declaration"
        title = (f"Final Declaration of the {ev_name}" if meeting.name else
                 f"{meeting.city} Declaration of {rng.choice(['left', 'communist and workers', 'progressive'])} parties")
        blocks.append(title)
        hosts_t = _mentions(rng, host_orgs, in_list=False, truth=truth, comma_ok=False)
        subject = f"The {ev_name}" if meeting.name else "A meeting of parties and organisations"
        blocks.append(f"{subject} was held in {where} {date_text}{_hosting(rng, hosts_t)}. "
                      + _fill(rng, rng.choice(FILLER), meeting))
        parts_t = _mentions(rng, members, in_list=not inline, truth=truth, comma_ok=layout != "commas")
        if inline:
            blocks.append(rng.choice(["The following parties and organisations took part: ",
                                      "Taking part were "]) + _list_block(rng, parts_t, layout))
        else:
            blocks.append(rng.choice(["The following parties and organisations took part:",
                                      "Participants:", "The following parties were represented:"]))
            blocks.append(_list_block(rng, parts_t, layout))
        claims = _claims(rng, meeting, rng.choice(["we", "it"]), rng.randint(3, 6))
        blocks.extend(c for _, c in claims)
    elif genre == "joint-statement":
        kind = "joint-statement"
        topic = _fill(rng, rng.choice(TOPICS), meeting)
        blocks.append(rng.choice([f"Joint statement on {topic}", f"Joint statement of left parties on {topic}"]))
        blocks.append(f"The parties signing this statement met in {where} {date_text}. "
                      + _fill(rng, rng.choice(FILLER), meeting))
        claims = _claims(rng, meeting, "we", rng.randint(3, 6))
        blocks.extend(c for _, c in claims)
        signs_t = _mentions(rng, members, in_list=not inline, truth=truth)
        parts_t = list(signs_t)
        if inline:
            blocks.append("Signed by: " + _list_block(rng, signs_t, "semicolons"))
        else:
            blocks.append(rng.choice(["Signatories:", "Signed by:", "Subscribing Parties:"]))
            blocks.append(_list_block(rng, signs_t, layout))
    elif genre == "report":
        kind = "report"
        author = members[0]
        author_t = _mentions(rng, [author], in_list=False, truth=truth, comma_ok=False)[0]
        blocks.append(f"{rng.choice(['Our Party', 'Party delegation'])} at the {ev_name if meeting.name else 'international meeting in ' + meeting.city}")
        hosts_t = _mentions(rng, host_orgs, in_list=False, truth=truth, comma_ok=False)
        blocks.append(f"A delegation of the {author_t} took part in the {ev_name if meeting.name else 'international meeting'}, "
                      f"held in {where} {date_text}{_hosting(rng, hosts_t)}.")
        others = members[1:]
        parts_t = [author_t] + _mentions(rng, others, in_list=False, truth=truth, comma_ok=False)
        if len(others) >= 2:
            blocks.append("Among the participants were " + ", ".join(_the(p) for p in parts_t[1:-1]) + " and " + _the(parts_t[-1]) + ".")
        claims = _claims(rng, meeting, "it", rng.randint(2, 5))
        blocks.extend(c for _, c in claims)
    elif genre == "resolution":
        kind = "resolution"
        topic = _fill(rng, rng.choice(TOPICS), meeting)
        blocks.append(f"RESOLUTION\non {topic}")
        blocks.append(f"adopted by the {ev_name if meeting.name else 'meeting of parties'} in {where}, {_date_form(rng, meeting.start, meeting.end, allow_no_year=False)}")
        hosts_t = _mentions(rng, host_orgs, in_list=False, truth=truth, comma_ok=False)
        if hosts_t:
            blocks.append(f"The meeting was organised by {' and '.join(_the(h) for h in hosts_t)}.")
        parts_t = _mentions(rng, members, in_list=True, truth=truth)
        blocks.append("The following parties took part:")
        blocks.append(_list_block(rng, parts_t, "bulleted" if inline else layout))
        claims = [(stance, c[0].upper() + c[1:]) for stance, c in _claims(rng, meeting, "item", rng.randint(3, 6))]
        claims[-1] = (claims[-1][0], claims[-1][1][:-1] + ".")
        blocks.append("The participating parties:")
        blocks.append("\n".join(f"{i + 1}. {c}" for i, (_, c) in enumerate(claims)))
    elif genre == "appeal":
        kind = "appeal"
        region = rng.choice(REGIONS)
        blocks.append(f"APPEAL TO THE PEOPLES OF {region.upper()}")
        hosts_t = _mentions(rng, host_orgs, in_list=False, truth=truth, comma_ok=False)
        host = f" at a consultation hosted by {' and '.join(_the(h) for h in hosts_t)}" if hosts_t else ""
        blocks.append(f"We, the undersigned parties and organisations, meeting in {where} {date_text}{host}, "
                      f"address this appeal to the working people of {region}.")
        claims = _claims(rng, meeting, "we", rng.randint(3, 5))
        blocks.extend(c for _, c in claims)
        signs_t = _mentions(rng, members, in_list=True, truth=truth)
        parts_t = list(signs_t)
        blocks.append("Signed by:")
        blocks.append(_list_block(rng, signs_t, "lines" if inline else layout))
    else:  # heading
        kind = ["report", "declaration"]
        title = f"{meeting.name or 'International meeting'} gathered in {meeting.city} {date_text}"
        blocks.append(title)
        parts_t = _mentions(rng, members, in_list=True, truth=truth)
        blocks.append(_list_block(rng, parts_t, "dashed" if inline else layout))
        other = render_date(rng, meeting.start, meeting.end, allow_no_year=False)
        blocks.append(f"and associations and personalities from all over the world have gathered in {meeting.city} {other}.")
        claims = _claims(rng, meeting, "it", rng.randint(2, 5))
        blocks.extend(c for _, c in claims)
        title = title

    if rng.random() < 0.3:
        blocks.append(f"{meeting.city}, {meeting.end.day} {MONTHS[meeting.end.month - 1]} {year}")
    text = "\n\n".join(blocks) + "\n"

    published = meeting.end + dt.timedelta(days=rng.randint(0, 20))
    published = min(published, dt.date(published.year, 12, 31))
    if published.year != year:
        published = dt.date(year, 12, 31)
    precision = rng.choice(["day", "day", "month", "year"])
    pub = {"day": published.isoformat(), "month": published.isoformat()[:7], "year": str(year)}[precision]
    name = f"{year}-{slug(meeting.city)}-{genre}-{index:05d}"
    site = rng.choice(PUBLISHER_SITES)
    meta = {"url": f"https://{slug(site)}.example.org/{year}/{name}/", "publisher": site,
            "published": pub, "language": "en"}
    if rng.random() < 0.1:
        del meta["url"]
    if rng.random() < 0.1:
        meta["note"] = "generated by bench/generate.py"

    truth["published"] = pub
    truth["statement"] = {"title": blocks[0].split("\n")[0] if genre != "resolution" else None, "date": None, "kind": kind}
    truth["events"] = [_event_truth(meeting, hosts_t, parts_t)]
    truth["signatories"] = signs_t
    truth["persons"] = []
    truth["claims"] = [{"stance": s, "quote": q.rstrip(";.")} for s, q in claims]
    truth["_note"] = "the statement's title and date are best effort; mentions, events and claims are exact"
    return Doc(name, text, meta, truth)


def _toml(meta: dict) -> str:
    return "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())


def _registry(world: World, count: int) -> tuple[str, str]:
    lines = ["# Generated by bench/generate.py: invented organisations.\n"]
    for org in world.pool[:count]:
        lines.append("\n[[organisation]]\n")
        lines.append(f"id = {json.dumps(org.id)}\nname = {json.dumps(org.name)}\n")
        aliases = [a for a in (org.acronym, org.name.replace("'", "’")) if a and a != org.name]
        if aliases:
            lines.append(f"aliases = {json.dumps(aliases, ensure_ascii=False)}\n")
        lines.append(f"country = {json.dumps(org.country)}\nkind = {json.dumps(org.kind)}\n")
    series = ["# Generated by bench/generate.py: invented meeting series.\n"]
    for sid, name, acronym in world.series:
        series.append(f"\n[[series]]\nid = {json.dumps(sid)}\nname = {json.dumps(name)}\nacronyms = [{json.dumps(acronym)}]\n")
    return "".join(lines), "".join(series)


def generate(out_dir: Path, count: int, *, seed: int = 0, truth_dir: Path | None = None,
             orgs: int = 2000, registry: int = 1000) -> list[Path]:
    """Write ``count`` declarations into ``out_dir`` (deterministic for ``seed``); return the
    text paths. Ground truth goes to ``truth_dir`` (default ``out_dir/../truth``)."""
    out_dir = Path(out_dir)
    truth_dir = Path(truth_dir) if truth_dir is not None else out_dir.parent / "truth"
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    world = make_world(random.Random(f"world/{seed}/{orgs}"), orgs, seed)
    paths = []
    for index in range(count):
        doc = make_document(random.Random(f"doc/{seed}/{index}"), world, index)
        path = out_dir / f"{doc.name}.txt"
        path.write_text(doc.text, encoding="utf-8")
        (out_dir / f"{doc.name}.toml").write_text(_toml(doc.meta), encoding="utf-8")
        (truth_dir / f"{doc.name}.truth.json").write_text(
            json.dumps(doc.truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        paths.append(path)
    if registry > 0:
        folder = out_dir / "registry"
        folder.mkdir(exist_ok=True)
        orgs_toml, series_toml = _registry(world, registry)
        (folder / "organisations.toml").write_text(orgs_toml, encoding="utf-8")
        (folder / "series.toml").write_text(series_toml, encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--truth", type=Path, default=None, help="ground-truth folder (default OUT_DIR/../truth)")
    ap.add_argument("--orgs", type=int, default=2000, help="size of the organisation pool")
    ap.add_argument("--registry", type=int, default=1000,
                    help="how many of the most frequent organisations the curated registry holds (0: no registry)")
    args = ap.parse_args(argv)
    paths = generate(args.out_dir, args.count, seed=args.seed, truth_dir=args.truth, orgs=args.orgs,
                     registry=args.registry)
    print(f"wrote {len(paths)} declarations to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
