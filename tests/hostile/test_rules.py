"""Rules: deleting a whole regime folder still started the service and /readyz said ready, and
the seed came out clear. A complete rule set or none: regimes.yaml declares each regime's
folder and files, and anything missing or undeclared refuses the tree with file:line:col."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.app import create_app
from service.engine.errors import RuleSetError
from service.ruletree import load_tree
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SANCTIONS = str(Path(sys.executable).parent / "sanctions")
LOCATION = re.compile(r"^\S+:\d+:\d+: (M60\d|R222) ", re.M)


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(REPO / "rules", root)
    return root


def codes(root: Path) -> list[str]:
    with pytest.raises(RuleSetError) as err:
        load_tree(root)
    return sorted({p.code for p in err.value.problems if p.severity == "error"})


def test_the_full_tree_loads_including_a_regime_with_nothing_to_encode() -> None:
    tree = load_tree(REPO / "rules")
    assert "GUINEA_BISSAU" in tree.regimes
    assert not [r for r in tree.ruleset.rules if r.regime == "GUINEA_BISSAU"]


def test_a_deleted_regime_folder_refuses_the_tree(rules: Path) -> None:
    shutil.rmtree(rules / "un" / "dprk")
    assert codes(rules) == ["M605"]


def test_a_deleted_rule_file_refuses_the_tree(rules: Path) -> None:
    (rules / "un" / "dprk" / "luxury.yaml").unlink()
    (rules / "un" / "dprk" / "luxury.tests.yaml").unlink()
    assert "M605" in codes(rules)


def test_an_undeclared_file_refuses_the_tree(rules: Path) -> None:
    (rules / "un" / "iran" / "extra.yaml").write_text("rules: []\n")
    assert codes(rules) == ["M606"]


def test_a_regime_without_its_manifest_refuses_the_tree(rules: Path) -> None:
    text = (rules / "regimes.yaml").read_text()
    (rules / "regimes.yaml").write_text(text.replace("    folder: un/haiti\n", "", 1))
    assert "M607" in codes(rules)


def test_an_encoded_measure_whose_rules_are_gone_refuses_the_tree(rules: Path) -> None:
    """Deleting the rule file and its declaration leaves measures.yaml saying it is encoded."""
    for name in ("luxury.yaml", "luxury.tests.yaml"):
        (rules / "un" / "dprk" / name).unlink()
    text = (rules / "regimes.yaml").read_text()
    text = text.replace("luxury.tests.yaml, luxury.yaml, ", "")
    (rules / "regimes.yaml").write_text(text)
    assert codes(rules) == ["M604"]


def test_lint_reports_missing_and_undeclared_files_with_file_line_col(rules: Path) -> None:
    shutil.rmtree(rules / "un" / "mali")
    (rules / "un" / "iran" / "extra.yaml").write_text("rules: []\n")
    done = subprocess.run([SANCTIONS, "rules", "lint", str(rules), "--no-coverage"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    found = LOCATION.findall(done.stdout)
    assert sorted(set(found)) == ["M605", "M606"], done.stdout
    assert (
        f"{rules / 'regimes.yaml'}:" in done.stdout
        and f"{rules / 'un/iran/extra.yaml'}:1:1:" in done.stdout
    )


def test_the_app_and_the_cli_refuse_a_broken_tree(rules: Path, tmp_path: Path) -> None:
    shutil.rmtree(rules / "un" / "dprk")
    settings = Settings(database_url="sqlite://", rules=rules)
    with pytest.raises(RuleSetError):
        create_app(settings)
    done = subprocess.run(
        [SANCTIONS, "screen", str(REPO / "tests" / "fixtures" / "seed.json")],
        capture_output=True, text=True, timeout=120,
        env={"SANCTIONS_RULES": str(rules), "SANCTIONS_HOME": str(tmp_path), "PATH": ""},
    )  # fmt: skip
    assert done.returncode == 3 and "M605" in done.stderr and not done.stdout


def test_a_pinned_rule_version_refuses_any_other(screener) -> None:
    tree = load_tree()
    base = Settings(database_url="sqlite://")
    create_app(dataclasses.replace(base, rules_version=tree.version), tree=tree, screener=screener)
    with pytest.raises(RuleSetError, match="R222"):
        create_app(dataclasses.replace(base, rules_version="sha256:" + "0" * 64), tree=tree)


def test_readyz_reports_the_rule_version_and_counts_per_regime(client) -> None:
    body = client.get("/readyz").get_json()
    rules = body["checks"]["rules"]
    assert rules["version"].startswith("sha256:")
    assert rules["regimes"]["DPRK"] > 10 and rules["regimes"]["GUINEA_BISSAU"] == 0
    assert sum(rules["regimes"].values()) == rules["count"]
