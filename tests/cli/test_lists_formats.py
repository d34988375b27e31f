"""``sanctions lists load --format`` for every list format, then the list over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from service.app import create_app
from service.cli.main import cli
from service.settings import Settings

LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
OFAC_CONS = LISTS / "ofac-consolidated-nonsdn-2026-01-08.xml.gz"
OFAC_CSV = LISTS / "ofac-sdn-csv-sample.zip"


def _run(tmp_path, *args):
    env = {"SANCTIONS_HOME": str(tmp_path), "SANCTIONS_DATABASE_URL": ""}
    return CliRunner().invoke(cli, list(args), env=env)


def test_the_ofac_consolidated_list_loads_and_matches_over_http(tmp_path) -> None:
    result = _run(tmp_path, "lists", "load", str(OFAC_CONS), "--format", "ofac-cons-xml")
    assert result.exit_code == 0, result.output
    assert "loaded ofac-cons:2026-01-08T00:00:00Z#00d16d5f as ofac-cons-xml" in result.stdout
    assert "442 entries" in result.stdout
    app = create_app(Settings(home=tmp_path))
    secret = app.extensions["sanctions"].store.keys.create("screener", "test")
    r = app.test_client().post(
        "/v1/parties/match",
        json={"queries": [{"name": "Mohammed Abu Teir", "type": "person"}]},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 200, r.get_json()
    best = r.get_json()["results"][0]["matches"][0]
    assert (best["list"], best["reference"], best["programmes"]) == (
        "ofac-cons",
        "9640",
        ["NS-PLC"],
    )
    assert best["list_version"] == "ofac-cons:2026-01-08T00:00:00Z#00d16d5f"


def test_each_source_has_its_current_version_in_show(tmp_path) -> None:
    older_un = LISTS / "un-consolidated-2026-02-27.xml.gz"
    assert _run(tmp_path, "lists", "load", str(older_un)).exit_code == 0  # un-xml, told
    loaded = _run(tmp_path, "lists", "load", str(OFAC_CSV), "--published", "2025-05-16")
    assert loaded.exit_code == 0, loaded.output
    shown = _run(tmp_path, "lists", "show").stdout.splitlines()
    assert [line[0] for line in shown] == ["*", "*"]  # both current: one per source
    assert "ofac-sdn:2025-05-16T00:00:00Z" in shown[0] and "un:2026-02-27" in shown[1]
    versions = json.loads(_run(tmp_path, "lists", "show", "--json").stdout)
    assert [(v["source"], v["format"]) for v in versions] == [
        ("ofac-sdn", "ofac-sdn-csv"), ("un", "un-xml")
    ]  # fmt: skip


def test_formats_that_cannot_be_told_or_used_are_one_line_errors(tmp_path) -> None:
    told = _run(tmp_path, "lists", "load", str(OFAC_CONS))
    assert told.exit_code != 0 and "ofac-sdn-xml or ofac-cons-xml" in told.output
    assert "--format: eu-fsf-xml, ftm-json" in told.output  # every format listed
    unknown = _run(tmp_path, "lists", "load", str(OFAC_CONS), "--format", "pdf")
    assert unknown.exit_code != 0 and "use one of eu-fsf-xml" in unknown.output
    undated = _run(tmp_path, "lists", "load", str(OFAC_CSV), "--format", "ofac-sdn-csv")
    assert undated.exit_code != 0 and "published=" in undated.output
    assert "Traceback" not in told.output + unknown.output + undated.output
    assert "no list loaded" in _run(tmp_path, "lists", "show").stdout


def test_formats_lists_every_reader(tmp_path) -> None:
    out = _run(tmp_path, "lists", "formats").stdout
    for name in ("un-xml", "un-vessels-yaml", "ofac-sdn-xml", "ofac-cons-xml", "ofac-sdn-csv",
                 "eu-fsf-xml", "uk-xml", "ftm-json"):  # fmt: skip
        assert name in out
