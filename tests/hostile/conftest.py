"""The hostile suite: each case a careless integrator or an attacker tried, on the real app.

Every test asserts a refusal or a bound (never a timing): the service must answer with a
problem naming the field or the limit, or with a decision that is not ``clear``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.app import create_app
from service.screening import Screener
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def make_app(tmp_path: Path, screener: Screener) -> Callable[..., Flask]:
    def build(**overrides: Any) -> Flask:
        values: dict[str, Any] = {
            "home": tmp_path,
            "database_url": f"sqlite:///{tmp_path / 'h.db'}",
        }
        values.update(overrides)
        settings = dataclasses.replace(Settings.from_env(), **values)
        return create_app(settings, screener=screener)

    return build


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def auth(app: Flask) -> Callable[[str], dict[str, str]]:
    def make(role: str = "screener") -> dict[str, str]:
        secret = app.extensions["sanctions"].store.keys.create(role, f"hostile {role}")
        return {"Authorization": f"Bearer {secret}"}

    return make


def _carpets(amount: Any = 1000) -> dict[str, Any]:
    return {
        "date": "2024-03-01",
        "goods": [{"description": "persian rug", "value": {"amount": amount, "currency": "USD"}}],
        "route": {"origin": "IR", "destination": "KP"},
    }


@pytest.fixture(scope="session")
def carpets() -> Callable[..., dict[str, Any]]:
    """Rugs bound for Pyongyang: above US$500 they are prohibited (S/RES/2321 (2016))."""
    return _carpets
