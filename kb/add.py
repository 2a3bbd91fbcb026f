"""Adding to the knowledge base safely (``kb add``): a new declaration, or RDF made elsewhere.

An addition is read and checked, mapped, resolved against the existing knowledge base and
validated **together with the part of the knowledge base it touches**; only when nothing is
wrong are the source (``sources/NAME.txt`` + ``NAME.toml``, or ``sources/additions/NAME.ttl``),
``out/kb.ttl``, ``out/kb.trig`` and ``out/store`` replaced, all or nothing, under a lock
(:mod:`kb.lock`). Otherwise the report says, for each problem, where it is (file and line for
RDF; field or character span for a declaration), the rule broken and what to do, and nothing
changes.

How: an addition is one more source for the build's own incremental path
(:class:`kb.rebuild.CachedBuild`, in its *staged* mode). The knowledge base's sources are
checked against the last build's records (:class:`kb.build.IncrementalSources`: a source whose
file signature is unchanged is not read) and the addition is parsed (in another process,
meanwhile the build state is read), resolved and merged with only the sources it can reach (as
``kb build`` would once the addition is in ``sources/``); each graph is keyed, and
only those whose key is new are mapped: the addition's, and any other source's that the
addition changes (a meeting both name, an organisation resolved otherwise). The change is
applied to the last build's state (:mod:`kb.buildstate`) and validated there
(:mod:`kb.validate_changes`): the nodes the change can affect, with every triple the shapes read
around them, taken from the state's indexes (by subject, preferred name, links followed
backwards) — no index of the whole graph is built. Because the knowledge base conformed before,
only those nodes can break a rule, so this is the whole-graph verdict (``tests/test_add.py``
compares both on every bad RDF input). ``--full``, or a state that cannot tell (no previous
build, other shapes, a change the model does not cover), validates the whole union instead.

Writing: ``kb.ttl`` and ``kb.trig`` are spliced (the changed blocks around the unchanged
bytes), the store copied and updated by the difference, the new graph entries and the new build
state written — each beside its target, nothing in place — and moved in together with the
source by one journalled commit (:func:`kb.lock.commit`), so the outputs are exactly a clean
build's and the next ``kb build`` finds nothing to do. A rejection or ``--dry-run`` writes
nothing at all, not even a cache entry.

:func:`validate_addition` (a neighbourhood from an index of the whole graph, :class:`GraphIndex`)
is kept for callers holding the graphs in memory (``bench/add.py``'s validation step).

Example::

    report = add(Path("new-statement.txt"), sources_dir=Path("sources"), out_dir=Path("out"),
                 meta={"published": "2024-05-01"}, dry_run=True)
    print(report.accepted, [p.line_text() for p in report.problems])
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import time
import tomllib
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from kb.additions import (
    ADDITION_FORMATS,
    ADDITIONS,
    addition_iri,
    addition_paths,
    read_addition,
)
from kb.build import (
    CACHE, CityMemo, IncrementalSources, ResolvedSources, load_curated, parse_files, resolve_sources,
    parse_options,
)
from kb.cache import ParseCache, file_key
from kb.export import CompactConverter
from kb.datafiles import load
from kb.errors import SourceError
from kb.iris import SAFE_SEGMENT, slug
from kb.lock import JOURNAL_NAME, Move, commit, kb_lock, recover, staged_path
from kb.mappers import Triple
from kb.mint import Minter
from kb.namespaces import DEFAULT_BASE_IRI, KB, KBK, KBS, RDF, SKOS
from kb.records import Source
from kb.rebuild import CachedBuild
from kb.sources import MAX_TEXT_BYTES, read_meta, read_text, source_paths
from kb.validate import (  # the report's own spelling of nodes
    KBSH,
    ValidationReport,
    Violation,
    _namespaces,
    _term,
    load_ontology,
    load_shapes,
    validate_graph,
)

#: Namespaces an addition may use but never describe (the ontology, stances, kinds, shapes).
PROTECTED = (str(KB), str(KBS), str(KBK), KBSH, "https://w3id.org/declarations/ontology")

#: The metadata field that gives each property of a source document.
META_FIELDS = {"dcterms:issued": "published", "schema:url": "url", "dcterms:publisher": "publisher",
               "dcterms:language": "language", "kb:fileName": "name"}

_SAFE_PATH = re.compile(r"^[a-z]+(/[a-z0-9]+(-[a-z0-9]+)*)+(#char=\d+,\d+)?$")
_UNSAFE_IRI_CHARS = re.compile(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]")
_ORDINAL = r"(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason to reject an addition (``error``) or to look at it again (``warning``).

    :param file: the file the problem is in.
    :param constraint: the rule, in words.
    :param hint: what to do.
    :param line: line (and ``column``) in an RDF or text file, when known.
    :param field: metadata field (``published``, ``url``...) or ``name``.
    :param span: character offsets ``(start, end)`` in a declaration's text, and ``text`` the span itself.
    :param focus: the RDF node concerned, as Turtle writes it.
    """

    severity: str
    file: str
    constraint: str
    hint: str = ""
    line: int | None = None
    column: int | None = None
    field: str | None = None
    span: tuple[int, int] | None = None
    text: str | None = None
    focus: str | None = None

    def line_text(self) -> str:
        """``error: sources/x.txt: chars 10-20 ('31 February'): impossible date (check the text)``."""
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.field is not None:
            where.append(f"field '{self.field}'")
        if self.span is not None:
            where.append(f"chars {self.span[0]}-{self.span[1]}" + (f" ({_short(self.text)!r})" if self.text else ""))
        if self.focus:
            where.append(self.focus)
        tail = f" ({self.hint})" if self.hint else ""
        return f"{self.severity}: {': '.join(where)}: {self.constraint}{tail}"


