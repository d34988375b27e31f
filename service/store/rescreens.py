"""Stored screenings (kept to be screened again) and re-screenings.

A screening is recorded once per ``source`` ("on conflict do nothing"), so a job chunk run twice
records its items once. A re-screen updates a stored screening only if it still holds the
versions the re-screen started from (compare and set): two re-screens in flight never write an
older result over a newer one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from service.store.database import Database, utc
from service.store.models import Rescreen, StoredScreening

PAGE = 2000  # stored screenings read per query when walking the window


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    id: int
    source: str
    kind: str
    reference: str | None
    key_id: int | None
    screened_at: dt.datetime
    transaction: dict[str, Any]
    outcome: str
    summary: dict[str, Any]
    rules_version: str
    list_version: str


@dataclass(frozen=True, slots=True)
class RescreenRecord:
    id: str
    job_id: str | None
    trigger: str
    mode: str
    status: str
    key_id: int | None
    owner: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    before: dict[str, Any]
    after: dict[str, Any]
    delta: dict[str, Any]
    examined: int
    selected: int
    error: str | None


def _screening(r: StoredScreening) -> ScreeningRecord:
    return ScreeningRecord(r.id, r.source, r.kind, r.reference, r.key_id, utc(r.screened_at),
                           r.transaction, r.outcome, r.summary, r.rules_version, r.list_version)  # fmt: skip


def _rescreen(r: Rescreen) -> RescreenRecord:
    return RescreenRecord(
        r.id, r.job_id, r.trigger, r.mode, r.status, r.key_id, r.owner, utc(r.created_at),
        utc(r.finished_at) if r.finished_at is not None else None, r.before, r.after, r.delta,
        r.examined, r.selected, r.error,
    )  # fmt: skip


class ScreeningRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, rows: Sequence[dict[str, Any]]) -> None:
        """Keep screenings (dicts of the :class:`StoredScreening` columns but ``id``); one whose
        ``source`` is already kept is left as it is."""
        if not rows:
            return
        now = dt.datetime.now(dt.UTC)
        rows = [{"screened_at": now, **r} for r in rows]
        dialect = postgresql if self.db.is_postgresql else sqlite
        statement = dialect.insert(StoredScreening).on_conflict_do_nothing(
            index_elements=["source"]
        )
        with self.db.session() as s:
            s.execute(statement, rows)

    def get(self, screening_id: int) -> ScreeningRecord | None:
        with self.db.session() as s:
            row = s.get(StoredScreening, screening_id)
            return _screening(row) if row is not None else None

    def since(self, start: dt.datetime) -> Iterator[ScreeningRecord]:
        """Every screening kept since ``start``, oldest first, read page by page."""
        last = 0
        while True:
            with self.db.session() as s:
                rows = [_screening(r) for r in s.scalars(
                    select(StoredScreening)
                    .where(StoredScreening.screened_at >= start, StoredScreening.id > last)
                    .order_by(StoredScreening.id).limit(PAGE)
                )]  # fmt: skip
            yield from rows
            if len(rows) < PAGE:
                return
            last = rows[-1].id

    def other_rules(self, since: dt.datetime, version: str) -> bool:
        """Whether a screening kept since ``since`` was made under another rule set."""
        with self.db.session() as s:
            return s.scalar(select(StoredScreening.id).where(
                StoredScreening.screened_at >= since, StoredScreening.rules_version != version
            ).limit(1)) is not None  # fmt: skip

    def count(self) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(StoredScreening)) or 0)

    def update(
        self, screening_id: int, versions_before: tuple[str, str], outcome: str,
        summary: dict[str, Any], versions_after: tuple[str, str],
    ) -> bool:  # fmt: skip
        """Store a re-screen's result if the screening still holds ``versions_before`` (rules,
        list); True when it did."""
        with self.db.session() as s:
            done = s.execute(
                update(StoredScreening)
                .where(StoredScreening.id == screening_id,
                       StoredScreening.rules_version == versions_before[0],
                       StoredScreening.list_version == versions_before[1])
                .values(outcome=outcome, summary=summary, rules_version=versions_after[0],
                        list_version=versions_after[1])
            )  # fmt: skip
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def advance(
        self, ids: Sequence[int], versions_before: tuple[str, str], versions_after: tuple[str, str]
    ) -> None:
        """Screenings the change cannot affect now hold the new versions (their findings stay)."""
        with self.db.session() as s:
            for start in range(0, len(ids), 1000):
                s.execute(
                    update(StoredScreening)
                    .where(StoredScreening.id.in_(ids[start : start + 1000]),
                           StoredScreening.rules_version == versions_before[0],
                           StoredScreening.list_version == versions_before[1])
                    .values(rules_version=versions_after[0], list_version=versions_after[1])
                )  # fmt: skip

    def prune(self, before: dt.datetime) -> int:
        """Forget screenings older than the window; how many."""
        with self.db.session() as s:
            done = s.execute(delete(StoredScreening).where(StoredScreening.screened_at < before))
            return int(done.rowcount)  # type: ignore[attr-defined]


class RescreenRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def claim(self, rescreen_id: str, claim: str, owner: str) -> bool:
        """Reserve the re-screening named ``claim`` (status ``planning``); False when another
        process holds it already."""
        try:
            with self.db.session() as s:
                s.add(Rescreen(id=rescreen_id, job_id=None, trigger="rules", mode="shortcut",
                               status="planning", key_id=None, owner=owner,
                               created_at=dt.datetime.now(dt.UTC), before={}, after={},
                               delta={}, examined=0, selected=0, claim=claim))  # fmt: skip
        except IntegrityError:
            return False
        return True

    def create(self, record: RescreenRecord) -> None:
        if self.get(record.id) is not None:  # claimed: fill it in
            values = {f: getattr(record, f) for f in RescreenRecord.__slots__ if f != "id"}
            self.update(record.id, **values)
            return
        with self.db.session() as s:
            s.add(Rescreen(
                id=record.id, job_id=record.job_id, trigger=record.trigger, mode=record.mode,
                status=record.status, key_id=record.key_id, owner=record.owner,
                created_at=record.created_at, finished_at=record.finished_at,
                before=record.before, after=record.after, delta=record.delta,
                examined=record.examined, selected=record.selected, error=record.error,
            ))  # fmt: skip

    def update(self, rescreen_id: str, **values: Any) -> None:
        with self.db.session() as s:
            s.execute(update(Rescreen).where(Rescreen.id == rescreen_id).values(**values))

    def get(self, rescreen_id: str) -> RescreenRecord | None:
        with self.db.session() as s:
            row = s.get(Rescreen, rescreen_id)
            return _rescreen(row) if row is not None else None

    def by_job(self, job_id: str) -> RescreenRecord | None:
        with self.db.session() as s:
            row = s.scalar(select(Rescreen).where(Rescreen.job_id == job_id))
            return _rescreen(row) if row is not None else None

    def find(self, key_id: int | None, limit: int = 100) -> list[RescreenRecord]:
        """Newest first; ``key_id`` None lists all of them (an admin)."""
        query = select(Rescreen).where(Rescreen.status != "planning")
        if key_id is not None:
            query = query.where(Rescreen.key_id == key_id)
        with self.db.session() as s:
            rows = s.scalars(query.order_by(Rescreen.created_at.desc(), Rescreen.id).limit(limit))
            return [_rescreen(r) for r in rows]
