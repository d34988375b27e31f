"""``/v1/cases``: open, list with filters, act with four eyes, audit, replay and report."""

from __future__ import annotations

import pytest

AUTHORISED = {"action": "clear", "reason_code": "authorized", "reason": "Committee exemption",
              "reference": "1718/EXEMPTION/2023/12", "expires": "2099-12-31"}  # fmt: skip


@pytest.fixture
def officer(key):
    return key("officer")


@pytest.fixture
def approver(key):
    return key("approver")


@pytest.fixture
def opened(client, officer, seed):
    r = client.post("/v1/cases", json={"transaction": seed}, headers=officer)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def test_a_case_opens_screened(client, officer, opened, seed):
    assert opened["status"] == "open" and opened["decision"]["outcome"] == "prohibited"
    assert opened["reference"] == seed["reference"] and opened["regimes"] == ["DPRK"]
    assert opened["decision_sha256"].startswith("sha256:")
    full = client.get(f"/v1/cases/{opened['id']}", headers=officer).get_json()
    assert full["transaction"] == seed and full["actions"] == []
    assert [d["cause"] for d in full["decisions"]] == ["created"]


def test_four_eyes_over_http(client, officer, approver, opened):
    path = f"/v1/cases/{opened['id']}/actions"
    r = client.post(path, json=AUTHORISED, headers=officer)
    assert r.status_code == 200 and r.get_json()["status"] == "pending_approval"
    approve = {"action": "approve", "reason_code": "four_eyes_agreed", "reason": "checked",
               "decision_sha256": opened["decision_sha256"]}  # fmt: skip
    r = client.post(path, json=approve, headers=officer)
    assert r.status_code == 403 and "approver" in r.get_json()["detail"]
    r = client.post(path, json=approve, headers=approver)
    assert r.status_code == 200 and r.get_json()["status"] == "cleared"
    r = client.post(path, json=approve, headers=approver)
    assert r.status_code == 409
    audit = client.get(f"/v1/cases/{opened['id']}/audit", headers=officer).get_json()
    actions = [e["action"] for e in audit["entries"]]
    assert actions == ["case.created", "decision.recorded", "action.clear", "action.approve"]
    assert all(e["prev_hash"] == p["hash"] for p, e in zip(audit["entries"], audit["entries"][1:]))


def test_refusals_are_problems(client, officer, opened, key):
    path = f"/v1/cases/{opened['id']}/actions"
    r = client.post(path, json={"action": "clear", "reason_code": "authorized", "reason": "x"},
                    headers=officer)  # fmt: skip
    body = r.get_json()
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert set(body["errors"]) == {"reason", "reference", "expires"}
    r = client.post(path, json={"action": "fly", "reason_code": "note", "reason": "why"},
                    headers=officer)  # fmt: skip
    assert r.status_code == 400 and "action" in r.get_json()["errors"]
    assert client.get("/v1/cases/999", headers=officer).status_code == 404
    assert client.get("/v1/cases", headers=key("screener")).status_code == 403
    r = client.post("/v1/cases", json={"transaction": {"goods": [{"hs_code": "x"}]}},
                    headers=officer)  # fmt: skip
    assert r.status_code == 400 and "transaction.goods[0].hs_code" in r.get_json()["errors"]
    r = client.post(path, data="{}", headers=officer)
    assert r.status_code == 415


def test_the_list_filters_and_pages(client, officer, seed):
    rice = {"reference": "RICE-1", "goods": [{"description": "rice"}], "date": "2024-03-01"}
    for tx in (seed, rice, {**rice, "reference": "RICE-2"}):
        assert (
            client.post("/v1/cases", json={"transaction": tx}, headers=officer).status_code == 201
        )
    listed = client.get("/v1/cases?per_page=2", headers=officer).get_json()
    assert listed["total"] == 3 and [c["reference"] for c in listed["items"]] == [
        "RICE-2",
        "RICE-1",
    ]
    assert listed["counts"] == {"status": {"open": 3}, "outcome": {"prohibited": 1, "clear": 2}}
    page2 = client.get("/v1/cases?per_page=2&page=2", headers=officer).get_json()
    assert [c["reference"] for c in page2["items"]] == [seed["reference"]]
    for query, refs in (
        ("outcome=prohibited", [seed["reference"]]),
        ("regime=DPRK", [seed["reference"]]),
        ("date_from=2023-01-01", ["RICE-2", "RICE-1"]),
        ("date_to=2023-01-01&status=open", [seed["reference"]]),
        ("assignee=nobody", []),
    ):
        got = client.get(f"/v1/cases?{query}", headers=officer).get_json()["items"]
        assert [c["reference"] for c in got] == refs, query
    assert client.get("/v1/cases?status=lost", headers=officer).status_code == 400


def test_replay_and_report(client, officer, opened):
    r = client.post(f"/v1/cases/{opened['id']}/replay", headers=officer)
    assert r.status_code == 200
    assert r.get_json()["identical"] and r.get_json()["differences"] == []
    r = client.get(f"/v1/cases/{opened['id']}/report", headers=officer)
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "https://undocs.org/S/RES/1718(2006)" in html  # citations link to the texts
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in html and "case.created" in html
