"""/healthz, /readyz, /metrics, /openapi.json and the docs pages."""

from __future__ import annotations

XML = {"Content-Type": "application/xml"}


def test_healthz_is_anonymous_and_200(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"status": "ok"}


def test_readyz_fails_without_a_list(client):
    r = client.get("/readyz")
    assert r.status_code == 503 and r.mimetype == "application/problem+json"
    checks = r.get_json()["checks"]
    assert checks["rules"]["ok"] and checks["database"]["ok"]
    assert not checks["list"]["ok"]


def test_readyz_with_a_list_reports_its_age(client, key, un_list):
    client.post("/v1/lists", data=un_list, headers={**key("admin"), **XML})
    r = client.get("/readyz")
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["ready"] is True
    assert body["checks"]["rules"]["version"].startswith("sha256:")
    assert body["checks"]["list"]["version"] == "un:2026-05-08T23:00:06Z#1f1b3bfe"
    assert body["checks"]["list"]["age_days"] > 0
    assert "broker" not in body["checks"]


def _load(app, un_list):
    store = app.extensions["sanctions"].store
    headers = {"Authorization": "Bearer " + store.keys.create("admin"), **XML}
    assert app.test_client().post("/v1/lists", data=un_list, headers=headers).status_code == 201


def test_readyz_checks_a_real_broker(make_app, un_list):
    app = make_app(broker_url="redis://127.0.0.1:6379/0")
    _load(app, un_list)
    r = app.test_client().get("/readyz")
    assert r.status_code == 200 and r.get_json()["checks"]["broker"]["ok"] is True


def test_readyz_fails_when_the_broker_is_down(make_app, un_list):
    app = make_app(broker_url="redis://127.0.0.1:1/0")
    _load(app, un_list)
    r = app.test_client().get("/readyz")
    assert r.status_code == 503 and r.get_json()["checks"]["broker"]["ok"] is False


def test_readyz_fails_when_the_database_is_gone(app, un_list):
    _load(app, un_list)
    app.extensions["sanctions"].store.db.dispose()
    app.extensions["sanctions"].settings.home.joinpath("api.db").unlink()
    r = app.test_client().get("/readyz")
    assert r.status_code == 503
    assert r.get_json()["checks"]["database"] == {"ok": False, "error": "not reachable"}


def test_metrics_are_prometheus_text(client, key, un_list):
    client.post("/v1/lists", data=un_list, headers={**key("admin"), **XML})
    client.get("/healthz")
    r = client.get("/metrics")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    text = r.get_data(as_text=True)
    assert "sanctions_http_request_duration_seconds_bucket" in text
    assert 'endpoint="/healthz"' in text
    assert "sanctions_rules_info{" in text
    age = next(line for line in text.splitlines() if line.startswith("sanctions_list_age_seconds"))
    assert float(age.split()[-1]) > 86400


def test_metrics_can_require_admin(make_app):
    app = make_app(metrics_public=False)
    client = app.test_client()
    store = app.extensions["sanctions"].store
    assert client.get("/metrics").status_code == 401
    screener = {"Authorization": "Bearer " + store.keys.create("screener")}
    assert client.get("/metrics", headers=screener).status_code == 403
    admin = {"Authorization": "Bearer " + store.keys.create("admin")}
    assert client.get("/metrics", headers=admin).status_code == 200


def test_openapi_and_docs_are_served(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["info"]["title"] and "/v1/screenings" in spec["paths"]
    for page in ("/docs", "/redoc"):
        r = client.get(page)
        assert r.status_code == 200 and b"<html" in r.data.lower()


def test_a_broken_rule_set_refuses_to_build_the_app(make_app, tmp_path):
    import shutil

    import pytest

    from service.engine.errors import RuleSetError
    from service.ruletree import default_rules

    rules = tmp_path / "rules"
    shutil.copytree(default_rules(), rules)
    (rules / "un" / "dprk" / "arms.yaml").write_text("rules:\n  - id: [unclosed\n")
    with pytest.raises(RuleSetError):
        make_app(rules=rules)
