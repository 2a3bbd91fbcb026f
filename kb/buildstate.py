"""What a build leaves behind so that the next one redoes only what changed.

Under ``out/.cache/``:

* ``graphs/KEY.pickle`` — one source's mapped graph as compact triples (:func:`kb.export.compact_term`),
  keyed by everything its triples depend on (:func:`kb.build.map_key`). The map cache: an
  unchanged source is not mapped again, and the previous version of a changed one is read back
  to tell what it removed.
* ``build/state.pickle`` — the :class:`BuildState` of the last build that wrote its outputs:
  which entry each named graph was, who holds the triples about each subject (so the union of all
  graphs can be updated by a difference instead of recomputed), a few indexes incremental
  validation looks things up in (preferred names, links followed backwards, how many graphs point
  at a node), where each block of ``kb.ttl`` and ``kb.trig`` sits, and a signature of each output
  as written (size, modification time, inode), so that an output replaced by anything else
  (``kb add``, a hand edit) is noticed and rebuilt in full.

* ``build/sources.pickle`` — the :class:`SourcesState`: each source as the last build read and
  resolved it (file signature, parse key, the organisations it made, its meetings, graph key,
  what the report counts of it), so that the next build reads, parses, resolves and merges only
  what a change reaches (:class:`kb.build.IncrementalSources`);
* ``resolved/KEY.pickle`` — one source's resolved document (and its meetings before merging),
  read back only for the sources a change reaches or a graph that must be mapped again.

A state is only saved after a build wrote every output; a build that fails leaves the previous
state, whose signatures no longer match any output it did replace.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kb.namespaces import RDFS, SKOS, XSD

#: Bump when the layout of the state or of the graph entries changes.
STATE_VERSION = 1

_PREF_LABEL = str(SKOS.prefLabel)
_SUB_CLASS_OF = str(RDFS.subClassOf)
_XSD_STRING = str(XSD.string)

CompactTriple = tuple  # (subject str, predicate str, object str | (text, datatype, language))
Loader = Callable[[str], "frozenset[CompactTriple]"]  # graph IRI -> its current triples


def _atomic_pickle(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_pickle(path: Path) -> object | None:
    try:
        with path.open("rb") as handle, no_gc():
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None


@contextmanager
def no_gc():
    """The cyclic garbage collector paused: unpickling a state makes millions of containers, and
    the collections they set off (which find nothing to free) took more than half the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class GraphEntries:
    """Mapped graphs on disk, one pickle of compact triples per key (the map cache)."""

    def __init__(self, folder: Path, *, deferred: bool = False) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self._memory: dict[str, frozenset] = {}
        self.deferred = deferred  # keep new entries in memory until :meth:`stage` (``kb add``)
        self.pending: dict[str, frozenset] = {}

    def get(self, key: str) -> frozenset | None:
        """The entry's triples, or ``None`` (missing or unreadable entries count as missing)."""
        self.used.add(key)
        found = self._memory.get(key)
        if found is None:
            value = _read_pickle(self.folder / f"{key}.pickle")
            if not isinstance(value, tuple) or len(value) != 2 or value[0] != STATE_VERSION:
                return None
            found = self._memory[key] = frozenset(value[1])
        return found

    def put(self, key: str, triples: Iterable[CompactTriple]) -> frozenset:
        found = self._memory[key] = frozenset(triples)
        self.used.add(key)
        if self.deferred:
            self.pending[key] = found
        else:
            _atomic_pickle(self.folder / f"{key}.pickle", (STATE_VERSION, tuple(found)))
        return found

    def stage(self, staged: Callable[[Path], Path]) -> list[tuple[Path, Path]]:
        """Write the entries kept back (``deferred``) at ``staged(final)``; returns the
        ``(staged, final)`` pairs for the caller to move in as one commit (:func:`kb.lock.commit`)."""
        pairs = []
        for key, found in sorted(self.pending.items()):
            final = self.folder / f"{key}.pickle"
            if final.exists():
                continue
            _atomic_pickle(staged(final), (STATE_VERSION, tuple(found)))
            pairs.append((staged(final), final))
        self.pending.clear()
        return pairs

    def prune(self, keep: Iterable[str]) -> int:
        """Remove entries neither in ``keep`` nor asked for by this build; returns how many."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return 0
        wanted = set(keep) | self.used
        stale = [self.folder / n for n in names if n.endswith(".pickle") and not n.startswith(".") and n[:-7] not in wanted]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)


def signature(path: Path) -> tuple[int, int, int] | None:
    """(size, modification time in ns, inode) of a file or folder, ``None`` if it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def code_digest(*paths: Path) -> str:
    """SHA-256 over the given files' bytes (missing files count as empty), in order."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.name).encode() + b"\x00")
        try:
            digest.update(path.read_bytes())
        except OSError:
            pass
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(slots=True)
class BlockIndex:
    """Where each block of a written Turtle or TriG file sits: ``keys[i]`` (a subject or a
    graph name, sorted) spans ``offsets[i]:offsets[i + 1]``; the header is ``[:offsets[0]]``."""

    keys: list[str]
    offsets: list[int]


@dataclass(slots=True)
class Delta:
    """How the union of all graphs changed: per subject touched, its triples before and after."""

    before: dict[str, frozenset] = field(default_factory=dict)
    after: dict[str, frozenset] = field(default_factory=dict)

    def changed_subjects(self) -> list[str]:
        return sorted(s for s in self.before if self.before[s] != self.after[s])

    def added(self) -> Iterable[CompactTriple]:
        for s, after in self.after.items():
            for p, o in after - self.before[s]:
                yield s, p, o

    def removed(self) -> Iterable[CompactTriple]:
        for s, before in self.before.items():
            for p, o in before - self.after[s]:
                yield s, p, o


@dataclass(slots=True)
class BuildState:
    """The union of a build's named graphs, kept as who holds what, plus the indexes the next
    build needs (see the module docstring). Subjects held by one graph only (most of them) cost
    one dictionary entry; the triples of a subject several graphs describe are counted per graph."""

    base: str
    inverse: frozenset[str]  # predicates indexed backwards in ``incoming``
    graphs: dict[str, str] = field(default_factory=dict)  # graph IRI -> entry key
    single: dict[str, str] = field(default_factory=dict)  # subject -> the one graph describing it
    shared: dict[str, tuple[set, Counter]] = field(default_factory=dict)  # subject -> (graphs, (p, o) -> count)
    labels: dict[object, set] = field(default_factory=lambda: defaultdict(set))  # prefLabel -> subjects
    incoming: dict[str, set] = field(default_factory=lambda: defaultdict(set))  # object -> {(subject, predicate)}
    objects: Counter = field(default_factory=Counter)  # IRI -> graphs holding a triple pointing at it
    union_count: int = 0
    plain_count: int = 0  # the union's triples once ``"x"^^xsd:string`` and ``"x"`` count as one (as written)
    subclass_count: int = 0  # rdfs:subClassOf triples in the union (class targets then need the whole graph)
    ttl: BlockIndex | None = None
    trig: BlockIndex | None = None
    outputs: dict[str, tuple | None] = field(default_factory=dict)
    store: tuple | None = None  # signature of out/store as this build left it (None: not kept in step)
    store_code: str = ""  # digest of kb/store.py when the store was last loaded in full and checked
    validated: str = ""  # digest of the shapes the union was last found to conform to (with no result at all)

    # --- persistence -------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path, *, base: str, inverse: frozenset[str]) -> BuildState | None:
        """The saved state, or ``None`` when there is none or it was made for another base IRI,
        another set of backward links or another layout."""
        value = _read_pickle(folder / "state.pickle")
        if not isinstance(value, tuple) or len(value) != 2 or value[0] != STATE_VERSION:
            return None
        state = value[1]
        if not isinstance(state, cls) or state.base != base or state.inverse != inverse:
            return None
        return state

    def save(self, folder: Path, *, staged: Callable[[Path], Path] | None = None) -> Path:
        """Save the state (at ``staged(final)`` when given, for the caller to move in); returns
        where it was written."""
        final = folder / "state.pickle"
        written = staged(final) if staged is not None else final
        _atomic_pickle(written, (STATE_VERSION, self))
        return written

    @staticmethod
    def forget(folder: Path) -> None:
        (folder / "state.pickle").unlink(missing_ok=True)

    # --- building ----------------------------------------------------------------------------

    @classmethod
    def create(cls, graphs: Mapping[str, tuple[str, frozenset]], *, base: str, inverse: frozenset[str]) -> BuildState:
        """The state of the union of ``graphs`` (graph IRI -> (entry key, its triples))."""
        state = cls(base=base, inverse=inverse)
        holders: dict[str, list] = defaultdict(list)
        for iri, (key, triples) in graphs.items():
            state.graphs[iri] = key
            by_subject: dict[str, list] = defaultdict(list)
            for s, p, o in triples:
                by_subject[s].append((p, o))
            for s, pairs in by_subject.items():
                holders[s].append((iri, pairs))
            state.objects.update({o for _, _, o in triples if isinstance(o, str)})
        for s, held in holders.items():
            if len(held) == 1:
                state.single[s] = held[0][0]
                union = set(held[0][1])
            else:
                counts: Counter = Counter()
                for _, pairs in held:
                    counts.update(pairs)
                state.shared[s] = ({g for g, _ in held}, counts)
                union = set(counts)
            state._index(s, union, add=True)
            state.plain_count += _plain_size(union)
        return state

    def _index(self, s: str, pairs: Iterable[tuple], *, add: bool) -> None:
        """Count and index the union triples ``(s, p, o)`` for ``(p, o)`` in ``pairs``, added or removed."""
        sign = 1 if add else -1
        for p, o in pairs:
            self.union_count += sign
            if p == _PREF_LABEL:
                if add:
                    self.labels[o].add(s)
                else:
                    self._discard(self.labels, o, s)
            elif p == _SUB_CLASS_OF:
                self.subclass_count += sign
            if p in self.inverse and isinstance(o, str):
                if add:
                    self.incoming[o].add((s, p))
                else:
                    self._discard(self.incoming, o, (s, p))

    @staticmethod
    def _discard(index: dict, key, value) -> None:
        found = index.get(key)
        if found is not None:
            found.discard(value)
            if not found:
                del index[key]

    # --- reading -----------------------------------------------------------------------------

    def union(self, s: str, load: Loader) -> frozenset:
        """The ``(p, o)`` pairs of subject ``s`` in the union of all graphs."""
        shared = self.shared.get(s)
        if shared is not None:
            return frozenset(shared[1])
        holder = self.single.get(s)
        if holder is None:
            return frozenset()
        return frozenset((p, o) for t_s, p, o in load(holder) if t_s == s)

    def holders(self, s: str) -> set[str]:
        shared = self.shared.get(s)
        if shared is not None:
            return set(shared[0])
        holder = self.single.get(s)
        return {holder} if holder is not None else set()

    # --- updating ----------------------------------------------------------------------------

    def update(self, changes: Mapping[str, tuple[str | None, frozenset, frozenset]], load_old: Loader) -> Delta:
        """Replace the graphs in ``changes`` (graph IRI -> (new entry key or ``None`` when the graph
        is gone, its old triples, its new triples)) and return how the union changed.

        ``load_old`` gives the triples of a graph *not* in ``changes`` (they are the same before
        and after), for a subject it alone described until a changed graph described it too.
        """
        touched: dict[str, list] = defaultdict(list)  # subject -> [(graph, old pairs, new pairs)]
        for iri, (_, old, new) in changes.items():
            old_by, new_by = defaultdict(set), defaultdict(set)
            for s, p, o in old:
                old_by[s].add((p, o))
            for s, p, o in new:
                new_by[s].add((p, o))
            for s in old_by.keys() | new_by.keys():
                touched[s].append((iri, old_by.get(s, set()), new_by.get(s, set())))
            self.objects.subtract({o for _, _, o in old if isinstance(o, str)})
            self.objects.update({o for _, _, o in new if isinstance(o, str)})
        for o in [o for o, n in self.objects.items() if n <= 0]:
            del self.objects[o]
        delta = Delta()
        for s, items in touched.items():
            graphs_before = self.holders(s)
            counts = self._counts(s, {iri: old for iri, old, _ in items}, load_old)
            before = frozenset(counts)
            graphs_after = set(graphs_before)
            for iri, old, new in items:
                counts.subtract(old)
                counts.update(new)
                if new:
                    graphs_after.add(iri)
                else:
                    graphs_after.discard(iri)
            counts = Counter({pair: n for pair, n in counts.items() if n > 0})
            after = frozenset(counts)
            self.single.pop(s, None)
            self.shared.pop(s, None)
            if len(graphs_after) == 1:
                self.single[s] = next(iter(graphs_after))
            elif graphs_after:
                self.shared[s] = (graphs_after, counts)
            delta.before[s], delta.after[s] = before, after
            if before != after:
                self._index(s, before - after, add=False)
                self._index(s, after - before, add=True)
                self.plain_count += _plain_size(after) - _plain_size(before)
        for iri, (key, _, _) in changes.items():
            if key is None:
                self.graphs.pop(iri, None)
            else:
                self.graphs[iri] = key
        return delta

    def _counts(self, s: str, old_of: Mapping[str, set], load_old: Loader) -> Counter:
        """How many graphs hold each ``(p, o)`` of ``s`` before the update."""
        shared = self.shared.get(s)
        if shared is not None:
            return Counter(shared[1])
        holder = self.single.get(s)
        if holder is None:
            return Counter()
        if holder in old_of:
            return Counter(old_of[holder])
        return Counter((p, o) for t_s, p, o in load_old(holder) if t_s == s)


def _plain_size(pairs: Collection[tuple]) -> int:
    """How many of the distinct ``pairs`` are left once ``"x"^^xsd:string`` and ``"x"`` count as one."""
    typed = [(p, o) for p, o in pairs if o.__class__ is tuple and o[1] == _XSD_STRING and not o[2]]
    if not typed:  # the usual case: nothing to merge, and no set of every pair to build
        return len(pairs)
    return len(pairs) - sum(1 for p, o in typed if (p, (o[0], "", "")) in pairs)


def splice(old: bytes, index: BlockIndex, blocks: Mapping[str, bytes | None], header: bytes) -> tuple[bytes, BlockIndex]:
    """A new file from ``old`` (laid out as ``index`` says) with the block of each key in
    ``blocks`` replaced, inserted in key order, or removed (``None`` or empty).

    ``header`` is used when ``old`` is empty; an output with no block at all is empty.
    """
    parts, new_index = splice_parts(index, blocks, header)
    view = memoryview(old)
    return b"".join(view[p[0]:p[1]] if isinstance(p, tuple) else p for p in parts), new_index


def splice_parts(index: BlockIndex, blocks: Mapping[str, bytes | None], header: bytes) -> tuple[list, BlockIndex]:
    """:func:`splice` as a list of parts, each a ``(start, end)`` range of the old file or new
    bytes, so that the unchanged ranges can be copied file to file (:func:`kb.export.write_spliced`)."""
    from bisect import bisect_left

    keys, offsets = index.keys, index.offsets
    parts: list = [(0, offsets[0])] if keys else [header]
    new_keys: list[str] = []
    new_offsets: list[int] = []
    length = offsets[0] if keys else len(header)
    cursor = 0

    def copy(upto: int) -> None:
        nonlocal length
        if upto <= cursor:
            return
        start, end = offsets[cursor], offsets[upto]
        parts.append((start, end))
        shift = length - start
        new_offsets.extend(o + shift for o in offsets[cursor:upto])
        new_keys.extend(keys[cursor:upto])
        length += end - start

    for key in sorted(blocks):
        position = bisect_left(keys, key, cursor)
        copy(position)
        cursor = position
        if cursor < len(keys) and keys[cursor] == key:
            cursor += 1
        block = blocks[key]
        if block:
            parts.append(block)
            new_keys.append(key)
            new_offsets.append(length)
            length += len(block)
    copy(len(keys))
    if not new_keys:
        return [], BlockIndex([], [0])
    new_offsets.append(length)
    merged: list = []
    for part in parts:  # adjacent ranges of the old file make one copy
        if isinstance(part, tuple) and merged and isinstance(merged[-1], tuple) and merged[-1][1] == part[0]:
            merged[-1] = (merged[-1][0], part[1])
        elif not isinstance(part, tuple) or part[1] > part[0]:
            merged.append(part)
    return merged, BlockIndex(new_keys, new_offsets)


# --- the sources as the last build read and resolved them -----------------------------------


@dataclass(slots=True)
class SourceRecord:
    """One source as the last build read and resolved it (:class:`SourcesState`)."""

    signature: tuple | None  # kb.build.source_signature of its text and metadata file when read
    file_key: str  # its parse cache key (kb.cache.file_key): bytes, options, parser
    sha256: str  # of its text (kb add names a duplicate by it)
    blob: str  # key of its resolved document in ``resolved/`` (:class:`Blobs`)
    mints: tuple  # (text, country) of each mention that made a new organisation, in order
    series: tuple  # the series spellings it gives canonical_events (kb.build.series_pairs)
    lookups: frozenset  # the series spellings canonicalising it may look up (kb.build.series_lookups)
    probes: tuple  # the (text, country) of each mention resolving it looked up (keys of SourcesState.probes)
    blocks: tuple  # what each look-up by word block saw: (base, block sizes) (kb.resolve.Resolver.recorder)
    event_iris: tuple  # the IRI of each of its events before meetings were merged
    map_key: str | None  # its graph's key (kb.rebuild.map_key)
    summary: tuple  # (event IRIs, organisation ids, claims, new organisations, doubtful resolutions, notes)


@dataclass(slots=True)
class SourcesState:
    """What the last build made of each source before mapping, so that the next one reads,
    parses, resolves and merges only what a change can reach (:func:`kb.build.resolve_incremental`).

    Valid for one ``fingerprint`` (the parser, resolver and mapper code, the curated registry, the
    sources folder, the base IRI); saved only by a build that wrote its outputs, or staged and
    moved in with them by ``kb add``."""

    fingerprint: str
    records: dict[str, SourceRecord] = field(default_factory=dict)  # source name -> record, in name order
    acronyms: dict = field(default_factory=dict)  # the series spellings of every source (kb.build.fold_series)
    full: dict = field(default_factory=dict)
    conflicts: dict[str, tuple] = field(default_factory=dict)  # meeting IRI -> its merge conflicts
    probes: dict = field(default_factory=dict)  # (text, country) -> kb.resolve.Resolver.probe of it
    registry: object = None  # the curated registry as read (its files are in the fingerprint)
    resolver: bytes = b""  # a kb.resolve.Resolver of that registry before any source, pickled

    @classmethod
    def load(cls, folder: Path, fingerprint: str) -> SourcesState | None:
        value = _read_pickle(folder / "sources.pickle")
        if not isinstance(value, tuple) or len(value) != 2 or value[0] != STATE_VERSION:
            return None
        state = value[1]
        if not isinstance(state, cls) or state.fingerprint != fingerprint:
            return None
        return state

    def save(self, folder: Path, *, staged: Callable[[Path], Path] | None = None) -> Path:
        final = folder / "sources.pickle"
        written = staged(final) if staged is not None else final
        _atomic_records(written, (STATE_VERSION, self))
        return written

    @staticmethod
    def forget(folder: Path) -> None:
        (folder / "sources.pickle").unlink(missing_ok=True)


class Blobs(GraphEntries):
    """Resolved documents on disk, one pickle per key: ``(events before merging, the resolved
    document)``, read back only for the sources a change reaches."""

    def get(self, key: str):  # type: ignore[override]
        self.used.add(key)
        found = self._memory.get(key)
        if found is None:
            value = _read_pickle(self.folder / f"{key}.pickle")
            if not isinstance(value, tuple) or len(value) != 2 or value[0] != STATE_VERSION:
                return None
            found = self._memory[key] = value[1]
        return found

    def put(self, key: str, value) -> None:  # type: ignore[override]
        self._memory[key] = value
        self.used.add(key)
        if self.deferred:
            self.pending[key] = value
        elif not (self.folder / f"{key}.pickle").exists():
            _atomic_records(self.folder / f"{key}.pickle", (STATE_VERSION, value))

    def stage(self, staged: Callable[[Path], Path]) -> list[tuple[Path, Path]]:
        pairs = []
        for key, value in sorted(self.pending.items()):
            final = self.folder / f"{key}.pickle"
            if final.exists():
                continue
            _atomic_records(staged(final), (STATE_VERSION, value))
            pairs.append((staged(final), final))
        self.pending.clear()
        return pairs


def _atomic_records(path: Path, value: object) -> None:
    """:func:`_atomic_pickle` with the parse cache's quick reduction of records."""
    from kb.cache import _dispatch_table

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            table = dict(_dispatch_table())
            table[SourceRecord] = lambda r: (SourceRecord, tuple(getattr(r, f) for f in SourceRecord.__slots__))
            pickler.dispatch_table = table
            pickler.dump(value)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = ["BlockIndex", "Blobs", "BuildState", "Delta", "GraphEntries", "STATE_VERSION", "SourceRecord", "SourcesState",
           "code_digest", "signature", "splice", "splice_parts"]
