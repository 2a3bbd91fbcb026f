"""Export: deterministic bytes, lossless round trips, atomic writes; slugs safe in every IRI."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kb.namespaces as ns
from kb.buildstate import BlockIndex, splice
from kb.export import block_offsets, header_bytes, trig_blocks, trig_bytes, turtle_blocks, turtle_bytes, write_trig, write_turtle
from kb.iris import SAFE_SEGMENT
from kb.mappers import MapContext, map_records
from kb.mint import Minter
from kb.namespaces import DEFAULT_BASE_IRI, KB, RDF, SKOS
from kb.records import Claim, Event, OrgMention, Span
from strategies import TRICKY, claims, events, org_mentions, source_names, texts

B = DEFAULT_BASE_IRI
CTX = MapContext(Minter(), "imcwp-2019")
NODE = URIRef(B + "event/x")


def graph_of(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def assert_isomorphic(expected: Graph, got: Graph) -> None:
    if isomorphic(expected, got):
        return
    _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    lost = "\n".join(sorted(f"  - {t}" for t in only_expected))
    extra = "\n".join(sorted(f"  + {t}" for t in only_got))
    pytest.fail(f"graphs differ:\n{lost}\n{extra}")


def round_trip(triples: list) -> Graph:
    return Graph().parse(data=turtle_bytes(triples), format="turtle")


# --- Round trips ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(event=events)
def test_any_event_serialises_and_parses_back_isomorphically(event: Event) -> None:
    triples = list(map_records([event], CTX))
    assert_isomorphic(graph_of(triples), round_trip(triples))


@settings(max_examples=100, deadline=None)
@given(claim=claims, mention=org_mentions)
def test_any_claim_and_mention_round_trip(claim: Claim, mention: OrgMention) -> None:
    triples = list(map_records([claim, mention], CTX))
    assert_isomorphic(graph_of(triples), round_trip(triples))


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_literals_round_trip(value: str) -> None:
    triples = [(NODE, KB.quote, Literal(value)), (NODE, SKOS.prefLabel, Literal(value, lang="en"))]
    got = round_trip(triples)
    assert set(got) == set(triples)


@given(value=st.text())
def test_any_text_round_trips_as_a_literal(value: str) -> None:
    triples = [(NODE, KB.quote, Literal(value))]
    assert set(round_trip(triples)) == set(triples)


def test_markup_cannot_escape_the_literal() -> None:
    data = turtle_bytes([(NODE, KB.quote, Literal('"> . <x> <y> "z'))])
    assert len(Graph().parse(data=data, format="turtle")) == 1


def test_typed_literals_keep_their_datatype() -> None:
    triples = [
        (NODE, KB.startDate, Literal("2019", datatype=ns.XSD.gYear)),
        (NODE, KB.endDate, Literal("2019-10", datatype=ns.XSD.gYearMonth)),
        (NODE, KB.ordinal, Literal("21", datatype=ns.XSD.positiveInteger)),
    ]
    assert set(round_trip(triples)) == set(triples)


# --- Determinism --------------------------------------------------------------------------


MANY_OBJECTS = [Event("Meeting", participants=tuple(OrgMention(Span(i, i + 1), "P", org_id=f"p{i}") for i in range(6)))]


@settings(max_examples=60, deadline=None)
@given(records=st.lists(st.one_of(events, claims, org_mentions), max_size=6), seed=st.randoms(use_true_random=False))
@example(records=MANY_OBJECTS, seed=random.Random(1))
@example(records=MANY_OBJECTS, seed=random.Random(2))
def test_shuffling_and_repeating_triples_leaves_the_bytes_unchanged(records: list, seed: random.Random) -> None:
    triples = list(map_records(records, CTX))
    shuffled = triples + triples[: len(triples) // 2]
    seed.shuffle(shuffled)
    assert turtle_bytes(shuffled) == turtle_bytes(triples)


def test_output_is_sorted_with_prefixes_and_rdf_type_first() -> None:
    a, b = URIRef(B + "a"), URIRef(B + "b")
    data = turtle_bytes([(b, SKOS.prefLabel, Literal("B")), (a, SKOS.prefLabel, Literal("A")), (a, RDF.type, KB.Event)])
    text = data.decode()
    header = {line for line in text.splitlines() if line.startswith("@prefix")}
    assert header == {f"@prefix {name}: <{iri}> ." for name, iri in ns.PREFIXES.items()}
    assert text.index(f"<{a}>") < text.index(f"<{b}>")
    body = text[text.index(f"<{a}>"):]
    assert body.index(" a kb:Event") < body.index("skos:prefLabel")


SCRIPT = """
import sys
from kb.mappers import MapContext, map_records
from kb.mint import Minter
from kb.export import turtle_bytes
from kb.records import Event, OrgMention, PartialDate, Span
events = [Event(f"Meeting {i}", Span(i, i + 9), ordinal=i + 1, series="IMCWP", start=PartialDate(2000 + i),
                city="Athens", participants=tuple(OrgMention(Span(j, j + 1), "P", org_id=f"p{j}") for j in range(5)))
          for i in range(5)]
