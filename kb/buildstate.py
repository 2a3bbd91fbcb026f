"""What a build leaves behind so that the next one redoes only what changed.

Under ``out/.cache/``:

* ``graphs/KEY.pickle`` — one source's mapped graph as compact triples (:func:`kb.export.compact_term`),
  keyed by everything its triples depend on (:func:`kb.build.map_key`). The map cache: an
  unchanged source is not mapped again, and the previous version of a changed one is read back
  to tell what it removed.
* ``build/state.pickle`` (+ ``build/state.log``) — the :class:`BuildState` of the last build that wrote its outputs:
  which entry each named graph was, who holds the triples about each subject (so the union of all
  graphs can be updated by a difference instead of recomputed), a few indexes incremental
  validation looks things up in (preferred names, links followed backwards, how many graphs point
  at a node), where each block of ``kb.ttl`` and ``kb.trig`` sits, and a signature of each output
  as written (size, modification time, inode), so that an output replaced by anything else
  (``kb add``, a hand edit) is noticed and rebuilt in full.

* ``build/sources.pickle`` (+ ``build/sources.log``) — the :class:`SourcesState`: each source as the last build read and
  resolved it (file signature, parse key, the organisations it made, its meetings, graph key,
  what the report counts of it), so that the next build reads, parses, resolves and merges only
  what a change reaches (:class:`kb.build.IncrementalSources`);
* ``resolved/KEY.pickle`` — one source's resolved document (and its meetings before merging),
  read back only for the sources a change reaches or a graph that must be mapped again.

A state is only saved after a build wrote every output; a build that fails leaves the previous
state, whose signatures no longer match any output it did replace.

Both states are saved *by difference* when a build changed little (:class:`Journal`): the
``.pickle`` file is a *base* written in full now and then, with a random token; the ``.log`` beside
it holds, for that token, every entry that changed since the base was written (the value now, or
gone) and the splices of the block indexes, and is rewritten whole (it stays small: past an eighth
of the base it is folded into a new base). Loading reads the base and applies the log whose token
matches; a log left by an older base is ignored, so each save replaces one file atomically and a
state on disk is always one build's. ``tests/test_buildstate.py`` loads states saved by difference
and compares them with the same state saved in full.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb.namespaces import RDFS, SKOS, XSD
from kb.pickles import dump_atomically as _atomic_pickle
from kb.pickles import no_gc

#: Bump when the layout of the state or of the graph entries changes.
STATE_VERSION = 1
#: The layout of ``state.pickle``/``sources.pickle`` (a base and its token) and of their logs.
_STATE_FORMAT = 2
#: A log larger than this share of its base is folded into a new base.
LOG_SHARE = 1 / 8
_LOG_MIN = 1 << 20  # ... or than this many bytes, whichever is larger

_PREF_LABEL = str(SKOS.prefLabel)
_SUB_CLASS_OF = str(RDFS.subClassOf)
_XSD_STRING = str(XSD.string)

CompactTriple = tuple  # (subject str, predicate str, object str | (text, datatype, language))
Loader = Callable[[str], "frozenset[CompactTriple]"]  # graph IRI -> its current triples


def _read_pickle(path: Path) -> object | None:
    try:
        with path.open("rb") as handle, no_gc():
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return None


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

    def forget(self) -> None:
        """Let go of the entries held in memory (those kept back, ``deferred``, stay): the next
        :meth:`get` of one reads it from disk again."""
        self._memory = dict(self.pending)

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


_STATE_ENTRIES = ("graphs", "single", "shared", "labels", "incoming", "objects")
_STATE_SCALARS = ("union_count", "plain_count", "subclass_count", "outputs", "store", "store_code", "validated")


@dataclass(slots=True)
class Journal:
    """How a state loaded from (or saved as) the base with ``token`` differs from that base: per
    field, each key changed since, with its value now (``None``: gone) — cumulated over every save
    since the base, so a log is one file read and applied once — and the splices of the block
    indexes, in order. ``touched`` gathers the keys this build changed until :meth:`fold`."""

    token: str
    base_size: int
    entries: dict[str, dict] = field(default_factory=dict)
    splices: dict[str, list] = field(default_factory=dict)  # "ttl"/"trig" -> [(header length, {key: new size, 0: gone})]
    touched: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    indexes: dict[str, object] = field(default_factory=dict)  # the block indexes the splices lead to

    def fold(self, current: Mapping[str, Mapping]) -> None:
        """Take the touched keys' values now from ``current`` (field -> its mapping) into ``entries``."""
        for name, keys in self.touched.items():
            now, entries = current[name], self.entries.setdefault(name, {})
            for key in keys:
                entries[key] = now.get(key)
        self.touched.clear()


