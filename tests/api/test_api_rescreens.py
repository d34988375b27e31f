"""Loading a new list version over HTTP re-screens the kept screenings; /v1/rescreens says what
changed. The job is run here, chunk by chunk, as a worker would (no worker process)."""

from __future__ import annotations

from pathlib import Path

from service.rescreen.delta import list_delta
from service.screening.lists import read_version

OLD = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "lists"
    / "un-consolidated-2026-02-27.xml.gz"
)


def test_new_list_version_rescreens_kept_screenings(app, client, key, un_list):
    state = app.extensions["sanctions"]
    old_bytes = OLD.read_bytes()
    delta = list_delta(read_version(old_bytes, "un-xml", state.tree),
                       read_version(un_list, "un-xml", state.tree))  # fmt: skip
    removed = delta.removed[0]
    admin, screener = key("admin"), key("screener")
    r = client.post("/v1/lists", data=old_bytes, headers=admin,
                    content_type="application/gzip")  # fmt: skip
    assert r.status_code == 201 and "rescreen" not in r.get_json()
    tx = {"reference": "PO-1", "date": "2026-06-01",
          "goods": [{"description": "rice", "hs_code": "100630"}],
          "parties": [{"role": "buyer", "name": removed.name}]}  # fmt: skip
    r = client.post("/v1/screenings", json=tx, headers=screener)
    matched = [m["reference"] for p in r.get_json()["parties"] for m in p["matches"]]
    assert removed.reference in matched
    assert state.store.screenings.count() == 1

    r = client.post("/v1/lists", data=un_list, headers=admin, content_type="application/gzip")
    assert r.status_code == 201
    started = r.get_json()["rescreen"]
    assert started["examined"] == 1 and started["selected"] == 1
    record = state.rescreens.store.rescreens.get(started["id"])
    state.rescreens.run_here(record, state.live, app.extensions["cases"])

    assert client.get(started["status_url"], headers=screener).status_code == 404  # not its own
    r = client.get(started["status_url"], headers=admin)
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "done" and body["counts"]["changed"] == 1
    assert f"no longer match un {removed.reference} after its delisting" in body["summary"]
    [item] = body["items"]
    assert item["reference"] == "PO-1" and "delisted" in item["reason"]
    listed = client.get("/v1/rescreens", headers=admin).get_json()["items"]
    assert [x["id"] for x in listed] == [started["id"]] and listed[0]["items"] == []
    assert client.get("/v1/rescreens/nope", headers=admin).status_code == 404
    assert client.get("/v1/rescreens?limit=0", headers=admin).status_code == 400


def test_unknown_query_parameters_are_refused_with_their_name(client, key):
    """A misspelt parameter (?limt=5) is a 400 naming it, never silently ignored."""
    headers = key("admin")
    for url in ("/v1/rescreens?limt=5", "/v1/screening-jobs?limt=5", "/v1/lists?sourse=un"):
        method = client.post if url.startswith("/v1/lists") else client.get
        r = method(url, headers=headers)
        assert r.status_code == 400, (url, r.status_code)
        assert r.content_type == "application/problem+json"
        errors = r.get_json()["errors"]
        assert any(name in str(errors) for name in ("limt", "sourse")), errors
    assert client.get("/v1/rescreens?limit=5", headers=headers).status_code == 200
