"""List items that name a person with a post and an organisation (kb/parse/person_items.py):
the layouts speaker and delegation lists take, lines that must stay organisations, and the
whole parse (the organisation becomes the list's mention, the person a Person)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.parse.person_items import person_item
from kb.records import Span
from tests.test_parse import mentions, parse


def read(line: str):
    person = person_item(line, Span(0, len(line)))
    if person is None:
        return None
    org = person.organisation.text if person.organisation else None
    return person.name, person.post, org


@pytest.mark.parametrize(("line", "expected"), [
    ("Jane Roe, General Secretary, Left Front (Chile)", ("Jane Roe", "General Secretary", "Left Front (Chile)")),
    ("Dr. Amadou Sow - President, Union for Renewal (Mali)", ("Amadou Sow", "President", "Union for Renewal (Mali)")),
    ("Piet de Vries / member of the Political Bureau / Dutch Labour Party",
     ("Piet de Vries", "member of the Political Bureau", "Dutch Labour Party")),
    ("International Secretary Ana Costa (Socialist Workers' Party)",
     ("Ana Costa", "International Secretary", "Socialist Workers' Party")),
    ("Lin Mei (CPN), head of the Foreign Section of the CC", ("Lin Mei", "head of the Foreign Section of the CC", "CPN")),
    ("Comrade Tomas Berg, alternate member of the CC, Left Party of Norway",
     ("Tomas Berg", "alternate member of the CC", "Left Party of Norway")),
    ("Omar Haddad, Deputy Director of the International Department of the Central Committee of the Arab Socialist Front",
     ("Omar Haddad", "Deputy Director of the International Department of the Central Committee", "Arab Socialist Front")),
    ("For the Workers' Party of Ireland: Sean Walsh, Chairman", ("Sean Walsh", "Chairman", "Workers' Party of Ireland")),
    ("Mario Rossi, member of the Central Committee of the Party of Italian Communists (PdCI)",
     ("Mario Rossi", "member of the Central Committee", "Party of Italian Communists (PdCI)")),
    ("Juan Carlos Ramirez (Communist Party of Peru)", ("Juan Carlos Ramirez", None, "Communist Party of Peru")),
    ("Ligue Feminine Kanake (New Caledonia) – Marie Wea, President",
     ("Marie Wea", "President", "Ligue Feminine Kanake (New Caledonia)")),
    ("Federation of Women's Unions – FWU (Malta) – Rita Borg, General Secretary",
     ("Rita Borg", "General Secretary", "Federation of Women's Unions – FWU (Malta)")),
])
def test_a_person_line_in_any_order_and_with_any_separator(line, expected):
    assert read(line) == expected


@pytest.mark.parametrize("line", [
    "Communist Party of Greece (KKE)",
    "Sinn Féin (SF)",                    # a name and its own acronym
    "Rifondazione Comunista (PRC)",      # no post and only an acronym: not a person
    "AKEL - Cyprus",
    "The Workers' Party (Turkey)",
    "Die Linke, Germany",
    "Socialist Party of Zambia, Lusaka",
    "Brazil: Communist Party of Brazil (PCdoB)",
    "Central Committee, Communist Party of Peru",
    "General Secretary, Left Front",      # a post without anybody holding it
])
def test_organisation_lines_are_not_persons(line):
    assert read(line) is None


def test_a_speakers_list_gives_participants_and_persons():
    doc = parse(
        "Seminar report\n\nA seminar was held in Accra on 3-4 March 2004, attended by 5 parties.\n\n"
        "Heads of delegation:\n"
        "- Kwame Mensah, General Secretary, Convention People's Party (Ghana)\n"
        "- Secretary for International Affairs Rosa Diaz (Communist Party of Cuba)\n"
        "- Peter Novak / member of the Presidium / Slovak Workers' Party\n"
        "- Communist Party of Kenya\n"
    )
    assert mentions(doc, "participants") == [
        "Convention People's Party (Ghana)", "Communist Party of Cuba", "Slovak Workers' Party", "Communist Party of Kenya",
    ]
    people = {(p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons}
    assert {("Kwame Mensah", "General Secretary", "Convention People's Party (Ghana)"),
            ("Rosa Diaz", "Secretary for International Affairs", "Communist Party of Cuba"),
            ("Peter Novak", "member of the Presidium", "Slovak Workers' Party")} <= people


FIRST = st.sampled_from(["Ana", "Kwame", "Piet", "Omar", "Lin", "Sean", "Maria"])
LAST = st.sampled_from(["Costa", "Mensah", "Haddad", "Walsh", "Novak", "Okafor"])
POSTS = st.sampled_from(["General Secretary", "President", "member of the Political Bureau", "Chairman",
                         "International Secretary", "head of the International Department"])
ORGS = st.sampled_from(["Left Front", "Communist Party of Chile", "Socialist Workers' Party", "People's Union of Mali"])
LAYOUTS = st.sampled_from(["{n}, {p}, {o}", "{n} - {p}, {o}", "{n} / {p} / {o}", "{p} {n} ({o})", "{n} ({o}), {p}"])


@given(FIRST, LAST, POSTS, ORGS, LAYOUTS)
def test_every_layout_gives_back_its_three_parts(first, last, post, org, layout):
    name = f"{first} {last}"
    line = layout.format(n=name, p=post, o=org)
    assert read(line) == (name, post, org)


def test_a_list_of_speakers_gives_each_speakers_organisation_as_a_participant():
    doc = parse(
        "Report\n\nOur party took part in the International Conference against War held in Lisbon on 3-4 June 2006. "
        "The delegation of the Left Party was led by its General Secretary, Robert Griffiths. "
        "Speakers included Aleka Papariga (KKE), Jeronimo de Sousa of the Portuguese Communist Party, Jane Roe of "
        "the Communist Party of Bohemia and Moravia and Peter Mertens, President of the Workers' Party of Belgium."
    )
    assert sorted(mentions(doc, "participants")) == [
        "Communist Party of Bohemia and Moravia", "KKE", "Left Party", "Portuguese Communist Party",
        "Workers' Party of Belgium"]
    people = [(p.name, p.post, p.organisation.text if p.organisation else None) for p in doc.persons]
    assert ("Robert Griffiths", "General Secretary", "Left Party") in people  # "its": the party; the name stops at the full stop
    assert people[-4:] == [
        ("Aleka Papariga", None, "KKE"), ("Jeronimo de Sousa", None, "Portuguese Communist Party"),
        ("Jane Roe", None, "Communist Party of Bohemia and Moravia"),
        ("Peter Mertens", "President", "Workers' Party of Belgium")]


def test_a_speaker_with_a_country_in_brackets_names_no_organisation():
    doc = parse("Report\n\nThe seminar was held in Quito on 3 May 2019. Speakers were Ana Ruiz (Chile) and Luis Paz (Peru).")
    assert [(p.name, p.organisation) for p in doc.persons] == [("Ana Ruiz", None), ("Luis Paz", None)]
    assert mentions(doc, "participants") == []


def test_a_speaker_with_initials_is_a_person():
    doc = parse("Report\n\nThe seminar was held in Kathmandu on 23 November 1999. Speakers included "
                "K. P. Wickramasinghe of the Communist Party of Sri Lanka and Abdul Rauf Baloch (Communist Party of Pakistan).")
    assert [(p.name, p.organisation.text) for p in doc.persons] == [
        ("K. P. Wickramasinghe", "Communist Party of Sri Lanka"), ("Abdul Rauf Baloch", "Communist Party of Pakistan")]
