"""The committed openapi.yaml is what the app serves, is valid, and the app honours it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import positive_data_acceptance

from service.app import create_app
from service.settings import Settings

OPENAPI = Path(__file__).resolve().parents[2] / "openapi.yaml"


def test_committed_spec_matches_the_app(client):
    served = client.get("/openapi.json").get_json()
    committed = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    assert committed == served, "openapi.yaml is stale: run `sanctions openapi`"


def test_spec_is_valid_openapi():
    validate(yaml.safe_load(OPENAPI.read_text(encoding="utf-8")))


def test_screening_example_is_the_seed(seed):
    spec = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    body = spec["paths"]["/v1/screenings"]["post"]["requestBody"]["content"]["application/json"]
    assert body["example"] == seed


def test_errors_are_documented_as_problems():
    spec = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    default = spec["components"]["responses"]["DEFAULT_ERROR"]["content"]
    assert list(default) == ["application/problem+json"]
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["paths"]["/healthz"]["get"]["security"] == []


schema = schemathesis.openapi.from_path(OPENAPI)
schema.config.update(base_url="http://localhost")  # only names the in-process app in reports


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory, un_list, screener):
    home = tmp_path_factory.mktemp("fuzz")
    base = Settings.from_env()
    app = create_app(
        dataclasses.replace(
            base,
            home=home,
            database_url=f"sqlite:///{home / 'fuzz.db'}",
            rate_limit="1000000/minute",
            log_level="WARNING",
        ),
        screener=screener,
    )
    store = app.extensions["sanctions"].store
    headers = {"Authorization": "Bearer " + store.keys.create("admin")}
    loaded = app.test_client().post(
        "/v1/lists", data=un_list, headers={**headers, "Content-Type": "application/gzip"}
    )
    assert loaded.status_code == 201
    return app, headers


@schema.parametrize()
@settings(
    max_examples=int(__import__("os").environ.get("SCHEMATHESIS_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_app_follows_its_spec(case, fuzz_app):
    app, headers = fuzz_app
    case.operation.schema.app = app  # every request, the checks' probes too, goes in-process
    # "Schema-valid data is accepted" cannot hold: a country name must be a known one and a
    # transaction needs goods or a description, which JSON Schema does not express here.
    case.call_and_validate(app=app, headers=headers, excluded_checks=[positive_data_acceptance])
