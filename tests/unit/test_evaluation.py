"""The condition language evaluated through the real screener on small inline rule trees."""

from __future__ import annotations

import pytest

from service.screening import Screener

HEAD = """\
rules:
  - id: unsc.test.rule
    title: Test rule
    regime: DPRK
    citations: [{instrument: S/RES/1718 (2006), paragraph: "8", url: "https://undocs.org/S/RES/1718(2006)", verified: true}]
    in_force: {from: 2006-10-14, until: 2017-12-31}
    outcome: prohibited
"""


def screener(rule_tree, when: str, extra: str = "") -> Screener:
    return Screener.from_paths(rule_tree({"un/t.yaml": HEAD + f"    when: {when}\n" + extra}))


def outcome(s: Screener, **tx) -> str:
    tx.setdefault("date", "2010-01-01")
    tx.setdefault("goods", [{"description": "rifle"}])
    return s.screen(tx).outcome


@pytest.mark.parametrize(
    ("when", "tx", "expected"),
    [
        ("{to: KP}", {"route": {"destination": "KP"}}, "prohibited"),
        ("{to: KP}", {"route": {"origin": "KP"}}, "clear"),
        ("{to: KP}", {"parties": [{"role": "consignee", "country": "North Korea"}]}, "prohibited"),
        ("{to: KP}", {"parties": [{"role": "seller", "country": "KP"}]}, "clear"),
        ("{from: KP}", {"parties": [{"role": "exporter", "country": "KP"}]}, "prohibited"),
        ("{from: KP}", {"goods": [{"description": "rifle", "origin": "KP"}]}, "prohibited"),
        (
            "{through: KP}",
            {"route": {"origin": "CN", "destination": "RU", "transit": ["KP"]}},
            "prohibited",
        ),
        (
            "{party: {category: military, country: LY}}",
            {"parties": [{"category": "military", "country": "LY"}]},
            "prohibited",
        ),
        (
            "{party: {category: military, country: LY}}",
            {"parties": [{"category": "military", "country": "EG"}, {"country": "LY"}]},
            "clear",
        ),
        ("{vessel_flag: KP}", {"route": {"vessel": {"name": "X", "flag": "KP"}}}, "prohibited"),
        (
            "{vessel_flag: KP}",
            {"parties": [{"type": "vessel", "name": "X", "country": "KP"}]},
            "prohibited",
        ),
        ("{ship_to_ship: true}", {"route": {"ship_to_ship": True}}, "prohibited"),
        ("{ship_to_ship: true}", {"route": {"ship_to_ship": False}}, "clear"),
        ("{type: [financial]}", {"type": "financial"}, "prohibited"),
        ("{purpose: humanitarian}", {"purposes": ["humanitarian"]}, "prohibited"),
        ("{goods: {category: [arms]}}", {"goods": [{"description": "toy gun"}]}, "clear"),
        ("{goods: {category: [arms], except: [arms.small_arms]}}", {}, "clear"),
        ("{goods: {hs: ['2710']}}", {"goods": [{"description": "diesel"}]}, "prohibited"),
        ("{not: {to: KP}}", {"route": {"destination": "FR"}}, "prohibited"),
        ("{any: [{to: KP}, {from: KP}]}", {"route": {"origin": "KP"}}, "prohibited"),
        ("{all: [{to: KP}, {from: KP}]}", {"route": {"origin": "KP"}}, "clear"),
        (
            "{authorization: {type: committee_approval, regime: DPRK}}",
            {"authorizations": [{"type": "committee_approval", "regime": "DPRK"}]},
            "prohibited",
        ),
        (
            "{authorization: {type: committee_approval, regime: DPRK}}",
            {"authorizations": [{"type": "committee_approval", "regime": "LIBYA"}]},
            "clear",
        ),
    ],
)
def test_predicates(rule_tree, when: str, tx: dict, expected: str) -> None:
    assert outcome(screener(rule_tree, when), **tx) == expected


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [(100, "bbl", "clear"), (101, "barrels", "prohibited"), (15_898, "litres", "clear"),
     (15_900, "l", "prohibited"), (16, "m3", "prohibited"), (5, "t", "prohibited"), (None, None, "prohibited")],
)  # fmt: skip
def test_quantity_threshold_converts_units(rule_tree, quantity, unit, expected: str) -> None:
    s = screener(rule_tree, "{goods: {category: [petroleum], quantity: {gt: 100, unit: bbl}}}")
    line = {"description": "diesel", "quantity": quantity, "unit": unit}
    # tonnes cannot be converted to barrels and, like a missing quantity, count as meeting it
    assert outcome(s, goods=[{k: v for k, v in line.items() if v is not None}]) == expected


def test_unknown_quantity_can_be_required(rule_tree) -> None:
    s = screener(
        rule_tree,
        "{goods: {category: [petroleum], quantity: {gt: 100, unit: bbl, if_unknown: false}}}",
    )
    assert outcome(s, goods=[{"description": "diesel", "quantity": 5, "unit": "t"}]) == "clear"


