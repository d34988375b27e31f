"""``sanctions lists load|show`` and ``sanctions openapi --check``."""

from __future__ import annotations

import json
from importlib import resources

from click.testing import CliRunner

from service.cli.main import cli


def _run(tmp_path, *args):
    env = {"SANCTIONS_HOME": str(tmp_path), "SANCTIONS_DATABASE_URL": ""}
    return CliRunner().invoke(cli, list(args), env=env)


def _bundled(tmp_path):
    path = tmp_path / "list.xml.gz"
    data = resources.files("service.parties").joinpath("data", "consolidated-2026-05-08.xml.gz")
    path.write_bytes(data.read_bytes())
    return path


def test_load_and_show(tmp_path):
    assert "no list loaded" in _run(tmp_path, "lists", "show").stdout
    result = _run(tmp_path, "lists", "load", str(_bundled(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "un:2026-05-08T23:00:06Z#1f1b3bfe" in result.stdout and "DPRK" in result.stdout
    shown = _run(tmp_path, "lists", "show")
    assert shown.stdout.startswith("*") and "un:2026-05-08T23:00:06Z#1f1b3bfe" in shown.stdout
    versions = json.loads(_run(tmp_path, "lists", "show", "--json").stdout)
    assert len(versions) == 1 and versions[0]["counts"]["DPRK"] > 0


def test_a_malformed_file_is_refused_and_the_current_version_stays(tmp_path):
    _run(tmp_path, "lists", "load", str(_bundled(tmp_path)))
    bad = tmp_path / "bad.xml"
    bad.write_text("<CONSOLIDATED_LIST><INDIVIDUALS>")
    result = _run(tmp_path, "lists", "load", str(bad))
    assert result.exit_code != 0
    assert "previous version stays current" in result.output
    assert len(json.loads(_run(tmp_path, "lists", "show", "--json").stdout)) == 1


def test_openapi_check_detects_drift(tmp_path):
    out = tmp_path / "openapi.yaml"
    assert _run(tmp_path, "openapi", "-o", str(out)).exit_code == 0
    assert _run(tmp_path, "openapi", "-o", str(out), "--check").exit_code == 0
    out.write_text(out.read_text().replace("Sanctions screening", "Something else"))
    assert _run(tmp_path, "openapi", "-o", str(out), "--check").exit_code != 0
