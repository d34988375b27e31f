"""The store on real SQLite and the real PostgreSQL server (one schema per test, dropped after)."""

from __future__ import annotations

import gzip
import uuid

import pytest

from service.store import Store, StoreError

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def test_create_all_is_idempotent(store):
    secret = store.keys.create("screener", "kept")
    store.upgrade()  # a second start must neither fail nor drop what is stored
    store.ping()
    key = store.keys.authenticate(secret)
    assert key is not None and key.role == "screener"


def test_keys_are_hashed_and_authenticate(store):
    assert not store.keys.any()
    secret = store.keys.create("officer", "desk 4")
    assert secret.startswith("sk_") and len(secret) > 40
    assert store.keys.any()
    key = store.keys.authenticate(secret)
    assert key is not None and (key.name, key.role) == ("desk 4", "officer")
    assert store.keys.authenticate(secret + "x") is None
    assert store.keys.authenticate("") is None
    listed = store.keys.all()
    assert [k["role"] for k in listed] == ["officer"]
    assert secret not in str(listed)


def test_revoked_keys_do_not_authenticate(store):
    secret = store.keys.create("admin")
    key = store.keys.authenticate(secret)
    assert store.keys.revoke(key.id)
    assert store.keys.authenticate(secret) is None
    assert not store.keys.revoke(99999)
    assert not store.keys.any()


def test_unknown_roles_are_refused(store):
    with pytest.raises(StoreError, match="unknown role"):
        store.keys.create("root")


def test_list_versions_newest_first_with_raw_bytes(store):
    raw = b"<CONSOLIDATED_LIST dateGenerated='2026-05-08T23:00:06.922Z'/>"
    first = store.lists.add(
        "un", "un:2026-05-08T23:00:06Z", "2026-05-08T23:00:06.922Z", "a" * 64, {"DPRK": 2}, raw
    )
    second = store.lists.add(
        "un",
        "un:2026-06-01T00:00:00Z",
        "2026-06-01T00:00:00Z",
        "b" * 64,
        {"DPRK": 3, "IRAN": 1},
        gzip.compress(raw),
    )
    versions = store.lists.versions()
    assert [v.id for v in versions] == [second.id, first.id]
    assert store.lists.current() == second
    assert versions[1].counts == {"DPRK": 2}
    assert versions[0].loaded_at.tzinfo is not None
    assert store.lists.raw(first.id) == raw
    assert store.lists.raw(second.id) == raw
    assert store.lists.raw(12345) is None
    assert store.lists.current("other") is None


def test_postgres_schemas_keep_parallel_runs_apart(tmp_path):
    a = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    b = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    try:
        a.upgrade()
        b.upgrade()
        secret = a.keys.create("screener")
        assert a.keys.authenticate(secret) is not None
        assert b.keys.authenticate(secret) is None
    finally:
        a.db.drop_all()
        b.db.drop_all()
