"""SHACL validation of the knowledge base (W3C SHACL, https://www.w3.org/TR/shacl/).

Wraps pySHACL once. The shapes live in ``shapes/*.ttl`` (one file per class of
``ontology/kb.ttl``); every constraint there carries an ``sh:message`` written for a
curator. Results come back as data — a :class:`ValidationReport` of :class:`Violation`
records, sorted so the report is deterministic — and raising is the caller's choice
(:meth:`ValidationReport.raise_for_violations`).

Decisions:

* The two SPARQL-based checks (end date not before start date; unique organisation name
  and country) select their candidates with SHACL-AF SPARQL targets, so pySHACL runs with
  ``advanced=True``.
* No inference and no ontology mixed into the data graph. The shapes target the ``kb:``
  classes that the mappers assert directly, so ``rdfs:subClassOf`` reasoning is never
  needed, and validating does not copy the ontology into the data.
  :func:`load_ontology` is provided for callers (and tests) that want it.

Example::

    >>> from rdflib import Graph
    >>> validate_graph(Graph()).conforms
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, Literal, Node, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import PROV, RDF, SH, NamespaceManager

import kb
from kb.errors import SourceError, ValidationError
from kb.namespaces import KB, PREFIXES

ROOT = Path(kb.__file__).resolve().parent.parent
SHAPES_DIR = ROOT / "shapes"
ONTOLOGY_PATH = ROOT / "ontology" / "kb.ttl"
KBSH = "https://w3id.org/declarations/shapes#"

#: RDF syntaxes :func:`validate_files` reads, by file suffix.
FORMATS: dict[str, str] = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt"}

_MAX_SOURCES_SHOWN = 3
_EVENT_LINKS = (KB.adoptedAt, KB.reports, KB.announces, KB.refersTo)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, in words and prefixed names.

    Every term is written as in Turtle with the project's prefixes (``kb:endDate``,
    ``sh:MinCountConstraintComponent``, ``"XX"``, ``<https://…/organisation/kke>``).

    :param focus: the node that breaks the rule.
    :param path: the property (``kb:stance``, ``^kb:claim``) or ``None`` for a node-level rule.
    :param message: the shape's ``sh:message``: what is wrong and what to fix.
    :param severity: ``Violation``, ``Warning`` or ``Info``.
    :param constraint: the SHACL constraint component (``sh:MinCountConstraintComponent``).
    :param value: the offending value, when there is one.
    :param source_file: the source text(s) the focus node was read from, when the data says.
    :param shape: the named shape that reported it (``kbsh:Claim-stance-exactlyOne``).
    """

    focus: str
    path: str | None
    message: str
    severity: str
    constraint: str
    value: str | None
    source_file: str | None
    shape: str | None = None

    def line(self) -> str:
        """``[Violation] <focus> kb:endDate: message (value: …; source: sources/x.txt)``."""
        where = f"{self.focus} {self.path}" if self.path else self.focus
        details = []
        if self.value is not None:
            details.append(f"value: {self.value}")
        if self.source_file:
            details.append(f"source: {self.source_file}")
        tail = f" ({'; '.join(details)})" if details else ""
        return f"[{self.severity}] {where}: {self.message}{tail}"

    def sort_key(self) -> tuple[str, ...]:
        return (self.focus, self.path or "", self.constraint, self.shape or "", self.value or "", self.message)


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """All results of one validation, sorted by focus node, path and constraint."""

    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        """True when no result has severity ``Violation`` (warnings and infos are allowed)."""
        return not any(v.severity == "Violation" for v in self.violations)

    def lines(self) -> tuple[str, ...]:
        """One line per problem, in report order."""
        return tuple(v.line() for v in self.violations)

    def __str__(self) -> str:
        return "\n".join(self.lines()) if self.violations else "The data conforms to the shapes."

    def raise_for_violations(self) -> None:
        """Raise :class:`kb.errors.ValidationError` (with ``report=self``) unless the data conforms.

        :raises ValidationError: listing every problem on its own line.
        """
        if self.conforms:
            return
        count = sum(v.severity == "Violation" for v in self.violations)
        problem = f"the data does not conform to the shapes ({count} violation{'s' if count != 1 else ''}):\n"
        raise ValidationError(problem + str(self), report=self)


