"""Listings for some measures only, end to end through the screener with the bundled lists:
the Houthis (UN YEe.001, 2624 (2022) op. 5: the arms embargo of 2216 op. 14 only) and the
vessels the 1718 Committee designated (un-vessels, screened by IMO number first)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine.errors import RuleSetError
from service.parties.lists import bundled_un_bytes
from service.parties.lists.un_vessels import bundled_un_vessels_bytes
from service.ruletree import load_tree
from service.screening import Screener, build_screener
from service.screening.lists import StoredList, read_version
from service.screening.parties import name_forms

HOUTHIS = "Houthis (Ansarallah)"


@pytest.fixture(scope="module")
def screener() -> Screener:
    tree = load_tree()
    lists = [
        StoredList(None, read_version(bundled_un_bytes(), "un-xml", tree)),
        StoredList(None, read_version(bundled_un_vessels_bytes(), "un-vessels-yaml", tree)),
    ]
    return build_screener(tree=tree, lists=lists)


def _rules(decision: dict, outcome: str | None = None) -> set[str]:
    return {
        f["rule"]
        for f in decision["findings"]
        if f["outcome"] != "clear" and (outcome is None or f["outcome"] == outcome)
    }


def rifles(name: str) -> dict:
    return {
        "date": "2024-05-10",
        "type": "goods",
        "parties": [
            {"role": "consignee", "name": name, "type": "organization", "country": "YE"},
            {
                "role": "seller",
                "name": "Balkan Arms Trading",
                "type": "organization",
                "country": "BG",
            },
        ],
        "goods": [
            {
                "description": "assault rifles",
                "hs_code": "930190",
                "quantity": 200,
                "unit": "pieces",
            }
        ],
        "route": {"origin": "BG", "destination": "YE"},
    }


def payment(name: str) -> dict:
    return {
        "date": "2024-05-10",
        "type": "financial",
        "description": "transfer of funds",
        "parties": [
            {"role": "beneficiary", "name": name, "type": "organization", "country": "YE"},
            {"role": "payer", "name": "Gulf Trading LLC", "type": "organization", "country": "AE"},
        ],
    }


def test_a_bracketed_alias_is_screened_as_a_name_of_its_own(screener: Screener) -> None:
    assert name_forms(HOUTHIS) == [HOUTHIS, "Houthis", "Ansarallah"]
    decision = screener.screen(payment(HOUTHIS)).to_dict()
    [best] = decision["parties"][0]["matches"][:1]
    assert best["reference"] == "YEe.001" and best["match"] is True


def test_rifles_to_the_houthis_are_prohibited_citing_2216_op_14(screener: Screener) -> None:
    decision = screener.screen(rifles(HOUTHIS)).to_dict()
    assert decision["outcome"] == "prohibited"
    arms = next(f for f in decision["findings"] if f["rule"] == "unsc.yemen.arms.designated")
    assert arms["outcome"] == "prohibited"
    assert {"instrument": "S/RES/2216 (2015)", "paragraph": "14"}.items() <= arms["citations"][
        0
    ].items()
    # the explanation says what the listing is for, and on what basis
    assert (
        "arms_embargo" in arms["explanation"] and "S/RES/2624 (2022) op. 5" in arms["explanation"]
    )
    assert "unsc.yemen.asset_freeze" not in _rules(decision)


def test_a_payment_to_the_houthis_is_not_an_asset_freeze_matter_but_is_reviewed(
    screener: Screener,
) -> None:
    decision = screener.screen(payment(HOUTHIS)).to_dict()
    assert decision["outcome"] == "review"
    assert not {"unsc.yemen.asset_freeze", "unsc.yemen.asset_freeze.pre_2664"} & _rules(decision)
    [other] = [f for f in decision["findings"] if f["rule"] == "screening.parties.other_measures"]
    assert "YEe.001" in other["explanation"] and "arms_embargo only" in other["explanation"]
    assert decision["parties"][0]["matches"][0]["reference"] == "YEe.001"


def test_a_person_listed_for_every_yemen_measure_still_meets_the_freeze(screener: Screener) -> None:
    tx = payment("Abdullah Yahya Al Hakim")
    tx["parties"][0] |= {"type": "person"}
    decision = screener.screen(tx).to_dict()
    assert "unsc.yemen.asset_freeze" in _rules(decision, "prohibited")
    assert "screening.parties.other_measures" not in _rules(decision)


def shipment(vessel: dict, date: str = "2024-04-02") -> dict:
    return {
        "date": date,
        "type": "goods",
        "parties": [
            {"role": "buyer", "name": "Harbour Foods Pte", "type": "organization", "country": "SG"},
            {"role": "seller", "name": "Siam Sugar Co", "type": "organization", "country": "TH"},
        ],
        "goods": [{"description": "refined sugar", "hs_code": "170199"}],
        "route": {"origin": "TH", "destination": "SG", "vessel": vessel},
    }


def test_a_dprk_tanker_known_only_by_its_imo_number_is_designated(screener: Screener) -> None:
    # AN SAN 1, IMO 7303803: 1718 Committee designation of 2018-03-30, asset freeze (2321 op.
    # 12(d)) and port-entry ban (service/parties/data/un-vessels.yaml)
    decision = screener.screen(shipment({"imo": "7303803"})).to_dict()
    assert decision["outcome"] == "prohibited"
    assert {"unsc.dprk.vessels.port_entry", "unsc.dprk.vessels.asset_freeze"} <= _rules(
        decision, "prohibited"
    )
    port = next(f for f in decision["findings"] if f["rule"] == "unsc.dprk.vessels.port_entry")
    assert "1718 Committee designation of 2018-03-30" in port["explanation"]
    assert "2321 (2016) op. 12(d)" in port["explanation"]
    [vessel] = [p for p in decision["parties"] if p["index"] == "route.vessel"]
    assert "UNV-7303803" in {m["reference"] for m in vessel["matches"]}


def test_before_its_designation_the_tanker_is_not_designated(screener: Screener) -> None:
    decision = screener.screen(shipment({"imo": "7303803"}, "2018-03-29")).to_dict()
    assert not {"unsc.dprk.vessels.port_entry", "unsc.dprk.vessels.asset_freeze"} & _rules(decision)


def test_a_vessel_listed_for_the_port_entry_ban_only_is_not_frozen(screener: Screener) -> None:
    # BILLIONS NO. 18, IMO 9191773: port-entry ban only (1718 Committee, 2017-12-28)
    decision = screener.screen(shipment({"imo": "9191773"})).to_dict()
    assert "unsc.dprk.vessels.port_entry" in _rules(decision, "prohibited")
    assert "unsc.dprk.vessels.asset_freeze" not in _rules(decision)


def test_a_similar_name_with_another_imo_number_is_not_designated(screener: Screener) -> None:
    decision = screener.screen(shipment({"name": "AN SAN 1", "imo": "9876543"})).to_dict()
    assert decision["outcome"] == "review"
    assert not any(r.startswith("unsc.dprk.vessels") for r in _rules(decision))
    assert "screening.parties.possible_match" in _rules(decision)


def test_a_vessel_party_given_another_imo_number_is_not_designated_by_its_name(
    screener: Screener,
) -> None:
    tx = payment("AN SAN 1") | {"parties": [
        {"role": "beneficiary", "name": "AN SAN 1", "type": "vessel", "imo": "9876543"},
        {"role": "payer", "name": "Gulf Trading LLC", "type": "organization", "country": "AE"},
    ]}  # fmt: skip
    decision = screener.screen(tx).to_dict()
    assert decision["outcome"] == "review"
    assert not any(r.startswith("unsc.dprk") for r in _rules(decision))


def test_a_vessel_party_with_its_imo_number_is_designated(screener: Screener) -> None:
    tx = payment("x") | {"parties": [
        {"role": "beneficiary", "name": "Unknown Hull", "type": "vessel", "imo": "IMO 7303803"},
        {"role": "payer", "name": "Gulf Trading LLC", "type": "organization", "country": "AE"},
    ]}  # fmt: skip
    decision = screener.screen(tx).to_dict()
    assert decision["outcome"] == "prohibited"
    assert {"unsc.dprk.vessels.asset_freeze", "unsc.dprk.asset_freeze.from_2664"} <= _rules(
        decision
    )


def test_entry_measures_are_checked_when_the_tree_loads(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "rules"
    shutil.copytree(load_tree().root, root)
    regimes = root / "regimes.yaml"
    text = regimes.read_text().replace("measures: [arms_embargo]", "measures: [arms_embrago]")
    regimes.write_text(text)
    with pytest.raises(RuleSetError) as err:
        load_tree(root)
    assert any("arms_embrago" in p.message for p in err.value.problems)
