"""RDF made elsewhere and accepted by ``kb add``: kept in ``sources/additions/``, each file
its own named graph ``B addition/NAME`` in the build's output."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from kb.errors import SourceError
from kb.mappers import Triple
from kb.mint import Minter

#: Folder under ``sources/`` holding RDF additions (``kb add FILE.ttl``), one named graph each.
ADDITIONS = "additions"

#: RDF syntaxes an addition may use, by file suffix.
ADDITION_FORMATS: dict[str, str] = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld"}


def addition_iri(name: str, minter: Minter) -> URIRef:
    """The named graph of the RDF addition ``sources/additions/NAME.*``: ``B addition/{name}``."""
    from kb.iris import slug

    return URIRef(f"{minter.base}addition/{slug(name)}")


def addition_paths(sources_dir: Path) -> tuple[Path, ...]:
    """The RDF files in ``sources/additions/``, sorted by name (hidden files skipped)."""
    folder = sources_dir / ADDITIONS
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir()
                        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in ADDITION_FORMATS))


def read_addition(path: Path) -> Graph:
    """Parse one RDF addition (Turtle, TriG as the union of its graphs, N-Triples, JSON-LD).

    A JSON-LD ``@context`` given by URL is refused rather than fetched.

    :raises SourceError: unreadable file, syntax error (with line and column when known), remote context.
    """
    from kb.validate import parse_rdf

    if path.suffix.lower() != ".jsonld":
        return parse_rdf(path)
    import json


    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"cannot read the file: {error}", path=path) from error
    except json.JSONDecodeError as error:
        raise SourceError(f"not valid JSON: {error.msg}", path=path, line=error.lineno, column=error.colno,
                          hint="fix the syntax there") from error
    if _remote_context(data):
        raise SourceError("names a remote JSON-LD @context, which is not fetched", path=path,
                          hint="inline the context object in the file")
    try:
        return Graph().parse(data=json.dumps(data), format="json-ld")
    except Exception as error:  # rdflib's JSON-LD parser raises many types for bad input
        raise SourceError(f"not valid JSON-LD: {error}", path=path, hint="check it with a JSON-LD playground") from error


def _remote_context(data: object) -> bool:
    if isinstance(data, dict):
        context = data.get("@context")
        items = context if isinstance(context, list) else [context]
        if any(isinstance(c, str) for c in items):
            return True
        return any(_remote_context(v) for k, v in data.items() if k != "@context")
    if isinstance(data, list):
        return any(_remote_context(v) for v in data)
    return False


def addition_graphs(sources_dir: Path, *, minter: Minter) -> dict[URIRef, list[Triple]]:
    """One named graph per RDF addition in ``sources/additions/`` (see :func:`addition_iri`).

    :raises SourceError: for an addition that cannot be parsed.
    """
    return {addition_iri(p.stem, minter): sorted(read_addition(p)) for p in addition_paths(sources_dir)}


