"""`sanctions screen` follows the settings: the stored list, the rules folder, the thresholds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from service.parties.lists import load_bundled_un_vessels

REPO = Path(__file__).resolve().parents[2]
OLDER_LIST = REPO / "tests" / "fixtures" / "lists" / "un-consolidated-2026-02-27.xml.gz"
VESSELS = load_bundled_un_vessels().version  # bundled, so screened by every deployment
SANCTIONS = str(Path(sys.executable).with_name("sanctions"))
PAYMENT = {
    "date": "2024-03-01",
    "type": "financial",
    "description": "payment for services",
    "parties": [
        {"role": "beneficiary", "name": "Korea Mining Trading Corp", "type": "organization"}
    ],
}


def run(home: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "SANCTIONS_HOME": str(home), **env}
    environ.pop("SANCTIONS_DATABASE_URL", None)
    return subprocess.run(
        [SANCTIONS, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        cwd=home.parent,
        timeout=120,
    )


def test_uses_the_bundled_list_without_creating_a_database(tmp_path: Path) -> None:
    result = run(tmp_path / "var", "screen", "-", stdin=json.dumps(PAYMENT))
    assert (
        json.loads(result.stdout)["versions"]["list"]
        == f"un:2026-05-08T23:00:06Z#1f1b3bfe {VESSELS}"
    )
    assert not (tmp_path / "var").exists()


def test_uses_the_newest_stored_list(tmp_path: Path) -> None:
    home = tmp_path / "var"
    assert run(home, "lists", "load", str(OLDER_LIST)).returncode == 0
    result = run(home, "screen", "-", stdin=json.dumps(PAYMENT))
    assert (
        json.loads(result.stdout)["versions"]["list"]
        == f"un:2026-02-27T00:00:09Z#66b392a4 {VESSELS}"
    )


def test_match_threshold_from_the_settings(tmp_path: Path) -> None:
    default = json.loads(run(tmp_path, "screen", "-", stdin=json.dumps(PAYMENT)).stdout)
    strict = run(
        tmp_path, "screen", "-", stdin=json.dumps(PAYMENT), SANCTIONS_MATCH_THRESHOLD="0.99"
    )
    assert default["outcome"] == "prohibited"  # KPe.001 at about 0.9: a match by default
    assert json.loads(strict.stdout)["outcome"] == "review" and strict.returncode == 1


def test_bad_threshold_is_one_line(tmp_path: Path) -> None:
    result = run(
        tmp_path, "screen", "-", stdin=json.dumps(PAYMENT), SANCTIONS_MATCH_THRESHOLD="high"
    )
    assert result.returncode == 3
    assert result.stderr.strip() == "Error: SANCTIONS_MATCH_THRESHOLD='high' is not a number"
