"""The store under test: real SQLite and the real PostgreSQL server, one schema per test."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.exc import OperationalError

from service.store import Store

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_store() -> Store:
    """A store in a fresh schema of the test database (dropped by the caller)."""
    return Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")


def _upgraded(store: Store) -> Store:
    try:
        store.upgrade()
    except OperationalError as exc:  # pragma: no cover - a machine without the server
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES}: {exc}")
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An upgraded store on each backend."""
    sqlite = request.param == "sqlite"
    store = _upgraded(Store(f"sqlite:///{tmp_path / 'store.db'}") if sqlite else postgres_store())
    yield store
    store.db.drop_all()
    store.dispose()


@pytest.fixture
def pg_store():
    """An upgraded store on PostgreSQL only."""
    store = _upgraded(postgres_store())
    yield store
    store.db.drop_all()
    store.dispose()