def _load_base(path: Path) -> tuple[str, int, object] | None:
    """``(token, size in bytes, value)`` of a base written by a state's ``save``, or ``None``."""
    value = _read_pickle(path)
    if not isinstance(value, tuple) or len(value) != 3 or value[0] != _STATE_FORMAT or not isinstance(value[1], str):
        return None
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return value[1], size, value[2]


def _log_of(log: object, token: str) -> bool:
    """Whether ``log`` is a log of the base with ``token``."""
    return isinstance(log, tuple) and len(log) == 5 and log[0] == _STATE_FORMAT and log[1] == token and \
        all(isinstance(part, dict) for part in log[2:])


def _apply(mapping: dict, changed: Mapping) -> None:
    for key, value in changed.items():
        if value is None:
            mapping.pop(key, None)
        else:
            mapping[key] = value


def replay_splices(index: BlockIndex, ops: Iterable[tuple[int, Mapping[str, int]]]) -> BlockIndex:
    """The block index :func:`splice_parts` leads to from ``index`` through the splices ``ops``
    (each the header's length and the new size of each block it replaced, 0 for one removed),
    worked out on block sizes: one pass over the index however many splices there are."""
    from bisect import bisect_left
    from itertools import accumulate

    keys, offsets = list(index.keys), index.offsets
    head = offsets[0] if keys else None
    sizes = [b - a for a, b in zip(offsets, offsets[1:])]
    for header, changed in ops:
        if not keys:
            head = header
        for key in sorted(changed):
            size = changed[key]
            i = bisect_left(keys, key)
            if i < len(keys) and keys[i] == key:
                if size:
                    sizes[i] = size
                else:
                    del keys[i], sizes[i]
            elif size:
                keys.insert(i, key)
                sizes.insert(i, size)
    if not keys:
        return BlockIndex([], [0])
    return BlockIndex(keys, list(accumulate(sizes, initial=head)))