def load_shapes(shapes_dir: Path | None = None) -> Graph:
    """Parse every ``*.ttl`` in ``shapes_dir`` (default: the repository's ``shapes/``) into one graph.

    :raises SourceError: when the folder holds no shapes or a file is not valid Turtle.
    """
    folder = shapes_dir if shapes_dir is not None else SHAPES_DIR
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise SourceError("no shapes (*.ttl) found", path=folder, hint="point to the project's shapes/ folder")
    graph = Graph()
    for path in files:
        graph += parse_rdf(path)
    return graph


def load_ontology(path: Path | None = None) -> Graph:
    """Parse the ontology (default: ``ontology/kb.ttl``).

    :raises SourceError: when the file cannot be read or parsed.
    """
    return parse_rdf(path if path is not None else ONTOLOGY_PATH)


#: The validation engines: ``sparql`` (kb/shacl_sparql.py, the default) and ``pyshacl``.
ENGINES = ("sparql", "pyshacl")


def validate_graph(
    data: Graph, *, shapes: Graph | None = None, focus_nodes: Iterable[URIRef] | None = None,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: :func:`load_shapes`).

    :param focus_nodes: validate only these nodes. Caution: with ``engine="pyshacl"`` (pySHACL
        0.40) the value checks inside ``sh:or`` are skipped for focus nodes given this way (a
        date written as a plain string passes), so incremental checks use
        :func:`kb.add.validate_addition`, which validates a small subgraph instead and is
        tested to give the whole graph's verdict.
    :param engine: ``"sparql"`` (the shapes compiled to SPARQL and run on pyoxigraph, see
        :mod:`kb.shacl_sparql`; tested to give pySHACL's results) or ``"pyshacl"``.
    :raises SourceError: when the default shapes cannot be loaded.
    :raises UnsupportedShape: (engine ``sparql``) when a shape uses SHACL the engine cannot compile.
    """
    shapes_graph = shapes if shapes is not None else load_shapes()
    if engine == "sparql":
        return validate_triples(data, shapes=shapes_graph, focus_nodes=focus_nodes)
    if engine != "pyshacl":
        raise ValueError(f"unknown validation engine {engine!r} (use one of {', '.join(ENGINES)})")
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph,
        advanced=True,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        focus_nodes=list(focus_nodes) if focus_nodes is not None else None,
    )
    return _report_from(results, data)


def validate_triples(triples: Iterable[tuple[Node, Node, Node]], *, shapes: Graph | None = None,
                     focus_nodes: Iterable[URIRef] | None = None) -> ValidationReport:
    """Validate ``triples`` (rdflib terms; duplicates allowed) with the SPARQL engine, without
    building an rdflib Graph: they go straight into an in-memory pyoxigraph store.

    :raises UnsupportedShape: when a shape uses SHACL the engine cannot compile.
    """
    from kb.shacl_sparql import TermCodec

    codec = TermCodec()
    return _validate_store(codec.store_from_triples(triples), codec, shapes, focus_nodes)


def validate_compact(triples: Iterable[tuple], *, shapes: Graph | None = None) -> ValidationReport:
    """:func:`validate_triples` for compact triples (:func:`kb.export.compact_term`; the build's
    form): they go into the store with one rdflib term made per distinct term, not per triple.

    :raises UnsupportedShape: when a shape uses SHACL the engine cannot compile.
    """
    from kb.shacl_sparql import TermCodec

    codec = TermCodec()
    return _validate_store(codec.store_from_compact(triples), codec, shapes, None)


def _validate_store(store, codec, shapes: Graph | None, focus_nodes: Iterable[URIRef] | None) -> ValidationReport:
    """The report on the data in ``store`` (its terms made by ``codec``)."""
    compiled = compiled_shapes(shapes if shapes is not None else load_shapes())
    results = compiled.validate(store, codec, focus_nodes)
    names = _namespaces()
    view = _StoreView(store, codec)
    violations = (
        Violation(
            focus=_term(r.focus, names),
            path=_path(compiled.graph, r.path, names),
            message="; ".join(sorted(set(r.messages))) or "(no message)",
            severity=_local_name(r.severity),
            constraint=_term(r.component, names),
            value=_term(r.value, names) if r.value is not None else None,
            source_file=_source_file(view, r.focus),
            shape=_term(r.shape, names) if isinstance(r.shape, URIRef) else None,
        )
        for r in results
    )
    return ValidationReport(tuple(sorted(violations, key=Violation.sort_key)))


_COMPILED: dict[int, tuple[Graph, object, int]] = {}


def compiled_shapes(shapes: Graph):
    """The shapes compiled for :mod:`kb.shacl_sparql` (cached per shapes graph object)."""
    from kb.shacl_sparql import CompiledShapes

    cached = _COMPILED.get(id(shapes))
    if cached is None or cached[0] is not shapes or len(cached[0]) != cached[2]:
        cached = _COMPILED[id(shapes)] = (shapes, CompiledShapes(shapes), len(shapes))
    return cached[1]


class _StoreView:
    """The few rdflib ``Graph`` look-ups :func:`_source_file` makes, answered by the store."""

    def __init__(self, store, codec) -> None:
        self.store, self.codec = store, codec

    def _quads(self, s, p, o):
        if isinstance(s, Literal) or (p is not None and not isinstance(p, URIRef)):
            return ()  # rdflib matches nothing there; pyoxigraph refuses the pattern
        to = self.codec.to_store
        return self.store.quads_for_pattern(*(None if t is None else to(t) for t in (s, p, o)))

    def __contains__(self, triple) -> bool:
        return next(iter(self._quads(*triple)), None) is not None

    def subjects(self, p, o):
        return [self.codec.from_store(q.subject) for q in self._quads(None, p, o)]

    def objects(self, s, p):
        return [self.codec.from_store(q.object) for q in self._quads(s, p, None)]

    def value(self, s, p):
        found = sorted(self.objects(s, p))  # rdflib's Graph.value picks any one; this picks the first
        return found[0] if found else None


def validate_files(paths: Sequence[Path], *, shapes: Graph | None = None, engine: str = "sparql") -> ValidationReport:
    """Validate the union of RDF files (Turtle, TriG — all its graphs — or N-Triples).

    :raises SourceError: with path, line and column when a file is malformed or unreadable.
    """
    data = Graph()
    for path in paths:
        data += parse_rdf(Path(path))
    return validate_graph(data, shapes=shapes, engine=engine)


def parse_rdf(path: Path) -> Graph:
    """Parse one RDF file by its suffix; a TriG file gives the union of its graphs.

    :raises SourceError: unknown suffix, unreadable file, or a syntax error (with line and column).
    """
    syntax = FORMATS.get(path.suffix.lower())
    if syntax is None:
        known = ", ".join(sorted(FORMATS))
        raise SourceError(f"unknown RDF file type '{path.suffix}'", path=path, hint=f"use one of {known}")
    try:
        return _parse_union(path, syntax)
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror or error}", path=path) from error
    except (SyntaxError, ParserError, ValueError) as error:
        line, column, why = _syntax_position(error)
        raise SourceError(
            f"not valid {syntax}: {why}", path=path, line=line, column=column, hint="fix the syntax there"
        ) from error


def _parse_union(path: Path, syntax: str) -> Graph:
    if syntax != "trig":
        return Graph().parse(path, format=syntax)
    dataset = Dataset()
    dataset.parse(path, format="trig")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _syntax_position(error: Exception) -> tuple[int | None, int | None, str]:
    """Line, column and reason from an rdflib parse error.

    rdflib writes ``at line N of <…>: Bad syntax (reason) at ^ in: …``; the column is
    recomputed from the parser's text and offset when the error carries them.
    """
    text = str(error)
    line_match = re.search(r"\bline (\d+)", text)
    why_match = re.search(r"Bad syntax \((.*?)\) at \^", text, re.DOTALL)
    why = why_match.group(1) if why_match else (text.strip().splitlines() or ["syntax error"])[0]
    return (int(line_match.group(1)) if line_match else None), _column(error), why


def _column(error: Exception) -> int | None:
    source, offset = getattr(error, "_str", None), getattr(error, "_i", None)
    if not isinstance(source, bytes) or not isinstance(offset, int):
        return None
    text = source.decode("utf-8", "replace")
    return offset - text.rfind("\n", 0, offset)


# --- results graph → report ------------------------------------------------------------


def _namespaces() -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in {**PREFIXES, "sh": str(SH), "kbsh": KBSH}.items():
        manager.bind(prefix, iri, override=True, replace=True)
    return manager


def _report_from(results: Graph, data: Graph) -> ValidationReport:
    names = _namespaces()
    violations = (_violation(results, data, node, names) for node in results.subjects(RDF.type, SH.ValidationResult))
    return ValidationReport(tuple(sorted(violations, key=Violation.sort_key)))


def _violation(results: Graph, data: Graph, node: Node, names: NamespaceManager) -> Violation:
    focus = results.value(node, SH.focusNode)
    value = results.value(node, SH.value)
    shape = results.value(node, SH.sourceShape)
    messages = sorted(str(m) for m in results.objects(node, SH.resultMessage))
    return Violation(
        focus=_term(focus, names),
        path=_path(results, results.value(node, SH.resultPath), names),
        message="; ".join(messages) or "(no message)",
        severity=_local_name(results.value(node, SH.resultSeverity)),
        constraint=_term(results.value(node, SH.sourceConstraintComponent), names),
        value=_term(value, names) if value is not None else None,
        source_file=_source_file(data, focus),
        shape=_term(shape, names) if isinstance(shape, URIRef) else None,
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _term(term: Node | None, names: NamespaceManager) -> str:
    """The term as Turtle writes it; control characters shown as ``\\uXXXX`` so a report stays readable."""
    if term is None:
        return ""
    text = term.n3(names) if isinstance(term, (URIRef, Literal)) else term.n3()
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def _local_name(term: Node | None) -> str:
    return str(term).rsplit("#", 1)[-1] if term is not None else "Violation"


def _path(results: Graph, path: Node | None, names: NamespaceManager) -> str | None:
    """A result path in SPARQL property-path syntax (``kb:stance``, ``^kb:claim``)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return path.n3(names)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_path(results, inverse, names) or "")
    if results.value(path, RDF.first) is not None:
        items = results.items(path)
        return "/".join(_path(results, item, names) or "" for item in items)
    return path.n3()


