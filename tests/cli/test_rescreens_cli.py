"""`sanctions lists load` re-screens the kept screenings; `sanctions rescreens` shows the impact."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from service.cli.main import cli
from service.parties.lists import bundled_un_bytes
from service.rescreen import keep
from service.rescreen.delta import list_delta
from service.ruletree import load_tree
from service.screening import LiveScreener
from service.screening.lists import read_version
from service.settings import Settings
from service.store import open_store

OLD = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "lists"
    / "un-consolidated-2026-02-27.xml.gz"
)


def test_lists_load_rescreens_and_rescreens_show(tmp_path, monkeypatch):
    monkeypatch.setenv("SANCTIONS_HOME", str(tmp_path))
    runner = CliRunner()
    assert runner.invoke(cli, ["lists", "load", str(OLD)]).exit_code == 0
    tree = load_tree()
    removed = list_delta(read_version(OLD.read_bytes(), "un-xml", tree),
                         read_version(bundled_un_bytes(), "un-xml", tree)).removed[0]  # fmt: skip
    settings = Settings.from_env()
    store = open_store(settings)
    tx = {"reference": "PO-9", "date": "2026-06-01", "goods": [{"description": "rice"}],
          "parties": [{"role": "buyer", "name": removed.name}]}  # fmt: skip
    keep(
        store, settings, tx, LiveScreener(settings, store, tree).screener.screen(tx).to_dict(), None
    )
    store.dispose()
    new = tmp_path / "new.xml.gz"
    new.write_bytes(bundled_un_bytes())
    result = runner.invoke(cli, ["lists", "load", str(new)])
    assert result.exit_code == 0, result.output
    assert "re-screened 1/1" in result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("rescreen "))
    rescreen_id = line.split()[1].rstrip(":")
    assert f"no longer match un {removed.reference} after its delisting" in line
    shown = runner.invoke(cli, ["rescreens", "show", rescreen_id, "--format", "json"])
    report = json.loads(shown.stdout)
    assert report["counts"]["changed"] == 1 and report["items"][0]["reference"] == "PO-9"
    text = runner.invoke(cli, ["rescreens", "show", rescreen_id]).stdout
    assert f"removed  un {removed.reference}" in text
    assert rescreen_id in runner.invoke(cli, ["rescreens", "list"]).stdout
    missing = runner.invoke(cli, ["rescreens", "show", "nope"])
    assert missing.exit_code != 0 and "no re-screening nope" in missing.stderr
    # nothing left under other versions: run has nothing to screen again
    again = runner.invoke(cli, ["rescreens", "run", "--format", "json"])
    assert again.exit_code == 0 and json.loads(again.stdout)["counts"]["selected"] == 0
    # --full screens it again although it is current, and finds the same
    checked = json.loads(
        runner.invoke(cli, ["rescreens", "run", "--full", "--format", "json"]).stdout
    )
    assert checked["counts"]["selected"] == 1 and checked["counts"]["changed"] == 0
    assert checked["mode"] == "full"
