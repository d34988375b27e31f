"""The store on real SQLite and the real PostgreSQL server (one schema per test, dropped after)."""

from __future__ import annotations

import gzip
import uuid

import pytest
from sqlalchemy.exc import OperationalError

from service.store import Store, StoreError

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    else:
        store = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    try:
        store.create_all()
    except OperationalError as exc:  # pragma: no cover - a machine without the server
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES}: {exc}")
    yield store
    store.drop_all()
    store.dispose()


def test_create_all_is_idempotent(store):
    secret = store.create_key("screener", "kept")
    store.create_all()  # a second start must neither fail nor drop what is stored
    store.ping()
    key = store.authenticate(secret)
    assert key is not None and key.role == "screener"


def test_keys_are_hashed_and_authenticate(store):
    assert not store.has_keys()
    secret = store.create_key("officer", "desk 4")
    assert secret.startswith("sk_") and len(secret) > 40
    assert store.has_keys()
    key = store.authenticate(secret)
    assert key is not None and (key.name, key.role) == ("desk 4", "officer")
    assert store.authenticate(secret + "x") is None
    assert store.authenticate("") is None
    listed = store.list_keys()
    assert [k["role"] for k in listed] == ["officer"]
    assert secret not in str(listed)


def test_revoked_keys_do_not_authenticate(store):
    secret = store.create_key("admin")
    key = store.authenticate(secret)
    assert store.revoke_key(key.id)
    assert store.authenticate(secret) is None
    assert not store.revoke_key(99999)
    assert not store.has_keys()


def test_unknown_roles_are_refused(store):
    with pytest.raises(StoreError, match="unknown role"):
        store.create_key("root")


def test_list_versions_newest_first_with_raw_bytes(store):
    raw = b"<CONSOLIDATED_LIST dateGenerated='2026-05-08T23:00:06.922Z'/>"
    first = store.add_list(
        "un", "un:2026-05-08T23:00:06Z", "2026-05-08T23:00:06.922Z", "a" * 64, {"DPRK": 2}, raw
    )
    second = store.add_list(
        "un",
        "un:2026-06-01T00:00:00Z",
        "2026-06-01T00:00:00Z",
        "b" * 64,
        {"DPRK": 3, "IRAN": 1},
        gzip.compress(raw),
    )
    versions = store.lists()
    assert [v.id for v in versions] == [second.id, first.id]
    assert store.current_list() == second
    assert versions[1].counts == {"DPRK": 2}
    assert versions[0].loaded_at.tzinfo is not None
    assert store.list_bytes(first.id) == raw
    assert store.list_bytes(second.id) == raw
    assert store.list_bytes(12345) is None
    assert store.current_list("other") is None


def test_postgres_schemas_keep_parallel_runs_apart(tmp_path):
    a = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    b = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    try:
        a.create_all()
        b.create_all()
        secret = a.create_key("screener")
        assert a.authenticate(secret) is not None
        assert b.authenticate(secret) is None
    finally:
        a.drop_all()
        b.drop_all()
