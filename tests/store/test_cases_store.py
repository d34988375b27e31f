"""The cases tables on SQLite and the real PostgreSQL: migrations equal the models, the audit
chain holds and names a changed row, and in PostgreSQL nobody can update or delete audit rows."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from service.cases import verify
from service.store import Store
from service.store.models import Base

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _chain(store: Store, n: int) -> None:
    for i in range(n):
        with store.cases.write() as w:
            w.audit("officer:alice", "action.comment", 7, {"i": i, "reason": "é ✓"})


def test_migrations_create_exactly_the_models(store):
    with store.db.engine.connect() as conn:
        opts = {"include_schemas": False}
        if store.db.schema:
            conn = conn.execution_options(schema_translate_map={None: store.db.schema})
            conn.exec_driver_sql(f'SET search_path TO "{store.db.schema}"')
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_the_chain_verifies_and_names_a_changed_entry(store):
    _chain(store, 5)
    verdict = verify(store)
    assert verdict.ok and verdict.entries == 5 and verdict.head == store.audit.head()
    table = f'"{store.db.schema}".audit_log' if store.db.schema else "audit_log"
    with store.db.engine.begin() as conn:
        if store.db.is_postgresql:  # the superuser lifts the defence in depth to tamper
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        conn.execute(text(f"UPDATE {table} SET actor = 'officer:mallory' WHERE seq = 3"))
    verdict = verify(store)
    assert not verdict.ok and verdict.broken_seq == 3
    assert "entry 3" in verdict.problem and "changed" in verdict.problem


def test_removing_the_newest_entries_shows(store):
    _chain(store, 4)
    kept = store.audit.head()
    table = f'"{store.db.schema}".audit_log' if store.db.schema else "audit_log"
    with store.db.engine.begin() as conn:
        if store.db.is_postgresql:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        conn.execute(text(f"DELETE FROM {table} WHERE seq = 4"))
    assert not verify(store).ok  # the head row still names entry 4
    head = f'"{store.db.schema}".audit_head' if store.db.schema else "audit_head"
    with store.db.engine.begin() as conn:  # a careful tamperer rewrites the head row too
        prev = conn.execute(text(f"SELECT hash FROM {table} WHERE seq = 3")).scalar_one()
        conn.execute(text(f"UPDATE {head} SET seq = 3, hash = :h"), {"h": prev})
    assert verify(store).ok  # the database alone cannot tell
    verdict = verify(store, kept)  # a head exported earlier and kept elsewhere can
    assert not verdict.ok and "newest entries were removed" in verdict.problem


def test_postgresql_refuses_updates_and_deletes_of_audit_rows(pg_store):
    _chain(pg_store, 2)
    schema = pg_store.db.schema
    role = f"{schema}_app"
    with pg_store.db.engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"'))
        conn.execute(text(f'GRANT SELECT, INSERT ON "{schema}".audit_log TO "{role}"'))
    app = create_engine(POSTGRES.replace("postgres@", f"{role}@"))
    try:
        with app.connect() as conn:
            rows = conn.execute(text(f'SELECT count(*) FROM "{schema}".audit_log')).scalar_one()
            assert rows == 2  # the application's role reads the log ...
        for statement in (
            f"UPDATE \"{schema}\".audit_log SET actor = 'x' WHERE seq = 1",
            f'DELETE FROM "{schema}".audit_log WHERE seq = 2',
        ):
            with app.connect() as conn, pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text(statement))  # ... and may neither change nor remove it
        # defence in depth: even the owner is refused by the trigger
        for statement in (
            f"UPDATE \"{schema}\".audit_log SET actor = 'x' WHERE seq = 1",
            f'DELETE FROM "{schema}".audit_log',
            f'TRUNCATE "{schema}".audit_log',
        ):
            with (
                pg_store.db.engine.connect() as conn,
                pytest.raises(DBAPIError, match="append-only"),
            ):
                conn.execute(text(statement))
        assert verify(pg_store).ok
    finally:
        app.dispose()
        with pg_store.db.engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))


def test_concurrent_writers_keep_one_chain(tmp_path):
    import threading

    store = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    store.upgrade()
    try:
        threads = [threading.Thread(target=_chain, args=(store, 10)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        verdict = verify(store)
        assert verdict.ok and verdict.entries == 40
    finally:
        store.db.drop_all()
        store.dispose()


def test_casework_on_postgresql(pg_store):
    """The whole flow on PostgreSQL: decisions keep their hash through JSON, four eyes, a
    dismissal remembered, a replay from the snapshot identical, the chain verified."""
    import json
    from pathlib import Path

    from service.cases import ActionRequest, Actor, Casework, MatchRef
    from service.ruletree import load_tree
    from service.screening import LiveScreener
    from service.settings import Settings

    seed = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "seed.json").read_text())
    tree = load_tree()
    settings = Settings()
    work = Casework(pg_store, settings, LiveScreener(settings, pg_store, tree), tree)
    alice, bob = Actor("officer:alice", "officer"), Actor("officer:bob", "approver")
    case = work.create(seed, alice)
    assert work.store.cases.decision(case["decision_id"]).body == case["decision"]
    case = work.act(case["id"], ActionRequest("dismiss", "false_positive", "another firm",
                                              evidence="registered in Panama",
                                              match=MatchRef(0, "un", "KPe.001")), alice)  # fmt: skip
    case = work.act(case["id"], ActionRequest("approve", "four_eyes_agreed", "agreed",
                                              decision_sha256=case["decision_sha256"]), bob)  # fmt: skip
    assert case["decision"]["parties"][0]["suppressed"][0]["reference"] == "KPe.001"
    again = work.create(seed, alice)
    assert again["decision"]["parties"][0]["suppressed"][0]["reference"] == "KPe.001"
    result = work.replay(case["id"], reuse=False)
    assert result["identical"], result["differences"]
    assert verify(pg_store).ok
