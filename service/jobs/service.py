"""The jobs use case: submit a body of items, read progress and results, cancel, reconcile.

The API, the CLI and the worker call this; it calls the store and a :class:`Queue`. Items are
stored in batches as they are read (the body is never held whole), the job is cut into chunks
once every item is stored, then one message per chunk is sent. A broker that is down before
anything is stored refuses the submission (503 + Retry-After); one that fails part-way leaves
chunks the reconciler enqueues later.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from service.jobs.errors import JobError
from service.jobs.queue import Queue, QueueDown
from service.jobs.reader import JobInputError, Read, Stored, stored_items
from service.jobs.run import error_line
from service.settings import Settings
from service.store import JobRecord, Store

BATCH = 5000  # most items per INSERT transaction (one commit, so one sync of the database)
BATCH_BYTES = 8 * 2**20  # most bytes of item text per transaction (the memory a submission holds)
SEND_BATCH = 500  # chunk messages sent in one round trip to the broker, then marked enqueued
ABANDONED = dt.timedelta(hours=6)  # a body still being received this long was cut off
MAX_ATTEMPTS = 5  # sends of one chunk before it is given up (a poison chunk never ends a job)
log = logging.getLogger("service.jobs")


@dataclass(frozen=True, slots=True)
class Owner:
    """Who submits: the API key's id (None from the CLI) and a name for the record."""

    key_id: int | None
    name: str
    admin: bool = False


def check_callback(url: str | None) -> str | None:
    if url is None or url == "":
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 2000:
        raise JobError("callback_url must be an http(s) URL of at most 2000 characters",
                       errors={"callback_url": "not an http(s) URL"})  # fmt: skip
    return url


