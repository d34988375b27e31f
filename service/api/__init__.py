"""The HTTP API: ``create_app(settings=None)`` builds a Flask app with flask-smorest blueprints.

The rule set is loaded when the app is built; a broken one raises ``RuleSetError`` and the app
is not built at all (fail closed). Hooks run in this order: request id, auth, rate limit, view.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_smorest import Api

from service import __version__
from service.api import (
    auth,
    goods,
    health,
    lists,
    observability,
    problems,
    ratelimit,
    regimes,
    rules,
    screenings,
)
from service.api.problems import PROBLEM_JSON, UnsupportedMediaType
from service.api.schemas import ProblemSchema
from service.api.state import AppState
from service.bootstrap import build_screener
from service.screening import Screener
from service.settings import Settings
from service.store import Store, open_store

BLUEPRINTS = (screenings.blp, goods.blp, rules.blp, regimes.blp, lists.blp, health.blp)
JSON_BODIES = frozenset({"screenings.Screenings", "goods.Classify"})


class SanctionsApi(Api):  # type: ignore[misc]
    """flask-smorest's Api, documenting error responses as problem+json."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = "DEFAULT_ERROR"

    def _register_responses(self) -> None:
        self.DEFAULT_RESPONSE_CONTENT_TYPE = PROBLEM_JSON
        try:
            super()._register_responses()
        finally:
            self.DEFAULT_RESPONSE_CONTENT_TYPE = "application/json"


def api_config(settings: Settings) -> dict[str, Any]:
    return {
        "API_TITLE": "Sanctions screening",
        "API_VERSION": __version__,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        "OPENAPI_REDOC_PATH": "redoc",
        "OPENAPI_REDOC_URL": "https://cdn.jsdelivr.net/npm/redoc/bundles/redoc.standalone.js",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": "Screen transactions against UN Security Council sanctions.",
                "license": {"name": "Apache-2.0"},
            },
            "security": [{"bearerAuth": []}],
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer", "description": "API key"}
                }
            },
        },
        "MAX_CONTENT_LENGTH": settings.max_body,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
    }


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    screener: Screener | None = None,
) -> Flask:
    """Build the app; ``store``/``screener`` let tests share one (a PostgreSQL schema, rules)."""
    settings = settings or Settings.from_env()
    observability.configure_logging(settings.log_level)
    if store is None:
        store = open_store(settings)
    store.create_all()
    current = store.current_list()
    list_data = store.list_bytes(current.id) if current else None
    if screener is None:
        # RuleSetError (or ListError) propagates: the app refuses to start (fail closed).
        screener = build_screener(settings, list_data)
    elif current is not None:
        list_data = None  # an injected screener switches to the stored list on first use
    metrics = observability.Metrics()
    metrics.rules.info({"version": screener.ruleset.version, "engine": __version__})
    app = Flask("service.api")
    app.config.update(api_config(settings))
    app.json.sort_keys = False  # type: ignore[attr-defined]
    state = AppState(settings, store, screener, metrics)
    if current is not None and list_data is not None:
        state.list_id = current.id
    app.extensions["sanctions"] = state
    metrics.track_list_age(state.list_age)

    observability.install(app, metrics)
    auth.install(app)
    app.before_request(_require_json)
    ratelimit.install(app, settings.rate_limit, settings.redis_url or "memory://")
    api = SanctionsApi(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    problems.register(app)
    return app


def _require_json() -> None:
    """415 for a JSON endpoint called with another body type (before parsing)."""
    if request.endpoint in JSON_BODIES and request.method == "POST" and not request.is_json:
        raise UnsupportedMediaType("send the body as application/json")