@dataclass(frozen=True, slots=True)
class AdditionReport:
    """What ``kb add`` found and did. ``accepted`` when no problem is an error."""

    file: str
    kind: str  # "declaration" or "rdf"
    name: str
    problems: tuple[Problem, ...] = ()
    triples: int = 0  # triples the addition brings
    focus_nodes: int = 0  # nodes validated
    context_triples: int = 0  # triples of the graph they were validated in
    written: tuple[str, ...] = ()
    dry_run: bool = False
    timings: Mapping[str, float] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def to_json(self) -> dict:
        data = asdict(self)
        data["accepted"] = self.accepted
        data["timings"] = dict(self.timings)
        return data


@dataclass(slots=True)
class _Plan:
    """An addition checked and mapped: the report so far, the build that will write the outputs
    (:class:`kb.rebuild.CachedBuild`, staged), the source files to write."""

    report: AdditionReport
    run: object | None = None
    files: dict[Path, bytes] = field(default_factory=dict)
    city: object | None = None
    source: str | None = None  # the name of a declaration added


# --- the entry point -----------------------------------------------------------------------


def add(path: Path, *, sources_dir: Path, out_dir: Path, meta: Mapping[str, str] | None = None,
        name: str | None = None, dry_run: bool = False, with_store: bool = True, full_check: bool = False,
        base_iri: str = DEFAULT_BASE_IRI, wait: float = 0.0) -> AdditionReport:
    """Check ``path`` (a declaration ``.txt`` or RDF ``.ttl/.trig/.nt/.jsonld``) and, when nothing is
    wrong and not ``dry_run``, add it to ``sources_dir`` and rewrite ``out_dir``, all or nothing.

    :param meta: metadata fields (``url``, ``published``, ``publisher``, ``language``, ``note``)
        written to the declaration's ``NAME.toml``, over those of the ``.toml`` beside ``path``.
    :param name: the source's name (default: the file's stem); a safe IRI segment.
    :param full_check: validate the whole rebuilt graph instead of the addition's neighbourhood.
    :raises SourceError: an unsupported file type, or metadata given for an RDF file.
    :raises LockError: another process is changing the knowledge base.
    :raises KbError: the existing knowledge base itself cannot be read.
    """
    path, sources_dir, out_dir = Path(path), Path(sources_dir), Path(out_dir)
    suffix = path.suffix.lower()
    if suffix != ".txt" and suffix not in ADDITION_FORMATS:
        raise SourceError(f"unsupported file type '{path.suffix}'", path=path,
                          hint="add a declaration as .txt, or RDF as " + ", ".join(sorted(ADDITION_FORMATS)))
    if meta and suffix != ".txt":
        raise SourceError("metadata options apply to declarations (.txt) only", path=path,
                          hint="put the source's metadata in the RDF itself")
    minter = Minter(base_iri)
    with kb_lock(sources_dir, wait=wait):
        recover(sources_dir / JOURNAL_NAME, (sources_dir, sources_dir / ADDITIONS, out_dir,
                                             *(out_dir / CACHE / part for part in ("graphs", "build"))))
        started = time.perf_counter()
        if suffix == ".txt":
            plan = _prepare_declaration(path, name or path.stem, dict(meta or {}), sources_dir, out_dir, minter, full_check)
        else:
            plan = _prepare_rdf(path, name or path.stem, sources_dir, out_dir, minter, full_check)
        timings = {**plan.report.timings, "check": round(time.perf_counter() - started, 4)}
        written: tuple[str, ...] = ()
        if plan.report.accepted and not dry_run:
            started = time.perf_counter()
            written = _write(plan, sources_dir, out_dir, with_store=with_store)
            timings["write"] = round(time.perf_counter() - started, 4)
    return _with(plan.report, written=written, dry_run=dry_run, timings=timings)


