"""Named queries over tests/fixtures/mini.trig (answers worked out by hand), formats, errors, CLI."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kb.cli.store import query as query_command
from kb.errors import KbError, QueryError
from kb.query import (FORMATS, QueryResult, _json_term, format_result, get_query, list_queries,
                      resolve_query, run_query, write_query)
from kb.store import build_store

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/declarations/id/"
CONTRACT = {
    "events": ("event", "name", "series", "ordinal", "start", "end", "city", "country"),
    "organisations": ("organisation", "name", "country", "events", "statements"),
    "participation": ("organisation", "name", "role", "subject", "subject_label", "date"),
    "claims": ("statement", "stance", "target", "quote"),
    "co-signatories": ("organisation_a", "organisation_b", "shared"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "store"
    build_store(MINI, path)
    return path


def rows(name: str, store: Path) -> list[dict[str, str]]:
    """The named query's rows as dicts of plain strings ('' when unbound)."""
    result = run_query(get_query(name).text, store=store)
    return [{var: "" if term is None else term.value for var, term in zip(result.variables, row)}
            for row in result.rows]


# --- the named queries ---------------------------------------------------------------------

def test_the_contract_queries_are_shipped_with_their_columns() -> None:
    shipped = {named.name: named.columns for named in list_queries()}
    assert {name: shipped.get(name) for name in CONTRACT} == CONTRACT


@pytest.mark.parametrize("named", list_queries(), ids=lambda named: named.name)
def test_every_named_query_returns_its_declared_columns_in_a_stable_order(named, store) -> None:
    result = run_query(named.text, store=store)
    assert result.variables == named.columns
    assert "ORDER BY" in named.text
    assert result.rows, f"{named.name} has no rows on the fixture"
    assert len(set(result.rows)) == len(result.rows), f"{named.name} repeats rows"
    assert run_query(named.text, store=store).rows == result.rows


@pytest.mark.parametrize("named", list_queries(), ids=lambda named: named.name)
def test_every_named_query_documents_its_order(named) -> None:
    header = named.text.split("PREFIX", 1)[0]
    assert re.search(r"^# order: \S", header, re.MULTILINE), f"{named.name}: no '# order:' line"


def test_events_in_istanbul(store) -> None:
    istanbul = [(row["name"], row["start"], row["end"]) for row in rows("events", store)
                if row["city"] == "Istanbul"]
    assert istanbul == [
        ("1st Eurasian Alternative Conference", "1996-11-19", "1996-11-20"),
        ("Struggle against NATO barbarism in the Middle East and North Africa", "2013-02-02", "2013-02-03"),
    ]


def test_events_give_series_ordinal_and_country(store) -> None:
    imcwp = next(row for row in rows("events", store) if row["event"] == ID + "event/imcwp-21")
    assert imcwp == {"event": ID + "event/imcwp-21", "name": "",
                     "series": "International Meeting of Communist and Workers' Parties",
                     "ordinal": "21", "start": "2019-10-18", "end": "2019-10-20", "city": "Izmir",
                     "country": "TR"}


def test_organisations_in_both_the_1996_conference_and_the_21st_imcwp(store) -> None:
    took_part: dict[str, set[str]] = {}
    for row in rows("participation", store):
        if row["role"] in ("host", "participant"):
            took_part.setdefault(row["subject"], set()).add(row["name"])
    both = took_part[ID + "event/eurasian-alternative-1"] & took_part[ID + "event/imcwp-21"]
    assert both == {"Communist Party of India (Marxist)", "Communist Party of Ukraine",
                    "Workers' Party of Korea"}


def test_hosts_of_the_21st_imcwp(store) -> None:
    hosts = [(row["event_label"], row["name"]) for row in rows("hosts", store)]
    label = "International Meeting of Communist and Workers' Parties 21"
    assert hosts == [(label, "Communist Party of Greece"), (label, "Communist Party of Turkey")]


def test_claims_that_condemn(store) -> None:
    condemn = [(row["statement"], row["target"]) for row in rows("claims", store)
               if row["stance"] == "condemn"]
    assert condemn == [(ID + "statement/against-nato-barbarism", "NATO"),
                       (ID + "statement/imcwp-anti-imperialist-statement", "the blockade against Cuba")]
    assert [(row["target"], row["signatories"]) for row in rows("condemnations", store)] == [
        ("NATO", "2"), ("the blockade against Cuba", "5")]


