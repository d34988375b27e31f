"""POST /v1/extract and description-only POST /v1/screenings: what a text was read as."""

from __future__ import annotations

PROBLEM = "application/problem+json"
TEXT = "La Corée du Nord vend des obus d'artillerie à la Russie"


def test_extract_returns_the_transactions_read_with_their_spans(client, key):
    r = client.post("/v1/extract", json={"description": TEXT}, headers=key("screener"))
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["language"] == "fr" and body["not_understood"] == []
    [tx] = body["transactions"]
    assert tx["transaction"]["route"] == {"origin": "KP", "destination": "RU"}
    assert tx["status"] == "asserted" and "outcome" not in tx  # reading only, no screening
    origin = next(f for f in tx["fields"] if f["field"] == "route.origin")
    assert TEXT[slice(*origin["span"])] == origin["text"] == "Corée du Nord"


def test_extract_needs_a_description_and_a_key(client, key):
    r = client.post("/v1/extract", json={}, headers=key("screener"))
    assert r.status_code == 400 and r.mimetype == PROBLEM
    assert "description" in r.get_json()["errors"]
    assert client.post("/v1/extract", json={"description": TEXT}).status_code == 401


def test_a_description_alone_is_screened_with_its_interpretation(client, key):
    r = client.post(
        "/v1/screenings", json={"description": TEXT, "date": "2023-09-01"}, headers=key("screener")
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["outcome"] == "prohibited"
    assert body["interpretation"]["screened"] == "extracted"
    assert body["interpretation"]["transactions"][0]["outcome"] == "prohibited"
    assert all(f["transaction"] == 0 for f in body["findings"])
