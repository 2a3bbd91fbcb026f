"""Resolving organisation mentions (kb.resolve), with the cases of issue 4 as they appear
in the five sources (exact strings)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.errors import SourceError
from kb.records import Event, OrgMention, ParsedDocument, Person, Source, Span, Statement
from kb.resolve import Registry, Resolver, country_code, load_registry, resolve_documents
from kb.resolve.countries import country_candidates
from kb.resolve.matcher import typo_score
from kb.resolve.normalise import split_name
from kb.resolve.report import near_duplicates, suspicions

REGISTRY_DIR = Path(__file__).resolve().parents[1] / "sources" / "registry"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REGISTRY_DIR)


@pytest.fixture()
def resolver(registry: Registry) -> Resolver:
    return Resolver(registry)


@pytest.fixture()
def uncurated(registry: Registry) -> Resolver:
    """The registry without any curator decision: what the algorithm does alone."""
    return Resolver(dataclasses.replace(registry, same_as=(), not_same_as=()))


# ------------------------------------------------------------------ countries

@pytest.mark.parametrize(("name", "code"), [
    ("Turkey", "TR"), ("Türkiye", "TR"), ("TURKEY", "TR"), ("Russia", "RU"), ("Britain", "GB"),
    ("USA", "US"), ("Bahrein", "BH"), ("Italia", "IT"), ("the Netherlands", "NL"), ("Greece", "GR"),
    ("Korea", None), ("Kurdistan", None), ("Soviet Union", None), ("", None),
])
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_ambiguous_country_lists_its_candidates() -> None:
    assert country_candidates("Korea") == ("KP", "KR")


# -------------------------------------------------------------- normalisation

@pytest.mark.parametrize(("text", "base", "country", "acronyms"), [
    ("The Communist Party of Israel (CPI)", "communist party", "IL", ("CPI",)),
    ("Communist Party of Turkey (TKP)", "communist party", "TR", ("TKP",)),
    ("Communist Party of India (Marxist)", "communist party of india marxist", None, ()),
    ("Syrian Communist Party (Unified)", "syrian communist party unified", None, ()),
    ("Communist Party of India (ML)", "communist party of india ml", None, ()),
    ("AKEL – Cyprus", "akel", "CY", ()),
    ("Democratic Progressive Tribune – Bahrein", "democratic progressive tribune", "BH", ()),
    ("Party X, Mexico", "party x", "MX", ()),
    ("Party X [Russia]", "party x", "RU", ()),
    ("CP of Turkey", "communist party", "TR", ()),
    ("TÜRKİYE KOMÜNİST PARTİSİ", "turkiye komunist partisi", None, ()),
    ("Türkıye Komünist Partisi", "turkiye komunist partisi", None, ()),
    ("Communist Party of Kurdistan-Iraq", "communist party of kurdistan iraq", None, ()),
    ("Communist Party in Denmark", "communist party in denmark", None, ()),
    ("Palestinian Liberation Organization- El Fetih", "palestinian liberation organization el fetih", None, ()),
])
def test_split_name(text: str, base: str, country: str | None, acronyms: tuple[str, ...]) -> None:
    parts = split_name(text)
    assert (parts.base, parts.country, parts.acronyms) == (base, country, acronyms)


def test_bracketed_and_of_country_give_one_key() -> None:
    a, b = split_name("The Workers’ Party (Korea)"), split_name("Workers' Party of Korea")
    assert (a.base, a.country_key) == (b.base, b.country_key) == ("workers party", "?korea")


@given(st.sampled_from(["Communist Party of Turkey", "Workers’ Party of Korea", "Union of Communists of Ukraine"]),
       st.sampled_from([str.upper, str.lower, str.title, lambda s: "The " + s, lambda s: "  " + s.replace(" ", "  "),
                        lambda s: s.replace("’", "'"), lambda s: s.replace("'", "’")]))
def test_case_space_quote_and_the_do_not_change_the_key(name: str, variant) -> None:
    a, b = split_name(name), split_name(variant(name))
    assert (a.base, a.country_key) == (b.base, b.country_key)


@given(st.text())
def test_split_name_never_raises(text: str) -> None:
    split_name(text)


# ----------------------------------------------------------------- the guard

@pytest.mark.parametrize(("a", "b", "merges"), [
    ("communist part", "communist party", True),
    ("sociallist party", "socialist party", True),
    ("united communist party", "unified communist party", False),
    ("unifeid communist party", "united communist party", False),
    ("unifeid communist party", "unified communist party", True),
    ("comunist party", "communist party", True),
    ("communist party", "communist party marxist", False),
    ("worker party", "workers party", False),
    ("party 18", "party 19", False),
    ("pco", "pca", False),
])
def test_typo_score_only_for_typos(a: str, b: str, merges: bool) -> None:
    assert (typo_score(a, b) is not None) is merges


# ---------------------------------------------------------- issue 4: same

SAME = [
    ("The Workers’ Party (Korea)", "Workers’ Party of Korea"),
    ("The Communist Party of Ukraine", "Communist Part of Ukraine"),
    ("The Communist Party of India (Marxist)", "Communist Party of India (Marxist)"),
    ("Communist Party of Israel (CPI)", "Communist Party of Israel"),
    ("Communist Party of Turkey (TKP)", "TKP"),
    ("TKP", "Communist Party of Turkey"),
    ("Communist Party of Greece (KKE)", "KKE"),
    ("Türkiye Komünist Partisi", "TÜRKİYE KOMÜNİST PARTİSİ"),
]

DIFFERENT = [
    ("Communist Party of India", "Communist Party of India (Marxist)"),
    ("Communist Party of Brazil", "Brazilian Communist Party"),
    ("Communist Party of Spain", "Communist Party of the Peoples of Spain"),
    ("Communist Party of Bangladesh", "Workers Party of Bangladesh"),
    ("Italian Communist Party", "Communist Party (Italia)"),
    ("The Communist Party of Syria", "Syrian Communist Party (Unified)"),
    ("Communist Party of Ukraine", "Union of Communists of Ukraine"),
    ("Socialist Party of Serbia", "Communists of Serbia"),
    ("The Workers’ Party (Turkey)", "Communist Party of Turkey"),
    ("The Workers’ Party (Turkey)", "SEP (Turkey)"),
    ("Communist Party of Turkey", "SEP (Turkey)"),
    ("Palestinian Communist Party", "Palestinian Peoples Party"),
    ("The People’s Communist Party of Spain", "Communist Party of the Peoples of Spain"),
    ("The United Communist Party of Georgia", "Unified Communist Party of Georgia"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_organisation(resolver: Resolver, a: str, b: str) -> None:
    assert resolver.resolve(a).organisation.id == resolver.resolve(b).organisation.id


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
@pytest.mark.parametrize("which", ["curated", "uncurated"])
def test_different_organisations(request, which: str, a: str, b: str) -> None:
    resolver = request.getfixturevalue("resolver" if which == "curated" else "uncurated")
    first, second = resolver.resolve(a), resolver.resolve(b)
    assert first.organisation.id != second.organisation.id
    again = resolver.resolve(a)  # and the second mention did not swallow the first
    assert again.organisation.id == first.organisation.id


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organisations_in_reverse_order(uncurated: Resolver, a: str, b: str) -> None:
    assert uncurated.resolve(b).organisation.id != uncurated.resolve(a).organisation.id


def test_typo_is_a_fuzzy_merge_with_its_score(resolver: Resolver) -> None:
    r = resolver.resolve("Communist Part of Ukraine")
    assert (r.method, r.organisation.id) == ("fuzzy", "communist-party-of-ukraine")
    assert 0.9 <= r.score < 1


def test_how_each_mention_was_resolved(resolver: Resolver) -> None:
    methods = {m: resolver.resolve(m).method for m in
               ("Communist Party of Turkey", "TKP", "The Communist Party of Turkey", "Vatan Partisi")}
    assert methods == {"Communist Party of Turkey": "exact", "TKP": "alias",
                       "The Communist Party of Turkey": "normalised", "Vatan Partisi": "curator"}


def test_the_open_spanish_case_is_a_candidate_not_a_merge(resolver: Resolver) -> None:
    r = resolver.resolve("The People’s Communist Party of Spain")
    assert r.method == "new" and not r.organisation.curated
    assert r.organisation.id == "peoples-communist-party-of-spain-es"
    assert r.candidate is not None and r.candidate.id == "communist-party-of-the-peoples-of-spain"


def test_unknown_name_becomes_new_and_later_mentions_join_it(resolver: Resolver) -> None:
    first = resolver.resolve("SEP (Turkey)")
    assert (first.method, first.organisation.id, first.organisation.country) == ("new", "sep-tr", "TR")
    assert resolver.resolve("SEP").organisation.id == "sep-tr"
    assert resolver.resolve("SEP (Turkey)").organisation.id == "sep-tr"
    assert resolver.resolve("PO (Argentina)").organisation.id != "sep-tr"


def test_country_given_by_the_caller_is_used(resolver: Resolver) -> None:
    assert resolver.resolve("Agrupación Vilcapaza", "PE").organisation.id == "agrupacion-vilcapaza"
    assert resolver.resolve("Communist Party", "IT").organisation.id == "communist-party-italia"
    r = resolver.resolve("Agrupación Vilcapaza", "AR")
    assert r.organisation.id != "agrupacion-vilcapaza"


def test_generic_words_alone_never_join(resolver: Resolver) -> None:
    for mention in ("Communist Party", "Workers Party", "Socialist Party", "The Party"):
        assert resolver.resolve(mention).method == "new", mention


def test_ambiguous_acronym_is_not_merged(resolver: Resolver) -> None:
    r = resolver.resolve("CPI")
    assert r.method == "new" and r.candidate is not None
    assert resolver.resolve("CPI", "IL").organisation.id == "communist-party-of-israel"


def test_typo_in_another_country_is_not_merged(resolver: Resolver) -> None:
    r = resolver.resolve("Communist Part of Ukraine", "UA")
    assert r.organisation.id == "communist-party-of-ukraine"
    assert resolver.resolve("Communist Part of Belarus").method == "new"


def test_not_same_as_blocks_an_automatic_join() -> None:
    from kb.records import Organisation
    from kb.resolve.registry import CuratorPair
    org = Organisation("tudeh-party-of-iran", "Tudeh Party of Iran", "IR", curated=True)
    assert Resolver(Registry(organisations=(org,))).resolve("Tudeh Party").organisation.id == org.id
    blocked = Resolver(Registry(organisations=(org,), not_same_as=(CuratorPair("Tudeh Party", org.id),)))
    assert blocked.resolve("Tudeh Party").organisation.id != org.id


def test_empty_mention_raises(resolver: Resolver) -> None:
    with pytest.raises(ValueError, match="no letters"):
        resolver.resolve(" – ")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([m for pair in SAME + DIFFERENT for m in pair] + ["SEP", "PO (Argentina)", "Tudeh Party"]),
                max_size=25))
def test_resolution_is_deterministic(registry: Registry, mentions: list[str]) -> None:
    def run() -> list[tuple[str, str, str]]:
        r = Resolver(registry)
        return [(x.organisation.id, x.method, x.candidate.id if x.candidate else "") for x in map(r.resolve, mentions)]
    assert run() == run()


# ----------------------------------------------------------------- registry

def write(tmp_path: Path, organisations: str, curation: str = "") -> Path:
    (tmp_path / "organisations.toml").write_text(organisations, encoding="utf-8")
    if curation:
        (tmp_path / "curation.toml").write_text(curation, encoding="utf-8")
    return tmp_path


ROW = '[[organisation]]\nid = "a-party"\nname = "A Party"\ncountry = "TR"\n'


def test_shipped_registry_loads(registry: Registry) -> None:
    ids = [o.id for o in registry.organisations]
    assert len(ids) == len(set(ids)) > 60
    assert {"imcwp"} <= {s.id for s in registry.series}
    assert all(not o.same_as for o in registry.organisations)  # no QID without a checked source


@pytest.mark.parametrize(("text", "field", "problem"), [
    (ROW + 'colour = "red"\n', "organisation[0].colour", "unknown key"),
    (ROW + "aliases = \"AP\"\n", "organisation[0].aliases", "is not a list"),
    (ROW + ROW, "organisation[1].id", "duplicate id"),
    (ROW.replace('"TR"', '"XX"'), "organisation[0].country", "ISO 3166-1"),
    (ROW.replace('"TR"', '"Turkey"'), "organisation[0].country", "ISO 3166-1"),
    (ROW + 'kind = "club"\n', "organisation[0].kind", "unknown kind"),
    (ROW + 'wikidata = "Q42"\n', "organisation[0].wikidata_source", "needs its origin"),
    (ROW.replace('"a-party"', '"A Party"'), "organisation[0].id", "not a safe id"),
    ('[[organisation]]\nid = "x"\n', "organisation[0].name", "missing 'name'"),
])
def test_bad_registry_rows_raise_source_error(tmp_path: Path, text: str, field: str, problem: str) -> None:
    with pytest.raises(SourceError) as info:
        load_registry(write(tmp_path, text))
    assert info.value.field == field and problem in info.value.problem
    assert info.value.path == tmp_path / "organisations.toml" and info.value.line is not None


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_registry(write(tmp_path, ROW + "name = \n"))
    assert info.value.line == 5


def test_missing_registry_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="organisations.toml"):
        Resolver.load(tmp_path)


def test_same_as_joining_two_rows_raises(tmp_path: Path) -> None:
    rows = ROW + ROW.replace("a-party", "b-party").replace("A Party", "B Party")
    write(tmp_path, rows, '[[same_as]]\na = "a-party"\nb = "B Party"\n')
    with pytest.raises(SourceError) as info:
        Resolver.load(tmp_path)
    assert info.value.field == "same_as[0]" and info.value.path == tmp_path / "curation.toml"


def test_unknown_curation_key_raises(tmp_path: Path) -> None:
    write(tmp_path, ROW, '[[not_same_as]]\na = "a-party"\nc = "x"\n')
    with pytest.raises(SourceError) as info:
        Resolver.load(tmp_path)
    assert info.value.field == "not_same_as[0].c"


# --------------------------------------------------------------- documents

def _doc(name: str, text: str, mentions: list[tuple[str, str | None]]) -> ParsedDocument:
    spans = []
    for m, country in mentions:
        start = text.index(m)
        spans.append(OrgMention(Span(start, start + len(m)), m, country))
    source = Source(name=name, path=Path(f"sources/{name}.txt"), text=text, sha256="0" * 64)
    event = Event(name="meeting", hosts=(spans[0],), participants=tuple(spans[1:]))
    person = Person("Kemal Okuyan", Span(0, 1), "General Secretary", spans[0])
    return ParsedDocument(source=source, statement=Statement(), events=(event,), signatories=tuple(spans[1:]),
                          mentions=tuple(spans), persons=(person,))


def test_resolve_documents_fills_every_org_id_in_source_order(registry: Registry) -> None:
    b = _doc("b-front", "SEP (Turkey) and then SEP again, with TKP", [("SEP (Turkey)", "TR"), ("SEP", None), ("TKP", None)])
    a = _doc("a-report", "The Communist Party of Turkey (TKP) hosted Communist Part of Ukraine",
             [("The Communist Party of Turkey (TKP)", None), ("Communist Part of Ukraine", None)])
    for order in ([a, b], [b, a]):
        out = resolve_documents(order, Resolver(registry))
        assert [d.document.source.name for d in out] == ["a-report", "b-front"]
        first, second = out
        assert [m.org_id for m in first.document.mentions] == ["communist-party-of-turkey", "communist-party-of-ukraine"]
        assert [m.org_id for m in second.document.events[0].participants] == ["sep-tr", "communist-party-of-turkey"]
        assert second.document.events[0].hosts[0].org_id == "sep-tr"
        assert second.document.persons[0].organisation.org_id == "sep-tr"
        assert [o.id for o in second.organisations] == ["communist-party-of-turkey", "sep-tr"]
        assert len(second.resolutions) == 3  # each mention once, though listed in several roles


def test_cli_formatting(registry: Registry) -> None:
    from kb.cli.orgs import organisation_lines, suspicion_lines
    resolver = Resolver(registry)
    docs = resolve_documents([_doc("a", "SEP (Turkey) met Communist Part of Ukraine",
                                   [("SEP (Turkey)", None), ("Communist Part of Ukraine", None)])], resolver)
    lines = organisation_lines(docs)
    assert lines[0] == "communist-party-of-ukraine  Communist Party of Ukraine  [UA, party, registry]"
    assert "    a:17-42  participant 'Communist Part of Ukraine'  fuzzy 0.966" in lines
    assert "sep-tr  SEP  [TR, NEW]" in lines
    found = suspicions(resolver, (r for d in docs for r in d.resolutions))
    assert [(s.kind, s.a, s.b) for s in found] == [("fuzzy", "Communist Part of Ukraine", "communist-party-of-ukraine")]
    assert suspicion_lines(found)[0].startswith("fuzzy      0.966  'Communist Part of Ukraine' ~ 'communist-party-of-ukraine'")
    assert suspicion_lines([]) == ["nothing suspicious"]


def test_look_alikes_are_listed_until_a_curator_separates_them(registry: Registry, uncurated: Resolver) -> None:
    pair = ["communist-party-of-brazil", "brazilian-communist-party"]
    assert [(s.a, s.b) for s in near_duplicates(uncurated, pair)] == [tuple(sorted(pair))]
    assert near_duplicates(Resolver(registry), pair) == []


def test_look_alikes_need_more_in_common_than_the_words_communist_party():
    from kb.resolve.report import near_duplicates

    resolver = Resolver(Registry())
    names = ["Communist Party of Argentina", "Communist Party of the Soviet Union", "Communist Party (Italia)",
             "Communist Party of Spain", "People's Communist Party of Spain"]
    ids = [resolver.resolve(name).organisation.id for name in names]
    pairs = {frozenset((s.a, s.b)) for s in near_duplicates(resolver, ids)}
    spain = {resolver.resolve(n).organisation.id for n in names[3:]}
    assert frozenset(spain) in pairs
    assert not any(ids[1] in pair for pair in pairs)