def test_claims_are_ordered_by_statement_then_offset(store) -> None:
    imcwp = [row["stance"] for row in rows("claims", store)
             if row["statement"].endswith("imcwp-anti-imperialist-statement")]
    assert imcwp == ["solidarity", "condemn"]  # offsets 90 and 900: numeric, not string order


def test_co_signatories_count_shared_statements_and_events_once_per_pair(store) -> None:
    pairs = [(row["organisation_a"].rsplit("/", 1)[1], row["organisation_b"].rsplit("/", 1)[1],
              int(row["shared"])) for row in rows("co-signatories", store)]
    assert pairs[:5] == [
        ("communist-party-of-greece", "communist-party-of-turkey", 4),
        ("communist-party-of-india-marxist", "communist-party-of-ukraine", 4),
        ("communist-party-of-india-marxist", "workers-party-of-korea", 4),
        ("communist-party-of-ukraine", "workers-party-of-korea", 4),
        ("communist-party-of-azerbaijan", "communist-party-of-india-marxist", 2),
    ]
    assert pairs[-1] == ("po", "sep", 1)
    assert len(pairs) == 23  # 10 pairs among the 1996 five, 6 TKP/KKE x CPI(M)/WPK/CPU/each other, 6 with CP Israel, PO-SEP
    assert len({frozenset(pair[:2]) for pair in pairs}) == len(pairs)


def test_organisations_count_events_and_statements_without_double_counting(store) -> None:
    found = {row["name"]: (row["country"], row["events"], row["statements"])
             for row in rows("organisations", store)}
    assert len(found) == len(rows("organisations", store)) == 10
    assert found["Communist Party of Greece"] == ("GR", "2", "2")
    assert found["Communist Party of Israel"] == ("IL", "1", "1")
    assert found["PO"] == ("AR", "1", "0")


def test_participation_gives_every_role(store) -> None:
    israel = [(row["role"], row["subject_label"], row["date"]) for row in rows("participation", store)
              if row["name"] == "Communist Party of Israel"]
    assert israel == [("author", "", "2019-10"),
                      ("participant", "International Meeting of Communist and Workers' Parties 21", "2019-10-18")]
    roles = {row["role"] for row in rows("participation", store)}
    assert roles == {"host", "participant", "signatory", "author"}


def test_sources_count_the_triples_of_each_named_graph(store) -> None:
    sources = rows("sources", store)
    assert sum(int(row["triples"]) for row in sources) == 206
    assert [row["file"] for row in sources][:2] == ["against-nato-barbarism.txt", "cpi-report-imcwp.txt"]


# --- resolving and running -----------------------------------------------------------------

def test_resolve_query_accepts_a_name_a_file_or_text(tmp_path: Path) -> None:
    rq = tmp_path / "mine.rq"
    rq.write_text("ASK { ?s ?p ?o }")
    assert resolve_query("events") == get_query("events").text
    assert resolve_query(str(rq)) == "ASK { ?s ?p ?o }"
    assert resolve_query("SELECT * { ?s ?p ?o }") == "SELECT * { ?s ?p ?o }"


def test_resolve_query_rejects_unknown_names_and_missing_files() -> None:
    with pytest.raises(QueryError, match=r"no named query 'evnts' \(known: claims, co-signatories,"):
        resolve_query("evnts")
    with pytest.raises(QueryError, match="no query file missing.rq"):
        resolve_query("missing.rq")


def test_a_syntax_error_names_line_and_column(store) -> None:
    sparql = "SELECT ?name\nWHERE {\n  ?o skos:prefLabel ?name\n  FILTER (\n}"
    with pytest.raises(QueryError) as caught:
        run_query(sparql, store=store)
    # pyoxigraph reports the 1-based position where its parser stopped (just past the culprit)
    assert (caught.value.line, caught.value.column) == (5, 2)
    assert str(caught.value).startswith("line 5, column 2: SPARQL syntax error: expected")


def test_an_undefined_prefix_is_named_as_such(store) -> None:
    with pytest.raises(QueryError) as caught:
        run_query("SELECT * WHERE {\n  ?s foo:bar ?o }", store=store)
    assert (caught.value.line, caught.value.column) == (2, 13)
    assert "undefined prefix in `?s foo:bar ?o }`" in str(caught.value)


