"""The officers' pages on a real app (SQLite under a temp home) with two officers."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.app import create_app
from service.screening import Screener, build_screener
from service.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def seed() -> dict:
    return json.loads((FIXTURES / "seed.json").read_text())


@pytest.fixture(scope="session")
def screener() -> Screener:
    return build_screener(Settings.from_env())


@pytest.fixture
def app(tmp_path: Path, screener: Screener) -> Flask:
    settings = dataclasses.replace(
        Settings.from_env(), home=tmp_path, database_url=f"sqlite:///{tmp_path / 'web.db'}",
        login_max_failures=3, log_level="WARNING",
    )  # fmt: skip
    app = create_app(settings, screener=screener)
    officers = app.extensions["officers"]
    officers.create("alice", "Alice Officer", "approver", PASSWORD)
    officers.create("bob", "Bob Approver", "approver", PASSWORD)
    return app


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]*)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def _sign_in(client: FlaskClient, username: str, password: str = PASSWORD):
    page = client.get("/ui/login")
    return client.post("/ui/login", data={"csrf_token": _token(page.get_data(as_text=True)),
                                          "username": username, "password": password})  # fmt: skip


@pytest.fixture
def token():
    """``token(html)``: the CSRF token of the page's first form."""
    return _token


@pytest.fixture
def sign_in():
    """``sign_in(client, username, password=PASSWORD)``: post the sign-in form."""
    return _sign_in
