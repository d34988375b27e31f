"""The examples/ transactions give their expected decisions through `sanctions screen`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
EXPECTED = yaml.safe_load((EXAMPLES / "expected.yaml").read_text())["examples"]
SANCTIONS = str(Path(sys.executable).with_name("sanctions"))
EXIT = {"clear": 0, "review": 1, "conditional": 1, "prohibited": 2}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name: str) -> None:
    expected = EXPECTED[name]
    result = subprocess.run(
        [SANCTIONS, "screen", str(EXAMPLES / name)], capture_output=True, text=True, timeout=120
    )
    decision = json.loads(result.stdout)
    fired = {f["rule"] for f in decision["findings"] if f["outcome"] != "clear"}
    assert decision["outcome"] == expected["outcome"], sorted(fired)
    assert result.returncode == EXIT[expected["outcome"]]
    assert set(expected.get("rules") or []) <= fired
    assert not set(expected.get("not_rules") or []) & fired
    if expected.get("disputed"):
        assert any(f["disputed"] for f in decision["findings"] if f["outcome"] != "clear")


def test_every_example_file_has_an_expectation() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(EXPECTED)
