"""regimes.yaml `lists`: programme labels of the non-UN lists -> UN regime, linted with
file:line:col like every other tree file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from service.cli.main import cli
from service.ruletree import collect_tree, load_tree
from service.yamlsource import Collector

REGIMES = """\
regimes:
  - {code: DPRK, name: DPRK, committee: "1718 Committee", targets: [KP], list_types: [DPRK]}
  - {code: LIBYA, name: Libya, committee: "1970 Committee", targets: [LY]}
"""

LISTS = """\
lists:
  - sources: [ofac-sdn, ofac-cons]
    note: OFAC program codes
    programmes:
      DPRK3: DPRK
      LIBYA2: LIBYA
      IRAN: null
  - sources: [uk]
    programmes:
      "The Libya (Sanctions) (EU Exit) Regulations 2020": LIBYA
"""


def lint(rule_tree, lists: str) -> tuple[object, list[str]]:
    root = rule_tree({"regimes.yaml": REGIMES + lists})
    problems = Collector()
    tree = collect_tree([root], problems)
    return tree, [f"{p.location.line}:{p.location.col} {p.code} {p.message}"
                  for p in problems.problems]  # fmt: skip


def test_programmes_map_per_source_and_null_leaves_one_unmapped(rule_tree) -> None:
    tree, problems = lint(rule_tree, LISTS)
    assert problems == []
    assert tree.list_regimes("ofac-cons") == {"DPRK3": "DPRK", "LIBYA2": "LIBYA"}
    assert tree.list_regimes("uk") == {"The Libya (Sanctions) (EU Exit) Regulations 2020": "LIBYA"}
    assert tree.list_regimes("eu-fsf") == {}  # a source not written: its entries get no regime
    assert tree.list_regimes("un") == {"DPRK": "DPRK"}  # the UN list: list_types only
    assert tree.list_regimes("un-vessels") == {"DPRK": "DPRK", "LIBYA": "LIBYA"}  # + codes


def test_bad_groups_are_reported_where_they_are_written(rule_tree) -> None:
    lines = len(REGIMES.splitlines())
    _, problems = lint(rule_tree, """\
lists:
  - sources: [ofac-sdn, un, Bad_Name]
    programmes: {DPRK3: KOREA, SDGT: 7}
  - sources: [ofac-sdn]
    programmes: [DPRK3]
    comment: typo
  - programmes: {}
""")  # fmt: skip
    codes = {p.split(" ")[1] for p in problems}
    assert codes == {"L701", "R209", "R202", "R200", "R201"}, problems
    assert f"{lines + 3}:25 R209 programme 'DPRK3' maps to unknown regime 'KOREA'" in problems[0]
    assert any(p.startswith(f"{lines + 2}:") and "'un' maps through list_types" in p
               for p in problems)  # fmt: skip
    assert any("'Bad_Name' is not a list source name" in p for p in problems)
    assert any(p.startswith(f"{lines + 4}:") and "'ofac-sdn' is in two groups" in p
               for p in problems)  # fmt: skip


def test_rules_lint_prints_file_line_col(rule_tree, tmp_path: Path) -> None:
    root = rule_tree(
        {"regimes.yaml": REGIMES + "lists:\n  - {sources: [uk], programmes: {X: NOPE}}\n"}
    )
    result = CliRunner().invoke(cli, ["rules", "lint", str(root)])
    assert result.exit_code != 0
    line = len(REGIMES.splitlines()) + 2
    assert f"regimes.yaml:{line}:" in result.output and "R209" in result.output


def test_the_bundled_tree_maps_the_dprk_programmes_of_every_list() -> None:
    tree = load_tree()
    assert tree.list_regimes("ofac-sdn")["DPRK3"] == "DPRK"
    assert tree.list_regimes("ofac-cons")["NKSPEA"] == "DPRK"
    assert tree.list_regimes("eu-fsf")["PRK"] == "DPRK"
    uk = "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019"
    assert tree.list_regimes("uk")[uk] == "DPRK"
    for unmapped in ("IRAN", "SDGT", "NPWMD"):  # autonomous US measures: inform only
        assert unmapped not in tree.list_regimes("ofac-sdn")
    assert tree.list_regimes("opensanctions") == {}