def _with(report: AdditionReport, **changes) -> AdditionReport:
    from dataclasses import replace

    return replace(report, **changes)


# --- a declaration -------------------------------------------------------------------------


def _prepare_declaration(path: Path, name: str, meta: dict[str, str], sources_dir: Path, out_dir: Path,
                         minter: Minter, full_check: bool) -> _Plan:
    report = AdditionReport(file=str(path), kind="declaration", name=name)
    problems = list(check_name(name, path))
    target = sources_dir / f"{name}.txt"
    if target.exists():
        problems.append(Problem("error", str(path), f"a source named {name!r} is already in the knowledge base ({target})",
                                "choose another name with --name, or remove the old source first", field="name"))
    try:
        text = read_text(path)
    except SourceError as error:
        return _Plan(_with(report, problems=(*problems, _from_error(error))))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    problems += impossible_dates(text, path)
    meta_bytes, source_meta, meta_problems = _metadata(path, meta)
    problems += meta_problems
    if any(p.severity == "error" for p in problems):
        return _Plan(_with(report, problems=tuple(problems)))
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    source = Source(name=name, path=target, text=text, sha256=digest, meta=source_meta)
    raw = path.read_bytes()
    loaded = _Loaded(sources_dir, out_dir, minter.base, (source, raw, meta_bytes))
    timings["load"] = round(time.perf_counter() - clock, 4)
    problems += _duplicates(digest, loaded.same_text(digest), path)
    if any(p.severity == "error" for p in problems):
        loaded.close()
        return _Plan(_with(report, problems=tuple(problems), timings=timings))
    clock = time.perf_counter()
    run = CachedBuild(out_dir, minter, staged=True)
    run.preload()  # while the addition is parsed
    timings["state"] = round(time.perf_counter() - clock, 4)
    clock = time.perf_counter()
    resolved = loaded.resolve()
    timings["resolve"] = round(time.perf_counter() - clock, 4)
    iri = str(minter.source(name))
    run, validation, stats = _map_and_validate(resolved, sources_dir, out_dir, minter, iri, full_check, {}, timings,
                                               run=run)
    own = run.triples_of(iri)
    new_doc = _document(resolved.documents, name)
    problems += [_declaration_problem(v, own, source, path) for v in validation.violations]
    problems += _resolution_warnings(new_doc, path)
    files = {target: raw}
    if meta_bytes is not None:
        files[target.with_suffix(".toml")] = meta_bytes
    return _Plan(_with(report, problems=tuple(problems), triples=len(set(own)), **stats), run, files, loaded.city, name)


class _Kept(ParseCache):
    """The parse cache, read but never written: ``kb add`` changes nothing before its commit
    (documents parsed now are parsed again by the next build)."""

    def put(self, key: str, document) -> None:
        self.used.add(key)


class _Loaded:
    """The sources of the knowledge base against the last build's records
    (:class:`kb.build.IncrementalSources`: only new or changed sources are read), or, without
    usable records, every source parsed (from the build's parse cache when it holds them);
    ready to be resolved together with an addition."""

    def __init__(self, sources_dir: Path, out_dir: Path, base: str, extra: tuple | None = None) -> None:
        self.sources_dir = sources_dir
        self.base = base
        self.extra = extra  # (source, its text's bytes, its metadata file's bytes or None)
        self.cache = _Kept(out_dir / CACHE / "parse")
        self.city = CityMemo(out_dir / CACHE / "places.pickle")
        self.reader = IncrementalSources.open(sources_dir, out_dir / CACHE, cache=self.cache, city=self.city, base=base,
                                              allow_empty=True, extra=(extra,) if extra is not None else ())
        self.parsed = None
        if self.reader is None:
            self.registry = load_curated(sources_dir)
            paths = source_paths(sources_dir) if any(sources_dir.glob("*.txt")) else ()
            signatures: dict = {}
            documents, keys = parse_files(paths, self.registry, cache=self.cache, signatures=signatures)
            self.parsed = (documents, keys, signatures)
        else:
            self.registry = self.reader.registry
        self.options = parse_options(self.registry)

    def same_text(self, digest: str) -> list[Path]:
        """The sources whose text has this SHA-256 (the records or the parsed documents carry it)."""
        if self.reader is not None:
            return self.reader.same_text(digest)
        return [d.source.path for d in self.parsed[0] if d.source.sha256 == digest]

    def close(self) -> None:
        """Nothing more will be resolved (a refused addition): wait for the parse under way."""
        if self.reader is not None:
            self.reader.cancel()

    def resolve(self) -> ResolvedSources:
        """Resolve the sources (and the addition, as the build will read it once written), as
        :func:`kb.build.resolve_sources` does: only what the addition reaches when the records
        allow it, else everything."""
        extra = (self.extra[0],) if self.extra is not None else ()
        keys = (file_key(self.extra[0].path, self.extra[1], self.extra[2], self.options),) if self.extra else ()
        if self.reader is not None:
            found = self.reader.resolve()
            if found is not None:
                return found
            self.parsed = self.reader.parsed()
        return resolve_sources(self.sources_dir, extra, allow_empty=True, cache=self.cache, city=self.city,
                               trace=self.base, parsed=self.parsed, extra_keys=keys)


