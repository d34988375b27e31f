"""`sanctions rules diff BASE [HEAD]`: what a rule change does to decisions, before it merges."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from service.cli.main import cli

RULE = """\
rules:
  - id: unsc.libya.arms
    title: Arms to Libya
    regime: LIBYA
    citations:
      - {instrument: S/RES/1970 (2011), paragraph: "9", url: "https://undocs.org/S/RES/1970(2011)", verified: true}
    in_force: {from: 2011-02-26, until: 2020-12-31}
    when: {all: [{to: LY}, {goods: {category: [arms]}}]}
    outcome: prohibited
"""

TESTS = """\
tests:
  - name: rifles to Libya on the last day
    date: 2020-12-31
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {outcome: prohibited, rules: [unsc.libya.arms]}
  - name: rifles to Libya the day after
    date: 2021-01-01
    transaction: {goods: [{description: rifles}], route: {destination: LY}}
    expect: {outcome: clear, not_rules: [unsc.libya.arms]}
  - name: rice to Libya
    date: 2015-01-01
    transaction: {goods: [{description: rice}], route: {destination: LY}}
    expect: {outcome: clear, not_rules: [unsc.libya.arms]}
"""


@pytest.fixture
def trees(rule_tree, tmp_path: Path) -> tuple[Path, Path]:
    base = rule_tree({"un/libya/arms.yaml": RULE, "un/libya/arms.tests.yaml": TESTS})
    head = tmp_path / "head"
    shutil.copytree(base, head)
    return base, head


def diff(*args: str):
    return CliRunner().invoke(cli, ["rules", "diff", *args], catch_exceptions=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_no_change_no_report(trees) -> None:
    base, head = trees
    result = diff(str(base), str(head), "--rules", str(head))
    assert result.exit_code == 0, result.output
    assert "0 outcomes flipped" in result.output


def test_one_date_changed_lists_exactly_the_flipped_decision_and_fails(trees) -> None:
    base, head = trees
    edit(head / "un/libya/arms.yaml", "until: 2020-12-31", "until: 2021-01-31")
    result = diff(str(base), str(head), "--rules", str(head), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output[: result.output.rindex("}") + 1])
    assert report["changed_rules"] == ["unsc.libya.arms"]
    [change] = report["changes"]
    assert change["key"] == "un/libya/arms.tests.yaml::rifles to Libya the day after"
    assert (change["base"], change["head"], change["declared"]) == ("clear", "prohibited", False)
    [rule] = change["rules"]
    assert rule["rule"] == "unsc.libya.arms" and rule["citations"][0]["paragraph"] == "9"


def test_a_flip_shown_by_a_passing_test_of_the_rule_is_declared(trees, tmp_path: Path) -> None:
    base, head = trees
    edit(head / "un/libya/arms.yaml", "until: 2020-12-31", "until: 2021-01-31")
    edit(
        head / "un/libya/arms.tests.yaml",
        "expect: {outcome: clear, not_rules: [unsc.libya.arms]}\n  - name: rice",
        "expect: {outcome: prohibited, rules: [unsc.libya.arms]}\n  - name: rice",
    )
    corpus = tmp_path / "corpus.jsonl"
    line = {
        "date": "2021-01-15",
        "goods": [{"description": "pistols"}],
        "route": {"destination": "LY"},
    }
    corpus.write_text(json.dumps(line) + "\n" + json.dumps({**line, "date": "2019-01-01"}) + "\n")
    result = diff(str(base), str(head), "--rules", str(head), "--corpus", str(corpus))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(x.startswith("declared") and "corpus:corpus.jsonl:1" in x for x in lines)
    assert not any("corpus.jsonl:2" in x for x in lines)  # unchanged: not reported


def test_a_changed_citation_is_reported_but_does_not_fail(trees) -> None:
    base, head = trees
    edit(head / "un/libya/arms.yaml", 'paragraph: "9"', 'paragraph: "9(a)"')
    result = diff(str(base), str(head), "--rules", str(head), "--format", "markdown")
    assert result.exit_code == 0
    assert "| :memo: |" in result.output and "op. 9(a)" in result.output


def test_junit_and_github_annotations(trees, tmp_path: Path) -> None:
    base, head = trees
    edit(head / "un/libya/arms.yaml", "until: 2020-12-31", "until: 2021-01-31")
    out = tmp_path / "diff.xml"
    result = diff(
        str(base), str(head), "--rules", str(head), "--format", "github", "--junit-xml", str(out)
    )
    assert result.exit_code == 1
    [annotation] = [x for x in result.output.splitlines() if x.startswith("::")]
    assert annotation.startswith("::error file=") and "arms.yaml,line=2," in annotation
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "1"


def test_base_as_a_git_revision(trees) -> None:
    _, head = trees
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    repo = head.parent
    subprocess.run([*git, "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "head"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "rules"], check=True)
    edit(head / "un/libya/arms.yaml", "until: 2020-12-31", "until: 2020-12-30")
    result = diff("HEAD", "--rules", str(head))
    assert result.exit_code == 1, result.output
    assert "rifles to Libya on the last day: prohibited -> clear" in result.output
    assert diff("no-such-rev", "--rules", str(head)).exit_code != 0


def test_an_unreadable_corpus_is_one_error_line(trees, tmp_path: Path) -> None:
    base, head = trees
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    result = CliRunner().invoke(cli, ["rules", "diff", str(base), str(head), "--corpus", str(bad)])
    assert result.exit_code != 0 and "bad.json" in result.output


def test_a_moved_window_moves_the_fail_closed_review_of_unclassified_goods(
    trees, tmp_path: Path
) -> None:
    base, head = trees
    edit(head / "un/libya/arms.yaml", "until: 2020-12-31", "until: 2021-01-31")
    corpus = tmp_path / "spare.json"
    spare = {
        "date": "2021-01-15",
        "goods": [{"description": "assorted spare parts"}],
        "route": {"destination": "LY"},
    }
    corpus.write_text(json.dumps([spare]))
    result = diff(
        str(base),
        str(head),
        "--rules",
        str(head),
        "--no-tests",
        "--corpus",
        str(corpus),
        "--format",
        "json",
    )
    report = json.loads(result.output[: result.output.rindex("}") + 1])
    [change] = report["changes"]
    assert (change["base"], change["head"]) == ("clear", "review")
    assert [r["rule"] for r in change["rules"]] == ["screening.goods.unclassified"]


def test_two_workers_find_the_same_changes_in_the_same_order(trees) -> None:
    from service.authoring.corpus import CorpusItem
    from service.authoring.rulediff import diff as replay
    from service.ruletree import load_tree

    base, head = trees
    edit(head / "un/libya/arms.yaml", "until: 2020-12-31", "until: 2021-01-31")
    items = [
        CorpusItem("corpus", f"x:{i}", {"date": f"2021-01-{1 + i % 28:02d}", "goods": [{"description": "rifles"}],
                                        "route": {"destination": "LY" if i % 3 else "TN"}})
        for i in range(60)
    ]  # fmt: skip
    trees_ = load_tree(base, with_tests=True), load_tree(head, with_tests=True)
    one, two = (replay(*trees_, items, workers=n) for n in (1, 2))
    assert [c.item.key for c in two.changes] == [c.item.key for c in one.changes]
    assert len(one.changes) == 40 and two.replayed == 60
