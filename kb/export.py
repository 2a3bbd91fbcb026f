"""Deterministic, blank-node-free Turtle and TriG.

Triples are deduplicated and sorted in a total order (subject, then predicate with
``rdf:type`` first, then object; IRIs before literals; literals by lexical form,
datatype and language), then written by pyoxigraph with the prefixes of
:data:`kb.namespaces.PREFIXES`. The same set of triples, in any order, always gives the
same bytes. Files are replaced atomically: written to a temporary file in the same
folder, flushed to disk, then renamed over the target, so a reader never sees half a file.

>>> from rdflib import Literal, URIRef
>>> from kb.namespaces import KB
>>> turtle_bytes([(URIRef("https://w3id.org/declarations/id/event/x"), KB.quote, Literal("a"))]).splitlines()[-1]
b'<https://w3id.org/declarations/id/event/x> kb:quote "a" .'
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kb.mappers.context import Triple
from kb.namespaces import PREFIXES, RDF, XSD

_TermKey = tuple[int, str, str, str]


def term_key(term: URIRef | Literal) -> _TermKey:
    """A total order on IRIs and literals: IRIs first, then by text, datatype, language.

    :raises TypeError: for a blank node or anything else that is not an IRI or a literal.
    """
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    raise TypeError(f"only IRIs and literals can be exported, not {type(term).__name__} {term!r}")


def triple_key(triple: Triple) -> tuple[_TermKey, tuple[bool, _TermKey], _TermKey]:
    """Sort key of a triple: subject, predicate (``rdf:type`` first), object."""
    s, p, o = triple
    return term_key(s), (p != RDF.type, term_key(p)), term_key(o)


def sorted_triples(triples: Iterable[Triple]) -> list[Triple]:
    """The distinct triples, in the order :func:`triple_key` gives."""
    return sorted(distinct_triples(triples), key=triple_key)


def distinct_triples(triples: Iterable[Triple]) -> set[Triple]:
    """The set of ``triples``, with ``"x"^^xsd:string`` taken as the plain ``"x"`` it is in RDF 1.1."""
    return {(s, p, _plain(o)) for s, p, o in triples}


def _plain(term: URIRef | Literal) -> URIRef | Literal:
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def to_oxigraph(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    """The pyoxigraph term for an rdflib IRI or literal.

    :raises TypeError: for a blank node or any other term.
    :raises ValueError: if pyoxigraph finds the IRI invalid.
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"only IRIs and literals can be exported, not {type(term).__name__} {term!r}")


# --- compact terms: what the build's cache keeps of a triple ----------------------------------
#
# An IRI is its text (a ``str``); a literal is ``(lexical form, datatype IRI or "", language or "")``
# exactly as rdflib holds it (``"x"^^xsd:string`` keeps its datatype: validation tells the two apart,
# serialisation does not). Tuples of strings pickle and hash fast, which is what a rebuild needs.

CompactTerm = "str | tuple[str, str, str]"
CompactTriple = tuple


def compact_term(term: URIRef | Literal):
    """The compact form of an rdflib IRI or literal.

    :raises TypeError: for a blank node or anything else that is not an IRI or a literal.
    """
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        return (str(term), str(term.datatype) if term.datatype is not None else "", term.language or "")
    raise TypeError(f"only IRIs and literals can be exported, not {type(term).__name__} {term!r}")


class CompactConverter:
    """rdflib triples to compact triples, each distinct term converted once."""

    def __init__(self) -> None:
        self._memo: dict = {}

    def triple(self, triple: Triple) -> tuple:
        memo = self._memo
        out = []
        for term in triple:
            found = memo.get(term)
            if found is None:
                found = memo[term] = compact_term(term)
            out.append(found)
        return tuple(out)


def rdflib_term(term) -> URIRef | Literal:
    """The rdflib term of a compact term (the inverse of :func:`compact_term`)."""
    if isinstance(term, str):
        return URIRef(term)
    text, datatype, language = term
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=URIRef(datatype)) if datatype else Literal(text)


class RdflibConverter:
    """Compact triples to rdflib triples, each distinct term converted once."""

    def __init__(self) -> None:
        self._memo: dict = {}

    def triple(self, triple: tuple) -> Triple:
        memo = self._memo
        out = []
        for term in triple:
            found = memo.get(term)
            if found is None:
                found = memo[term] = rdflib_term(term)
            out.append(found)
        return tuple(out)


