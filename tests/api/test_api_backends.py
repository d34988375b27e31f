"""The API on the real PostgreSQL server and with rate limits counted in the real Redis."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from service.app import create_app
from service.settings import Settings
from service.store import Store

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def pg_app(tmp_path, screener):
    store = Store(POSTGRES, schema=f"t_{uuid.uuid4().hex[:12]}")
    settings = dataclasses.replace(Settings.from_env(), home=tmp_path, database_url=POSTGRES)
    app = create_app(settings, store=store, screener=screener)
    yield app
    store.db.drop_all()
    store.dispose()


def test_keys_lists_and_screening_on_postgresql(pg_app, un_list, seed):
    store = pg_app.extensions["sanctions"].store
    client = pg_app.test_client()
    admin = {"Authorization": "Bearer " + store.keys.create("admin")}
    r = client.post(
        "/v1/lists", data=un_list, headers={**admin, "Content-Type": "application/gzip"}
    )
    assert r.status_code == 201
    bad = client.post("/v1/lists", data=b"<oops", headers={**admin, "Content-Type": "text/xml"})
    assert bad.status_code == 422
    assert client.get("/v1/lists", headers=admin).get_json()["current"]["id"] == r.get_json()["id"]
    assert client.get("/readyz").status_code == 200
    decision = client.post("/v1/screenings", json=seed, headers=admin)
    assert decision.get_json()["outcome"] == "prohibited"


def test_rate_limits_are_shared_through_redis(make_app):
    # Two apps (think: two gunicorn workers) on one database and one Redis share the counters.
    first = make_app(redis_url=REDIS, rate_limit="4/minute")
    second = make_app(redis_url=REDIS, rate_limit="4/minute")
    secret = first.extensions["sanctions"].store.keys.create("screener")
    headers = {"Authorization": f"Bearer {secret}"}
    statuses = [
        app.test_client().get("/v1/regimes", headers=headers).status_code
        for app in (first, second, first, second, first)
    ]
    assert statuses == [200, 200, 200, 200, 429]
