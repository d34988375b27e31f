"""What operators watch about jobs: queue depth, throughput, failures, re-enqueues, workers."""

from __future__ import annotations

import datetime as dt

from service.jobs.progress import rate
from service.jobs.queue import QueueDown
from service.jobs.service import Jobs
from service.settings import Settings


def heartbeat_period(settings: Settings) -> float:
    """Seconds between a worker's heartbeats (and reconciler rounds)."""
    return max(0.5, min(10.0, settings.job_reconcile_seconds / 2))


def workers_alive(jobs: Jobs, now: dt.datetime | None = None) -> int:
    """Workers whose heartbeat is recent (missed at most two beats)."""
    now = now or dt.datetime.now(dt.UTC)
    window = dt.timedelta(seconds=3 * heartbeat_period(jobs.settings) + 2)
    return jobs.store.jobs.workers_seen(now - window)


def job_metrics(jobs: Jobs) -> dict[str, float]:
    """Gauges and counters for /metrics (-1 for a queue depth the broker cannot give)."""
    now = dt.datetime.now(dt.UTC)
    totals = jobs.store.jobs.totals()
    try:
        depth = jobs.queue.depth()
    except QueueDown:
        depth = None
    active = [j for j in jobs.store.jobs.find(None, 1000) if j.status in ("queued", "running")]
    return {
        "queue_depth": -1.0 if depth is None else float(depth),
        "items_done": totals["done"],
        "items_failed": totals["failed"],
        "reenqueued": totals["reenqueued"],
        "active_jobs": totals["active_jobs"],
        "items_per_second": float(sum(rate(j, now) or 0.0 for j in active)),
        "workers_alive": float(workers_alive(jobs, now)),
    }
