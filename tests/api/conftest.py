"""Fixtures for the API tests: a real app on a real SQLite file under a temp SANCTIONS_HOME."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.app import create_app
from service.screening import Screener
from service.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="session")
def seed() -> dict[str, Any]:
    return json.loads((FIXTURES / "seed.json").read_text())


@pytest.fixture(scope="session")
def un_list() -> bytes:
    """The UN list snapshot shipped with the package (gzip)."""
    return (
        resources.files("service.parties")
        .joinpath("data", "consolidated-2026-05-08.xml.gz")
        .read_bytes()
    )


@pytest.fixture
def make_app(tmp_path: Path, screener: Screener) -> Callable[..., Flask]:
    """Build an app with settings from the environment, overridden per test (home = tmp)."""

    def build(**overrides: Any) -> Flask:
        base = Settings.from_env()
        values = {"home": tmp_path, "database_url": f"sqlite:///{tmp_path / 'api.db'}"}
        values.update(overrides)
        settings = dataclasses.replace(base, **values)
        return create_app(settings, screener=None if "rules" in overrides else screener)

    return build


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def key(app: Flask) -> Callable[[str], dict[str, str]]:
    """``key("screener")`` → headers carrying a fresh key of that role."""

    def make(role: str) -> dict[str, str]:
        secret = app.extensions["sanctions"].store.keys.create(role, f"test {role}")
        return {"Authorization": f"Bearer {secret}"}

    return make