_XSD_STRING_IRI = str(XSD.string)


def plain_compact(term):
    """A compact literal typed ``xsd:string`` as the plain literal it is in RDF 1.1 (cf. ``_plain``)."""
    if isinstance(term, tuple) and term[1] == _XSD_STRING_IRI and not term[2]:
        return (term[0], "", "")
    return term


def ox_term(term) -> ox.NamedNode | ox.Literal:
    """The pyoxigraph term the writers give for a compact term (``xsd:string`` made plain).

    :raises ValueError: if pyoxigraph finds the IRI, datatype or language tag invalid.
    """
    if isinstance(term, str):
        return ox.NamedNode(term)
    text, datatype, language = term
    if language:
        return ox.Literal(text, language=language)
    if datatype and datatype != _XSD_STRING_IRI:
        return ox.Literal(text, datatype=ox.NamedNode(datatype))
    return ox.Literal(text)


# --- writing: Turtle and TriG -------------------------------------------------------------

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _ox_key(term: ox.NamedNode | ox.Literal) -> _TermKey:
    """:func:`term_key` of the rdflib term ``term`` was converted from."""
    if isinstance(term, ox.NamedNode):
        return (0, term.value, "", "")
    datatype = term.datatype.value
    if term.language or datatype in (_XSD_STRING_IRI, _LANG_STRING):
        datatype = ""
    return (1, term.value, datatype, term.language or "")


class Memo(dict):
    """A dictionary that computes a missing value with ``compute(key)`` and keeps it: a lookup
    that hits costs no Python call, which matters when every term of millions of triples is
    looked up."""

    def __init__(self, compute: Callable) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        value = self[key] = self.compute(key)
        return value


def _iri(term) -> ox.NamedNode:
    """The pyoxigraph IRI of a compact term that must be an IRI (a subject, predicate or graph name).

    :raises TypeError: for a literal or anything else.
    """
    if not isinstance(term, str):
        raise TypeError(f"subjects, predicates and graph names must be IRIs, not {term!r}")
    return ox.NamedNode(term)


#: A packed triple (:class:`Serialiser`) is three numbers of 32 bits (up to 4 billion terms):
#: ``subject << 64 | predicate << 32 | object``, so that packed triples sort as the triples do.
_P_SHIFT, _S_SHIFT = 32, 64
_MASK = (1 << 32) - 1


