"""``sanctions keys create|list|revoke`` against a real SQLite file under SANCTIONS_HOME."""

from __future__ import annotations

import json

from click.testing import CliRunner

from service.cli.main import cli
from service.store import Store


def _run(tmp_path, *args):
    env = {"SANCTIONS_HOME": str(tmp_path), "SANCTIONS_DATABASE_URL": ""}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_create_prints_only_the_key(tmp_path):
    result = _run(tmp_path, "keys", "create", "--role", "officer", "--name", "desk 4")
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert secret.startswith("sk_") and "\n" not in secret and " " not in secret
    store = Store(f"sqlite:///{tmp_path / 'sanctions.db'}")
    key = store.keys.authenticate(secret)
    assert key is not None and (key.name, key.role) == ("desk 4", "officer")
    assert secret.encode() not in (tmp_path / "sanctions.db").read_bytes()


def test_unknown_role_is_a_usage_error(tmp_path):
    result = _run(tmp_path, "keys", "create", "--role", "root")
    assert result.exit_code == 2


def test_list_and_revoke(tmp_path):
    secret = _run(tmp_path, "keys", "create", "--role", "screener").stdout.strip()
    listed = [json.loads(line) for line in _run(tmp_path, "keys", "list").stdout.splitlines()]
    assert [(k["id"], k["role"], k["revoked"]) for k in listed] == [(1, "screener", False)]
    assert secret not in str(listed)
    assert _run(tmp_path, "keys", "revoke", "1").exit_code == 0
    assert Store(f"sqlite:///{tmp_path / 'sanctions.db'}").keys.authenticate(secret) is None
    assert _run(tmp_path, "keys", "revoke", "7").exit_code != 0
