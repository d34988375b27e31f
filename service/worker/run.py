"""Run a worker: Celery's prefork pool on the jobs queue, plus, in the main process, a thread
that records a heartbeat (``/readyz`` counts live workers) and runs the reconciler."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from celery import Celery
from celery.signals import worker_ready, worker_shutdown

from service.settings import Settings

log = logging.getLogger("service.worker")
PRUNE_SECONDS = 600  # how often a worker forgets screenings kept past SANCTIONS_RESCREEN_DAYS


def default_concurrency() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)  # fmt: skip


def _housekeeping(app: Celery, settings: Settings, name: str, stop: threading.Event) -> None:
    from service.jobs import Jobs, heartbeat_period
    from service.rescreen.record import window_start
    from service.store import open_store
    from service.worker.queue import CeleryQueue

    store = open_store(settings, upgrade=False)
    jobs = Jobs(store, settings, CeleryQueue(app, settings))
    _rules_changed(app, settings, store, jobs, name)
    period = heartbeat_period(settings)
    pruned = 0.0
    while not stop.is_set():
        try:
            store.jobs.heartbeat(name)
            jobs.reconcile()
            if time.monotonic() - pruned > PRUNE_SECONDS:
                store.screenings.prune(window_start(settings))  # kept screenings past the window
                pruned = time.monotonic()
        except Exception:  # keep beating: the database or broker may come back
            log.exception("worker housekeeping failed")
        stop.wait(period)
    store.dispose()


def _rules_changed(app: Celery, settings: Settings, store: Any, jobs: Any, name: str) -> None:
    """A worker starting with another rule set than kept screenings were made under starts
    their re-screening (once per rule set and list version, whatever the number of workers)."""
    from service.jobs import Owner
    from service.rescreen import Rescreens
    from service.worker.celery import context

    try:
        live = context(app).live
        started = Rescreens(store, settings, live.tree, jobs).after_rules_change(
            live.screener, Owner(None, f"worker:{name}", admin=True)
        )
        if started is not None:
            log.warning("rule set changed: re-screening started",
                        extra={"rescreen": started.id, "selected": started.selected})  # fmt: skip
    except Exception:  # the worker still works; `sanctions rescreens run` can do it by hand
        log.exception("rule-change re-screening not started")


def run_worker(app: Celery, settings: Settings, concurrency: int | None = None,
               name: str | None = None) -> None:  # fmt: skip
    """Consume the jobs queue until stopped (SIGTERM: a warm shutdown)."""
    from service.store import open_store
    from service.worker.celery import context

    open_store(settings).dispose()  # migrate once, before any child process opens the store
    context(app)  # rules and lists compiled once, shared by the forked pool processes
    concurrency = concurrency or settings.worker_concurrency or default_concurrency()
    name = name or f"sanctions-{os.getpid()}@{socket.gethostname()}"
    stop = threading.Event()

    @worker_ready.connect(weak=False)
    def _ready(**_: object) -> None:
        threading.Thread(target=_housekeeping, args=(app, settings, name, stop),
                         name="housekeeping", daemon=True).start()  # fmt: skip

    @worker_shutdown.connect(weak=False)
    def _shutdown(**_: object) -> None:
        stop.set()

    app.worker_main([
        "worker", "--queues", settings.job_queue, "--concurrency", str(concurrency),
        "--prefetch-multiplier", "1", "--pool", "prefork", "--hostname", name,
        "--without-gossip", "--without-mingle", "--without-heartbeat",
        "--loglevel", settings.log_level,
    ])  # fmt: skip
