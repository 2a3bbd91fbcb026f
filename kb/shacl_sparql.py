"""A fast SHACL engine for the subset of SHACL that ``shapes/`` uses, run as SPARQL on pyoxigraph.

The shapes graph is compiled once (:class:`CompiledShapes`): every shape with a target becomes a
few SPARQL queries that return only the offending (focus, value) pairs; checks on the lexical
form of a value (``sh:datatype``, ``sh:pattern``, ``sh:in``) run in Python on the *distinct*
values of the path, with pySHACL's own rules (rdflib's ``ill_typed``, ``re.search``, term
equality), so the verdicts and :class:`~kb.validate.Violation` records are those pySHACL gives
(``tests/test_validate_fast.py`` compares both on every fixture and on real builds).

Supported: targets ``sh:targetClass`` (with ``rdfs:subClassOf*``), ``sh:targetSubjectsOf``,
``sh:targetObjectsOf``, ``sh:targetNode``, SHACL-AF ``sh:SPARQLTarget``; paths: IRIs, inverse,
sequence, alternative, zero/one-or-more; constraints ``sh:minCount``, ``sh:maxCount``,
``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:pattern`` (+ ``sh:flags``), ``sh:in``,
``sh:lessThan``, ``sh:or`` (of node shapes with value constraints, or of property shapes with
counts) and ``sh:sparql`` (SELECT). Anything else raises :class:`UnsupportedShape` when the
shapes are loaded — never a silent skip.

Why the store holds *shadow* literals: pyoxigraph's store canonicalises typed literals
(``"+5"^^xsd:nonNegativeInteger`` comes back as ``"5"^^xsd:integer``), which would hide
exactly what ``sh:datatype`` must see. Every literal with a datatype is therefore stored with
the datatype IRI prefixed by :data:`SHADOW` (lexical form untouched, so ``STR()`` in the
shapes' SPARQL still works), and decoded back when a result is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kb.export import Memo

SHADOW = "urn:x-kb-shadow:"
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)

#: Parameters this engine compiles; any other SHACL parameter on a shape raises UnsupportedShape.
_SUPPORTED = {
    SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH["in"],
    SH.lessThan, SH["or"], SH.sparql,
}
_IGNORED = {  # descriptive or structural, no check of their own
    SH.message, SH.severity, SH.path, SH.name, SH.description, SH.order, SH.group, SH.deactivated,
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target, SH.declare,
    SH.prefixes, SH.defaultValue,
}
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_TYPE_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"


class UnsupportedShape(ValueError):
    """A shape uses SHACL this engine does not compile (use ``engine="pyshacl"``)."""


# --- terms: rdflib <-> store -----------------------------------------------------------------


class TermCodec:
    """rdflib terms to the store's terms (typed literals shadowed) and back, memoised."""

    def __init__(self) -> None:
        self._to: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
        self._lang: dict[tuple[str, str], Literal] = {}  # store form -> rdflib literal with upper-case tag
        self._back: dict = {}  # stand-ins for terms pyoxigraph refuses -> the rdflib term
        self._compact = Memo(self._from_compact)  # compact term (kb.export.compact_term) -> the store's term

    def to_store(self, term: Node):
        found = self._to.get(term)
        if found is None:
            found = self._to[term] = self._convert(term)
        return found

    def _from_compact(self, term):
        """:meth:`to_store` of the rdflib term a compact term (:func:`kb.export.compact_term`) was made
        from, without making that rdflib term (a tenth of the build's validation time went there)."""
        if isinstance(term, str):
            return self._iri(term)
        return self._literal(*term)

    def _convert(self, term: Node):
        if isinstance(term, URIRef):
            return self._iri(str(term))
        if isinstance(term, Literal):
            return self._literal(str(term), str(term.datatype) if term.datatype is not None else "", term.language or "")
        if isinstance(term, BNode):
            text = str(term)
            if _BNODE_OK.match(text) and not text.endswith("."):
                return ox.BlankNode(text)
            stand_in = ox.BlankNode(f"x{len(self._back)}x")
            self._back[stand_in] = term
            return stand_in
        raise TypeError(f"not an RDF term: {term!r}")

    def _iri(self, text: str) -> ox.NamedNode:
        try:
            return ox.NamedNode(text)
        except ValueError:  # rdflib keeps IRIs pyoxigraph refuses (a space): stand in, keep the original
            stand_in = ox.NamedNode(f"{SHADOW}invalid-iri:{len(self._back)}")
            self._back[stand_in] = URIRef(text)
            return stand_in

    def _literal(self, text: str, datatype: str, language: str) -> ox.Literal:
        """The store's literal for a lexical form, datatype IRI and language tag (``""``: none)."""
        if language:
            lit = ox.Literal(text, language=language)
            if language != lit.language:
                self._lang[(text, lit.language)] = Literal(text, lang=language)
            return lit
        if datatype:
            return ox.Literal(text, datatype=ox.NamedNode(SHADOW + datatype))
        return ox.Literal(text)

    def from_store(self, term) -> Node:
        if self._back and term in self._back:
            return self._back[term]
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return self._lang.get((term.value, term.language)) or Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype.startswith(SHADOW):
                return Literal(term.value, datatype=URIRef(datatype[len(SHADOW):]), normalize=False)
            if datatype == _XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=URIRef(datatype))
        raise TypeError(f"not an RDF term: {term!r}")

    def store_from_triples(self, triples: Iterable[tuple[Node, Node, Node]]) -> ox.Store:
        """A new in-memory store holding ``triples`` (rdflib terms) in its default graph."""
        return _store_of(triples, self.to_store)

    def store_from_compact(self, triples: Iterable[tuple]) -> ox.Store:
        """A new in-memory store holding compact ``triples`` in its default graph: no rdflib term is
        made per triple, only one per distinct term."""
        return _store_of(triples, self._compact.__getitem__)


