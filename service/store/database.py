"""One database: an engine, short sessions, migrations, and a ping for /readyz.

SQLite (the embedded default) and PostgreSQL are both supported; ``schema`` puts every table
in a PostgreSQL schema of that name (tests use one per run so parallel runs never collide).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from service.store.models import Base

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ADVISORY_LOCK = 7_411_882  # PostgreSQL advisory lock held while one process migrates


class StoreError(RuntimeError):
    """The store cannot do what was asked (bad role, unreachable database, …)."""


def utc(value: dt.datetime) -> dt.datetime:
    """A stored time as UTC (SQLite drops the zone; we only ever write UTC)."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def make_engine(url: str, schema: str | None = None) -> Engine:
    """An engine for ``url``; in-memory SQLite shares one connection across threads."""
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if schema:
        engine = engine.execution_options(schema_translate_map={None: schema})
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL lets API workers read while one writes; busy_timeout waits instead of failing.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Database:
    """The engine and session factory of one database URL (and PostgreSQL schema)."""

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        self.url = url
        self.schema = schema
        self.engine = make_engine(url, schema)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction, committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def ping(self) -> None:
        """Raise if the database cannot answer a trivial query."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()

    # --- migrations --------------------------------------------------------------------------

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (idempotent; one process at a time)."""
        from alembic import command

        if self.at_head():
            return
        with self.engine.begin() as conn:
            if self.schema:
                conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            if self.is_postgresql:
                conn.execute(text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})"))
            command.upgrade(self._alembic(conn), "head")

    def revision(self) -> str | None:
        """The migration the database is at (None: no migration applied)."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(
                conn, opts=self._context_opts()
            ).get_current_revision()

    def head(self) -> str:
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self._alembic(None)).get_current_head()
        assert head is not None
        return head

    def at_head(self) -> bool:
        try:
            return self.revision() == self.head()
        except Exception:  # no schema yet, or no version table: not at head
            return False

    def drop_all(self) -> None:
        """Drop every table (and the schema): for tests."""
        with self.engine.begin() as conn:
            if self.schema:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            else:
                Base.metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))

    def table_names(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(inspect(conn).get_table_names(schema=self.schema))

    def _context_opts(self) -> dict[str, Any]:
        return {"version_table_schema": self.schema} if self.schema else {}

    def _alembic(self, conn: Connection | None) -> Any:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        cfg.attributes["schema"] = self.schema
        return cfg
