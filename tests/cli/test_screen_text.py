"""`sanctions screen --text`: plain text, a whole document or one description per line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SANCTIONS = str(Path(sys.executable).with_name("sanctions"))


def run(tmp_path: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "SANCTIONS_HOME": str(tmp_path / "var")}
    environ.pop("SANCTIONS_DATABASE_URL", None)
    return subprocess.run(
        [SANCTIONS, "screen", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def test_each_line_is_a_description_and_the_exit_code_is_the_worst(tmp_path: Path) -> None:
    lines = (
        "Russia is buying millions of artillery shells and rockets from North Korea\n"
        "\n"
        "200 t of green coffee from Brazil to Hamburg\n"
    )
    result = run(tmp_path, "--text", "--lines", "--date", "2022-09-06", "-", stdin=lines)
    assert result.returncode == 2, result.stderr
    first, second = (json.loads(x) for x in result.stdout.splitlines())
    assert (first["outcome"], second["outcome"]) == ("prohibited", "clear")
    assert first["as_of"] == "2022-09-06"
    assert first["interpretation"]["transactions"][0]["transaction"]["route"]["origin"] == "KP"


def test_a_whole_document_is_one_decision(tmp_path: Path) -> None:
    bill = "SHIPPER: COOPERATIVA REGIONAL DE CAFEICULTORES, SANTOS BRAZIL\nPOL: SANTOS\nPOD: HAMBURG\n320 BAGS GREEN COFFEE\n"
    result = run(tmp_path, "--text", "-", stdin=bill)
    assert result.returncode == 0, result.stderr
    [decision] = [json.loads(x) for x in result.stdout.splitlines()]
    assert decision["interpretation"]["transactions"][0]["transaction"]["route"] == {
        "origin": "BR",
        "destination": "DE",
    }


def test_lines_without_text_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "--lines", "-", stdin="{}")
    assert result.returncode == 3 and "--lines and --date go with --text" in result.stderr
