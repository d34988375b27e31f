"""Stored versions of sanctions lists: metadata for /v1/lists and the raw bytes for replay."""

from __future__ import annotations

import datetime as dt
import gzip
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from service.store.database import Database, utc
from service.store.models import ListVersion


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: int
    source: str
    version: str
    date_generated: str
    sha256: str
    counts: dict[str, int]
    loaded_at: dt.datetime
    entries: int = 0
    forced_reason: str | None = None
    loaded_by: str | None = None
    format: str = "un-xml"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "version": self.version,
            "date_generated": self.date_generated,
            "sha256": self.sha256,
            "counts": dict(self.counts),
            "loaded_at": self.loaded_at.isoformat(),
            "entries": self.entries or sum(self.counts.values()),
            "format": self.format,
        }
        if self.forced_reason:
            out["forced_reason"] = self.forced_reason
        if self.loaded_by:
            out["loaded_by"] = self.loaded_by
        return out


class ListRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        source: str,
        version: str,
        date_generated: str,
        sha256: str,
        counts: dict[str, int],
        raw: bytes,
        *,
        fmt: str = "un-xml",
        forced_reason: str | None = None,
        loaded_by: str | None = None,
    ) -> ListInfo:
        """Store a parsed list version; ``raw`` is kept gzip-compressed."""
        blob = raw if raw[:2] == b"\x1f\x8b" else gzip.compress(raw, mtime=0)
        row = ListVersion(
            source=source, format=fmt, version=version, date_generated=date_generated, sha256=sha256,
            counts=dict(counts), raw=blob, loaded_at=dt.datetime.now(dt.UTC),
            entries=sum(counts.values()), forced_reason=forced_reason, loaded_by=loaded_by,
        )  # fmt: skip
        with self.db.session() as s:
            s.add(row)
            s.flush()
            return _info(row)

    def versions(self, source: str | None = None) -> list[ListInfo]:
        """Every stored version (of one source), newest first."""
        query = select(ListVersion).order_by(ListVersion.id.desc())
        if source:
            query = query.where(ListVersion.source == source)
        with self.db.session() as s:
            return [_info(row) for row in s.execute(query.with_only_columns(*_COLUMNS))]

    def current(self, source: str = "un") -> ListInfo | None:
        """The newest stored version of a source (the one screenings use)."""
        query = (
            select(*_COLUMNS)
            .where(ListVersion.source == source)
            .order_by(ListVersion.id.desc())
            .limit(1)
        )
        with self.db.session() as s:
            row = s.execute(query).first()
            return _info(row) if row is not None else None

    def current_all(self) -> dict[str, ListInfo]:
        """The newest version of every source stored."""
        newest = select(func.max(ListVersion.id)).group_by(ListVersion.source)
        query = select(*_COLUMNS).where(ListVersion.id.in_(newest))
        with self.db.session() as s:
            rows = [_info(row) for row in s.execute(query)]
        return {info.source: info for info in sorted(rows, key=lambda i: i.source)}

    def get(self, list_id: int) -> ListInfo | None:
        with self.db.session() as s:
            row = s.execute(select(*_COLUMNS).where(ListVersion.id == list_id)).first()
            return _info(row) if row is not None else None

    def raw(self, list_id: int) -> bytes | None:
        """The raw (uncompressed) bytes of a stored version."""
        with self.db.session() as s:
            blob = s.scalar(select(ListVersion.raw).where(ListVersion.id == list_id))
            return None if blob is None else gzip.decompress(blob)


_COLUMNS = (
    ListVersion.id, ListVersion.source, ListVersion.version, ListVersion.date_generated,
    ListVersion.sha256, ListVersion.counts, ListVersion.loaded_at, ListVersion.entries,
    ListVersion.forced_reason, ListVersion.loaded_by, ListVersion.format,
)  # fmt: skip


def _info(row: Any) -> ListInfo:
    return ListInfo(
        row.id, row.source, row.version, row.date_generated, row.sha256, dict(row.counts),
        utc(row.loaded_at), row.entries or 0, row.forced_reason, row.loaded_by, row.format,
    )  # fmt: skip