def _store_of(triples: Iterable[tuple], to) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(ox.Quad(to(s), to(p), to(o)) for s, p, o in triples)
    return store


_BNODE_OK = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def sparql_term(term) -> str:
    """A store term written in SPARQL (blank nodes are not allowed: they cannot be named)."""
    if isinstance(term, ox.BlankNode):
        raise ValueError("blank nodes cannot be written in a query")
    return str(term)


# --- pySHACL's value rules, on rdflib terms ------------------------------------------------


def datatype_ok(value: Node, rule: URIRef) -> bool:
    """pySHACL 0.40's DatatypeConstraintComponent on one value node."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == rule:
        if getattr(value, "ill_typed", None) is True:
            return False
        return _actual_datatype(value, rule)
    if rule == RDFS.Literal:
        return True
    if rule == RDFS.Datatype and value.datatype:
        return True
    if value.datatype is None and value.language is None and rule == XSD.string:
        return _actual_datatype(value, rule)
    if rule == RDF.langString and value.language:
        return _actual_datatype(value, rule)
    return False


def _actual_datatype(value: Literal, rule: URIRef) -> bool:
    wanted = _PYTHON_TYPES.get(rule)
    return True if wanted is None else isinstance(value.value, wanted)


#: The Python type rdflib gives a literal of each datatype whose values pySHACL checks that way.
_PYTHON_TYPES = {XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
                 XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime}


def pattern_ok(value: Node, matcher: re.Pattern) -> bool:
    """pySHACL's PatternConstraintComponent on one value node."""
    if isinstance(value, BNode):
        return False
    if isinstance(value, Literal) and value.value is not None and value.datatype in (None, RDF.langString, XSD.string):
        text = str(value.value)
    else:
        text = str(value)
    return bool(matcher.match(text) or matcher.search(text))