def test_run_query_over_a_file_and_with_predeclared_prefixes(tmp_path: Path) -> None:
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?e a kb:Event }", store=MINI)
    assert result.rows[0][0].value == "4"  # imcwp-21 is typed in two graphs, counted once
    with pytest.raises(KbError, match="no knowledge-base store"):
        run_query("ASK {}", store=tmp_path / "nowhere")


# --- formats -------------------------------------------------------------------------------

XSD = "http://www.w3.org/2001/XMLSchema#"
SAMPLE = QueryResult("select", variables=("s", "v", "empty"), rows=(
    (pyoxigraph.NamedNode(ID + "organisation/kke"), pyoxigraph.Literal('Say "no",\nplease'), None),
    (pyoxigraph.BlankNode("b0"), pyoxigraph.Literal("21", datatype=pyoxigraph.NamedNode(XSD + "integer")), None),
    (pyoxigraph.NamedNode("http://purl.org/dc/terms/title"), pyoxigraph.Literal("Paix", language="fr"), None),
))


def test_csv_is_the_w3c_format_with_plain_values() -> None:
    assert format_result(SAMPLE, "csv") == (
        "s,v,empty\r\n"
        f'{ID}organisation/kke,"Say ""no"",\nplease",\r\n'
        "_:b0,21,\r\n"
        "http://purl.org/dc/terms/title,Paix,\r\n")


def test_tsv_is_the_w3c_format_with_ntriples_terms() -> None:
    assert format_result(SAMPLE, "tsv") == (
        "?s\t?v\t?empty\n"
        f'<{ID}organisation/kke>\t"Say \\"no\\",\\nplease"\t\n'
        f'_:b0\t"21"^^<{XSD}integer>\t\n'
        '<http://purl.org/dc/terms/title>\t"Paix"@fr\t\n')


def test_json_is_the_w3c_format_with_types_datatypes_and_languages() -> None:
    document = json.loads(format_result(SAMPLE, "json"))
    assert document["head"] == {"vars": ["s", "v", "empty"]}
    assert document["results"]["bindings"] == [
        {"s": {"type": "uri", "value": ID + "organisation/kke"},
         "v": {"type": "literal", "value": 'Say "no",\nplease'}},
        {"s": {"type": "bnode", "value": "b0"},
         "v": {"type": "literal", "value": "21", "datatype": XSD + "integer"}},
        {"s": {"type": "uri", "value": "http://purl.org/dc/terms/title"},
         "v": {"type": "literal", "value": "Paix", "xml:lang": "fr"}},
    ]


def test_table_shortens_iris_aligns_columns_and_counts_rows() -> None:
    assert format_result(SAMPLE, "table", max_width=12) == (
        "s             v             empty\n"
        "------------  ------------  -----\n"
        "id:organisa…  Say \"no\", p…\n"
        "_:b0          21\n"
        "dcterms:tit…  Paix\n"
        "(3 rows)\n")


def test_ask_and_construct_results() -> None:
    assert format_result(run_query("ASK { ?e a kb:Event }", store=MINI), "csv") == "true\n"
    assert json.loads(format_result(QueryResult("ask", boolean=False), "json")) == {"head": {}, "boolean": False}
    turtle = format_result(run_query(
        "CONSTRUCT { ?e a kb:Event } WHERE { ?e kb:ordinal 21 }", store=MINI), "table")
    assert "@prefix kb: <https://w3id.org/declarations/ontology#> .\n" in turtle
    assert turtle.endswith(f"<{ID}event/imcwp-21> a kb:Event .\n")
    assert [str(t) for t in pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE)] == [
        f"<{ID}event/imcwp-21> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/declarations/ontology#Event>"]


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'; known: table, csv, tsv, json"):
        format_result(SAMPLE, "xml")


# --- the CLI, in process -------------------------------------------------------------------

def test_cli_lists_the_named_queries() -> None:
    result = CliRunner().invoke(query_command, ["--list"])
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "claims",
        "    Every position a statement takes: its stance (condemn, demand, solidarity, ...), what it is towards, and the exact quote.",
        "    columns: statement, stance, target, quote"]
    assert "co-signatories\n" in result.output


