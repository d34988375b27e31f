"""`sanctions rules coverage`: encoded, unencoded and unverified measures per regime and resolution."""

from __future__ import annotations

import json

from click.testing import CliRunner

from service.cli.main import cli

RULES = """\
rules:
  - id: unsc.libya.arms
    title: Arms to Libya
    regime: LIBYA
    measures: [LY-ARMS-1]
    citations:
      - {instrument: S/RES/1970 (2011), paragraph: "9", url: "https://undocs.org/S/RES/1970(2011)", verified: true}
      - {instrument: S/RES/2009 (2011), paragraph: "13", url: "https://undocs.org/S/RES/2009(2011)", verified: false}
    in_force: {from: 2011-02-26}
    when: {all: [{to: LY}, {goods: {category: [arms]}}]}
    outcome: prohibited
"""
MEASURES = """\
measures:
  - {id: LY-ARMS-1, title: "Arms embargo (1970 (2011) op. 9)"}
  - {id: LY-TB-1, title: "Travel ban (1970 op. 15)", not_encoded: entry bans are not transactions}
"""


def test_per_regime_and_per_resolution(rule_tree) -> None:
    root = rule_tree({"un/libya/arms.yaml": RULES, "un/libya/measures.yaml": MEASURES})
    result = CliRunner().invoke(cli, ["rules", "coverage", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [libya] = data["regime"]
    assert (libya["measures"], libya["encoded"], libya["unverified"], libya["unencoded"]) == (
        2,
        1,
        1,
        1,
    )
    assert (libya["citations"], libya["citations_verified"]) == (2, 1)
    rows = {r["name"]: r for r in data["resolution"]}
    assert (
        rows["S/RES/1970 (2011)"]["encoded"] == 1 and rows["S/RES/1970 (2011)"]["unverified"] == 0
    )
    assert rows["S/RES/1970 (2011)"]["unencoded_measures"] == ["LY-TB-1"]  # named in its title
    assert rows["S/RES/2009 (2011)"]["unverified_measures"] == ["LY-ARMS-1"]
    assert data["total"]["citations_verified"] == 1


def test_text_tables_and_the_measure_listing(rule_tree) -> None:
    root = rule_tree({"un/libya/arms.yaml": RULES, "un/libya/measures.yaml": MEASURES})
    text = CliRunner().invoke(cli, ["rules", "coverage", str(root)]).output
    assert "libya" in text and "1/2 (50%)" in text and "S/RES/2009 (2011)" in text
    listing = CliRunner().invoke(cli, ["rules", "coverage", str(root), "--by", "measure"]).output
    assert "LY-TB-1        not encoded: entry bans are not transactions" in listing
