"""The rule language's measure granularity: `implements:`, measure-qualified test designations,
the `vessel` predicate and `entry_measures` in regimes.yaml, on small trees (no lists)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from service.engine.facts import Listing, parse_designation
from service.ruletree import collect_tree, load_tree
from service.screening import Screener
from service.screening.parties import merge, name_forms
from service.yamlsource import Collector

RULES = """\
rules:
  - id: unsc.dprk.freeze
    title: Asset freeze
    regime: DPRK
    implements: [asset_freeze]
    citations:
      - {instrument: S/RES/1718 (2006), paragraph: "8(d)", url: "https://undocs.org/S/RES/1718(2006)", verified: true}
    in_force: {from: 2006-10-14}
    when: {party: {designated: DPRK}}
    outcome: prohibited
  - id: unsc.dprk.port
    title: Port entry
    regime: DPRK
    implements: [port_entry_ban]
    citations:
      - {instrument: S/RES/2371 (2017), paragraph: "6", url: "https://undocs.org/S/RES/2371(2017)", verified: false}
    in_force: {from: 2017-08-05}
    when: {vessel: {designated: DPRK}}
    outcome: prohibited
  - id: unsc.dprk.any
    title: Any listing
    regime: DPRK
    citations:
      - {instrument: S/RES/1718 (2006), paragraph: "8(d)", url: "https://undocs.org/S/RES/1718(2006)", verified: true}
    in_force: {from: 2006-10-14}
    when: {all: [{party: {designated: DPRK}}, {type: [employment]}]}
    outcome: review
"""


def problems(rule_tree, text: str, regimes_extra: str = "") -> list[tuple[str, str]]:
    root = rule_tree({"un/dprk/x.yaml": text})
    if regimes_extra:
        path = root / "regimes.yaml"
        path.write_text(path.read_text() + regimes_extra)
    collector = Collector()
    collect_tree([root], collector)
    return [(p.code, p.message) for p in collector.problems if p.severity == "error"]


def test_the_rules_parse(rule_tree) -> None:
    assert problems(rule_tree, RULES) == []


def test_an_unknown_measure_kind_is_refused_with_the_allowed_ones(rule_tree) -> None:
    found = problems(rule_tree, RULES.replace("[asset_freeze]", "[asset_freez]"))
    assert [c for c, _ in found] == ["R204"] and "port_entry_ban" in found[0][1]


def test_the_vessel_predicate_needs_a_known_regime(rule_tree) -> None:
    found = problems(
        rule_tree, RULES.replace("vessel: {designated: DPRK}", "vessel: {designated: KOREA}")
    )
    assert [c for c, _ in found] == ["R209"]
    found = problems(rule_tree, RULES.replace("vessel: {designated: DPRK}", "vessel: {flag: KP}"))
    assert {c for c, _ in found} >= {"R200"}


def test_a_test_designation_names_known_measures(rule_tree) -> None:
    test = """\
tests:
  - name: t
    designated: {0: [DPRK/port_entry_bann]}
    transaction: {date: 2020-01-01, type: financial, parties: [{role: beneficiary, name: X}]}
    expect: {rules: [unsc.dprk.freeze]}
"""
    root = rule_tree({"un/dprk/x.yaml": RULES, "un/dprk/x.tests.yaml": test})
    collector = Collector()
    collect_tree([root], collector)
    assert [p.code for p in collector.problems if p.severity == "error"] == ["R204"]


def test_entry_measures_are_checked(rule_tree) -> None:
    good = """
entry_measures:
  - {list: un, reference: KPe.999, regime: DPRK, measures: [port_entry_ban],
     citation: {instrument: S/RES/2371 (2017), paragraph: "6", url: "https://undocs.org/S/RES/2371(2017)", verified: false}}
"""
    assert problems(rule_tree, RULES, good) == []
    assert [
        c for c, _ in problems(rule_tree, RULES, good.replace("regime: DPRK", "regime: NOPE"))
    ] == ["R209"]
    assert [
        c for c, _ in problems(rule_tree, RULES, good.replace("[port_entry_ban]", "[ban]"))
    ] == ["R204"]
    twice = good + good.replace("entry_measures:\n", "")
    assert [c for c, _ in problems(rule_tree, RULES, twice)] == ["R205"]
    assert [c for c, _ in problems(rule_tree, RULES, good.replace("regime: DPRK, ", ""))] == [
        "R201"
    ]


def _decide(
    root: Path, designated: dict[int, tuple[str, ...]], tx_type: str = "financial"
) -> set[str]:
    screener = Screener.from_tree(load_tree(root))
    parties = [{"role": "beneficiary", "name": "Hull", "type": "vessel"}]
    decision = screener.screen(
        {"date": "2024-01-01", "type": tx_type, "parties": parties, "description": "payment"},
        designated=designated,
    )
    return {
        f.rule.id if hasattr(f.rule, "id") else f.rule
        for f in decision.findings
        if f.outcome != "clear"
    }


def test_a_listing_meets_only_the_rules_implementing_its_measures(rule_tree) -> None:
    root = rule_tree({"un/dprk/x.yaml": RULES})
    assert _decide(root, {0: ("DPRK",)}) == {"unsc.dprk.freeze", "unsc.dprk.port"}
    assert _decide(root, {0: ("DPRK/asset_freeze",)}) == {"unsc.dprk.freeze"}
    assert _decide(root, {0: ("DPRK/port_entry_ban",)}) == {"unsc.dprk.port"}
    # a rule that does not say what it implements is met by every listing (fail closed)
    assert "unsc.dprk.any" in _decide(root, {0: ("DPRK/port_entry_ban",)}, "employment")
    # a limited listing no rule meets is reviewed
    assert _decide(root, {0: ("DPRK/travel_ban",)}) == {"screening.parties.other_measures"}


def test_listing_dates_and_measures() -> None:
    day = dt.date(2020, 1, 1)
    assert Listing(dt.date(2020, 1, 2)).applies(day, frozenset()) is False
    assert (
        Listing(day, frozenset({"arms_embargo"})).applies(day, frozenset({"asset_freeze"})) is False
    )
    assert Listing(day, frozenset({"arms_embargo"})).applies(day, frozenset()) is True
    assert Listing(day).applies(day, frozenset({"asset_freeze"})) is True
    assert parse_designation("DPRK/port_entry_ban+deregistration") == (
        "DPRK", Listing(None, frozenset({"port_entry_ban", "deregistration"}))
    )  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            Listing(dt.date(2020, 1, 1), frozenset({"x"})),
            Listing(dt.date(2019, 1, 1)),
            Listing(dt.date(2019, 1, 1)),
        ),
        (
            Listing(None, frozenset({"x"})),
            Listing(None, frozenset({"y"})),
            Listing(None, frozenset({"x", "y"})),
        ),
    ],
)
def test_two_matches_under_one_regime_merge(a: Listing, b: Listing, expected: Listing) -> None:
    assert merge(a, b) == expected and merge(None, a) == a


def test_name_forms() -> None:
    assert name_forms("Ansar Allah [the Houthis]") == [
        "Ansar Allah [the Houthis]",
        "Ansar Allah",
        "the Houthis",
    ]
    assert name_forms("(Ansarallah)") == ["(Ansarallah)", "Ansarallah"]
    assert name_forms("Acme Trading (UK)") == ["Acme Trading (UK)", "Acme Trading"]
    assert len(name_forms("Acme (Bravo) (Charlie) (Delta) (Echo)")) == 4
