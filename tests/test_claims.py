"""Tests of kb.parse.claims: stances, voice, quotes and targets, on texts written for them.

The segments come from :func:`make_segments`, a deliberately small stand-in for the lead's
structural pass (blank lines separate blocks; bullet, dash and number lines are items; a
first short line without a full stop is the title).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.namespaces import Stance
from kb.parse.claims import extract_claims, load_lexicon
from kb.parse.sentences import split_sentences
from kb.parse.structure import segment
from kb.records import Claim, Segment, Span

HERE = Path(__file__).resolve().parent
CLAIMS = HERE / "claims"
_ITEM = re.compile(r"^[ \t]*(?P<marker>[•·▪●*]|[-–—](?=\s)|\d{1,3}\s*[-.)](?!\d))[ \t]*")


def make_segments(text: str) -> list[Segment]:
    """Blocks split on blank lines; marker lines are items; a short first line is a title."""
    segments: list[Segment] = []
    for block in re.finditer(r"\S(?:.|\n(?![ \t\u00a0]*\n))*", text):
        position = block.start()
        paragraph_start = None
        for line in block.group().split("\n"):
            line_start, line_end = position, position + len(line)
            position = line_end + 1
            item = _ITEM.match(line)
            if item:
                if paragraph_start is not None:
                    segments.append(_paragraph(text, paragraph_start, line_start - 1))
                    paragraph_start = None
                segments.append(Segment("item", Span(line_start, line_end), item.group("marker")))
            elif paragraph_start is None:
                paragraph_start = line_start
        if paragraph_start is not None:
            segments.append(_paragraph(text, paragraph_start, block.end()))
    if segments and segments[0].kind == "paragraph":
        first = segments[0].span.slice(text)
        if "\n" not in first.strip() and len(first) < 150 and not first.rstrip().endswith((".", ":")):
            segments[0] = Segment("title", segments[0].span)
    return segments


def _paragraph(text: str, start: int, end: int) -> Segment:
    while end > start and text[end - 1].isspace():
        end -= 1
    return Segment("paragraph", Span(start, end))


def claims_of(text: str) -> tuple[Claim, ...]:
    return extract_claims(text, make_segments(text))


def read(name: str) -> str:
    return (CLAIMS / name).read_text(encoding="utf-8")


def find(claims: tuple[Claim, ...], stance: Stance, words: str) -> Claim:
    """The one claim of ``stance`` whose quote contains ``words``."""
    matches = [c for c in claims if c.stance is stance and words in c.quote]
    assert len(matches) == 1, f"{stance.value} {words!r} in {[(c.stance.value, c.quote) for c in claims]}"
    return matches[0]


# ----------------------------------------------------------------------------- one stance each


@pytest.mark.parametrize(
    ("stance", "quote_words", "target_words"),
    [
        (Stance.CONDEMN, "condemn the privatisation of the northern ports", "northern ports"),
        (Stance.DEMAND, "demand the immediate reinstatement", "dismissed dockers"),
        (Stance.SOLIDARITY, "solidarity with the fishing communities", "fishing communities"),
        (Stance.SUPPORT, "support the proposal for a regional public shipping line", "proposal"),
        (Stance.CALL, "call on the trade unions of the region", "trade unions"),
        (Stance.OPPOSE, "oppose the installation of new foreign military bases", "military bases"),
        (Stance.REJECT, "reject the so-called stability pact", "stability pact"),
        (Stance.DECLARE, "declare that the sovereignty of our peoples", "sovereignty"),
        (Stance.OTHER, "thanked the host party", "host party"),
    ],
)
def test_each_stance_in_a_joint_statement(stance: Stance, quote_words: str, target_words: str) -> None:
    text = read("joint-statement.txt")
    claim = find(claims_of(text), stance, quote_words)
    assert text[claim.span.start : claim.span.end] == claim.quote
    assert target_words in claim.target


def test_joint_statement_has_no_claim_for_frame_analysis_or_reported_speech() -> None:
    claims = claims_of(read("joint-statement.txt"))
    quotes = " ".join(c.quote for c in claims)
    assert "following joint statement" not in quotes  # the adoption of the text itself
    assert "Unemployment" not in quotes and "sold to foreign" not in quotes  # analysis
    assert "sale of the railways" not in quotes  # one person's reported speech
    assert len(claims) == 11


def test_quote_stops_before_a_trailing_non_restrictive_clause() -> None:
    claim = find(claims_of(read("joint-statement.txt")), Stance.CONDEMN, "privatisation")
    assert claim.quote == "strongly condemn the privatisation of the northern ports"


def test_they_stands_for_the_participants_of_the_sentence_before() -> None:
    claim = find(claims_of(read("joint-statement.txt")), Stance.DEMAND, "reinstatement")
    assert claim.quote.startswith("demand the immediate reinstatement")


def test_they_does_not_stand_for_someone_else() -> None:
    text = "Foreign consortia bought the ports. They demand new tax exemptions from the state."
    assert claims_of(text) == ()


def test_a_decision_with_a_stance_gives_declare_and_the_stance() -> None:
    claims = claims_of(read("joint-statement.txt"))
    decision = find(claims, Stance.DECLARE, "decided to hold its next session")
    stance = find(claims, Stance.SOLIDARITY, "striking copper miners")
    assert decision.span.start < stance.span.start < decision.span.end
    assert "copper miners" in stance.target


def test_coordinated_stances_are_two_claims() -> None:
    text = "The conference condemns the sanctions against the island, and demands their lifting."
    claims = claims_of(text)
    assert [(c.stance, c.quote) for c in claims] == [
        (Stance.CONDEMN, "condemns the sanctions against the island"),
        (Stance.DEMAND, "demands their lifting"),
    ]


def test_a_new_main_clause_with_we_is_a_new_claim() -> None:
    text = "In full solidarity with the people of the valley, we declare that we will resist the dam."
    claims = claims_of(text)
    assert [c.stance for c in claims] == [Stance.SOLIDARITY, Stance.DECLARE]
    assert claims[0].target == "the people of the valley"


# ----------------------------------------------------------------------------- lists and slogans


def test_lead_in_distributes_its_subject_to_the_items() -> None:
    claims = claims_of(read("lead-in-items.txt"))
    assert find(claims, Stance.SOLIDARITY, "textile workers of Lima").quote.startswith("Express their solidarity")
    assert "Denounce" in find(claims, Stance.CONDEMN, "criminalisation").quote
    assert "repeal" in find(claims, Stance.DEMAND, "anti-strike law").target


def test_solidarity_with_an_initiative_is_support() -> None:
    claim = find(claims_of(read("lead-in-items.txt")), Stance.SUPPORT, "continental week")
    assert claim.target.startswith("the initiative")


def test_support_for_a_people_in_struggle_is_solidarity() -> None:
    claims = claims_of("We support the heroic resistance of the people of the delta against the dams.")
    assert [c.stance for c in claims] == [Stance.SOLIDARITY]


def test_praise_for_opposing_a_policy_is_oppose_towards_it() -> None:
    claims = claims_of("We salute the dockers who oppose the sale of the port to a private fund.")
    assert [c.stance for c in claims] == [Stance.OPPOSE]
    assert claims[0].target.startswith("the sale of the port")


@pytest.mark.parametrize(
    ("stance", "words"),
    [
        (Stance.SOLIDARITY, "solidarity with the families of the miners"),
        (Stance.OPPOSE, "down with the persecution of rural teachers"),
        (Stance.DEMAND, "Freedom for the imprisoned leaders"),
        (Stance.CALL, "Workers of the Andes and the coast, unite!"),
    ],
)
def test_numbered_resolutions_and_slogans(stance: Stance, words: str) -> None:
    find(claims_of(read("lead-in-items.txt")), stance, words)


@pytest.mark.parametrize(
    ("stance", "quote"),
    [
        (Stance.CALL, "Mass assemblies should be organised in every mining town"),
        (Stance.SUPPORT, "The right to strike must be defended"),
        (Stance.REJECT, "the new labour code should be rejected"),
    ],
)
def test_modal_obligations_in_the_statements_voice(stance: Stance, quote: str) -> None:
    claim = find(claims_of(read("lead-in-items.txt")), stance, quote)
    assert claim.quote == quote
    assert claim.target == quote.split(" should")[0].split(" must")[0]


def test_a_demand_noun_as_subject_of_a_modal_gives_demand() -> None:
    text = "- The demand for a general amnesty should come to the fore."
    claims = claims_of(text)
    assert [(c.stance, c.target) for c in claims] == [(Stance.DEMAND, "a general amnesty")]


def test_headline_stating_a_stance_is_a_claim() -> None:
    text = "Solidarity with the people of the islands!\n\nThe meeting took place in May."
    assert [c.stance for c in claims_of(text)] == [Stance.SOLIDARITY]


def test_title_naming_the_genre_is_not_a_call() -> None:
    text = "Appeal to the peoples of the Caribbean\n\nWe, the undersigned parties, address this appeal to the youth."
    assert claims_of(text) == ()


def test_clause_cut_off_by_the_end_of_the_text_is_kept() -> None:
    claims = claims_of("The forum condemns the blockade against Venezu")
    assert [(c.stance, c.target) for c in claims] == [(Stance.CONDEMN, "the blockade against Venezu")]


# ----------------------------------------------------------------------------- no collective stance


def test_a_report_with_no_collective_stance_has_no_claims() -> None:
    assert claims_of(read("party-report.txt")) == ()


@pytest.mark.parametrize(
    "text",
    [
        "NATO has expanded its membership and supports the new missile programme.",
        "The minister said that the government condemns the strike.",
        'The leader told the crowd: "We demand the closure of the base."',
        "The parliament adopted a law that was supported by the ruling parties.",
        "After the meeting the parties issued the following declaration:",
    ],
)
def test_not_claims(text: str) -> None:
    assert claims_of(text) == ()


def test_only_content_segments_are_read() -> None:
    text = "We condemn the war.\n\nWe demand peace."
    segments = [Segment("signature", Span(0, 19)), Segment("paragraph", Span(21, len(text)))]
    assert [c.stance for c in extract_claims(text, segments)] == [Stance.DEMAND]


# ----------------------------------------------------------------------------- corpus and lexicon


def test_every_corpus_source_yields_consistent_claims() -> None:
    for path in sorted((HERE.parent / "sources").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        claims = claims_of(text)
        assert claims, path.name
        for claim in claims:
            assert text[claim.span.start : claim.span.end] == claim.quote
            assert claim.target.strip()


def test_lexicon_loads_and_covers_every_stance() -> None:
    lexicon = load_lexicon()
    assert {cue.stance for cue in lexicon.cues} == set(Stance)


# ----------------------------------------------------------------------------- sentences


def test_sentences_keep_abbreviations_and_offsets() -> None:
    text = "Dr. Lee, i.e. the chair, spoke on bases, ports etc. The U.S. Navy left.\nAnd then?  Yes."
    sentences = [s.slice(text) for s in split_sentences(text)]
    assert sentences == [
        "Dr. Lee, i.e. the chair, spoke on bases, ports etc.",
        "The U.S. Navy left.",
        "And then?",
        "Yes.",
    ]


# ----------------------------------------------------------------------------- properties

_WORDS = st.sampled_from(
    ["We", "condemn", "demand", "the", "war", ",", ".", "!", ":", ";", "\n", "\n\n", "- ", "1- ", "“", "”",
     '"', "solidarity with", "should be", "rejected", "they", "and", "that", "said", "unite", "Freedom for"]
)
_TEXTS = st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map(" ".join))


def _check(text: str, claims: tuple[Claim, ...]) -> None:
    assert list(claims) == sorted(claims, key=lambda c: (c.span, c.stance.value, c.target))
    for claim in claims:
        assert 0 <= claim.span.start < claim.span.end <= len(text)
        assert text[claim.span.start : claim.span.end] == claim.quote
        assert isinstance(claim.stance, Stance)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_any_text_gives_well_formed_claims(text: str) -> None:
    _check(text, claims_of(text))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_segments_inside_the_text_give_well_formed_claims(data: st.DataObject) -> None:
    text = data.draw(_TEXTS)
    bounds = st.integers(0, len(text))
    segments = [
        Segment(data.draw(st.sampled_from(["title", "paragraph", "item", "noise"])), Span(*sorted((a, b))),
                data.draw(st.sampled_from([None, "-", "1-"])))
        for a, b in data.draw(st.lists(st.tuples(bounds, bounds), max_size=6))
    ]
    claims = extract_claims(text, segments)
    _check(text, claims)
    assert claims == extract_claims(text, list(reversed(segments)))  # order-independent, deterministic


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_sentences_are_sorted_disjoint_and_trimmed(text: str) -> None:
    spans = split_sentences(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(s.slice(text) == s.slice(text).strip() and s.slice(text) for s in spans)


def test_a_series_of_acts_joined_by_commas_gives_one_claim_per_verb() -> None:
    text = ("The delegates rejected the new mining code, saluted the striking dockers of the south, "
            "and called on the government to reopen the talks.")
    assert [(c.stance, c.quote) for c in claims_of(text)] == [
        (Stance.REJECT, "rejected the new mining code"),
        (Stance.SOLIDARITY, "saluted the striking dockers of the south"),
        (Stance.CALL, "called on the government to reopen the talks"),
    ]


def test_a_participle_after_a_comma_is_no_new_act() -> None:
    text = "We condemn the occupation, supported by the great powers, and the blockade of the port."
    assert [c.stance for c in claims_of(text)] == [Stance.CONDEMN]


def test_a_speaker_after_an_opening_phrase_lends_its_voice_to_they() -> None:
    text = ("In their closing resolution the participants condemned the raids on the camps. "
            "They demanded the release of all detainees.")
    assert [c.stance for c in claims_of(text)] == [Stance.CONDEMN, Stance.DEMAND]


def test_a_verb_after_a_relative_clause_shares_the_first_verbs_subject() -> None:
    text = "We salute the people of Angola, who won their freedom last year, and support the struggle of the Sahrawi people."
    # support for a people's struggle is solidarity (EXTRACTION.md)
    assert [(c.stance, c.quote) for c in claims_of(text)] == [
        (Stance.SOLIDARITY, "salute the people of Angola"),
        (Stance.SOLIDARITY, "support the struggle of the Sahrawi people"),
    ]


def test_items_under_a_lead_in_naming_demands_are_demands_even_without_a_verb() -> None:
    text = ("The Conference adopted the following demands:\n\n1. Radical agrarian reform: land to the tiller;\n"
            "2. Cancellation of the debts of poor peasants;\n3. We condemn the martial law regime.\n\n"
            "The conference heard the following speakers:\n\n- Ana Ruiz, General Secretary\n")
    segments = segment(text)
    claims = [(c.stance.value, c.quote) for c in extract_claims(text, segments)]
    assert claims == [
        ("demand", "Radical agrarian reform: land to the tiller"),
        ("demand", "Cancellation of the debts of poor peasants"),
        ("condemn", "condemn the martial law regime"),
    ]


def test_items_marked_with_a_dot_and_parenthesis_are_resolutions_in_the_lead_ins_voice() -> None:
    text = ("After two days the parties jointly resolved:\n\ni.) to oppose the new trade pact;\n\n"
            "ii.) to hold the fourth Regional Meeting in Colombo in 1999.\n")
    claims = [(c.stance.value, c.quote) for c in extract_claims(text, segment(text))]
    assert claims == [
        ("oppose", "oppose the new trade pact"),
        ("declare", "hold the fourth Regional Meeting in Colombo in 1999"),
    ]


def test_a_second_decision_joined_by_and_to_is_a_claim_of_its_own() -> None:
    text = "The meeting decided to hold the next session in Lusaka and to set up a liaison office in Harare."
    assert [(c.stance, c.quote) for c in claims_of(text)] == [
        (Stance.DECLARE, "decided to hold the next session in Lusaka"),
        (Stance.DECLARE, "set up a liaison office in Harare"),
    ]


def test_a_decision_whose_object_only_dates_it_keeps_the_meeting_its_cue_names() -> None:
    text = "The congress decided to found a union and to hold its first congress in 1963."
    assert [c.quote for c in claims_of(text)] == ["decided to found a union", "hold its first congress in 1963"]


def test_a_quotation_the_statement_introduces_is_its_own_voice_but_a_quoted_charter_is_not() -> None:
    own = 'The declaration closes with the slogan: "Hands off Cuba! Hands off Venezuela!"'
    assert [c.quote for c in claims_of(own)] == ["Hands off Cuba!", "Hands off Venezuela!"]
    other = 'The minister told reporters: "We demand the end of the strike."'
    assert claims_of(other) == ()


def test_items_under_a_declaring_lead_in_speak_through_their_and_a_meeting_named_for_solidarity_is_no_claim() -> None:
    text = ("The meeting recalled the First Solidarity Conference of the Peoples of Asia.\n\nTHE DELEGATIONS DECLARE:\n\n"
            "I. Their firm solidarity with the dockers of Callao.\n\nII. Their energetic condemnation of the blockade.\n")
    claims = [(c.stance.value, c.quote) for c in extract_claims(text, segment(text))]
    assert claims == [("solidarity", "solidarity with the dockers of Callao"), ("condemn", "condemnation of the blockade")]


def test_a_bare_stance_noun_after_and_is_a_coordinated_verb() -> None:
    text = "The parties condemn the siege of the camps, and demand that it be lifted immediately."
    assert [(c.stance, c.quote) for c in claims_of(text)] == [
        (Stance.CONDEMN, "condemn the siege of the camps"), (Stance.DEMAND, "demand that it be lifted immediately")]


def test_the_second_and_the_third_stand_for_the_resolutions_named_before() -> None:
    text = ("The conference adopted three resolutions. The first resolution demands an end to the blockade. "
            "The third pledges the solidarity of the conference with the striking dockers.")
    assert [(c.stance, c.quote) for c in claims_of(text)][-2:] == [
        (Stance.DEMAND, "demands an end to the blockade"),
        (Stance.SOLIDARITY, "pledges the solidarity of the conference with the striking dockers"),
    ]


def test_items_marked_with_a_double_dash_speak_through_it() -> None:
    text = ("The Conference unanimously adopted the following resolutions:\n\n"
            "-- It strongly condemns the interference of foreign powers in Nepal.\n"
            "-- It calls upon the people of South Asia to observe an Anti-Imperialist Week.\n")
    assert [c.stance for c in extract_claims(text, segment(text))] == [Stance.CONDEMN, Stance.CALL]


def test_a_verb_after_a_that_clause_closed_by_and_speaks_with_the_first_subject() -> None:
    text = ("The participants affirm that the land question remains central, and reiterate their support for the "
            "campaign against evictions.")
    assert [(c.stance, c.quote) for c in claims_of(text)] == [
        (Stance.SUPPORT, "reiterate their support for the campaign against evictions")]


def test_forming_a_committee_is_a_decision() -> None:
    text = "The meeting decided to hold the next session in Aden and to form a follow-up committee of four parties."
    assert [(c.stance, c.quote) for c in claims_of(text)] == [
        (Stance.DECLARE, "decided to hold the next session in Aden"),
        (Stance.DECLARE, "form a follow-up committee of four parties"),
    ]


def test_points_opened_by_an_ordinal_word_and_a_colon_are_items_that_keep_they_in_voice() -> None:
    text = ("First: The participants condemn the blockade of the port.\n\n"
            "Second: They reject the partition of the country along sectarian lines.\n\n"
            "THIRD: They express their solidarity with the striking miners.\n\n"
            "Fourth: They denounce the sale of the railways.\n")
    segments = segment(text)
    assert [(s.kind, s.marker) for s in segments] == [
        ("item", "First:"), ("item", "Second:"), ("item", "THIRD:"), ("item", "Fourth:")]
    assert [c.stance for c in extract_claims(text, segments)] == [
        Stance.CONDEMN, Stance.REJECT, Stance.SOLIDARITY, Stance.CONDEMN]


def test_an_ordinal_word_in_prose_is_not_a_marker() -> None:
    text = "First, the participants condemned the blockade.\n\nfirst: not a point either.\n"
    assert [s.kind for s in segment(text)] == ["paragraph", "paragraph"]


def test_each_stance_noun_of_a_resolution_written_in_nouns_is_a_claim_of_its_own():
    text = ("The participating parties adopted the following resolutions:\n\n"
            "1- Chile: solidarity with the Chilean people in their uprising, and condemnation of the repression by the "
            "government.\n\n2- Bolivia: rejection of the coup against the government of Bolivia and demand for an end "
            "to the massacres.\n")
    found = [(c.stance.value, c.quote) for c in claims_of(text)]
    assert found == [("solidarity", "solidarity with the Chilean people in their uprising"),
                     ("condemn", "condemnation of the repression by the government"),
                     ("reject", "rejection of the coup against the government of Bolivia"),
                     ("demand", "demand for an end to the massacres")]


def test_a_verb_after_a_light_verbs_stance_noun_and_a_pronoun_after_an_adjunct_are_claims():
    text = ("At the end of the meeting the parties adopted a joint statement. In it they express their opposition to "
            "the deployment of new US forces and condemn the military exercises.")
    found = [(c.stance.value, c.quote) for c in claims_of(text)]
    assert ("oppose", "their opposition to the deployment of new US forces") in found
    assert ("condemn", "condemn the military exercises") in found
