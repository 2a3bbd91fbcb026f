"""Safe IRI segments minted from content (DESIGN.md, "Identifiers").

Every name that reaches an IRI passes through :func:`slug`: transliterated to ASCII,
lowercased, stripped of apostrophes ("People's" gives ``peoples``), and reduced to ``[a-z0-9]`` runs joined by single hyphens, so nothing from the
input reaches an IRI unescaped. Identifiers are minted from content, never from counters or
file order, so rebuilding never renames an entity.

Organisation ids (:func:`org_id`): a registry row carries its own explicit ``id`` and keeps it
for ever. An organisation the registry does not know gets ``slug(name)`` followed by its
lower-case ISO 3166-1 country code when the country is known (``communist-party-of-syria-sy``,
``sep-tr``), because bare names such as "Workers' Party" recur in many countries; with no
country it gets ``slug(name)`` alone.
"""

from __future__ import annotations

import hashlib
import re

from anyascii import anyascii

#: What every segment minted here matches.
SAFE_SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: Longer slugs are cut and made unique again with a hash of the full text.
MAX_LENGTH = 80

_UNSAFE_RUN = re.compile(r"[^a-z0-9]+")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def slug(text: str) -> str:
    """Turn any text into a safe IRI segment matching :data:`SAFE_SEGMENT`.

    Never raises and never returns an empty string: text with no letters or digits becomes
    ``"x"`` followed by a short SHA-1 of the text. ``slug(slug(t)) == slug(t)``.

    >>> slug("Türkiye Komünist Partisi")
    'turkiye-komunist-partisi'
    >>> slug("The Workers’ Party (Korea)")
    'the-workers-party-korea'
    >>> slug("../<>")
    'x5ea94d44d2'
    """
    text = str(text)
    ascii_text = anyascii(text).lower().replace("'", "")
    result = _UNSAFE_RUN.sub("-", ascii_text).strip("-")
    if not result:
        return "x" + _digest(text)
    if len(result) > MAX_LENGTH:
        result = result[: MAX_LENGTH - 11].strip("-") + "-" + _digest(text)
    return result


def org_id(name: str, country: str | None) -> str:
    """The id of an organisation the registry does not know: ``slug(name)[-cc]``.

    ``country`` is an ISO 3166-1 alpha-2 code or ``None``. Registry rows do not use this:
    they carry their own ``id``. Raises ``ValueError`` if ``country`` is not two ASCII letters.

    >>> org_id("SEP", "TR")
    'sep-tr'
    >>> org_id("Communist Party of Syria", None)
    'communist-party-of-syria'
    """
    base = slug(name)
    if country is None:
        return base
    if not re.fullmatch(r"[A-Za-z]{2}", country):
        raise ValueError(f"country {country!r} is not an ISO 3166-1 alpha-2 code")
    return slug(f"{base}-{country.lower()}")


__all__ = ["MAX_LENGTH", "SAFE_SEGMENT", "org_id", "slug"]
