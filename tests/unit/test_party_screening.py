"""Party screening inside decisions: the bundled UN list, the real rules, no mocks."""

from __future__ import annotations

import pytest

from service.parties.lists import load_bundled_un_vessels
from service.screening import Screener, build_screener


@pytest.fixture(scope="module")
def screener() -> Screener:
    return build_screener()


def pay(name: str, date: str = "2024-03-01", **extra) -> dict:
    return {
        "date": date,
        "type": "financial",
        "description": "payment for services",
        "parties": [{"role": "beneficiary", "name": name, "type": "organization", **extra}],
    }


def test_paying_a_listed_entity_is_prohibited_with_the_freeze_citation(screener: Screener) -> None:
    decision = screener.screen(pay("Korea Mining Development Trading Corp.")).to_dict()
    assert decision["outcome"] == "prohibited"
    freeze = next(f for f in decision["findings"] if f["rule"].startswith("unsc.dprk.asset_freeze"))
    assert freeze["outcome"] == "prohibited"
    assert {"instrument": "S/RES/1718 (2006)", "paragraph": "8(d)"}.items() <= freeze["citations"][
        0
    ].items()
    [match] = decision["parties"][0]["matches"][:1]
    assert match["reference"] == "KPe.001" and match["match"] is True and match["explanation"]
    # every deployment screens the bundled UN list and the bundled UN-designated vessels
    vessels = load_bundled_un_vessels().version
    assert decision["versions"]["list"] == f"un:2026-05-08T23:00:06Z#1f1b3bfe {vessels}"


def test_before_the_listing_date_the_freeze_does_not_apply(screener: Screener) -> None:
    # KOMID was listed on 2009-04-24: a payment the year before is not caught, the match is shown
    decision = screener.screen(
        pay("Korea Mining Development Trading Corporation", "2008-06-01")
    ).to_dict()
    assert "unsc.dprk.asset_freeze" not in {
        f["rule"] for f in decision["findings"] if f["outcome"] != "clear"
    }
    assert decision["parties"][0]["matches"][0]["reference"] == "KPe.001"


def test_other_regimes_lists(screener: Screener) -> None:
    yemen = screener.screen(pay("Abdullah Yahya Al Hakim", type="person")).to_dict()
    assert "unsc.yemen.asset_freeze" in {
        f["rule"] for f in yemen["findings"] if f["outcome"] == "prohibited"
    }
    somalia = screener.screen(pay("Al Shabab")).to_dict()
    assert any(
        f["rule"].startswith("unsc.somalia.asset_freeze") and f["outcome"] == "prohibited"
        for f in somalia["findings"]
    )


def test_humanitarian_carve_out_applies_to_the_freeze_only(screener: Screener) -> None:
    tx = pay("Korea Mining Development Trading Corporation") | {"purposes": ["humanitarian"]}
    decision = screener.screen(tx).to_dict()
    freeze = [f for f in decision["findings"] if f["rule"].startswith("unsc.dprk.asset_freeze")]
    assert freeze and all(f["outcome"] == "clear" for f in freeze)


def test_an_unrelated_name_is_clear(screener: Screener) -> None:
    decision = screener.screen(pay("Siemens Healthineers AG")).to_dict()
    assert decision["outcome"] == "clear" and decision["parties"][0]["matches"] == []


# "Assoc" now meets "Associated" as a cut word, so the first two are matches; "Grean Pines"
# (a typo and the legal words left out) stays a possible match.
PROBES = ["Green Pines Assoc", "Green Pine Assoc", "Grean Pines", "Kore Minin Developmnt Co",
          "Tanchon Comercial"]  # fmt: skip


def test_a_possible_match_needs_review(screener: Screener) -> None:
    matcher = screener.parties.matchers[0]  # type: ignore[union-attr]
    in_band = [
        n for n in PROBES if (m := matcher.match(n)) and m[0].band == "review" and not m[0].match
    ]
    assert in_band, "none of the probe spellings falls in the review band any more"
    decision = screener.screen(pay(in_band[0])).to_dict()
    assert decision["outcome"] == "review"
    [finding] = [f for f in decision["findings"] if f["rule"] == "screening.parties.possible_match"]
    assert in_band[0] in finding["explanation"]


def test_bad_names_are_answered_with_notes_and_never_clear(screener: Screener) -> None:
    tx = {
        "date": "2024-01-01",
        "goods": [{"description": "coffee"}],
        "parties": [{"name": "😀😀"}, {"name": "\x00\x07"}],
    }
    decision = screener.screen(tx).to_dict()
    block = {entry["index"]: entry for entry in decision["parties"]}
    assert "could be matched" in block[0]["notes"][0]
    unscreenable = [
        f for f in decision["findings"] if f["rule"] == "screening.parties.unscreenable"
    ]
    assert [f["outcome"] for f in unscreenable] == ["review", "review"]
    assert decision["outcome"] == "review"


def _office_decision(screener: Screener, route: dict, party: dict) -> dict:
    tx = {"date": "2025-06-01", "goods": [{"description": "pick-up trucks"}], "route": route,
          "parties": [{"role": "buyer", "name": "Ministry of Defence", **party}]}  # fmt: skip
    return screener.screen(tx).to_dict()


def test_an_office_name_of_another_state_is_set_aside_with_a_note(screener: Screener) -> None:
    """tune12 t12-029: a Somali contract's "Ministry of Defence" met the DPRK's ministry
    (KPe.054, listed under that a.k.a.) and Iranian bodies: another State's office."""
    d = _office_decision(screener, {"destination": "SO"}, {"country": "SO"})
    [block] = d["parties"]
    assert block["matches"] == []
    assert "KPe.054" in " ".join(block["notes"])
    assert "screening.parties.possible_match" not in {f["rule"] for f in d["findings"]}


def test_an_office_name_in_its_regimes_country_stays_and_one_with_no_country_reviews(
    screener: Screener,
) -> None:
    d = _office_decision(screener, {"destination": "KP"}, {})
    assert [m["reference"] for m in d["parties"][0]["matches"]] == ["KPe.054"]
    assert d["outcome"] == "prohibited"
    nowhere = screener.screen({"date": "2025-06-01", "goods": [{"description": "rice"}],
                                      "parties": [{"role": "buyer", "name": "Ministry of Defence"}]})  # fmt: skip
    assert nowhere.outcome == "review"
