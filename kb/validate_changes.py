"""Validate what a rebuild changed, not the whole knowledge base again.

The previous build's union of graphs conformed to the shapes, with no result at all. A SHACL
result about a focus node depends only on the triples the shapes read around it; if none of them
changed, neither did the result. :func:`change_model` reads the shapes once and says what they read:

* the focus node's own triples (targets by class or by subject, property paths, ``sh:lessThan``,
  SPARQL checks on the node itself);
* triples pointing at it, for the predicates of inverse paths and ``sh:targetObjectsOf``
  (``inverse``);
* one step beyond a value: its ``rdf:type`` for ``sh:class``, the second predicate of a sequence
  path (``second``);
* for the SPARQL check that no two organisations share a name and country, the nodes that share
  a ``skos:prefLabel`` with it (``same_label``).

Anything else (longer paths, a path that starts backwards and goes on, unknown SPARQL, SHACL the
model does not know, ``rdfs:subClassOf`` in the data) makes :func:`validate_changes` give up, and
the caller validates everything. The nodes to check are then (:func:`nodes_to_check`): every
subject and IRI object of a triple the union gained or lost; the nodes pointing at a node whose
``second`` triples changed (all of them are in changed graphs, or the check gives up); the nodes
sharing a name with a node whose name, country or type changed. Each is validated with every
shape on the part of the union the shapes read around it, and only results about those nodes count.
A result there means the build fails: the caller then validates everything, for the exact report.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

import kb
from kb.buildstate import BuildState, Delta, Loader, code_digest
from kb.namespaces import KB

_PREF_LABEL = str(SKOS.prefLabel)
_TYPE = str(RDF.type)

#: SPARQL (targets and constraints) whose reach is known, by :func:`sparql_digest`: ``own`` reads
#: only the focus node's own triples; ``same-label`` also reads the type, country and name of
#: the nodes sharing its ``skos:prefLabel``. Any other SPARQL makes incremental validation give up.
KNOWN_SPARQL = {
    # shapes/event.ttl: the target of kbsh:EventDateOrderShape, and kbsh:EndNotBeforeStart
    "d0a939143700fc153b43602689fafc3973e7e5cc82316daf39d55847ec758206": "own",
    "6a8a891836d455a69be9412deff347fe27062f2f179817948c91a2ef8378ffa8": "own",
    # shapes/organisation.ttl: the target of kbsh:OrganisationUniqueShape, and kbsh:UniqueNameAndCountry
    "70f6c59c09960de8f248a65006d7c4db6815864543db5db74b8ee0d9a730c5ef": "same-label",
    "f3aad1594dff0b3371fd8c28cbad51d17b3a6bfaecb82b7d45487b483aef3659": "same-label",
}
#: What a change to another node sharing a name can affect under ``same-label``.
_SAME_LABEL_READS = frozenset({_PREF_LABEL, _TYPE, str(KB.countryCode)})

#: Parameters of a shape the model understands (others: give up).
_KNOWN_PARAMETERS = {
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target, SH.path,
    SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH["in"],
    SH.lessThan, SH["or"], SH.sparql, SH.message, SH.severity, SH.name, SH.description, SH.order,
    SH.group, SH.deactivated, SH.declare, SH.prefixes, SH.defaultValue, SH.select,
}


def sparql_digest(select: str, prefixes: Mapping[str, str]) -> str:
    """A digest of a SPARQL query (white space folded) and the prefixes it is run with."""
    text = " ".join(select.split()) + "\n" + "\n".join(f"{k} {v}" for k, v in sorted(prefixes.items()))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class ChangeModel:
    """What the shapes read around a focus node (see the module docstring)."""

    problem: str | None  # why changes cannot be validated on their own; None when they can
    inverse: frozenset[str] = frozenset()
    second: frozenset[str] = frozenset()
    same_label: bool = False


def change_model(shapes: Graph) -> ChangeModel:
    """Read ``shapes`` and say what they read around a focus node."""
    reader = _Reader(shapes)
    try:
        tops = sorted({s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
                       for s in shapes.subjects(p, None)}, key=str)
        for node in tops:
            if shapes.value(node, SH.deactivated) == Literal(True):
                continue
            reader.shape(node)
    except _GiveUp as why:
        return ChangeModel(str(why))
    return ChangeModel(None, frozenset(reader.inverse), frozenset(reader.second), reader.same_label)


class _GiveUp(Exception):
    pass


class _Reader:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.inverse: set[str] = set()
        self.second: set[str] = set()
        self.same_label = False

    def _parameters(self, node) -> None:
        for p in set(self.g.predicates(node, None)):
            if str(p).startswith(str(SH)) and p not in _KNOWN_PARAMETERS:
                raise _GiveUp(f"{node}: {p} is not in the change model")

    def _prefixes(self, node) -> dict[str, str]:
        found = {}
        for holder in self.g.objects(node, SH.prefixes):
            for declaration in self.g.objects(holder, SH.declare):
                found[str(self.g.value(declaration, SH.prefix))] = str(self.g.value(declaration, SH.namespace))
        return found

    def _sparql(self, node) -> None:
        select = self.g.value(node, SH.select)
        if select is None:
            raise _GiveUp(f"{node}: SPARQL without sh:select")
        kind = KNOWN_SPARQL.get(sparql_digest(str(select), self._prefixes(node)))
        if kind is None:
            raise _GiveUp(f"{node}: SPARQL the change model does not know")
        if kind == "same-label":
            self.same_label = True

    def _steps(self, path) -> list[tuple[str, str]]:
        if isinstance(path, URIRef):
            return [("out", str(path))]
        inverse = self.g.value(path, SH.inversePath)
        if isinstance(inverse, URIRef):
            return [("in", str(inverse))]
        if self.g.value(path, RDF.first) is not None:
            steps = []
            for item in Collection(self.g, path):
                steps += self._steps(item)
            return steps
        raise _GiveUp(f"path {path!r} is not in the change model")

    def _chain(self, steps: list[tuple[str, str]]) -> None:
        if len(steps) > 2:
            raise _GiveUp(f"a path of {len(steps)} steps is not in the change model")
        if steps and steps[0][0] == "in":
            if len(steps) > 1:
                raise _GiveUp("a path going on after an inverse step is not in the change model")
            self.inverse.add(steps[0][1])
        if len(steps) == 2:
            if steps[1][0] != "out":
                raise _GiveUp("an inverse second step is not in the change model")
            self.second.add(steps[1][1])

    def _value_checks(self, node, base: list) -> None:
        """The chains a shape's value checks read, from the value nodes reached by ``base``."""
        self._chain(base)
        if self.g.value(node, SH["class"]) is not None:
            self._chain(base + [("out", _TYPE)])
        for member_list in self.g.objects(node, SH["or"]):
            for member in Collection(self.g, member_list):
                self._parameters(member)
                if self.g.value(member, SH.sparql) is not None or self.g.value(member, SH.lessThan) is not None:
                    raise _GiveUp(f"{member}: SPARQL or sh:lessThan inside sh:or is not in the change model")
                path = self.g.value(member, SH.path)
                self._value_checks(member, base + (self._steps(path) if path is not None else []))

    def shape(self, node) -> None:
        g = self.g
        self._parameters(node)
        for p in g.objects(node, SH.targetObjectsOf):
            self.inverse.add(str(p))
        for target in g.objects(node, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in g:
                raise _GiveUp(f"{node}: a custom target that is not a SPARQL target")
            self._parameters(target)
            self._sparql(target)
        path = g.value(node, SH.path)
        base = self._steps(path) if path is not None else []
        self._value_checks(node, base)
        for other in g.objects(node, SH.lessThan):
            self._chain(self._steps(other))
        for constraint in g.objects(node, SH.sparql):
            self._parameters(constraint)
            if g.value(constraint, SH.ask) is not None:
                raise _GiveUp(f"{constraint}: ASK constraints are not in the change model")
            self._sparql(constraint)


def shapes_digest(shapes_dir: Path | None = None) -> str:
    """A digest of everything a validation verdict depends on besides the data: the shapes and
    the engine's code (this module's too)."""
    from kb.validate import SHAPES_DIR

    folder = shapes_dir if shapes_dir is not None else SHAPES_DIR
    package = Path(kb.__file__).resolve().parent
    files = [*sorted(folder.glob("*.ttl")), package / "shacl_sparql.py", package / "validate.py", Path(__file__)]
    return code_digest(*files)


def nodes_to_check(delta: Delta, state: BuildState, model: ChangeModel,
                   changes: Mapping[str, tuple[str | None, frozenset, frozenset]]) -> set[str] | None:
    """The nodes whose results the change may have changed, or ``None`` when that cannot be
    told without looking at the whole union (a node whose ``second`` triples changed is pointed
    at from a graph that did not change)."""
    nodes: set[str] = set()
    second_changed: set[str] = set()
    for s in delta.changed_subjects():
        before, after = delta.before[s], delta.after[s]
        difference = before ^ after
        nodes.add(s)
        for p, o in difference:
            if isinstance(o, str):
                nodes.add(o)
            if p in model.second:
                second_changed.add(s)
        if model.same_label and any(p in _SAME_LABEL_READS for p, _ in difference):
            for p, o in before | after:
                if p == _PREF_LABEL:
                    nodes |= state.labels.get(o, set())
    if second_changed:
        pointing: dict[str, set] = defaultdict(set)
        from_changed: Counter = Counter()
        for _, old, new in changes.values():
            for s, _, o in old | new:
                if o in second_changed:
                    pointing[o].add(s)
            from_changed.update({o for _, _, o in new if o in second_changed})
        for node in second_changed:
            if state.objects.get(node, 0) - from_changed[node] > 0:
                return None
            nodes |= pointing[node]
    return nodes


def neighbourhood(nodes: set[str], state: BuildState, model: ChangeModel, load: Loader) -> set[tuple]:
    """The part of the union the shapes read around ``nodes`` (compact triples)."""
    found: set[tuple] = set()
    for x in nodes:
        pairs = state.union(x, load)
        found.update((x, p, o) for p, o in pairs)
        for s, p in state.incoming.get(x, ()):
            found.add((s, p, x))
        for p, o in pairs:
            if isinstance(o, str) and model.second:
                found.update((o, q, w) for q, w in state.union(o, load) if q in model.second)
            if p == _PREF_LABEL and model.same_label:
                for peer in state.labels.get(o, ()):
                    found.update((peer, q, w) for q, w in state.union(peer, load))
    return found


def validate_changes(delta: Delta, state: BuildState, model: ChangeModel,
                     changes: Mapping[str, tuple[str | None, frozenset, frozenset]], load: Loader, *,
                     shapes: Graph, sizes: dict | None = None):
    """``None`` when the change model does not cover the shapes or the data (validate everything);
    else the results about the nodes the change may affect: none means the whole union conforms
    (with no result at all, as before the change); any means it does not: every result of the
    union is then among these (each found with everything the shapes read around its node), but
    their ``source_file`` may say less than the whole union's (validate everything for that)."""
    from kb.validate import ValidationReport, _namespaces, _term, validate_compact

    if model.problem is not None or state.subclass_count:
        return None
    nodes = nodes_to_check(delta, state, model, changes)
    if nodes is None:
        return None
    if not nodes:
        return ValidationReport(())
    found = neighbourhood(nodes, state, model, load)
    if sizes is not None:  # what was validated: the nodes checked, the triples read around them
        sizes.update(nodes=len(nodes), triples=len(found))
    report = validate_compact(found, shapes=shapes)
    names = _namespaces()
    wanted = {_term(URIRef(node), names) for node in nodes}
    return ValidationReport(tuple(v for v in report.violations if v.focus in wanted))


__all__ = ["KNOWN_SPARQL", "ChangeModel", "change_model", "neighbourhood", "nodes_to_check", "shapes_digest",
           "sparql_digest", "validate_changes"]
