"""Errors the knowledge base raises for bad input.

Every error a user can fix is a :class:`KbError`. Its ``str()`` names the file, the place
(line or field) and the problem, and ends with what to do. The CLI prints ``KbError``s
without a traceback and exits 1; any other exception is a bug and is shown as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(eq=False)
class KbError(Exception):
    """Base class: a problem with the user's input, with a message built from fields."""

    problem: str
    hint: str = ""

    def __post_init__(self) -> None:
        Exception.__init__(self, str(self))

    def where(self) -> str:
        return ""

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.problem}" if where else self.problem
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(eq=False)
class SourceError(KbError, ValueError):
    """A source file (text, metadata or RDF) that cannot be read as given.

    >>> str(SourceError("'2019-13-01' is not a date", path=Path("sources/a.toml"), field="published"))
    "sources/a.toml: field 'published': '2019-13-01' is not a date"
    """

    path: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def where(self) -> str:
        parts = [str(self.path)] if self.path is not None else []
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts)


@dataclass(eq=False)
class DateParseError(KbError, ValueError):
    """A date expression that is not a real date (``31 February``, month 13)."""

    text: str = ""

    def where(self) -> str:
        return f"date {self.text!r}" if self.text else ""


@dataclass(eq=False)
class ValidationError(KbError):
    """The graph does not conform to the shapes; ``report`` holds every violation."""

    report: object = None


@dataclass(eq=False)
class QueryError(KbError):
    """A SPARQL query that cannot be run (syntax error, unknown named query)."""

    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        if self.line is None:
            return ""
        return f"line {self.line}" + (f", column {self.column}" if self.column else "")


@dataclass(eq=False)
class EndpointError(KbError):
    """A SPARQL endpoint that refused a request or could not be reached."""

    url: str = ""

    def where(self) -> str:
        return self.url
