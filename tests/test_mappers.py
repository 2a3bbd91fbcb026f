"""Mappers on hand-made records: the triples the ontology contract (ontology/TERMS.md) asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from rdflib import Literal, URIRef

from kb.errors import KbError, SourceError
from kb.iris import SAFE_SEGMENT
from kb.mappers import MAPPERS, MapContext, document_mentions, map_document, map_records
from kb.mappers.claim import claim_triples
from kb.mappers.event import event_triples
from kb.mappers.mention import mention_triples
from kb.mappers.organisation import mention_label_triples, organisation_triples
from kb.mappers.person import person_triples
from kb.mappers.source import source_triples
from kb.mappers.statement import adopted_at, statement_links, statement_triples
from kb.mint import Minter
import kb.namespaces as ns
from kb.namespaces import DCTERMS, DEFAULT_BASE_IRI, KB, KBK, KBS, RDF, SCHEMA, SKOS, Stance
from kb.records import (
    Claim, Event, Organisation, OrgMention, ParsedDocument, PartialDate, Person, ResolvedDocument, Source,
    SourceMeta, Span, Statement,
)
from strategies import claims, events, org_mentions

B = DEFAULT_BASE_IRI
CTX = MapContext(Minter(), "imcwp-2019")


def iri(path: str) -> URIRef:
    return URIRef(B + path)


def triples(mapper, record, ctx: MapContext = CTX) -> set:
    return set(mapper(record, ctx))


# --- Minter -----------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["https://example.org/id", "example.org/id/", "https://ex ample.org/", "https://e.org/a#b#"])
def test_minter_rejects_a_bad_base(base: str) -> None:
    with pytest.raises(KbError) as caught:
        Minter(base)
    assert base in caught.value.problem


@pytest.mark.parametrize("base", ["https://example.org/id/", "https://example.org/ontology#"])
def test_minter_accepts_slash_and_hash_bases(base: str) -> None:
    assert Minter(base).organisation("kke") == URIRef(base + "organisation/kke")


def test_minter_data_iris_follow_terms_md() -> None:
    m = Minter()
    assert m.source("IMCWP 2019") == iri("source/imcwp-2019")
    assert m.statement("imcwp-2019") == iri("statement/imcwp-2019")
    assert m.claim("imcwp-2019", Span(5, 40)) == iri("statement/imcwp-2019/claim/5-40")
    assert m.mention("imcwp-2019", Span(5, 40)) == iri("source/imcwp-2019#char=5,40")
    assert m.organisation("kke") == iri("organisation/kke")
    assert m.series("IMCWP") == iri("series/imcwp")
    assert m.place("İzmir", "TR") == iri("place/tr/izmir")
    assert m.place("Athens", None) == iri("place/xx/athens")
    assert m.person("Dimitris Koutsoumbas") == iri("person/dimitris-koutsoumbas")


def test_minter_escapes_everything_from_the_input() -> None:
    m = Minter()
    for minted in (m.source("../<script> x"), m.organisation('a"b c'), m.place("a/b", "G R")):
        rest = str(minted).removeprefix(B).split("/", 1)[1]
        assert all(SAFE_SEGMENT.match(part) for part in rest.split("/")), minted


def test_event_iri_prefers_series_and_ordinal() -> None:
    event = Event("21st IMCWP", Span(3, 13), ordinal=21, series="International Meeting", series_acronym="IMCWP",
                  start=PartialDate(2019, 10, 18))
    assert Minter().event(event, "src") == iri("event/imcwp-21")
    assert Minter().event(Event("x", ordinal=3, series="Eurasian Conference"), "src") == iri("event/eurasian-conference-3")


def test_event_iri_falls_back_to_name_and_start_then_source_and_offset() -> None:
    m = Minter()
    assert m.event(Event("Anti-NATO Meeting", start=PartialDate(2019, 4)), "s") == iri("event/anti-nato-meeting-2019-04")
    assert m.event(Event("Anti-NATO Meeting", Span(77, 90)), "My Source") == iri("event/my-source-77")
    assert m.event(Event(None, ordinal=4), "s") == iri("event/s-0")


def test_event_iri_rejects_an_ordinal_below_one() -> None:
    with pytest.raises(KbError):
        Minter().event(Event("x", ordinal=0, series="IMCWP"), "s")


# --- Source and statement -----------------------------------------------------------------


def make_source(meta: SourceMeta | None = None) -> Source:
    return Source("imcwp-2019", Path("sources/imcwp-2019.txt"), "text", "ab" * 32, meta)


def test_source_triples_carry_file_digest_and_metadata() -> None:
    meta = SourceMeta(url="https://example.org/a?b=1", publisher="KKE", published=PartialDate(2019, 10, 20),
                      language="en")
    got = triples(source_triples, make_source(meta))
    node = iri("source/imcwp-2019")
    assert got == {
        (node, RDF.type, KB.SourceDocument),
        (node, KB.fileName, Literal("imcwp-2019.txt")),
        (node, KB.sha256, Literal("ab" * 32)),
        (node, SCHEMA.url, URIRef("https://example.org/a?b=1")),
        (node, DCTERMS.publisher, Literal("KKE")),
        (node, DCTERMS.issued, Literal("2019-10-20", datatype=ns.XSD.date)),
        (node, DCTERMS.language, Literal("en")),
    }


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://example.org/a b", "https://ex.org/<x>", "/relative"])
def test_source_rejects_a_url_that_is_not_a_safe_iri(url: str) -> None:
    with pytest.raises(SourceError) as caught:
        triples(source_triples, make_source(SourceMeta(url=url)))
    assert caught.value.field == "url"


@pytest.mark.parametrize(
    ("date", "datatype"),
    [(PartialDate(2019), ns.XSD.gYear), (PartialDate(2019, 10), ns.XSD.gYearMonth), (PartialDate(2019, 10, 5), ns.XSD.date)],
)
def test_statement_date_is_typed_by_precision(date: PartialDate, datatype: URIRef) -> None:
    got = triples(statement_triples, Statement(title="On NATO", date=date, kind="joint-statement"))
    node = iri("statement/imcwp-2019")
    assert (node, KB.statementDate, Literal(date.iso, datatype=datatype)) in got
    assert (node, DCTERMS.title, Literal("On NATO")) in got
    assert (node, KB.kind, KBK["joint-statement"]) in got
    assert (node, KB.source, iri("source/imcwp-2019")) in got


def test_statement_rejects_an_unknown_kind() -> None:
    with pytest.raises(KbError, match="manifesto"):
        triples(statement_triples, Statement(kind="manifesto"))


# --- Events, series, places ---------------------------------------------------------------


def kke(start: int = 100) -> OrgMention:
    return OrgMention(Span(start, start + 3), "KKE", "GR", "kke")


def imcwp_21() -> Event:
    return Event(
        "21st International Meeting of Communist and Workers' Parties", Span(10, 70), ordinal=21,
        series="International Meeting of Communist and Workers' Parties", series_acronym="IMCWP",
        start=PartialDate(2019, 10, 18), end=PartialDate(2019, 10), city="İzmir", country="TR",
        hosts=(OrgMention(Span(80, 83), "TKP", "TR", "tkp"), OrgMention(Span(90, 95), "Unknown")),
        participants=(kke(),), participant_count=74, country_count=59,
    )


def test_event_triples() -> None:
    got = triples(event_triples, imcwp_21())
    node = iri("event/imcwp-21")
    expected = {
        (node, RDF.type, KB.Event),
        (node, SKOS.prefLabel, Literal("21st International Meeting of Communist and Workers' Parties")),
        (node, KB.ordinal, Literal("21", datatype=ns.XSD.positiveInteger)),
        (node, KB.inSeries, iri("series/imcwp")),
        (node, KB.startDate, Literal("2019-10-18", datatype=ns.XSD.date)),
        (node, KB.endDate, Literal("2019-10", datatype=ns.XSD.gYearMonth)),
        (node, KB.heldIn, iri("place/tr/izmir")),
        (node, KB.countryCode, Literal("TR")),
        (node, KB.hostedBy, iri("organisation/tkp")),
        (node, KB.participant, iri("organisation/kke")),
        (node, KB.participantCount, Literal("74", datatype=ns.XSD.nonNegativeInteger)),
        (node, KB.countryCount, Literal("59", datatype=ns.XSD.nonNegativeInteger)),
        (iri("series/imcwp"), RDF.type, KB.EventSeries),
        (iri("series/imcwp"), SKOS.prefLabel, Literal("International Meeting of Communist and Workers' Parties")),
        (iri("series/imcwp"), SKOS.altLabel, Literal("IMCWP")),
        (iri("place/tr/izmir"), RDF.type, KB.Place),
        (iri("place/tr/izmir"), SKOS.prefLabel, Literal("İzmir")),
        (iri("place/tr/izmir"), KB.countryCode, Literal("TR")),
    }
    assert got == expected  # the unresolved host is not linked


def test_event_with_only_a_year_and_no_series_or_place() -> None:
    got = triples(event_triples, Event("Seminar", start=PartialDate(1996)))
    node = iri("event/seminar-1996")
    assert (node, KB.startDate, Literal("1996", datatype=ns.XSD.gYear)) in got
    assert {s for s, _, _ in got} == {node}


def test_series_known_only_by_acronym_has_it_as_its_name() -> None:
    got = triples(event_triples, Event(None, ordinal=2, series_acronym="EAC"))
    assert (iri("series/eac"), SKOS.prefLabel, Literal("EAC")) in got
    assert not any(p == SKOS.altLabel for _, p, _ in got)


# --- Claims, mentions, organisations, persons -------------------------------------------


def test_claim_triples() -> None:
    claim = Claim(Stance.CONDEMN, "NATO", "We condemn NATO's aggression", Span(200, 228))
    node = iri("statement/imcwp-2019/claim/200-228")
    assert triples(claim_triples, claim) == {
        (node, RDF.type, KB.Claim),
        (node, KB.stance, KBS.condemn),
        (node, KB.target, Literal("NATO")),
        (node, KB.quote, Literal("We condemn NATO's aggression")),
        (node, KB.startOffset, Literal("200", datatype=ns.XSD.nonNegativeInteger)),
        (node, KB.endOffset, Literal("228", datatype=ns.XSD.nonNegativeInteger)),
        (node, KB.source, iri("source/imcwp-2019")),
    }


def test_mention_keeps_the_exact_text_and_denotes_when_resolved() -> None:
    node = iri("source/imcwp-2019#char=5,30")
    resolved = triples(mention_triples, OrgMention(Span(5, 30), "Communist Party\nof Greece", "GR", "kke"))
    assert (node, KB.quote, Literal("Communist Party\nof Greece")) in resolved
    assert (node, KB.denotes, iri("organisation/kke")) in resolved
    assert (node, KB.source, iri("source/imcwp-2019")) in resolved
    unresolved = triples(mention_triples, OrgMention(Span(5, 30), "Somebody"))
    assert not any(p == KB.denotes for _, p, _ in unresolved)


def test_organisation_triples() -> None:
    org = Organisation("kke", "Communist Party of Greece", "gr", "party",
                       aliases=("KKE", "Communist Party of Greece"), same_as=("http://www.wikidata.org/entity/Q27",))
    node = iri("organisation/kke")
    assert triples(organisation_triples, org) == {
        (node, RDF.type, KB.Organisation),
        (node, SKOS.prefLabel, Literal("Communist Party of Greece")),
        (node, SKOS.altLabel, Literal("KKE")),  # the alias equal to the name is not repeated
        (node, KB.countryCode, Literal("GR")),
        (node, KB.orgKind, Literal("party")),
        (node, SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q27")),
    }


def test_mention_strings_become_alt_labels_unless_equal_to_the_name() -> None:
    org = Organisation("kke", "Communist Party of Greece")
    mentions = [OrgMention(Span(0, 3), "KKE", org_id="kke"), OrgMention(Span(9, 35), "Communist  Party of\nGreece", org_id="kke"),
                OrgMention(Span(40, 45), "Other", org_id="other")]
    assert set(mention_label_triples([org], mentions, CTX)) == {(iri("organisation/kke"), SKOS.altLabel, Literal("KKE"))}


def test_person_triples() -> None:
    person = Person("Dimitris  Koutsoumbas", Span(0, 20), "General Secretary of the CC", kke())
    node = iri("person/kke/dimitris-koutsoumbas")
    assert triples(person_triples, person) == {
        (node, RDF.type, KB.Person),
        (node, SKOS.prefLabel, Literal("Dimitris Koutsoumbas")),
        (node, KB.post, Literal("General Secretary of the CC")),
        (node, KB.memberOf, iri("organisation/kke")),
    }


# --- Registry, statement links, documents -------------------------------------------------


def test_registry_covers_every_mapped_record_type_and_rejects_others() -> None:
    assert set(MAPPERS) == {Source, Statement, Event, Claim, Person, OrgMention, Organisation}
    with pytest.raises(TypeError, match="Span"):
        list(map_records([Span(0, 1)], CTX))


def make_document(kind: str = "joint-statement", statuses: tuple[str, ...] = ("reported", "announced")) -> ResolvedDocument:
    first = imcwp_21()
    events = tuple(
        Event(first.name, first.name_span, first.ordinal + i, first.series, first.series_acronym, first.start,
              first.end, first.city, first.country, first.hosts, first.participants, status=status)
        for i, status in enumerate(statuses)
    )
    document = ParsedDocument(
        source=make_source(SourceMeta(url="https://example.org/s", published=PartialDate(2019, 10, 20))),
        statement=Statement("Joint Statement", Span(0, 15), PartialDate(2019, 10, 20), kind),
        events=events,
        signatories=(kke(300), OrgMention(Span(310, 313), "TKP", "TR", "tkp"), OrgMention(Span(320, 330), "Nobody")),
        authors=(kke(400),),
        mentions=(kke(100), OrgMention(Span(500, 525), "Communist Party of Greece", "GR", "kke")),
        persons=(Person("Kemal Okuyan", Span(600, 612), "General Secretary",
                        OrgMention(Span(620, 623), "TKP", "TR", "tkp")),),
        claims=(Claim(Stance.SOLIDARITY, "the people of Cuba", "solidarity with the people of Cuba", Span(700, 734)),),
    )
    organisations = (Organisation("kke", "Communist Party of Greece", "GR", "party", curated=True),
                     Organisation("tkp", "Communist Party of Turkey", "TR", "party", aliases=("TKP",)))
    return ResolvedDocument(document, organisations)


def test_statement_links() -> None:
    resolved = make_document()
    got = set(statement_links(resolved.document, CTX))
    node = iri("statement/imcwp-2019")
    assert got == {
        (node, KB.signatory, iri("organisation/kke")),
        (node, KB.signatory, iri("organisation/tkp")),
        (node, KB.author, iri("organisation/kke")),
        (node, KB.claim, iri("statement/imcwp-2019/claim/700-734")),
        (node, KB.reports, iri("event/imcwp-21")),
        (node, KB.announces, iri("event/imcwp-22")),
        (node, KB.adoptedAt, iri("event/imcwp-21")),
    }


@pytest.mark.parametrize(
    ("kind", "statuses", "adopted"),
    [
        ("declaration", ("reported",), True),
        ("resolution", ("reported", "referenced"), True),
        ("report", ("reported",), False),  # a party's report is about the meeting, not issued by it
        ("joint-statement", ("announced", "reported"), False),  # only the first event counts
        ("joint-statement", (), False),
        (None, ("reported",), False),
    ],
)
def test_adopted_at_rule(kind: str | None, statuses: tuple[str, ...], adopted: bool) -> None:
    document = make_document(kind or "report", statuses).document
    if kind is None:
        document = ParsedDocument(document.source, Statement(), events=document.events)
    assert (adopted_at(document) is not None) == adopted


def test_map_document_yields_every_node_with_its_type_and_no_dangling_links() -> None:
    got = set(map_document(make_document(), minter=Minter()))
    typed = {s: o for s, p, o in got if p == RDF.type}
    assert typed[iri("source/imcwp-2019")] == KB.SourceDocument
    assert typed[iri("statement/imcwp-2019")] == KB.Statement
    assert typed[iri("event/imcwp-22")] == KB.Event
    assert typed[iri("person/tkp/kemal-okuyan")] == KB.Person
    assert typed[iri("source/imcwp-2019#char=320,330")] == KB.Mention  # unresolved, still a mention
    assert typed[iri("source/imcwp-2019#char=620,623")] == KB.Mention  # a person's organisation
    assert (iri("organisation/kke"), SKOS.prefLabel, Literal("Communist Party of Greece")) in got
    assert (iri("organisation/tkp"), SKOS.altLabel, Literal("TKP")) in got
    assert (iri("organisation/kke"), SKOS.altLabel, Literal("KKE")) in got  # as a mention writes it
    labels = {(s, o) for s, p, o in got if p == SKOS.prefLabel}
    assert not any((s, o) in labels for s, p, o in got if p == SKOS.altLabel), "SKOS: prefLabel and altLabel are disjoint"
    for s, p, o in got:
        assert str(s).startswith(B)
        if isinstance(o, URIRef) and str(o).startswith(B):
            assert o in typed, f"{s} {p} {o}: the object has no rdf:type"


def test_document_mentions_are_distinct_and_include_every_role() -> None:
    mentions = document_mentions(make_document().document)
    assert len(mentions) == len(set(mentions))
    assert {m.span.start for m in mentions} == {100, 500, 300, 310, 320, 400, 80, 90, 620}


def test_map_document_is_pure() -> None:
    resolved = make_document()
    first = list(map_document(resolved, minter=Minter()))
    assert first == list(map_document(resolved, minter=Minter()))


@settings(max_examples=60, deadline=None)
@given(event=events, claim=claims, mention=org_mentions)
def test_mappers_are_pure_and_only_emit_data_subjects(event: Event, claim: Claim, mention: OrgMention) -> None:
    records = [event, claim, mention]
    once = list(map_records(records, CTX))
    assert once == list(map_records(records, CTX))
    assert all(str(s).startswith(B) and isinstance(p, URIRef) for s, p, _ in once)


def test_persons_are_told_apart_by_name_and_organisation():
    m = Minter()
    assert m.person("Ana Silva", "left-bloc") != m.person("Ana Silva", "workers-party-pe")
    assert m.person("Ana Silva", "left-bloc") == URIRef(DEFAULT_BASE_IRI + "person/left-bloc/ana-silva")
