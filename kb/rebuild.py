"""The build into an output folder, redoing only what changed since the last one.

:func:`kb.build.build` reads, parses, resolves and merges only the sources a change can reach
(:class:`kb.build.IncrementalSources`, from the records of the last build: every other source's
resolved document, graph key and summary are kept, and read back only when needed), then hands
the resolved documents to a :class:`CachedBuild`, which

* maps a source only when no graph entry has its key (:func:`map_key`: the parsed document, what
  resolution and meeting merging made of it, the mapper code and the base IRI);
* compares each graph's key with the last build's (:mod:`kb.buildstate`) and, when few changed,
  updates the union of all graphs by the difference; validates only the nodes the difference can
  affect (:mod:`kb.validate_changes`); rewrites only the changed blocks of ``kb.ttl`` (one per
  subject) and ``kb.trig`` (one per graph) around the unchanged bytes; and brings the store up to
  date by the difference (:mod:`kb.store_update`);
* otherwise does the full work (validate the whole union, serialise it, load the store) and saves
  a new state for the next build.

Either way the outputs are the bytes a build from scratch writes: the incremental path only
reuses bytes and verdicts that depend on nothing that changed (``tests/test_rebuild.py`` builds,
adds, edits and removes sources and compares every output with a clean build's).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO

from rdflib import URIRef

import kb
from kb.additions import addition_iri, addition_paths, read_addition
from kb.buildstate import BlockIndex, BuildState, Delta, GraphEntries, SourcesState, code_digest, signature
from kb.lock import Move, staged_path
from kb.export import (
    CompactConverter, RdflibConverter, Serialiser, block_offsets_of, header_bytes, ox_term, plain_compact, trig_blocks,
    turtle_blocks, write_atomically_with, write_spliced,
)
from kb.mappers import Triple, map_document
from kb.memory import release_freed
from kb.mint import Minter
from kb.records import ResolvedDocument
from kb.validate import ValidationReport, load_shapes, validate_compact, validate_graph
from kb.validate_changes import change_model, shapes_digest, validate_changes

_PACKAGE = Path(kb.__file__).resolve().parent
_MAPPER_FILES = ("mappers/*.py", "mint.py", "iris.py", "namespaces.py", "records.py", "errors.py", "export.py",
                 "buildstate.py", "rebuild.py", "additions.py", "validate.py")  # validate: parse_rdf reads additions

#: Above this share of changed graphs, the whole union is validated, serialised and loaded again.
INCREMENTAL_SHARE = 0.2


@cache
def mapper_fingerprint() -> str:
    """SHA-256 over the code a mapped graph depends on, and the versions of the libraries it uses."""
    from importlib.metadata import version

    files = [p for pattern in _MAPPER_FILES for p in sorted(_PACKAGE.glob(pattern))]
    digest = hashlib.sha256(code_digest(*files).encode())
    for package in ("rdflib", "anyascii", "pyoxigraph"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except Exception:  # noqa: BLE001 - a missing distribution only means another key
            digest.update(package.encode())
    return digest.hexdigest()


def map_key(resolved: ResolvedDocument, parse_key: str, base: str) -> str:
    """The key of one source's mapped graph.

    ``parse_key`` identifies the parsed document (text, metadata, parse options, parser code).
    Canonicalising, resolving and merging meetings change only its events, the ``org_id`` of its
    organisation mentions, and add the organisations and resolutions (tested in
    ``tests/test_rebuild.py``); those are spelled out here, so the key determines the resolved
    document, and with the mapper fingerprint and the base IRI, its graph.
    """
    document = resolved.document
    org_ids = (
        tuple(m.org_id for m in document.signatories),
        tuple(m.org_id for m in document.authors),
        tuple(m.org_id for m in document.mentions),
        tuple(p.organisation.org_id if p.organisation is not None else None for p in document.persons),
    )
    named = set(resolved.organisations)
    resolutions = tuple(  # an organisation listed above is spelled by its id only
        (r.mention, r.organisation.id if r.organisation in named else r.organisation, r.method, r.score, r.candidate)
        for r in resolved.resolutions)
    text = repr((document.events, org_ids, resolved.organisations, resolutions))
    digest = hashlib.sha256(f"map\x00{mapper_fingerprint()}\x00{base}\x00{parse_key}\x00".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def addition_key(path: Path, base: str, data: bytes | None = None) -> str:
    """The key of an RDF addition's graph: its name and bytes (``data``, default: the file's),
    and the reading code."""
    digest = hashlib.sha256(f"addition\x00{mapper_fingerprint()}\x00{base}\x00{path.name}\x00".encode())
    digest.update(path.read_bytes() if data is None else data)
    return digest.hexdigest()


Changes = dict[str, tuple["str | None", frozenset, frozenset]]


class CachedBuild:
    """One build into ``out_dir`` that reuses what the last one left under ``out_dir/.cache``."""

    def __init__(self, out_dir: Path, minter: Minter, *, engine: str = "sparql", staged: bool = False) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / ".cache"
        self.minter = minter
        self.engine = engine
        #: ``kb add``: write nothing in place, not even a cache entry; :meth:`write` stages every
        #: file beside its target and lists the moves (:func:`kb.lock.commit`), :meth:`finish` prunes
        self.staged = staged
        self.entries = GraphEntries(self.folder / "graphs", deferred=staged)
        self.shapes = load_shapes()
        self.model = change_model(self.shapes)
        self.sets: dict[str, frozenset] = {}  # graph IRI -> compact triples, for graphs looked at
        self.mapped: set[str] = set()  # graph IRIs mapped now (not read from an entry)
        self.fresh: dict[str, list[Triple]] = {}  # graph IRI -> rdflib triples, for graphs mapped now (kb add, rebuild)
        self.keys: dict[str, str] = {}
        self.sources: dict[str, tuple] = {}  # graph IRI -> ("doc", resolved) | ("addition", path)
        self.state: BuildState | None = None
        self.changes: Changes = {}
        self.delta: Delta | None = None
        self.incremental = False
        self.report: ValidationReport | None = None
        self.how: dict[str, str] = {}  # which path each stage took (map, validate, kb.ttl, kb.trig, store)
        self.cacheable = True
        self.checked = (0, 0)  # incremental validation: nodes checked, triples validated
        self.moves: list[Move] = []  # a staged build's commit
        self.trace = None  # kb.build.Trace: the sources' records, saved with the outputs
        self._preloaded: BuildState | None | bool = False
        self._source_iris: dict[str, str] = {}  # source name -> its IRI (map)
        self._compact = CompactConverter()
        self._writing: list[threading.Thread] = []  # spliced outputs being written (_put_spliced)
        self._failed: list[BaseException] = []

    def preload(self) -> None:
        """Read the last build's state now (:meth:`map` reads it otherwise): meanwhile, the new
        sources are parsed in another process (:class:`kb.build.IncrementalSources`)."""
        self._preloaded = BuildState.load(self.folder / "build", base=self.minter.base, inverse=self.model.inverse)

    # --- map -----------------------------------------------------------------------------------

    def map(self, documents: Sequence[ResolvedDocument], parse_keys: Mapping[str, str], sources_dir: Path,
            pending: Mapping[Path, Path] | None = None, *, known: Mapping[str, str] | None = None) -> None:
        """Key every graph (sources, then RDF additions, as :func:`kb.build.map_documents` and
        :func:`kb.additions.addition_graphs` name them); map the ones the update needs.

        ``pending`` (``kb add``): RDF additions not yet in ``sources/additions/``, as their path
        there -> the file to read them from; keyed and named as they will be once there.
        ``known``: source name -> graph key of the sources whose resolved document is the last
        build's (:class:`kb.build.IncrementalSources`); ``documents`` may then read the others
        only (:class:`kb.build.LazyDocuments`)."""
        base = self.minter.base
        cacheable = True
        known = known or {}
        names = getattr(documents, "names", None)
        if names is None:
            names = [r.document.source.name for r in documents]
            get = dict(zip(names, documents)).__getitem__
        else:
            get = documents.get
        iris = self._source_iris = {}
        for name in names:
            iri = iris[name] = str(self.minter.source(name))
            self.sources[iri] = ("doc", (get, name))
            key = parse_keys.get(name)
            if key is None:
                cacheable = False
            elif name in known:
                self.keys[iri] = known[name]
            else:
                self.keys[iri] = map_key(get(name), key, base)
        pending = dict(pending or {})
        for path in sorted({*addition_paths(sources_dir), *pending}):
            iri = str(addition_iri(path.stem, self.minter))
            read_from = pending.get(path, path)
            self.sources[iri] = ("addition", read_from)
            self.keys[iri] = addition_key(path, base, read_from.read_bytes())
        if not cacheable or len(self.keys) != len(self.sources):  # two sources of one name: no cache
            self.cacheable = False
            self.how["map"] = "all"
            self.keys = {iri: f"uncached-{i}" for i, iri in enumerate(self.sources)}
            for iri in self.sources:
                self.sets[iri] = frozenset(self._compact.triple(t) for t in self._map(iri))
            return
        self.state = self._preloaded if self._preloaded is not False else \
            BuildState.load(self.folder / "build", base=base, inverse=self.model.inverse)
        self._preloaded = False
        previous = self.state.graphs if self.state is not None else {}
        changed = [g for g in self.keys if previous.get(g) != self.keys[g]] + [g for g in previous if g not in self.keys]
        self.incremental = self.state is not None and len(changed) <= max(16, int(len(self.keys) * INCREMENTAL_SHARE))
        if self.incremental:
            for iri in changed:
                old = self.entries.get(previous[iri]) if iri in previous else frozenset()
                if old is None:  # the previous version's entry is gone: start again
                    self.incremental = False
                    break
                new = self._set(iri) if iri in self.keys else frozenset()
                self.changes[iri] = (self.keys.get(iri), old, new)
        self.how["map"] = "changed" if self.incremental else "all"
        if not self.incremental:
            self.state, self.changes = None, {}
            for iri in self.keys:
                self._set(iri)
        self._compact = CompactConverter()  # its memo holds an rdflib term per distinct term: not needed now

    def _map(self, iri: str) -> list[Triple]:
        kind, what = self.sources[iri]
        if kind == "doc":
            get, name = what
            triples = list(map_document(get(name), minter=self.minter))
        else:
            triples = sorted(read_addition(what))
        self.mapped.add(iri)
        if self.staged or self.incremental:  # a full build reads only the compact form: not kept twice
            self.fresh[iri] = triples
        return triples

    def _set(self, iri: str) -> frozenset:
        """The graph's compact triples: from its entry, else mapped now (and stored)."""
        found = self.sets.get(iri)
        if found is None:
            found = self.entries.get(self.keys[iri])
            if found is None:
                convert = self._compact.triple
                found = self.entries.put(self.keys[iri], (convert(t) for t in self._map(iri)))
            self.sets[iri] = found
        return found

    def triples_of(self, iri: str) -> list[Triple]:
        """One graph's triples in this build, as rdflib terms."""
        if iri in self.fresh:
            return self.fresh[iri]
        convert = RdflibConverter().triple
        return [convert(t) for t in self._current(iri)]

    def known_before(self, subjects: Iterable[str], *, leave_out: str) -> dict[str, frozenset]:
        """The ``(p, o)`` pairs of each of ``subjects`` (compact) in the union of the graphs other
        than ``leave_out`` as the last build left them (``kb add``: what the knowledge base already
        says). After :meth:`validate`, from the update's difference or the state; else by reading
        every graph."""
        wanted = set(subjects)
        if self.delta is not None:
            found = {}
            for s in wanted:
                if s in self.delta.before:
                    found[s] = self.delta.before[s]
                else:  # not touched by the change: as it stands
                    found[s] = self.state.union(s, self._current)
            return found
        found: dict[str, set] = {s: set() for s in wanted}
        for iri in self.keys:
            if iri == leave_out:
                continue
            for s, p, o in self._current(iri):
                if s in found:
                    found[s].add((p, o))
        return {s: frozenset(pairs) for s, pairs in found.items()}

    def _current(self, iri: str) -> frozenset:
        """A graph's triples in this build: from its entry (a graph left unchanged has the same key
        as in the state), else mapped again."""
        return self._set(iri)

    def _all(self) -> Iterator[tuple]:
        """Every triple of every graph, compact (a triple several graphs hold comes once per graph)."""
        for iri in self.keys:
            yield from self._current(iri)

    def _rdflib_graphs(self) -> dict[URIRef, list[Triple]]:
        convert = RdflibConverter().triple
        return {URIRef(iri): self.fresh[iri] if iri in self.fresh else [convert(t) for t in self._current(iri)]
                for iri in self.keys}

    # --- validate --------------------------------------------------------------------------------

    def validate(self, *, whole: bool = False, recheck: bool = True) -> ValidationReport:
        """The union's report: from the change alone when the last build's union conformed to the
        same shapes and the change model covers them, else from the whole union (``whole``: always).

        ``recheck=False`` (``kb add``) keeps the change's results when there are some: every
        result of the union is about a node the change may affect, and each was found with all
        the shapes read around it (``tests/test_add.py`` compares them with the whole union's);
        only the ``source_file`` of a result may say less. With ``recheck`` the whole union is
        validated again for the exact report."""
        if self.incremental:
            self.delta = self.state.update(self.changes, self._current)
        report = None
        self.how["validate"] = "all"
        if self.incremental and not whole and self.engine == "sparql" and self.state.validated == shapes_digest():
            sizes: dict = {}
            report = validate_changes(self.delta, self.state, self.model, self.changes, self._current, shapes=self.shapes,
                                      sizes=sizes)
            self.checked = (sizes.get("nodes", 0), sizes.get("triples", 0))
            if report is not None and report.violations and not recheck:
                self.how["validate"] = "changes"
            elif report is not None and report.violations:  # the build fails: report on the whole union
                report = None
                self.how["validate"] = "changes, then all"
            elif report is not None:
                self.how["validate"] = "changes"
        if report is None:
            if self.engine == "pyshacl":
                from kb.build import union_graph

                report = validate_graph(union_graph(self._rdflib_graphs()), shapes=self.shapes, engine="pyshacl")
            else:
                report = validate_compact(self._all(), shapes=self.shapes)
            release_freed()  # the union's store, made to validate it (in the full path, the largest value yet)
        self.report = report
        return report

    @property
    def triples(self) -> int:
        """How many distinct triples the union holds."""
        if self.state is not None:
            return self.state.union_count
        return len({t for triples in self.sets.values() for t in triples})

    # --- write -------------------------------------------------------------------------------------

    def write(self, *, with_store: bool) -> tuple[Path, ...]:
        """Write ``kb.ttl``, ``kb.trig`` and (``with_store``) the store; save the state.

        A ``staged`` build writes each of them (and the new graph entries, and the state) beside
        its target instead (:func:`kb.lock.staged_path`) and lists the moves in :attr:`moves`; it
        returns the targets. The state records each output as staged: a rename keeps the inode,
        size and modification time its signature is made of."""
        out = self.out_dir
        out.mkdir(parents=True, exist_ok=True)
        self.moves: list[Move] = []
        loaded = self.state is not None
        state = self._full_state()
        kept = (dict(state.outputs), state.store, state.store_code, state.validated, state.ttl, state.trig)
        ttl, trig = out / "kb.ttl", out / "kb.trig"
        self._writing = []
        try:
            new_ttl, new_trig = self._write_files(ttl, trig)
            paths = [ttl, trig]
            if with_store:  # (an update by difference while the spliced files are written)
                self._store(new_trig, new_ttl, out / "store")
                paths.append(out / "store")
            else:
                state.store = None  # the store on disk, if any, now lags behind
                self.how["store"] = "skipped"
        finally:
            self._written()
        state.outputs = {"kb.ttl": signature(new_ttl), "kb.trig": signature(new_trig)}
        state.validated = shapes_digest() if self.report is not None and not self.report.violations else ""
        keys = self._source_keys() if self.cacheable and self.trace is not None else None
        if self.staged:
            self.moves += [Move(staged, final) for staged, final in self.entries.stage(staged_path)]
            if self.cacheable:
                self.moves.append(Move(*state.save(self.folder / "build", staged=staged_path)))
            if keys is not None:
                self.moves += [Move(staged, final) for staged, final in self.trace.save(self.folder / "build", keys,
                                                                                        staged=staged_path)]
            return tuple(paths)
        same = loaded and self.incremental and not self.changes and \
            kept == (state.outputs, state.store, state.store_code, state.validated, state.ttl, state.trig)
        if self.cacheable and not same:  # (nothing changed: the state saved is this one)
            state.save(self.folder / "build")
        elif not self.cacheable:
            BuildState.forget(self.folder / "build")
        if keys is not None:
            self.trace.save(self.folder / "build", keys)
        else:
            SourcesState.forget(self.folder / "build")
        self.entries.prune(state.graphs.values())
        return tuple(paths)

    def _write_files(self, ttl: Path, trig: Path) -> tuple[Path, Path]:
        """Write ``kb.ttl`` and ``kb.trig`` (:meth:`_write_turtle`, :meth:`_write_trig`); returns where.
        Written in full, the graphs are then let go of (:meth:`_release_graphs`) before the store loads."""
        serialiser = Serialiser()  # one for both files: they hold the same terms
        new_ttl = self._write_turtle(ttl, serialiser)
        new_trig = self._write_trig(trig, serialiser)
        del serialiser
        if not self.incremental and not self.staged:
            self._release_graphs()
            release_freed()
        return new_ttl, new_trig

    def _release_graphs(self) -> None:
        """Forget the compact triples of every graph (with the state made of them, the largest values
        a full build holds): the rest of the build needs the state only; any graph asked for again
        is read back from its entry, which is on disk."""
        self.sets = {}
        self.entries.forget()

    def _source_keys(self) -> dict[str, str] | None:
        """Source name -> its graph's key, for every source of the trace (``None``: not all keyed)."""
        keys = {}
        for name in self.trace.names():
            iri = self._source_iris.get(name)
            key = self.keys.get(iri if iri is not None else str(self.minter.source(name)))
            if key is None:
                return None
            keys[name] = key
        return keys

    def _put(self, final: Path, write: Callable[[BinaryIO], object]) -> Path:
        """Write to ``final`` (staged: beside it, with the move listed) what ``write`` writes to the
        file it is given (:func:`kb.export.write_atomically_with`); returns where."""
        if not self.staged:
            write_atomically_with(final, write)
            return final
        write_atomically_with(staged_path(final), write)
        self.moves.append(Move(staged_path(final), final))
        return staged_path(final)

    def _put_spliced(self, final: Path, parts: list) -> Path:
        """:meth:`_put` for a file made of ranges of ``final`` as it is and new bytes, written in
        another thread (the kernel copies the ranges and the fsync waits for the disk, without the
        GIL: the store is updated meanwhile); :meth:`_written` waits for it."""
        target = staged_path(final) if self.staged else final
        worker = threading.Thread(target=self._splice_into, args=(target, final, parts), name=f"splice {final.name}")
        self._writing.append(worker)
        worker.start()
        if self.staged:
            self.moves.append(Move(target, final))
        return target

    def _splice_into(self, target: Path, final: Path, parts: list) -> None:
        try:
            write_spliced(target, final, parts)
        except BaseException as error:  # noqa: BLE001 - raised again by _written
            self._failed.append(error)

    def _written(self) -> None:
        """Wait for the files :meth:`_put_spliced` writes; raise the first error one of them met
        (the file is then as it was: :func:`kb.export.write_spliced` replaces it only when written)."""
        for worker in self._writing:
            worker.join()
        self._writing = []
        failed, self._failed = self._failed, []
        if failed:
            raise failed[0]

    def _spliced(self, path: Path, index: BlockIndex | None) -> bool:
        """Whether ``path`` is what the last build wrote (as the state has it before this write), so
        that its changed blocks can be spliced."""
        return self.incremental and index is not None and signature(path) == self.state.outputs.get(path.name)

    def _write_turtle(self, ttl: Path, serialiser: Serialiser) -> Path:
        """Write ``kb.ttl``, spliced or in full, and keep its block index; returns where it is."""
        state = self.state
        spliced = self._spliced(ttl, state.ttl)
        self.how["kb.ttl"] = "spliced" if spliced else "full"
        if spliced and not self.delta.changed_subjects():
            return ttl  # nothing changed: the file is already what this build would write
        if spliced:
            parts = state.splice("ttl", self._subject_blocks(), header_bytes())
            return self._put_spliced(ttl, parts)
        written = self._put(ttl, lambda handle: serialiser.turtle_to(handle, self._all()))
        state.ttl = _block_index(written, sorted(state.single.keys() | state.shared.keys()), trig=False)
        return written

    def _write_trig(self, trig: Path, serialiser: Serialiser) -> Path:
        """Write ``kb.trig`` as :meth:`_write_turtle` writes ``kb.ttl``, one block per graph."""
        state = self.state
        spliced = self._spliced(trig, state.trig)
        self.how["kb.trig"] = "spliced" if spliced else "full"
        if spliced and not self.changes:
            return trig
        if spliced:
            parts = state.splice("trig", self._graph_blocks(), header_bytes())
            return self._put_spliced(trig, parts)
        graphs = {iri: self._current(iri) for iri in self.keys}
        written = self._put(trig, lambda handle: serialiser.trig_to(handle, graphs))
        state.trig = _block_index(written, sorted(iri for iri in self.keys if self._current(iri)), trig=True)
        return written

    def _full_state(self) -> BuildState:
        """The state of this build's union: the updated one, or one made now from every graph."""
        if self.state is None:
            self.state = BuildState.create({iri: (self.keys[iri], self._current(iri)) for iri in self.keys},
                                           base=self.minter.base, inverse=self.model.inverse)
            release_freed()  # what making it took (each subject's triples gathered from every graph)
        return self.state

    def finish(self) -> None:
        """After a staged build's moves were committed: forget a state that cannot be kept, and
        prune the graph entries no longer needed."""
        if not self.cacheable:
            BuildState.forget(self.folder / "build")
        if self.trace is None or not self.cacheable:
            SourcesState.forget(self.folder / "build")
        if self.state is not None:
            self.entries.prune(self.state.graphs.values())

    def _subject_blocks(self) -> dict[str, bytes | None]:
        """The new Turtle block of every subject whose triples changed (``None``: it is gone)."""
        delta = self.delta
        subjects = delta.changed_subjects()
        convert = RdflibConverter().triple
        kept = [s for s in subjects if delta.after[s]]
        triples = [convert((s, p, o)) for s in kept for p, o in delta.after[s]]
        blocks: dict[str, bytes | None] = dict.fromkeys(subjects)
        blocks.update(zip(kept, turtle_blocks(triples, len(kept))))
        return blocks

    def _graph_blocks(self) -> dict[str, bytes | None]:
        """The new TriG block of every changed graph (``None``: it is gone or empty)."""
        convert = RdflibConverter().triple
        kept = sorted(iri for iri, (_, _, new) in self.changes.items() if new)
        graphs = {URIRef(iri): [convert(t) for t in self.changes[iri][2]] for iri in kept}
        blocks: dict[str, bytes | None] = dict.fromkeys(self.changes)
        blocks.update(zip(kept, trig_blocks(graphs)))
        return blocks

    def _store(self, trig: Path, ttl: Path, store_dir: Path) -> None:
        from kb.store import build_store
        from kb.store_update import store_code, store_signature, store_size, update_store

        state = self.state
        code = store_code()
        target = staged_path(store_dir) if self.staged else store_dir
        if self.incremental and state.store is not None and state.store_code == code and \
                state.store == store_signature(store_dir):
            remove, add = self._store_difference()
            if remove or add:
                update_store(store_dir, remove, add, into=target if self.staged else None)
                if self.staged:
                    self.moves.append(Move(target, store_dir))
            else:
                target = store_dir
            self.how["store"] = "updated"
        else:
            self.how["store"] = "loaded"
            self._written()  # read by the load
            named = build_store(trig, target, union=ttl, in_pieces=True)
            if self.staged:
                self.moves.append(Move(target, store_dir))
            # the store holds each graph and, in the default graph, their union: checked, so that a
            # store laid out otherwise (kb/store.py changed) is never updated by a difference
            state.store_code = code if store_size(target) == named + state.plain_count else ""
        state.store = store_signature(target) if state.store_code else None

    def _store_difference(self):
        import pyoxigraph as ox

        memo: dict = {}

        def term(t):
            found = memo.get(t)
            if found is None:
                found = memo[t] = ox_term(t)
            return found

        def plain(triples: Iterable[tuple]) -> set[tuple]:
            return {(s, p, plain_compact(o)) for s, p, o in triples}

        remove, add = [], []
        for iri, (_, old, new) in self.changes.items():
            graph = ox.NamedNode(iri)
            before, after = plain(old), plain(new)
            remove += [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in before - after]
            add += [ox.Quad(term(s), term(p), term(o), graph) for s, p, o in after - before]
        for s in self.delta.changed_subjects():
            before = plain((s, p, o) for p, o in self.delta.before[s])
            after = plain((s, p, o) for p, o in self.delta.after[s])
            remove += [ox.Quad(term(s), term(p), term(o)) for s, p, o in before - after]
            add += [ox.Quad(term(s), term(p), term(o)) for s, p, o in after - before]
        return remove, add


def _block_index(path: Path, keys: list[str], *, trig: bool) -> BlockIndex | None:
    """Where each key's block sits in the file ``path`` written in full (``None``: not laid out one block per key)."""
    offsets = block_offsets_of(path, len(keys), trig=trig)
    return BlockIndex(keys, offsets) if offsets is not None else None


__all__ = ["INCREMENTAL_SHARE", "CachedBuild", "addition_key", "map_key", "mapper_fingerprint"]
