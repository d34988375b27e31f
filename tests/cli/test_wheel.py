"""The built wheel works outside the checkout: it carries the rules, the data and the plugin.

The wheel is installed without its dependencies into a fresh virtual environment that sees the
project venv's installed packages through a plain path entry (so no download is needed, and the
checkout's editable install is not visible); every command runs from a folder outside the
checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "fixtures" / "seed.json"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip"]
    offline = {**os.environ, "PIP_FIND_LINKS": "", "PIP_NO_INDEX": "1"}
    built = subprocess.run(
        [*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(root / "dist"), str(REPO)],
        capture_output=True, text=True, timeout=300, env=offline,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = (root / "dist").glob("*.whl")
    env = root / "venv"
    venv.create(env, with_pip=False)
    site = next((env / "lib").glob("python3*/site-packages"))
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = subprocess.run(
        [*pip, "--python", str(env / "bin" / "python"), "install", "-q", "--no-deps", str(wheel)],
        capture_output=True, text=True, timeout=300, env=offline,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stderr[-2000:]
    return env


def run(env: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(env / "bin" / "sanctions"), *args], cwd=cwd, capture_output=True, text=True,
        timeout=300, env={"PATH": f"{env / 'bin'}:/usr/bin:/bin", "HOME": str(cwd)},
    )  # fmt: skip


def test_the_wheel_screens_the_seed_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.json")
    result = run(installed, tmp_path, "screen", "seed.json")
    assert result.returncode == 2, result.stderr
    decision = json.loads(result.stdout)
    assert decision["outcome"] == "prohibited"
    cited = {c["instrument"] for f in decision["findings"] for c in f["citations"]}
    assert {"S/RES/1718 (2006)", "S/RES/1874 (2009)"} <= cited
    assert str(REPO) not in result.stdout + result.stderr


def test_a_scaffolded_rule_repository_lints_and_tests(installed: Path, tmp_path: Path) -> None:
    assert run(installed, tmp_path, "rules", "init", "myrules").returncode == 0
    lint = run(installed, tmp_path, "rules", "lint", "myrules")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    tested = run(installed, tmp_path, "rules", "test", "myrules", "--junit-xml", "out.xml")
    assert tested.returncode == 0 and "3 passed, 0 failed" in tested.stdout
    assert 'tests="3" failures="0"' in (tmp_path / "out.xml").read_text()
    pytest_run = subprocess.run(
        [str(installed / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "myrules"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert pytest_run.returncode == 0 and "3 passed" in pytest_run.stdout, pytest_run.stdout
