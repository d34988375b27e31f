"""POST /v1/screenings: the contract of ARCHITECTURE §3.1/§3.2 and its validation errors."""

from __future__ import annotations

import copy
from typing import Any

from service.api.examples import SEED_TRANSACTION

PROBLEM = "application/problem+json"


def test_seed_is_prohibited_with_citations(client, key, seed):
    r = client.post("/v1/screenings", json=seed, headers=key("screener"))
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["outcome"] == "prohibited"
    assert body["as_of"] == "2022-09-22"
    assert body["reference"] == "PO-2022-0917"
    prohibited = [f for f in body["findings"] if f["outcome"] == "prohibited"]
    assert prohibited and all(f["citations"] for f in prohibited)
    assert any(c["instrument"].startswith("S/RES/1718") for f in prohibited for c in f["citations"])
    assert body["goods"][0]["line"] == 0
    assert set(body["versions"]) >= {"rules", "list", "engine"}
    assert r.headers["X-Request-ID"]


def test_example_in_the_spec_is_the_seed(seed):
    assert seed == SEED_TRANSACTION


def _post(client, headers, body: Any):
    r = client.post("/v1/screenings", json=body, headers=headers)
    return r, r.get_json()


def test_unknown_fields_are_rejected_with_their_path(client, key, seed):
    tx = copy.deepcopy(seed)
    tx["goods"][0]["colour"] = "red"
    tx["route"]["vessel"]["tonnage"] = 5
    tx["extra"] = 1
    r, body = _post(client, key("screener"), tx)
    assert r.status_code == 400 and r.mimetype == PROBLEM
    assert {"goods[0].colour", "route.vessel.tonnage", "extra"} <= set(body["errors"])
    assert body["status"] == 400 and body["title"]


def test_country_names_are_normalised(client, key, seed):
    tx = copy.deepcopy(seed)
    tx["route"]["origin"] = "Corée du Nord"
    tx["parties"][0]["country"] = "Democratic People's Republic of Korea"
    r, body = _post(client, key("screener"), tx)
    assert r.status_code == 200, body
    assert body["outcome"] == "prohibited"


def test_unknown_country_bad_date_bad_hs_code(client, key, seed):
    tx = copy.deepcopy(seed)
    tx["route"]["origin"] = "Atlantis"
    tx["date"] = "2022-14-40"
    tx["goods"][0]["hs_code"] = "93A"
    tx["goods"][0]["quantity"] = "12"
    tx["route"]["ship_to_ship"] = "no"
    r, body = _post(client, key("screener"), tx)
    assert r.status_code == 400
    assert {
        "route.origin",
        "date",
        "goods[0].hs_code",
        "goods[0].quantity",
        "route.ship_to_ship",
    } <= set(body["errors"])
    assert "Atlantis" in body["errors"]["route.origin"]


def test_enums_are_checked(client, key, seed):
    tx = copy.deepcopy(seed)
    tx["type"] = "barter"
    tx["parties"][1]["role"] = "friend"
    r, body = _post(client, key("screener"), tx)
    assert r.status_code == 400
    assert {"type", "parties[1].role"} <= set(body["errors"])


def test_goods_or_description_is_required(client, key):
    r, body = _post(client, key("screener"), {"reference": "x"})
    assert r.status_code == 400
    assert "goods" in body["errors"]


def test_description_alone_is_enough(client, key):
    r, body = _post(client, key("screener"), {"description": "garden furniture to France"})
    assert r.status_code == 200, body
    assert body["outcome"] in ("clear", "review")


def test_at_most_1000_goods_lines_and_parties(client, key):
    line = {"description": "wooden chairs", "hs_code": "940161"}
    r, body = _post(client, key("screener"), {"goods": [line] * 1001})
    assert r.status_code == 400 and "goods" in body["errors"]
    parties = [{"name": f"P{i}"} for i in range(1001)]
    r, body = _post(client, key("screener"), {"goods": [line], "parties": parties})
    assert r.status_code == 400 and "parties" in body["errors"]


def test_body_must_be_a_json_object(client, key):
    r, body = _post(client, key("screener"), [1, 2])
    assert r.status_code == 400 and r.mimetype == PROBLEM


def test_malformed_json_is_400(client, key):
    headers = {**key("screener"), "Content-Type": "application/json"}
    r = client.post("/v1/screenings", data=b'{"goods": [', headers=headers)
    assert r.status_code == 400 and r.mimetype == PROBLEM


def test_other_media_types_are_415(client, key):
    r = client.post(
        "/v1/screenings", data="goods", headers={**key("screener"), "Content-Type": "text/plain"}
    )
    assert r.status_code == 415 and r.mimetype == PROBLEM


def test_bodies_over_the_limit_are_413(make_app, seed):
    app = make_app(max_body=2048)
    headers = {"Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("admin")}
    tx = copy.deepcopy(seed)
    tx["description"] = "x" * 4000
    r = app.test_client().post("/v1/screenings", json=tx, headers=headers)
    assert r.status_code == 413 and r.mimetype == PROBLEM
    assert r.get_json()["status"] == 413


def test_decisions_are_counted_in_metrics(client, key, seed):
    client.post("/v1/screenings", json=seed, headers=key("screener"))
    text = client.get("/metrics").get_data(as_text=True)
    assert 'sanctions_decisions_total{outcome="prohibited"} 1.0' in text
    assert 'endpoint="/v1/screenings"' in text