def _document(documents, name: str):
    """The resolved document of source ``name`` (read alone from a lazy sequence)."""
    if hasattr(documents, "get"):
        return documents.get(name)
    return next(r for r in documents if r.document.source.name == name)


def _metadata(path: Path, overrides: dict[str, str]) -> tuple[bytes | None, object, list[Problem]]:
    """The metadata file to write (bytes), as read (``SourceMeta``), and its problems: the
    ``.toml`` beside ``path`` is checked as it is, then again with ``overrides`` written over it."""
    beside = path.with_suffix(".toml")
    raw, meta = None, None
    if beside.exists():
        try:
            raw, meta = beside.read_bytes(), read_meta(beside)
        except SourceError as error:
            return None, None, [_from_error(error)]
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if not overrides:
        return raw, meta, []
    values = tomllib.loads(raw.decode("utf-8-sig")) if raw is not None else {}
    values.update(overrides)
    raw = "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in values.items()).encode("utf-8")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        check = Path(folder) / beside.name
        check.write_bytes(raw)
        try:
            return raw, read_meta(check), []
        except SourceError as error:
            error.path = Path("(kb add options)")
            return raw, None, [_from_error(error)]


def _duplicates(digest: str, same: Iterable[Path], path: Path) -> list[Problem]:
    """A source of the knowledge base with the same text (``same``: the sources with its SHA-256)."""
    same = sorted(same)
    if not same:
        return []
    return [Problem("error", str(path), f"the same text is already in the knowledge base as {same[0]} (sha256 {digest[:12]}…)",
                    "nothing to add; to change its metadata, edit " + str(same[0].with_suffix(".toml")))]


def _resolution_warnings(resolved, path: Path) -> list[Problem]:
    warnings = []
    for r in sorted(set(resolved.resolutions), key=lambda r: (r.mention, r.organisation.id)):
        if r.method == "new" and r.candidate is not None:
            warnings.append(Problem("warning", str(path), f"new organisation {r.mention!r} has a name close to {r.candidate.name!r} "
                                    f"({r.candidate.id}, score {r.score})", "if they are the same, add a same_as row to "
                                    "sources/registry/curation.toml; if not, a not_same_as row"))
        elif r.method == "fuzzy":
            warnings.append(Problem("warning", str(path), f"{r.mention!r} was taken to be {r.organisation.name!r} by a fuzzy match "
                                    f"(score {r.score})", "confirm with a same_as row, or refuse with not_same_as"))
    prefix = f"{resolved.document.source.path.name}: "
    warnings += [Problem("warning", str(path), note.removeprefix(prefix)) for note in resolved.document.notes]
    return warnings


def impossible_dates(text: str, path: Path) -> list[Problem]:
    """Dates in the text that no calendar has (``31 February 2019``, ``2019-13-01``), with their spans."""
    problems = []
    for match, year, month, day in _written_dates(text):
        if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
            problems.append(Problem("error", str(path), "the text gives a date that does not exist",
                                    "check the text against the original; if the original misprints it, correct the "
                                    "transcription and say so in the metadata's note", span=match.span(), text=match.group()))
    return problems


def _written_dates(text: str) -> Iterable[tuple[re.Match, int, int, int]]:
    months = _month_names()
    names = "|".join(sorted(months, key=len, reverse=True))
    day_first = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+({names})\.?,?\s+(\d{{4}})\b")
    month_first = re.compile(rf"\b({names})\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b")
    for m in day_first.finditer(text):
        yield m, int(m.group(3)), months[m.group(2)], int(m.group(1))
    for m in month_first.finditer(text):
        yield m, int(m.group(3)), months[m.group(1)], int(m.group(2))
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        yield m, int(m.group(1)), int(m.group(2)), int(m.group(3))


