"""One invalid rule file per error code: each problem has its code, file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.authoring.checks import CHECKS
from service.engine.errors import RuleSetError
from service.ruletree import collect_tree
from service.screening import Screener
from service.yamlsource import Collector

VALID = """\
rules:
  - id: unsc.dprk.arms.supply
    title: Arms to the DPRK
    regime: DPRK
    citations:
      - {instrument: S/RES/1718 (2006), paragraph: "8(a)(i)", url: "https://undocs.org/S/RES/1718(2006)", verified: true}
    in_force: {from: 2006-10-14}
    when:
      all:
        - to: KP
        - goods: {category: [arms]}
    outcome: prohibited
"""


def parsed(root: Path) -> Collector:
    """The problems of parsing a tree (no lint checks)."""
    collector = Collector()
    collect_tree([root], collector)
    return collector


def problems_of(rule_tree, text: str) -> list[tuple[str, int, int]]:
    root = rule_tree({"un/dprk/x.yaml": text})
    collector = parsed(root)
    return [(p.code, p.location.line, p.location.col) for p in collector.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    title: Arms", "    titel: Arms", [("R200", 3, 5), ("R201", 2, 5)]),
        ("    regime: DPRK\n", "", [("R201", 2, 5)]),
        ("verified: true}", "verified: yes}", [("R202", 6, 117)]),
        ("{from: 2006-10-14}", "{from: 2006-14-10}", [("R203", 7, 22)]),
        ("outcome: prohibited", "outcome: banned", [("R204", 12, 14)]),
        ("category: [arms]", "category: [armz]", [("R206", 11, 30)]),
        ("category: [arms]", "hs: ['9399']", [("R207", 11, 24)]),
        ("to: KP", "to: North Korea", [("R208", 10, 15)]),
        ("regime: DPRK", "regime: NORTH_KOREA", [("R209", 4, 13)]),
        ("- to: KP", "- toward: KP", [("R210", 10, 11)]),
        ("{from: 2006-10-14}", "{from: 2006-10-14, until: 2005-01-01}", [("R211", 7, 41)]),
        (
            "category: [arms]}",
            "category: [arms], quantity: {gt: 5, unit: furlongs}}",
            [("R212", 11, 61)],
        ),
        (
            "    title: Arms to the DPRK\n",
            "    title: Arms to the DPRK\n    title: again\n",
            [("Y101", 4, 5)],
        ),
    ],
)
def test_each_error_code_points_at_the_value(rule_tree, old: str, new: str, expected) -> None:
    assert old in VALID
    assert problems_of(rule_tree, VALID.replace(old, new)) == expected


def test_valid_file_has_no_problems(rule_tree) -> None:
    assert problems_of(rule_tree, VALID) == []


def test_error_message_names_the_value_and_what_is_allowed(rule_tree) -> None:
    root = rule_tree({"un/dprk/x.yaml": VALID.replace("{from: 2006-10-14}", "{from: 2006-14-10}")})
    collector = parsed(root)
    text = str(collector.problems[0])
    assert text.endswith(
        "x.yaml:7:22: R203 in_force.from '2006-14-10' is not a date; use YYYY-MM-DD, such as 2006-10-14"
    )


def test_duplicate_rule_ids_across_files(rule_tree) -> None:
    root = rule_tree({"un/dprk/a.yaml": VALID, "un/dprk/b.yaml": VALID})
    collector = parsed(root)
    [problem] = collector.problems
    assert problem.code == "R205" and problem.location.file.endswith("b.yaml")
    assert "a.yaml:2:5" in problem.message


def test_yaml_syntax_alias_and_encoding(rule_tree, tmp_path: Path) -> None:
    assert problems_of(rule_tree, "rules: [\n")[0][0] == "Y100"
    assert problems_of(rule_tree, "a: &x [1]\nrules: *x\n") == [("Y102", 1, 4)]
    root = rule_tree({"un/dprk/x.yaml": "rules: []\n"})
    (root / "un" / "latin1.yaml").write_bytes("rules: []\n# caf\xe9\n".encode("latin-1"))
    collector = parsed(root)
    assert [(p.code, p.location.line) for p in collector.problems] == [("Y104", 2)]


def test_huge_file_and_alias_bomb_are_refused(rule_tree) -> None:
    root = rule_tree({"un/ok.yaml": "rules: []\n"})
    (root / "un" / "huge.yaml").write_text("# " + "x" * (3 * 1024 * 1024))
    bomb = "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
    (root / "un" / "bomb.yaml").write_text(bomb)
    collector = parsed(root)
    assert sorted(p.code for p in collector.problems) == ["Y102", "Y103"]


def test_unknown_rule_in_test_and_coverage(rule_tree) -> None:
    tests = "tests:\n  - name: t\n    transaction: {date: 2020-01-01, goods: [{description: rifle}]}\n    expect: {rules: [unsc.nope]}\n"
    root = rule_tree({"un/dprk/x.yaml": VALID, "un/dprk/x.tests.yaml": tests})
    collector = Collector()
    tree = collect_tree([root], collector)
    assert [(p.code, p.location.line) for p in collector.problems] == [("T401", 2)]
    assert tree is not None
    coverage = [
        p
        for c in ("C501", "C502")
        for p in CHECKS[c].run(tree, tree.ruleset.rules[0].in_force.start)
    ]
    assert sorted(p.code for p in coverage) == ["C501", "C502"]


def test_service_refuses_a_broken_rule_set(rule_tree) -> None:
    root = rule_tree(
        {
            "un/dprk/x.yaml": VALID,
            "un/dprk/y.yaml": VALID.replace("KP", "XX").replace("supply", "other"),
        }
    )
    with pytest.raises(RuleSetError) as err:
        Screener.from_paths(root)
    assert "R208" in str(err.value)


def test_norway_is_a_country_not_a_boolean(rule_tree) -> None:
    root = rule_tree({"un/dprk/x.yaml": VALID.replace("to: KP", "to: [KP, NO]")})
    assert parsed(root).problems == []
