"""Screening names against the real UN list."""

from __future__ import annotations

import json

import pytest

from service.parties.errors import PartiesError
from service.parties.matcher import DEFAULT_REVIEW_THRESHOLD, DEFAULT_THRESHOLD, Matcher
from service.parties.model import ListSnapshot
from service.parties.result import PartyMatch


def top(matcher: Matcher, name: str, **kwargs: str) -> PartyMatch:
    results = matcher.match(name, **kwargs)
    assert results, f"no result for {name!r}"
    return results[0]


@pytest.mark.parametrize(
    "query, reference",
    [
        ("Korea Mining Development Trading Corp.", "KPe.001"),
        ("Changgwang Sinyong Corp", "KPe.001"),
        ("Ri Won-ho", "KPi.033"),
        ("RI WON HO", "KPi.033"),
        ("Ri Wonho", "KPi.033"),
        ("Wonho Ri", "KPi.033"),
        ("리원호", "KPi.033"),
        ("ANSARALLAH", "YEe.001"),
        ("Ansar Allah", "YEe.001"),
        ("Al Shabab", "SOe.001"),
        ("Alshabaab", "SOe.001"),
        ("Ayman al-Zawahiri", "QDi.006"),
    ],
)
def test_must_pass_matches(matcher: Matcher, query: str, reference: str) -> None:
    best = top(matcher, query)
    assert (best.reference, best.match, best.band) == (reference, True, "match")
    assert best.score >= DEFAULT_THRESHOLD
    assert reference in best.explanation and "met" in best.explanation


def test_explanation_names_the_alias_and_method(matcher: Matcher) -> None:
    best = top(matcher, "Changgwang Sinyong Corp")
    assert best.name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert best.matched_name == "CHANGGWANG SINYONG CORPORATION"
    assert "a.k.a." in best.explanation and "exact" in best.explanation
    assert "transliteration from Hangul" in top(matcher, "리원호").explanation
    assert "token reorder" in top(matcher, "Won Ho Ri").explanation
    assert "transliteration" in top(matcher, "Mohammad Omar Haji").explanation


def test_to_dict_is_json_ready(matcher: Matcher) -> None:
    data = top(matcher, "Ri Won-ho").to_dict()
    assert set(data) == {
        "list", "reference", "name", "matched_name", "score", "match", "band", "regime",
        "listed_on", "explanation", "list_version",
    }  # fmt: skip
    assert data["list_version"] == "un:2026-05-08T23:00:06Z#1f1b3bfe"
    assert data["list"] == "un" and data["regime"] == "DPRK" and data["listed_on"] == "2016-11-30"
    json.dumps(data)


def test_secondary_evidence_raises_and_lowers(matcher: Matcher) -> None:
    plain = top(matcher, "Ri Won Hu")
    agreeing = top(matcher, "Ri Won Hu", date_of_birth="1964-07-17", nationality="KP")
    assert agreeing.reference == plain.reference == "KPi.033"
    assert agreeing.score > plain.score
    assert "date of birth agreed" in agreeing.explanation
    assert "nationality agreed" in agreeing.explanation
    conflicting = matcher.match("Ri Won Hu", date_of_birth="1980", nationality="France")
    assert not conflicting or conflicting[0].score < plain.score
    assert top(matcher, "Ri Won Ho", type="company").score < 1.0


def test_type_mismatch_lowers(matcher: Matcher) -> None:
    person = top(matcher, "Al Shabab", type="person")
    assert person.reference == "SOe.001" and person.score < 1.0
    assert "type conflicted" in person.explanation


def test_identifiers_are_near_certain(matcher: Matcher, un_new: ListSnapshot) -> None:
    holder = next(e for e in un_new.entries if e.imo_numbers)
    by_imo = top(matcher, "", imo=f"IMO {holder.imo_numbers[0]}")
    assert by_imo.reference == holder.reference and by_imo.score >= 0.99 and by_imo.match
    assert "IMO number" in by_imo.explanation
    by_passport = top(matcher, "Somebody Else", document="381310014")
    assert by_passport.reference == "KPi.033" and by_passport.score >= 0.99


def test_review_band_between_thresholds(matcher: Matcher) -> None:
    near = top(matcher, "Ri Won Hu")  # one syllable differs: a near miss for a human to see
    assert (near.reference, near.band, near.match) == ("KPi.033", "review", False)
    review = [m for m in matcher.match("Ri Won Hu", limit=10) if m.band == "review"]
    for m in review:
        assert DEFAULT_REVIEW_THRESHOLD <= m.score < DEFAULT_THRESHOLD and not m.match


def test_thresholds_are_arguments(un_new: ListSnapshot) -> None:
    strict = Matcher(un_new, threshold=0.999, review_threshold=0.5)
    best = strict.match("Al Shabab")[0]
    assert best.reference == "SOe.001"
    with pytest.raises(PartiesError):
        Matcher(un_new, threshold=0.5, review_threshold=0.9)


def test_low_quality_alias_alone_is_not_a_match(matcher: Matcher, un_new: ListSnapshot) -> None:
    entry, low = next(
        (e, n) for e in un_new.entries for n in e.names
        if n.is_low_quality and len(n.full.split()) >= 2 and n.full.isascii()
        and all(m.full.lower() != n.full.lower() for m in e.names if not m.is_low_quality)
    )  # fmt: skip
    hit = next(m for m in matcher.match(low.full, limit=10) if m.reference == entry.reference)
    assert not hit.match and hit.band == "review"
    assert "low-quality alias" in hit.explanation


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "\x00\x01\x02",
        "\u200b\u200b",
        "\U000f0000",
        "ᚠᚢᚦ ᚨᛚᛁ",
        "!!!",
        "123",
    ],
)
def test_bad_input_never_raises(matcher: Matcher, query: str) -> None:
    results = matcher.match(query)
    assert isinstance(results, list)
    assert all(0.0 <= m.score <= 1.0 for m in results)


def test_untransliterable_script_note_reaches_the_evidence(matcher: Matcher) -> None:
    hit = top(matcher, "Ri Won Ho \U00010d00")
    assert hit.reference == "KPi.033"
    assert hit.evidence["notes"] == ["could not transliterate: HANIFI"]


def test_non_string_name_is_empty(matcher: Matcher) -> None:
    assert matcher.match(None) == []  # type: ignore[arg-type]


def test_unrelated_names_do_not_match(matcher: Matcher) -> None:
    for name in ("John Smith", "Apple Inc", "Maria Garcia", "Deutsche Bank AG"):
        assert not [m for m in matcher.match(name) if m.match], name


def test_limit_and_order(matcher: Matcher) -> None:
    results = matcher.match("Mohammed", limit=3)
    assert len(results) <= 3
    assert [m.score for m in results] == sorted((m.score for m in results), reverse=True)


@pytest.mark.parametrize("query", ["Ministry of Defence", "the Ministry of National Defence"])
def test_an_office_every_state_has_reviews_and_never_confirms(matcher: Matcher, query: str) -> None:
    """The UN lists the DPRK's ministry as "MINISTRY OF DEFENCE" (KPe.054): a Somali invoice's
    "Ministry of Defence" must not confirm it (the name alone names any State's office)."""
    found = matcher.match(query)
    assert found and found[0].reference == "KPe.054"
    assert all(m.band != "match" for m in found)


def test_the_dprk_ministry_by_a_name_of_its_own_still_confirms(matcher: Matcher) -> None:
    [best, *_] = matcher.match("Ministry of the People's Armed Forces")
    assert (best.reference, best.band) == ("KPe.054", "match")
