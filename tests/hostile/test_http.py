"""HTTP hygiene: nosniff, no-store on decisions, rate-limit headers, wrong-key throttling, and
docs pages that work offline (assets from the package) under a CSP."""

from __future__ import annotations

import re


def test_decisions_and_problems_are_not_stored_or_sniffed(client, auth) -> None:
    ok = client.post("/v1/screenings", json={"goods": [{"description": "rice"}]}, headers=auth())
    bad = client.post("/v1/screenings", json={"goods": []}, headers=auth())
    for r in (ok, bad, client.get("/readyz")):
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Cache-Control"] == "no-store"
    assert ok.status_code == 200 and bad.status_code == 400


def test_rate_limit_headers(make_app) -> None:
    app = make_app(rate_limit="5/minute")
    headers = {
        "Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("screener")
    }
    r = app.test_client().get("/v1/regimes", headers=headers)
    assert r.headers["X-RateLimit-Limit"] == "5" and r.headers["X-RateLimit-Remaining"] == "4"
    assert 0 <= int(r.headers["X-RateLimit-Reset"]) <= 60


def test_repeated_wrong_keys_from_one_address_are_throttled(client, auth) -> None:
    good = auth()
    wrong = {"Authorization": "Bearer sk_guess"}
    here = {"REMOTE_ADDR": "192.0.2.7"}
    codes = [
        client.get("/v1/regimes", headers=wrong, environ_base=here).status_code for _ in range(12)
    ]
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    # even the right key is held back from that address for the window; others are not
    assert client.get("/v1/regimes", headers=good, environ_base=here).status_code == 429
    assert (
        client.get(
            "/v1/regimes", headers=good, environ_base={"REMOTE_ADDR": "192.0.2.8"}
        ).status_code
        == 200
    )


def test_docs_pages_load_their_assets_from_the_service_under_a_csp(client) -> None:
    for page in ("/docs", "/redoc"):
        r = client.get(page)
        assert r.status_code == 200
        html = r.get_data(as_text=True)
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert sources and all(s.startswith("/") for s in sources), sources
        csp = r.headers["Content-Security-Policy"]
        assert (
            "default-src 'none'" in csp
            and "http" not in csp
            and "'unsafe-inline'" not in csp.split("style-src")[0]
        )
        for src in sources:
            asset = client.get(src)
            assert asset.status_code == 200 and asset.headers["X-Content-Type-Options"] == "nosniff"