def _month_names() -> dict[str, int]:
    data = load("months")
    names = {}
    for full, row in data["months"].items():
        for word in (full, *row.get("abbreviations", ())):
            names[word.title()] = names[word.upper()] = row["number"]
    return names


def _declaration_problem(v: Violation, own: Sequence[Triple], source: Source, path: Path) -> Problem:
    constraint, hint = _split_message(v.message)
    node = _node_of(v.focus)
    span, fieldname = _span_of(node, own), None
    if (node, RDF.type, KB.SourceDocument) in set(own) and v.path:
        fieldname = META_FIELDS.get(v.path)
    return Problem("error", str(path), constraint, hint, field=fieldname, span=span,
                   text=source.text[span[0]:span[1]] if span else None, focus=_focus_text(v))


def _span_of(node: URIRef | None, own: Sequence[Triple]) -> tuple[int, int] | None:
    offsets: dict = defaultdict(dict)
    denoting = []
    for s, p, o in own:
        if p in (KB.startOffset, KB.endOffset):
            offsets[s][p] = int(o)
        elif p == KB.denotes and o == node:
            denoting.append(s)
    for candidate in (node, *sorted(denoting)):
        found = offsets.get(candidate, {})
        if KB.startOffset in found and KB.endOffset in found:
            return found[KB.startOffset], found[KB.endOffset]
    return None


# --- RDF made elsewhere --------------------------------------------------------------------


def _prepare_rdf(path: Path, name: str, sources_dir: Path, out_dir: Path, minter: Minter, full_check: bool) -> _Plan:
    report = AdditionReport(file=str(path), kind="rdf", name=name)
    problems = list(check_name(name, path))
    target = sources_dir / ADDITIONS / f"{name}{path.suffix.lower()}"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    for existing in addition_paths(sources_dir):
        if existing.stem == name or hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            same = "the same file" if existing.stem != name else f"an addition named {name!r}"
            problems.append(Problem("error", str(path), f"{same} is already in the knowledge base ({existing})",
                                    "choose another name with --name, or remove the old addition first", field="name"))
    try:
        text = read_text(path)
        graph = read_addition(path)
    except SourceError as error:
        return _Plan(_with(report, problems=(*problems, _from_error(error))))
    problems += check_rdf(graph, text, path, base=minter.base)
    if any(p.severity == "error" for p in problems):
        return _Plan(_with(report, problems=tuple(problems), triples=len(graph)))
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    loaded = _Loaded(sources_dir, out_dir, minter.base)
    timings["load"] = round(time.perf_counter() - clock, 4)
    clock = time.perf_counter()
    resolved = loaded.resolve()
    timings["resolve"] = round(time.perf_counter() - clock, 4)
    iri = str(addition_iri(name, minter))
    run, validation, stats = _map_and_validate(resolved, sources_dir, out_dir, minter, iri, full_check,
                                               {target: path}, timings)
    own = sorted(graph)
    convert = CompactConverter().triple
    compact = [convert(t) for t in own]
    known = run.known_before({s for s, _, _ in compact}, leave_out=iri)
    if all((p, o) in known[s] for s, p, o in compact):
        problems.append(Problem("error", str(path), "every triple of the file is already in the knowledge base",
                                "nothing to add"))
    known_subjects = {URIRef(s) for s, pairs in known.items() if pairs}
    problems += [_rdf_problem(v, graph, text, path) for v in validation.violations]
    problems += _organisation_warnings(graph, known_subjects, resolved.resolver, text, path)
    return _Plan(_with(report, problems=tuple(problems), triples=len(own), **stats), run, {target: path.read_bytes()},
                 loaded.city)


def check_rdf(graph: Graph, text: str, path: Path, *, base: str) -> list[Problem]:
    """Checks beyond the shapes: no blank nodes, no ontology term described, no unknown ``kb:``
    term, entity IRIs under ``base`` and safe, no knowledge-base entity outside ``base``."""
    problems, defined = [], set(load_ontology().subjects())
    flagged: set = set()
    for s, p, o in sorted(graph):
        for node in (s, o):
            if isinstance(node, BNode) and "bnode" not in flagged:
                flagged.add("bnode")
                problems.append(_at(graph, text, path, None, "blank nodes are not accepted (the outputs have none)",
                                    f"give each node an IRI under {base}"))
        if str(s).startswith(PROTECTED) and s not in flagged:
            flagged.add(s)
            problems.append(_at(graph, text, path, s, "redefines a term of the ontology (its namespace is fixed)",
                                "describe your own data only; propose ontology changes in ontology/kb.ttl"))
        for term in (p, o):
            if isinstance(term, URIRef) and str(term).startswith(str(KB)) and term not in defined and term not in flagged:
                flagged.add(term)
                problems.append(_at(graph, text, path, term, f"{_qname(graph, term)} is not a term of the ontology",
                                    "use the classes and properties listed in ontology/kb.ttl"))
        problems += _iri_problems(graph, text, path, s, o, p, base, flagged)
    return problems


