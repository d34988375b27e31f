"""Mandate chains in regimes.yaml: rules that end with their regime's mandate, renewals as data."""

from __future__ import annotations

import datetime as dt

from service.authoring.lint import lint
from service.ruletree import load_tree
from service.screening import Screener

REGIMES = """\
regimes:
  - {code: LIBYA, name: Libya, committee: "1970 Committee", targets: [LY]}
  - {code: DPRK, name: DPRK, committee: "1718 Committee", targets: [KP]}
mandates:
  LIBYA:
    chain:
      - {resolution: "S/RES/100 (2020)", adopted: 2020-01-10, expires: 2021-01-31, paragraph: "1", url: "https://undocs.org/S/RES/100(2020)", verified: true}
      - {resolution: "S/RES/200 (2021)", adopted: 2021-01-20, expires: 2022-01-31, paragraph: "not seen", url: "https://undocs.org/S/RES/200(2021)", verified: false}
"""

RULE = """\
rules:
  - id: unsc.libya.arms
    title: Arms to Libya
    regime: LIBYA
    citations:
      - {instrument: S/RES/1970 (2011), paragraph: "9", url: "https://undocs.org/S/RES/1970(2011)", verified: true}
    in_force: {from: 2020-01-10, until: mandate}
    when: {all: [{to: LY}, {goods: {category: [arms]}}]}
    outcome: prohibited
"""

RIFLES = {"goods": [{"description": "rifles"}], "route": {"destination": "LY"}}


def decide(root, day: str):
    return Screener.from_tree(load_tree(root)).screen({**RIFLES, "date": day})


def test_a_rule_ends_with_the_latest_expiry_of_its_chain(rule_tree) -> None:
    root = rule_tree({"regimes.yaml": REGIMES, "un/libya/arms.yaml": RULE})
    rule = load_tree(root).ruleset.rule("unsc.libya.arms")
    assert rule is not None
    assert rule.in_force.until == dt.date(2022, 1, 31)
    assert rule.in_force.after_until == "renewal_unverified"
    assert rule.in_force.mandate == "LIBYA"


def test_a_finding_cites_the_renewal_in_force_on_its_date(rule_tree) -> None:
    root = rule_tree({"regimes.yaml": REGIMES, "un/libya/arms.yaml": RULE})
    early = decide(root, "2020-06-01").to_dict()["findings"][0]["citations"]
    late = decide(root, "2021-06-01").to_dict()["findings"][0]["citations"]
    assert [c["instrument"] for c in early] == ["S/RES/1970 (2011)", "S/RES/100 (2020)"]
    assert [c["instrument"] for c in late] == ["S/RES/1970 (2011)", "S/RES/200 (2021)"]
    assert late[1]["verified"] is False and "2022-01-31" in late[1]["paragraph"]


def test_after_the_last_expiry_the_rule_gives_review(rule_tree) -> None:
    root = rule_tree({"regimes.yaml": REGIMES, "un/libya/arms.yaml": RULE})
    assert decide(root, "2022-01-31").outcome == "prohibited"
    after = decide(root, "2022-02-01")
    assert after.outcome == "review"
    assert "no renewal is recorded" in after.to_dict()["findings"][0]["notes"][0]


def test_a_renewal_is_one_line_of_data(rule_tree) -> None:
    renewed = REGIMES + (
        '      - {resolution: "S/RES/300 (2022)", adopted: 2022-01-25, expires: 2023-01-31, '
        'paragraph: "1", url: "https://undocs.org/S/RES/300(2022)", verified: true}\n'
    )
    root = rule_tree({"regimes.yaml": renewed, "un/libya/arms.yaml": RULE})
    assert decide(root, "2022-02-01").outcome == "prohibited"


def test_a_terminated_mandate_lapses(rule_tree) -> None:
    ended = REGIMES.replace("  LIBYA:\n", "  LIBYA:\n    after_expiry: lapsed\n")
    root = rule_tree({"regimes.yaml": ended, "un/libya/arms.yaml": RULE})
    assert decide(root, "2022-02-01").outcome == "clear"


def test_lint_warns_once_per_expired_mandate(rule_tree) -> None:
    root = rule_tree({"regimes.yaml": REGIMES, "un/libya/arms.yaml": RULE})
    _, problems = lint([root], coverage=False, today=dt.date(2022, 3, 1))
    found = [p for p in problems if p.code == "W301"]
    assert len(found) == 1 and found[0].location.file.endswith("regimes.yaml")
    assert "unsc.libya.arms" in found[0].message and "S/RES/200 (2021)" in found[0].message
    _, before = lint([root], coverage=False, today=dt.date(2022, 1, 31))
    assert not [p for p in before if p.code == "W301"]


def test_lint_warns_of_a_gap_in_a_chain(rule_tree) -> None:
    gap = REGIMES.replace("adopted: 2021-01-20", "adopted: 2021-03-01")
    root = rule_tree({"regimes.yaml": gap, "un/libya/arms.yaml": RULE})
    _, problems = lint([root], coverage=False, today=dt.date(2021, 6, 1))
    assert [p.code for p in problems if p.code.startswith("W")] == ["W303"]


def test_a_rule_of_a_regime_without_a_mandate_is_an_error(rule_tree) -> None:
    dprk = RULE.replace("regime: LIBYA", "regime: DPRK")
    root = rule_tree({"regimes.yaml": REGIMES, "un/dprk/arms.yaml": dprk})
    _, problems = lint([root])
    assert [(p.code, p.location.line) for p in problems] == [("R213", 2)]


def test_after_until_cannot_be_given_with_a_mandate(rule_tree) -> None:
    both = RULE.replace("until: mandate}", "until: mandate, after_until: lapsed}")
    root = rule_tree({"regimes.yaml": REGIMES, "un/libya/arms.yaml": both})
    _, problems = lint([root])
    assert [p.code for p in problems] == ["R204"]


def test_a_mandate_of_an_unknown_regime_is_an_error(rule_tree) -> None:
    root = rule_tree({"regimes.yaml": REGIMES.replace("  LIBYA:", "  LIBIA:")})
    _, problems = lint([root])
    assert "R214" in [p.code for p in problems]


def test_lint_asks_a_rule_with_its_own_unverified_expiry_to_end_with_the_mandate(rule_tree) -> None:
    own = RULE.replace("until: mandate}", "until: 2021-01-31, after_until: renewal_unverified}")
    root = rule_tree({"regimes.yaml": REGIMES, "un/libya/arms.yaml": own})
    _, problems = lint([root], coverage=False, today=dt.date(2021, 3, 1))
    assert [p.code for p in problems if p.code.startswith("W")] == ["W302"]


def test_a_mandate_names_only_listed_measures(rule_tree) -> None:
    named = REGIMES.replace("  LIBYA:\n", "  LIBYA:\n    measures: [LY-ARMS-1, LY-NOPE]\n")
    measures = "measures:\n  - {id: LY-ARMS-1, title: Arms embargo}\n"
    root = rule_tree(
        {
            "regimes.yaml": named,
            "un/libya/arms.yaml": RULE.replace("    when:", "    measures: [LY-ARMS-1]\n    when:"),
            "un/libya/measures.yaml": measures,
        }
    )
    _, problems = lint([root], coverage=False, today=dt.date(2021, 6, 1))
    assert [(p.code, "LY-NOPE" in p.message) for p in problems] == [("M608", True)]
