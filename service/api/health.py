"""``/healthz``, ``/readyz`` and ``/metrics``: what operators and their probes look at."""

from __future__ import annotations

import logging
from typing import Any

from flask import Response, g
from flask.views import MethodView
from flask_smorest import Blueprint
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.api.auth import RANK, public
from service.api.problems import Forbidden, NotReady, Unauthorized
from service.api.schemas import HealthSchema, ReadySchema
from service.api.state import AppState, state
from service.jobs import workers_alive

blp = Blueprint("health", __name__, description="Health, readiness and metrics")
log = logging.getLogger("service.api")
DAY = 86400.0


@blp.route("/healthz")
class Health(MethodView):
    @public
    @blp.doc(security=[])
    @blp.response(200, HealthSchema)
    def get(self) -> dict[str, str]:
        """Always 200 while the process is up."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @public
    @blp.doc(security=[])
    @blp.response(200, ReadySchema)
    def get(self) -> dict[str, Any]:
        """200 when rules, list, database (and broker, if configured) are usable; else 503."""
        checks = readiness(state())
        if not all(c["ok"] for c in checks.values() if c.get("required", True)):
            raise NotReady("a dependency is not ready", extra={"checks": checks})
        return {"ready": True, "checks": checks}


@blp.route("/metrics")
class Metrics(MethodView):
    @public
    @blp.doc(
        security=[],
        responses={"200": {"description": "Prometheus text format", "content": {"text/plain": {}}}},
    )
    def get(self) -> Response:
        """Prometheus metrics (anonymous unless SANCTIONS_METRICS_PUBLIC=0, then admin)."""
        app = state()
        if not app.settings.metrics_public:
            key = g.get("api_key")
            if key is None:
                raise Unauthorized("metrics need an admin key here")
            if RANK[key.role] < RANK["admin"]:
                raise Forbidden("metrics need the admin role")
        return Response(generate_latest(app.metrics.registry), mimetype=CONTENT_TYPE_LATEST)


def readiness(app: AppState) -> dict[str, dict[str, Any]]:
    ruleset = app.screener.ruleset
    per_regime = dict.fromkeys(sorted(ruleset.regimes), 0)
    for rule in ruleset.rules:
        per_regime[rule.regime] = per_regime.get(rule.regime, 0) + 1
    checks: dict[str, dict[str, Any]] = {
        "rules": {
            "ok": bool(ruleset.rules),
            "version": ruleset.version,
            "count": len(ruleset.rules),
            "regimes": per_regime,
        }
    }
    try:
        app.store.ping()
        current = app.store.lists.current()
        checks["database"] = {"ok": True}
    except Exception as exc:  # any driver error means "not reachable"
        log.warning("database not reachable", extra={"error": type(exc).__name__})
        checks["database"] = {"ok": False, "error": "not reachable"}
        current = None
    if current is None:
        checks["list"] = {"ok": False, "error": "no list loaded"}
    else:
        age = app.list_age(current) or 0.0
        max_age = app.settings.list_max_age_days
        checks["list"] = {
            "ok": True,
            "version": current.version,
            "age_days": round(age / DAY, 2),
            "max_age_days": max_age,
            "stale": age > max_age * DAY,
        }
    if app.settings.broker_url:
        checks["broker"] = {"ok": broker_reachable(app.settings.broker_url)}
    if app.jobs is not None:
        # Not required: without a worker, jobs wait in the queue; synchronous screening goes on.
        try:
            alive = workers_alive(app.jobs)
            checks["workers"] = {"ok": alive > 0, "alive": alive, "required": False}
        except Exception:  # the database check above already says why
            checks["workers"] = {"ok": False, "error": "not reachable", "required": False}
    if app.settings.redis_url:
        # Not required: without Redis, screening goes on with per-process rate limits.
        up = broker_reachable(app.settings.redis_url)
        checks["redis"] = {"ok": up, "required": False}
        if not up:
            checks["redis"].update(
                error="not reachable", fallback="rate limits counted per process"
            )
    return checks


def broker_reachable(url: str) -> bool:
    try:
        if url.startswith(("redis://", "rediss://")):
            import redis

            redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1).ping()
        else:
            from kombu import Connection

            with Connection(url, connect_timeout=1) as conn:
                conn.ensure_connection(max_retries=1)
    except Exception:
        return False
    return True
