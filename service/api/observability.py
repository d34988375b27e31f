"""Request ids, JSON logs and Prometheus metrics for the API.

Each app has its own metrics registry (tests build many apps in one process). Under gunicorn
every worker counts for itself; scrape each or aggregate, as documented in the README.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, request
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

REQUEST_ID = "X-Request-ID"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_RESERVED = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str)


def configure_logging(level: str) -> None:
    """JSON lines on stderr for the ``service`` loggers (idempotent; records still propagate)."""
    logger = logging.getLogger("service")
    logger.setLevel(level)
    if not any(getattr(h, "_sanctions", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler._sanctions = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


class Metrics:
    """The app's Prometheus registry and the few series operators need."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.latency = Histogram(
            "sanctions_http_request_duration_seconds",
            "Time to answer an HTTP request, per endpoint",
            ["method", "endpoint", "status"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        self.decisions = Counter(
            "sanctions_decisions",
            "Screening decisions by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.list_age = Gauge(
            "sanctions_list_age_seconds",
            "Age of the current sanctions list (now - dateGenerated); -1 when none is loaded",
            registry=self.registry,
        )
        self.rules = Info("sanctions_rules", "The loaded rule set", registry=self.registry)

    def track_jobs(self, read: Callable[[], dict[str, float]]) -> None:
        """Job series, read from the database and broker at each scrape (every API process
        reports the same totals: the database is shared)."""
        self.registry.register(_JobCollector(read))

    def track_list_age(self, age: Callable[[], float | None]) -> None:
        self.list_age.set_function(lambda: _or(age(), -1.0))


JOB_SERIES = (
    ("sanctions_job_queue_depth", "gauge", "queue_depth", "Chunk messages waiting in the jobs queue (-1: broker unreachable)"),
    ("sanctions_job_items_done", "counter", "items_done", "Job items with a result (errors included)"),
    ("sanctions_job_items_failed", "counter", "items_failed", "Job items whose result is an error"),
    ("sanctions_job_reenqueued", "counter", "reenqueued", "Chunk messages sent again by the reconciler"),
    ("sanctions_job_items_per_second", "gauge", "items_per_second", "Items per second over the jobs in progress"),
    ("sanctions_jobs_active", "gauge", "active_jobs", "Jobs queued or running"),
    ("sanctions_job_workers_alive", "gauge", "workers_alive", "Workers with a recent heartbeat"),
)  # fmt: skip


class _JobCollector:
    def __init__(self, read: Callable[[], dict[str, float]]) -> None:
        self.read = read

    def describe(self) -> list[Any]:
        return []  # collected at scrape time only (no database read on registration)

    def collect(self) -> Any:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

        try:
            values = self.read()
        except Exception:  # a scrape never fails because the database or broker did
            logging.getLogger("service.api").exception("job metrics unavailable")
            return
        for name, kind, key, doc in JOB_SERIES:
            family = CounterMetricFamily if kind == "counter" else GaugeMetricFamily
            yield family(name, doc, value=values[key])


def _or(value: float | None, default: float) -> float:
    return default if value is None else value


def _start() -> None:
    incoming = request.headers.get(REQUEST_ID, "")
    g.request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
    g.started = time.perf_counter()


def install(app: Flask, metrics: Metrics) -> None:
    """Register the request-id hook first, and timing/logging after every response."""
    log = logging.getLogger("service.api.access")
    app.before_request(_start)

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers[REQUEST_ID] = g.get("request_id") or ""
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        metrics.latency.labels(request.method, endpoint, str(response.status_code)).observe(elapsed)
        key = g.get("api_key")
        log.info(
            "request",
            extra={
                "request_id": g.get("request_id"),
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
                "key": key.name if key else None,
            },
        )
        return response