class Jobs:
    """Jobs over one store and one queue, with the settings' limits."""

    def __init__(self, store: Store, settings: Settings, queue: Queue) -> None:
        self.store = store
        self.settings = settings
        self.queue = queue
        self._reconciled = 0.0
        self._lock = threading.Lock()

    # --- submission ------------------------------------------------------------------------

    def submit(
        self, read: Read, fmt: str, owner: Owner, *, callback_url: str | None = None,
        webhook_secret: str | None = None, kind: str = "screening",
        params: dict[str, Any] | None = None,
    ) -> JobRecord:  # fmt: skip
        """Store every item of the body, then enqueue its chunks; the new job."""
        callback_url = check_callback(callback_url)
        if not self.queue.ping():
            raise JobError("the job queue is not reachable; synchronous screening still works",
                           kind="unavailable")  # fmt: skip
        job_id = uuid.uuid4().hex
        jobs = self.store.jobs
        jobs.create(job_id, kind, owner.name, owner.key_id, self.settings.job_chunk_size,
                    params or {}, callback_url, webhook_secret if callback_url else None)  # fmt: skip
        try:
            total = self._store_items(job_id, read, fmt)
        except BaseException:
            jobs.discard(job_id)
            raise
        numbers = jobs.seal(job_id, total)
        self._enqueue(job_id, numbers)
        record = jobs.get(job_id)
        assert record is not None
        log.info("job submitted", extra={"job": job_id, "total": total, "owner": owner.name})
        return record

    def submit_items(
        self, items: Iterable[dict[str, Any]], owner: Owner, *, kind: str,
        params: dict[str, Any] | None = None, enqueue: bool = True,
    ) -> JobRecord:  # fmt: skip
        """A job over items the service made itself (a re-screening's), stored in batches;
        ``enqueue`` False leaves its chunks to be run in this process (or by the reconciler)."""
        if enqueue and not self.queue.ping():
            raise JobError("the job queue is not reachable", kind="unavailable")
        job_id = uuid.uuid4().hex
        jobs = self.store.jobs
        jobs.create(job_id, kind, owner.name, owner.key_id, self.settings.job_chunk_size,
                    params or {}, None, None)  # fmt: skip
        total = 0
        batch: list[tuple[dict[str, Any] | None, str | None]] = []
        for item in items:
            batch.append((item, None))
            if len(batch) >= BATCH:
                jobs.add_items(job_id, total, batch)
                total, batch = total + len(batch), []
        jobs.add_items(job_id, total, batch)
        total += len(batch)
        numbers = jobs.seal(job_id, total)
        if enqueue:
            self._enqueue(job_id, numbers)
        record = jobs.get(job_id)
        assert record is not None
        return record

    def _store_items(self, job_id: str, read: Read, fmt: str) -> int:
        limit = self.settings.job_max_items
        batch: list[Stored] = []
        total = size = 0
        try:
            for item in stored_items(read, fmt, self.settings.job_max_item):
                batch.append(item)
                size += len(item[0]) if isinstance(item[0], str) else 500
                if len(batch) >= BATCH or size >= BATCH_BYTES:
                    self._flush(job_id, total, batch, limit)
                    total += len(batch)
                    batch, size = [], 0
        except JobInputError as exc:
            raise JobError(str(exc), errors={exc.where: str(exc)}) from None
        self._flush(job_id, total, batch, limit)
        total += len(batch)
        if total == 0:
            raise JobError("the body holds no items", errors={"body": "no items"})
        return total

    def _flush(self, job_id: str, start: int, batch: list[Any], limit: int) -> None:
        if start + len(batch) > limit:
            raise JobError(f"a job holds at most {limit} items (SANCTIONS_JOB_MAX_ITEMS)",
                           errors={"body": f"more than {limit} items"}, kind="too_large")  # fmt: skip
        self.store.jobs.add_items(job_id, start, batch)

    def _enqueue(self, job_id: str, numbers: list[int]) -> int:
        """Send one message per chunk, :data:`SEND_BATCH` at a time; stop at the first broker
        failure (the reconciler sends the rest: chunks not marked enqueued, of which some may
        have been sent: a chunk run twice changes nothing). The number marked sent."""
        sent = 0
        try:
            for at in range(0, len(numbers), SEND_BATCH):
                part = numbers[at : at + SEND_BATCH]
                self.queue.enqueue_chunks(job_id, part)
                self.store.jobs.mark_enqueued(job_id, part)
                sent += len(part)
        except QueueDown:
            log.warning("broker failed while enqueueing", extra={"job": job_id})
        return sent

    # --- reading ---------------------------------------------------------------------------

    def get(self, job_id: str, owner: Owner) -> JobRecord:
        """The job, if this owner may see it (an admin sees every job); else not found."""
        job = self.store.jobs.get(job_id) if len(job_id) <= 32 else None
        if (
            job is None
            or job.status == "receiving"
            or not (owner.admin or job.key_id == owner.key_id)
        ):
            raise JobError(f"no job {job_id}", kind="not_found")
        return job

    def list(self, owner: Owner, limit: int = 100) -> list[JobRecord]:
        return self.store.jobs.find(None if owner.admin else owner.key_id, limit)

    def cancel(self, job_id: str, owner: Owner) -> JobRecord:
        job = self.get(job_id, owner)
        if not self.store.jobs.cancel(job.id):
            raise JobError(f"job {job_id} has already ended ({job.status})", kind="conflict")
        return self.get(job_id, owner)

    def results(self, job_id: str, start: int = 0, page: int = 1000) -> Iterator[dict[str, Any]]:
        """Result lines in input order from index ``start``, up to the first item still without
        a result (so ``?from=`` the next index resumes exactly where a reader stopped)."""
        expected = start
        while True:
            rows = self.store.jobs.results(job_id, expected, page)
            for idx, _outcome, body in rows:
                if idx != expected:
                    return
                yield body
                expected += 1
            if len(rows) < page:
                return

    # --- reconciling -----------------------------------------------------------------------

    def reconcile(self, now: dt.datetime | None = None) -> int:
        """Enqueue again the chunks whose message was lost or whose worker died; how many.
        Also forget the items of submissions cut off mid-body (:data:`ABANDONED` ago)."""
        now = now or dt.datetime.now(dt.UTC)
        grace = dt.timedelta(seconds=self.settings.job_reconcile_seconds)
        if self.store.jobs.discard_abandoned(now - ABANDONED):
            log.warning("discarded jobs whose submission was cut off")
        try:
            depth = self.queue.depth()
        except QueueDown:
            return 0
        claimed, exhausted = self.store.jobs.claim_lost(
            queued_before=now - grace if depth == 0 else None,
            running_before=now - grace - dt.timedelta(seconds=self.settings.job_time_limit),
            created_before=now - grace,
            max_attempts=MAX_ATTEMPTS,
        )
        for job_id, number in exhausted:
            self._give_up(job_id, number)
        sent = 0
        for job_id, number in claimed:
            try:
                self.queue.enqueue_chunk(job_id, number)
                sent += 1
            except QueueDown:
                break  # claimed but not sent: enqueued_at is now, so the next round retries
        if claimed:
            log.warning("re-enqueued chunks", extra={"claimed": len(claimed), "sent": sent})
        return sent

    def _give_up(self, job_id: str, number: int) -> None:
        """A chunk sent MAX_ATTEMPTS times never finished (it kills or outlasts its worker):
        its items without a result get an error result, and the job ends ``failed``."""
        reason = f"chunk {number} was not screened after {MAX_ATTEMPTS} attempts"
        self.store.jobs.give_up(job_id, number, reason)
        work = self.store.jobs.start_chunk(job_id, number)
        if work is not None:
            self.store.jobs.save_results(job_id, [
                (i.idx, "error", error_line(i.idx, "Not screened", reason)) for i in work[1]
            ])  # fmt: skip
        if self.store.jobs.finish_chunk(job_id, number):
            self.announce(job_id)

    def announce(self, job_id: str) -> None:
        """The job has ended: send its webhook task, if it has a callback."""
        job = self.store.jobs.get(job_id)
        if job is not None and job.callback_url:
            try:
                self.queue.enqueue_webhook(job_id)
            except QueueDown:
                log.warning("webhook not enqueued: broker down", extra={"job": job_id})

    def maybe_reconcile(self) -> None:
        """Reconcile at most once per half grace period in this process (on a status read)."""
        period = self.settings.job_reconcile_seconds / 2
        with self._lock:
            if time.monotonic() - self._reconciled < period:
                return
            self._reconciled = time.monotonic()
        try:
            self.reconcile()
        except Exception:  # a status read never fails because the reconciler did
            log.exception("reconcile failed")
