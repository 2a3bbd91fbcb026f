"""Who is who, through the built Turtle: each mention string (a kb:Mention's kb:quote) denotes
one organisation node; the pairs the five sources contain are joined or kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kb.build import build

SOURCES = Path(__file__).resolve().parent.parent / "sources"
PREFIXES = """
PREFIX kb: <https://w3id.org/declarations/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = build(SOURCES, out, with_store=False)
    return result, Graph().parse(out / "kb.ttl")


def denoted(graph: Graph, quote: str) -> set[str]:
    rows = graph.query(PREFIXES + "SELECT DISTINCT ?o WHERE { ?m a kb:Mention ; kb:quote ?q ; kb:denotes ?o . FILTER(STR(?q) = STR(?text)) }",
                       initBindings={"text": __import__("rdflib").Literal(quote)})
    return {str(o) for (o,) in rows}


SAME = [
    ("The Workers’ Party (Korea)", "Workers’ Party of Korea"),
    ("The Communist Party of Ukraine", "Communist Part of Ukraine"),
    ("The Communist Party of India (Marxist)", "Communist Party of India (Marxist)"),
    ("Communist Party of Israel (CPI)", "Communist Party of Israel"),
    ("Communist Party of Turkey (TKP)", "TKP"),
    ("TKP", "Communist Party of Turkey"),
]
DIFFERENT = [
    ("Communist Party of India", "Communist Party of India (Marxist)"),
    ("Communist Party of Brazil", "Brazilian Communist Party"),
    ("Communist Party of Spain", "Communist Party of the Peoples of Spain"),
    ("Communist Party of Bangladesh", "Workers Party of Bangladesh"),
    ("Italian Communist Party", "Communist Party (Italia)"),
    ("The Communist Party of Syria", "Syrian Communist Party (Unified)"),
    ("The Communist Party of Ukraine", "Union of Communists of Ukraine"),
    ("Socialist Party of Serbia", "Communists of Serbia"),
    ("The Workers’ Party (Turkey)", "Communist Party of Turkey"),
    ("Communist Party of Turkey", "SEP (Turkey)"),
    ("The Workers’ Party (Turkey)", "SEP (Turkey)"),
    ("Palestinian Communist Party", "Palestinian Peoples Party"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spellings_of_one_organisation_denote_one_node(built, a, b):
    _, graph = built
    nodes_a, nodes_b = denoted(graph, a), denoted(graph, b)
    assert len(nodes_a) == 1 and nodes_a == nodes_b


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organisations_stay_different_nodes(built, a, b):
    _, graph = built
    nodes_a, nodes_b = denoted(graph, a), denoted(graph, b)
    assert len(nodes_a) == 1 and len(nodes_b) == 1 and nodes_a != nodes_b


def test_an_open_case_is_reported_for_a_curator_not_decided(built):
    result, graph = built
    assert denoted(graph, "The People’s Communist Party of Spain") != denoted(graph, "Communist Party of the Peoples of Spain")
    assert any(r.mention == "The People’s Communist Party of Spain" and r.candidate is not None for r in result.doubtful)


def test_izmir_and_istanbul_are_one_place_each_whatever_the_spelling(built):
    _, graph = built
    places = {(str(city), str(cc)) for city, cc in graph.query(PREFIXES + """
        SELECT ?city ?cc WHERE { ?e kb:heldIn ?p . ?p skos:prefLabel ?city ; kb:countryCode ?cc }""")}
    assert ("İzmir", "TR") in places and ("Istanbul", "TR") in places
    istanbul_events = list(graph.query(PREFIXES + """
        SELECT DISTINCT ?e WHERE { ?e kb:heldIn ?p . ?p skos:prefLabel "Istanbul" }"""))
    assert len(istanbul_events) == 2
    assert len({p for (p,) in graph.query(PREFIXES + "SELECT DISTINCT ?p WHERE { ?p a kb:Place ; skos:prefLabel ?l }")}) == \
        len({str(label) for (label,) in graph.query(PREFIXES + "SELECT DISTINCT ?l WHERE { ?p a kb:Place ; skos:prefLabel ?l }")})


def test_the_21st_imcwp_is_one_event_in_both_sources(built):
    _, graph = built
    events = list(graph.query(PREFIXES + "SELECT DISTINCT ?e WHERE { ?e a kb:Event ; kb:ordinal ?o FILTER(?o = 21) }"))
    assert len(events) == 1
