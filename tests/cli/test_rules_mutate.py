"""`sanctions rules mutate`: mutants of the rules, killed (or not) by the tests beside them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from service.authoring.mutants import mutants
from service.authoring.mutation import MutationRun
from service.cli.main import cli
from service.ruletree import load_tree

RULE = """\
rules:
  - id: unsc.libya.arms
    title: Arms to Libya
    regime: LIBYA
    citations:
      - {instrument: S/RES/1970 (2011), paragraph: "9", url: "https://undocs.org/S/RES/1970(2011)", verified: true}
    in_force: {from: 2011-02-26, until: 2020-12-31}
    when: {all: [{to: LY}, {goods: {category: [arms.small_arms]}}]}
    outcome: prohibited
"""

ONE_TEST = """\
tests:
  - name: rifles to Libya in 2015
    date: 2015-01-01
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {outcome: prohibited, rules: [unsc.libya.arms]}
"""

EDGES = """\
  - name: rifles to Libya the day before
    date: 2011-02-25
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {outcome: clear, not_rules: [unsc.libya.arms]}
  - name: rifles to Libya on the first day
    date: 2011-02-26
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {rules: [unsc.libya.arms]}
  - name: rifles to Libya on the last day
    date: 2020-12-31
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {rules: [unsc.libya.arms]}
  - name: rifles to Libya the day after
    date: 2021-01-01
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {not_rules: [unsc.libya.arms]}
  - name: rifles to Tunisia
    date: 2015-01-01
    transaction: {goods: [{description: rifles}], route: {destination: TN}}
    expect: {outcome: clear}
  - name: rice to Libya
    date: 2015-01-01
    transaction: {goods: [{description: rice}], route: {destination: LY}}
    expect: {outcome: clear}
  - name: cartridges to Libya are not small arms
    date: 2015-01-01
    transaction: {goods: [{description: cartridges}], route: {destination: LY}}
    expect: {not_rules: [unsc.libya.arms]}
"""


def mutant_names(root) -> dict[str, str | None]:
    tree = load_tree(root, with_tests=True)
    report = MutationRun(tree).run(tree.ruleset.rules)
    return {r.mutant.description: r.killed_by for r in report.results}


def test_the_mutants_of_a_rule() -> None:
    from service.ruletree import default_rules

    tree = load_tree(default_rules())
    rule = tree.ruleset.rule("unsc.liberia.arms.788")
    assert rule is not None
    found = {m.operator for m in mutants(rule, tree.taxonomy)}
    assert found >= {"date", "drop", "outcome", "widen", "narrow"}


def test_one_test_leaves_date_and_condition_mutants_alive(rule_tree) -> None:
    root = rule_tree({"un/libya/arms.yaml": RULE, "un/libya/arms.tests.yaml": ONE_TEST})
    result = mutant_names(root)
    assert result["outcome prohibited -> review"] == "rifles to Libya in 2015"
    for alive in ("in_force.from 2011-02-26 -1 day", "in_force.until 2020-12-31 +1 day",
                  "drop `to: LY`", "widen arms.small_arms -> arms"):  # fmt: skip
        assert result[alive] is None, alive


def test_boundary_and_neighbour_tests_kill_them(rule_tree) -> None:
    root = rule_tree({"un/libya/arms.yaml": RULE, "un/libya/arms.tests.yaml": ONE_TEST + EDGES})
    result = mutant_names(root)
    assert result["in_force.from 2011-02-26 -1 day"] == "rifles to Libya the day before"
    assert result["in_force.from 2011-02-26 +1 day"] == "rifles to Libya on the first day"
    assert result["in_force.until 2020-12-31 -1 day"] == "rifles to Libya on the last day"
    assert result["in_force.until 2020-12-31 +1 day"] == "rifles to Libya the day after"
    assert result["drop `to: LY`"] == "rifles to Tunisia"
    assert result["widen arms.small_arms -> arms"] == "cartridges to Libya are not small arms"
    assert all(killer is not None for killer in result.values()), result


def test_the_cli_gates_on_the_score(rule_tree, tmp_path) -> None:
    root = rule_tree({"un/libya/arms.yaml": RULE, "un/libya/arms.tests.yaml": ONE_TEST})
    runner = CliRunner()
    low = runner.invoke(cli, ["rules", "mutate", str(root), "--min-score", "90"])
    assert low.exit_code == 1 and "survived" in low.output
    suggested = tmp_path / "s.yaml"
    out = runner.invoke(
        cli, ["rules", "mutate", str(root), "--format", "json", "--suggest", str(suggested)]
    )
    report = json.loads(out.output[out.output.index("{") : out.output.rindex("}") + 1])
    assert out.exit_code == 0 and 0 < report["score"] < 90
    assert {r["killed_by"] for r in report["results"]} == {None}
    assert "tests:" in suggested.read_text()
    (root / "un/libya/arms.tests.yaml").write_text(ONE_TEST + EDGES)
    high = runner.invoke(cli, ["rules", "mutate", str(root), "--min-score", "90"])
    assert high.exit_code == 0, high.output


DESCRIBED = """\
  - name: a rice invoice whose description reads as rifles for Libya
    date: 2015-01-01
    transaction:
      type: goods
      description: rifles for a militia in Libya
      goods: [{description: rice}]
      route: {origin: TH, destination: TN}
    expect: {outcome: review, not_rules: [unsc.libya.arms]}
"""


def test_a_test_whose_description_matters_is_replayed_as_screened(rule_tree) -> None:
    # The rule-test runner screens the description too (a sanctioned place it names that the
    # structured fields do not is a review); the mutation run must replay it the same way, or
    # the test counts as failing on the real tree and kills nothing.
    root = rule_tree({"un/libya/arms.yaml": RULE, "un/libya/arms.tests.yaml": ONE_TEST + DESCRIBED})
    tree = load_tree(root, with_tests=True)
    run = MutationRun(tree)
    assert run.failing == []
    assert len(run.cases) == 2
