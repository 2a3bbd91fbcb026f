"""Safe IRI segments (kb.iris): the properties every minted id keeps."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kb.iris import MAX_LENGTH, SAFE_SEGMENT, org_id, slug


@given(st.text())
@example("../../etc/passwd")
@example("<script>alert(1)</script>")
@example("a b\tc\nd")
@example("")
@example("’–—")
@example("\u0430\u0435\u043e")  # Cyrillic look-alikes of "aeo"
@example("ＴＫＰ")  # full-width
@example("İzmir ı")
@example("\ud800")  # a lone surrogate
def test_slug_is_a_safe_segment(text: str) -> None:
    result = slug(text)
    assert SAFE_SEGMENT.match(result), result
    assert len(result) <= MAX_LENGTH
    for bad in ("/", "..", "<", ">", " ", "%", "#", "?"):
        assert bad not in result


@given(st.text())
def test_slug_is_idempotent(text: str) -> None:
    assert slug(slug(text)) == slug(text)


@given(st.text(alphabet=st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n’“”–—")), min_size=1))
def test_text_without_letters_gets_a_stable_hash_slug(text: str) -> None:
    result = slug(text)
    assert result.startswith("x") and result == slug(text)


def test_distinct_long_names_stay_distinct() -> None:
    a, b = "Communist Party " * 10 + "A", "Communist Party " * 10 + "B"
    assert slug(a) != slug(b)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Türkiye Komünist Partisi", "turkiye-komunist-partisi"),
        ("İzmir", "izmir"),
        ("The People’s Communist Party of Spain", "the-peoples-communist-party-of-spain"),
        ("Communist Party of India (Marxist)", "communist-party-of-india-marxist"),
        ("Κομμουνιστικό Κόμμα Ελλάδας", "kommoynistiko-komma-elladas"),
    ],
)
def test_slug_examples(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_org_id_appends_the_country_code() -> None:
    assert org_id("SEP", "TR") == "sep-tr"
    assert org_id("Communist Party of Syria", None) == "communist-party-of-syria"


def test_org_id_rejects_a_bad_country() -> None:
    with pytest.raises(ValueError, match="alpha-2"):
        org_id("SEP", "../")


@given(st.text(), st.sampled_from(["TR", "GR", "KP", None]))
def test_org_id_is_a_safe_segment(name: str, country: str | None) -> None:
    assert SAFE_SEGMENT.match(org_id(name, country))
