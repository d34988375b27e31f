"""The store: one engine, short sessions, and the few operations the edges need.

SQLite (the embedded default) and PostgreSQL are both supported; ``schema`` puts every table
in a PostgreSQL schema of that name (tests use one per run so parallel runs never collide).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import hmac
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from service.store.models import ApiKey, Base, ListVersion

ROLES = ("screener", "officer", "approver", "admin")
KEY_PREFIX = "sk_"


class StoreError(RuntimeError):
    """The store cannot do what was asked (bad role, unreachable database, …)."""


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Who a presented key belongs to (never the key itself)."""

    id: int
    name: str
    role: str
    key_hash: str  # identifies the key across processes (rate-limit counters) without the secret


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: int
    source: str
    version: str
    date_generated: str
    sha256: str
    counts: dict[str, int]
    loaded_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "version": self.version,
            "date_generated": self.date_generated,
            "sha256": self.sha256,
            "counts": dict(self.counts),
            "loaded_at": self.loaded_at.isoformat(),
        }


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


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
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


class Store:
    """Database access for the edges (API, CLI); every method opens its own short session."""

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        self.url = url
        self.schema = schema
        self.engine = make_engine(url, schema)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def create_all(self) -> None:
        """Create missing tables (and the schema); no migration tool is needed yet."""
        with self.engine.begin() as conn:
            if self.schema:
                conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
            Base.metadata.create_all(conn)

    def drop_all(self) -> None:
        with self.engine.begin() as conn:
            Base.metadata.drop_all(conn)
            if self.schema:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def ping(self) -> None:
        """Raise if the database cannot answer a trivial query."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    # --- API keys -------------------------------------------------------------------------

    def create_key(self, role: str, name: str | None = None) -> str:
        """Create a key and return the secret; only its sha256 is stored."""
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.session() as s:
            s.add(ApiKey(name=name or role, role=role, key_hash=hash_key(secret)))
        return secret

    def has_keys(self) -> bool:
        with self.session() as s:
            return s.scalar(select(ApiKey.id).where(ApiKey.revoked.is_(False)).limit(1)) is not None

    def authenticate(self, secret: str) -> KeyInfo | None:
        """The key's owner, or None for an unknown or revoked key."""
        digest = hash_key(secret)
        with self.session() as s:
            row = s.scalar(select(ApiKey).where(ApiKey.key_hash == digest))
            # The lookup is by hash; compare in constant time anyway, so timing says nothing.
            if row is None or row.revoked or not hmac.compare_digest(row.key_hash, digest):
                return None
            return KeyInfo(row.id, row.name, row.role, row.key_hash)

    def list_keys(self) -> list[dict[str, Any]]:
        """Every key's id, name, role, creation time and state (never the secret)."""
        with self.session() as s:
            return [
                {
                    "id": k.id,
                    "name": k.name,
                    "role": k.role,
                    "created_at": k.created_at.isoformat(),
                    "revoked": k.revoked,
                }
                for k in s.scalars(select(ApiKey).order_by(ApiKey.id))
            ]

    def revoke_key(self, key_id: int) -> bool:
        with self.session() as s:
            row = s.get(ApiKey, key_id)
            if row is None:
                return False
            row.revoked = True
            return True

    # --- list versions --------------------------------------------------------------------

    def add_list(
        self,
        source: str,
        version: str,
        date_generated: str,
        sha256: str,
        counts: dict[str, int],
        raw: bytes,
    ) -> ListInfo:
        """Store a parsed list version; ``raw`` is kept gzip-compressed."""
        blob = raw if raw[:2] == b"\x1f\x8b" else gzip.compress(raw, mtime=0)
        row = ListVersion(
            source=source,
            version=version,
            date_generated=date_generated,
            sha256=sha256,
            counts=dict(counts),
            raw=blob,
            loaded_at=dt.datetime.now(dt.UTC),
        )
        with self.session() as s:
            s.add(row)
            s.flush()
            return _info(row)

    def lists(self, source: str | None = None) -> list[ListInfo]:
        """Every stored version, newest first."""
        query = select(ListVersion).order_by(ListVersion.id.desc())
        if source:
            query = query.where(ListVersion.source == source)
        with self.session() as s:
            return [_info(row) for row in s.scalars(query)]

    def current_list(self, source: str = "un") -> ListInfo | None:
        found = self.lists(source)
        return found[0] if found else None

    def list_bytes(self, list_id: int) -> bytes | None:
        """The raw (uncompressed) bytes of a stored version."""
        with self.session() as s:
            row = s.get(ListVersion, list_id)
            return None if row is None else gzip.decompress(row.raw)


def _info(row: ListVersion) -> ListInfo:
    loaded = row.loaded_at
    if loaded.tzinfo is None:  # SQLite drops the zone; we only ever write UTC
        loaded = loaded.replace(tzinfo=dt.UTC)
    return ListInfo(
        row.id,
        row.source,
        row.version,
        row.date_generated,
        row.sha256,
        dict(row.counts),
        loaded,
    )