# --- where a focus node came from ------------------------------------------------------


def _source_file(data: Graph, focus: Node | None) -> str | None:
    """The source file(s) behind a focus node: itself, its kb:source, or what links to it."""
    if focus is None:
        return None
    documents = sorted(set(_documents_of(data, focus)))
    if not documents:
        return None
    shown = [_document_name(data, d) for d in documents[:_MAX_SOURCES_SHOWN]]
    hidden = len(documents) - len(shown)
    return ", ".join(shown) + (f" and {hidden} more" if hidden else "")


def _documents_of(data: Graph, focus: Node) -> list[Node]:
    if (focus, RDF.type, KB.SourceDocument) in data:
        return [focus]
    direct = _direct_sources(data, focus)
    if direct:
        return direct
    linkers = list(data.subjects(KB.claim, focus)) + list(data.subjects(KB.denotes, focus))
    for link in _EVENT_LINKS:
        linkers.extend(data.subjects(link, focus))
    return [doc for node in linkers for doc in _direct_sources(data, node)]


def _direct_sources(data: Graph, node: Node) -> list[Node]:
    return list(data.objects(node, KB.source)) + list(data.objects(node, PROV.wasDerivedFrom))


def _document_name(data: Graph, document: Node) -> str:
    name = data.value(document, KB.fileName)
    if name is None:
        return f"<{document}>" if isinstance(document, URIRef) else document.n3()
    return str(name) if "/" in str(name) else f"sources/{name}"


__all__ = [
    "ENGINES", "FORMATS", "ONTOLOGY_PATH", "SHAPES_DIR", "ValidationReport", "Violation", "compiled_shapes",
    "load_ontology", "load_shapes", "parse_rdf", "validate_files", "validate_compact", "validate_graph", "validate_triples",
]
