"""The HTTP API: flask-smorest blueprints installed on the app by ``install_api``.

``service.app.create_app`` builds the app; hooks run in this order: request id, auth, rate
limit, view. Views are thin: schema in, one call into ``screening`` or the store, one response.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from flask_smorest import Api

from service import __version__
from service.api import (
    auth,
    cases,
    extract,
    goods,
    health,
    hygiene,
    jobs,
    lists,
    observability,
    parties,
    problems,
    ratelimit,
    regimes,
    rescreens,
    rules,
    screenings,
)
from service.api.problems import PROBLEM_JSON, UnsupportedMediaType
from service.api.schemas import ProblemSchema
from service.settings import Settings

BLUEPRINTS = (
    screenings.blp, goods.blp, rules.blp, regimes.blp, lists.blp, health.blp, cases.blp,
    extract.blp, parties.blp, jobs.blp, rescreens.blp,
)  # fmt: skip
JSON_BODIES = frozenset(
    {"screenings.Screenings", "goods.Classify", "cases.Cases", "cases.CaseActions",
     "extract.Extract", "parties.PartiesMatch"}
)  # fmt: skip


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
        # the docs pages' assets come from the package (no CDN: they work offline, under a CSP)
        "OPENAPI_SWAGGER_UI_URL": hygiene.SWAGGER_URL,
        "OPENAPI_REDOC_PATH": "redoc",
        "OPENAPI_REDOC_URL": hygiene.REDOC_URL,
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


def install_api(app: Flask, settings: Settings, metrics: observability.Metrics) -> None:
    """Register the API's hooks, blueprints and error handlers on the app."""
    app.config.update(api_config(settings))
    observability.install(app, metrics)
    counters = ratelimit.Counters(settings.redis_url or "memory://")
    app.extensions[auth.WRONG_KEYS] = ratelimit.WrongKeys(counters)
    auth.install(app)
    app.before_request(_require_json)
    ratelimit.install(app, settings.rate_limit, counters)
    hygiene.install(app)
    api = SanctionsApi(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    problems.register(app)


def _require_json() -> None:
    """415 for a JSON endpoint called with another body type; 400 for a body nested deeper
    than the limit or with an endless number (checked on the bytes, before any parser)."""
    if request.endpoint in JSON_BODIES and request.method == "POST":
        if not request.is_json:
            raise UnsupportedMediaType("send the body as application/json")
        hygiene.check_body(request.get_data(cache=True))