def less_than_ok(value: Node, other: Node) -> bool:
    """pySHACL's LessThanConstraintComponent on one (value, compared value) pair."""
    if isinstance(value, BNode) or isinstance(other, BNode):
        raise UnsupportedShape("sh:lessThan cannot compare a blank node")
    left, left_str = _comparable(value)
    right, right_str = _comparable(other)
    if left_str != right_str:
        return False
    try:
        return bool(left < right)
    except TypeError:
        return False


def _comparable(node: Node):
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


# --- compiled shapes ------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    """One validation result, in rdflib terms (kb.validate turns it into a Violation)."""

    focus: Node
    path: Node | None
    component: URIRef
    shape: Node
    severity: URIRef
    messages: tuple[str, ...]
    value: Node | None = None


@dataclass(slots=True)
class Shape:
    node: Node
    targets: list[str]  # SPARQL group patterns binding ?this
    path: Node | None  # the sh:path node (shapes graph), None for a node shape
    path_sparql: str | None
    severity: URIRef
    messages: tuple[str, ...]
    constraints: list[tuple] = field(default_factory=list)


class CompiledShapes:
    """The shapes graph, compiled to SPARQL. Build once, validate many stores.

    :raises UnsupportedShape: when a shape uses a feature this engine does not compile.
    """

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.shapes: list[Shape] = []
        tops = sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str)
        for node in tops:
            if _deactivated(shapes, node):
                continue
            self.shapes.append(self._compile(node))

    # compile -----------------------------------------------------------------------------

    def _compile(self, node: Node) -> Shape:
        g = self.graph
        path = g.value(node, SH.path)
        shape = Shape(
            node=node,
            targets=self._targets(node),
            path=path,
            path_sparql=self._path(path) if path is not None else None,
            severity=g.value(node, SH.severity) or SH.Violation,
            messages=tuple(str(m) for m in g.objects(node, SH.message)),
        )
        self._check_parameters(node)
        if not shape.messages and any((node, p, None) in g for p in _SUPPORTED - {SH.sparql, SH.flags}):
            raise UnsupportedShape(f"{node}: a constraint without sh:message (pySHACL's generic message is not reproduced)")
        for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p == SH.minCount:
                shape.constraints.append(("minCount", int(o)))
            elif p == SH.maxCount:
                shape.constraints.append(("maxCount", int(o)))
            elif p == SH.lessThan:
                if path is None:
                    raise UnsupportedShape(f"{node}: sh:lessThan on a node shape")
                shape.constraints.append(("lessThan", self._path(o), o))
            elif p == SH.sparql:
                shape.constraints.append(("sparql", *self._sparql_constraint(o)))
            elif p in _SUPPORTED:
                value_check = self._value_check(node, p, o)
                if value_check is not None:
                    shape.constraints.append(("value", value_check))
        return shape

    def _check_parameters(self, node: Node) -> None:
        for p in set(self.graph.predicates(node, None)):
            if p == RDF.type or not str(p).startswith(str(SH)):
                continue
            if p not in _SUPPORTED and p not in _IGNORED:
                raise UnsupportedShape(f"{node}: {p} is not supported by the SPARQL engine")

    def _value_check(self, node: Node, p: URIRef, o: Node):
        """A check of one value node: ('class', C) | ('nodeKind', expr) | ('py', kind, fn) | ('or', [alts])."""
        g = self.graph
        if p == SH["class"]:
            return ("class", o)
        if p == SH.nodeKind:
            if o not in _NODE_KINDS:
                raise UnsupportedShape(f"{node}: unknown sh:nodeKind {o}")
            return ("nodeKind", _NODE_KINDS[o], SH.NodeKindConstraintComponent)
        if p == SH.datatype:
            return ("py", SH.DatatypeConstraintComponent, lambda v, rule=o: datatype_ok(v, rule))
        if p == SH.pattern:
            flags = 0
            given = g.value(node, SH.flags)
            if given is not None:
                text = str(given).lower()
                flags |= (re.I if "i" in text else 0) | (re.M if "m" in text else 0)
            matcher = re.compile(str(o), flags)
            return ("py", SH.PatternConstraintComponent, lambda v, m=matcher: pattern_ok(v, m))
        if p == SH["in"]:
            allowed = frozenset(Collection(g, o))
            return ("py", SH.InConstraintComponent, lambda v, a=allowed: v in a)
        if p == SH["or"]:
            return ("or", [self._alternative(a) for a in Collection(g, o)])
        if p == SH.flags:
            return None
        raise UnsupportedShape(f"{node}: {p} is not supported by the SPARQL engine")

    def _alternative(self, node: Node) -> tuple:
        """An sh:or member: a node shape of value checks, or a property shape of counts."""
        g = self.graph
        self._check_parameters(node)
        path = g.value(node, SH.path)
        checks = []
        for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p in (SH.minCount, SH.maxCount):
                if path is None:
                    raise UnsupportedShape(f"{node}: {p} without sh:path")
                checks.append(("count", p, int(o)))
            elif p in _SUPPORTED and p not in (SH.flags,):
                if path is not None:
                    raise UnsupportedShape(f"{node}: value checks on a property shape inside sh:or")
                if p in (SH.sparql, SH.lessThan):
                    raise UnsupportedShape(f"{node}: {p} inside sh:or")
                checks.append(self._value_check(node, p, o))
        return (self._path(path) if path is not None else None, checks)

    def _targets(self, node: Node) -> list[str]:
        g, patterns = self.graph, []
        for c in g.objects(node, SH.targetClass):
            patterns.append(f"?this {_TYPE_OF} {_iri(c)} .")
        for p in g.objects(node, SH.targetSubjectsOf):
            patterns.append(f"?this {_iri(p)} [] .")
        for p in g.objects(node, SH.targetObjectsOf):
            patterns.append(f"[] {_iri(p)} ?this .")
        for n in g.objects(node, SH.targetNode):
            patterns.append(f"VALUES ?this {{ {_rdflib_sparql(n)} }}")
        for target in g.objects(node, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in g:
                raise UnsupportedShape(f"{node}: only sh:SPARQLTarget custom targets are supported")
            select = g.value(target, SH.select)
            if select is None:
                raise UnsupportedShape(f"{node}: SPARQL target without sh:select")
            prefixes = self._prefixes(target)
            patterns.append(("sparql-target", prefixes, str(select)))
        return patterns

    def _prefixes(self, node: Node) -> dict[str, str]:
        g, found = self.graph, {}
        for holder in g.objects(node, SH.prefixes):
            for declaration in g.objects(holder, SH.declare):
                found[str(g.value(declaration, SH.prefix))] = str(g.value(declaration, SH.namespace))
        return found

    def _sparql_constraint(self, node: Node) -> tuple:
        g = self.graph
        select = g.value(node, SH.select)
        if select is None or g.value(node, SH.ask) is not None:
            raise UnsupportedShape(f"{node}: only SELECT-based SPARQL constraints are supported")
        if _deactivated(g, node):
            return (node, None, {}, ())
        messages = tuple(str(m) for m in g.objects(node, SH.message))
        if not messages:
            raise UnsupportedShape(f"{node}: a SPARQL constraint without sh:message")
        return (node, str(select), self._prefixes(node), messages)

    def _path(self, path: Node) -> str:
        g = self.graph
        if isinstance(path, URIRef):
            return _iri(path)
        inverse = g.value(path, SH.inversePath)
        if inverse is not None:
            return f"^({self._path(inverse)})"
        alternative = g.value(path, SH.alternativePath)
        if alternative is not None:
            return "(" + "|".join(self._path(p) for p in Collection(g, alternative)) + ")"
        for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            inner = g.value(path, predicate)
            if inner is not None:
                return f"({self._path(inner)}){suffix}"
        if g.value(path, RDF.first) is not None:
            return "(" + "/".join(self._path(p) for p in Collection(g, path)) + ")"
        raise UnsupportedShape(f"unsupported sh:path {path!r}")

    # run ---------------------------------------------------------------------------------

    def validate(self, store: ox.Store, codec: TermCodec, focus_nodes: Iterable[Node] | None = None) -> list[Result]:
        run = _Run(store, codec, focus_nodes)
        results: list[Result] = []
        for shape in self.shapes:
            results.extend(run.shape(shape))
        return results


def _deactivated(g: Graph, node: Node) -> bool:
    value = g.value(node, SH.deactivated)
    return isinstance(value, Literal) and value.value is True


def _iri(term: Node) -> str:
    if not isinstance(term, URIRef):
        raise UnsupportedShape(f"expected an IRI, got {term!r}")
    return f"<{term}>"


def _rdflib_sparql(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    return sparql_term(TermCodec().to_store(term))


class _Run:
    """One validation of one store: runs each compiled shape's queries."""

    def __init__(self, store: ox.Store, codec: TermCodec, focus_nodes: Iterable[Node] | None) -> None:
        self.store, self.codec = store, codec
        self.values_cache: dict[str, list] = {}
        # value checks of several shapes read the same values: each is made an rdflib term once
        self.decoded = Memo(codec.from_store)
        self.focus = None
        if focus_nodes is not None:
            wanted = [codec.to_store(n) for n in focus_nodes]
            self.focus = " ".join(sparql_term(t) for t in wanted)

    def select(self, query: str, prefixes: dict | None = None, **kwargs) -> Iterator:
        return self.store.query(query, prefixes=prefixes or None, **kwargs)

    def target(self, shape: Shape) -> str:
        """A group pattern binding ?this to the focus nodes of ``shape``."""
        parts = []
        for pattern in shape.targets:
            if isinstance(pattern, tuple):
                _, prefixes, select = pattern
                self.prefixes = prefixes
                parts.append("{ " + select + " }")
            else:
                parts.append("{ " + pattern + " }")
        if not parts:
            return "FILTER(false)"
        union = " UNION ".join(parts)
        if self.focus is not None:
            union = f"VALUES ?this {{ {self.focus} }} {union}"
        return union

    def shape(self, shape: Shape) -> Iterator[Result]:
        self.prefixes = {}
        target = self.target(shape)
        for constraint in shape.constraints:
            kind = constraint[0]
            if kind == "minCount":
                yield from self._min_count(shape, target, constraint[1])
            elif kind == "maxCount":
                yield from self._max_count(shape, target, constraint[1])
            elif kind == "lessThan":
                yield from self._less_than(shape, target, constraint[1])
            elif kind == "sparql":
                yield from self._sparql(shape, target, *constraint[1:])
            elif kind == "value":
                yield from self._values(shape, target, constraint[1])

    def _result(self, shape: Shape, focus, component, value=None, messages=None) -> Result:
        decode = self.decoded.__getitem__
        return Result(
            focus=decode(focus), path=shape.path, component=component, shape=shape.node, severity=shape.severity,
            messages=shape.messages if messages is None else messages,
            value=decode(value) if value is not None else None,
        )

    def _foci(self, target: str) -> str:
        return f"SELECT DISTINCT ?this WHERE {{ {target} }}"

    def _min_count(self, shape: Shape, target: str, n: int) -> Iterator[Result]:
        if shape.path_sparql is None:
            raise UnsupportedShape(f"{shape.node}: sh:minCount on a node shape")
        query = (f"SELECT DISTINCT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {shape.path_sparql} ?v }} }}"
                 if n == 1 else
                 f"SELECT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} "
                 f"OPTIONAL {{ ?this {shape.path_sparql} ?v }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {n})")
        if n < 1:
            return
        for row in self.select(query, self.prefixes):
            yield self._result(shape, row["this"], SH.MinCountConstraintComponent)

    def _max_count(self, shape: Shape, target: str, n: int) -> Iterator[Result]:
        if shape.path_sparql is None:
            raise UnsupportedShape(f"{shape.node}: sh:maxCount on a node shape")
        query = (f"SELECT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} ?this {shape.path_sparql} ?v }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {n})")
        for row in self.select(query, self.prefixes):
            yield self._result(shape, row["this"], SH.MaxCountConstraintComponent)

    def _less_than(self, shape: Shape, target: str, other: str) -> Iterator[Result]:
        # Pairs that certainly pass (two digit-only integers of an integer datatype, in order) are
        # left out in SPARQL; every other pair is judged by pySHACL's rule in Python.
        integers = " ".join(f"<{SHADOW}{XSD[t]}>" for t in (
            "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
            "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
        safe = (f"COALESCE(DATATYPE(?v) IN ({integers.replace(' ', ', ')}) && DATATYPE(?o) IN ({integers.replace(' ', ', ')}) "
                f"&& REGEX(STR(?v), '^[0-9]{{1,15}}$') && REGEX(STR(?o), '^[0-9]{{1,15}}$') "
                f"&& xsd:integer(STR(?v)) < xsd:integer(STR(?o)), false)")
        query = (f"PREFIX xsd: <{XSD}> SELECT ?this ?v ?o WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {target} }} }} "
                 f"?this {shape.path_sparql} ?v . ?this {other} ?o . FILTER (!{safe}) }}")
        decode = self.decoded.__getitem__
        for row in self.select(query, self.prefixes):
            if not less_than_ok(decode(row["v"]), decode(row["o"])):
                yield self._result(shape, row["this"], SH.LessThanConstraintComponent, row["v"])

    # value checks ----------------------------------------------------------------------

    def _values(self, shape: Shape, target: str, check: tuple) -> Iterator[Result]:
        component = _component(check)
        if shape.path_sparql is None:  # node shape: the value node is the focus node itself
            domain = f"{{ SELECT DISTINCT (?this AS ?x) WHERE {{ {target} }} }}"
            for node in self._failing(check, domain):
                yield self._result(shape, node, component, node)
            return
        path = shape.path_sparql
        if check[0] == "class":
            query = (f"SELECT DISTINCT ?this ?v WHERE {{ {target} ?this {path} ?v "
                     f"FILTER NOT EXISTS {{ ?v {_TYPE_OF} {_iri(check[1])} }} }}")
        elif check[0] == "nodeKind":
            query = f"SELECT DISTINCT ?this ?v WHERE {{ {target} ?this {path} ?v FILTER (!{check[1].format(v='?v')}) }}"
        else:
            bad = self._failing(check, f"{{ SELECT DISTINCT ?x WHERE {{ [] {path} ?x }} }}")
            if not bad:
                return
            named = [b for b in bad if not isinstance(b, ox.BlankNode)]
            blank = len(named) < len(bad)
            filters = []
            if named:
                filters.append(f"{{ VALUES ?v {{ {' '.join(sparql_term(b) for b in named)} }} {target} ?this {path} ?v }}")
            if blank:
                filters.append(f"{{ {target} ?this {path} ?v FILTER isBlank(?v) }}")
            query = f"SELECT DISTINCT ?this ?v WHERE {{ {' UNION '.join(filters)} }}"
            bad_set = set(bad)
            for row in self.select(query, self.prefixes):
                if row["v"] in bad_set:
                    yield self._result(shape, row["this"], component, row["v"])
            return
        for row in self.select(query, self.prefixes):
            yield self._result(shape, row["this"], component, row["v"])

    def _failing(self, check: tuple, domain: str) -> list:
        """The nodes bound to ?x by ``domain`` that fail ``check``."""
        kind = check[0]
        if kind == "class":
            query = f"SELECT DISTINCT ?x WHERE {{ {domain} FILTER NOT EXISTS {{ ?x {_TYPE_OF} {_iri(check[1])} }} }}"
            return [row["x"] for row in self.select(query, self.prefixes)]
        if kind == "nodeKind":
            query = f"SELECT DISTINCT ?x WHERE {{ {domain} FILTER (!{check[1].format(v='?x')}) }}"
            return [row["x"] for row in self.select(query, self.prefixes)]
        if kind == "py":
            decode, ok = self.decoded.__getitem__, check[2]
            return [x for x in self._domain(domain) if not ok(decode(x))]
        if kind == "or":
            failing: set | None = None
            for path, checks in check[1]:
                bad = set(self._failing_alternative(path, checks, domain))
                failing = bad if failing is None else failing & bad
                if not failing:
                    return []
            return list(failing or ())
        raise UnsupportedShape(f"unknown check {kind}")

    def _failing_alternative(self, path: str | None, checks: list, domain: str) -> set:
        bad: set = set()
        for check in checks:
            if check[0] == "count":
                _, which, n = check
                having = f"COUNT(DISTINCT ?y) < {n}" if which == SH.minCount else f"COUNT(DISTINCT ?y) > {n}"
                query = (f"SELECT ?x WHERE {{ {domain} OPTIONAL {{ ?x {path} ?y }} }} GROUP BY ?x HAVING ({having})")
                bad |= {row["x"] for row in self.select(query, self.prefixes)}
            else:
                bad |= set(self._failing(check, domain))
        return bad

    def _domain(self, domain: str) -> list:
        found = self.values_cache.get(domain)
        if found is None:
            query = f"SELECT DISTINCT ?x WHERE {{ {domain} }}"
            found = self.values_cache[domain] = [row["x"] for row in self.select(query, self.prefixes)]
        return found

    # SPARQL-based constraints ----------------------------------------------------------

    def _sparql(self, shape: Shape, target: str, node, select: str | None, prefixes: dict, messages: tuple):
        if select is None:
            return
        foci = [row["this"] for row in self.select(self._foci(target), self.prefixes)]
        this = ox.Variable("this")
        decode = self.decoded.__getitem__
        for focus in foci:
            seen = []
            solutions = self.store.query(select, prefixes=prefixes or None, substitutions={this: focus})
            names = [v.value for v in solutions.variables]
            for row in solutions:
                bound = {n: row[n] for n in names if row[n] is not None}
                if "failure" in bound:
                    raise UnsupportedShape(f"{node}: ?failure results are not supported")
                t, p, v = bound.pop("this", None), bound.pop("path", None), bound.pop("value", None)
                if t is None and p is None and v is None:
                    continue
                key = (t, p, v, tuple(sorted(bound.items(), key=lambda kv: kv[0])))
                if key in seen:
                    continue
                seen.append(key)
                value = v if v is not None else (None if shape.path is not None else focus)
                fdict = {k: decode(val) for k, val in bound.items()}
                for name, term in (("this", t), ("path", p), ("value", value)):
                    if term is not None:
                        fdict[name] = decode(term)
                texts = tuple(_format(m, fdict) for m in messages) + tuple(_format(m, fdict) for m in shape.messages)
                result = self._result(shape, t if t is not None else focus, SH.SPARQLConstraintComponent, value, texts)
                if p is not None:
                    result.path = decode(p)
                yield result


def _format(message: str, bound: dict) -> str:
    for name, value in bound.items():
        message = re.sub("{{[?$]{}}}".format(name), str(value), message)
    return message


def _component(check: tuple) -> URIRef:
    kind = check[0]
    if kind == "class":
        return SH.ClassConstraintComponent
    if kind == "or":
        return SH.OrConstraintComponent
    return check[1] if kind == "py" else check[2]


__all__ = ["SHADOW", "CompiledShapes", "Result", "TermCodec", "UnsupportedShape", "datatype_ok", "less_than_ok",
           "pattern_ok"]