def _iri_problems(graph: Graph, text: str, path: Path, s, o, p, base: str, flagged: set) -> list[Problem]:
    problems = []
    for node in (s, o):
        if not isinstance(node, URIRef) or node in flagged:
            continue
        iri = str(node)
        if iri.startswith(base) and not _SAFE_PATH.match(iri[len(base):]):
            flagged.add(node)
            safe = "/".join(slug(part) for part in iri[len(base):].split("/"))
            problems.append(_at(graph, text, path, node, "is not a safe knowledge-base IRI: after the base IRI only "
                                "lower-case ASCII letters, digits and hyphens are allowed, in segments such as organisation/NAME",
                                f"use <{base}{safe}>"))
        elif _UNSAFE_IRI_CHARS.search(iri) or "/../" in iri or "/./" in iri:
            flagged.add(node)
            problems.append(_at(graph, text, path, node, "IRI holds characters or steps no IRI should (spaces, <>, \"\", ../)",
                                "percent-encode them, or use an IRI under the base"))
    claims_kb = (p == RDF.type and str(o).startswith(str(KB))) or str(p).startswith(str(KB))
    if claims_kb and isinstance(s, URIRef) and not str(s).startswith(base) and not str(s).startswith(PROTECTED) and s not in flagged:
        flagged.add(s)
        problems.append(_at(graph, text, path, s, f"is described as a knowledge-base entity but its IRI is outside the base IRI {base}",
                            f"mint it under {base} (e.g. {base}organisation/NAME) and link the outside IRI with schema:sameAs"))
    return problems


def _organisation_warnings(graph: Graph, known_subjects: set, resolver, text: str, path: Path) -> list[Problem]:
    warnings = []
    for org in sorted(set(graph.subjects(RDF.type, KB.Organisation)) - known_subjects):
        label, country = graph.value(org, SKOS.prefLabel), graph.value(org, KB.countryCode)
        if label is None or not any(c.isalnum() for c in str(label)):
            continue
        try:
            found = resolver.resolve(str(label), str(country) if country else None)
        except ValueError:
            continue
        close = found.candidate if found.method == "new" else found.organisation
        if close is not None:
            warnings.append(_at(graph, text, path, org, f"new organisation {str(label)!r} has a name close to {close.name!r} "
                                f"(organisation/{close.id}, {found.method})",
                                "if they are the same, use the existing IRI; otherwise keep it and tell them apart by name or country",
                                severity="warning"))
    return warnings


def _rdf_problem(v: Violation, graph: Graph, text: str, path: Path) -> Problem:
    constraint, hint = _split_message(v.message)
    problem = _at(graph, text, path, _node_of(v.focus), constraint, hint)
    from dataclasses import replace

    problem = replace(problem, focus=f"{problem.focus or v.focus} {v.path}" if v.path else problem.focus or v.focus)
    if v.value and problem.line is not None:
        value_line = _line_of_value(text, v.value, after=problem.line)
        if value_line is not None:
            problem = _with_line(problem, value_line)
    return problem


def _at(graph: Graph, text: str, path: Path, node, constraint: str, hint: str, *, severity: str = "error") -> Problem:
    line, column = _locate(text, graph, node) if node is not None else (None, None)
    focus = _qname(graph, node) if node is not None else None
    return Problem(severity, str(path), constraint, hint, line=line, column=column, focus=focus)


def _locate(text: str, graph: Graph, node) -> tuple[int | None, int | None]:
    """The first line and column where ``node`` is written (full IRI, prefixed name or JSON string)."""
    spellings = [f"<{node}>", f'"{node}"']
    qname = _qname(graph, node)
    if not qname.startswith("<"):
        spellings.append(qname)
    spellings.append(str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1] or str(node))
    for spelling in spellings:
        offset = _find_term(text, spelling)
        if offset is not None:
            return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    return None, None


def _find_term(text: str, spelling: str) -> int | None:
    for match in re.finditer(re.escape(spelling), text):
        end = match.end()
        if spelling.endswith((">", '"')) or end == len(text) or not (text[end].isalnum() or text[end] in "-_"):
            return match.start()
    return None


