"""SQLAlchemy 2 tables, one group per aggregate; every change comes with a migration.

A test upgrades an empty database through every migration and compares it with these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    """An API key; only the sha256 of the secret is kept, so a leaked database leaks no key."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ListVersion(Base):
    """One loaded version of a sanctions list, with its raw bytes (gzip) for reproducibility."""

    __tablename__ = "list_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    format: Mapped[str] = mapped_column(String(40), default="un-xml")  # the reader for ``raw``
    version: Mapped[str] = mapped_column(String(100))
    date_generated: Mapped[str] = mapped_column(String(60))
    sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    # an admin loaded it past a refusal (older, smaller, …): who and why, for the audit
    forced_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    loaded_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
