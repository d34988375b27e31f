"""Redis down: every authenticated request was a 500 while /readyz said ready. Now screening
goes on with per-process rate limits and /readyz reports Redis as down (not required)."""

from __future__ import annotations

import pytest

from service.screening.lists import ensure_bundled

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1 (the shared Redis is untouched)


def test_screening_works_and_readyz_reports_redis_down(make_app, seed_tx) -> None:
    app = make_app(redis_url=NOWHERE, rate_limit="3/minute")
    state = app.extensions["sanctions"]
    ensure_bundled(state.store, state.tree)  # as `sanctions serve` does: a list is loaded
    headers = {
        "Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("screener")
    }
    client = app.test_client()
    statuses = [
        client.post("/v1/screenings", json=seed_tx, headers=headers).status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]  # the local fallback still limits
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"]["redis"] == {
        "ok": False, "required": False, "error": "not reachable",
        "fallback": "rate limits counted per process",
    }  # fmt: skip


def test_with_redis_up_readyz_says_so(make_app) -> None:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    app = make_app(redis_url="redis://127.0.0.1:6379/15")
    assert app.test_client().get("/readyz").get_json()["checks"]["redis"] == {
        "ok": True,
        "required": False,
    }


@pytest.fixture
def seed_tx() -> dict:
    return {
        "date": "2024-01-01",
        "goods": [{"description": "rifles"}],
        "route": {"destination": "KP"},
    }
