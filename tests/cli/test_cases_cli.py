"""``sanctions officers create``, ``sanctions cases replay``, ``sanctions audit verify|export``
on a real SQLite file under SANCTIONS_HOME, with the list version stored in it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cases import ActionRequest, Actor, Casework
from service.cli.main import cli
from service.ruletree import load_tree
from service.screening import LiveScreener
from service.screening.lists import ensure_bundled
from service.settings import Settings
from service.store import Store

SEED = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "seed.json").read_text())


def _run(home: Path, *args: str, stdin: str | None = None):
    env = {"SANCTIONS_HOME": str(home), "SANCTIONS_DATABASE_URL": ""}
    return CliRunner().invoke(cli, list(args), env=env, input=stdin, catch_exceptions=False)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A database with one case, cleared by two officers (the list stored, as `serve` does)."""
    home = tmp_path_factory.mktemp("cli")
    settings = Settings(home=home)
    store = Store(settings.database_url)
    store.upgrade()
    tree = load_tree()
    ensure_bundled(store, tree)
    work = Casework(store, settings, LiveScreener(settings, store, tree), tree)
    case = work.create(SEED, Actor("officer:alice", "officer"))
    work.act(case["id"], ActionRequest("clear", "authorized", "exemption granted",
                                       reference="1718/EXEMPTION/2023/12", expires="2099-01-01"),
             Actor("officer:alice", "officer"))  # fmt: skip
    work.act(case["id"], ActionRequest("approve", "four_eyes_agreed", "checked the exemption",
                                       decision_sha256=case["decision_sha256"]),
             Actor("officer:bob", "approver"))  # fmt: skip
    store.dispose()
    return home


def test_officers_are_created_with_a_hashed_password(tmp_path):
    result = _run(tmp_path, "officers", "create", "alice", "--role", "approver",
                  "--password-stdin", stdin="correct horse battery\n")  # fmt: skip
    assert result.exit_code == 0 and "created officer alice (approver)" in result.output
    assert b"correct horse battery" not in (tmp_path / "sanctions.db").read_bytes()
    again = _run(tmp_path, "officers", "create", "alice", "--password-stdin", stdin="x" * 20)
    assert again.exit_code != 0 and "exists already" in again.output
    short = _run(tmp_path, "officers", "create", "bob", "--password-stdin", stdin="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    listed = json.loads(_run(tmp_path, "officers", "list").stdout)
    assert listed["username"] == "alice" and "password" not in json.dumps(listed)


def test_a_stored_decision_replays_identically(home):
    result = _run(home, "cases", "replay", "1")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["identical"] and body["differences"] == []
    assert body["versions"]["list"].startswith("un:2026-05-08")
    assert _run(home, "cases", "replay", "99").exit_code != 0


def test_audit_verify_names_a_changed_row(home, tmp_path):
    ok = _run(home, "audit", "verify")
    assert ok.exit_code == 0 and "verified: 4 entries" in ok.output
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "sanctions.db").write_bytes((home / "sanctions.db").read_bytes())
    with sqlite3.connect(copy / "sanctions.db") as db:
        db.execute("UPDATE audit_log SET data = replace(data, 'checked', 'skipped') WHERE seq = 4")
    broken = _run(copy, "audit", "verify")
    assert broken.exit_code == 1
    assert "audit log broken at entry 4" in broken.output and "action.approve" in broken.output


def test_an_export_kept_elsewhere_catches_cut_off_entries(home, tmp_path):
    export = tmp_path / "audit.jsonl"
    assert _run(home, "audit", "export", str(export)).exit_code == 0
    lines = [json.loads(line) for line in export.read_text().splitlines()]
    assert [e["seq"] for e in lines[:-1]] == [1, 2, 3, 4] and lines[-1]["head"]["seq"] == 4
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "sanctions.db").write_bytes((home / "sanctions.db").read_bytes())
    with sqlite3.connect(copy / "sanctions.db") as db:  # remove the newest entry and the head
        db.execute("DELETE FROM audit_log WHERE seq = 4")
        db.execute(
            "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)"
        )
    assert _run(copy, "audit", "verify").exit_code == 0  # the database alone cannot tell
    cut = _run(copy, "audit", "verify", "--head", str(export))
    assert cut.exit_code == 1 and "newest entries were removed" in cut.output