sys.stdout.buffer.write(turtle_bytes(map_records(events, MapContext(Minter(), "s"))))
"""


def test_bytes_are_the_same_in_another_process_and_hash_seed() -> None:
    outputs = {
        subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outputs) == 1 and len(outputs.pop()) > 500


def test_xsd_string_and_plain_literals_are_one_term() -> None:
    plain = [(NODE, KB.quote, Literal("x"))]
    typed = [(NODE, KB.quote, Literal("x", datatype=ns.XSD.string))]
    assert turtle_bytes(plain + typed) == turtle_bytes(plain)


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(TypeError, match="BNode"):
        turtle_bytes([(NODE, KB.denotes, BNode())])


# --- Writing files -------------------------------------------------------------------------


def test_write_turtle_counts_distinct_triples_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    triples = list(map_records([Event("Seminar", country="GR", city="Athens")], CTX))
    path = tmp_path / "kb.ttl"
    assert write_turtle(triples + triples, path) == len(set(triples))
    assert path.read_bytes() == turtle_bytes(triples)
    assert os.listdir(tmp_path) == ["kb.ttl"]


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kb.ttl"
    path.write_bytes(b"old")

    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_turtle([(NODE, KB.quote, Literal("new"))], path)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["kb.ttl"]


def test_bad_input_never_touches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kb.ttl"
    path.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_turtle([(NODE, KB.denotes, BNode())], path)
    assert path.read_bytes() == b"old"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside rdflib's TriG parser
def test_write_trig_one_named_graph_per_source(tmp_path: Path) -> None:
    g1, g2 = URIRef(B + "source/a"), URIRef(B + "source/b")
    t1 = list(map_records([Event("Seminar", city="Athens")], MapContext(Minter(), "a")))
    t2 = list(map_records([Event("Congress", ordinal=3, series="X")], MapContext(Minter(), "b")))
    path = tmp_path / "kb.trig"
    assert write_trig({g2: t2, g1: t1 + t1}, path) == len(set(t1)) + len(set(t2))
    assert path.read_bytes() == trig_bytes({g1: list(reversed(t1)), g2: t2})
    dataset = Dataset().parse(path, format="trig")
    assert set(dataset.graph(g1)) == set(t1)
    assert set(dataset.graph(g2)) == set(t2)


# --- Slugs in IRIs -------------------------------------------------------------------------


def data_segments(iri: URIRef) -> list[str]:
    """The minted segments of a data IRI: its path under the base, the fixed words removed."""
    path, _, fragment = str(iri).removeprefix(B).partition("#")
    if fragment:
        assert fragment.startswith("char=") and all(n.isdigit() for n in fragment[5:].split(",")), iri
    kind, *rest = path.split("/")
    assert kind in {"source", "statement", "event", "series", "place", "organisation", "person"}, iri
    if kind == "statement" and len(rest) == 3:
        assert rest[1] == "claim" and SAFE_SEGMENT.match(rest[2]), iri
        rest = rest[:1]
    return rest


@settings(max_examples=150, deadline=None)
@given(records=st.lists(st.one_of(events, claims, org_mentions), min_size=1, max_size=4), source=source_names)
def test_every_minted_segment_is_a_safe_slug(records: list, source: str) -> None:
    for triple in map_records(records, MapContext(Minter(), source)):
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(B):
                for segment in data_segments(term):
                    assert SAFE_SEGMENT.match(segment), f"{segment!r} in {term}"


@given(text=texts)
def test_minted_iris_are_accepted_by_oxigraph(text: str) -> None:
    m = Minter()
    turtle_bytes([(m.organisation(text), RDF.type, KB.Organisation), (m.place(text, text[:2] or None), RDF.type, KB.Place)])


# --- Blocks: what a rebuild splices ------------------------------------------------------------


def _subjects(triples) -> int:
    return len({s for s, _, _ in triples})


@settings(max_examples=80, deadline=None)
@given(records=st.lists(st.one_of(events, claims, org_mentions), max_size=6))
@example(records=MANY_OBJECTS)
def test_turtle_is_its_header_then_one_block_per_subject_each_serialised_alone(records: list) -> None:
    triples = list(map_records(records, CTX))
    whole = turtle_bytes(triples)
    if not triples:
        assert whole == b""
        return
    blocks = turtle_blocks(triples, _subjects(triples))
    assert whole == header_bytes() + b"".join(blocks)
    by_subject = sorted({s for s, _, _ in triples}, key=str)
    for subject, block in zip(by_subject, blocks):
        alone = turtle_bytes([t for t in triples if t[0] == subject])
        assert alone == header_bytes() + block


@settings(max_examples=40, deadline=None)
@given(records=st.lists(st.one_of(events, claims), min_size=1, max_size=4), names=st.lists(source_names, min_size=1, max_size=3))
def test_trig_is_its_header_then_one_block_per_graph_each_serialised_alone(records: list, names: list) -> None:
    minter = Minter()
    graphs = {minter.source(name): list(map_records(records[: i + 1], MapContext(minter, name)))
              for i, name in enumerate(names)}
    whole = trig_bytes(graphs)
    blocks = trig_blocks(graphs)
    assert whole == header_bytes() + b"".join(blocks)
    for graph, block in zip(sorted(graphs, key=str), blocks):
        assert trig_bytes({graph: graphs[graph]}) == header_bytes() + block


def test_a_spliced_file_is_the_file_written_from_scratch() -> None:
    a, b, c, d = (URIRef(B + f"event/{x}") for x in "abcd")
    old = [(a, KB.quote, Literal("a")), (b, KB.quote, Literal("b")), (c, KB.quote, Literal("c"))]
    data = turtle_bytes(old)
    index = BlockIndex([str(a), str(b), str(c)], block_offsets(data, 3, trig=False))
    new = [(a, KB.quote, Literal("a")), (c, KB.quote, Literal("c2")), (d, KB.quote, Literal("d"))]
    changed = {str(b): None, str(c): turtle_blocks([new[1]], 1)[0], str(d): turtle_blocks([new[2]], 1)[0]}
    spliced, spliced_index = splice(data, index, changed, header_bytes())
    assert spliced == turtle_bytes(new)
    assert spliced_index.offsets == block_offsets(spliced, 3, trig=False)
    assert splice(spliced, spliced_index, dict.fromkeys(spliced_index.keys), header_bytes()) == (b"", BlockIndex([], [0]))
    assert splice(b"", BlockIndex([], [0]), {str(a): turtle_blocks(old[:1], 1)[0]}, header_bytes())[0] == turtle_bytes(old[:1])


@settings(max_examples=150, deadline=None)
@given(value=texts, kind=st.sampled_from(["plain", "string", "lang", "integer", "date"]))
def test_compact_terms_give_back_the_same_rdflib_and_oxigraph_terms(value: str, kind: str) -> None:
    from kb.export import _plain, compact_term, ox_term, rdflib_term, to_oxigraph

    literal = {"plain": Literal(value), "string": Literal(value, datatype=ns.XSD.string),
               "lang": Literal(value, lang="pt-BR"), "integer": Literal(value, datatype=ns.XSD.integer),
               "date": Literal(value, datatype=ns.XSD.date)}[kind]
    for term in (literal, NODE):
        back = rdflib_term(compact_term(term))
        assert back == term and type(back) is type(term)
        assert ox_term(compact_term(term)) == to_oxigraph(_plain(term))


# --- The build's writer: compact triples, one serialiser for both files ------------------------


def test_one_serialiser_writes_compact_triples_as_the_rdflib_writers_do() -> None:
    from kb.export import CompactConverter, Serialiser

    minter = Minter()
    graphs = {minter.source(name): list(map_records(MANY_OBJECTS, MapContext(minter, name))) for name in ("b", "a")}
    graphs[minter.source("a")].append((NODE, KB.quote, Literal("x", datatype=ns.XSD.string)))  # "x" twice, typed and plain
    graphs[minter.source("a")].append((NODE, KB.quote, Literal("x")))
    convert = CompactConverter().triple
    compact = {str(g): [convert(t) for t in triples] for g, triples in graphs.items()}
    serialiser = Serialiser()
    union = [t for triples in compact.values() for t in triples]
    assert serialiser.turtle(union) == turtle_bytes([t for triples in graphs.values() for t in triples])
    assert serialiser.trig(compact) == trig_bytes(graphs)
    assert serialiser.turtle(reversed(union)) == Serialiser().turtle(union)  # reused: same bytes


def test_the_serialiser_writes_to_a_file_the_bytes_it_returns(tmp_path: Path) -> None:
    """``turtle_to``/``trig_to`` (the build's full writes: never the whole output in memory) and the
    block offsets read back from the file, a few bytes at a time."""
    from kb.export import CompactConverter, Serialiser, block_offsets_of, write_atomically_with

    minter = Minter()
    graphs = {minter.source(name): list(map_records(MANY_OBJECTS, MapContext(minter, name))) for name in ("b", "a")}
    convert = CompactConverter().triple
    compact = {str(g): [convert(t) for t in triples] for g, triples in graphs.items()}
    union = [t for triples in compact.values() for t in triples]
    serialiser = Serialiser()
    write_atomically_with(tmp_path / "kb.ttl", lambda handle: serialiser.turtle_to(handle, union))
    write_atomically_with(tmp_path / "kb.trig", lambda handle: serialiser.trig_to(handle, compact))
    ttl, trig = (tmp_path / "kb.ttl").read_bytes(), (tmp_path / "kb.trig").read_bytes()
    assert ttl == Serialiser().turtle(union) and trig == Serialiser().trig(compact)
    subjects = len({s for s, _, _ in union})
    ttl_offsets, trig_offsets = block_offsets(ttl, subjects, trig=False), block_offsets(trig, 2, trig=True)
    assert ttl_offsets is not None and trig_offsets is not None
    for chunk in (1, 7, 100, 1 << 20):
        assert block_offsets_of(tmp_path / "kb.ttl", subjects, trig=False, chunk=chunk) == ttl_offsets
        assert block_offsets_of(tmp_path / "kb.trig", 2, trig=True, chunk=chunk) == trig_offsets
        assert block_offsets_of(tmp_path / "kb.ttl", subjects + 1, trig=False, chunk=chunk) is None
    (tmp_path / "empty").write_bytes(b"")
    assert block_offsets_of(tmp_path / "empty", 0, trig=True) == [0] and block_offsets_of(tmp_path / "empty", 1, trig=True) is None
    with pytest.raises(TypeError, match="must be IRIs"):  # nothing written: the file is as it was
        write_atomically_with(tmp_path / "kb.ttl", lambda handle: serialiser.turtle_to(handle, [(("x", "", ""), str(KB.quote), ("y", "", ""))]))
    assert (tmp_path / "kb.ttl").read_bytes() == ttl and sorted(p.name for p in tmp_path.iterdir()) == ["empty", "kb.trig", "kb.ttl"]


def test_the_serialiser_refuses_literal_subjects_and_graph_names() -> None:
    from kb.export import Serialiser

    with pytest.raises(TypeError, match="must be IRIs"):
        Serialiser().turtle([(("x", "", ""), str(KB.quote), ("y", "", ""))])
    with pytest.raises(TypeError, match="must be IRIs"):
        Serialiser().trig({("g", "", ""): [(str(NODE), str(KB.quote), ("y", "", ""))]})
