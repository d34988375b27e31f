"""Migrations from an empty database give exactly the tables of the models, on both backends."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import text

from service.cli.main import cli
from service.store import Store
from service.store.models import Base

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(request, tmp_path):
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    else:
        store = Store(POSTGRES, schema=f"m_{uuid.uuid4().hex[:12]}")
    yield store
    store.db.drop_all()
    store.dispose()


def test_migrations_from_empty_equal_the_models(empty):
    assert empty.db.revision() is None
    empty.upgrade()
    assert empty.db.revision() == empty.db.head()
    opts = {"version_table_schema": empty.db.schema} if empty.db.schema else {}
    with empty.db.engine.connect() as conn:
        if empty.db.schema:  # compare in the test's own schema, where the tables were made
            conn.execute(text(f'SET search_path TO "{empty.db.schema}"'))

        def ours(name, kind, parent):  # Alembic's own bookkeeping table is not a model
            return not (kind == "table" and name == "alembic_version")

        context = MigrationContext.configure(
            conn, opts={**opts, "compare_type": True, "include_name": ours}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_is_idempotent_and_keeps_data(empty):
    empty.upgrade()
    secret = empty.keys.create("screener")
    empty.upgrade()
    assert empty.keys.authenticate(secret) is not None


def test_db_upgrade_command(tmp_path, monkeypatch):
    monkeypatch.setenv("SANCTIONS_HOME", str(tmp_path))
    runner = CliRunner()
    head = Store("sqlite://").db.head()
    first = runner.invoke(cli, ["db", "upgrade"])
    assert first.exit_code == 0 and f"upgraded an empty database -> {head}" in first.output
    again = runner.invoke(cli, ["db", "upgrade"])
    assert again.exit_code == 0 and f"already at {head}" in again.output
    shown = runner.invoke(cli, ["db", "show"])
    assert f"database at {head}; newest {head}" in shown.output