def test_value_threshold_same_currency_only(rule_tree) -> None:
    s = screener(rule_tree, "{goods: {category: [arms], value: {gt: 2000, currency: USD}}}")
    assert (
        outcome(s, goods=[{"description": "rifle", "value": {"amount": 1999, "currency": "USD"}}])
        == "clear"
    )
    assert (
        outcome(s, goods=[{"description": "rifle", "value": {"amount": 2001, "currency": "USD"}}])
        == "prohibited"
    )
    assert (
        outcome(s, goods=[{"description": "rifle", "value": {"amount": 10, "currency": "EUR"}}])
        == "prohibited"
    )


def test_dates_in_force_are_inclusive(rule_tree) -> None:
    s = screener(rule_tree, "{to: KP}")
    route = {"destination": "KP"}
    assert [outcome(s, date=d, route=route) for d in ("2006-10-13", "2006-10-14", "2017-12-31", "2018-01-01")] == [
        "clear", "prohibited", "prohibited", "clear",
    ]  # fmt: skip


def test_unverified_renewal_gives_review_after_expiry(rule_tree) -> None:
    text = HEAD.replace("until: 2017-12-31}", "until: 2017-12-31, after_until: renewal_unverified}")
    s = Screener.from_paths(rule_tree({"un/t.yaml": text + "    when: {to: KP}\n"}))
    decision = s.screen(
        {"date": "2018-01-01", "goods": [{"description": "rifle"}], "route": {"destination": "KP"}}
    )
    assert decision.outcome == "review"
    assert "renewal" in decision.findings[0].to_dict()["notes"][0]


def test_conditional_needs_every_condition(rule_tree) -> None:
    extra = (
        "    conditions:\n"
        "      - {type: within_cap, description: within the cap}\n"
        "      - {type: committee_notification, description: notified}\n"
    )
    s = Screener.from_paths(
        rule_tree(
            {
                "un/t.yaml": (HEAD + "    when: {to: KP}\n" + extra).replace(
                    "outcome: prohibited", "outcome: conditional"
                )
            }
        )
    )
    base = {
        "date": "2010-01-01",
        "goods": [{"description": "diesel"}],
        "route": {"destination": "KP"},
    }
    assert s.screen(base).outcome == "conditional"
    one = {**base, "authorizations": [{"type": "within_cap"}]}
    assert s.screen(one).outcome == "conditional"
    both = {
        **base,
        "authorizations": [
            {"type": "within_cap"},
            {"type": "committee_notification", "regime": "DPRK", "reference": "N-1"},
        ],
    }
    decision = s.screen(both)
    assert decision.outcome == "clear"
    assert "conditions satisfied by" in decision.findings[0].to_dict()["notes"][0]


def test_exemption_clears_with_a_note(rule_tree) -> None:
    extra = "    exemptions:\n      - {description: humanitarian, when: {purpose: humanitarian}}\n"
    s = screener(rule_tree, "{to: KP}", extra)
    decision = s.screen(
        {
            "date": "2010-01-01",
            "goods": [{"description": "rice"}],
            "route": {"destination": "KP"},
            "purposes": ["humanitarian"],
        }
    )
    assert decision.outcome == "clear" and decision.findings[0].to_dict()["notes"] == [
        "exempt: humanitarian"
    ]


def test_designated_party_from_its_listing_date(rule_tree) -> None:
    s = screener(rule_tree, "{party: {designated: DPRK}}")
    tx = {"date": "2010-01-01", "goods": [{"description": "rice"}], "parties": [{"name": "X"}]}
    assert s.screen(tx, designated={0: ("DPRK",)}).outcome == "prohibited"
    assert s.screen(tx).outcome == "clear"


def test_unclassified_goods_touching_a_target_need_review(rule_tree) -> None:
    s = screener(rule_tree, "{goods: {category: [arms]}, to: KP}")
    tx = {
        "date": "2010-01-01",
        "goods": [{"description": "assorted items"}],
        "route": {"destination": "KP"},
    }
    decision = s.screen(tx)
    assert decision.outcome == "review"
    assert decision.findings[0].to_dict()["rule"] == "screening.goods.unclassified"
    assert s.screen({**tx, "route": {"destination": "FR"}}).outcome == "clear"


def test_hs_conflict_needs_review_on_a_sanctioned_route(rule_tree) -> None:
    s = screener(rule_tree, "{goods: {category: [petroleum]}, to: KP}")
    tx = {
        "date": "2010-01-01",
        "goods": [{"description": "AK-47 rifles", "hs_code": "950300"}],
        "route": {"destination": "KP"},
    }
    decision = s.screen(tx).to_dict()
    assert decision["outcome"] == "review"
    assert "HS 950300 declares toys" in decision["goods"][0]["conflict"]


def test_decision_shape_and_versions(rule_tree) -> None:
    s = screener(rule_tree, "{to: KP}")
    d = s.screen(
        {
            "date": "2010-01-01",
            "reference": "R-1",
            "goods": [{"description": "rifle"}],
            "route": {"destination": "KP"},
        }
    ).to_dict()
    assert list(d) == ["outcome", "as_of", "reference", "findings", "goods", "parties", "versions"]
    assert d["versions"]["rules"].startswith("sha256:") and d["versions"]["engine"]
    f = d["findings"][0]
    assert f["citations"][0] == {
        "instrument": "S/RES/1718 (2006)",
        "paragraph": "8",
        "url": "https://undocs.org/S/RES/1718(2006)",
        "verified": True,
    }
    assert f["evidence"] == {"goods": [], "parties": []} and f["explanation"] == "destination KP"
