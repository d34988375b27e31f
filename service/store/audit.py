"""The audit log: append-only and hash-chained, written in the transaction of what it records.

Each entry's ``hash`` is the sha256 of the previous entry's hash and the entry's canonical JSON
(:func:`entry_hash`), so changing, removing or inserting a row breaks every hash after it; the
head row (``audit_head``) names the newest entry, so removing the newest rows shows too, and an
exported head kept elsewhere shows it even when the head row is rewritten as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.store.database import Database, utc
from service.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64
BATCH = 1_000


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    at: dt.datetime
    actor: str
    action: str
    case_id: int | None
    data: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": stamp(self.at),
            "actor": self.actor,
            "action": self.action,
            "case_id": self.case_id,
            "data": self.data,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def stamp(at: dt.datetime) -> str:
    """A time as the chain hashes it: UTC, microseconds, explicit offset."""
    return utc(at).astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(
    prev_hash: str, seq: int, at: dt.datetime, actor: str, action: str,
    case_id: int | None, data: dict[str, Any],
) -> str:  # fmt: skip
    body = {"seq": seq, "at": stamp(at), "actor": actor, "action": action,
            "case_id": case_id, "data": data}  # fmt: skip
    return hashlib.sha256(f"{prev_hash}\n{canonical(body)}".encode()).hexdigest()


def lock_head(session: Session) -> None:
    """Take the chain's write lock: touch the head row before anything else is read."""
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq))


def append(
    session: Session, actor: str, action: str, case_id: int | None, data: dict[str, Any]
) -> AuditRecord:
    """Add one entry after the head (the caller's transaction holds the lock)."""
    head = session.get(AuditHead, 1, populate_existing=True)
    if head is None:  # pragma: no cover - the migration creates it
        raise RuntimeError("the audit head row is missing; run the migrations")
    at = dt.datetime.now(dt.UTC)
    seq, prev = head.seq + 1, head.hash
    digest = entry_hash(prev, seq, at, actor, action, case_id, data)
    session.add(AuditEntry(seq=seq, at=at, actor=actor, action=action, case_id=case_id,
                           data=data, prev_hash=prev, hash=digest))  # fmt: skip
    head.seq, head.hash = seq, digest
    session.flush()
    return AuditRecord(seq, at, actor, action, case_id, data, prev, digest)


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def head(self) -> tuple[int, str]:
        """The newest entry's number and hash, as the head row records them."""
        with self.db.session() as s:
            row = s.get(AuditHead, 1)
            return (row.seq, row.hash) if row else (0, GENESIS)

    def entries(self, case_id: int | None = None, after: int = 0) -> Iterator[AuditRecord]:
        """Entries in chain order (of one case), read in batches."""
        while True:
            query = select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq)
            if case_id is not None:
                query = query.where(AuditEntry.case_id == case_id)
            with self.db.session() as s:
                rows = [_record(r) for r in s.scalars(query.limit(BATCH))]
            yield from rows
            if len(rows) < BATCH:
                return
            after = rows[-1].seq

    def entry(self, seq: int) -> AuditRecord | None:
        with self.db.session() as s:
            row = s.get(AuditEntry, seq)
            return _record(row) if row else None


def _record(row: AuditEntry) -> AuditRecord:
    return AuditRecord(row.seq, utc(row.at), row.actor, row.action, row.case_id, dict(row.data),
                       row.prev_hash, row.hash)  # fmt: skip