class Serialiser:
    """Deterministic Turtle and TriG of compact triples (:func:`compact_term`).

    Each distinct term is converted to pyoxigraph once (:func:`ox_term`) and numbered, and while
    triples are deduplicated and sorted each is one integer packing its terms' numbers (then their
    ranks in the :func:`term_key` order): a set or list of integers takes about a quarter of the
    memory of one of tuples of terms, and sorts without a key function. The terms are ranked once
    for all the outputs of one serialiser (the build writes ``kb.ttl`` and ``kb.trig``, the same
    triples, with one). The sorted triples are streamed to pyoxigraph's writer, never held as a
    list of its triple objects.
    """

    def __init__(self, *, prefixes: Mapping[str, str] = PREFIXES) -> None:
        self._prefixes = dict(prefixes)
        self._numbers: dict = {}  # pyoxigraph term -> its number (two compact terms may give one term)
        self._terms: list = []  # number -> pyoxigraph term
        self._iris = Memo(lambda term: self._number(_iri(term)))  # compact subject or predicate -> number
        self._objects = Memo(lambda term: self._number(ox_term(term)))  # compact object -> number
        self._rank: list[int] = []  # number -> place in the term_key order
        self._by_rank: list = []  # place -> pyoxigraph term

    def turtle(self, triples: Iterable[CompactTriple]) -> bytes:
        """The Turtle of the distinct ``triples``, sorted.

        :raises TypeError: for a subject or predicate that is not an IRI.
        :raises ValueError: if pyoxigraph finds an IRI, datatype or language tag invalid.
        """
        return ox.serialize(self._triples(triples), format=ox.RdfFormat.TURTLE, prefixes=self._prefixes)

    def turtle_to(self, output: BinaryIO, triples: Iterable[CompactTriple]) -> None:
        """:meth:`turtle` written to the binary file ``output`` as it is made: the bytes are never
        held whole (pyoxigraph's growing buffer, then the copy returned: at 10,000 declarations,
        writing the 107 MB ``kb.ttl`` and 149 MB ``kb.trig`` that way put the build's peak 170 MB higher).

        :raises TypeError: for a subject or predicate that is not an IRI.
        :raises ValueError: if pyoxigraph finds an IRI, datatype or language tag invalid.
        """
        ox.serialize(self._triples(triples), output, format=ox.RdfFormat.TURTLE, prefixes=self._prefixes)

    def _triples(self, triples: Iterable[CompactTriple]) -> Iterator[ox.Triple]:
        ordered = self._sorted(self._distinct(triples))  # sorted first: a bad term raises before a byte is written
        return (ox.Triple(*self._terms_of(t)) for t in ordered)

    def trig(self, graphs: Mapping[str, Iterable[CompactTriple]]) -> bytes:
        """The TriG of named graphs (graph IRI -> its compact triples), sorted by graph.

        :raises TypeError: for a graph name, subject or predicate that is not an IRI.
        :raises ValueError: if pyoxigraph finds an IRI, datatype or language tag invalid.
        """
        return ox.serialize(self._quads(graphs), format=ox.RdfFormat.TRIG, prefixes=self._prefixes)

    def trig_to(self, output: BinaryIO, graphs: Mapping[str, Iterable[CompactTriple]]) -> None:
        """:meth:`trig` written to the binary file ``output`` as it is made (as :meth:`turtle_to`).

        :raises TypeError: for a graph name, subject or predicate that is not an IRI.
        :raises ValueError: if pyoxigraph finds an IRI, datatype or language tag invalid.
        """
        ox.serialize(self._quads(graphs), output, format=ox.RdfFormat.TRIG, prefixes=self._prefixes)

    def _quads(self, graphs: Mapping[str, Iterable[CompactTriple]]) -> Iterator[ox.Quad]:
        numbered = {_iri(name): self._distinct(graphs[name]) for name in sorted(graphs)}

        def quads():
            for graph in list(numbered):
                for triple in self._sorted(numbered.pop(graph)):  # each graph's set freed once written
                    yield ox.Quad(*self._terms_of(triple), graph)
        return quads()

    def _number(self, term: ox.NamedNode | ox.Literal) -> int:
        found = self._numbers.get(term)
        if found is None:
            found = self._numbers[term] = len(self._terms)
            self._terms.append(term)
        return found

    def _distinct(self, triples: Iterable[CompactTriple]) -> set[int]:
        """The distinct triples, packed (``"x"^^xsd:string`` and ``"x"`` are one term)."""
        iris, objects = self._iris, self._objects
        return {iris[s] << _S_SHIFT | iris[p] << _P_SHIFT | objects[o] for s, p, o in triples}

    def _sorted(self, distinct: Iterable[int]) -> list[int]:
        """Packed triples repacked as ranks, in the order of :func:`triple_key`: the subject's rank,
        then 0 for ``rdf:type`` or 1 + the predicate's rank, then the object's rank."""
        rank = self._ranks()
        kind = self._numbers.get(_RDF_TYPE)
        ranked = []
        for triple in distinct:
            p = triple >> _P_SHIFT & _MASK
            predicate = 0 if p == kind else rank[p] + 1
            ranked.append(rank[triple >> _S_SHIFT] << _S_SHIFT | predicate << _P_SHIFT | rank[triple & _MASK])
        ranked.sort()
        return ranked

    def _terms_of(self, ranked: int) -> tuple:
        by_rank = self._by_rank
        p = ranked >> _P_SHIFT & _MASK
        return by_rank[ranked >> _S_SHIFT], _RDF_TYPE if p == 0 else by_rank[p - 1], by_rank[ranked & _MASK]

    def _ranks(self) -> list[int]:
        """Every term numbered so far, ranked; ranked again only when new terms came."""
        if len(self._rank) != len(self._terms):
            terms = self._terms
            self._by_rank = sorted(terms, key=_ox_key)
            self._rank = [0] * len(terms)
            for place, term in enumerate(self._by_rank):
                self._rank[self._numbers[term]] = place
        return self._rank