def _line_of_value(text: str, value: str, *, after: int) -> int | None:
    lexical = value.split('"')[1] if value.startswith('"') and value.count('"') >= 2 else value
    lines = text.splitlines()
    for number in range(after - 1, len(lines)):
        if lexical and lexical in lines[number]:
            return number + 1
    return None


def _with_line(problem: Problem, line: int) -> Problem:
    from dataclasses import replace

    return replace(problem, line=line, column=None)


def _qname(graph: Graph, node) -> str:
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # an IRI rdflib cannot shorten
        return f"<{node}>"


# --- names ---------------------------------------------------------------------------------


def check_name(name: str, path: Path) -> list[Problem]:
    """A source's name becomes an IRI segment and a file name: it must be a safe slug."""
    if SAFE_SEGMENT.match(name) and len(name) <= 80:
        return []
    return [Problem("error", str(path), f"the name {name!r} would make an unsafe IRI or file name (only lower-case "
                    "ASCII letters, digits and single hyphens, at most 80 characters)",
                    f"rename the file or pass --name {slug(name)}", field="name")]


# --- incremental validation ----------------------------------------------------------------


class GraphIndex:
    """The knowledge base's triples by subject, by object (for the properties the shapes follow
    backwards) and by preferred name — what :func:`neighbourhood` looks up."""

    def __init__(self, triples: Iterable[Triple], *, inverse: Collection[URIRef] = (KB.claim,)) -> None:
        self.outgoing: dict = defaultdict(set)
        self.incoming: dict = defaultdict(set)
        self.by_label: dict = defaultdict(set)
        for triple in triples:
            s, p, o = triple
            self.outgoing[s].add(triple)
            if p in inverse:
                self.incoming[o].add(triple)
            elif p == SKOS.prefLabel:
                self.by_label[o].add(s)

    @classmethod
    def from_graphs(cls, graphs: Mapping[URIRef, Iterable[Triple]], shapes: Graph | None = None) -> GraphIndex:
        inverse, _ = shape_hops(shapes if shapes is not None else _shapes())
        return cls((t for triples in graphs.values() for t in triples), inverse=inverse)


def shape_hops(shapes: Graph) -> tuple[frozenset[URIRef], frozenset[URIRef]]:
    """The properties the shapes follow backwards (``sh:inversePath``), and those they follow one
    step beyond a focus node's values (``rdf:type`` for ``sh:class``, later steps of sequence paths)."""
    inverse = frozenset(o for o in shapes.objects(None, SH.inversePath) if isinstance(o, URIRef))
    further = {RDF.type} if any(shapes.triples((None, SH["class"], None))) else set()
    for path in shapes.objects(None, SH.path):
        if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
            further.update(step for step in list(shapes.items(path))[1:] if isinstance(step, URIRef))
    return inverse, frozenset(further)


def neighbourhood(index: GraphIndex, added: Iterable[Triple], *, shapes: Graph | None = None) -> tuple[Graph, frozenset[URIRef]]:
    """The focus nodes of an addition and the part of the knowledge base needed to validate them."""
    _, further = shape_hops(shapes if shapes is not None else _shapes())
    focus = set()
    for s, _, o in added:
        focus.add(s)
        if isinstance(o, URIRef):
            focus.add(o)
    for node in list(focus):
        for s, p, label in index.outgoing.get(node, ()):
            if p == SKOS.prefLabel:
                focus |= index.by_label.get(label, set())
    data = Graph()
    for node in focus:
        for triple in index.outgoing.get(node, ()):
            data.add(triple)
            if isinstance(triple[2], URIRef):
                for hop in index.outgoing.get(triple[2], ()):
                    if hop[1] in further:
                        data.add(hop)
        for triple in index.incoming.get(node, ()):
            data.add(triple)
    return data, frozenset(n for n in focus if isinstance(n, URIRef))


def validate_addition(graphs: Mapping[URIRef, Sequence[Triple]], added: Iterable[Triple], *,
                      shapes: Graph | None = None, index: GraphIndex | None = None) -> tuple[ValidationReport, int, int]:
    """Validate ``added`` (already among ``graphs``) with the part of the knowledge base it touches.

    The neighbourhood is validated whole and only the results on focus nodes are kept: the other
    nodes there are incomplete copies (a type, a date) whose results mean nothing. (pySHACL's own
    ``focus_nodes`` option is not used: it also filters the value nodes that ``sh:or`` checks, so
    a date typed as a plain string passes.)

    :returns: the report, the number of focus nodes, the number of triples validated.
    """
    shapes_graph = shapes if shapes is not None else _shapes()
    index = index if index is not None else GraphIndex.from_graphs(graphs, shapes_graph)
    data, focus = neighbourhood(index, added, shapes=shapes_graph)
    if not focus:
        return ValidationReport(()), 0, 0
    names = _namespaces()
    wanted = {_term(node, names) for node in focus}
    report = validate_graph(data, shapes=shapes_graph)
    return ValidationReport(tuple(v for v in report.violations if v.focus in wanted)), len(focus), len(data)


