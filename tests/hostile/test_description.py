"""Descriptions: "La Corée du Nord vend des obus d'artillerie à la Russie" was clear, with no
goods classified and no country found. Text that is not understood is not clear."""

from __future__ import annotations

FRENCH = "La Corée du Nord vend des obus d'artillerie à la Russie"


def test_the_french_sentence_is_not_clear_and_says_what_it_saw(client, auth) -> None:
    r = client.post(
        "/v1/screenings", json={"description": FRENCH, "date": "2024-01-01"}, headers=auth()
    )
    decision = r.get_json()
    assert r.status_code == 200 and decision["outcome"] != "clear"
    fields = {
        f["field"]: f["value"] for f in decision["interpretation"]["transactions"][0]["fields"]
    }
    assert fields["route.origin"] == "KP" and fields["route.destination"] == "RU"
    assert decision["goods"][0]["categories"] == ["arms.ammunition.artillery"]


def test_a_description_nothing_recognised_in_is_review(screener) -> None:
    decision = screener.screen({"description": "as agreed on the phone", "date": "2024-01-01"})
    assert decision.outcome == "review"


def test_goods_named_in_the_description_are_screened_like_a_goods_line(screener) -> None:
    tx = {"date": "2024-01-01", "description": "rifles for the militia", "goods": [{"description": "rice"}],
          "route": {"origin": "DE", "destination": "LY"}}  # fmt: skip
    decision = screener.screen(tx)
    assert decision.outcome == "prohibited" and "unsc.libya.arms.supply" in decision.rule_ids


def test_a_sanctioned_place_in_the_description_outside_the_route_is_review(screener) -> None:
    tx = {"date": "2024-01-01", "description": "final destination Pyongyang, North Korea",
          "goods": [{"description": "rice"}], "route": {"origin": "DE", "destination": "FR"}}  # fmt: skip
    decision = screener.screen(tx)
    assert decision.outcome == "review"
    assert "screening.text.mismatch" in decision.rule_ids