def turtle_bytes(triples: Iterable[Triple], *, prefixes: Mapping[str, str] = PREFIXES) -> bytes:
    """The Turtle serialisation of the distinct ``triples`` (rdflib terms), sorted.

    :raises TypeError: for a blank node, or a subject or predicate that is not an IRI.
    """
    convert = CompactConverter().triple
    return Serialiser(prefixes=prefixes).turtle(convert(t) for t in triples)


def trig_bytes(graphs: Mapping[URIRef, Iterable[Triple]], *, prefixes: Mapping[str, str] = PREFIXES) -> bytes:
    """The TriG serialisation of named graphs (graph IRI -> its rdflib triples), sorted by graph.

    :raises TypeError: for a graph name that is not an IRI, a blank node, or a subject or
        predicate that is not an IRI.
    """
    convert = CompactConverter().triple
    compact = {}
    for graph, triples in graphs.items():
        if not isinstance(graph, URIRef):
            raise TypeError(f"graph names must be IRIs, not {graph!r}")
        compact[str(graph)] = [convert(t) for t in triples]
    return Serialiser(prefixes=prefixes).trig(compact)


_BLOCK_START_TRIG = rb"^(?=[^\t}\n])(?!@prefix )"
_BLOCK_START_TURTLE = rb"^(?=[^\t\n])(?!@prefix )"


def block_offsets(data: bytes, count: int, *, trig: bool) -> list[int] | None:
    """Offsets of the ``count`` blocks of ``data`` (Turtle: one per subject; TriG: one per
    graph), plus the end of the data; ``None`` if the data does not have that many blocks.

    pyoxigraph writes the prefixes, then one block per subject (Turtle) or per graph (TriG),
    each opening at the start of a line; the lines inside a block start with a tab (and a
    TriG block ends with a ``}`` line); a literal never holds a raw line break (it is escaped).
    The count is checked, so a writer that lays its output out otherwise is noticed.
    """
    if not data:
        return [0] if count == 0 else None
    pattern = re.compile(_BLOCK_START_TRIG if trig else _BLOCK_START_TURTLE, re.MULTILINE)
    starts = [m.start() for m in pattern.finditer(data)]
    if len(starts) != count:
        return None
    return starts + [len(data)]


def block_offsets_of(path: Path, count: int, *, trig: bool, chunk: int = 8 << 20) -> list[int] | None:
    """:func:`block_offsets` of the file at ``path``, read ``chunk`` bytes at a time (whole lines)."""
    pattern = re.compile(_BLOCK_START_TRIG if trig else _BLOCK_START_TURTLE, re.MULTILINE)
    starts: list[int] = []
    size = 0
    with open(path, "rb") as handle:
        rest = b""
        while True:
            more = handle.read(chunk)
            data = rest + more
            end = data.rfind(b"\n") + 1 if more else len(data)  # up to the last whole line, then the rest
            starts += [size + m.start() for m in pattern.finditer(data, 0, end)]
            size += end
            rest = data[end:]
            if not more:
                break
    if size == 0:
        return [0] if count == 0 else None
    if len(starts) != count:
        return None
    return starts + [size]


def header_bytes(*, prefixes: Mapping[str, str] = PREFIXES) -> bytes:
    """The prefix lines pyoxigraph writes before the first triple (the same for Turtle and TriG)."""
    probe = ox.Triple(ox.NamedNode("urn:x-kb:probe"), ox.NamedNode("urn:x-kb:probe"), ox.Literal("probe"))
    data = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=dict(prefixes))
    return data[: data.index(b"<urn:x-kb:probe>")]


def turtle_blocks(triples: Iterable[Triple], subjects: int, *, prefixes: Mapping[str, str] = PREFIXES) -> list[bytes]:
    """The Turtle of ``triples`` cut into its subject blocks (header left out), in subject order.

    :raises ValueError: if the output does not split into ``subjects`` blocks.
    """
    data = turtle_bytes(triples, prefixes=prefixes)
    offsets = block_offsets(data, subjects, trig=False)
    if offsets is None:
        raise ValueError("the Turtle output does not split into one block per subject")
    return [data[a:b] for a, b in zip(offsets, offsets[1:])]


