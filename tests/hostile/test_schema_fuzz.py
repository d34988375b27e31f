"""Schemathesis with negative data and every check: schema-invalid requests are refused with a
4xx problem (never a 500 or a decision), and every answer follows the spec. The committed
openapi.yaml is the schema; requests go in-process to the real app.

SCHEMATHESIS_EXAMPLES raises the number of cases per operation (the README's figure comes from
a run with 200 against a live server, see the fail-closed section)."""

from __future__ import annotations

import dataclasses
import os
from importlib import resources
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from service.app import create_app
from service.settings import Settings

OPENAPI = Path(__file__).resolve().parents[2] / "openapi.yaml"
schema = schemathesis.openapi.from_path(OPENAPI)
schema.config.update(base_url="http://localhost")  # only names the in-process app in reports
schema.config.generation.update(modes=[GenerationMode.NEGATIVE])


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory, screener):
    home = tmp_path_factory.mktemp("negative")
    settings_ = dataclasses.replace(
        Settings.from_env(), home=home, database_url=f"sqlite:///{home / 'neg.db'}",
        rate_limit="1000000/minute", log_level="WARNING",
    )  # fmt: skip
    app = create_app(settings_, screener=screener)
    store = app.extensions["sanctions"].store
    headers = {"Authorization": "Bearer " + store.keys.create("admin")}
    un = resources.files("service.parties").joinpath("data", "consolidated-2026-05-08.xml.gz")
    loaded = app.test_client().post(
        "/v1/lists", data=un.read_bytes(), headers={**headers, "Content-Type": "application/gzip"}
    )
    assert loaded.status_code == 201
    return app, headers


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_negative_data_is_refused_and_every_check_holds(case, fuzz_app):
    app, headers = fuzz_app
    case.operation.schema.app = app
    # A list body is any bytes to the schema (application/xml, gzip, zip): a generated one that
    # happens to be schema-valid is still no list, and its 422 is right, not a rejected
    # positive case. Every other check holds for the list upload too.
    excluded = [positive_data_acceptance] if case.operation.path == "/v1/lists" else []
    # A batch is validated item by item when it runs (README, Jobs): an array of objects that
    # breaks the Transaction schema is a job whose bad items get error results, the others go
    # on. Such a batch must be taken as a job; a body that is not an array is still refused.
    batch = _per_item_batch(case)
    if batch:
        excluded.append(negative_data_rejection)
    response = case.call_and_validate(app=app, headers=headers, excluded_checks=excluded)
    if batch and not any(case.meta.is_negative_at(where) for where in _NOT_BODY):
        # taken as a job (429: an earlier case's wrong keys throttle this client address)
        assert response.status_code in (202, 429), response.text


_NOT_BODY = (ParameterLocation.QUERY, ParameterLocation.HEADER, ParameterLocation.PATH)


def _per_item_batch(case) -> bool:
    """A job submission whose body only is negative, and is still an array of objects."""
    return (
        case.operation.method.upper() == "POST"
        and case.operation.path == "/v1/screening-jobs"
        and case.meta is not None
        and case.meta.is_negative_at(ParameterLocation.BODY)
        and isinstance(case.body, list)
        and all(isinstance(item, dict) for item in case.body)
    )
