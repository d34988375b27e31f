"""Jobs, their items, chunks and results; worker heartbeats; webhook delivery attempts.

The database is the source of truth: a task message only names a job and a chunk. A result is
keyed by (job, item index) and inserted with "on conflict do nothing", so a chunk run twice (a
redelivered message, a re-enqueue by the reconciler) changes nothing. Progress is recounted from
the results, never incremented, for the same reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, and_, case, cast, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from service.store.database import Database, utc
from service.store.models import Job, JobChunk, JobItem, JobResult, JobWorker, WebhookDelivery

FINAL = ("done", "failed", "cancelled")


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: str
    kind: str
    status: str
    total: int
    done: int
    failed: int
    chunk_size: int
    key_id: int | None
    owner: str
    params: dict[str, Any]
    callback_url: str | None
    webhook_secret: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: str | None
    reenqueued: int  # enqueues beyond the first, over all chunks


@dataclass(frozen=True, slots=True)
class WorkItem:
    """An item still without a result: its body, or why it could not be read. As read from the
    store, ``raw`` is the stored JSON text of the body (``body`` None): a submission stores items
    without decoding them, and the worker decodes each (``service.jobs.run``)."""

    idx: int
    body: dict[str, Any] | None
    error: str | None
    raw: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    attempt: int
    at: dt.datetime
    url: str
    status_code: int | None
    ok: bool
    error: str | None
    duration_ms: float


def _opt(value: dt.datetime | None) -> dt.datetime | None:
    return utc(value) if value is not None else None


class JobRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- submission ------------------------------------------------------------------------

    def create(
        self, job_id: str, kind: str, owner: str, key_id: int | None, chunk_size: int,
        params: dict[str, Any], callback_url: str | None, webhook_secret: str | None,
    ) -> None:  # fmt: skip
        """A job being received (status ``receiving``: no chunk exists, no worker touches it)."""
        with self.db.session() as s:
            s.add(Job(id=job_id, kind=kind, status="receiving", total=0, chunk_size=chunk_size,
                      key_id=key_id, owner=owner, params=params, callback_url=callback_url,
                      webhook_secret=webhook_secret, created_at=dt.datetime.now(dt.UTC)))  # fmt: skip

    def add_items(
        self, job_id: str, start: int,
        items: Sequence[tuple[dict[str, Any] | str | None, str | None]],
    ) -> None:  # fmt: skip
        """Store one batch of items, numbered from ``start``, in one transaction. A body is a
        dict, or the JSON text of one, stored as it is (not decoded here: the worker decodes it).

        Rows go straight to the driver (SQLite: one prepared statement for the batch;
        PostgreSQL: COPY), which is most of the speed of a submission. PostgreSQL checks the
        JSON it stores: a batch it refuses is stored again row by row, a refused row becoming
        an error item (the worker gives it an error result; the others go on)."""
        if not items:
            return
        rows = [(job_id, start + i,
                 body if body is None or isinstance(body, str) else json.dumps(body), error)
                for i, (body, error) in enumerate(items)]  # fmt: skip
        if not self.db.is_postgresql:
            with self.db.session() as s:
                s.connection().exec_driver_sql(
                    "INSERT INTO job_items (job_id, idx, body, error) VALUES (?, ?, ?, ?)", rows
                )
            return
        try:
            with self.db.session() as s:
                self._copy(s.connection(), rows)
        except DataError:
            with self.db.session() as s:
                self._one_by_one(s, rows)

    def _table(self, conn: Connection) -> str:
        schema = self.db.schema
        prefix = conn.dialect.identifier_preparer.quote_schema(schema) + "." if schema else ""
        return prefix + JobItem.__tablename__

    def _copy(self, conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        raw = conn.connection.driver_connection
        assert raw is not None
        sql = f"COPY {self._table(conn)} (job_id, idx, body, error) FROM STDIN"
        try:
            with raw.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except Exception as exc:
            import psycopg

            if isinstance(exc, psycopg.DataError):
                raise DataError(sql, None, exc) from exc
            raise

    def _one_by_one(self, s: Session, rows: list[tuple[Any, ...]]) -> None:
        sql = f"INSERT INTO {self._table(s.connection())} (job_id, idx, body, error) " \
              "VALUES (%s, %s, %s, %s)"  # fmt: skip
        for row in rows:
            try:
                with s.begin_nested():
                    s.connection().exec_driver_sql(sql, row)
            except DataError as exc:
                diag = getattr(exc.orig, "diag", None)
                why = "; ".join(filter(None, (getattr(diag, "message_primary", None),
                                              getattr(diag, "message_detail", None))))  # fmt: skip
                why = (why or str(exc.orig).splitlines()[0])[:200]
                with s.begin_nested():
                    s.connection().exec_driver_sql(sql, (*row[:2], None,
                                                         f"not valid JSON: {why}"))  # fmt: skip

    def seal(self, job_id: str, total: int) -> list[int]:
        """Every item is stored: cut the job into chunks and mark it queued; the chunk numbers."""
        with self.db.session() as s:
            job = s.get(Job, job_id)
            assert job is not None
            size = job.chunk_size
            numbers = list(range((total + size - 1) // size))
            rows = [{"job_id": job_id, "number": n, "start": n * size,
                     "size": min(size, total - n * size), "status": "queued", "attempts": 0,
                     "done": 0, "failed": 0} for n in numbers]  # fmt: skip
            if rows:
                s.execute(insert(JobChunk), rows)
            job.total = total
            now = dt.datetime.now(dt.UTC)
            job.status = "queued" if rows else "done"
            if not rows:
                job.finished_at = now
        return numbers

    def discard(self, job_id: str) -> None:
        """Forget a job whose body could not be read (no chunk was ever enqueued)."""
        with self.db.session() as s:
            for table in (JobResult, JobChunk, JobItem, WebhookDelivery):
                s.execute(delete(table).where(table.job_id == job_id))
            s.execute(delete(Job).where(Job.id == job_id))

    def discard_abandoned(self, created_before: dt.datetime) -> int:
        """Forget jobs still being received that were created before ``created_before``: their
        submission died (the API or CLI was killed mid-body) and was never answered, so no one
        holds their id. How many."""
        with self.db.session() as s:
            ids = list(s.scalars(
                select(Job.id).where(Job.status == "receiving", Job.created_at < created_before)
            ))  # fmt: skip
        for job_id in ids:
            self.discard(job_id)
        return len(ids)

    def mark_enqueued(self, job_id: str, numbers: Iterable[int]) -> None:
        numbers = list(numbers)
        with self.db.session() as s:
            s.execute(
                update(JobChunk)
                .where(JobChunk.job_id == job_id, JobChunk.number.in_(numbers))
                .values(enqueued_at=dt.datetime.now(dt.UTC), attempts=JobChunk.attempts + 1)
            )

    # --- reading ---------------------------------------------------------------------------

    def get(self, job_id: str) -> JobRecord | None:
        with self.db.session() as s:
            job = s.get(Job, job_id)
            return self._record(s, job) if job is not None else None

    def find(self, key_id: int | None, limit: int = 100) -> list[JobRecord]:
        """Newest first; ``key_id`` None lists every key's jobs (an admin)."""
        query = select(Job).where(Job.status != "receiving")
        if key_id is not None:
            query = query.where(Job.key_id == key_id)
        with self.db.session() as s:
            rows = s.scalars(query.order_by(Job.created_at.desc(), Job.id.desc()).limit(limit))
            return [self._record(s, j) for j in rows]

    def _record(self, s: Session, job: Job) -> JobRecord:
        done, failed, extra = s.execute(
            select(func.coalesce(func.sum(JobChunk.done), 0),
                   func.coalesce(func.sum(JobChunk.failed), 0),
                   func.coalesce(func.sum(JobChunk.attempts - 1), 0))
            .where(JobChunk.job_id == job.id, JobChunk.attempts > 0)
        ).one()  # fmt: skip
        return JobRecord(
            job.id,
            job.kind,
            job.status,
            job.total,
            int(done),
            int(failed),
            job.chunk_size,
            job.key_id,
            job.owner,
            job.params,
            job.callback_url,
            job.webhook_secret,
            utc(job.created_at),
            _opt(job.started_at),
            _opt(job.finished_at),
            job.error,
            max(0, int(extra)),
        )

    def results(self, job_id: str, start: int, limit: int) -> list[tuple[int, str, dict[str, Any]]]:
        """Up to ``limit`` results from index ``start``, in input order."""
        with self.db.session() as s:
            rows = s.execute(
                select(JobResult.idx, JobResult.outcome, JobResult.body)
                .where(JobResult.job_id == job_id, JobResult.idx >= start)
                .order_by(JobResult.idx)
                .limit(limit)
            )
            return [(r.idx, r.outcome, r.body) for r in rows]

    def item(self, job_id: str, idx: int) -> WorkItem | None:
        with self.db.session() as s:
            row = s.execute(
                select(JobItem.idx, cast(JobItem.body, Text), JobItem.error)
                .where(JobItem.job_id == job_id, JobItem.idx == idx)
            ).first()  # fmt: skip
            return WorkItem(row[0], None, row[2], row[1]) if row else None

    # --- work ------------------------------------------------------------------------------

    def cancel(self, job_id: str) -> bool:
        """Cancel a job that has not ended; False when it had (or does not exist)."""
        with self.db.session() as s:
            result = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.status.not_in(FINAL))
                .values(status="cancelled", finished_at=dt.datetime.now(dt.UTC))
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def start_chunk(self, job_id: str, number: int) -> tuple[str, list[WorkItem]] | None:
        """Mark a chunk running and return the job's kind and the chunk's items without a
        result; None when there is nothing to do (job gone, ended or cancelled; chunk done)."""
        now = dt.datetime.now(dt.UTC)
        with self.db.session() as s:
            job = s.get(Job, job_id)
            chunk = s.get(JobChunk, (job_id, number))
            if job is None or chunk is None or job.status in FINAL or chunk.status == "done":
                return None
            chunk.status, chunk.started_at = "running", now
            # conditional, not an attribute set: a cancel committed since the read above
            # must not be overwritten with "running" (and then "done" by finish_chunk)
            s.execute(update(Job).where(Job.id == job_id, Job.status == "queued")
                      .values(status="running", started_at=func.coalesce(Job.started_at, now))
                      .execution_options(synchronize_session=False))  # fmt: skip
            end = chunk.start + chunk.size
            rows = s.execute(
                select(JobItem.idx, cast(JobItem.body, Text), JobItem.error)
                .outerjoin(JobResult, and_(JobResult.job_id == JobItem.job_id,
                                           JobResult.idx == JobItem.idx))
                .where(JobItem.job_id == job_id, JobItem.idx >= chunk.start, JobItem.idx < end,
                       JobResult.idx.is_(None))
                .order_by(JobItem.idx)
            )  # fmt: skip
            return job.kind, [WorkItem(r[0], None, r[2], r[1]) for r in rows]

    def save_results(self, job_id: str, results: Sequence[tuple[int, str, dict[str, Any]]]) -> None:
        """Insert results; one already stored for an index is kept (the first write wins)."""
        if not results:
            return
        rows = [{"job_id": job_id, "idx": i, "outcome": o, "body": b,
                 "created_at": dt.datetime.now(dt.UTC)} for i, o, b in results]  # fmt: skip
        dialect = postgresql if self.db.is_postgresql else sqlite
        statement = dialect.insert(JobResult).on_conflict_do_nothing(
            index_elements=["job_id", "idx"]
        )
        with self.db.session() as s:
            s.execute(statement, rows)

    def finish_chunk(self, job_id: str, number: int) -> bool:
        """Recount the chunk from its results and mark it done when complete; True when this
        call ended the job (so exactly one caller announces it)."""
        now = dt.datetime.now(dt.UTC)
        with self.db.session() as s:
            chunk = s.get(JobChunk, (job_id, number))
            if chunk is None:
                return False
            end = chunk.start + chunk.size
            done, failed = s.execute(
                select(func.count(), func.coalesce(func.sum(case((JobResult.outcome == "error", 1),
                                                                 else_=0)), 0))
                .where(JobResult.job_id == job_id, JobResult.idx >= chunk.start,
                       JobResult.idx < end)
            ).one()  # fmt: skip
            chunk.done, chunk.failed = int(done), int(failed)
            if chunk.done < chunk.size:
                return False
            chunk.status, chunk.finished_at = "done", now
            s.flush()
            left = s.scalar(
                select(func.count()).where(JobChunk.job_id == job_id, JobChunk.status != "done")
            )
            if left:
                return False
            ended = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.status.in_(("queued", "running")))
                .values(status=case((Job.error.is_(None), "done"), else_="failed"),
                        finished_at=now)
            )  # fmt: skip
            return bool(ended.rowcount)  # type: ignore[attr-defined]

    def claim_lost(
        self, queued_before: dt.datetime | None, running_before: dt.datetime,
        created_before: dt.datetime, max_attempts: int, limit: int = 10_000,
    ) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:  # fmt: skip
        """Claim, for enqueueing again, chunks of live jobs whose message was probably lost:
        never enqueued (job older than ``created_before``); queued before ``queued_before``
        (None: the broker still holds messages, do not look); or running since before
        ``running_before`` (the worker died). A claim re-marks the chunk queued now, guarded by
        the values read, so two reconcilers never both claim one chunk. Chunks already sent
        ``max_attempts`` times are not claimed but returned second (to be given up)."""
        lost = [and_(JobChunk.enqueued_at.is_(None), Job.created_at < created_before),
                and_(JobChunk.status == "running", JobChunk.started_at < running_before)]  # fmt: skip
        if queued_before is not None:
            lost.append(and_(JobChunk.status == "queued", JobChunk.enqueued_at < queued_before))
        now = dt.datetime.now(dt.UTC)
        claimed, exhausted = [], []
        with self.db.session() as s:
            rows = s.execute(
                select(JobChunk.job_id, JobChunk.number, JobChunk.status, JobChunk.attempts)
                .join(Job, Job.id == JobChunk.job_id)
                .where(Job.status.in_(("queued", "running")), JobChunk.status != "done", or_(*lost))
                .order_by(JobChunk.job_id, JobChunk.number)
                .limit(limit)
            ).all()
            for r in rows:
                if r.attempts >= max_attempts:
                    exhausted.append((r.job_id, r.number))
                    continue
                done = s.execute(
                    update(JobChunk)
                    .where(JobChunk.job_id == r.job_id, JobChunk.number == r.number,
                           JobChunk.status == r.status, JobChunk.attempts == r.attempts)
                    .values(status="queued", enqueued_at=now, attempts=JobChunk.attempts + 1)
                )  # fmt: skip
                if done.rowcount:  # type: ignore[attr-defined]
                    claimed.append((r.job_id, r.number))
        return claimed, exhausted

    def give_up(self, job_id: str, number: int, reason: str) -> None:
        """Record why the job cannot end well (its status will be ``failed``)."""
        with self.db.session() as s:
            s.execute(update(Job).where(Job.id == job_id, Job.error.is_(None)).values(error=reason))

    # --- workers and webhooks --------------------------------------------------------------

    def heartbeat(self, name: str) -> None:
        now = dt.datetime.now(dt.UTC)
        with self.db.session() as s:
            row = s.get(JobWorker, name)
            if row is None:
                s.add(JobWorker(name=name, started_at=now, seen_at=now))
            else:
                row.seen_at = now

    def workers_seen(self, since: dt.datetime) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).where(JobWorker.seen_at >= since)) or 0)

    def add_delivery(
        self, job_id: str, attempt: int, url: str, status_code: int | None, ok: bool,
        error: str | None, duration_ms: float,
    ) -> None:  # fmt: skip
        with self.db.session() as s:
            s.add(WebhookDelivery(job_id=job_id, attempt=attempt, url=url, status_code=status_code,
                                  ok=ok, error=error, duration_ms=duration_ms,
                                  at=dt.datetime.now(dt.UTC)))  # fmt: skip

    def deliveries(self, job_id: str) -> list[DeliveryRecord]:
        with self.db.session() as s:
            rows = s.scalars(
                select(WebhookDelivery)
                .where(WebhookDelivery.job_id == job_id)
                .order_by(WebhookDelivery.id)
            )
            return [DeliveryRecord(r.attempt, utc(r.at), r.url, r.status_code, r.ok, r.error,
                                   r.duration_ms) for r in rows]  # fmt: skip

    def totals(self) -> dict[str, float]:
        """Counters over every job for /metrics: items done and failed, re-enqueues."""
        with self.db.session() as s:
            done, failed, extra = s.execute(
                select(func.coalesce(func.sum(JobChunk.done), 0),
                       func.coalesce(func.sum(JobChunk.failed), 0),
                       func.coalesce(func.sum(JobChunk.attempts - 1), 0))
                .where(JobChunk.attempts > 0)
            ).one()  # fmt: skip
            running = s.scalar(select(func.count()).where(Job.status.in_(("queued", "running"))))
        return {"done": float(done), "failed": float(failed), "reenqueued": float(extra),
                "active_jobs": float(running or 0)}  # fmt: skip
