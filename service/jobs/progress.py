"""A job's progress as the API and CLI show it: counts, rate and an estimated finish."""

from __future__ import annotations

import datetime as dt
from typing import Any

from service.store import JobRecord


def rate(job: JobRecord, now: dt.datetime) -> float | None:
    """Items per second since the first chunk started (None before anything is done)."""
    if job.started_at is None or job.done == 0:
        return None
    end = job.finished_at or now
    seconds = max((end - job.started_at).total_seconds(), 1e-3)
    return job.done / seconds


def view(job: JobRecord, now: dt.datetime | None = None) -> dict[str, Any]:
    """The job's public fields (the API adds its links)."""
    now = now or dt.datetime.now(dt.UTC)
    speed = rate(job, now)
    eta = None
    if speed and job.status in ("queued", "running"):
        eta = now + dt.timedelta(seconds=(job.total - job.done) / speed)
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "total": job.total,
        "done": job.done,
        "failed": job.failed,
        "rate": round(speed, 2) if speed is not None else None,
        "estimated_finish": eta,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "owner": job.owner,
        "callback_url": job.callback_url,
        "reenqueued": job.reenqueued,
    }
