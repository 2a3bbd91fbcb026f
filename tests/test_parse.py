"""The parser: properties on any text, one focused case per reading rule, and a floor on the
hand-annotated texts in tests/texts/ (scored by tests/parse_eval.py)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import KbError
from kb.parse import ParseOptions, parse_source
from kb.records import PartialDate, Source

ROOT = Path(__file__).resolve().parent.parent


def parse(text: str, *, published: str | None = None):
    source = Source(name="case", path=Path("case.txt"), text=text, sha256=hashlib.sha256(text.encode()).hexdigest())
    options = ParseOptions(published=PartialDate.from_iso(published) if published else None)
    return parse_source(source, options=options)


def mentions(doc, role: str) -> list[str]:
    if role == "signatories":
        return [m.text for m in doc.signatories]
    main = doc.events[0]
    return [m.text for m in (main.hosts if role == "hosts" else main.participants)]


def stances(doc) -> set[tuple[str, str]]:
    """(stance, quote) of each claim."""
    return {(c.stance.value, c.quote) for c in doc.claims}


def announced(doc) -> list[tuple]:
    """(city, start, hosts) of each announced meeting."""
    return [(e.city, e.start.iso if e.start else None, [m.text for m in e.hosts]) for e in doc.events
            if e.status == "announced"]


def every_span(doc):
    for claim in doc.claims:
        yield claim.span, claim.quote
    for mention in doc.mentions + doc.signatories + doc.authors:
        yield mention.span, mention.text
    for event in doc.events:
        for mention in event.hosts + event.participants:
            yield mention.span, mention.text
        if event.name_span is not None:
            yield event.name_span, event.name
    for person in doc.persons:
        yield person.span, person.name
    if doc.statement.title_span is not None:
        yield doc.statement.title_span, doc.statement.title


GENRE_WORDS = st.sampled_from([
    "The", "Communist", "Party", "of", "Greece", "(KKE)", "met", "in", "Athens", "on", "2-3", "May", "2010",
    "conference", "hosted", "by", "and", "condemn", "demand", "solidarity", "with", "•", "-", "1.", ";", ",", ":",
    "\n", "\n\n", "“", "”", "Subscribing", "Parties:", "last", "weekend", "delegation", "attended", "27", "parties",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.lists(GENRE_WORDS, max_size=120).map(" ".join)))
def test_any_text_parses_or_raises_our_error_and_every_offset_slices_the_text(text):
    try:
        doc = parse(text)
    except KbError:
        return
    for span, value in every_span(doc):
        assert text[span.start : span.end] == value


def test_a_trailing_country_covers_every_name_joined_by_and():
    doc = parse(
        "Unity Meeting\n\nThe Red Front (Chile); Workers' Voice and MPR-L (Peru); Left Bloc (Portugal) "
        "held a joint meeting in Lima on 3 June 2021."
    )
    found = {(m.text, m.country) for m in doc.events[0].participants}
    assert {("Workers' Voice", "PE"), ("MPR-L (Peru)", "PE"), ("Left Bloc (Portugal)", "PT")} <= found


def test_semicolons_keep_commas_inside_items():
    doc = parse(
        "Joint statement\n\nWe demand peace.\n\nSigned by: Party of Labour, Austria; Left Front, Chile; "
        "Communist Party of Norway, Norway\n\nOslo, 4 April 2011"
    )
    assert mentions(doc, "signatories") == ["Party of Labour, Austria", "Left Front, Chile", "Communist Party of Norway, Norway"]
    assert [m.country for m in doc.signatories] == ["AT", "CL", "NO"]


def test_hosting_language_makes_hosts_and_a_venue_does_not():
    doc = parse(
        "Report\n\nThe regional seminar met in Quito on 9 May 2014 at the headquarters of the Socialist Party of Ecuador. "
        "The joint hosting of the meeting by the Communist Party of Ecuador and the Popular Unity Movement was welcomed."
    )
    assert mentions(doc, "hosts") == ["Communist Party of Ecuador", "Popular Unity Movement"]


def test_counts_are_parties_and_countries_never_delegates():
    doc = parse("Report\n\nSome 300 delegates representing 57 parties from 44 countries took part in the forum held in Hanoi in March 2016.")
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (57, 44)


def test_a_relative_date_is_resolved_against_the_publication_date_and_left_empty_without_one():
    text = "News\n\nA delegation of the Left Party attended the European meeting held last weekend in Vienna."
    assert parse(text).events[0].start is None
    resolved = parse(text, published="2019-10-23").events[0]
    assert (resolved.start.iso, resolved.end.iso, resolved.city) == ("2019-10-19", "2019-10-20", "Vienna")


def test_an_announced_meeting_keeps_its_own_place_and_date():
    doc = parse(
        "Final communiqué\n\nThe 3rd Andean Conference met in La Paz on 10-11 August 2012. "
        "The participants decided that the 4th Andean Conference will be held in Bogotá on 5-6 September 2013."
    )
    first, second = doc.events
    assert (first.city, first.start.iso, first.status) == ("La Paz", "2012-08-10", "reported")
    assert (second.ordinal, second.city, second.start.iso, second.status) == (4, "Bogotá", "2013-09-05", "announced")


def test_an_opening_dateline_dates_the_statement_and_places_an_unplaced_meeting():
    doc = parse("Press release\n\nNAIROBI, 14 July 2009 — The two-day consultation of African left parties closed here today.")
    assert doc.statement.date.iso == "2009-07-14"
    assert doc.events[0].city == "Nairobi"  # a shouted dateline city in its usual case


def test_a_shouted_dateline_city_keeps_the_texts_spelling_when_the_gazetteer_spells_it_otherwise():
    doc = parse("KIEV, 3 May 1990 — The conference of European youth unions closed here today.")
    assert (doc.events[0].city, doc.events[0].country) == ("Kiev", "UA")


def test_a_list_without_markers_under_a_lead_in_is_a_list():
    doc = parse(
        "Appeal\n\nWe call for an end to the blockade.\n\nSigned by:\n\nCommunist Party of Canada\n"
        "Workers' Party of Ireland\nSocialist Party of Zambia\n\nDublin, 2 March 2020"
    )
    assert mentions(doc, "signatories") == ["Communist Party of Canada", "Workers' Party of Ireland", "Socialist Party of Zambia"]


def test_a_post_between_organisation_and_name():
    doc = parse("Report\n\nLeft Bloc National Coordinator, Ana Silva, opened the meeting in Porto on 1 May 2019.")
    person = doc.persons[0]
    assert (person.name, person.post, person.organisation.text) == ("Ana Silva", "National Coordinator", "Left Bloc")


def test_organs_are_not_organisations():
    doc = parse("Statement\n\nThe Central Committee of the Communist Party of Peru met in Lima on 2 June 2018.")
    assert "Central Committee" not in {m.text for m in doc.mentions}


sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def scores():
    """Scores per annotated folder, computed once. tests/texts was used to write the rules; the
    holdout folders were each scored blind first and then used to find failure categories."""
    from kb.parse import parse_file
    from tests.parse_eval import score_corpus

    cache: dict[str, dict] = {}

    def of(folder: str) -> dict:
        if folder not in cache:
            cache[folder] = score_corpus(ROOT / "tests" / folder, lambda path, published: parse_file(path, published=published))
        return cache[folder]

    return of


MEASURES = ("event_dates", "event_places", "participants_f1", "signatories_f1", "claims_recall", "stance_acc")
FLOORS = {  # a little under the figures in the README, so a regression fails here
    "texts": (0.92, 0.92, 0.95, 0.95, 0.95, 0.95),
    "texts_holdout": (0.95, 0.95, 0.95, 0.95, 0.88, 0.93),
    "texts_holdout2": (0.85, 0.85, 0.92, 0.95, 0.88, 0.95),
    "texts_holdout3": (0.85, 0.90, 0.90, 0.95, 0.83, 0.95),
    "texts_holdout4": (0.95, 0.92, 0.92, 0.93, 0.93, 0.95),
    "texts_holdout5": (0.87, 0.84, 0.95, 0.95, 0.88, 0.95),
    "texts_holdout6": (0.82, 0.88, 0.95, 0.95, 0.92, 0.95),
    "texts_holdout7": (0.90, 0.88, 0.86, 0.92, 0.85, 0.93),
    "texts_holdout8": (0.95, 0.95, 0.80, 0.93, 0.92, 0.92),
    "texts_holdout9": (0.90, 0.92, 0.92, 0.92, 0.83, 0.93),
    "texts_holdout10": (0.90, 0.95, 0.90, 0.93, 0.95, 0.95),
    "texts_holdout11": (0.95, 0.95, 0.95, 0.95, 0.93, 0.95),
    "texts_holdout12": (0.85, 0.85, 0.92, 0.93, 0.90, 0.95),
    "texts_holdout13": (0.92, 0.92, 0.90, 0.94, 0.90, 0.95),
    "texts_holdout14": (0.90, 0.92, 0.93, 0.95, 0.93, 0.95),
    "texts_holdout15": (0.95, 0.95, 0.95, 0.95, 0.88, 0.93),
    "texts_holdout16": (0.92, 0.95, 0.95, 0.95, 0.90, 0.95),
    "texts_holdout17": (0.95, 0.95, 0.95, 0.95, 0.93, 0.95),
    "texts_holdout18": (0.95, 0.95, 0.95, 0.95, 0.95, 0.95),
    "texts_holdout19": (0.90, 0.93, 0.95, 0.95, 0.95, 0.95),
    "texts_holdout20": (0.85, 0.80, 0.93, 0.64, 0.94, 0.95),  # scored untouched only (no rule written for it yet)
}


@pytest.mark.parametrize(
    ("folder", "measure", "floor"),
    [(folder, measure, floor) for folder, floors in FLOORS.items() for measure, floor in zip(MEASURES, floors)],
)
def test_the_annotated_texts_stay_above_the_floor(scores, folder, measure, floor):
    assert scores(folder)["total"][measure] >= floor


def test_a_count_in_a_sentence_about_preparations_is_not_the_meetings():
    doc = parse(
        "Report\n\nThe 7th Baltic Forum was held in Riga on 2 May 2017 under the joint auspices of the Left Alliance. "
        "A working group of 12 parties had prepared it. Delegates of 31 parties from 9 countries attended."
    )
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (31, 9)


def test_a_passive_announcement_stays_with_the_meeting_it_follows():
    doc = parse(
        "Statement\n\nThe parties support the Youth Solidarity Meeting to be held in Santiago, Chile, in December, "
        "and the campaign of the World Peace Assembly to make 1 September a day of action.\n\nSantiago, 2 June 2015"
    )
    places = {e.name: e.city for e in doc.events}
    assert places.get("Youth Solidarity Meeting") == "Santiago"
    assert "World Peace Assembly" not in places


def test_places_and_documents_in_an_inline_run_are_not_organisations():
    doc = parse(
        "Report\n\nThe forum was held in Izmir, Turkey, under the auspices of the Left Party. "
        "They oppose NATO, the IMF, the World Bank and the GATT Treaty."
    )
    names = {m.text for m in doc.mentions}
    assert not names & {"Turkey", "Izmir", "GATT Treaty"}


def test_a_headline_meeting_does_not_swallow_a_later_meeting_mentioned_in_passing():
    doc = parse(
        "2nd Nordic Left Forum gathered in Oslo on 4-5 May 2012\n\n- Left Party of Sweden\n- Red Party of Norway\n\n"
        "The participants discussed the crisis.\n\nThey debated energy policy.\n\nThey heard reports.\n\n"
        "They support the initiative for a regional peace conference in Stockholm."
    )
    main = doc.events[0]
    assert (main.ordinal, main.city, main.start.iso) == (2, "Oslo", "2012-05-04")


def test_a_party_signing_at_the_foot_is_author_and_signatory_and_its_organ_is_not():
    doc = parse(
        "Statement on the port strike\n\nWe salute the dockers of Valparaíso and demand their demands be met.\n\n"
        "National Committee\nLeft Workers' Party\nSantiago, 3 March 2002"
    )
    assert [m.text for m in doc.authors] == ["Left Workers' Party"]
    assert [m.text for m in doc.signatories] == ["Left Workers' Party"]
    assert doc.statement.date.iso == "2002-03-03"


def test_a_heading_naming_the_meeting_does_not_run_into_the_next_paragraph():
    doc = parse(
        "Final Declaration of the 3rd Balkan Forum of Left Parties\n\nThe 3rd Balkan Forum of Left Parties was held "
        "in Sofia on 4-5 May 1999.\n\nThe following parties took part:\n\n- Bulgarian Communist Party\n- Socialist Party of Serbia"
    )
    (event,) = doc.events
    assert (event.name, event.ordinal, event.city, event.status) == ("3rd Balkan Forum of Left Parties", 3, "Sofia", "reported")
    assert [m.text for m in event.participants] == ["Bulgarian Communist Party", "Socialist Party of Serbia"]


def test_prose_with_places_and_dates_is_no_list_of_organisations():
    doc = parse(
        "Report\n\nThe Third Eurasian Seminar for Peace (ESP) was held in Osaka, Japan on April 3, 1985 under the "
        "auspices of the Alliance for Peace (Japan) and the Communist Party of Japan."
    )
    assert {m.text for m in doc.mentions} == {"Alliance for Peace (Japan)", "Communist Party of Japan"}


def test_an_announced_meeting_in_a_season_takes_the_documents_year():
    doc = parse(
        "Communiqué\n\nOn 21 May 2005 a meeting of left parties took place in Prague. "
        "They agreed to hold a further meeting in Lisbon in the autumn."
    )
    announced = [e for e in doc.events if e.status == "announced"]
    assert [(e.city, e.start.iso) for e in announced] == [("Lisbon", "2005")]


def test_a_name_with_lower_case_words_inside_an_inline_list_stays_whole():
    doc = parse(
        "Report\n\nRed Front, Voce di classe, Left Bloc and Partido del Pueblo Unido took part in a meeting "
        "in Rome on 2 June 2020."
    )
    assert [m.text for m in doc.events[0].participants] == [
        "Red Front", "Voce di classe", "Left Bloc", "Partido del Pueblo Unido"]


def test_a_country_after_a_comma_in_an_inline_list_qualifies_the_name_before_it():
    doc = parse(
        "Report\n\nThe forum was held in Lima on 2 May 2008. Taking part were the Left Front, Chile, "
        "the Socialist Party, Peru, and the Broad Front (FA), Uruguay."
    )
    assert [(m.text, m.country) for m in doc.events[0].participants] == [
        ("Left Front, Chile", "CL"), ("Socialist Party, Peru", "PE"), ("Broad Front (FA), Uruguay", "UY"),
    ]


def test_the_next_edition_by_invitation_of_a_party_is_an_announced_meeting_with_its_host():
    doc = parse(
        "Declaration\n\nThe encounter of left parties was held in Quito on 4-5 June 2001, with the presence of "
        "24 parties and movements of 12 countries. The encounter decided to realise its next edition in Lima, "
        "in the month of march of 2002, by invitation of the Socialist Party of Peru."
    )
    first, second = doc.events
    assert (first.participant_count, first.country_count) == (24, 12)
    assert (second.status, second.city, second.start.iso) == ("announced", "Lima", "2002-03")
    assert [m.text for m in second.hosts] == ["Socialist Party of Peru"]


def test_a_list_item_joining_two_parties_gives_both_and_its_country_covers_both():
    doc = parse(
        "Statement against the war\n\nWe condemn the bombing.\n\n9 October 2001\n\nSigned by:\n\n"
        "Left Party of Norway (Norway)\nCommunist Party of Ireland and Workers' Party of Ireland (Ireland)\n"
        "Communist Party of Bohemia and Moravia (Czech Republic)\n"
    )
    assert [(m.text, m.country) for m in doc.signatories] == [
        ("Left Party of Norway (Norway)", "NO"), ("Communist Party of Ireland", "IE"),
        ("Workers' Party of Ireland (Ireland)", "IE"), ("Communist Party of Bohemia and Moravia (Czech Republic)", "CZ"),
    ]
    assert doc.statement.date.iso == "2001-10-09"


def test_a_table_pasted_as_text_is_read_cell_by_cell():
    doc = parse(
        "Communiqué\n\nThe meeting was held in Nicosia on 27-28 September 2014.\n\nParticipating parties:\n\n"
        "AKEL (Cyprus)\t\t\tCommunist Party of Israel\n"
        "Lebanese Communist Party    Syrian Communist Party (Unified)\n"
        "Tudeh Party of Iran\n"
    )
    assert mentions(doc, "participants") == [
        "AKEL (Cyprus)", "Communist Party of Israel", "Lebanese Communist Party", "Syrian Communist Party (Unified)",
        "Tudeh Party of Iran",
    ]


def test_a_range_in_the_dateline_dates_an_undated_meeting_and_a_speaker_takes_part():
    doc = parse(
        "RESOLUTIONS OF THE THIRD REGIONAL FORUM\n\nQuito, 4-5 of March 1990\n\n"
        "The Third Regional Forum met in Quito, hosted by the Socialist Party of Ecuador. "
        "Ana Ruiz, General Secretary of the Central Committee of the Workers' Party of Peru (WPP), said that unity comes first."
    )
    event = doc.events[0]
    assert (event.start.iso, event.end.iso) == ("1990-03-04", "1990-03-05")
    assert "Workers' Party of Peru (WPP)" in [m.text for m in event.participants]
    person = doc.persons[0]
    assert (person.post, person.organisation.text) == ("General Secretary of the Central Committee", "Workers' Party of Peru (WPP)")


def test_parties_grouped_under_country_headings_take_the_heading_as_their_country():
    doc = parse(
        "Joint statement\n\nWe condemn the occupation of the island.\n\nSigning parties:\n\n"
        "Brazil\nWorkers' Party of Brazil\nPopular Unity (UP)\n\nCHILE\nCommunist Party (Proletarian Action)\n\n"
        "Venezuela:\nCommunist Party of Venezuela (PCV)\n"
    )
    assert [(m.text, m.country) for m in doc.signatories] == [
        ("Workers' Party of Brazil", "BR"), ("Popular Unity (UP)", "BR"),
        ("Communist Party (Proletarian Action)", "CL"), ("Communist Party of Venezuela (PCV)", "VE"),
    ]


def test_a_back_reference_to_an_earlier_meeting_is_no_event():
    doc = parse("Joint statement\n\nAs agreed at our last regional meeting in Caracas, we condemn the blockade of the island.")
    assert doc.events == ()


def test_organisations_participating_that_state_the_text_sign_it():
    doc = parse(
        "Joint Statement\n\nThe 2nd Youth Meeting was held online on 3 May 2021. "
        "The organisations participating in the meeting state the following:\n\nWe condemn the blockade.\n\n"
        "- Young Communist League of Canada\n- Union of Young Socialists (Peru) and others\n"
        "- Left Youth of Chile and Socialist Youth Movement (Britain and Ireland)\n"
    )
    expected = ["Young Communist League of Canada", "Union of Young Socialists (Peru)", "Left Youth of Chile",
                "Socialist Youth Movement (Britain and Ireland)"]
    assert [m.text for m in doc.signatories] == expected
    assert mentions(doc, "participants") == expected


def test_a_posted_on_line_is_chrome_and_dates_the_text_and_a_meeting_name_is_no_organisation():
    doc = parse(
        "Posted on 22 October 2012 by the International Department\n\n"
        "Our delegation at the regional meeting in Lima\n\n"
        "Adopted by the Andean Trade Union Meeting \"Wages, Rights, Peace\"\n\n"
        "The Andean Trade Union Meeting took place in Lima last weekend, jointly organised by the Workers' Union of Peru "
        "and the Peasant League. More than 40 national and sectoral trade union organisations from 7 countries took part."
    )
    assert doc.statement.title == "Our delegation at the regional meeting in Lima"
    assert doc.statement.date.iso == "2012-10-22"
    event = doc.events[0]
    assert (event.participant_count, event.country_count) == (40, 7)
    assert "Andean Trade Union Meeting" not in {m.text for m in doc.mentions + doc.signatories}


def test_numbered_items_wrapped_over_lines_and_page_furniture_between_them():
    doc = parse(
        "BULLETIN OF THE LEAGUE          No. 4\n\nAPPEAL OF THE SEMINAR OF SOLIDARITY WITH THE PEOPLE OF LAOS\n\n"
        "The seminar met in Hanoi on 3-4 May 1970, attended by 20 organizations.\n\n"
        "   1. The Seminar condemns the bombing of the villages and\n"
        "the towns of the plain by the foreign air forces.\n"
        "   2. It demands the withdrawal of all foreign troops from the\n"
        "- 7 -\nBULLETIN OF THE LEAGUE          No. 4\n"
        "country and the end of the blockade.\n"
    )
    assert [c.stance.value for c in doc.claims] == ["condemn", "demand"]  # none from the seminar's name
    assert " ".join(doc.claims[0].quote.split()) == (
        "condemns the bombing of the villages and the towns of the plain by the foreign air forces")
    assert [s.kind for s in doc.segments if s.span.slice(doc.source.text).strip() == "- 7 -"] == ["noise"]


def test_talks_between_delegations_led_by_persons_make_a_meeting_with_both_parties():
    doc = parse(
        "Talks in Maputo\n\nMaputo, 15 May 1984 – A delegation of the Socialist Party of Chile led by Comrade Ana Rojas, "
        "member of the Political Committee, visited Mozambique. On 12 and 13 May the delegation held talks in Maputo "
        "with a delegation of the Mozambique Liberation Front headed by Comrade Joao Mabote."
    )
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city) == ("1984-05-12", "1984-05-13", "Maputo")
    assert [m.text for m in event.participants] == ["Socialist Party of Chile", "Mozambique Liberation Front"]


def test_a_missing_year_comes_from_the_heading_or_a_full_date_never_from_a_month_in_passing():
    undated = parse("Appeal\n\nThe parties met in Beirut on 22 and 23 October. Since the war of July 2006 the south is occupied.")
    assert undated.events[0].start is None
    headed = parse("Joint statement — Lisbon, November 1994\n\nThe parties met in Lisbon on 25-26 November.")
    assert headed.events[0].start.iso == "1994-11-25"


def test_names_set_under_the_last_paragraph_sign_it_and_a_scanned_heading_is_the_title():
    doc = parse(
        "JOINT STATEMENT OF THE LEFT PARTIES OF PERU,\nECUADOR AND BOLIVlA ON THE EVENTS IN LIMA\n\n"
        "We condemn the massacre of the miners and demand the release of the prisoners.\n\n"
        "      Socialist Party of Peru\n      Communist Party of Ecuador\n      Workers' Party of Bolivia\n\nJune 1980"
    )
    assert doc.statement.title.startswith("JOINT STATEMENT OF THE LEFT PARTIES OF PERU, ECUADOR")
    assert doc.statement.date.iso == "1980-06"
    assert [m.text for m in doc.signatories] == ["Socialist Party of Peru", "Communist Party of Ecuador", "Workers' Party of Bolivia"]
    assert doc.events == ()


def test_participants_named_only_in_prose_sentences():
    doc = parse(
        "Report\n\nLeft parties of the Andes met in La Paz on 3-4 June 1999. Taking part were delegations of the "
        "Socialist Party (PS) from Chile, led by its president, of the Broad Front of Peru and of the Patriotic Union. "
        "The Andean Resource Centre sent two observers, and the Workers' Union of Ecuador was represented by its secretary. "
        "Observers also came from the Miners' Federation of Bolivia."
    )
    assert mentions(doc, "participants") == [
        "Socialist Party (PS)", "Broad Front of Peru", "Patriotic Union", "Andean Resource Centre",
        "Workers' Union of Ecuador", "Miners' Federation of Bolivia",
    ]


def test_an_announcement_with_roman_ordinals_references_the_past_edition():
    doc = parse(
        "Cusco will host the XII Andean Conference on 18-20 of March 2027\n\n"
        "The Organising Committee of the XII Andean Conference announces that the conference will take place in Cusco. "
        "The XI Andean Conference, held in Lima in April 2025, brought together 40 organisations from 9 countries.",
        published="2026-11-20",
    )
    first, previous = doc.events
    assert (first.name, first.ordinal, first.status, first.start.iso) == ("XII Andean Conference", 12, "announced", "2027-03-18")
    assert (previous.ordinal, previous.status, previous.city) == (11, "referenced", "Lima")


def test_an_announced_meeting_without_a_year_is_the_next_one_to_come():
    doc = parse("Call\n\nA youth camp will be held in Cusco on 16-17 March.", published="2026-11-20")
    assert (doc.events[0].status, doc.events[0].start.iso) == ("announced", "2027-03-16")


def test_a_colon_dateline_places_the_meeting_and_last_weekend_is_not_replaced_by_a_later_month():
    doc = parse(
        "PARTIES SAY NO TO THE TESTS\n\nby our Andean correspondent\n\n"
        "Arequipa: Left parties from across the region met last weekend and called for a campaign.\n\n"
        "The two-day meeting was organised by the Peasant Confederation of Peru and brought\n"
        "together delegates from fourteen organisations in nine countries.\n\n"
        "The meeting condemned the decision of the government to resume mining in September.",
        published="1995-08-09",
    )
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city, event.country) == ("1995-08-05", "1995-08-06", "Arequipa", "PE")
    assert (event.participant_count, event.country_count) == (14, 9)
    assert not any("correspondent" in m.text for m in doc.mentions)
    assert [s.kind for s in doc.segments][:2] == ["title", "noise"]


def test_a_word_before_a_colon_that_names_no_city_is_no_dateline():
    doc = parse("Statement\n\nComrades: the Workers' Party of Peru met in Lima on 3 May 2001 and condemned the war.")
    assert doc.events[0].city == "Lima"
    doc = parse("Statement\n\nComrades: the parties met on 3 May 2001 and condemned the war.")
    assert doc.events[0].city is None


def test_an_aside_inside_an_inline_list_does_not_break_it_and_of_a_place_qualifies_a_name_without_head_word():
    doc = parse(
        "Report\n\nLeft parties met in Lima on 3 May 2001. Among those taking part were the Fiji Labour Party, "
        "whose delegation was led by its general secretary Ana Ruiz, the Tavini Huiraatira of French Polynesia and "
        "the Kanak and Socialist National\nLiberation Front (FLNKS) of New Caledonia. "
        "A message of support was received from the Japan Council against Atomic and Hydrogen Bombs (Gensuikyo), "
        "which is holding its own conference."
    )
    assert [(m.text, m.country) for m in doc.events[0].participants] == [
        ("Fiji Labour Party", None), ("Tavini Huiraatira", "PF"),
        ("Kanak and Socialist National\nLiberation Front (FLNKS)", "NC"),
        ("Japan Council against Atomic and Hydrogen Bombs (Gensuikyo)", None),
    ]


def test_of_a_country_after_a_head_word_stays_in_the_name_and_an_acronym_spans_its_and():
    doc = parse(
        "Report\n\nThe seminar was held in Lima on 3 May 2001, organised by the Nuclear Free and Independent "
        "Pacific movement (NFIP). Taking part were the Communist Party of Greece, the Workers' Party of Korea "
        "and the Socialist Party of Chile."
    )
    assert mentions(doc, "hosts") == ["Nuclear Free and Independent Pacific movement (NFIP)"]
    assert mentions(doc, "participants") == ["Communist Party of Greece", "Workers' Party of Korea", "Socialist Party of Chile"]


def test_taking_part_in_the_meeting_were_introduces_participants():
    doc = parse(
        "Declaration\n\nThe parties met in Lima on 3 May 2001. Taking part in the regional meeting were the "
        "Communist Party of Argentina; the Brazilian Communist Party; the Socialist Party and the Communist Party (Chile)."
    )
    assert mentions(doc, "participants") == [
        "Communist Party of Argentina", "Brazilian Communist Party", "Socialist Party", "Communist Party (Chile)",
    ]


def test_a_capitalised_meeting_noun_after_the_article_is_a_meeting_and_the_next_one_is_announced():
    doc = parse(
        "FINAL COMMUNIQUE\n\nThe Seminar on \"Youth Against Apartheid\" took place in Arusha, Tanzania, on "
        "November 19-20, 1986. It was hosted by the Youth League of Tanzania.\n\n"
        "The participants decided to hold the next Seminar in Harare in 1987, at the invitation of the Zimbabwe Youth Council."
    )
    reported, announced = doc.events
    assert (reported.start.iso, reported.end.iso, reported.city) == ("1986-11-19", "1986-11-20", "Arusha")
    assert [m.text for m in reported.hosts] == ["Youth League of Tanzania"]
    assert (announced.status, announced.start.iso, announced.city, announced.country) == ("announced", "1987", "Harare", "ZW")
    assert [m.text for m in announced.hosts] == ["Zimbabwe Youth Council"]


def test_announcing_the_next_edition_neither_announces_nor_hosts_the_meeting_reported():
    doc = parse(
        "DECLARATION\n\nOn 14, 15 and 16 November 1997 the Encuentro of Left Parties was held in Montevideo, by "
        "invitation of the Broad Front. The Encuentro decided to hold its next edition in Paris in 1998, by invitation of the PCF."
    )
    reported, announced = doc.events
    assert (reported.status, reported.start.iso, [m.text for m in reported.hosts]) == ("reported", "1997-11-14", ["Broad Front"])
    assert (announced.status, announced.city, [m.text for m in announced.hosts]) == ("announced", "Paris", ["PCF"])


def test_a_headline_over_its_timestamp_and_share_bar_is_the_title_and_they_are_furniture():
    doc = parse(
        "Home | About us | News | Contact\n\n"
        "TRADE UNION CONFERENCE CONCLUDES IN DURBAN\n11/3/15, 9:42 AM\nPosted by admin\nShare on Facebook | Tweet | Email\n\n"
        "The conference took place in Durban on 30-31 October 2015. Among the organisations that addressed the\nConference were:\n\n"
        "• NUMSA (South Africa)\n• PAME (Greece)\n• Central de Trabajadores de Cuba (CTC)\n"
    )
    assert doc.statement.title == "TRADE UNION CONFERENCE CONCLUDES IN DURBAN"
    assert doc.statement.date.iso == "2015-11-03"
    assert mentions(doc, "participants") == ["NUMSA (South Africa)", "PAME (Greece)", "Central de Trabajadores de Cuba (CTC)"]


def test_an_opening_dateline_is_cut_from_the_body_but_the_headline_above_it_still_places_the_meeting():
    doc = parse(
        "Left parties meet in Kathmandu\n\n2016-11-01 21:47:05 | Source: RNA | Section: World\n\n"
        "KATHMANDU, Nov. 1 (RNA) -- A three-day international conference of left parties concluded here on Tuesday."
    )
    assert (doc.events[0].city, doc.events[0].country) == ("Kathmandu", "NP")


def test_a_pipe_table_gives_the_party_column_as_participants_with_the_country_column():
    doc = parse(
        "Joint Communiqué\nMeeting of Left Parties of the Balkans\nPlovdiv, 4-5 of November 2007\n\n"
        "Representatives of the parties met in Plovdiv.\n\nThe delegations were:\n\n"
        "No. | Party                            | Country  | Head of delegation\n"
        "----+----------------------------------+----------+-------------------\n"
        "1   | Bulgarian Workers' Party (Communists) | Bulgaria | Petar Iliev, Chairman\n"
        "2   | AKEL                             | Cyprus   | Andreas Christou\n"
    )
    assert doc.statement.title == "Joint Communiqué Meeting of Left Parties of the Balkans"
    assert doc.events[0].name == "Meeting of Left Parties of the Balkans"
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city) == ("2007-11-04", "2007-11-05", "Plovdiv")
    assert [(m.text, m.country) for m in event.participants] == [
        ("Bulgarian Workers' Party (Communists)", "BG"), ("AKEL", "CY"),
    ]


def test_a_pipe_table_without_a_heading_row_is_read_cell_by_cell():
    doc = parse(
        "Communiqué\n\nThe meeting was held in Nicosia on 27-28 September 2014.\n\nParticipating parties:\n\n"
        "AKEL (Cyprus) | Communist Party of Israel\nLebanese Communist Party | Tudeh Party of Iran\n"
    )
    assert mentions(doc, "participants") == [
        "AKEL (Cyprus)", "Communist Party of Israel", "Lebanese Communist Party", "Tudeh Party of Iran",
    ]


def test_a_meeting_verb_before_a_named_meeting_is_that_meeting_and_a_year_ending_a_sentence_dates_it():
    doc = parse(
        "Joint statement\n\nThe second Conference of Left Parties was held in Toronto on 17-18 September 2022. "
        "The parties will meet again in Havana at the 22nd International Meeting of Communist and Workers' Parties, "
        "from October 27 to 29.\n\n8- To hold the next Meeting in Managua in the second half of 1997.",
        published="2022-09-24",
    )
    names = {e.name: e for e in doc.events}
    havana = names["22nd International Meeting of Communist and Workers' Parties"]
    assert (havana.city, havana.country, havana.start.iso, havana.status) == ("Havana", "CU", "2022-10-27", "announced")
    managua = next(e for e in doc.events if e.city == "Managua")
    assert (managua.start.iso, managua.status) == ("1997", "announced")


def test_a_city_known_by_an_old_spelling_is_the_large_city_not_a_small_namesake():
    from kb.places import find_city

    assert (find_city("Odessa").name, find_city("Odessa").country) == ("Odesa", "UA")
    assert find_city("Athens").country == "GR"
    # a capital known by its own name is not the old spelling of a larger city ("Dili", not Delhi)
    assert (find_city("Dili").country, find_city("Delhi").country, find_city("Bombay").name) == ("TL", "IN", "Mumbai")


def test_two_meetings_under_numbered_headings_each_keep_their_own_participants_hosts_and_counts():
    doc = parse(
        "Two meetings of Arab progressive forces\n\n"
        "1. Meeting of Communist Parties of the Arab Countries\n\n"
        "A meeting of the communist parties of the Arab countries was held in Aden on 7-8 February 1981, hosted by "
        "the Yemeni Socialist Party. Representatives of the following parties took part: the Yemeni Socialist Party, "
        "the Syrian Communist Party and the Lebanese Communist Party.\n\n"
        "2. Conference of Arab Women in Solidarity with Lebanon\n\n"
        "The Conference of Arab Women in Solidarity with Lebanon and Palestine met in Tripoli, Lebanon, on 14 February. "
        "The conference was organised by the General Union of Lebanese Women and attended by women's organisations "
        "from eight Arab countries, including the General Union of Palestinian Women, the Syrian Women's Union and "
        "the General Union of Yemeni Women."
    )
    aden, tripoli = doc.events
    assert (aden.name, aden.city, aden.country_count) == ("Meeting of Communist Parties of the Arab Countries", "Aden", None)
    assert [m.text for m in aden.participants] == ["Yemeni Socialist Party", "Syrian Communist Party", "Lebanese Communist Party"]
    assert (tripoli.city, tripoli.start.iso, tripoli.country_count) == ("Tripoli", "1981-02-14", 8)
    assert [m.text for m in tripoli.hosts] == ["General Union of Lebanese Women"]
    assert [m.text for m in tripoli.participants] == [
        "General Union of Palestinian Women", "Syrian Women's Union", "General Union of Yemeni Women",
    ]


def test_the_first_meeting_named_in_the_main_meetings_sentence_stays_a_meeting_of_its_own():
    doc = parse(
        "Communiqué\n\nThe 2nd Meeting of Left Parties took place in San Salvador on November 19-20, 2010, "
        "one year after the first meeting, held in Guatemala City."
    )
    assert [(e.ordinal, e.city) for e in doc.events] == [(2, "San Salvador"), (1, "Guatemala City")]


def test_hosts_before_a_hosting_verb_foreign_names_with_lower_case_words_and_hosts_who_take_part():
    doc = parse(
        "Canada's paper | news\nNews  Labour  International  Subscribe\n\n"
        "JOINT STATEMENT OF THE CONFERENCE OF LEFT PARTIES\n\n"
        "Last weekend the Workers' Party of Canada hosted the Regional Meeting of Left Parties of the Americas in Toronto. "
        "It was jointly hosted by the Parti communiste du Québec. Delegations from the Communist Party USA (CPUSA), the "
        "Partido Comunista de México (PCM) and the Socialist Party of Chile took part, together with the host parties. "
        "The Communist Party of Cuba greeted the conference by video message.\n\n"
        "Signed:\nDaniel Ortiz, Co-Chair, Communist Party USA\nPierre-Luc Fontaine, Chef, Parti communiste du Québec\n",
        published="2022-09-24",
    )
    assert doc.statement.title == "JOINT STATEMENT OF THE CONFERENCE OF LEFT PARTIES"
    event = doc.events[0]
    assert event.name == "Regional Meeting of Left Parties of the Americas"
    assert [m.text for m in event.hosts] == ["Parti communiste du Québec", "Workers' Party of Canada"]
    assert set(m.text for m in event.participants) == {
        "Communist Party USA (CPUSA)", "Partido Comunista de México (PCM)", "Socialist Party of Chile",
        "Communist Party of Cuba", "Parti communiste du Québec", "Workers' Party of Canada",
    }
    assert [m.text for m in doc.signatories] == ["Communist Party USA", "Parti communiste du Québec"]
    assert [(p.name, p.post) for p in doc.persons] == [("Daniel Ortiz", "Co-Chair"), ("Pierre-Luc Fontaine", "Chef")]


def test_participants_grouped_under_a_heading_naming_two_countries():
    doc = parse(
        "Report\n\nThe parties met in Sydney on 10-12 March 2023. The following parties took part:\n\n"
        "AUSTRALIA\nCommunist Party of Australia\n\nAOTEAROA / NEW ZEALAND\nCommunist Party of Aotearoa\nSocialist Aotearoa\n"
    )
    assert [(m.text, m.country) for m in doc.events[0].participants] == [
        ("Communist Party of Australia", "AU"), ("Communist Party of Aotearoa", "NZ"), ("Socialist Aotearoa", "NZ"),
    ]


def test_a_host_before_another_hosting_cue_and_a_city_told_apart_by_the_country_the_text_gives_it():
    doc = parse(
        "RESOLUTIONS\n\nLeón, Nicaragua, 20 November 1996\n\nThe Meeting of Left Parties was held in the city of León on "
        "19-20 November 1996. It was hosted by the Sandinista National Liberation Front (FSLN) under the auspices of "
        "the Forum of Left Parties (FLP)."
    )
    event = doc.events[0]
    assert (event.city, event.country) == ("León", "NI")
    assert [m.text for m in event.hosts] == ["Sandinista National Liberation Front (FSLN)", "Forum of Left Parties (FLP)"]


def test_signers_with_posts_of_organisations_named_in_french():
    doc = parse(
        "APPEAL\n\nWe demand peace and the withdrawal of all foreign troops from the region.\n\nSigned:\n\nMariam Keïta, Coordinator, Collectif des Femmes Patriotes du Mali\n"
        "Kadiatou Barry, Vice-President, Union des Femmes de Guinée\nAna Ruiz, Chairperson, Women's Peace Network\n"
    )
    assert [m.text for m in doc.signatories] == [
        "Collectif des Femmes Patriotes du Mali", "Union des Femmes de Guinée", "Women's Peace Network",
    ]


def test_a_short_lead_in_ending_with_a_colon_is_never_page_furniture():
    doc = parse("APPEAL\n\nWe demand peace.\n\nSigned:\n\nWorkers' Party of Chile\nSocialist Party of Peru\nLeft Front of Bolivia\n")
    assert [m.text for m in doc.signatories] == ["Workers' Party of Chile", "Socialist Party of Peru", "Left Front of Bolivia"]


def test_a_party_declaration_speaks_in_its_own_name_and_its_organ_signs_for_it():
    doc = parse(
        "Inicio | Quiénes somos | Declaraciones | Contacto\n\nDeclaration of the Political Bureau of the Workers' Party of Peru\n\n"
        "03/11/2016 - 14:22\n\nThe Political Bureau of the Workers' Party of Peru (WPP) addresses the workers of Peru. "
        "The strike of 22 and 23 October was met with repression.\n\n"
        "1.- The WPP condemns the repression against the teachers.\n\n"
        "2.- The Workers' Party of Peru rejects the illusion of a peaceful reform.\n\n"
        "Political Bureau of the Central Committee of the Workers' Party of Peru\n\n"
        "Tags: strike  teachers  repression  Partido de los Trabajadores del Perú  Lima  Cusco\n"
    )
    assert doc.statement.date.iso == "2016-11-03"
    assert [m.text for m in doc.signatories] == ["Workers' Party of Peru"]
    assert [(c.stance.value, c.quote) for c in doc.claims] == [
        ("condemn", "condemns the repression against the teachers"),
        ("reject", "rejects the illusion of a peaceful reform"),
    ]


def test_an_ambiguous_slash_timestamp_stays_unread_when_the_text_cannot_tell():
    doc = parse("Statement\n\n03/11/2016 - 14:22\n\nThe parties condemn the war and demand peace for all peoples.")
    assert doc.statement.date is None


def test_observers_named_in_a_sentence_or_under_their_own_heading_take_part_and_do_not_sign():
    doc = parse(
        "RESOLUTION\n\nadopted by the Conference of Communist, Socialist and Progressive\nParties of the Mediterranean\n\n"
        "The Conference of Communist, Socialist and Progressive Parties of the Mediterranean met in Athens from 12 to 14 "
        "June 1981. The Panhellenic Socialist Movement (PASOK) and the League of Communists of Yugoslavia attended as "
        "observers.\n\nThe Conference condemns the bases of NATO and demands their removal from the region.\n\n"
        "The Resolution was adopted by the following parties:\n\n1. Communist Party of Greece\n2. AKEL - Cyprus\n"
        "3. Communist Party of Spain\n\nObservers:\n- Communist Party of China (International Department)\n"
        "- World Federation of Trade Unions (WFTU)\n"
    )
    assert mentions(doc, "signatories") == ["Communist Party of Greece", "AKEL - Cyprus", "Communist Party of Spain"]
    participants = mentions(doc, "participants")
    assert {"Panhellenic Socialist Movement (PASOK)", "League of Communists of Yugoslavia",
            "Communist Party of China (International Department)", "World Federation of Trade Unions (WFTU)"} <= set(participants)
    assert not any(p.startswith("Conference") or p == "Socialist" for p in participants)


def test_a_press_release_announcing_a_meeting_gives_it_the_organisations_that_confirmed_and_its_named_hosts():
    doc = parse(
        "PRESS RELEASE\n\nThe Organising Committee announces that the XII International Conference will take place in "
        "Quito, Ecuador, from March 18-20, 2027. The conference is organised by the Partido Comunista del Ecuador (PCE) and "
        "Unidad Popular, and co-organised by the Frente Unitario de Trabajadores (FUT).\n\n"
        "So far the following organisations have confirmed their participation: the Revolutionary Communist Party of "
        "Brazil (PCR), the Communist Party of Colombia, the Landless Workers' Movement (MST, Brazil) and the National "
        "Indigenous Congress of Mexico (CNI).",
        published="2026-11-20",
    )
    event = doc.events[0]
    assert event.status == "announced"
    assert [m.text for m in event.hosts] == [
        "Partido Comunista del Ecuador (PCE)", "Unidad Popular", "Frente Unitario de Trabajadores (FUT)",
    ]
    assert [m.text for m in event.participants] == [
        "Revolutionary Communist Party of Brazil (PCR)", "Communist Party of Colombia",
        "Landless Workers' Movement (MST, Brazil)", "National Indigenous Congress of Mexico (CNI)",
    ]


def test_an_acronym_spanning_a_comma_series_keeps_one_name():
    doc = parse(
        "Communiqué\n\nThe seminar was held in Havana on 3 May 1970, organised by the Organization of Solidarity with "
        "the Peoples of Asia, Africa and Latin America (OSPAAAL)."
    )
    assert mentions(doc, "hosts") == ["Organization of Solidarity with the Peoples of Asia, Africa and Latin America (OSPAAAL)"]


def test_a_follow_up_conference_agreed_in_the_reported_ones_sentence_is_announced_on_its_own():
    doc = parse(
        "Final communiqué\n\nThe International Conference of Solidarity with the Front-Line States was held in Lusaka "
        "on 4-6 April 1979. The Conference decided to set up a liaison committee, and agreed that a follow-up conference "
        "shall be held in Addis Ababa in the course of 1980."
    )
    reported, announced = doc.events
    assert (reported.city, reported.start.iso) == ("Lusaka", "1979-04-04")
    assert (announced.status, announced.city, announced.start.iso) == ("announced", "Addis Ababa", "1980")


def test_an_invitation_forwarded_by_mail_announces_its_meeting_and_a_past_edition_is_only_referenced():
    doc = parse(
        "---------- Forwarded message ---------\nFrom: Peasants' Federation <intl@example.org>\n"
        "Date: Tue, 12 Mar 2019 at 10:14\nSubject: Invitation - 5th International Conference of Peasant Organisations\n"
        "To: <undisclosed-recipients:;>\n\nDear comrades,\n\nOn behalf of the Peasants' Federation we invite your "
        "organisation to the 5th International Conference of Peasant Organisations, which will take place in Pokhara, "
        "Nepal, on 25-26 May. The 4th Conference, held in Kerala in November 2017, was a success.\n\n"
        "So far organisations from 14 countries have confirmed their participation, among them the Bangladesh Krishok "
        "Federation, the Peasants' Union of Peru and the Landless Workers' Movement (MST).\n\n"
        "Fraternally,\n\nRamesh Gurung\nSecretary, International Relations\nPeasants' Federation\nKathmandu, Nepal\n"
    )
    coming, past = doc.events
    assert (coming.ordinal, coming.status, coming.city, coming.start.iso) == (5, "announced", "Pokhara", "2019-05-25")
    assert [m.text for m in coming.participants] == [
        "Bangladesh Krishok Federation", "Peasants' Union of Peru", "Landless Workers' Movement (MST)",
    ]
    assert (past.ordinal, past.status) == (4, "referenced")
    assert "Kathmandu, Nepal" not in [m.text for m in doc.signatories]


def test_country_colon_organisation_lines_and_a_trade_union_congress_that_is_an_organisation():
    doc = parse(
        "JOINT COMMUNIQUÉ\n\nRepresentatives of fourteen trade union centres met in Accra on 12 and 13 March 1960, at the "
        "invitation of the Ghana Trades Union Congress.\n\nAmong the organisations represented were:\n\n"
        "Ghana: Ghana Trades Union Congress\nMorocco: Union Marocaine du Travail (UMT)\nKenya: Kenya Federation of Labour\n\n"
        "The meeting condemned the atomic explosion carried out in the Sahara.\n"
    )
    event = doc.events[0]
    assert (len(doc.events), event.city, event.start.iso) == (1, "Accra", "1960-03-12")
    assert [m.text for m in event.hosts] == ["Ghana Trades Union Congress"]
    assert [(m.text, m.country) for m in event.participants] == [
        ("Ghana Trades Union Congress", "GH"), ("Union Marocaine du Travail (UMT)", "MA"), ("Kenya Federation of Labour", "KE"),
    ]


def test_a_party_that_was_the_host_and_a_council_that_convened_the_meeting_host_it():
    doc = parse(
        "Report\n\nThe 6th Meeting of Arab Left Parties was held on 5-7 June 2015 in Beirut. The Lebanese Communist Party "
        "was the host of the meeting, which brought together eleven parties."
    )
    assert mentions(doc, "hosts") == ["Lebanese Communist Party"]
    doc = parse("Report\n\nRepresentatives met in Temuco on 3 May 2021. The meeting was convened by the Consejo de Todas las Tierras.")
    assert mentions(doc, "hosts") == ["Consejo de Todas las Tierras"]


def test_a_letterhead_over_a_date_line_and_a_heading_and_a_heading_naming_the_meeting_in_other_words():
    doc = parse(
        "COMMUNIST PARTY OF NEPAL (UNIFIED MARXIST-LENINIST)\nInternational Department\n\n"
        "Kathmandu, 20 February 1995\n\nReport on the South Asian Communist Parties' Consultative Meeting\n\n"
        "A delegation of our Party took part in the second Consultative Meeting of Communist Parties of South Asia, "
        "which took place in Hyderabad on February 12-14. Eight parties from five countries attended:\n\n"
        "1) Communist Party of Pakistan\n2) Communist Party of India\n3) Communist Party of Bangladesh\n\n"
        "The parties condemned the nuclear arms race in the region.\n"
    )
    assert doc.statement.title == "Report on the South Asian Communist Parties' Consultative Meeting"
    assert doc.statement.date.iso == "1995-02-20"
    assert len(doc.events) == 1
    event = doc.events[0]
    assert (event.ordinal, event.start.iso, event.participant_count, event.country_count) == (2, "1995-02-12", 8, 5)
    assert mentions(doc, "participants") == ["Communist Party of Pakistan", "Communist Party of India", "Communist Party of Bangladesh"]


def test_a_meeting_at_a_university_of_a_city_is_in_that_city():
    doc = parse("Report\n\nLast weekend the Conference of Socialist Youth met at the University of Toronto.", published="1997-04-14")
    assert (doc.events[0].city, doc.events[0].country, doc.events[0].start.iso) == ("Toronto", "CA", "1997-04-12")


def test_signatures_received_later_on_a_wrapped_closing_line_sign_too():
    doc = parse(
        "APPEAL AGAINST THE WAR\n\nWe demand the withdrawal of all troops and an end to the bombing of the cities.\n\n"
        "Signed by:\n\nCommunist Party of Australia\nCommunist Party of Greece\nCommunist Party of Britain\n\n"
        "Further signatures received after publication: Communist Party of\nVenezuela; Lebanese Communist Party; Party of Communists USA\n"
    )
    assert mentions(doc, "signatories")[-3:] == ["Communist Party of\nVenezuela", "Lebanese Communist Party", "Party of Communists USA"]


def test_counts_written_as_compound_number_words():
    doc = parse(
        "GENERAL RESOLUTION\n\nThe Conference of African Women, held in Conakry on 11-14 July 1962, brought together "
        "delegates of twenty-four women's organisations from nineteen African countries."
    )
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (24, 19)


def test_organisations_and_countries_counted_with_and():
    doc = parse("Report\n\nThe forum met in Auckland on 30 November 2002; delegates from 58 organisations and 19 countries attended.")
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (58, 19)


def test_a_newspaper_dateline_without_a_year_the_day_before_and_a_host_named_by_its_regional_committee():
    doc = parse(
        "TRIBUNA POPULAR  ·  Tuesday, November 20, 1979  ·  Page 6\n\nCARIBBEAN COMMUNISTS BACK NICARAGUA\n\n"
        "VALENCIA, Nov. 19 — The meeting of communist and workers' parties of\nthe Caribbean basin, hosted by the "
        "Carabobo regional committee of the\nCommunist Party of Venezuela, ended here yesterday after two days of\n"
        "deliberations in the trade union house."
    )
    event = doc.events[0]
    assert doc.statement.date.iso == "1979-11-19"
    assert (event.start.iso, event.end.iso, event.city, event.country) == ("1979-11-17", "1979-11-18", "Valencia", "VE")
    assert [m.text for m in event.hosts] == ["Communist Party of Venezuela"]


def test_an_organisation_which_acted_as_host_hosts_the_meeting():
    doc = parse(
        "Declaration\n\nThe Conference of Peasant Organisations met in Jakarta on 5-7 June 1957. Delegations came to the "
        "capital as guests of the Barisan Tani Indonesia (BTI), which acted as host throughout the three days of the session."
    )
    assert mentions(doc, "hosts") == ["Barisan Tani Indonesia (BTI)"]


def test_o_bullets_under_taking_part_were_and_a_city_after_the_venue():
    doc = parse(
        "SEMINAR REPORT\n\nA regional seminar on land rights was held at the University of the West Indies, Kingston, "
        "from Monday 6 December 1993. Nine organisations from five countries and territories sent delegates.\n\n"
        "Taking part were:\n  o  Workers Party of Jamaica\n  o  Te Ropu Whenua o Te Ika, Aotearoa\n"
        "  o  Barbados Workers Union\n\nOn the third and final day the seminar adopted a communique."
    )
    event = doc.events[0]
    assert (event.city, event.country) == ("Kingston", "JM")
    assert (event.start.iso, event.end.iso) == ("1993-12-06", "1993-12-08")
    assert (event.participant_count, event.country_count) == (9, 5)
    assert mentions(doc, "participants") == ["Workers Party of Jamaica", "Te Ropu Whenua o Te Ika, Aotearoa", "Barbados Workers Union"]
    assert event.participants[1].country == "NZ"


def test_an_agency_dateline_under_a_bulletin_masthead_and_a_length_in_words():
    doc = parse(
        "WORLD YOUTH NEWS                                  No. 4/5 - 1961\n\n"
        "                 YOUTH LEADERS MEET IN ACCRA\n\n"
        "    Accra, March 20th (WYN). - The African Youth Seminar, the first of its kind, ended here yesterday "
        "after eight days of work in the hall where, two years ago, the All-African Peoples' Conference met. "
        "The Seminar was convened by the Ghana Youth Union. Delegations from twelve countries, representing "
        "twenty national youth organisations, took part. Attending as full delegations were, among others, the "
        "Kenya Youth Union; the Youth League of Guinea; the Sudanese Youth Federation and the Youth Union of Mali. "
        "Mr. Kofi Mensah of the Ghana Youth Union was elected Chairman of the Seminar."
    )
    assert doc.statement.date.iso == "1961-03-20"
    event = doc.events[0]
    assert (event.name, event.city, event.start.iso, event.end.iso) == ("African Youth Seminar", "Accra", "1961-03-12", "1961-03-19")
    assert (event.participant_count, event.country_count) == (20, 12)
    assert mentions(doc, "hosts") == ["Ghana Youth Union"]  # "the Seminar" is still the African Youth Seminar
    assert {"Kenya Youth Union", "Youth League of Guinea", "Sudanese Youth Federation", "Youth Union of Mali"} <= set(
        mentions(doc, "participants"))
    assert not [e for e in doc.events if e.name and e.name.startswith("Chairman")]


def test_a_newspaper_report_that_reproduces_the_communique_tells_one_meeting():
    doc = parse(
        "EVENING STAR, Lusaka — Monday, May 10, 1971                  Page 3\n\n"
        "RIVER PARTIES CLOSE RANKS\n\n"
        "Leaders of the river basin parties yesterday ended a two-day meeting in Lusaka with a call for unity.\n\n"
        "JOINT COMMUNIQUE\n\n"
        "A consultative meeting of the river basin parties was held in Lusaka on 8th and 9th May, 1971. Attending were "
        "the United Progressive Party (UPP), the Malawi Congress Party (MCP) and the Botswana People's Party (BPP). "
        "SWANU and the ZAPU, both banned at home, attended as observers.\n\nLusaka, 9th May 1971"
    )
    assert doc.statement.title == "RIVER PARTIES CLOSE RANKS"
    assert len([e for e in doc.events if e.status != "announced"]) == 1
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city) == ("1971-05-08", "1971-05-09", "Lusaka")
    assert mentions(doc, "participants") == [
        "United Progressive Party (UPP)", "Malawi Congress Party (MCP)", "Botswana People's Party (BPP)", "SWANU", "ZAPU"]


def test_a_yearless_dateline_above_the_heading_and_a_semicolon_list_with_descriptions():
    doc = parse(
        "Lima, 1 May\n\nDECLARATION OF LIMA\n\n"
        "The delegations of the Andean miners' unions, invited to Peru by the Federación Minera del Perú (FMP) "
        "for the celebration of May Day, met on Friday 29 and Saturday 30 April.\n\n"
        "Present at the meeting were delegations of: the Federación Sindical de Mineros de Bolivia (FSTMB); "
        "the Sindicato Minero de Oruro - dissident wing; the Unión Minera of Ecuador; the Frente Minero of Chile; "
        "and fraternal delegates of the WFTU and of the Andean Labour Council (ALC). "
        "In all, nine organisations of four countries.\n\n(Printed in Lima, 3 May 1977.)"
    )
    assert (doc.statement.title, doc.statement.date.iso) == ("DECLARATION OF LIMA", "1977-05-01")
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city) == ("1977-04-29", "1977-04-30", "Lima")
    assert (event.participant_count, event.country_count) == (9, 4)
    assert mentions(doc, "hosts") == ["Federación Minera del Perú (FMP)"]
    assert mentions(doc, "participants") == [
        "Federación Sindical de Mineros de Bolivia (FSTMB)", "Sindicato Minero de Oruro", "Unión Minera of Ecuador",
        "Frente Minero of Chile", "WFTU", "Andean Labour Council (ALC)"]


def test_a_site_page_with_metadata_lines_a_slash_list_and_our_organisation_among_the_hosts():
    doc = parse(
        "Home | About us | News | Contact\n\n2nd Regional Meeting held in Porto\nDetails\nCategory: International\n"
        "Published: Wednesday, 08 October 2014 18:22\nHits: 97\n\n"
        "The 2nd Regional Meeting of Left Youth Organisations took place last Saturday and Sunday in Porto. The Meeting "
        "was jointly hosted by the Youth of the Left Bloc (JBE) and our organisation, the Socialist Youth Union (SYU), "
        "and was held in a trade union hall. Nine organisations from seven countries took part, as well as the "
        "World Federation of Democratic Youth (WFDY), represented by its President.\n\n"
        "The delegations that participated are: Young Left of Galicia (YLG) / Red Youth of Norway / "
        "Left Youth of Denmark (LYD) / Student Front of Italy and others."
    )
    assert doc.statement.title == "2nd Regional Meeting held in Porto"
    event = doc.events[0]
    assert (event.start.iso, event.end.iso) == ("2014-10-04", "2014-10-05")
    assert mentions(doc, "hosts") == ["Youth of the Left Bloc (JBE)", "Socialist Youth Union (SYU)"]
    assert {"World Federation of Democratic Youth (WFDY)", "Young Left of Galicia (YLG)", "Red Youth of Norway",
            "Left Youth of Denmark (LYD)", "Student Front of Italy"} <= set(mentions(doc, "participants"))


def test_a_host_list_stops_before_the_meeting_it_names():
    doc = parse("In the days 14 and 15 of November 1997 was realised in Montevideo, by invitation of the Broad Front "
                "of Uruguay, the Encuentro of Left Parties of the South, with the presence of 31 parties.")
    assert mentions(doc, "hosts") == ["Broad Front of Uruguay"]


def test_a_monitoring_report_with_a_running_head_days_of_this_month_and_hosts_taking_part():
    doc = parse(
        "MONITOR-87-012                  Daily Report                 17 March 1987\n"
        "MIDDLE EAST                                                       LEBANON\n\n"
        "                                                                    G 3\n\n"
        "Leftist Parties Conclude Tripoli Meeting\n\n"
        "[Text] The meeting of Arab leftist parties held in Tripoli, in north Lebanon, on the 14th and 15th of this "
        "month has concluded its work. The meeting was held at the invitation of the Lebanese Communist Party [LCP].\n\n"
        "Taking part in the meeting, in addition to the host party, were the Syrian Communist Party; the Iraqi "
        "Communist Party; and the Sudanese Communist Party. LCP Secretary General George Hawi opened the meeting."
    )
    assert doc.statement.title == "Leftist Parties Conclude Tripoli Meeting"
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city, event.country) == ("1987-03-14", "1987-03-15", "Tripoli", "LB")
    assert mentions(doc, "participants") == [
        "Syrian Communist Party", "Iraqi Communist Party", "Sudanese Communist Party", "Lebanese Communist Party [LCP]"]


def test_a_boxed_table_under_a_party_organisation_heading_and_participating_parties_that_adopt():
    doc = parse(
        "FINAL DECLARATION\n\nThe Regional Meeting of Left Parties took place in Lusaka on 19 August 2011. "
        "The participating parties, listed at the end of this declaration, adopt the following positions:\n\n"
        "1. We condemn the aggression against Libya.\n\n"
        "+----+-------------------------------+------------+\n"
        "| No | Party / Organisation          | Country    |\n"
        "+----+-------------------------------+------------+\n"
        "| 1  | United Party of Zambia (UPZ)  | Zambia     |\n"
        "| 2  | Botswana Congress Party       | Botswana   |\n"
        "| 3  | Communist Party of Lesotho    | Lesotho    |\n"
        "+----+-------------------------------+------------+\n"
    )
    expected = ["United Party of Zambia (UPZ)", "Botswana Congress Party", "Communist Party of Lesotho"]
    assert mentions(doc, "participants") == expected
    assert mentions(doc, "signatories") == expected
    assert [m.country for m in doc.events[0].participants] == ["ZM", "BW", "LS"]


def test_a_mailed_message_to_a_meeting_its_author_does_not_attend():
    doc = parse(
        "From: International Relations <intrel@example.org>\nTo: Organising Committee 9th IMLP\n"
        "Subject: Message of the CPX to the 9th International Meeting\n\n"
        "COMMUNIST PARTY OF XANADU\nCentral Committee\n\nMbabane, 31 October 2017\n\n"
        "MESSAGE TO THE 9th INTERNATIONAL MEETING OF LEFT PARTIES\n\nDear comrades,\n\n"
        "The Communist Party of Xanadu (CPX) sends its greetings to all the parties gathered in St. Petersburg for the "
        "9th International Meeting of Left Parties, which opens on 2 November. We thank the Left Party of Russia (LPR), "
        "which hosts the meeting.\n\nWe wish the 9th Meeting every success.\n\n"
        "For the Central Committee,\nComrade Jon Dlamini\nInternational Secretary\nCommunist Party of Xanadu\n\n"
        "--\nThis message and its attachments are confidential."
    )
    assert doc.statement.title == "MESSAGE TO THE 9th INTERNATIONAL MEETING OF LEFT PARTIES"
    assert [e.ordinal for e in doc.events] == [9]  # the Subject line and "the 9th Meeting" name no other meeting
    event = doc.events[0]
    assert (event.city, event.country, event.start.iso) == ("St. Petersburg", "RU", "2017-11-02")
    assert mentions(doc, "hosts") == ["Left Party of Russia (LPR)"]
    assert mentions(doc, "signatories") == ["Communist Party of Xanadu"]
    assert not {"Comrade Jon Dlamini", "International Secretary"} & set(mentions(doc, "participants"))


def test_an_online_meeting_beside_the_one_planned_in_a_city_and_its_name_in_other_words():
    doc = parse(
        "FINAL DECLARATION\n\nVirtual Meeting of Mining Trade Unions of the Southern Cone\n18 July 2020\n\n"
        "Due to the pandemic, which made it impossible to hold the meeting planned for March in Quito, the Continental "
        "Meeting of Mining Trade Unions of the Southern Cone was held online on Saturday 18th July 2020. "
        "More than 40 organisations from 9 countries connected to the meeting."
    )
    main = doc.events[0]
    assert (main.start.iso, main.city, main.participant_count, main.country_count) == ("2020-07-18", None, 40, 9)
    assert len([e for e in doc.events if e.status == "reported"]) == 1


def test_a_small_town_named_like_a_word_of_the_meetings_name_does_not_place_it():
    doc = parse("The Continental Meeting of Trade Unions of the Andes was held online on 18 July 2020.")
    assert doc.events[0].city is None  # Andes is also a small town in Colombia


def test_a_meeting_known_only_by_its_acronym_and_numbered_editions():
    doc = parse(
        "LETTER OF IQUITOS\nDeclaration of the V FORAM\n\nWe, the peoples of the river basin, gathered in Iquitos, Peru, "
        "from November 25 to 28, 2010, for the V FORAM, declare to the peoples of the world:\n\n"
        "The V FORAM was organised by the Comisión Pastoral de la Tierra (CPT) and the Grupo Amazónico (GA). "
        "Among the organisations present were COICA; AIDESEP (Peru); the Movimiento Sin Tierra (MST), the Consejo "
        "Indigenista - CIMI and the Vía Campesina.\n\nSince the IV FORAM, held in Belém in January 2009, the situation "
        "has worsened. The VI FORAM will take place in Cobija, Bolivia, in 2012."
    )
    assert [(e.name, e.ordinal, e.status) for e in doc.events] == [
        ("V FORAM", 5, "reported"), ("IV FORAM", 4, "referenced"), ("VI FORAM", 6, "announced")]
    main = doc.events[0]
    assert (main.start.iso, main.end.iso, main.city) == ("2010-11-25", "2010-11-28", "Iquitos")
    assert mentions(doc, "hosts") == ["Comisión Pastoral de la Tierra (CPT)", "Grupo Amazónico (GA)"]
    assert {"Movimiento Sin Tierra (MST)", "Consejo Indigenista - CIMI", "Vía Campesina"} <= set(mentions(doc, "participants"))


def test_meetings_of_one_name_told_apart_by_the_year_after_it_and_a_year_before_a_noun_is_no_ordinal():
    doc = parse(
        "History of the Lisbon meetings\n\nThe Lisbon Conference (1975) was held in Lisbon on 3 May 1975 and hosted by "
        "the Portuguese Communist Party. The Lisbon Conference (1979) was held there again, in March. The 1979 conference "
        "was smaller."
    )
    assert sorted(e.start.iso for e in doc.events if e.start) == ["1975-05-03", "1979"]
    assert all(e.ordinal is None for e in doc.events)


def test_past_meetings_listed_in_one_sentence_are_each_a_referenced_meeting():
    doc = parse(
        "The 3rd Meeting of Andean Youth took place last weekend in Quito.\n\n"
        "Previous meetings of this series were held in Lima (October 2012) and in La Paz (November 2013).",
        published="2014-10-08",
    )
    past = {(e.city, e.start.iso) for e in doc.events if e.status == "referenced"}
    assert past == {("Lima", "2012-10"), ("La Paz", "2013-11")}


def test_guinea_alone_is_the_republic_of_guinea():
    doc = parse("The Conference of African Women, held in Guinea on 14 July 1962, closed with a resolution.")
    assert (doc.events[0].city, doc.events[0].country) == (None, "GN")  # Guinea-Bissau and Equatorial Guinea say so


def test_a_forwarded_declaration_a_bare_list_ending_and_others_and_lists_grouped_by_country():
    doc = parse(
        "From: A. Writer <a@example.org>\nTo: left-list@example.org\nSubject: FWD: Riga declaration\n"
        "Date: Mon, 19 Apr 1999 02:14:37 +0200\n\nComrades, below the text adopted yesterday. Please distribute.\n\n"
        "---------- Forwarded message ----------\n\n        DECLARATION\n        of the Baltic Left Meeting\n"
        "        Riga, 18 April 1999\n\n"
        "On 17 and 18 April 1999 a meeting of left parties was held in Riga. Delegations took part, among them:\n\n"
        "Left Party of Latvia (LPL)\nSocialist Party of Estonia\nWorkers Party of Lithuania,\nand others.\n\n"
        "Among the organisations present as guests were: from Poland, the Polish Left Union (PLU) and the Young "
        "Socialists; from Finland, the Left Youth of Finland."
    )
    assert doc.statement.title.startswith("DECLARATION")
    assert {"Left Party of Latvia (LPL)", "Socialist Party of Estonia", "Workers Party of Lithuania",
            "Polish Left Union (PLU)", "Young Socialists", "Left Youth of Finland"} <= set(mentions(doc, "participants"))


def test_a_list_with_country_leaders_and_a_hanging_line_and_observers_sent():
    doc = parse(
        "FOUNDING CONFERENCE\n\nThe Founding Conference of the Western Unions Council was held in Accra on 3 May 1983. "
        "Twelve national trade union centres from nine countries participated, namely:\n\n"
        "  GHANA ........ Ghana Trades Union Congress (GTUC)\n"
        "  TOGO ......... Confederation of Workers of Togo (CWT); Togo\n"
        "                 Railway Workers Union (observer)\n"
        "  BENIN ........ Benin Labour Federation\n\n"
        "The ILO and the OATUU sent observers."
    )
    assert doc.events[0].participant_count == 12
    assert {"Ghana Trades Union Congress (GTUC)", "Confederation of Workers of Togo (CWT)", "Benin Labour Federation",
            "ILO", "OATUU"} <= set(mentions(doc, "participants"))
    assert "Railway Workers Union" not in mentions(doc, "participants")  # the line hangs from "Togo"


def test_a_post_in_two_languages_with_emoji_bullets_tells_one_meeting():
    doc = parse(
        "[ES] El sábado 11 y domingo 12 de marzo se realizó en Oaxaca el II Encuentro de Redes Migrantes.\n\n"
        "[EN] We, more than 40 organizations, gathered in Oaxaca on March 11 and 12, 2023, for the Second Meeting "
        "of Migrant Networks.\n\nAmong us were:\n✊🏽 Movimiento Migrante del Sur (México)\n✊🏽 Casa del Migrante de "
        "Tijuana\n✊🏽 Red de Albergues del Norte, USA\n"
    )
    reported = [e for e in doc.events if e.status == "reported"]
    assert len(reported) == 1 and (reported[0].ordinal, reported[0].start.iso, reported[0].city) == (2, "2023-03-11", "Oaxaca")
    assert {"Movimiento Migrante del Sur (México)", "Casa del Migrante de Tijuana", "Red de Albergues del Norte, USA"} <= set(
        mentions(doc, "participants"))


def test_a_press_statement_closing_this_morning_and_the_next_edition_by_the_letterhead_acronym():
    doc = parse(
        "PACIFIC CONFERENCE ON WEST PAPUA (PCWP)\nSecretariat: c/o Centre for Regional Dialogue, Suva\n\n"
        "PRESS STATEMENT\n\nHonolulu, 2 June 1994\n\n"
        "The Pacific Conference on West Papua closed this morning in Honolulu after three days of sessions.\n\n"
        "The second PCWP will be held in Port Moresby in 1996."
    )
    main, coming = doc.events[0], doc.events[1]
    assert (main.start.iso, main.end.iso, main.city) == ("1994-05-31", "1994-06-02", "Honolulu")
    assert (coming.ordinal, coming.city, coming.start.iso, coming.status) == (2, "Port Moresby", "1996", "announced")
    assert not [e for e in doc.events if e.name and "Dialogue" in e.name]


def test_a_wire_services_slug_lines_are_furniture_and_its_dateline_dates_last_night():
    doc = parse(
        "NEWS AGENCY ENGLISH SERVICE    9.2.1959    0815 GMT\nITEM 14\n\n"
        "YOUTH CONFERENCE ENDS -- CALLS FOR PEACE\n\n"
        "ACCRA, FEB. 9 (NA) -- The African Youth Conference closed here last night after six days of debate."
    )
    assert (doc.statement.title, doc.statement.date.iso) == ("YOUTH CONFERENCE ENDS -- CALLS FOR PEACE", "1959-02-09")
    event = doc.events[0]
    assert (event.start.iso, event.end.iso, event.city) == ("1959-02-03", "1959-02-08", "Accra")


def test_a_speaker_of_a_party_in_a_country_and_a_video_greeting_take_part():
    doc = parse(
        "Representatives of nine left parties met in Sydney on 7 December 2019 for a Pacific Left Consultation. "
        "Among the speakers were Li Wei, deputy chairperson of Parti Rakyat Malaysia, and Ana Cruz, chair of the Partido "
        "Manggagawa in the Philippines, who said that the unions are under attack. A video greeting from "
        "the Workers' Party of Aotearoa was also shown. The Communist Party in Denmark sent a message."
    )
    participants = {m.text: m.country for m in doc.events[0].participants}
    assert participants.get("Partido Manggagawa") == "PH"
    assert "Workers' Party of Aotearoa" in participants


def test_a_meeting_jointly_sponsored_by_two_organisations_is_hosted_by_them():
    doc = parse("The Halifax Women's Conference was held in Halifax on 3 May 1971. It was jointly sponsored by "
                "Voice of Women and the Halifax Women's Liberation Movement (HWLM).")
    assert mentions(doc, "hosts") == ["Voice of Women", "Halifax Women's Liberation Movement (HWLM)"]


def test_a_page_count_line_above_the_heading_is_no_title():
    doc = parse("                                        Page 1 of 3\n\nFINAL DECLARATION\n\n"
                "The Regional Meeting of Left Parties took place in Lusaka on 19 August 2011.")
    assert doc.statement.title == "FINAL DECLARATION"


def test_a_meetings_acronym_alone_as_subject_is_that_meeting_and_together_with_joins_its_hosts():
    doc = parse(
        "PACIFIC FORUM ON LAND RIGHTS (PFLR)\n\nPRESS STATEMENT\n\n"
        "The Pacific Forum on Land Rights closed yesterday in Suva, Fiji, after two days.\n\n"
        "PFLR was organised by the Fiji Council of Social Services (FCOSS) together with the Pacific Network on "
        "Globalisation and the Pacific Islands Association of NGOs.\n\n"
        "The third PFLR will be held in Apia in 2028.",
        published="2026-05-14",
    )
    main = doc.events[0]
    assert (main.name, main.city) == ("Pacific Forum on Land Rights", "Suva")
    assert [m.text for m in main.hosts] == [
        "Fiji Council of Social Services (FCOSS)", "Pacific Network on Globalisation",
        "Pacific Islands Association of NGOs"]
    assert [(e.ordinal, e.status, e.hosts) for e in doc.events[1:]] == [(3, "announced", ())]


def test_bulleted_items_under_country_headings_lose_their_bullets_and_take_the_country():
    doc = parse(
        "Declaration\n\nThe regional meeting of trade unions was held in Delhi on 9 March 2013. "
        "The meeting was addressed by WFTU Deputy General Secretary Anil Menon.\n\nPARTICIPANTS\n\n"
        "INDIA\n• Centre of Indian Trade Unions (CITU)\n• All India Trade Union Congress\n\n"
        "NEPAL\n• General Federation of Nepalese Trade Unions\n"
    )
    assert [(m.text, m.country) for m in doc.events[0].participants] == [
        ("Centre of Indian Trade Unions (CITU)", "IN"), ("All India Trade Union Congress", "IN"),
        ("General Federation of Nepalese Trade Unions", "NP"), ("WFTU", None)]
    assert [(p.name, p.post, p.organisation.text) for p in doc.persons] == [("Anil Menon", "Deputy General Secretary", "WFTU")]


def test_a_meeting_spelled_out_in_lower_case_under_its_titled_name_is_that_meeting():
    doc = parse(
        "Final Statement of the Meeting of Andean Left Parties\n\n"
        "On 19-20 September 2003 a meeting of Andean left parties was held in Quito, hosted by the Socialist Party of "
        "Ecuador.\n\nNine parties took part in the meeting: the Communist Party of Peru; the Socialist Party of "
        "Ecuador; the Communist Party of Bolivia; and the Patriotic Union of Colombia."
    )
    assert len([e for e in doc.events if e.status == "reported"]) == 1
    main = doc.events[0]
    assert (main.name, main.start.iso, main.city, [m.text for m in main.hosts]) == (
        "Meeting of Andean Left Parties", "2003-09-19", "Quito", ["Socialist Party of Ecuador"])
    assert len(main.participants) == 4


@pytest.mark.parametrize("cue", ["Among the other speakers were representatives of",
                                 "Among the foreign delegations were those of", "Among the invited parties were"])
def test_a_participation_cue_with_a_word_inside_it_still_opens_the_list(cue):
    doc = parse(f"Report\n\nThe conference was held in Hanoi on 28-30 October 2016. {cue} the Communist Party of "
                "Greece, the Portuguese Communist Party and the South African Communist Party.")
    assert mentions(doc, "participants") == [
        "Communist Party of Greece", "Portuguese Communist Party", "South African Communist Party"]


def test_a_written_date_far_from_the_relative_day_read_first_is_another_date():
    text = ("Report\n\nOur party took part in the online meeting of Asian parties, held last Saturday. "
            "After the discussion the meeting expressed its solidarity with the people of Myanmar resisting the coup "
            "of 1 February. The meeting {} adopted a joint statement.")
    far = parse(text.format("also"), published="2021-06-14")
    assert far.events[0].start.iso == "2021-06-12"
    near = parse(text.replace("held last Saturday", "held last weekend").format("of 12-13 June"), published="2021-06-16")
    assert (near.events[0].start.iso, near.events[0].end.iso) == ("2021-06-12", "2021-06-13")


@pytest.mark.parametrize("menu", ["[ Home ] [ About us ] [ Statements ] [ Links ]", "Home / Party News / International",
                                  "Home :: Party :: International :: Arabic", "[EN] [ES] [FR]"])
def test_a_site_name_over_a_menu_bar_or_breadcrumb_is_furniture_and_the_heading_below_is_the_title(menu):
    doc = parse(f"Left Party of Utopia\n{menu}\n\nFinal Statement of the Andean Meeting\n\n"
                "The Andean Meeting was held in Quito on 3 May 2019 with the participation of the Socialist Party of "
                "Ecuador, the Communist Party of Peru and the Patriotic Union of Colombia.")
    assert doc.statement.title == "Final Statement of the Andean Meeting"
    assert [s.kind for s in doc.segments[:2]] == ["noise", "noise"]
    assert mentions(doc, "participants") == ["Socialist Party of Ecuador", "Communist Party of Peru", "Patriotic Union of Colombia"]


def test_a_line_split_by_slashes_that_does_not_open_at_home_is_no_breadcrumb():
    doc = parse("Joint statement\nSocialist Party / Communist Party of Peru / Patriotic Union / Left Front\n\n"
                "We condemn the blockade.")
    assert [s.kind for s in doc.segments] == ["title", "paragraph"]


def test_including_after_joining_the_meeting_opens_the_list_and_a_year_inside_a_name_keeps_it_a_name():
    doc = parse("Report\n\nOur party took part in the online meeting of Asian parties on 12 June 2021. Representatives of "
                "16 parties joined the meeting, including the Communist Party of Vietnam, the Philippine Communist Party "
                "(PKP-1930), the Japanese Communist Party and the Tudeh Party of Iran.")
    assert mentions(doc, "participants") == ["Communist Party of Vietnam", "Philippine Communist Party (PKP-1930)",
                                             "Japanese Communist Party", "Tudeh Party of Iran"]


def test_an_invitation_whose_lead_announces_a_meeting_gives_it_the_list_and_signed_on_behalf_of_two():
    doc = parse(
        "REGIONAL PEACE MEETING\nSuva, 14-15 March 2009 - Invitation and Appeal\n\nDear friends,\n\n"
        "We have the pleasure to inform you that the Regional Meeting of the Pacific Peace Council will be held in "
        "Suva on 14 and 15 March 2009. The decision for the meeting was taken by the Council Assembly held in "
        "Caracas in April 2008.\n\nUp to now the following member organisations have confirmed their participation: "
        "the Japan Peace Committee, the Korean Peace Committee (to be confirmed), the Vietnam Peace Committee and the "
        "Sri Lanka Peace Council.\n\n"
        "We condemn the nuclear tests.\n\nIn peace and solidarity,\n\n"
        "On behalf of the Fiji Peace Council and the Pacific Peace Council\n",
        published="2009-01-20",
    )
    announced = [e for e in doc.events if e.status == "announced"]
    assert [e.name for e in announced] == ["Regional Meeting of the Pacific Peace Council"]
    assert [m.text for m in announced[0].participants] == [
        "Japan Peace Committee", "Korean Peace Committee", "Vietnam Peace Committee", "Sri Lanka Peace Council"]
    assert all(e.status != "reported" for e in doc.events)
    assert mentions(doc, "signatories") == ["Fiji Peace Council", "Pacific Peace Council"]


def test_a_name_joining_two_words_by_and_stays_one_name_but_two_names_by_and_stay_two():
    doc = parse("Report\n\nThe seminar was held in Kathmandu on 23-25 November 1999. The Communist Party of Bangladesh and "
                "the Nepal Workers and Peasants Party also sent delegations. Taking part were the Japan Peace Committee, "
                "the Philippine Peace and Solidarity Council, Vanguardia Popular and Partido del Pueblo, and the "
                "Communist Party of Greece and Communist Party of Turkey.")
    assert set(mentions(doc, "participants")) >= {
        "Nepal Workers and Peasants Party", "Philippine Peace and Solidarity Council", "Vanguardia Popular",
        "Partido del Pueblo", "Communist Party of Greece", "Communist Party of Turkey"}
    assert not {"Nepal Workers", "Peasants Party", "Philippine Peace"} & set(mentions(doc, "participants"))


@pytest.mark.parametrize(("place", "city", "country"), [
    ("in the Burkinabe capital", "Ouagadougou", "BF"), ("in the capital of Nepal", "Kathmandu", "NP"),
    ("in the Fijian capital", "Suva", "FJ"), ("in the Lebanese capital", "Beirut", "LB"), ("in Uruguay", None, "UY")])
def test_a_meeting_in_a_countrys_capital_is_in_that_city(place, city, country):
    doc = parse(f"Report\n\nThe regional seminar of left parties was held {place} on 4-6 August 2023.")
    assert (doc.events[0].city, doc.events[0].country) == (city, country)


def test_a_meeting_that_opened_on_a_day_and_worked_for_three_days_ends_two_days_later():
    doc = parse("Joint statement\n\nThe meeting opened on Monday 26 January 2009 in Belem and worked for three days.")
    assert (doc.events[0].start.iso, doc.events[0].end.iso) == ("2009-01-26", "2009-01-28")


def test_a_dateline_with_a_venue_before_the_city_places_the_meeting_and_a_published_line_is_furniture():
    doc = parse("Party of the Left\nNews  |  Statements  |  Contact\n\nPublished 26 November 2013\n\nNo to austerity!\n\nLiberty Hall, Dublin, 24/11/2013\n\n"
                "On Saturday and Sunday, 23 and 24 November, a meeting of left parties was held. The participants "
                "condemned the austerity programmes.")
    assert doc.statement.title == "No to austerity!"
    assert [s.kind for s in doc.segments[:5]] == ["noise", "noise", "noise", "title", "dateline"]
    assert (doc.events[0].city, doc.events[0].country, doc.events[0].start.iso) == ("Dublin", "IE", "2013-11-23")


def test_a_dateline_giving_only_a_month_takes_the_day_of_the_header_date_inside_it():
    doc = parse("Solidarity Blog\n2021-04-17 | posted by admin\n\nDeclaration of Temuco\n\n"
                "Yesterday, indigenous organisations met in Temuco. We reject the plunder of lithium.\n\n"
                "Temuco, Wallmapu, April 2021\n")
    assert doc.statement.date.iso == "2021-04-17"


def test_country_lines_inside_one_block_head_the_organisations_under_them():
    doc = parse("Final Communique\n\nThe seminar was held in Aden from 12 to 15 February 1978. Taking part in the "
                "Seminar were the following organisations:\n\nALGERIA\n  National Union of Algerian Women (UNFA)\n"
                "DEMOCRATIC YEMEN\n  General Union of Yemeni Women\nINDIA\n  National Federation of Indian Women\n"
                "  All India Democratic Women's Association\n")
    assert [(m.text, m.country) for m in doc.events[0].participants] == [
        ("National Union of Algerian Women (UNFA)", "DZ"), ("General Union of Yemeni Women", None),
        ("National Federation of Indian Women", "IN"), ("All India Democratic Women's Association", "IN")]


def test_rows_opened_by_a_country_and_a_colon_are_one_item_each_even_when_wrapped():
    doc = parse("Declaration\n\nThe conference took place in Ouagadougou on 4-6 August 2023.\n\nPARTICIPANTS\n"
                "Burkina Faso: CGT-B; UGEB; Mouvement\nBurkinabe des Droits de l'Homme (MBDHP)\n"
                "Mali: Union Nationale des Travailleurs du Mali (UNTM); Parti SADI\nNiger: Union des Syndicats du Niger\n"
                "Yugoslavia: New Communist Party of Yugoslavia\nObservers: World Federation of Trade Unions (WFTU)\n")
    assert [(" ".join(m.text.split()), m.country) for m in doc.events[0].participants] == [
        ("CGT-B", "BF"), ("UGEB", "BF"), ("Mouvement Burkinabe des Droits de l'Homme (MBDHP)", "BF"),
        ("Union Nationale des Travailleurs du Mali (UNTM)", "ML"), ("Parti SADI", "ML"),
        ("Union des Syndicats du Niger", "NE"), ("New Communist Party of Yugoslavia", None),
        ("World Federation of Trade Unions (WFTU)", None)]


def test_a_hosting_cue_speaks_of_the_meeting_named_just_before_it():
    doc = parse(
        "Statement\n\nWe gathered in the Andean Peace Meeting, held in Cusco, Peru, on 3 May 2011, at the invitation "
        "of the Peruvian Peace Movement (MPP), in the framework of the II Social Forum of the Americas."
    )
    hosts = {e.name: [m.text for m in e.hosts] for e in doc.events}
    assert hosts["Andean Peace Meeting"] == ["Peruvian Peace Movement (MPP)"]
    assert hosts.get("II Social Forum of the Americas", []) == []


def test_the_noun_of_a_coming_meeting_is_not_a_meeting_verb():
    doc = parse(
        "Report\n\nThe Caribbean Labour Meeting was held in Kingston, Jamaica, on 4-5 June 2012, hosted by the UWU. "
        "The meeting decided to strengthen the regional office in Kingston and to hold the next regional meeting in "
        "Bridgetown in 2013, hosted by the BWU."
    )
    events = {e.status: e for e in doc.events}
    assert [m.text for m in events["reported"].hosts] == ["UWU"]
    coming = events["announced"]
    assert (coming.city, coming.start.year, [m.text for m in coming.hosts]) == ("Bridgetown", 2013, ["BWU"])


def test_a_meeting_held_in_the_framework_of_another_places_it():
    doc = parse(
        "Statement\n\nWe gathered in the Andean Peace Meeting, held in Cusco, Peru, on 3 May 2011, "
        "in the framework of the II Social Forum of the Americas."
    )
    places = {e.name: (e.city, e.country) for e in doc.events}
    assert places["II Social Forum of the Americas"] == ("Cusco", "PE")


def test_a_meeting_attended_by_two_organisations_has_both_as_participants():
    doc = parse(
        "Statement\n\nThe Andean Peace Meeting was held in Lima on 3 May 2011. The meeting was also attended, as "
        "guests, by the World Peace Council (WPC) and the Portuguese Council for Peace and Cooperation (CPPC)."
    )
    assert mentions(doc, "participants") == [
        "World Peace Council (WPC)", "Portuguese Council for Peace and Cooperation (CPPC)"]


@pytest.mark.parametrize("reported", [
    "The Andean Peace Meeting took place in Quito on 12 March 2009. It continues the work of the meeting held in "
    "Caracas on 21-22 April 2007.",
    "The Andean Peace Meeting, which took place in Quito on 12 March 2009, continued the work of the meeting held in "
    "Caracas on 21-22 April 2007.",
])
def test_the_meeting_held_elsewhere_after_the_reported_one_is_another_meeting(reported):
    doc = parse("Declaration\n\n" + reported)
    places = {e.status: (e.city, e.start.iso, e.end.iso) for e in doc.events}
    assert places == {"reported": ("Quito", "2009-03-12", "2009-03-12"), "referenced": ("Caracas", "2007-04-21", "2007-04-22")}


def test_the_meeting_held_there_is_the_reported_one_when_it_is_the_first():
    doc = parse("Declaration\n\nThe meeting held in Lima on 3 May 2011 adopted the following declaration. We condemn the blockade.")
    assert [(e.status, e.city) for e in doc.events] == [("reported", "Lima")]


def test_an_unnumbered_meeting_with_its_own_qualifier_is_not_an_earlier_edition():
    doc = parse(
        "Statement\n\nThe International Online Meeting of Communist and Workers' Parties was held by videoconference on "
        "13-14 March 2021. Since the 21st International Meeting of Communist and Workers' Parties, held in Izmir on "
        "18-20 October 2019, the parties could not meet in person."
    )
    events = {e.ordinal: (e.city, e.start.iso) for e in doc.events}
    assert events == {None: (None, "2021-03-13"), 21: ("Izmir", "2019-10-18")}


def test_for_the_party_colon_name_lines_are_signatures():
    doc = parse(
        "Joint Communique\n\nThe communist parties of the Andes met in Quito on 4 May 1984 and condemned the debt.\n\n"
        "Quito, May 1984\n\nFor the Partido Comunista de Chile: Ana Rosa Figueroa\n"
        "For the Partido Comunista del Ecuador: Juan Vera\nFor the Partido Comunista Peruano: Luis Rojas\n"
    )
    assert [m.text for m in doc.signatories] == [
        "Partido Comunista de Chile", "Partido Comunista del Ecuador", "Partido Comunista Peruano"]


def test_an_organisation_opening_the_text_as_its_author_speaks_in_its_voice():
    text = (
        "Youth meeting to be held in Lisbon\n\nThe Portuguese Communist Youth (JCP) informs that the XXI Meeting of "
        "European Communist Youth Organizations will take place in Lisbon on March 18-19, 2023.\n\n"
        "The JCP calls on young people to take part in the demonstration against NATO.\n\n"
        "The Socialist Youth rejects the meeting, its spokesman said."
    )
    doc = parse(text)
    stances = {c.stance.value if hasattr(c.stance, "value") else str(c.stance): c.quote for c in doc.claims}
    assert any(q.startswith("calls on young people") for q in stances.values())
    assert not any("rejects the meeting" in q for q in stances.values())


@pytest.mark.parametrize(("text", "published", "days"), [
    ("Press release\n\nThe 8th Meeting of Arab Left Parties was held on Friday and Saturday in Beirut.",
     "2011-11-26", ("2011-11-25", "2011-11-26")),
    ("Announcement\n\nThe 9th Meeting of Arab Left Parties will be held in Beirut on Saturday and Sunday.",
     "2011-11-24", ("2011-11-26", "2011-11-27")),
    ("Report\n\nThe three-day 5th Seminar of South Asian Left Parties opened on Tuesday in Kathmandu and "
     "concluded on Thursday evening.", "1999-11-28", ("1999-11-23", "1999-11-25")),
])
def test_bare_weekdays_are_dated_against_the_publication_day(text, published, days):
    event = parse(text, published=published).events[0]
    assert (event.start.iso, event.end.iso) == days


def test_a_bare_weekday_does_not_replace_a_relative_week():
    text = ("Posted on 14 March 2023\n\nLast weekend the Left Party hosted the 3rd Regional Meeting of Left Parties in "
            "Sydney. The three-day meeting, which closed on Sunday with a public forum, brought together 11 parties.")
    event = parse(text, published="2023-03-14").events[0]
    assert (event.start.iso, event.end.iso) == ("2023-03-10", "2023-03-12")


def test_a_header_line_counts_words_not_separators():
    text = ("Press release: the parties meet in Beirut\n\n26/11/2011 – 18:05 | Information Office | Print | Send to a "
            "friend\n\nThe 8th Meeting of Arab Left Parties was held in Beirut.")
    assert parse(text).statement.date.iso == "2011-11-26"


def test_an_organisation_that_hosted_on_some_days_the_meeting_hosts_it():
    doc = parse("Press release\n\nThe Lebanese Communist Party hosted on Friday and Saturday the 8th Meeting of Arab "
                "Left Parties in Beirut.", published="2011-11-26")
    assert mentions(doc, "hosts") == ["Lebanese Communist Party"]


def test_persons_in_a_comma_run_are_not_listed_organisations():
    doc = parse(
        "Statement\n\nThe Online Meeting of Left Parties was held by videoconference on 13-14 March 2021. Delegations "
        "of 48 parties took part in the meeting, which was opened by the General Secretary of the PCV, Carlos Aquino "
        "Rivas, and chaired in its second session by Ramón Ortega of the PCM."
    )
    names = mentions(doc, "participants")
    assert not {"Carlos Aquino Rivas", "General Secretary of the PCV", "Ramón Ortega of the PCM"} & set(names)


def test_a_count_of_workers_parties_counts_parties_not_workers():
    doc = parse("Report\n\nThe 7th International Communist Seminar was held in Brussels on 1-3 May 1998. Delegations of 58 "
                "communist and workers' parties and organisations from 44 countries took part in the Seminar.")
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (58, 44)


def test_the_meeting_signing_its_resolution_is_no_organisation():
    doc = parse("GENERAL RESOLUTION\n\nThe Trade Union Conference met in Damascus on 8-10 April 1979.\n\nThe Conference:\n\n"
                "1. Condemns the occupation.\n\nDamascus, 10 April 1979\n\nTHE CONFERENCE\n")
    assert [m.text for m in doc.signatories] == []


def test_a_quoted_name_with_a_comma_is_one_host():
    doc = parse('Statement\n\nThe Peace Forum will take place in Madrid on 24-25 June 2022, organised by the Plataforma '
                'Estatal "OTAN No, Bases Fuera".', published="2022-06-01")
    assert mentions(doc, "hosts") == ['Plataforma Estatal "OTAN No, Bases Fuera"']


def test_the_hosts_besides_our_party_take_part():
    doc = parse("Report\n\nOur party took part in the meeting of Nordic communist parties held in Oslo on 12-13 October "
                "2019. The meeting was hosted by the Communist Party of Norway (NKP). Besides our party and the hosts, "
                "delegations came from the Communist Party in Denmark (KPiD) and the Communist Party of Finland (SKP).")
    assert "Communist Party of Norway (NKP)" in mentions(doc, "participants")


def test_lines_under_a_masthead_are_no_participant_list():
    doc = parse("INFORMATION BULLETIN\nDocuments of the Communist and Workers' Parties\nArticles and Speeches\n\n"
                "No. 3 (1985)\n\nJoint Communique\n\nThe communist parties of the Southern Cone met in Buenos Aires on "
                "10-11 December 1984, with delegations of the Communist Party of Chile and the Communist Party of Uruguay.")
    assert not {"Articles and Speeches", "Documents of the Communist and Workers' Parties"} & set(mentions(doc, "participants"))


def test_groups_the_delegates_came_from_take_part():
    doc = parse("Newsletter\n\nThe Indochinese Women's Conference was held in Toronto on 1-4 April 1971. Women came from "
                "more than forty groups in Canada and the United States: Women Strike for Peace, Third World Women's "
                "Alliance, the New Democratic Party Women's Committee (Ontario) and many campus collectives.")
    assert {"Women Strike for Peace", "Third World Women's Alliance"} <= set(mentions(doc, "participants"))


def test_a_roman_ordinal_with_a_suffix_numbers_a_known_acronym():
    doc = parse("Announcement\n\nThe XXI Meeting of European Communist Youth Organizations (MECYO) will take place in "
                "Lisbon on March 18-19, 2023. It was decided at the XXth MECYO, which took place in Istanbul on 26-27 "
                "March 2022.", published="2023-01-12")
    past = next(e for e in doc.events if e.status == "referenced")
    assert (past.ordinal, past.city, past.start.iso) == (20, "Istanbul", "2022-03-26")


def test_the_meeting_named_by_another_city_is_another_meeting():
    doc = parse("Declaration\n\nThe First Pan-African Conference was held in Ouagadougou on 4-6 August 2023. The idea of "
                "this conference was born at the Dakar meeting of African progressive forces held on 12 and 13 November 2022.")
    assert [(e.status, e.city, e.start.iso) for e in doc.events] == [
        ("reported", "Ouagadougou", "2023-08-04"), ("referenced", "Dakar", "2022-11-12")]


def test_the_meeting_named_by_its_own_city_is_the_reported_one():
    doc = parse("Newsletter\n\nMore than five hundred women came to the Toronto session of the Indochinese Women's "
                "Conference on 9-11 April 1971.\n\nThe Toronto conference was jointly sponsored by the Voice of Women "
                "and the Toronto Women's Liberation Movement (TWLM).")
    assert len(doc.events) == 1
    assert mentions(doc, "hosts") == ["Voice of Women", "Toronto Women's Liberation Movement (TWLM)"]


def test_meeting_again_next_year_announces_a_meeting():
    doc = parse("Report\n\nThe Forum of Arab Women was held in Tunis on 14-16 December 2012. The Forum decided to meet "
                "again next year in Beirut, hosted by the RDFL.", published="2012-12-18")
    coming = next(e for e in doc.events if e.status == "announced")
    assert (coming.start.iso, coming.city, [m.text for m in coming.hosts]) == ("2013", "Beirut", ["RDFL"])


def test_the_seminar_on_a_topic_held_elsewhere_is_another_meeting():
    doc = parse("Press release\n\nThe Asia-Pacific Conference on East Timor closed in Quezon City on 2 June 1994. "
                "Participants recalled the international seminar on East Timor held in Lisbon in April 1993.")
    assert [(e.status, e.city) for e in doc.events] == [("reported", "Quezon City"), ("referenced", "Lisbon")]


def test_a_forum_held_together_with_a_meeting_takes_its_place_and_month_but_not_its_hosts():
    doc = parse("Declaration\n\nThe V Pan-Amazonian Social Forum (FOSPA) was held in Santarém on 25-28 November 2010. "
                "The Third Meeting will be held in Porto Alegre, Brazil, in January 2005, in the frame of the World Social "
                "Forum, at the invitation of the CUT of Brazil. The IV FOSPA was held in Belém do Pará in January 2009 "
                "together with the European Social Forum.")
    events = {e.name: e for e in doc.events}
    assert events["V Pan-Amazonian Social Forum"].ordinal == 5
    assert [m.text for m in events["Third Meeting"].hosts] == ["CUT"]
    assert events["World Social Forum"].hosts == ()
    forum = events["European Social Forum"]
    assert (forum.city, forum.start.iso) == ("Belém do Pará", "2009-01")


@pytest.mark.parametrize(("opening", "days"), [
    ("After four days of work, the Conference at its closing session adopted the following resolution:",
     ("1962-07-11", "1962-07-14")),
    ("The Conference adopted the following resolution:", ("1962-07", "1962-07")),
])
def test_a_meeting_with_no_date_ended_on_the_day_under_the_text_it_adopted(opening, days):
    doc = parse("GENERAL RESOLUTION\n\nThe Conference of African Women, held in Guinea and convened by the Union des "
                f"Femmes de Guinée, brought together delegates of 24 organisations.\n\n{opening}\n\n"
                "1. condemns colonialism.\n\n14 July 1962\n")
    event = doc.events[0]
    assert (event.start.iso, event.end.iso) == days


def test_a_text_the_meeting_did_not_adopt_gives_it_no_date():
    doc = parse("Statement\n\nThe Conference of African Women, held in Guinea and convened by the Union des Femmes de "
                "Guinée, brought together delegates of 24 organisations.\n\nWe condemn colonialism.\n\n14 July 1962\n")
    assert doc.events[0].start is None


def test_arabic_article_particles_are_part_of_a_listed_name():
    doc = parse("Press release\n\nThe 8th Meeting of Arab Left Parties was held in Beirut on 25-26 November 2011. It was "
                "attended by delegations of 15 parties, among them: the Jordanian Communist Party, Hizb al-Sha'b "
                "al-Filastini (Palestinian People's Party), the Democratic Front for the Liberation of Palestine (DFLP) "
                "and the Egyptian Communist Party.")
    assert "Hizb al-Sha'b al-Filastini (Palestinian People's Party)" in mentions(doc, "participants")


def test_a_person_of_an_organisation_who_chaired_makes_it_take_part():
    doc = parse("Statement\n\nThe Online Meeting of Left Parties was held by videoconference on 13-14 March 2021. It was "
                "chaired in its second session by Ramón Ortega of the PCM. Comrade Hamid Majeed Jaafar of the Iraqi "
                "Communist Party spoke about the withdrawal.")
    persons = {p.name: p.organisation.text for p in doc.persons if p.organisation}
    assert persons == {"Ramón Ortega": "PCM", "Hamid Majeed Jaafar": "Iraqi Communist Party"}
    assert {"PCM", "Iraqi Communist Party"} <= set(mentions(doc, "participants"))


def test_a_role_note_after_a_listed_party_is_no_part_of_its_name():
    doc = parse("Statement\n\nThe Meeting of Communist Parties of South America was held in Montevideo on 3-4 May 2008. "
                "Participants:\n\nCommunist Party of Uruguay (Uruguay)\nCommunist Party of Chile (Chile)\n"
                "Communist Party of Cuba (Cuba), as guest\nCommunist Party of Spain (Spain), observer\n")
    assert mentions(doc, "participants") == ["Communist Party of Uruguay (Uruguay)", "Communist Party of Chile (Chile)",
                                             "Communist Party of Cuba (Cuba)", "Communist Party of Spain (Spain)"]


def test_a_numbered_meeting_name_with_and_is_no_list_and_observers_present_take_part():
    doc = parse("Nairobi Declaration\n\nWe, the undersigned parties, gathered in Nairobi on 25 and 26 August 2023 at the "
                "First Pan-African Conference of Left and Anti-Imperialist Parties, convened at the invitation of the "
                "Communist Party of Kenya (CPK), declare the following.\n\nThe conference brought together 23 parties, "
                "in the presence of observers from the Communist Party of Cuba and the Communist Party of China.")
    names = set(mentions(doc, "participants")) | {m.text for m in doc.signatories}
    assert not {"Anti-Imperialist Parties", "First Pan-African Conference of Left"} & names
    assert {"Communist Party of Cuba", "Communist Party of China"} <= set(mentions(doc, "participants"))


def test_an_organisation_spoken_for_is_no_meeting_and_its_acronym_is_not_the_meetings():
    doc = parse("Women at the regional meeting\n\nPosted on February 21, 2018\n\nEarlier this month I had the honour to "
                "represent the Congress of Canadian Women at the Regional Meeting of the Americas of the Women's "
                "International Democratic Federation (WIDF), held in Bogotá, Colombia. The two-day meeting was "
                "co-organised by the Union of Democratic Women of Colombia together with the Federation of Cuban Women "
                "(FMC), which is coordinating the WIDF in our region since the 16th WIDF Congress last year.")
    main = next(e for e in doc.events if e.status == "reported")
    assert main.name.startswith("Regional Meeting of the Americas")
    assert (main.city, main.start) == ("Bogotá", PartialDate(2018, 2))
    assert [h.text for h in main.hosts] == ["Union of Democratic Women of Colombia", "Federation of Cuban Women (FMC)"]
    assert not any(e.name and "Congress of Canadian Women" in e.name for e in doc.events)
    congress = next(e for e in doc.events if e.ordinal == 16)
    assert not congress.hosts and congress.start == PartialDate(2017)


def test_a_country_after_the_last_listed_name_qualifies_it_before_the_verb():
    doc = parse("Meeting of youth\n\nThe meeting of youth organisations was held in Leningrad on 3-4 May 1985. Delegations "
                "from the Young Communist League of Canada, the Free German Youth, the Communist Youth of Greece (KNE) and "
                "the Young Communist League, USA attended, together with the hosts.")
    names = mentions(doc, "participants")
    assert "Young Communist League, USA" in names
    assert not {"USA attended", "Young Communist League"} & set(names)


def test_who_came_from_where_and_who_represented_whom_take_part():
    doc = parse("Report\n\nPosted on February 21, 2018\n\nEarlier this month I had the honour to represent the Congress "
                "of Canadian Women at the Regional Meeting of the Americas, held in Bogotá, Colombia. Over 40 delegates "
                "took part. From the United States the Women's Committee of the US Peace Council sent a video message.")
    names = mentions(doc, "participants")
    assert {"Congress of Canadian Women", "Women's Committee of the US Peace Council"} <= set(names)
    assert not any(n.startswith("From") for n in names)


def test_a_meeting_title_with_and_opening_a_sentence_is_no_list_item():
    doc = parse("GENERAL RESOLUTION\n\nThe International Trade Union Conference in Solidarity with the Workers and People "
                "of Palestine, convened at the invitation of the General Federation of Trade Unions of Syria and under the "
                "auspices of the International Confederation of Arab Trade Unions (ICATU), met in Damascus from the 8th to "
                "the 10th of April 1979. Brother Fadel al-Rishani, General Secretary of the ICATU, presented the main report.")
    names = set(mentions(doc, "participants"))
    assert not {"Workers", "People", "People of Palestine"} & names
    assert "ICATU" in names
    assert [(p.name, p.post, p.organisation.text) for p in doc.persons] == [
        ("Fadel al-Rishani", "General Secretary", "ICATU")]


def test_a_meeting_held_somewhere_else_is_another_one_and_one_held_where_the_headline_says_is_the_same():
    doc = parse("Appeal\n\nThe Asia-Pacific Trade Union Meeting was held in Kathmandu on 19-20 November 2024. We support the "
                "decision of the seminar of women trade unionists held in Colombo in March this year.",
                published="2024-11-22")
    assert [(e.status, e.city, e.start) for e in doc.events][1:] == [("referenced", "Colombo", PartialDate(2024, 3))]
    doc = parse("Arab Leftist Parties Conclude Tripoli Meeting\n\nThe meeting of Arab communist and leftist parties held "
                "in Tripoli on the 14th and 15th of this month has concluded its work. It was attended by delegations of "
                "10 parties from eight Arab countries.", published="1987-03-17")
    main = next(e for e in doc.events if e.status == "reported")
    assert (main.city, main.start, main.end, main.participant_count) == (
        "Tripoli", PartialDate(1987, 3, 14), PartialDate(1987, 3, 15), 10)


def test_a_meeting_planned_for_a_month_is_dated_to_it():
    doc = parse("Statement\n\nThe Continental Meeting of Women was held online on Saturday 18th July 2020. The pandemic "
                "made it impossible to hold the meeting planned for March in Caracas.")
    assert [(e.city, e.start) for e in doc.events if e.status != "reported"] == [("Caracas", PartialDate(2020, 3))]


def test_a_signature_paragraph_with_a_country_label_inside_keeps_every_item():
    doc = parse("Stop the killings!\n\nWe condemn the coup. The protests were again met with bullets. We note that the "
                "governments of the region, meeting in the framework of ASEAN, did nothing.\n\nSigned by: Communist Party "
                "of Australia (CPA); CP of Bangladesh and Workers Party of Bangladesh (Bangladesh); CP of Pakistan; New "
                "Zealand: Socialist Party of Aotearoa; Sudanese Communist Party and South African Communist Party.\n")
    assert [m.text for m in doc.signatories] == [
        "Communist Party of Australia (CPA)", "CP of Bangladesh", "Workers Party of Bangladesh (Bangladesh)",
        "CP of Pakistan", "Socialist Party of Aotearoa", "Sudanese Communist Party", "South African Communist Party"]
    assert next(m.country for m in doc.signatories if m.text == "Socialist Party of Aotearoa") == "NZ"
    assert not any(e.participants for e in doc.events)  # nobody says the signers met


def test_a_declaration_adopted_by_the_participating_parties_listed_below_is_signed_by_them():
    doc = parse("Minsk Declaration\n\nThe International Conference of Communist Parties was held in Minsk on 5-6 November "
                "1997. We condemn the expansion of NATO.\n\nThe Minsk Declaration was adopted unanimously by the "
                "participating parties and organisations listed below.\n\nPARTICIPATING PARTIES AND ORGANISATIONS\n\n"
                "ARMENIA\nCommunist Party of Armenia\n\nBELARUS\nParty of Communists of Belarus (PKB)\nCommunist Party of "
                "Belarus\n\nCUBA\nCommunist Party of Cuba\n")
    expected = ["Communist Party of Armenia", "Party of Communists of Belarus (PKB)", "Communist Party of Belarus",
                "Communist Party of Cuba"]
    assert [m.text for m in doc.signatories] == expected
    assert mentions(doc, "participants") == expected


def test_a_city_name_wrapped_over_two_lines_and_shared_by_cities_is_placed_by_the_countries_the_text_names():
    doc = parse("CARIBBEAN LEFT MEETS\n\nPORT OF SPAIN, Monday — Representatives of left parties from eleven Caribbean "
                "countries ended a three-day meeting in San\nFernando on 6 March 1983. The oil workers of Trinidad and "
                "Tobago welcomed them.")
    assert [(e.city, e.country) for e in doc.events] == [("San Fernando", "TT")]
    doc = parse("Statement\n\nThe conference was held in Paris on 3 May 1990. Delegates came from the United States.")
    assert [(e.city, e.country) for e in doc.events] == [("Paris", "FR")]


def test_relative_dates_in_a_forwarded_message_are_read_against_its_own_header():
    text = ("From: Bulletin <b@example.net>\nSent: Wednesday, November 21, 2007 10:02 AM\nSubject: Fwd: Report\n\n"
            "We forward the report sent to us yesterday.\n\n-----Original Message-----\nFrom: International Dept\n"
            "Sent: Tuesday, November 20, 2007 6:47 PM\nSubject: Report\n\nDear comrades,\n\nThe two-day Consultative "
            "Meeting of Left Parties of South Asia concluded yesterday in Kathmandu.\n")
    doc = parse(text, published="2007-11-21")
    assert [(e.start, e.end) for e in doc.events] == [(PartialDate(2007, 11, 18), PartialDate(2007, 11, 19))]


def test_an_online_meeting_told_by_met_by_video_conference_with_contributions_and_observers():
    doc = parse("JOINT STATEMENT\n\nIssued on 18 May 2020\n\nOn Saturday, 16 May 2020, representatives of communist "
                "parties from 15 African countries met by video conference to exchange views.\n\nContributions were made "
                "by, among others, the Sudanese Communist Party, the Communist Party of Kenya, the Egyptian Communist "
                "Party, the Communist Party of\nSwaziland and the Zimbabwe Communist Party. Comrades from the Communist "
                "Party of Lesotho and the Botswana Congress Party followed the discussion as observers.")
    main = next(e for e in doc.events if e.status == "reported")
    assert (main.start, main.city, main.country_count) == (PartialDate(2020, 5, 16), None, 15)
    assert [" ".join(m.split()) for m in mentions(doc, "participants")] == [
        "Sudanese Communist Party", "Communist Party of Kenya", "Egyptian Communist Party", "Communist Party of Swaziland",
        "Zimbabwe Communist Party", "Communist Party of Lesotho", "Botswana Congress Party"]


def test_a_qualified_country_heading_and_a_role_heading_in_a_list_under_headings():
    doc = parse("Declaration\n\nThe Conference was held in Minsk on 5-6 November 1997. We condemn NATO. The declaration "
                "was adopted by the participating parties listed below.\n\nPARTICIPATING PARTIES\n\nITALY\nParty of "
                "Communist Refoundation\n\nKOREA (DPR)\nWorkers' Party of Korea\n\nKYRGYZSTAN\nParty of Communists of "
                "Kyrgyzstan\n\nGUESTS\nWorld Federation of Democratic Youth\nWomen's International Democratic "
                "Federation\n\n* * *\n\nIn the evening the delegates "
                "attended a concert.\n")
    signed = {m.text: m.country for m in doc.signatories}
    assert "GUESTS" not in signed
    assert signed["Workers' Party of Korea"] == "KP"
    assert "World Federation of Democratic Youth" in set(mentions(doc, "participants"))


def test_guests_from_parties_who_informed_the_delegates_take_part():
    doc = parse("Declaration\n\nThe 3rd Meeting of Left Parties was held in San Salvador on 3-4 June 2016. Guests from "
                "the Partido dos Trabalhadores (PT) and the Communist Party of Brazil (PCdoB) informed the delegates "
                "about the coup.")
    assert mentions(doc, "participants") == ["Partido dos Trabalhadores (PT)", "Communist Party of Brazil (PCdoB)"]


def test_an_ordinal_in_apposition_numbers_the_meeting_and_a_weekday_dateline_anchors_yesterday():
    doc = parse("CARIBBEAN LEFT MEETS\n\nPORT OF SPAIN, Monday — Representatives of left parties ended a three-day "
                "meeting in Kingston yesterday.\n\nThe meeting, the second regional consultation of its kind, was hosted "
                "by the Workers' Party of Jamaica. The first consultation was held in Georgetown in June 1982.",
                published="1983-03-08")
    main = next(e for e in doc.events if e.status == "reported")
    assert (main.ordinal, main.start, main.end) == (2, PartialDate(1983, 3, 4), PartialDate(1983, 3, 6))
    assert [h.text for h in main.hosts] == ["Workers' Party of Jamaica"]
    assert [(e.ordinal, e.city) for e in doc.events if e is not main] == [(1, "Georgetown")]


def test_a_host_named_in_spanish_hosted_on_dates_in_a_place_the_meeting():
    doc = parse("Declaration\n\nThe Frente Farabundo Martí para la Liberación Nacional (FMLN) hosted on the\n4th and 5th "
                "of June, in San Salvador, the 3rd Meeting of Left Parties of Central America.", published="2016-06-06")
    main = next(e for e in doc.events if e.status == "reported")
    assert (main.ordinal, main.city, main.start) == (3, "San Salvador", PartialDate(2016, 6, 4))
    assert [h.text for h in main.hosts] == ["Frente Farabundo Martí para la Liberación Nacional (FMLN)"]


def test_representatives_included_in_a_delegation_and_a_chair_named_by_organisation_and_post_take_part():
    doc = parse("Report\n\nThe Asia-Pacific Left Consultation was held in Sydney on 7 December 2019. The consultation was "
                "chaired by Socialist Alliance national co-convenor Sam Wainwright. The Cuban delegation was headed by "
                "Juan Almeida, and included representatives of the Federación de Mujeres Cubanas and the Central de "
                "Trabajadores de Cuba (CTC). Among the speakers were Dr. Rupert Samaroo of the People's Progressive Party, who "
                "spoke on the crisis, and a representative of the New Jewel Movement of Grenada, who described the "
                "revolution. OWTU President General Ramdath Baksh told the delegates about the oil workers.")
    assert {"Socialist Alliance", "Federación de Mujeres Cubanas", "Central de Trabajadores de Cuba (CTC)",
            "People's Progressive Party", "New Jewel Movement of Grenada", "OWTU"} <= set(mentions(doc, "participants"))
    posts = {p.name: (p.post, p.organisation.text) for p in doc.persons if p.organisation}
    assert posts["Sam Wainwright"] == ("national co-convenor", "Socialist Alliance")
    assert posts["Ramdath Baksh"] == ("President General", "OWTU")


def test_a_joint_statement_with_no_meeting_of_its_own_makes_no_meeting_of_it_is_or_the_next_meeting():
    doc = parse("JOINT STATEMENT AGAINST THE HELMS-BURTON LAW\n\nThe undersigned political parties express their "
                "rejection of the Helms-Burton Act. It is a flagrant violation of international law.\n\nWe will bring "
                "this matter to the next meeting of the Forum, to be held in San Salvador in July 1996.\n\nMexico City, "
                "March 14, 1996\n\nSIGNED:\n\nParty of the Democratic Revolution (PRD), Mexico\nPopular Socialist Party, "
                "Mexico\nCommunist Party of Chile, Chile\n")
    assert [(e.status, e.city) for e in doc.events] == [("announced", "San Salvador")]
    assert len(doc.signatories) == 3 and not doc.events[0].participants
    doc = parse("Statement\n\nThe Pan-African Conference took place in Ouagadougou on 4-6 August 2023. It was "
                "co-organised by the Confédération Générale du Travail du Burkina (CGT-B).")
    assert [h.text for h in doc.events[0].hosts] == ["Confédération Générale du Travail du Burkina (CGT-B)"]


def test_calling_all_forces_or_the_parliaments_to_act_is_a_call():
    doc = parse("Resolution\n\nThe Conference calls all progressive and anti-imperialist forces in the world to boycott "
                "the goods of the aggressors. We call the parliaments of our countries to adopt laws which protect our "
                "enterprises.")
    assert [c.stance.value for c in doc.claims] == ["call", "call"]


def test_an_announced_meeting_with_a_place_and_no_date_is_kept():
    doc = parse("APPEAL\n\nWe, the undersigned parties, meeting in Beirut on 22 and 23 October at the invitation of the "
                "Lebanese Communist Party, address this appeal to you.\n\nWe have agreed to meet again in Baghdad next "
                "spring, at the invitation of the Iraqi Communist Party.")
    announced = [e for e in doc.events if e.status == "announced"]
    assert [(e.city, e.country, [h.text for h in e.hosts]) for e in announced] == [
        ("Baghdad", "IQ", ["Iraqi Communist Party"])]


def test_a_meeting_mention_wrapped_over_a_line_and_hosts_organising_jointly():
    doc = parse("Beirut, 8 June 2015 — The 6th Meeting of Arab Left Parties was held on June 5-7 in Beirut. The Lebanese\n"
                "Communist Party (al-Hizb al-Shuyu'i al-Lubnani) was the host of the\nmeeting.")
    assert [" ".join(h.text.split()) for h in doc.events[0].hosts] == [
        "Lebanese Communist Party (al-Hizb al-Shuyu'i al-Lubnani)"]
    doc = parse("Report\n\nThe North American Conference of Youth met in Toronto on 12-13 April 1997. It was organised "
                "jointly by the Young Communist League of\nCanada and the Young Communist League USA.")
    assert [" ".join(h.text.split()) for h in doc.events[0].hosts] == [
        "Young Communist League of Canada", "Young Communist League USA"]


def test_a_comma_run_of_names_between_semicolons_is_part_of_the_list():
    doc = parse("Conference report\n\nThe Frontline Solidarity Conference was held in Lusaka on 3-5 May 1979. Among those "
                "present were: ANC (South Africa), SWAPO (Namibia); Frente POLISARIO; Communist Party of the Soviet Union, "
                "Socialist Unity Party of Germany (G.D.R.), Communist Party of Cuba; Bulgarian Communist Party; World "
                "Peace Council.")
    assert {"Communist Party of the Soviet Union", "Socialist Unity Party of Germany (G.D.R.)", "Communist Party of Cuba",
            "Bulgarian Communist Party", "ANC (South Africa)"} <= set(mentions(doc, "participants"))


def test_a_committee_issuing_a_press_release_speaks_in_its_voice():
    doc = parse("PRESS RELEASE\n\nQuito, 24 November 2026\n\nThe Organising Committee of the XII International Conference "
                "announces that the conference will take place in Quito from March 18–20, 2027.\n\nThe Organising "
                "Committee rejects the new mining concessions granted by the government, and expresses its solidarity "
                "with the Shuar communities who resist the mines.")
    assert [c.stance.value for c in doc.claims] == ["declare", "reject", "solidarity"]


def test_a_committee_of_many_organisations_hosts_whole_and_an_organisation_organising_a_seminar_hosts_it():
    doc = parse("Report\n\nThe seminar was held in Leningrad on 21-23 September 1985. The seminar was organised by the "
                "Committee of Youth Organisations of the USSR (CYO) and met in the Tauride Palace.")
    assert mentions(doc, "hosts") == ["Committee of Youth Organisations of the USSR (CYO)"]
    doc = parse("Invitation\n\nWe have the pleasure to inform you that the All India Peace and Solidarity Organisation "
                "(AIPSO) is organising an International Seminar on foreign bases. The seminar will take place on 3-4 June "
                "2017 in Thrissur.")
    assert mentions(doc, "hosts") == ["All India Peace and Solidarity Organisation (AIPSO)"]


def test_solidarity_with_inside_an_organisation_name():
    doc = parse("Report\n\nThe Continental Congress was held in Niteroi on 28-30 March 1963 under the auspices of the "
                "Brazilian Committee of Solidarity with Cuba, whose president opened it.")
    assert mentions(doc, "hosts") == ["Brazilian Committee of Solidarity with Cuba"]


def test_a_japanese_list_bullet_is_a_marker():
    doc = parse("Tokyo Declaration\n\nThe Asia-Pacific Peace Forum was held in Tokyo on 2-3 August 1985. Participating "
                "organisations:\n\n・Japan Peace Committee（日本平和委員会）\n・Australian Peace Committee (Australia)\n"
                "・Bangladesh Peace Council (Bangladesh)\n")
    assert mentions(doc, "participants") == ["Japan Peace Committee（日本平和委員会）", "Australian Peace Committee (Australia)",
                                             "Bangladesh Peace Council (Bangladesh)"]


def test_a_city_after_a_comma_is_no_part_of_a_meetings_name():
    doc = parse("REPORT: Asia-Pacific Conference against War and Militarism, Manila\n\nThe Asia-Pacific Conference against "
                "War and Militarism, Manila was held on 3-4 November 2007 in Quezon City.")
    assert all(e.name is None or not e.name.endswith("Manila") for e in doc.events)


def test_a_sites_name_above_its_menu_is_no_title_but_a_heading_above_a_posts_tags_is():
    page = ("Communist Party of Ruritania | Party Site\n\nHome   About us   Statements   Join the party   Contact\n\n"
            "Home › Statements › International\n\nJoint statement of the Valletta Conference\n\nPosted on 3 May 2018\n\n"
            "The Conference of Left Parties took place in Valletta on 1-2 May 2018.")
    assert parse(page).statement.title == "Joint statement of the Valletta Conference"
    post = ("Joint statement of the Valletta Conference\n\n03.05.2018 | 10:42\n  • International  • Europe  • Party News\n\n"
            "The Conference of Left Parties took place in Valletta on 1-2 May 2018.")
    assert parse(post).statement.title == "Joint statement of the Valletta Conference"


def test_a_headline_naming_the_meeting_by_its_city_is_the_meeting_the_body_reports_there():
    doc = parse("Joint statement of the Valletta International Conference\n\nThe International Conference of Left Parties "
                "took place in Valletta on 1-2 May 2018, at the joint invitation of the Communist Party of Malta and the "
                "Youth Front. Delegations of 12 parties from 9 countries took part.\n\nThe following parties, which took part in the "
                "conference, have signed this statement:\n\nCommunist Party of Malta\nYouth Front (Malta)\nParty of Labour (Austria)\n")
    main = doc.events[0]
    assert (main.name, main.city, main.participant_count) == ("International Conference of Left Parties", "Valletta", 12)
    assert mentions(doc, "hosts") == ["Communist Party of Malta", "Youth Front"]
    assert "Party of Labour (Austria)" in mentions(doc, "participants")
    assert len(doc.events) == 1


def test_a_past_meeting_named_before_an_announced_one_in_its_sentence_is_not_announced():
    doc = parse("Report\n\nThe conference took place in Valletta on 19-20 November 2016. In the first session the delegates "
                "heard the hosts.\n\nThe participants noted that the conference followed the 18th International Meeting, "
                "held in Hanoi last month, and that it prepared the 19th International Meeting, which will take place in "
                "Russia next year.", published="2016-11-21")
    by_ordinal = {e.ordinal: e for e in doc.events}
    assert (by_ordinal[18].status, by_ordinal[18].start) == ("referenced", PartialDate(2016, 10))
    assert (by_ordinal[19].status, by_ordinal[19].start) == ("announced", PartialDate(2017))
    assert 1 not in by_ordinal  # "the first session" is a sitting of the conference


def test_a_decision_to_go_on_and_to_hold_a_meeting_announces_it():
    doc = parse("Report\n\nThe conference took place in Valletta on 19-20 November 2016.\n\n12. Decided to continue "
                "their cooperation and to hold a conference of youth organisations in Lisbon in spring 2017, hosted by "
                "the Youth Front.", published="2016-11-21")
    coming = [e for e in doc.events if e.status == "announced"]
    assert [(e.city, e.start, [m.text for m in e.hosts]) for e in coming] == [("Lisbon", PartialDate(2017), ["Youth Front"])]


def test_a_posters_note_above_a_rule_is_no_part_of_the_text_and_a_dash_dateline_places_the_meeting():
    doc = parse("From: A Poster <a@example.org>\nTo: list@example.net\nDate: Tue, 6 Nov 2007 14:22:05 +0800\n"
                "Subject: [list] REPORT: Conference against Militarism, Manila\n\nDear friends,\n\nPlease find below the "
                "report of the conference that ended yesterday.\n\nIn solidarity,\nJane Roe\nInternational Desk, Left "
                "Front\n\n=====================\n\nPEOPLES REJECT WAR\nReport of the 2nd Conference against Militarism\n\n"
                "QUEZON CITY - The 2nd Conference against Militarism was held on 4-5 November 2007 at the University, "
                "hosted by the Left Front. Participants came from the following organizations:\n\n  * Left Front - "
                "Philippines\n  * Peace Union - Japan\n\nThe conference also joined the picket at the embassy in Manila."
                "\n\nWe resolve to hold the 3rd Conference against Militarism in Dili in 2008.\n")
    assert doc.statement.title.startswith("PEOPLES REJECT WAR")
    main = doc.events[0]
    assert (main.ordinal, main.city, main.country) == (2, "Quezon City", "PH")
    assert mentions(doc, "participants") == ["Left Front - Philippines", "Peace Union - Japan"]
    assert [(e.city, e.country) for e in doc.events if e.ordinal == 3] == [("Dili", "TL")]


def test_a_forum_named_with_a_theme_is_held_and_the_forum_after_it_is_that_meeting():
    doc = parse("Final Resolution of the International Youth Forum \"Victory 70\"\n\nThe International Youth Forum "
                "\"Victory 70\" was held in Moscow from 6 to 9 May 2015. The Forum was organised by the Young Communist "
                "League (YCL) under the auspices of the World Federation of Democratic Youth (WFDY). Greetings were "
                "addressed by Jane Roe, Secretary of the Left Party, and by the President of the WFDY, John Doe, who "
                "reminded the participants of 1945.\n\n9. Decided to hold the next Forum in Minsk in May 2016.\n\n"
                "The Forum was attended by delegations of the following organisations:\n\n1) Young Communist League "
                "(Russia)\n2) Youth Union (Belarus)\n\nThe Final Resolution was signed by the organisations listed "
                "above.\n\nShare: VK | Facebook | Twitter | OK\n", published="2015-05-12")
    main = doc.events[0]
    assert main.name.startswith("International Youth Forum") and (main.city, main.start) == ("Moscow", PartialDate(2015, 5, 6))
    assert mentions(doc, "hosts") == ["Young Communist League (YCL)", "World Federation of Democratic Youth (WFDY)"]
    assert [(e.city, e.status) for e in doc.events[1:]] == [("Minsk", "announced")]
    assert {"Young Communist League (Russia)", "Youth Union (Belarus)"} <= set(mentions(doc, "signatories"))
    assert not any("Share" in m or "reminded" in m for m in mentions(doc, "signatories") + mentions(doc, "participants"))


def test_the_forum_a_meeting_is_of_and_a_forum_with_a_name_after_it_are_no_back_references():
    doc = parse("Joint Statement\n\nAs agreed at the V Meeting of the Sao Paulo Forum, held in Montevideo in May 1995, we "
                "condemn the blockade.\n\nWe will bring this matter to the next meeting of the Forum, to be held in San "
                "Salvador in July 1996.")
    assert [(e.city, e.status == "announced") for e in doc.events] == [("Montevideo", False), ("San Salvador", True)]


def test_a_later_mention_dates_nothing_by_a_day_another_thing_is_of():
    doc = parse("RESOLUTIONS OF THE SECOND CONGRESS OF ANTI-IMPERIALIST ORGANIZATIONS\n\nThe Second Congress of "
                "Anti-Imperialist Organizations met in Managua, hosted by the FSLN.\n\n2- Chile: The Congress salutes the "
                "Chilean people, whose victory in the plebiscite of 5 October has dealt a blow to the dictatorship.\n\n"
                "Managua, 5 November 1988")
    assert doc.events[0].start != PartialDate(1988, 10, 5)


def test_an_earlier_edition_named_after_the_meeting_is_not_what_the_meeting_refers_back_to_and_an_aside_takes_part():
    doc = parse("Joint Statement\n\nThe 9th Meeting of Parties of the Region was held in Nicosia on 2-3 December 2017, "
                "hosted by AKEL. It follows the 8th Meeting, which was held in Amman in November 2016.\n\nTaking part in "
                "the Meeting, besides AKEL, were the Communist Party of Greece (KKE), the Lebanese Communist Party and "
                "the Tudeh Party of Iran.")
    main = doc.events[0]
    assert main.ordinal == 9
    assert mentions(doc, "participants") == ["AKEL", "Communist Party of Greece (KKE)", "Lebanese Communist Party",
                                             "Tudeh Party of Iran"]
    assert [e.participants for e in doc.events if e.ordinal == 8] == [()]


def test_a_weeklys_masthead_and_section_are_no_title_and_the_headline_meeting_is_the_one_the_lead_names_by_its_theme():
    doc = parse("PEOPLE'S WEEKLY\n(Weekly Organ of the Left Party)\n\nVol. XXXIII\nNo. 07\nFebruary 15, 2009\n\n"
                "Home | Current Issue | Archives | Contact Us\n\nINTERNATIONAL\n\nInternational Seminar In New Delhi\n"
                "Parties Resolve To Resist The Crisis\n\nJane Roe\n\nTHE international seminar on \"The Global Crisis\", "
                "jointly organised by the Left Party and the Workers Party, was held in New Delhi on February 2-3.\n\n"
                "The following parties participated in the seminar:\n\n- Bangladesh: Communist Party of Bangladesh\n"
                "- Cyprus: AKEL\n", published="2009-02-15")
    assert doc.statement.title.startswith("International Seminar In New Delhi")
    assert len([e for e in doc.events if e.status == "reported"]) == 1
    main = doc.events[0]
    assert (main.city, main.start) == ("New Delhi", PartialDate(2009, 2, 2))
    assert mentions(doc, "hosts") == ["Left Party", "Workers Party"]
    assert set(mentions(doc, "participants")) >= {"Communist Party of Bangladesh", "AKEL"}


def test_a_genre_heading_over_a_meeting_subtitle_stays_the_title_and_the_subtitle_names_the_meeting():
    doc = parse("Declaration of Montevideo\n\nMeeting of Communist Parties of South America\n\nOn 16, 17 and 18 of May "
                "2008 took place in Montevideo the Meeting of Communist Parties of South America, organized by the "
                "Communist Party of Uruguay (PCU).\n\nParticipated in the Meeting:\n\nCommunist Party of Argentina "
                "(Argentina)\nCommunist Party of Chile (Chile)\nCommunist Party of Peru (Peru)\n\nThe parties condemned the "
                "aggression against Ecuador.\n")
    assert doc.statement.title == "Declaration of Montevideo"
    assert [e.name.endswith("Meeting of Communist Parties of South America") for e in doc.events] == [True]
    assert mentions(doc, "participants")[-3:] == ["Communist Party of Argentina (Argentina)",
                                                  "Communist Party of Chile (Chile)", "Communist Party of Peru (Peru)"]


def test_a_numbered_signature_list_printed_over_a_page_break_is_one_list():
    head = "10/14/23, 9:05 PM                Joint Statement on Palestine - Party Net"
    doc = parse(f"{head}\n\nJoint Statement on Palestine\n\nWe condemn the bombardment of Gaza.\n\nSignatory parties:\n\n"
                "1. Palestinian People's Party\n2. Communist Party of Israel\n\nhttps://www.example.org/article/Joint-"
                f"Statement/        1/2\n\n{head}\n\n3. German Communist Party (DKP)\n4. Party of Labour of Austria\n\n"
                "https://www.example.org/article/Joint-Statement/        2/2\n")
    assert mentions(doc, "signatories") == ["Palestinian People's Party", "Communist Party of Israel",
                                            "German Communist Party (DKP)", "Party of Labour of Austria"]
    assert doc.events == ()


def test_a_papers_name_over_its_menu_bar_and_a_sentence_case_headline_over_a_byline():
    doc = parse("People's Weekly World\nNewspaper of the Left Party\n\nNATIONAL | INTERNATIONAL | LABOR | EDITORIALS | "
                "ARCHIVE\n\nAnti-war movement goes global in Chicago\n'End the occupation'\n\nBy Luis Ocampo\nPosted "
                "Monday, June 30, 2003, 4:12 PM\n\nCHICAGO — Activists gathered here last weekend for the International "
                "Conference Against War and Occupation, organized by the Peace Coalition.", published="2003-06-30")
    assert doc.statement.title.startswith("Anti-war movement goes global in Chicago")
    assert doc.events[0].name == "International Conference Against War and Occupation"


def test_guests_named_with_their_organisations_and_organisations_among_those_represented_take_part():
    doc = parse("Report\n\nThe conference was held in Chicago on 27-29 June 2003.\n\nAmong the international guests were "
                "Miguel Concha of the Labour Party (PT), representatives of the Communist Party of Canada, a delegation "
                "from the Iraqi Communist Party, and Yuki Tanaka of the Japan Peace Committee. Veterans For Peace, the "
                "Arab American Action Network and the Chicago Teachers Union were among the US organizations represented."
                "\n\nThe Chicago Call, adopted on Sunday, demands the withdrawal of all troops. It condemns the war.")
    assert {"Labour Party (PT)", "Japan Peace Committee", "Veterans For Peace", "Chicago Teachers Union"} <= set(
        mentions(doc, "participants"))
    assert {c.stance.value for c in doc.claims} >= {"demand", "condemn"}


def test_a_founding_conference_held_elsewhere_in_time_is_another_meeting():
    doc = parse("Report\n\nCHICAGO — Activists gathered here last weekend for the International Conference Against War. "
                "The coalition reported that 200 unions joined since the founding conference of the coalition, held in "
                "Chicago in January.", published="2003-06-30")
    assert doc.events[0].start == PartialDate(2003, 6, 28) or doc.events[0].start.month == 6


def test_a_newsletters_contents_are_no_meetings_and_a_semicolon_list_wrapped_over_lines_takes_part():
    doc = parse("==========\n  PEACE NEWSLETTER  ::  April 2011 (Issue 46)\n==========\n\nIn this issue:\n  1. Pacific "
                "anti-bases meeting in Auckland\n  2. Upcoming events\n\n----------\n1. PACIFIC ANTI-BASES MEETING\n"
                "----------\n\nAround forty people met in Auckland on March 14-16 this year for\nthe second Pacific "
                "Regional Meeting Against Foreign Military Bases.\n\nTaking part were: the Anti-Bases Campaign; Peace "
                "Movement Aotearoa; the\nPacific Conference of Churches (Fiji); Fuetsan Famalao'an (Guam); the Okinawa "
                "Peace\nMovement Center (Japan); and Moruroa e Tatou (Tahiti).\n\nThe participants condemned the "
                "militarisation of the Pacific.\n", published="2011-04-05")
    main = doc.events[0]
    assert (main.ordinal, main.city, main.start) == (2, "Auckland", PartialDate(2011, 3, 14))
    assert mentions(doc, "participants")[:4] == ["Anti-Bases Campaign", "Peace Movement Aotearoa",
                                                 "Pacific Conference of Churches (Fiji)", "Fuetsan Famalao'an (Guam)"]


def test_a_sites_banner_over_its_menu_is_no_title():
    doc = parse("WIDF · FDIM\nWomen's International Democratic Federation\nFédération Démocratique Internationale\n\n"
                "Home   About WIDF   Regions   News   Contact        EN | ES | FR\n\nNews › Africa\n\nAfrican women meet "
                "in Luanda\n\nPosted by WIDF Secretariat | August 3, 2022 | Africa\n\nThe Regional Meeting of Women took "
                "place from 25 to 27 July this year in Luanda, Angola, hosted by the Angolan Women (OMA).",
                published="2022-08-03")
    assert doc.statement.title == "African women meet in Luanda"
    assert (doc.events[0].start, doc.events[0].end) == (PartialDate(2022, 7, 25), PartialDate(2022, 7, 27))


def test_a_counter_summit_is_a_meeting_of_organisations():
    doc = parse("London Declaration\n\nThe counter-summit was held in London on 30 November and 1 December 2019, "
                "jointly organised by the Campaign for Nuclear Disarmament (CND) and the Stop the War Coalition.")
    assert mentions(doc, "hosts") == ["Campaign for Nuclear Disarmament (CND)", "Stop the War Coalition"]
    assert (doc.events[0].city, doc.events[0].start) == ("London", PartialDate(2019, 11, 30))


def test_persons_named_with_initials_a_dotted_organ_and_an_article_before_the_post():
    doc = parse("Report\n\nThe seminar was held in New Delhi on 2-3 February 2009.\n\nThe meeting was opened by the General "
                "Secretary of the C.C. of AKEL, Kyriakos Pitsillides, who welcomed the delegations. D Narayana Rao, "
                "national secretary of the CPI, presided. Karim Hassan, a member of the Central Committee of the Iraqi "
                "Communist Party, spoke.")
    found = {p.name: (p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    assert found["Kyriakos Pitsillides"] == ("General Secretary of the C.C.", "AKEL")
    assert found["D Narayana Rao"] == ("national secretary", "CPI")
    assert found["Karim Hassan"] == ("member of the Central Committee", "Iraqi Communist Party")


def test_guests_named_with_their_organisations_are_persons_of_them():
    doc = parse("Report\n\nThe conference was held in Chicago on 27-29 June 2003.\n\nAmong the international guests were "
                "Miguel Concha of the Labour Party (PT), representatives of the Communist Party of Canada, and Yuki "
                "Tanaka of the Japan Peace Committee.")
    found = {p.name: p.organisation.text if p.organisation else None for p in doc.persons}
    assert found == {"Miguel Concha": "Labour Party (PT)", "Yuki Tanaka": "Japan Peace Committee"}


def test_a_count_in_the_sentence_of_the_reported_meeting_is_not_an_earlier_editions():
    doc = parse("CARACAS DECLARATION\n\nWe, more than 150 delegates of 72 parties from 41 countries, gathered in Caracas "
                "from 30 October to 1 November 2024 in the II International Anti-Imperialist Conference, almost two years "
                "after the I International Anti-Imperialist Conference, held in Havana in January 2023.")
    counts = {e.city: (e.participant_count, e.country_count) for e in doc.events}
    assert counts == {"Caracas": (72, 41), "Havana": (None, None)}


def test_a_blog_post_dated_then_headed_under_a_long_banner_with_labelled_guest_rows_and_a_blogger_footer():
    doc = parse("IUS Regional Office\nnews and documents of the International Union of Students in Asia and the Pacific "
                "region\n\nHome | About IUS | Member Unions | Documents | Contact\n\nMonday, April 6, 2009\n\nRegional "
                "Meeting held in Vientiane\n\nTwenty-two student organisations met in Vientiane from 23 to 25 March for "
                "the Regional Meeting of the Union of Students (IUS).\n\nThe following organisations participated:\n\n"
                "• Lao Youth Union (LPRYU) – Laos\n• Anakbayan – Philippines\n\nGuests: Federation of University "
                "Students (FEU) – Cuba; General Union of Palestine Students (GUPS) – Palestine\nObservers: World "
                "Federation of Democratic Youth (WFDY), All-China Students' Federation\n\nThe meeting condemned the cuts "
                "in education budgets and the increase of tuition fees imposed in the name of the crisis in the region."
                "\n\nPosted by IUS APRO at 3:47 AM    0 comments    Links to this post\nLabels: Laos, IUS\n\nNewer Post"
                "    Home    Older Post\n", published="2009-04-06")
    assert doc.statement.title == "Regional Meeting held in Vientiane"
    main = doc.events[0]
    assert (main.name, main.start) == ("Regional Meeting of the Union of Students", PartialDate(2009, 3, 23))
    assert {"Federation of University Students (FEU) – Cuba", "General Union of Palestine Students (GUPS) – Palestine"} <= set(
        mentions(doc, "participants"))
    assert not any("Posted" in m or "comments" in m for m in mentions(doc, "participants") + mentions(doc, "signatories"))


def test_a_delegation_headed_by_someone_that_took_part_names_its_party_alone():
    doc = parse("Report\n\nA delegation of the CPRF headed by the secretary of the Central Committee, Viktor Petrenko, "
                "took part in the international round table, which was held in Bishkek on 4 October 2008.")
    assert "CPRF" in mentions(doc, "participants")
    assert not any("headed" in m for m in mentions(doc, "participants"))


def test_two_organisations_after_a_role_cue_and_colon_are_a_list():
    doc = parse("Report\n\nThe meeting was held in Tegucigalpa on 20-22 November 2011.\n\nAlso they accompanied us as guests: "
                "Cuba: Partido Comunista de Cuba (PCC); Venezuela: Partido Socialista Unido de Venezuela (PSUV).\n\n"
                "We condemn the coup.")
    assert mentions(doc, "participants") == ["Partido Comunista de Cuba (PCC)", "Partido Socialista Unido de Venezuela (PSUV)"]
    doc = parse("Report\n\nThe meeting was held in Tegucigalpa on 20-22 November 2011. We condemn the coup, the blockade.")
    assert mentions(doc, "participants") == []


def test_an_archivists_note_is_no_title_and_women_counted_are_no_organisations():
    doc = parse("[Women's Resource Bureau - document collection - file PWM/98/41 - typed original, 3 pp.]\n\n"
                "                 PACIFIC WOMEN'S MEETING ON DEMILITARISATION\n                      Suva, Fiji, "
                "27-28 August 1998\n\nThirty-one women from fourteen organisations in nine Pacific countries met in "
                "Suva on 27-28 August 1998 at the Pacific Women's Meeting on Demilitarisation.")
    assert doc.statement.title == "PACIFIC WOMEN'S MEETING ON DEMILITARISATION"
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (14, 9)


def test_a_forum_with_an_organisation_word_held_somewhere_is_a_meeting():
    doc = parse("Statement\n\nWomen met in Suva on 27-28 August 1998 at the Pacific Women's Meeting on Demilitarisation."
                "\n\nThe meeting took place three years after the World Youth Forum held in Beijing in 1995.")
    assert [(e.name, e.city, e.start) for e in doc.events[1:]] == [("World Youth Forum", "Beijing", PartialDate(1995))]


def test_parties_that_joined_the_statement_afterwards_in_two_bare_lines_sign_it():
    doc = parse("Statement\n\nThe meeting was held in Belgrade on 2-3 April 2016.\n\nThe joint statement is signed by:\n\n"
                "New Communist Party of Yugoslavia (NKPJ)\nCommunist Party of Greece (KKE)\nCommunist Party of Turkey (TKP)"
                "\n\nNote: the Socialist Party will not sign it. The following parties joined the statement after the "
                "meeting:\n\nCommunist Party of Albania\nKomunistična partija Slovenije (KPS) – Slovenia\n\n"
                "____________________\nhttp://www.example.org/x\n")
    assert mentions(doc, "signatories")[-2:] == ["Communist Party of Albania", "Komunistična partija Slovenije (KPS) – Slovenia"]


def test_a_lone_numbered_section_heading_is_no_list_and_those_a_call_is_called_by_sign_it():
    doc = parse("DOCUMENTS\n\nI. THE PROCEEDINGS\n\nThe conference was held in Aden from 10 to 13 March 1977.\n\nII. "
                "GENERAL DECLARATION\n\nThe participants condemn imperialism.\n\nThe participants warmly thanked the "
                "National Front for its hospitality.\n\n\nIV. LIST OF PARTICIPATING ORGANISATIONS\n\nA. Arab countries\n\n"
                "1.  National Front (PDR Yemen)\n2.  General Union of Yemeni Workers (PDR Yemen)\n3.  National "
                "Liberation Front – Bahrain\n")
    listed = mentions(doc, "signatories") + mentions(doc, "participants")
    assert "National Liberation Front – Bahrain" in listed
    assert not any("PROCEEDINGS" in m or "LIST OF" in m for m in listed)
    doc = parse("CALL\n\nThe women's organisations of the continent are called to the Seventh Meeting in Quito from 8 to 10 "
                "August 2019.\n\nCalled by:\nFDIM – Coordinación Regional de América\nFrente Unitario de Mujeres del "
                "Ecuador (FUME)\n\nShare:  Facebook   Twitter\n")
    assert mentions(doc, "signatories") == ["FDIM – Coordinación Regional de América",
                                            "Frente Unitario de Mujeres del Ecuador (FUME)"]


def test_delegations_of_a_party_inside_an_inline_list_list_the_party():
    doc = parse("Report\n\nThe round table was held in Bishkek on 4 October 2008.\n\nBesides the hosts and the CPRF, "
                "delegations of the CP of Kazakhstan; the Communist Party of Tajikistan (CPT); the Communist Party of "
                "Ukraine and the Communist Party of Belarus took part in the discussion.")
    assert "CP of Kazakhstan" in mentions(doc, "participants")
    assert not any(m.startswith("delegations") for m in mentions(doc, "participants"))


def test_a_capitals_heading_within_a_run_of_country_groups_heads_a_group():
    doc = parse("SEOUL DECLARATION\n\nThe conference was held in Seoul on 12-14 August 2018. It was attended by the "
                "following organisations, which adopted this declaration:\n\nPHILIPPINES\nBagong Alyansang Makabayan "
                "(BAYAN)\n\nCANADA\nCanadian Peace Congress\n\nINTERNATIONAL ORGANISATIONS\nWorld Peace Council (WPC)\n\n"
                "OBSERVER\nWomen Cross DMZ\n\nContact: the Solidarity Committee, intl@example.org\n")
    assert "Women Cross DMZ" in mentions(doc, "participants")
    assert not any("OBSERVER" in m for m in mentions(doc, "participants") + mentions(doc, "signatories"))


def test_a_month_and_city_after_a_meetings_name_are_no_part_of_it():
    doc = parse("Report\n\nThe parties support the holding of the 14th International Meeting of Communist and\nWorkers' "
                "Parties in Beirut in November.", published="2012-09-05")
    assert [(e.name, e.city) for e in doc.events] == [("14th International Meeting of Communist and\nWorkers' Parties", "Beirut")]


def test_a_covers_imprint_gives_the_year_dates_without_one_take():
    doc = parse("INTERNATIONAL UNION OF STUDENTS\n\nDOCUMENTS\nof the Seminar of Students\n\nPrague 1966\n\n- 2 -\n\n"
                "The Seminar of Students of Africa took place in Algiers from 27th March to 2nd April.\n")
    assert (doc.events[0].start, doc.events[0].end) == (PartialDate(1966, 3, 27), PartialDate(1966, 4, 2))


def test_a_labelled_row_of_comma_separated_organisations_lists_each():
    doc = parse("Report\n\nTwenty-two student organisations met in Vientiane from 23 to 25 March 2009 for the Regional "
                "Meeting of Students.\n\nThe following organisations participated:\n\n• Lao Youth Union (LPRYU) – Laos\n"
                "• Anakbayan – Philippines\n\nGuests: Federation of University Students (FEU) – Cuba; General Union of "
                "Palestine Students (GUPS) – Palestine\nObservers: World "
                "Federation of Democratic Youth (WFDY), All-China Students' Federation\n\nThe meeting condemned the cuts "
                "in education budgets.\n")
    found = mentions(doc, "participants")
    assert {"World Federation of Democratic Youth (WFDY)", "All-China Students' Federation"} <= set(found)
    assert not any("WFDY), All-China" in m for m in found)


def test_a_row_whose_first_cell_fills_its_column_splits_where_the_other_rows_second_column_begins():
    doc = parse("Signatory parties:\n\n"
                "Partido Comunista de Chile (PCCh)     Partido Comunista de Uruguay (PCU)\n"
                "FMLN, El Salvador                     Partido del Pueblo de Panama (PPP)\n"
                "Partido Socialista Nicaraguense (PSN) People's Progressive Party (PPP)\n")
    assert mentions(doc, "signatories") == [
        "Partido Comunista de Chile (PCCh)", "Partido Comunista de Uruguay (PCU)", "FMLN, El Salvador",
        "Partido del Pueblo de Panama (PPP)", "Partido Socialista Nicaraguense (PSN)", "People's Progressive Party (PPP)"]


def test_a_count_of_parties_with_a_comma_separated_run_of_adjectives():
    doc = parse("Representatives of 21 communist, revolutionary and anti-imperialist parties from 15\ncountries "
                "met in Sao Paulo on 19-20 November 1996.\n\nThe parties condemn the blockade of Cuba.")
    assert (doc.events[0].participant_count, doc.events[0].country_count) == (21, 15)
    doc = parse("The meeting held on 2-3 February 2013 in Istanbul, the communist and workers' parties condemn NATO.")
    assert [e.participant_count for e in doc.events] == [None]


def test_the_parties_that_met_adopting_the_following_declaration_take_part_as_its_signatories():
    text = ("Representatives of 21 parties met in Sao Paulo on 19-20 November 1996.\n\n"
            "After two days of discussion the parties adopted the following Declaration.\n\n"
            "The parties condemn the blockade of Cuba.\n\nSignatory parties:\n\n"
            "Partido Comunista de Chile (PCCh)\nPartido Comunista de Uruguay (PCU)\n")
    doc = parse(text)
    assert mentions(doc, "signatories") == ["Partido Comunista de Chile (PCCh)", "Partido Comunista de Uruguay (PCU)"]
    assert set(mentions(doc, "signatories")) <= set(mentions(doc, "participants"))
    doc = parse(text.replace("the parties adopted the following Declaration", "the meeting closed"))
    assert not set(mentions(doc, "signatories")) & set(mentions(doc, "participants"))


def test_organisations_whose_speakers_greeted_the_participants_take_part():
    doc = parse("Representatives of 21 parties met in Sao Paulo on 19-20 November 1996. The participants were\n"
                "greeted by a representative of the Workers' Party (PT) and by Joao Batista Ramos, of the national "
                "leadership of the Landless Rural Workers' Movement (MST), who described the occupation of the Fazenda "
                "Macaxeira by 3,000 families.\n\nThe parties condemn the blockade of Cuba.")
    found = mentions(doc, "participants")
    assert "Workers' Party (PT)" in found
    assert any(m.endswith("Landless Rural Workers' Movement (MST)") for m in found)
    assert not any("Fazenda" in m for m in found)


def test_past_meetings_listed_after_a_plural_mention_are_each_one_meeting_once():
    doc = parse("Representatives of 21 parties met in Sao Paulo on 19-20 November 1996 for their third regional meeting. "
                "The previous meetings were\nheld in Quito in September 1994 and in Montevideo in October 1995.\n\n"
                "The parties condemn the blockade of Cuba.")
    past = sorted((e.city, e.start.iso) for e in doc.events if e.status == "referenced" and e.start)
    assert past == [("Montevideo", "1995-10"), ("Quito", "1994-09")]
    assert [(e.city, e.ordinal) for e in doc.events if e.status == "reported"] == [("Sao Paulo", 3)]
    assert len(doc.events) == 3


def test_an_and_between_two_ideals_and_an_acronym_before_a_trailing_word_join_one_name():
    doc = parse("The meeting was held in Auckland on 14-16 March 2011.\n\nTaking part were: the Anti-Bases Campaign; "
                "Peace Movement Aotearoa; Hawai'i\nPeace and Justice; the Nuclear Free and\nIndependent Pacific (NFIP) "
                "movement; and Moruroa e Tatou (Tahiti).\n\nThe meeting condemns the bases.")
    found = [" ".join(m.split()) for m in mentions(doc, "participants")]
    assert "Hawai'i Peace and Justice" in found
    assert "Nuclear Free and Independent Pacific (NFIP) movement" in found
    assert not {"Justice", "Nuclear Free", "Hawai'i Peace"} & set(found)


def test_a_standing_body_named_with_a_meeting_noun_is_an_organisation_not_a_meeting():
    doc = parse("The meeting was held in Auckland on 14-16 March 2011 at the initiative of the Anti-Bases Campaign (ABC) "
                "and the Pacific Conference of Churches.\n\nThe meeting condemns the bases.")
    assert [" ".join(m.text.split()) for m in doc.events[0].hosts] == ["Anti-Bases Campaign (ABC)", "Pacific Conference of Churches"]
    assert len(doc.events) == 1


def test_the_conference_before_another_conference_named_after_a_preposition_is_the_one_named_before():
    doc = parse("FINAL COMMUNIQUE\n\n1. The Pacific Peoples' Disarmament Conference was held in Suva from Monday 10 to "
                "Friday 14 April 1978.\n\n2. The Conference continued the work begun at the Conference for a Nuclear Free "
                "Pacific held in Suva in April 1975.\n\n3. The following organisations took part in the Conference:\n\n"
                "– Fiji Anti-Nuclear Group (FANG), Fiji\n– Fiji Trades Union Congress, Fiji\n– Ia Mana Te Nunaa, Tahiti\n\n"
                "4. After four days of work in commissions the Conference agreed on the following:\n\n"
                "The Conference condemns the French tests.\n")
    main = next(e for e in doc.events if e.status == "reported" and e.start and e.start.year == 1978)
    assert "Fiji Trades Union Congress, Fiji" in [m.text for m in main.participants]
    assert (main.start, main.end) == (PartialDate(1978, 4, 10), PartialDate(1978, 4, 14))
    past = next(e for e in doc.events if e.start == PartialDate(1975, 4))
    assert past.participants == ()


def test_a_sites_name_and_a_bar_of_menu_cells_after_a_pipe_are_navigation():
    doc = parse("SolidNet  |  Home   Parties   Statements   Meetings   Links   Contact\n\nEurope En\n\n"
                "Joint Statement of Communist Parties of Europe\n\nThe parties met in Rome on 20-21 November 2004.\n\n"
                "We reject the treaty.")
    assert doc.statement.title == "Joint Statement of Communist Parties of Europe"
    assert all("Home" not in (e.name or "") for e in doc.events)


def test_a_table_under_a_heading_row_of_party_and_country_lists_the_party_cells():
    doc = parse("The meeting adopted the following joint statement. The parties marked with an asterisk were not "
                "present in Rome and subscribed to the statement afterwards.\n\nWe reject the treaty.\n\n"
                "Signatory parties:\n\nParty\tCountry\nCommunist Party of Greece (KKE)\tGreece\n"
                "Party of the Communists of the\n    Republic of Moldova (PCRM)\tMoldova\n"
                "Communist Party of Denmark*\tDenmark\n\n* subscribed after the meeting\n",
                published="2004-11-23")
    signed = [" ".join(m.split()) for m in mentions(doc, "signatories")]
    assert signed == ["Communist Party of Greece (KKE)", "Party of the Communists of the Republic of Moldova (PCRM)",
                      "Communist Party of Denmark"]
    assert not {"Party", "Country", "Greece", "Moldova", "Denmark"} & set(signed)
    took_part = [" ".join(m.split()) for m in mentions(doc, "participants")]
    assert "Communist Party of Greece (KKE)" in took_part and "Communist Party of Denmark" not in took_part


def test_a_body_of_a_meeting_series_that_met_holds_a_session_not_an_edition_of_the_series():
    doc = parse("The Working Group of the International Meeting of Communist and Workers' Parties (IMCWP) met in Athens "
                "on 25-26 September 2021, at the invitation of the Communist Party of Greece (KKE), for its first "
                "in-person session since the pandemic.\n\nThe participants condemned the blockade of Cuba.")
    assert [(e.city, e.start.iso, e.ordinal, e.name) for e in doc.events] == [("Athens", "2021-09-25", None, None)]
    assert [m.text for m in doc.events[0].hosts] == ["Communist Party of Greece (KKE)"]


def test_a_paragraph_in_square_brackets_is_an_editors_note_and_a_spaced_guillemet_is_no_quote():
    doc = parse("English » International\n\nResolutions of the Meeting of Communist Parties of South America\n\n"
                "[Translated from Spanish by the International Relations Commission. The original, \"Resoluciones del "
                "Encuentro de Partidos Comunistas\", is available in the Documents section.]\n\n"
                "The Meeting of Communist Parties of South America took place in Santiago from 29 November to "
                "1 December 2019, hosted by the Communist Party of Chile (PCCh). It brought together 15 parties from "
                "10 countries.\n\nThe parties condemn the repression.")
    assert [(e.city, e.start.iso, e.end.iso) for e in doc.events] == [("Santiago", "2019-11-29", "2019-12-01")]
    assert [m.text for m in doc.events[0].hosts] == ["Communist Party of Chile (PCCh)"]


def test_a_meeting_named_years_after_as_history_is_no_event_and_initiating_organisations_sign():
    doc = parse("CALL TO THE PAN-AFRICAN CONFERENCE\n\nDakar, 26, 27 and 28 May 2017\n\nMore than one hundred and "
                "thirty years after the Berlin Conference divided Africa, our continent remains the object of a new "
                "scramble.\n\nThe undersigned organisations have decided to convene a Pan-African Conference in Dakar "
                "on 26, 27 and 28 May 2017.\n\nWe condemn the foreign bases.\n\nINITIATING ORGANISATIONS\n\n"
                "Party of Independence and Labour (PIT) - Senegal\nParty for Democracy and Socialism / Metba\n"
                "   (PDS/Metba) - Burkina Faso\nSocialist Party - Zambia\nSudanese Communist Party - Sudan\n")
    assert [e.city for e in doc.events] == ["Dakar"]
    assert [" ".join(m.split()) for m in mentions(doc, "signatories")] == [
        "Party of Independence and Labour (PIT) - Senegal", "Party for Democracy and Socialism / Metba (PDS/Metba) - Burkina Faso",
        "Socialist Party - Zambia", "Sudanese Communist Party - Sudan"]


def test_a_two_column_list_of_names_and_countries_lists_the_names_and_a_subtitle_wrapped_to_a_third_line_titles():
    rows = [("Communist Party of Bangladesh", "Bangladesh"), ("Communist Party of India (Marxist)", "India"),
            ("Communist Party of Nepal (Unified", None), ("  Marxist-Leninist)", "Nepal"),
            ("Tudeh Party of Iran", "Iran (guest)")]
    table = "".join(f"{a.ljust(43)}{b}\n" if b else f"{a}\n" for a, b in rows)
    doc = parse("FINAL DECLARATION\nof the Second International Conference of Communist and Left Parties\nof South and "
                "South-East Asia\n\nThe Second International Conference of Communist and Left Parties of South and "
                "South-East Asia was held in Dhaka on 9-10 December 1996.\n\nThe parties condemn the blockade of Cuba.\n\n"
                "PARTICIPANTS\n\n" + table)
    assert " ".join(doc.statement.title.split()) == ("FINAL DECLARATION of the Second International Conference of "
                                                    "Communist and Left Parties of South and South-East Asia")
    found = [" ".join(m.split()) for m in mentions(doc, "participants")]
    assert found == ["Communist Party of Bangladesh", "Communist Party of India (Marxist)",
                     "Communist Party of Nepal (Unified Marxist-Leninist)", "Tudeh Party of Iran"]


def test_a_date_leading_into_a_meetings_name_is_its_date_and_a_wrapped_phrase_before_held_in():
    doc = parse("We, representatives of peace movements, gathered in Bucharest from 31 March to\n1 April 2008 for the "
                "International Conference \"No to NATO\", a few days before the heads of state of\nthe NATO member "
                "states meet in this city on 2-4 April.\n\nDelegates of 54 organisations took part in the Conference. "
                "It continues the work of the international meeting of peace\nmovements held in Prague on 20-21 "
                "October 2007.\n\nWe condemn the missile bases.")
    assert [(e.city, e.start.iso, e.end.iso) for e in doc.events] == [
        ("Bucharest", "2008-03-31", "2008-04-01"), ("Prague", "2007-10-20", "2007-10-21")]


def test_a_meeting_after_a_possessive_is_a_meeting():
    doc = parse("The Platform held a meeting of its member parties in Vienna on 17-18 June 2023.\n\nThe meeting "
                "decided to hold the Platform's next conference in Mexico City in November 2023.\n\nWe condemn the war.")
    assert [(e.city, e.status) for e in doc.events] == [("Vienna", "reported"), ("Mexico City", "announced")]


def test_a_short_indented_line_runs_on_from_the_list_item_above():
    doc = parse("The conference met in Ankara on 18-20 November 2016.\n\nWe condemn the sanctions.\n\nPARTICIPANTS\n\n"
                "Turkey – Patriotic Party (Vatan Partisi)\nRussia – Communist Party of the Russian Federation (CPRF); "
                "International Eurasian\n   Movement\nBelarus – Communist Party of Belarus\nMongolia – Mongolian "
                "People’s\n   Party\nPakistan – Awami Workers Party\n")
    found = [" ".join(m.split()) for m in mentions(doc, "participants")]
    assert "International Eurasian Movement" in found and "Movement" not in found and "Party" not in found


def test_a_count_before_a_referenced_meeting_in_the_same_sentence_is_the_reported_ones():
    doc = parse("The International Conference met in Ankara on 18, 19 and 20 November 2016. Representatives of 38 "
                "political parties from 17 countries took part in the Conference, which continued the discussions begun "
                "at the round table held in Moscow in May 2016.\n\nWe condemn the sanctions.")
    counts = {e.city: (e.participant_count, e.country_count) for e in doc.events}
    assert counts == {"Ankara": (38, 17), "Moscow": (None, None)}


def test_last_years_meeting_is_another_meeting_and_a_late_signature_list_took_no_part():
    doc = parse("Report\n\nA delegation took part last weekend in a meeting of communist parties in Budapest. The two-day "
                "meeting closed on Sunday. As at last year's meeting in Brussels, the parties did not adopt a joint "
                "document.\n\nThe parties condemned the persecution of communists.", published="2013-10-14")
    assert [(e.city, e.start.iso) for e in doc.events] == [("Budapest", "2013-10-12"), ("Brussels", "2012")]
    doc = parse("The parties signing this statement met in Bratislava on 17 April 1999 and declare:\n\nWe condemn the bombing.\n\nSigned at the meeting by:\n\n1. KSS [CP Slovakia]\n2. KKE [CP Greece]\n"
                "3. AKEL [Cyprus]\n\nSubscribed after the meeting:\n\n4. PCRM [Party of Communists of the Republic of Moldova]\n"
                "5. PCP [Portugal]\n")
    assert "PCP [Portugal]" in mentions(doc, "signatories") and "PCP [Portugal]" not in mentions(doc, "participants")
    assert "KKE [CP Greece]" in mentions(doc, "participants")


def test_a_sections_label_over_a_post_date_is_no_title_when_a_genre_heading_follows():
    doc = parse("[ Slovensky ] [ English ] [ Documents ]\n\nDocuments in English\n\nPosted: April 20, 1999\n\n"
                "JOINT STATEMENT\nof communist and workers' parties against the NATO aggression\n\n"
                "Representatives of twelve parties met in Bratislava on 17 April 1999.\n\nWe condemn the bombing.")
    assert " ".join(doc.statement.title.split()) == "JOINT STATEMENT of communist and workers' parties against the NATO aggression"


def test_a_comrade_with_the_organisation_in_brackets_and_a_member_of_any_known_organ_are_persons():
    doc = parse("The meeting of parties was held in Vienna on 17-18 June 2023. It was opened by Ramón Espinoza, member of "
                "the Political Commission of the PCCh, who welcomed the delegates. Comrade Joe Mitchell (Party of "
                "Communists, USA) spoke on the peace movement.\n\nContact: Comrade Moussa Diallo (PIT), coordinator of "
                "the Preparatory Committee\n\nWe condemn the war.")
    found = {(p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    assert found == {("Ramón Espinoza", "member of the Political Commission", "PCCh"),
                     ("Joe Mitchell", None, "Party of Communists, USA"),
                     ("Moussa Diallo", "coordinator of the Preparatory Committee", "PIT")}


def test_a_person_named_twice_is_one_person_with_what_the_first_naming_says():
    doc = parse("The communique was presented by Ernesto Salinas, member of the Executive Committee of the PCA, on "
                "2 June 1984 in Buenos Aires.\n\nWe condemn the dictatorships.\n\nFor the Partido Comunista de la "
                "Argentina: Ernesto Salinas\nFor the Partido Comunista de Chile: Ana Rosa Figueroa\n")
    salinas = [p for p in doc.persons if p.name == "Ernesto Salinas"]
    assert [(p.post, p.organisation.text) for p in salinas] == [("member of the Executive Committee", "PCA")]


def test_a_body_which_met_elsewhere_held_a_meeting_of_its_own():
    doc = parse("The meeting of parties was held in Hanoi on 5-6 September 2012.\n\nThe meeting was prepared by a working "
                "group of the host party and of the\nCPI(M) and the Lao party, which met in Vientiane last June.\n\n"
                "We condemn the exercises.", published="2012-09-10")
    assert [(e.city, e.start.iso, e.status) for e in doc.events] == [
        ("Hanoi", "2012-09-05", "reported"), ("Vientiane", "2012-06", "referenced")]


def test_a_speaker_for_a_party_and_a_vice_minister_of_its_department_make_their_parties_take_part():
    doc = parse("The international forum of political parties opened in Kathmandu on Monday, 14 March 2016.\n\nChen "
                "Weiming, vice minister of the International Department of the Communist Party of China (CPC) Central "
                "Committee, told the participants that China was ready to deepen exchanges.\n\nSpeaking for the Lebanese "
                "Communist Party, its head of foreign relations Samir Haddad warned that the war was dangerous.",
                published="2016-03-15")
    found = {(p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    assert ("Samir Haddad", "head of foreign relations", "Lebanese Communist Party") in found
    assert {"Communist Party of China (CPC)", "Lebanese Communist Party"} <= set(mentions(doc, "participants"))


def test_names_before_a_comma_and_also_attended_take_part():
    doc = parse("The meeting of Maghreb parties was held in Tunis on 3 November 2012.\n\nOur sister organisations in "
                "Tunisia, the Democratic Patriots' Movement (Watad) and the Union of Unemployed Graduates (UDC), also "
                "attended.\n\nWe condemn the intervention.")
    assert {"Democratic Patriots' Movement (Watad)", "Union of Unemployed Graduates (UDC)"} <= set(mentions(doc, "participants"))


def test_a_wires_next_take_is_furniture_and_delegations_arriving_and_a_guest_delegation_list_their_organisations():
    doc = parse("MENA ENGLISH SERVICE    9.2.1959    0815 GMT\nITEM 14\n\nYOUTH CONFERENCE ENDS\n\nCAIRO, FEB. 9 (MENA) -- THE YOUTH CONFERENCE "
                "CLOSED HERE LAST NIGHT.\n\nThe conference was held in Cairo from 3 to 8 February 1959. Observers from the "
                "World Federation of Democratic Youth (WFDY) and a guest delegation from the Federation of Malayan "
                "Students also attended.\n\nAmong the delegations arriving at Cairo airport last week were the All-China "
                "Youth Federation, the Ghana Youth Council and the Indian Youth Congress.\n\nMENA ENGLISH SERVICE    "
                "9.2.1959    0821 GMT\nITEM 14 -- ADD 1\n\nThe conference condemns the colonial war.\n")
    found = mentions(doc, "participants")
    assert {"Federation of Malayan Students", "All-China Youth Federation", "Ghana Youth Council",
            "Indian Youth Congress"} <= set(found)
    assert not any("MENA" in m or "GMT" in m or "delegation" in m for m in found)


def test_a_pdfs_page_break_footnotes_and_a_wrapped_run_of_names_under_a_capitals_heading():
    doc = parse("17th International Meeting of Communist and Workers' Parties\n\nJOINT STATEMENT\n\n"
                "The 17th International Meeting was held in Istanbul from October 30 to November 1, 2015. The Meeting "
                "was attended by 64 parties\nfrom 45 countries; 53 of them subscribe to this Joint Statement.\n\n"
                "We condemn the imperialist wars.\n\nSIGNATORY PARTIES (1)\n\n1. Party of Labour of Austria\n"
                "2. Communist Party of Bangladesh\n\n-----------------------------------\n"
                "17th IMCWP – Istanbul 2015 – Joint Statement        page 3/4\n-----------------------------------\n\n"
                "3. Communist Party of India (Marxist)\n4. Party of the Communist Refoundation (2)\n\n"
                "(1) The list includes only the parties that took part in the Meeting.\n(2) Italy.\n\n"
                "PARTIES THAT TOOK PART IN THE MEETING WITHOUT SUBSCRIBING\nTO THE JOINT STATEMENT\n\n"
                "Communist Party of China, Communist Party of Vietnam, Lao People's\nRevolutionary Party, Communist "
                "Party of Nepal (UML), Japanese\nCommunist Party (observer)\n")
    took_part = {" ".join(m.split()) for m in mentions(doc, "participants")}
    assert {"Party of Labour of Austria", "Communist Party of India (Marxist)", "Communist Party of China",
            "Lao People's Revolutionary Party", "Communist Party of Nepal (UML)"} <= took_part
    assert not {m for m in took_part if "Italy" in m or "IMCWP" in m or "THAT" in m or "," in m}
    assert "Communist Party of China" not in mentions(doc, "signatories")


def test_speakers_by_initials_and_surname_and_the_series_name_after_the_edition_is_that_edition():
    doc = parse("A delegation took part last month in the 11th International Meeting of Communist and Workers' Parties "
                "in New Delhi. The three-day meeting brought together 57 parties.\n\nIt was the first time that the "
                "International Meeting had been held in Asia, and delegates paid tribute to the joint hosting of the "
                "meeting by the Communist Party of India and the Communist Party of India (Marxist).\n\nThe opening "
                "session was addressed by the General Secretary of the CPI(M), R. Natarajan, and by CPI General "
                "Secretary S. Venkatesan.\n\nAmong the parties our delegation met during the three days were the "
                "Communist Party of Vietnam, the Lao People's Revolutionary Party and the Communist Party of Cuba.\n\n"
                "The declaration condemns the war.", published="2009-12-09")
    assert [" ".join(m.text.split()) for m in doc.events[0].hosts] == ["Communist Party of India", "Communist Party of India (Marxist)"]
    found = {(p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    assert {("R. Natarajan", "General Secretary", "CPI(M)"), ("S. Venkatesan", "General Secretary", "CPI")} <= found
    assert {"Communist Party of Vietnam", "Communist Party of Cuba", "CPI(M)", "CPI"} <= set(mentions(doc, "participants"))
    assert not any("Secretary" in m for m in mentions(doc, "participants"))


def test_a_committee_together_with_a_party_of_a_country_both_host_and_related_links_end_the_text():
    doc = parse("The International Conference was held in Warsaw on July 6-7, 2016. The conference was convened at the "
                "initiative of the World Peace Council (WPC) and organized by the Polish Peace Committee together with "
                "the Communist Party of Poland (KPP).\n\nWe call for the dissolution of NATO.\n\nWarsaw, July 7, 2016\n\n"
                "Related:\nStatement on the NATO summit in Wales\nUSPC delegation to WPC Assembly in Brazil\n")
    assert [m.text for m in doc.events[0].hosts] == [
        "World Peace Council (WPC)", "Polish Peace Committee", "Communist Party of Poland (KPP)"]
    assert mentions(doc, "signatories") == []


def test_a_publishers_colophon_and_a_reference_code_are_no_signatures():
    for tail in ("Umsebenzi Online is published by the South African Communist Party", "SRNA/MR/2219"):
        doc = parse("The meeting of parties was held in Maseru on 30 June 2012.\n\nThe parties condemned the "
                    "intervention in Libya.\n\n" + tail + "\n")
        assert mentions(doc, "signatories") == []


def test_a_long_list_of_delegates_that_addressed_a_session_all_take_part_and_a_past_verb_ends_the_names():
    doc = parse("The Fifth Meeting of Left Parties of the Andes was held in Quito on 3-4 May 2014, hosted by the "
                "Socialist Party of Ecuador.\n\nDelegates from the Communist Party of Colombia, the Revolutionary "
                "Communist Party of Bolivia, the Broad Front of Peru, the Popular Socialist Movement of Venezuela and "
                "the Communist Party of Chile (Proletarian Action) addressed the opening session.\n\nThe delegates of "
                "the Socialist Party of Ecuador and of the Left Party of Chile described the measures taken in their "
                "countries against unemployment, while the Bolivian delegates spoke of the struggle.")
    assert {"Communist Party of Colombia", "Revolutionary Communist Party of Bolivia", "Broad Front of Peru",
            "Popular Socialist Movement of Venezuela", "Communist Party of Chile (Proletarian Action)"} <= set(
        mentions(doc, "participants"))
    assert not any("described" in m or "measures" in m for m in mentions(doc, "participants"))


def test_the_publishers_masthead_or_copyright_speaks_as_the_author_by_its_initials_too():
    for top, foot in (("LEFT SOCIALIST PARTY OF ICELAND\n\n", ""), ("", "\n\n© 2015 Left Socialist Party of Iceland | Reykjavik")):
        doc = parse(top + "Our delegation at the regional meeting\n\nA delegation of the Left Socialist Party of "
                    "Iceland took part in the Nordic meeting of left parties in Oslo on 3 May 2015.\n\nThe LSPI "
                    "reaffirms its solidarity with the striking fishermen of Norway." + foot)
        assert ("solidarity", "fishermen") in {(c.stance.value, c.target.split()[-3]) for c in doc.claims}, top or foot
    doc = parse("Our delegation at the regional meeting\n\nA delegation of the Left Socialist Party of Iceland took "
                "part in the Nordic meeting of left parties in Oslo on 3 May 2015.\n\nThe Left Greens of Norway "
                "reaffirm their solidarity with the striking fishermen.")
    assert not [c for c in doc.claims if c.stance.value == "solidarity"]  # another party's stance, not the text's


def test_a_declaration_adopted_speaks_in_its_relative_clause_and_agreeing_a_plan_is_a_decision():
    doc = parse("The Third Conference of Peace Councils met in Lima on 5 June 2011. The conference adopted the Lima "
                "Appeal, which denounces the military bases in the region and demands their closure, and agreed a "
                "calendar of joint actions for 2012. The conference noted the law which condemns strikers to prison.")
    found = stances(doc)
    assert ("condemn", "denounces the military bases in the region") in found
    assert ("demand", "demands their closure") in found
    assert ("declare", "agreed a calendar of joint actions for 2012") in found
    assert not any("strikers" in quote for _, quote in found)  # the law's "which", not a text the speakers adopted


def test_a_person_by_a_post_head_of_an_organ_and_a_post_right_before_a_name_are_read():
    doc = parse("The Nordic meeting of left parties was held in Oslo on 3 May 2015. The session was chaired by Ingrid "
                "Dahl, Head of the Commission for International Relations of the NLP. The Left Socialist Party was "
                "represented by its chairwoman, Anna Berg, and by central committee member Jonas Lind. "
                "Maria Holm, co-chair of the U.S. Peace Council, reported on the campaign.")
    found = {(p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    assert ("Ingrid Dahl", "Head of the Commission for International Relations", "NLP") in found
    assert ("Jonas Lind", "central committee member") in {(n, p) for n, p, _ in found}
    assert ("Maria Holm", "co-chair", "U.S. Peace Council") in found
    assert "NLP" in mentions(doc, "participants")  # the chair's party took part


def test_an_edition_named_by_its_head_noun_belongs_to_the_series_named_in_full():
    doc = parse("The 7th Conference of Andean Left Parties was held in Quito on 3-4 May 2014. The parties agreed that "
                "the 8th Conference will be held in Bolivia in May 2015.")
    later = next(e for e in doc.events if e.ordinal == 8)
    assert later.series == next(e for e in doc.events if e.ordinal == 7).series == "Conference of Andean Left Parties"
    assert later.name == "8th Conference of Andean Left Parties"


def test_a_host_that_signs_took_part_and_a_name_with_and_inside_attends_as_an_observer():
    doc = parse("The Meeting of Left Parties of Central Europe took place in Bratislava on 6-7 June 2014 under the "
                "auspices of the Workers' Party of Slovakia (ZRS). The Party of Serbia and Montenegro attended as an "
                "observer and did not sign.\n\nThe parties condemn the austerity packages.\n\nSigned by:\n\n"
                "1. Workers' Party of Slovakia (ZRS), Slovakia\n2. Left Front of Hungary, Hungary\n")
    assert mentions(doc, "hosts") == ["Workers' Party of Slovakia (ZRS)"]
    assert {"Workers' Party of Slovakia (ZRS)", "Party of Serbia and Montenegro"} <= set(mentions(doc, "participants"))
    doc = parse("The Meeting of Left Parties of Central Europe took place in Bratislava on 6-7 June 2014 under the "
                "auspices of the Workers' Party of Slovakia (ZRS). The Left Front and PASOK attended as observers.")
    assert "Workers' Party of Slovakia (ZRS)" not in mentions(doc, "participants")  # a host that does not sign
    assert "Left Front and PASOK" not in mentions(doc, "participants")


def test_a_newspapers_headline_over_its_byline_under_an_issue_masthead_and_days_of_last_month():
    doc = parse("THE WORKERS' VOICE\nWeekly of the Left Socialist Party of Iceland\nNo. 88                              "
                "Saturday 9 March 2013\n\nHOME | NORDIC | WORLD | ARCHIVE\n\nLeft parties of the North meet in "
                "Tromsø\nBy our correspondent\n\nAn LSPI delegation headed by comrade Anna Berg took part last month in "
                "the meeting of left parties of the North. The meeting was held in Tromsø on the 15th and 16th.\n\n"
                "The PVN [Norway] and the Left Party of Sweden [Sweden] attended as guests.\n\n"
                "Our party considers the meeting an important step towards common work.")
    assert doc.statement.title == "Left parties of the North meet in Tromsø"
    assert doc.statement.date.iso == "2013-03-09"
    main = doc.events[0]
    assert (main.start.iso, main.end.iso) == ("2013-02-15", "2013-02-16")
    assert {"LSPI", "PVN [Norway]", "Left Party of Sweden [Sweden]"} <= set(mentions(doc, "participants"))
    assert ("support", "considers the meeting an important step towards common work") in {
        (c.stance.value, c.quote) for c in doc.claims}


def test_days_without_a_month_narrow_only_a_month_and_never_make_an_impossible_day():
    doc = parse("The conference of peace councils took place in Lima in April 2012. It met on the 31st.")
    assert doc.events[0].start.iso == "2012-04"  # April has no 31st: the month stays
    doc = parse("The conference of peace councils took place in Lima on 3 April 2012. The 21st Congress of the "
                "party will follow.")
    assert doc.events[0].start.iso == "2012-04-03"


def test_the_parties_listed_below_took_part_and_adopted_so_they_sign_and_to_meet_next_year_is_announced():
    doc = parse("Joint Statement of the Left Parties of the Andes\n\nQuito, 4 May 2014 – The Conference of Left Parties "
                "of the Andes, hosted by the Socialist Party of Ecuador, was held in Quito on 3 and 4 May 2014. The "
                "parties listed below took part and adopted the following joint statement.\n\nWe condemn the military "
                "bases.\n\nWe have decided to set up a coordination committee and to meet next year in Lima, at the "
                "invitation of the Broad Front of Peru.\n\nParticipating parties:\n- Socialist Party of Ecuador\n"
                "- Communist Party of Colombia\n- Broad Front of Peru\n")
    assert mentions(doc, "signatories") == ["Socialist Party of Ecuador", "Communist Party of Colombia", "Broad Front of Peru"]
    assert mentions(doc, "hosts") == ["Socialist Party of Ecuador"]
    assert announced(doc) == [("Lima", "2015", ["Broad Front of Peru"])]


def test_a_wire_headline_over_its_time_the_agency_dateline_a_country_count_and_the_nth_such_meeting():
    doc = parse("NORDIC NEWS AGENCY\nPolitics | Economy | World\n\nLeft parties call for peace, condemn bases\n"
                "3 May 2015, 10:15 GMT\n\nTROMSØ, May 3 (NNA) -- Left parties from seven Nordic countries ended a "
                "two-day meeting here on Sunday.\n\nThe meeting of left parties of the North was held under the auspices "
                "of the Left Party of Norway. It was the third such meeting after the one held in Oulu in June 2013.\n\n"
                "The parties condemned the establishment of the new NATO command and demanded the closure of all "
                "foreign bases.")
    assert doc.statement.title == "Left parties call for peace, condemn bases"
    main = doc.events[0]
    assert (main.city, main.country, main.country_count, main.ordinal) == ("Tromsø", "NO", 7, 3)
    assert [e.ordinal for e in doc.events if e.city == "Oulu"] == [None]
    found = stances(doc)
    assert ("demand", "demanded the closure of all foreign bases") in found
    assert ("condemn", "condemned the establishment of the new NATO command") in found


def test_a_post_time_with_a_section_an_agency_dateline_before_the_claims_and_a_quoted_title_names_the_series():
    doc = parse('Nordic conference backs peace, rejects sanctions\n2015-05-03 17:42 | Politics\n\nOSLO, May 3 (Nordic '
                'Wire) – The Third International Conference "The North in a Multipolar World" closed in Oslo on Friday '
                'after two days of debates, adopting a final declaration that supports a nuclear-free North.\n\nThe '
                'conference, convened at the initiative of the Nordic Dialogue Institute (NDI) and co-organised by the '
                'Left Party of Norway, gathered 30 parties from 8 countries. The Left Party of Iceland joined by video '
                'link.\n\nThe participants decided that the Fourth Conference will be held in Turku in 2016.')
    main = doc.events[0]
    assert doc.statement.title == "Nordic conference backs peace, rejects sanctions"
    assert (main.start.iso, main.end.iso) == ("2015-04-30", "2015-05-01")  # closed on Friday the 1st, after two days
    assert main.series == 'International Conference "The North in a Multipolar World"'
    assert mentions(doc, "hosts") == ["Nordic Dialogue Institute (NDI)", "Left Party of Norway"]
    assert "Left Party of Iceland" in mentions(doc, "participants")
    assert [e.series for e in doc.events if e.ordinal == 4] == [main.series]
    found = stances(doc)
    assert ("support", "supports a nuclear-free North") in found
    assert any(stance == "declare" and quote.startswith("adopting a final declaration") for stance, quote in found)


def test_a_late_signer_after_a_label_on_the_lists_last_line_signs_but_took_no_part():
    doc = parse("Joint Statement of the Oslo Meeting of Left Parties\n\nWe, the parties signing this statement, met in "
                "Oslo on 3 May 2015.\n\nWe condemn the military bases.\n\nSigned by:\nNorway – Left Party of Norway\n"
                "Sweden – Left Front of Sweden\nAlso signed after the meeting: Iceland – Left Socialist Party of Iceland\n")
    assert mentions(doc, "signatories")[-1] == "Iceland – Left Socialist Party of Iceland"
    assert not any("signed" in m for m in mentions(doc, "signatories"))
    assert "Iceland – Left Socialist Party of Iceland" not in mentions(doc, "participants")
    assert "Norway – Left Party of Norway" in mentions(doc, "participants")


def test_a_forum_for_a_world_of_x_hosts_and_a_genre_heading_over_the_meetings_place_and_date_is_the_title():
    doc = parse('OSLO DECLARATION\nInternational Conference "Peace Instead of NATO", Oslo, 2–3 May 2015\n\nWe, the '
                'participants of the International Conference "Peace Instead of NATO", meeting in Oslo on 2 and 3 May '
                '2015, owe our thanks to the joint hosting of the conference by the Oslo Forum for a World of Peace '
                'and the Norwegian Peace Movement.\n\nWe condemn the bases.')
    assert doc.statement.title.startswith("OSLO DECLARATION")
    assert mentions(doc, "hosts") == ["Oslo Forum for a World of Peace", "Norwegian Peace Movement"]


def test_a_signer_over_post_and_organisation_at_the_foot_signs_for_it_and_a_bare_closing_date_is_a_dateline():
    doc = parse("Published on: 9 May 2015\n\nCALL TO THE NORDIC PEACE SEMINAR\n\nThe Nordic Peace Seminar will be "
                "held in Tromsø on 3-4 June 2015. The NPC opposes the new bases agreement signed by the government.\n\n"
                "In peace and solidarity,\n\nAnna Berg\nGeneral Secretary, NPC\n\nOslo, 2 May 2015")
    assert doc.statement.title == "CALL TO THE NORDIC PEACE SEMINAR"
    assert mentions(doc, "signatories") == ["NPC"]
    assert ("Anna Berg", "General Secretary", "NPC") in {(p.name, p.post, p.organisation.text) for p in doc.persons}
    assert ("oppose", "opposes the new bases agreement signed by the government") in {(c.stance.value, c.quote) for c in doc.claims}
    doc = parse("The Fourth Conference of the Coordination was held in August 2006.\n\nLong Live Unity!\n\nRavi\n"
                "Spokesperson, CCSA\n21.08.2006\n")
    assert mentions(doc, "signatories") == ["CCSA"]
    assert ("Ravi", "Spokesperson") in {(p.name, p.post) for p in doc.persons}


def test_a_capitals_dateline_with_a_dash_places_a_meeting_in_this_city_and_a_past_season_is_next_years():
    doc = parse("TRIBUNE   Monday, October 7, 1985\n\nTROMSO SEMINAR: YOUTH FOR PEACE\n\nTROMSO -- Young workers met in "
                "this city on the 21st, 22nd and 23rd of September for an international seminar on peace. The seminar "
                "welcomed the results of the World Festival held in Moscow this summer and agreed to hold the next "
                "seminar in the spring in Oulu. The seminar supports the moratorium announced in August and demands "
                "that all states join it.", published="1985-10-07")
    main = doc.events[0]
    assert (main.city, main.start.iso, main.end.iso) == ("Tromsø", "1985-09-21", "1985-09-23")  # the shouted name as the gazetteer spells it
    assert [e.start.iso for e in doc.events if e.city == "Oulu"] == ["1986"]
    assert ("demand", "demands that all states join it") in {(c.stance.value, c.quote) for c in doc.claims}


def test_a_speaker_read_with_a_post_in_a_list_of_speakers_is_a_person_not_an_organisation():
    doc = parse("The Nordic Left Consultation was held in Oslo on 7 December 2019. Among the speakers were Anna Berg, "
                "deputy chairperson of the Left Party of Norway, and Jonas Lind, chair of the Left Front of Sweden, who "
                "said the government had failed.")
    assert {"Left Party of Norway", "Left Front of Sweden"} <= set(mentions(doc, "participants"))
    assert not {"Anna Berg", "Jonas Lind"} & ({m.text for m in doc.mentions} | set(mentions(doc, "participants")))
    assert {("Anna Berg", "deputy chairperson"), ("Jonas Lind", "chair")} <= {(p.name, p.post) for p in doc.persons}


def test_signatures_side_by_side_sign_and_name_their_signers_and_an_archive_note_over_a_rule_is_no_title():
    doc = parse("Archive  >  Nordic  >  1990s\n\nMeeting of Left Parties of the North, Oslo\n\nSource: Bulletin, No. 3, "
                "1996.\nTranscription: A. B.\n\n--------------------\n\nDECLARATION OF OSLO\n\nThe Left Parties of "
                "Norway, Sweden and Finland, meeting in Oslo on the 3rd and 4th of May 1996, with the participation as "
                "guests of the Left Party of Iceland, DECLARE:\n\nFIRST.- We reject the bases.\n\nOslo, 4 May 1996\n\n"
                "FOR THE LEFT PARTY OF NORWAY (LPN)       FOR THE LEFT FRONT OF SWEDEN (LFS)\n"
                "Anna Berg                               Jonas Lind\n"
                "General Secretary                       Member of the Executive Committee\n\n"
                "FOR THE LEFT ALLIANCE OF FINLAND (LAF)\nMatti Virtanen\nChairman\n")
    assert doc.statement.title == "DECLARATION OF OSLO"
    signers = ["LEFT PARTY OF NORWAY (LPN)", "LEFT FRONT OF SWEDEN (LFS)"]
    assert mentions(doc, "signatories")[:2] == signers
    assert set(signers) | {"Left Party of Iceland"} <= set(mentions(doc, "participants"))
    found = {(p.name, p.post, p.organisation.text) for p in doc.persons}
    assert {("Anna Berg", "General Secretary", "LEFT PARTY OF NORWAY (LPN)"),
            ("Jonas Lind", "Member of the Executive Committee", "LEFT FRONT OF SWEDEN (LFS)")} <= found


def test_a_newsletters_furniture_a_heading_between_rules_and_lists_endorsed_at_the_meeting_and_after_it():
    doc = parse("From: Camp Committee <news@camp.example>\nSubject: [News #4] Call to the camp\nDate: Fri, 26 Jul 2024 "
                "10:15:02 +0200\n\nView this email in your browser\n\nCAMP NEWS · Issue 4 · July\n\n=================\n"
                "CALL TO THE NORDIC YOUTH CAMP\n\"Youth of the North, united!\"\n=================\n\nDear friends,\n\n"
                "The youth organisations gathered in Oslo on 6 July for the preparatory meeting of the Camp adopted "
                "the following Call.\n\nWe call on all youth to join the Camp.\n\nEndorsed at the preparatory meeting "
                "by:\n\n▪ Norway: Left Youth of Norway\n▪ Sweden: Young Left of Sweden\n\nEndorsements received after "
                "the preparatory meeting:\n▪ Finland: Left Youth of Finland\n\n--\nUnsubscribe | Update your preferences\n")
    assert doc.statement.title == "CALL TO THE NORDIC YOUTH CAMP"
    assert mentions(doc, "signatories") == ["Left Youth of Norway", "Young Left of Sweden", "Left Youth of Finland"]
    assert "Left Youth of Finland" not in mentions(doc, "participants")  # endorsed after the meeting
    assert "Left Youth of Norway" in mentions(doc, "participants")  # endorsed at it


def test_a_resolutions_nominal_items_a_decision_with_an_adjunct_guests_of_the_conference_and_a_name_with_do():
    doc = parse("The International Conference \"Peace in the North\" took place in Oslo on 22-23 April 2023. The General "
                "Secretary of the World Peace Council, Maria do Carmo Silva, addressed the opening session.\n\nGuests of "
                "the Conference were the Left Party (Norway) and the Left Front (Sweden).\n\nThe Conference resolves:\n\n"
                "1. Full solidarity with the Sami people and their struggle for land.\n\n2. To hold, in the autumn of "
                "2024, an international peace conference in Tromsø, at the invitation of the Norwegian Peace Council.")
    assert {"World Peace Council", "Left Party (Norway)", "Left Front (Sweden)"} <= set(mentions(doc, "participants"))
    assert ("Maria do Carmo Silva", "General Secretary") in {(p.name, p.post) for p in doc.persons}
    stances = {c.stance.value: c.quote for c in doc.claims}
    assert stances["solidarity"].startswith("solidarity with the Sami people")
    assert stances["declare"].startswith("hold, in the autumn of 2024, an international peace conference in Tromsø")
    assert announced(doc) == [("Tromsø", "2024", ["Norwegian Peace Council"])]


def test_a_wire_time_with_sections_read_by_its_dateline_delegations_invited_by_a_host_and_the_next_one():
    doc = parse("NORDIC PRESS — Regional wire service\n12/03/2001 18:40 | Politics | Nordic\n\nNordic left demands peace\n\n"
                "OSLO, March 12 (Nordic Press) – Left parties ended a two-day regional meeting in the Norwegian capital "
                "on Sunday.\n\nThe delegations, invited by the Left Party of Norway (LPN), represented 19 parties from "
                "7 countries.\n\nAmong those attending were the Left Front of Sweden, the Communist Party of Finland "
                "and Iceland's People's Alliance.\n\nThe previous regional meeting was held in Turku in November 1999. "
                "The next one will take place in Tromsø in 2002, hosted by the LPN.")
    assert doc.statement.date.iso == "2001-03-12"  # 12/03 read as the dateline's 12 March, not 3 December
    main = doc.events[0]
    assert (main.start.iso, main.end.iso) == ("2001-03-10", "2001-03-11")
    assert mentions(doc, "hosts") == ["Left Party of Norway (LPN)"]
    assert {"Communist Party of Finland", "Iceland's People's Alliance"} <= set(mentions(doc, "participants"))
    assert announced(doc) == [("Tromsø", "2002", ["LPN"])]


def test_a_country_party_table_with_box_rules_a_wrapped_name_late_rows_a_page_foot_and_a_season_of_a_year():
    doc = parse("The Meeting of Left Parties of the North was held in Oslo from 30 September to 1 October 2017. "
                "The Party of\nLabour (PL) from Denmark attended as an observer.\n\nThey decide to meet again in Turku "
                "in the spring of 2018 and to mark the anniversary in March 2019.\n\nThe statement is signed by the "
                "parties that took part in the Meeting:\n\n   Country                       Party\n"
                "   ───────────────────────────   ──────────────────────────\n"
                "   Norway                        Left Party of Norway\n"
                "   Sweden                        Left Front of Sweden and\n"
                "                                 Lapland\n"
                "   Finland                       Left Alliance of Finland\n\n"
                "Signed after the Meeting:\n   Iceland                       People's Alliance of Iceland\n\n"
                "──────────────────────────────────────────\nLeft Parties of the North · Joint Statement\n"
                "                                          Page 2 of 2\n──────────────────────────────────────────\n")
    signed = [" ".join(m.split()) for m in mentions(doc, "signatories")]
    assert signed == ["Left Party of Norway", "Left Front of Sweden and Lapland", "Left Alliance of Finland",
                      "People's Alliance of Iceland"]
    took_part = {" ".join(m.split()) for m in mentions(doc, "participants")}
    assert {"Party of Labour (PL)", "Left Front of Sweden and Lapland"} <= took_part
    assert "People's Alliance of Iceland" not in took_part
    assert [e.start.iso for e in doc.events if e.city == "Turku"] == ["2018"]


def test_held_over_two_days_a_contribution_sent_after_an_aside_affirmed_support_and_a_dashed_masthead_speaking():
    doc = parse("LEFT TRIBUNE — Iceland\nHome | About | News\n\nTuesday, 24 May 2016\n\nNordic left meets in Oslo\n\n"
                "A delegation of the Left Tribune took part earlier this month in the consultative meeting of the left "
                "forces of the North. The meeting was held over two days in Oslo and concluded on Saturday, the 14th.\n\n"
                "The Left Party of Denmark, whose delegates could not travel, sent a written contribution.\n\n"
                "In a final statement, the participants:\n- affirmed their support for the struggle of the Sami people "
                "for their land;\n- demanded the release of all prisoners.\n\nThe Left Tribune considers the meeting an "
                "important step towards unity.\n\n© Left Tribune 2016")
    main = doc.events[0]
    assert (main.start.iso, main.end.iso) == ("2016-05-13", "2016-05-14")
    assert "Left Party of Denmark" in mentions(doc, "participants")
    found = stances(doc)
    assert ("solidarity", "affirmed their support for the struggle of the Sami people for their land") in found
    assert ("support", "considers the meeting an important step towards unity") in found


def test_a_capitals_dateline_with_its_country_places_a_meeting_here_and_an_acronym_represented_by_its_secretary():
    doc = parse("World parties gather in Oslo\n\nOSLO, Norway — Representatives of 70 parties from 50 countries met here "
                "November 3-5, 2007 for the 9th International Meeting of Left Parties.\n\nThe LPUSA was represented by "
                "its international secretary, Ann Lee. Lee told the meeting that opposition to the war in Iraq had "
                "grown.", published="2007-11-17")
    main = doc.events[0]
    assert (main.city, main.country) == ("Oslo", "NO")
    assert "LPUSA" in mentions(doc, "participants")


def test_a_dateline_under_for_immediate_release_a_gerund_object_and_a_post_of_an_organ_of_an_acronym():
    doc = parse("PRESS RELEASE\n\nFOR IMMEDIATE RELEASE\n\nNordic parties hold seminar in Oslo\n\nOslo, 2 March 2012 – The "
                "Nordic Theoretical Seminar was held in Oslo from 28 February to 1 March 2012.\n\nAnna Berg, Deputy Head "
                "of the Commission for External Relations of the LPN Central Committee, presented a report.\n\nThe "
                "parties opposed the strengthening of foreign bases in the North and supported the efforts of the "
                "Nordic Council to build a zone of peace.")
    assert doc.statement.date.iso == "2012-03-02"
    assert ("Anna Berg", "Deputy Head of the Commission for External Relations", "LPN") in {
        (p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    found = stances(doc)
    assert ("support", "supported the efforts of the Nordic Council to build a zone of peace") in found
    assert ("oppose", "opposed the strengthening of foreign bases in the North") in found


def test_a_statement_the_participating_parties_make_is_joint_and_related_links_in_spanish_end_the_text():
    doc = parse("OSLO STATEMENT OF THE 3rd MEETING OF LEFT PARTIES\n\nThe 3rd Meeting of Left Parties took place in Oslo "
                "from 13 to 15 November 2014.\n\nWe, the participating parties:\n\nWe condemn the war.\n")
    assert doc.statement.kind == "joint-statement"
    doc = parse("The 3rd Meeting of Left Parties took place in Oslo from 13 to 15 November 2014, hosted by the Left "
                "Party of Norway, which welcomed the delegations to the city where the workers of the North wrote some of "
                "the finest pages of their history.\n\nWe condemn the war.\n\nArtículos relacionados\n» Partido Comunista: saludo al "
                "Encuentro de Lisboa\n» Comité Central: resoluciones de octubre\n» Entrevista: la juventud comunista\n")
    assert not any("Comunista" in m or "Comité" in m for m in mentions(doc, "participants") + mentions(doc, "signatories"))


def test_a_country_in_a_that_clause_about_the_meeting_does_not_place_it_but_the_meetings_own_which_clause_does():
    doc = parse("The International Meeting of Left Parties took place on 3-5 November 2007. Okafor told the meeting "
                "that opposition to the war in Iraq had become the majority view.")
    assert doc.events[0].country is None
    doc = parse("The meeting was held in Oslo on 3 May 2016. It prepared the 19th International Meeting, which will "
                "take place in Russia next year.", published="2016-05-10")
    assert [e.country for e in doc.events if e.ordinal == 19] == ["RU"]


def test_persons_of_an_organisation_opening_a_clause_a_possessive_post_and_posts_with_a_portfolio_or_honorific():
    doc = parse("The Nordic peace seminar was held in Oslo on 3 May 2016. Anna Berg, co-president of the Nordic Peace "
                "Bureau, opened it, while Ida Lund of the Oslo Peace Action Center described the campaign. The Left "
                "Party was represented by Bob Kovac, the party's international secretary. The head of the Nordic "
                "Institute, Dr. Olav Moe, spoke. Jonas Lind, joint secretary of the Students Federation of Norway, "
                "reported. The Consultative Meeting of Left Parties of the North stressed unity.")
    found = {(p.name, p.post) for p in doc.persons}
    assert {("Anna Berg", "co-president"), ("Ida Lund", None), ("Bob Kovac", "international secretary"),
            ("Olav Moe", "head"), ("Jonas Lind", "joint secretary")} <= found
    assert not any("Meeting" in name for name, _ in found)


def test_a_centred_heading_over_the_meetings_name_a_count_before_another_meeting_and_a_nominal_call_item():
    doc = parse("                 BALTIC SEA – SEA OF PEACE, NOT OF WAR\n                    International Peace "
                "Conference\n                    Oslo, 29 June – 1 July 2018\n\n                          FINAL DECLARATION\n\n"
                "The International Peace Conference \"Baltic Sea – Sea of Peace\" took place in Oslo from 29 June to 1 "
                "July 2018. It was co-organised by the Norwegian Peace Council and the Danish Peace Council. About 180 "
                "participants, representing 31 peace organisations and parties from 11 countries, took part in its work, "
                "two years after the conference held in Gdańsk in May 2016.\n\nThe participants adopted the following "
                "declaration:\n\n1. Support for the Treaty on the Prohibition of Nuclear Weapons adopted at the United "
                "Nations in July 2017, and a call on all states of the region to sign it.\n\n2. The conference decides "
                "to hold its next conference in Turku in 2020, at the invitation of the Peace Committee of Finland.")
    main = doc.events[0]
    assert main.name == 'International Peace Conference "Baltic Sea – Sea of Peace"'
    assert (main.participant_count, main.country_count) == (31, 11)
    assert len([e for e in doc.events if e.city == "Oslo"]) == 1
    assert [[m.text for m in e.hosts] for e in doc.events if e.city == "Turku"] == [["Peace Committee of Finland"]]
    assert any(c.quote.startswith("a call on all states") for c in doc.claims)


def test_a_headline_ending_in_a_colon_over_a_quote_a_colon_dateline_under_the_byline_and_an_offer_to_host():
    doc = parse("THE TRIBUNE                                     The Workers' Weekly\nIssue #1438                 "
                "Wednesday, December 2, 2009\n\nCommunists meet in Oslo:\n\"Capitalism has no answer\"\n\nby Hannah Rees\n\n"
                "OSLO: More than 200 delegates from 57 parties of 48 countries gathered here from November 20-22 for "
                "the 11th International Meeting of Left and Workers' Parties. The meeting was hosted by the Left Party "
                "of Norway.\n\nThe meeting accepted an offer from the Left Party of Sweden to host the 12th "
                "International Meeting in Sweden in 2010.")
    assert doc.statement.title == 'Communists meet in Oslo: "Capitalism has no answer"'
    main = doc.events[0]
    assert (main.city, main.ordinal) == ("Oslo", 11)
    later = next(e for e in doc.events if e.ordinal == 12)
    assert later.series == main.series == "International Meeting of Left and Workers' Parties"
    assert [m.text for m in later.hosts] == ["Left Party of Sweden"]
    assert any(c.stance.value == "declare" and c.quote.startswith("accepted an offer") for c in doc.claims)


def test_the_participating_parties_decided_so_the_signers_took_part_and_a_headlines_verb_call_is_no_genre():
    doc = parse("Oslo meeting: Nordic left parties call for unity of struggles\n\nThe meeting of the left parties of "
                "the North, held in Oslo on 8 and 9 November 2014 at the initiative of the Left Party, brought together "
                "eight parties from four countries.\n\nWe condemn the war.\n\nThe participating parties decided to hold "
                "their third meeting in Turku in 2015.\n\nSigned:\n- Left Party – Norway\n- Red Front – Denmark\n"
                "- Left Alliance – Finland\n")
    assert doc.statement.kind == "joint-statement"
    assert {"Left Party – Norway", "Red Front – Denmark", "Left Alliance – Finland"} <= set(mentions(doc, "participants"))


def test_a_telegram_post_flags_as_bullets_a_city_that_welcomed_the_forum_and_a_declared_day_of_action():
    doc = parse("Red North Youth 🚩\n\n🔴 FIRST NORDIC FORUM OF LEFT YOUTH: RESOLUTION\n\nThis weekend Tromsø welcomed the "
                "First Nordic Forum of Left Youth, hosted by the Left Youth of Norway (LYN).\n\n✊ We demand that no NATO "
                "bases be established in the North.\n\n✊ The Forum declared 18 December, International Migrants Day, "
                "a day of action in solidarity with migrant workers.\n\n🤝 Participating organisations:\n"
                "🇳🇴 Left Youth of Norway\n🇸🇪 Young Left of Sweden\n🇫🇮 Left Youth of Finland\n",
                published="2023-09-17")
    main = doc.events[0]
    assert (main.city, main.start.iso, main.end.iso) == ("Tromsø", "2023-09-16", "2023-09-17")
    assert {"Young Left of Sweden", "Left Youth of Finland"} <= set(mentions(doc, "participants"))
    found = stances(doc)
    assert ("demand", "demand that no NATO bases be established in the North") in found
    assert ("solidarity", "solidarity with migrant workers") in found


def test_a_wire_mastheads_time_and_headline_and_they_after_a_final_declaration_the_unions_made():
    doc = parse("NORDIC WIRE\nRegional news service | Oslo - Stockholm\n\nMon Mar 6, 2006 2:21pm GMT\n\nNordic unions vow "
                "to fight privatisation\n\nOSLO, March 6 (NW) - Trade unions from the North ended a three-day conference "
                "here on Sunday.\n\nIn their final declaration the unions condemned the privatisation of water, and "
                "demanded that governments stop all sales.\n\nThey rejected the agreements with the European Union, "
                "expressed solidarity with the dockworkers of Bergen, who have been on strike since February, and backed "
                "the peace talks.\n\nThe unions agreed to set up a solidarity fund.")
    assert doc.statement.title == "Nordic unions vow to fight privatisation"
    found = {c.stance.value for c in doc.claims}
    assert {"condemn", "demand", "reject", "solidarity", "support", "declare"} <= found


def test_a_bulletins_centred_capitals_heading_its_page_head_again_and_parties_named_together_speak():
    doc = parse("INFORMATION BULLETIN 8/1985                                  23\n\n                    MEETING OF LEFT "
                "PARTIES\n                  OF NORWAY, SWEDEN AND\n                            FINLAND\n\n"
                "                         Joint Communique\n\n     On the 2nd and 3rd of March a meeting of delegations of\n"
                "the Left Party of Norway, the Left Party of Sweden and the Left Party of Finland took place\nin Oslo.\n"
                "     The three parties resolutely oppose the deployment of missiles.\n\nINFORMATION BULLETIN 8/1985"
                "                                  24\n\n     They denounce the austerity policies of the governments.\n"
                "     The Left Party of Norway, the Left Party of Sweden and the Left Party of Finland express\n"
                "their solidarity with the people of Nicaragua.\n     They call on all peace forces to act.\n")
    assert doc.statement.title == "MEETING OF LEFT PARTIES OF NORWAY, SWEDEN AND FINLAND"
    assert doc.statement.date.iso == "1985"
    found = {c.stance.value for c in doc.claims}
    assert {"oppose", "condemn", "solidarity", "call"} <= found


def test_a_forum_posts_headline_over_its_byline_with_the_post_time_is_the_title():
    doc = parse("RedAsh Forum\n\nNordic communists meet in Oslo (joint statement, my translation)\nby red_north » Mon Apr "
                "22, 2013 9:14 am\n\nComrades,\n\nthe communist parties of the North met in Oslo last Friday and Saturday. "
                "Below is my translation of their joint statement.")
    assert doc.statement.title == "Nordic communists meet in Oslo (joint statement, my translation)"
    assert doc.statement.date.iso == "2013-04-22"


def test_delegations_invited_by_a_host_before_an_earlier_meeting_and_a_signer_whose_name_is_illegible():
    doc = parse("The Second Meeting of Left Parties of the North was held in Oslo on March 3-5, 2004. The delegations, "
                "invited by the Left Party of Norway (LPN), represented 9 parties from 6 countries, a year and a half "
                "after the first meeting, held in Turku in August 2002.\n\nWe condemn the war.\n\nSigned:\n"
                "Left Party of Norway: Anna Berg, General Secretary\nLeft Front of Sweden: [illegible], International "
                "Secretary\n")
    main = next(e for e in doc.events if e.ordinal == 2)
    assert [m.text for m in main.hosts] == ["Left Party of Norway (LPN)"]
    assert all(not e.hosts for e in doc.events if e.city == "Turku")
    assert "Left Front of Sweden" in mentions(doc, "signatories")


def test_the_last_list_item_runs_on_into_the_sentence_representatives_of_x_attend_and_the_party_is_no_participant():
    doc = parse("On the 2nd and 3rd of March 1985 a meeting of delegations of the Left Party of Norway, the Left Party "
                "of Sweden and the Left Party of Finland took place in Oslo at the invitation of the Central Committee "
                "of the Left Party of Norway. Representatives of the Danish Left Party (DLP) attended the meeting as "
                "guests. The delegation of the LPN was headed by Anna Berg, President of the Party.")
    took_part = set(mentions(doc, "participants"))
    assert {"Left Party of Norway", "Left Party of Sweden", "Left Party of Finland", "Danish Left Party (DLP)"} <= took_part
    assert not any(m.startswith(("Central Committee", "Representatives")) or m.endswith("the Party") for m in took_part)


def test_a_wire_slug_a_social_posts_buttons_and_and_others_after_country_rows_are_nobody():
    doc = parse("Nordic unions meet in Oslo\n\nOSLO, May 3 (NW) - Unions from the North met here on Saturday. The "
                "conference condemned the war.\n\nSAWS KTM lb/ps 1132 GMT\n")
    assert mentions(doc, "signatories") == []
    doc = parse("DECLARATION OF OSLO\n\nOn Saturday women's organisations met in Oslo. We condemn the war and we "
                "salute the women of Sami land who are fighting for their rights.\n\n👍 312 · 47 comments\n"
                "Like · Comment · Share\nSee translation\n\nMost relevant ▾\nNordic Women's Federation · 2d\n"
                "Long live the unity of women!\n", published="2022-03-28")
    assert mentions(doc, "signatories") == []
    doc = parse("The meeting of left parties was held in Oslo on 3 May 2012.\n\nParticipating parties:\n\n"
                "Norway: Left Party of Norway\nSweden: Left Party of Sweden\nFinland: Left Alliance of Finland\n"
                "Iceland: People's Alliance\n… and others.\n")
    assert not any("others" in m for m in mentions(doc, "participants") + mentions(doc, "signatories"))


def test_names_under_the_closing_dateline_sign_and_the_undersigned_meeting_in_a_city_took_part():
    doc = parse("APPEAL\n\n     The undersigned organisations, meeting in Oslo on 19 and 20 January 1974, address the "
                "following appeal.\n\n     We condemn the coup.\n\n     Oslo, 20 January 1974\n\n     Nordic Peace "
                "Council\n     Nordic Federation of Trade Unions\n     Nordic Youth Federation\n\n     The appeal has "
                "since been endorsed by the Danish Peace Council.\n")
    signed = ["Nordic Peace Council", "Nordic Federation of Trade Unions", "Nordic Youth Federation"]
    assert mentions(doc, "signatories")[:3] == signed
    assert set(signed) <= set(mentions(doc, "participants"))


def test_an_earlier_meeting_held_here_was_where_the_reported_one_is():
    doc = parse("The Second Oslo Conference Against War met in Oslo on 18 and 19 December 2003. More than 500 "
                "participants from 32 countries took part in its work, one year after the first conference held here "
                "in December 2002.")
    assert [(e.city, e.start.iso) for e in doc.events if e.ordinal == 1] == [("Oslo", "2002-12")]


def test_they_after_a_page_break_still_speaks_and_a_next_meeting_in_a_country_and_year_is_announced():
    doc = parse("     The meeting of left parties of the North was held in Oslo from 17 to 19 February 1986.\n\n"
                "     The parties denounced the war.\n\n                                   - 15 -\n\n"
                "NORDIC BULLETIN                                         No. 5, 1986\n\n"
                "     They expressed their solidarity with the people of Namibia.\n\n"
                "     The parties agreed to hold their next meeting in Finland in 1987.\n")
    assert ("solidarity", "expressed their solidarity with the people of Namibia") in stances(doc)
    assert announced(doc) == [(None, "1987", [])] and [e.country for e in doc.events if e.status == "announced"] == ["FI"]
