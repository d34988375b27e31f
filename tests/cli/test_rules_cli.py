"""The CLI as a rule author and an analyst use it: real processes, real rule files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "fixtures" / "seed.json"
SANCTIONS = str(Path(sys.executable).with_name("sanctions"))


def run(*args: str, stdin: str | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SANCTIONS, *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_lint_the_bundled_rules() -> None:
    result = run("rules", "lint", "rules/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


def test_rules_test_writes_junit(tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    result = run("rules", "test", "rules/", "--junit-xml", str(out))
    assert result.returncode == 0, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    passed = int(last.split()[0])
    assert last == f"{passed} passed, 0 failed" and passed > 20
    suite = ET.parse(out).getroot().find("testsuite")
    assert (
        suite is not None
        and int(suite.get("tests", "0")) == passed
        and suite.get("failures") == "0"
    )


def test_a_typo_is_reported_with_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "rules"
    subprocess.run(["cp", "-r", str(REPO / "rules"), str(broken)], check=True)
    path = broken / "un" / "dprk" / "arms.yaml"
    path.write_text(path.read_text().replace("outcome: prohibited", "outcom: prohibited", 1))
    for fmt, expected in (("text", f"{path}:"), ("github", f"::error file={path},line=")):
        result = run("rules", "lint", str(broken), "--format", fmt)
        assert result.returncode == 1
        assert expected in result.stdout and "R200" in result.stdout and "R201" in result.stdout
    line = next(ln for ln in run("rules", "lint", str(broken)).stdout.splitlines() if "R200" in ln)
    assert line.startswith(f"{path}:") and ": R200 unknown key 'outcom' in a rule; allowed:" in line
    problems = json.loads(run("rules", "lint", str(broken), "--format", "json").stdout)
    errors = [p for p in problems if p["severity"] == "error"]  # G409 warnings stay warnings
    assert {p["code"] for p in errors} == {"R200", "R201"} and all(p["line"] > 0 for p in problems)


def test_failing_rule_test_exits_nonzero(tmp_path: Path) -> None:
    broken = tmp_path / "rules"
    subprocess.run(["cp", "-r", str(REPO / "rules"), str(broken)], check=True)
    path = broken / "un" / "dprk" / "arms.tests.yaml"
    path.write_text(path.read_text().replace("outcome: prohibited", "outcome: clear", 1))
    result = run("rules", "test", str(broken), "--format", "github")
    assert result.returncode == 1
    assert (
        "::error file=" in result.stdout
        and "expected outcome clear, got prohibited" in result.stdout
    )
    assert result.stdout.strip().endswith("1 failed")


def test_screen_the_seed_transaction() -> None:
    result = run("screen", "-", stdin=SEED.read_text())
    assert result.returncode == 2, result.stderr
    decision = json.loads(result.stdout)
    assert decision["outcome"] == "prohibited"
    instruments = {c["instrument"] for f in decision["findings"] for c in f["citations"]}
    assert {"S/RES/1718 (2006)", "S/RES/1874 (2009)"} <= instruments


def test_the_same_shipment_in_2005_is_clear() -> None:
    seed = json.loads(SEED.read_text())
    seed["date"] = "2005-09-22"
    seed["parties"] = [p | {"name": "Trading house"} for p in seed["parties"]]
    result = run("screen", "-", stdin=json.dumps(seed))
    decision = json.loads(result.stdout)
    assert [f["rule"] for f in decision["findings"] if f["outcome"] != "clear"] == []
    assert decision["outcome"] == "clear" and result.returncode == 0


def test_screen_json_lines_with_a_bad_item() -> None:
    good = json.dumps(
        {
            "date": "2019-07-01",
            "goods": [{"description": "diesel fuel"}],
            "route": {"destination": "KP"},
        }
    )
    bad = json.dumps({"date": "2019-07-01", "goods": [{"description": "x", "hs_code": "12a"}]})
    result = run("screen", "-", stdin=f"{good}\n{bad}\nnot json\n{good}\n")
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x.get("outcome", "error") for x in lines] == [
        "conditional",
        "error",
        "error",
        "conditional",
    ]
    assert lines[1]["error"]["errors"] == {
        "goods[0].hs_code": "'12a' is not an HS code; use 2, 4, 6 or more digits such as 930690"
    }
    assert result.stderr.splitlines() == [
        "- line 2: goods[0].hs_code: '12a' is not an HS code; use 2, 4, 6 or more digits such as 930690",
        "- line 3: not valid JSON: Expecting value at column 1",
    ]
    assert result.returncode == 3


def test_missing_file_is_one_line() -> None:
    result = run("screen", "nowhere.json")
    assert result.returncode == 3 and result.stderr.startswith("Error: nowhere.json: cannot read")
    assert "Traceback" not in result.stderr