def test_cli_prints_csv(store) -> None:
    result = CliRunner().invoke(query_command, ["hosts", "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0
    assert result.stdout_bytes.decode() == (  # .output turns CRLF into LF
        "event,event_label,start,host,name\r\n"
        f"{ID}event/imcwp-21,International Meeting of Communist and Workers' Parties 21,2019-10-18,"
        f"{ID}organisation/communist-party-of-greece,Communist Party of Greece\r\n"
        f"{ID}event/imcwp-21,International Meeting of Communist and Workers' Parties 21,2019-10-18,"
        f"{ID}organisation/communist-party-of-turkey,Communist Party of Turkey\r\n")


def test_cli_runs_over_a_data_file() -> None:
    result = CliRunner().invoke(query_command, ["SELECT ?c WHERE { ?p kb:countryCode ?c } ORDER BY ?c LIMIT 1",
                                                "--data", str(MINI), "--format", "tsv"])
    assert (result.exit_code, result.output) == (0, '?c\n"AR"\n')


def test_cli_syntax_error_exits_2_with_line_and_column(store) -> None:
    result = CliRunner().invoke(query_command, ["SELECT * WHERE { ?s ?p }", "--store", str(store)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: line 1, column 25: SPARQL syntax error: expected")


def test_cli_unknown_query_exits_2_and_missing_store_raises_kb_error(tmp_path: Path) -> None:
    unknown = CliRunner().invoke(query_command, ["evnts"])
    assert unknown.exit_code == 2 and "no named query 'evnts'" in unknown.output
    missing = CliRunner().invoke(query_command, ["events", "--store", str(tmp_path / "none")])
    assert isinstance(missing.exception, KbError)  # the kb group prints it and exits 1


# --- writing answers as they come (kb query) ----------------------------------------------

SOURCES = Path(__file__).resolve().parent.parent / "sources"


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kb.build import build
    out = tmp_path_factory.mktemp("real")
    build(SOURCES, out)
    return out / "store"


def written(sparql: str, fmt: str, store) -> str:
    buffer = io.StringIO()
    write_query(sparql, buffer, fmt, store=store)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_query_writes_what_format_result_writes_for_every_named_query(fmt, store, real_store) -> None:
    for where in (store, real_store):
        for named in list_queries():
            expected = format_result(run_query(named.text, store=where), fmt)
            assert written(named.text, fmt, where) == expected, (named.name, fmt, where)


def test_write_query_handles_ask_construct_empty_and_unbound(store) -> None:
    for sparql in ("ASK { ?e a kb:Event }", "CONSTRUCT { ?e a kb:Event } WHERE { ?e kb:ordinal 21 }",
                   "SELECT ?x WHERE { ?x a kb:Nothing }", "SELECT * WHERE { }",
                   "SELECT ?x ?y WHERE { ?x kb:ordinal 21 OPTIONAL { ?x kb:nothing ?y } }",
                   "SELECT ?y WHERE { ?x kb:ordinal 21 OPTIONAL { ?x kb:nothing ?y } }"):
        for fmt in FORMATS:
            assert written(sparql, fmt, store) == format_result(run_query(sparql, store=store), fmt), (sparql, fmt)
    with pytest.raises(QueryError):
        written("SELECT * WHERE { ?s ?p }", "csv", store)
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        written("ASK {}", "xml", store)


def test_json_is_exactly_what_json_dumps_with_indent_1_writes() -> None:
    empty = QueryResult("select", variables=(), rows=((),))
    none = QueryResult("select", variables=("a",), rows=())
    for result in (SAMPLE, empty, none):
        bindings = [{name: _json_term(term) for name, term in zip(result.variables, row) if term is not None}
                    for row in result.rows]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        assert format_result(result, "json") == json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def test_cli_csv_on_the_real_kb_is_format_result_byte_for_byte(real_store) -> None:
    for name in ("co-signatories", "participation", "claims"):
        result = CliRunner().invoke(query_command, [name, "--format", "csv", "--store", str(real_store)])
        assert result.exit_code == 0
        expected = format_result(run_query(get_query(name).text, store=real_store), "csv")
        assert result.stdout_bytes.decode() == expected