def _map_and_validate(resolved: ResolvedSources, sources_dir: Path, out_dir: Path, minter: Minter, iri: str,
                      full_check: bool, pending: Mapping[Path, Path], timings: dict[str, float], run=None):
    """Key and map the graphs as a build would (:class:`kb.rebuild.CachedBuild`, staged: nothing
    written yet), and validate: the change against the last build's state (what the addition
    touches, with the neighbourhood the state indexes), or the whole union (``full_check``, or
    when the state cannot tell: no previous build, other shapes, a change the model does not cover).

    :returns: the build, the report, and the report's statistics (focus nodes, context triples, timings).
    """
    from kb.rebuild import CachedBuild

    clock = time.perf_counter()
    run = run if run is not None else CachedBuild(out_dir, minter, staged=True)
    run.trace = resolved.trace
    run.how["sources"] = "changed" if resolved.trace is not None and resolved.trace.incremental else "all"
    run.map(resolved.documents, resolved.parse_keys, sources_dir, pending, known=resolved.map_keys)
    timings["map"] = round(time.perf_counter() - clock, 4)
    clock = time.perf_counter()
    report = run.validate(whole=full_check, recheck=False)
    timings["validate"] = round(time.perf_counter() - clock, 4)
    focus, size = run.checked if run.how.get("validate") == "changes" else (0, run.triples)
    return run, report, {"focus_nodes": focus, "context_triples": size, "timings": timings}


_SHAPES: list[Graph] = []


def _shapes() -> Graph:
    if not _SHAPES:
        _SHAPES.append(load_shapes())
    return _SHAPES[0]


# --- writing -------------------------------------------------------------------------------


def _write(plan: _Plan, sources_dir: Path, out_dir: Path, *, with_store: bool) -> tuple[str, ...]:
    """Write every new file beside its target — the source, then what the staged build writes
    (``kb.ttl`` and ``kb.trig`` spliced or in full, the store updated by the difference or loaded,
    the new graph entries, the build state) — then commit them all at once (:func:`kb.lock.commit`).
    The build cache moves in with the outputs, so the next ``kb build`` or ``kb add`` starts
    from them."""
    import pickle

    from kb.export import write_atomically

    moves = []
    for final, data in plan.files.items():
        final.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(staged_path(final), data)
        moves.append(Move(staged_path(final), final))
    run = plan.run
    if plan.source is not None and run.trace is not None:  # the next build knows the new source unchanged
        text = next(f for f in plan.files if f.suffix == ".txt")
        meta = text.with_suffix(".toml")
        run.trace.sign(plan.source, staged_path(text), staged_path(meta) if meta in plan.files else None)
    outputs = run.write(with_store=with_store)
    moves += run.moves
    city = plan.city
    if city is not None and city.changed:
        city.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(staged_path(city.path), pickle.dumps((city.fingerprint, city.found), protocol=pickle.HIGHEST_PROTOCOL))
        moves.append(Move(staged_path(city.path), city.path))
    commit(moves, sources_dir / JOURNAL_NAME)
    run.finish()
    return (*(str(f) for f in plan.files), *(str(p) for p in outputs))


# --- helpers -------------------------------------------------------------------------------


def _from_error(error: SourceError) -> Problem:
    return Problem("error", str(error.path) if error.path is not None else "", error.problem, error.hint,
                   line=error.line, column=error.column, field=error.field)


def _split_message(message: str) -> tuple[str, str]:
    head, sep, tail = message.partition("; ")
    return (head.rstrip(".") + ".", tail) if sep else (message, "")


def _node_of(focus: str) -> URIRef | None:
    return URIRef(focus[1:-1]) if focus.startswith("<") and focus.endswith(">") else None


def _focus_text(v: Violation) -> str:
    return f"{v.focus} {v.path}" if v.path else v.focus


def _short(text: str | None, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = [
    "AdditionReport", "GraphIndex", "MAX_TEXT_BYTES", "Problem", "add", "check_name", "check_rdf",
    "impossible_dates", "neighbourhood", "shape_hops", "validate_addition",
]