def trig_blocks(graphs: Mapping[URIRef, Iterable[Triple]], *, prefixes: Mapping[str, str] = PREFIXES) -> list[bytes]:
    """The TriG of ``graphs`` cut into one block per non-empty graph (header left out), sorted by graph.

    :raises ValueError: if the output does not split into one block per graph.
    """
    data = trig_bytes(graphs, prefixes=prefixes)
    count = sum(1 for g in graphs if graphs[g])
    offsets = block_offsets(data, count, trig=True)
    if offsets is None:
        raise ValueError("the TriG output does not split into one block per graph")
    return [data[a:b] for a, b in zip(offsets, offsets[1:])]


def write_turtle(triples: Iterable[Triple], path: Path, *, prefixes: Mapping[str, str] = PREFIXES) -> int:
    """Write the distinct ``triples`` as sorted Turtle to ``path``, atomically.

    :return: the number of triples written.
    :raises OSError: if the file cannot be written (``path`` is then unchanged).
    """
    distinct = distinct_triples(triples)
    write_atomically(path, turtle_bytes(distinct, prefixes=prefixes))
    return len(distinct)


def write_trig(
    graphs: Mapping[URIRef, Iterable[Triple]], path: Path, *, prefixes: Mapping[str, str] = PREFIXES
) -> int:
    """Write one named graph per key of ``graphs`` as sorted TriG to ``path``, atomically.

    :return: the number of quads written.
    :raises OSError: if the file cannot be written (``path`` is then unchanged).
    """
    distinct = {graph: distinct_triples(triples) for graph, triples in graphs.items()}
    write_atomically(path, trig_bytes(distinct, prefixes=prefixes))
    return sum(len(triples) for triples in distinct.values())


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one step: temporary file, fsync, rename.

    :raises OSError: if writing fails; the temporary file is removed and ``path`` is untouched.
    """
    write_atomically_with(path, lambda handle: handle.write(data))


def write_atomically_with(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """:func:`write_atomically` of what ``write`` writes to the binary file it is given (so that
    a large output need not be held whole in memory first).

    :raises OSError: if writing fails; the temporary file is removed and ``path`` is untouched
        (as for any exception ``write`` raises, which is raised again).
    """
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            os.chmod(handle.name, mode)
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def write_spliced(path: Path, source: Path, parts: Iterable) -> None:
    """Write at ``path``, atomically as :func:`write_atomically` does, the bytes ``parts`` give:
    each a ``(start, end)`` range of the file ``source`` (copied file to file by the kernel, not
    through Python) or new bytes. ``path`` may be ``source`` itself: it is replaced, not changed.

    :raises OSError: if reading or writing fails; ``path`` is then untouched.
    """
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle, open(source, "rb") as old:
            os.chmod(handle.name, mode)
            out, src = handle.fileno(), old.fileno()
            for part in parts:
                if isinstance(part, tuple):
                    _copy_range(src, out, *part)
                else:
                    view = memoryview(part)
                    while view:
                        view = view[os.write(out, view):]
            os.fsync(out)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def _copy_range(src: int, out: int, start: int, end: int) -> None:
    """Append bytes ``start:end`` of ``src`` to ``out`` (file descriptors)."""
    offset = start
    while offset < end:
        try:
            copied = os.copy_file_range(src, out, end - offset, offset)
        except (AttributeError, OSError):  # no copy_file_range here, or not between these files
            copied = 0
        if copied <= 0:
            data = os.pread(src, min(end - offset, 1 << 24), offset)
            if not data:
                raise OSError(f"{end - offset} bytes missing from the file being spliced")
            view = memoryview(data)
            while view:
                view = view[os.write(out, view):]
            copied = len(data)
        offset += copied


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk, where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not every platform lets a folder be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = [
    "CompactConverter", "Memo", "RdflibConverter", "Serialiser", "block_offsets", "block_offsets_of", "compact_term", "header_bytes", "ox_term",
    "plain_compact", "rdflib_term", "trig_blocks", "turtle_blocks",
    "distinct_triples", "sorted_triples", "term_key", "to_oxigraph", "trig_bytes", "triple_key", "turtle_bytes",
    "write_atomically", "write_atomically_with", "write_trig", "write_turtle",
]
