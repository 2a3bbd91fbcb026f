"""Answers on the five sources, through the shipped named queries and `kb query --format csv`
(the way outside tools call them). Expected facts are read from the texts by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.build import build
from kb.cli import cli

SOURCES = Path(__file__).resolve().parent.parent / "sources"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build(SOURCES, out)
    return out / "store"


def query(store: Path, name: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(cli, ["query", name, "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_the_contract_queries_have_their_columns(store):
    columns = {
        "events": ["event", "name", "series", "ordinal", "start", "end", "city", "country"],
        "organisations": ["organisation", "name", "country", "events", "statements"],
        "participation": ["organisation", "name", "role", "subject", "subject_label", "date"],
        "claims": ["statement", "stance", "target", "quote"],
        "co-signatories": ["organisation_a", "organisation_b", "shared"],
    }
    for name, expected in columns.items():
        result = CliRunner().invoke(cli, ["query", name, "--format", "csv", "--store", str(store)])
        assert result.output.splitlines()[0].split(",") == expected, name


def test_the_events_in_istanbul(store):
    found = {(row["name"], row["start"], row["end"]) for row in query(store, "events") if row["city"] == "Istanbul"}
    assert found == {
        ("1st Eurasian Alternative Conference", "1996-11-19", "1996-11-20"),
        ("Struggle against NATO barbarism in the Middle East and North Africa", "2013-02-02", "2013-02-03"),
    }


def test_who_took_part_in_both_the_1996_conference_and_the_21st_imcwp(store):
    rows = query(store, "took-part")
    by_event: dict[str, set[str]] = {}
    for row in rows:
        by_event.setdefault(row["event_label"], set()).add(row["name"])
    both = by_event["1st Eurasian Alternative Conference"] & by_event[
        "21st International Meeting of Communist and Workers' Parties"
    ]
    assert both == {"Communist Party of India (Marxist)", "Workers' Party of Korea", "Communist Party of Ukraine"}


def test_the_hosts_of_the_21st_imcwp(store):
    hosts = {row["name"] for row in query(store, "hosts") if row["event"].endswith("/event/imcwp-21")}
    assert hosts == {"Communist Party of Turkey", "Communist Party of Greece"}


def test_every_claim_that_condemns(store):
    condemn = [row for row in query(store, "claims") if row["stance"] == "condemn"]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")}
    assert all(any(row["quote"] in text for text in texts.values()) for row in condemn)
    quotes = {row["quote"] for row in condemn}
    for expected in (
        "condemns US blockade against Cuba, Democratic Peoples’ Republic of Korea, Iraq and Libya",
        "condemn all attempts of NATO, either covert operations or overt public relations activities",
        "condemn all forms of NATO actions against Syria and Iran",
    ):
        assert any(expected in quote for quote in quotes), expected


def test_co_signatories_are_unordered_pairs_most_shared_first(store):
    rows = query(store, "co-signatories")
    pairs = [(row["organisation_a"], row["organisation_b"]) for row in rows]
    assert all(a < b for a, b in pairs) and len(set(pairs)) == len(pairs)
    shared = [int(row["shared"]) for row in rows]
    assert shared == sorted(shared, reverse=True) and shared[0] >= 2
