"""The Celery app, configured from :class:`Settings`, and its two tasks.

Tasks are acknowledged late and rejected (so redelivered) when their worker process dies;
each worker process takes one message at a time (prefetch 1), and a chunk past its time limit
is stopped. A task run twice changes nothing (see :mod:`service.store.jobs`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from celery import Celery, Task
from celery.signals import worker_process_init

from service.settings import Settings
from service.worker.transport import SQL_TRANSPORT, TRANSPORT

CHUNK_TASK = "sanctions.jobs.chunk"
WEBHOOK_TASK = "sanctions.jobs.webhook"
log = logging.getLogger("service.worker")


def celery_config(settings: Settings) -> dict[str, Any]:
    url = settings.job_broker_url
    transport: dict[str, Any] = {}
    # Redis: kombu's transport with acknowledgements that survive a broker restart (rediss://
    # keeps kombu's own, which reads TLS from the URL)
    broker_transport = TRANSPORT if url.startswith("redis://") else None
    if url.startswith(("redis://", "rediss://")):
        # an unacknowledged message comes back after this long (a worker that died whole);
        # the reconciler usually re-enqueues such a chunk sooner
        transport["visibility_timeout"] = (
            settings.job_time_limit + 2 * settings.job_reconcile_seconds
        )
        transport["socket_connect_timeout"] = 2
        transport["socket_timeout"] = 5
    elif url.startswith("sqla+"):
        # kombu's SQLAlchemy transport passes these to create_engine; it polls once a second
        transport["connect_args"] = {"timeout": 30}
        # the embedded broker: that transport, made safe for processes that start together.
        # kombu takes the transport a "sqla+" URL names over any other, so ours is given the
        # URL without its prefix (the database URL the transport connects to).
        url, broker_transport = url[len("sqla+") :], SQL_TRANSPORT
    return {
        "broker_url": url,
        "broker_transport": broker_transport,
        "broker_transport_options": transport,
        "broker_connection_timeout": 2,
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,
        "result_backend": None,
        "task_ignore_result": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "task_time_limit": settings.job_time_limit,
        "worker_prefetch_multiplier": 1,
        "task_default_queue": settings.job_queue,
        "task_create_missing_queues": True,
        "task_publish_retry": True,
        "task_publish_retry_policy": {
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.5,
            "interval_max": 0.5,
        },  # fmt: skip
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "worker_enable_remote_control": False,
        "broker_heartbeat": 0,
    }


@dataclass
class Context:
    """What one worker process screens with, built on its first task (after the fork)."""

    store: Any
    jobs: Any
    processors: dict[str, Any]
    after: Any = None  # run_chunk's hook: keeps screenings for re-screening
    live: Any = None  # the process's LiveScreener (its tree: the rules this worker runs)


_context: list[Context] = []  # the process's one context (a list: no ``global`` statement)
_lock = threading.Lock()


def context(app: Celery) -> Context:
    """The process's context; a worker builds it once before forking (:func:`preload`), so
    every pool process shares the compiled rules and lists instead of building its own."""
    with _lock:
        if not _context:
            _context.append(_build(app.conf["sanctions_settings"], app))
        return _context[0]


@worker_process_init.connect(weak=False)
def _after_fork(**_: object) -> None:
    # a forked process must not reuse its parent's database connections
    for ctx in _context:
        ctx.store.db.engine.dispose(close=False)


def _build(settings: Settings, app: Celery) -> Context:
    from functools import partial

    from service.cases import Casework
    from service.jobs import Jobs, screening
    from service.rescreen import KIND, keep_job_results, rescreening
    from service.ruletree import load_tree
    from service.screening import LiveScreener
    from service.store import open_store
    from service.worker.queue import CeleryQueue

    store = open_store(settings)
    live = LiveScreener(settings, store, load_tree(settings.rules))
    jobs = Jobs(store, settings, CeleryQueue(app, settings))
    tree = live.tree
    processors = {
        "screening": screening(live.refresh),
        KIND: rescreening(store, live, Casework(store, settings, live, tree)),
    }
    return Context(store, jobs, processors, partial(keep_job_results, store, settings, tree), live)


def make_celery(settings: Settings) -> Celery:
    """The app for these settings, its tasks registered."""
    app = Celery("sanctions", set_as_current=False)
    app.conf.update(celery_config(settings))
    app.conf["sanctions_settings"] = settings

    @app.task(name=CHUNK_TASK, bind=True, max_retries=None)
    def chunk(self: Task, job_id: str, number: int) -> None:
        from service.jobs import run_chunk

        ctx = context(app)
        if run_chunk(ctx.store, job_id, number, ctx.processors, ctx.after):
            ctx.jobs.announce(job_id)

    @app.task(name=WEBHOOK_TASK, bind=True, max_retries=None)
    def webhook(self: Task, job_id: str) -> None:
        from service.jobs.webhooks import deliver

        ctx = context(app)
        ok = deliver(ctx.store, job_id, settings.webhook_timeout)
        attempts = len(ctx.store.jobs.deliveries(job_id))
        if ok is False and attempts < settings.webhook_attempts:
            raise self.retry(countdown=settings.webhook_backoff * 2 ** (attempts - 1))

    return app