def _atomic_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".log")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    journal: Journal | None = field(default=None, compare=False, repr=False)  # since the base on disk (not saved)

    # --- persistence -------------------------------------------------------------------------

    @classmethod
    def load(cls, folder: Path, *, base: str, inverse: frozenset[str]) -> BuildState | None:
        """The saved state (its base and log, :class:`Journal`), or ``None`` when there is none or
        it was made for another base IRI, another set of backward links or another layout."""
        found = _load_base(folder / "state.pickle")
        if found is None:
            return None
        token, size, state = found
        if not isinstance(state, cls) or state.base != base or state.inverse != inverse:
            return None
        journal = Journal(token, size)
        log = _read_pickle(folder / "state.log")
        if _log_of(log, token) and set(log[2]) <= set(_STATE_ENTRIES) and set(log[3]) <= {"ttl", "trig"} \
                and set(log[4]) <= set(_STATE_SCALARS):
            _, _, entries, splices, scalars = log
            for name, changed in entries.items():
                _apply(getattr(state, name), changed)
            for name, ops in splices.items():
                setattr(state, name, replay_splices(getattr(state, name), ops))
            for name, value in scalars.items():
                setattr(state, name, value)
            journal.entries, journal.splices = entries, splices
        journal.indexes = {"ttl": state.ttl, "trig": state.trig}
        state.journal = journal
        return state

    def save(self, folder: Path, *, staged: Callable[[Path], Path] | None = None) -> tuple[Path, Path]:
        """Save the state, by difference when the log allows it (:class:`Journal`), else in full (at
        ``staged(final)`` when given, for the caller to move in); returns where it was written
        and the file that is to be."""
        log = self._log()
        final = folder / ("state.log" if log is not None else "state.pickle")
        written = staged(final) if staged is not None else final
        if log is not None:
            _atomic_bytes(written, log)
            return written, final
        token = secrets.token_hex(8)
        _atomic_pickle(written, (_STATE_FORMAT, token, replace(self, journal=None)))
        self.journal = Journal(token, written.stat().st_size, indexes={"ttl": self.ttl, "trig": self.trig})
        return written, final

    def _log(self) -> bytes | None:
        """The log of this state against its base, or ``None`` when it is to be saved in full."""
        journal = self.journal
        if journal is None or journal.indexes.get("ttl") is not self.ttl or journal.indexes.get("trig") is not self.trig:
            return None  # no base, or an index made anew (an output written in full)
        journal.fold({name: getattr(self, name) for name in _STATE_ENTRIES})
        scalars = {name: getattr(self, name) for name in _STATE_SCALARS}
        data = pickle.dumps((_STATE_FORMAT, journal.token, journal.entries, journal.splices, scalars),
                            protocol=pickle.HIGHEST_PROTOCOL)
        return data if len(data) <= max(_LOG_MIN, journal.base_size * LOG_SHARE) else None

    @staticmethod
    def forget(folder: Path) -> None:
        (folder / "state.pickle").unlink(missing_ok=True)
        (folder / "state.log").unlink(missing_ok=True)

    def splice(self, name: str, blocks: Mapping[str, bytes | None], header: bytes) -> list:
        """:func:`splice_parts` of the block index ``name`` (``"ttl"``, ``"trig"``), which the
        state then holds (and its log records); returns the parts."""
        index = getattr(self, name)
        parts, new = splice_parts(index, blocks, header)
        setattr(self, name, new)
        journal = self.journal
        if journal is not None and journal.indexes.get(name) is index:
            journal.splices.setdefault(name, []).append((len(header), {k: len(b) if b else 0 for k, b in blocks.items()}))
            journal.indexes[name] = new
        return parts

    def _touch(self, name: str, key) -> None:
        if self.journal is not None:
            self.journal.touched[name].add(key)

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
                self._touch("labels", o)
                if add:
                    self.labels[o].add(s)
                else:
                    self._discard(self.labels, o, s)
            elif p == _SUB_CLASS_OF:
                self.subclass_count += sign
            if p in self.inverse and isinstance(o, str):
                self._touch("incoming", o)
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
            old_objects = {o for _, _, o in old if isinstance(o, str)}
            new_objects = {o for _, _, o in new if isinstance(o, str)}
            self.objects.subtract(old_objects)
            self.objects.update(new_objects)
            if self.journal is not None:
                self.journal.touched["objects"].update(old_objects, new_objects)
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
            self._touch("single", s)
            self._touch("shared", s)
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
            self._touch("graphs", iri)
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
    journal: Journal | None = field(default=None, compare=False, repr=False)  # since the base on disk (not saved)

    @classmethod
    def load(cls, folder: Path, fingerprint: str) -> SourcesState | None:
        """The saved state (its base and log, :class:`Journal`), or ``None`` (none, another
        fingerprint or layout)."""
        found = _load_base(folder / "sources.pickle")
        if found is None:
            return None
        token, size, state = found
        if not isinstance(state, cls) or state.fingerprint != fingerprint:
            return None
        journal = Journal(token, size)
        log = _read_pickle(folder / "sources.log")
        if _log_of(log, token) and set(log[2]) <= {"records", "probes"} and set(log[4]) <= set(_SOURCES_SCALARS):
            _, _, entries, _, scalars = log
            records = entries.get("records", {})
            added = any(name not in state.records for name in records)
            _apply(state.records, records)
            if added:  # in name order, as saved in full
                state.records = dict(sorted(state.records.items()))
            _apply(state.probes, entries.get("probes", {}))
            for name, value in scalars.items():
                setattr(state, name, value)
            journal.entries = entries
        state.journal = journal
        return state

    def save(self, folder: Path, *, staged: Callable[[Path], Path] | None = None,
             previous: SourcesState | None = None) -> tuple[Path, Path]:
        """Save the state: by difference from ``previous`` (the state loaded at the start of this
        build, whose base is on disk) when it allows it, else in full; at ``staged(final)`` when
        given, for the caller to move in. Returns where it was written and the file that is to be."""
        log = self._log(previous)
        final = folder / ("sources.log" if log is not None else "sources.pickle")
        written = staged(final) if staged is not None else final
        if log is not None:
            _atomic_bytes(written, log)
            return written, final
        token = secrets.token_hex(8)
        _atomic_records(written, (_STATE_FORMAT, token, replace(self, journal=None)))
        self.journal = Journal(token, written.stat().st_size)
        return written, final

    def _log(self, previous: SourcesState | None) -> bytes | None:
        journal = previous.journal if previous is not None else None
        if journal is None or previous.fingerprint != self.fingerprint or previous.registry is not self.registry or \
                previous.resolver is not self.resolver:
            return None
        old = previous.records
        records = dict(journal.entries.get("records", {}))
        records.update((name, record) for name, record in self.records.items() if old.get(name) is not record)
        records.update((name, None) for name in old.keys() - self.records.keys())
        probes = dict(journal.entries.get("probes", {}))
        added = {key: value for key, value in self.probes.items() if key not in previous.probes}
        if len(self.probes) != len(previous.probes) + len(added):
            return None  # a look-up forgotten: not a difference the log spells
        probes.update(added)
        entries = {"records": records, "probes": probes}
        scalars = {name: getattr(self, name) for name in _SOURCES_SCALARS}
        data = _records_bytes((_STATE_FORMAT, journal.token, entries, {}, scalars))
        if len(data) > max(_LOG_MIN, journal.base_size * LOG_SHARE):
            return None
        self.journal = Journal(journal.token, journal.base_size, entries)
        return data

    @staticmethod
    def forget(folder: Path) -> None:
        (folder / "sources.pickle").unlink(missing_ok=True)
        (folder / "sources.log").unlink(missing_ok=True)


_SOURCES_SCALARS = ("acronyms", "full", "conflicts")


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


def _records_table() -> dict:
    """The parse cache's quick reductions of records, and one for sources' records."""
    from kb.cache import _dispatch_table

    table = dict(_dispatch_table())
    table[SourceRecord] = lambda r: (SourceRecord, tuple(getattr(r, f) for f in SourceRecord.__slots__))
    return table


def _records_pickler(out) -> pickle.Pickler:
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _records_table()
    return pickler


def _records_bytes(value: object) -> bytes:
    import io

    buffer = io.BytesIO()
    _records_pickler(buffer).dump(value)
    return buffer.getvalue()


def _atomic_records(path: Path, value: object) -> None:
    """:func:`_atomic_pickle` with the parse cache's quick reduction of records."""
    _atomic_pickle(path, value, dispatch_table=_records_table())


__all__ = ["BlockIndex", "Blobs", "BuildState", "Delta", "GraphEntries", "Journal", "LOG_SHARE", "STATE_VERSION", "SourceRecord",
           "SourcesState", "code_digest", "replay_splices", "signature", "splice", "splice_parts"]
