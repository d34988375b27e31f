"""GET/POST /v1/lists: storing versions of the UN list; a bad file leaves the current one."""

from __future__ import annotations

import gzip
import hashlib

from service.parties.lists import load_bundled_un_vessels
from service.settings import Settings

XML = {"Content-Type": "application/xml"}


def test_no_list_yet(client, key):
    r = client.get("/v1/lists", headers=key("screener"))
    assert r.status_code == 200
    assert r.get_json() == {"current": None, "versions": []}


def test_load_a_version(client, key, un_list):
    r = client.post("/v1/lists", data=un_list, headers={**key("admin"), **XML})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["version"] == "un:2026-05-08T23:00:06Z#1f1b3bfe"
    assert body["counts"]["DPRK"] > 0 and len(body["sha256"]) == 64
    lists = client.get("/v1/lists", headers=key("screener")).get_json()
    assert lists["current"] == body and lists["versions"] == [body]


def test_plain_xml_is_accepted_above_the_json_body_limit(make_app, un_list):
    app = make_app(max_body=4096)
    headers = {"Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("admin")}
    xml = gzip.decompress(un_list)
    r = app.test_client().post("/v1/lists", data=xml, headers={**headers, **XML})
    assert r.status_code == 201, r.get_json()


def test_a_malformed_file_is_422_and_the_previous_version_stays(client, key, un_list):
    admin = {**key("admin"), **XML}
    first = client.post("/v1/lists", data=un_list, headers=admin).get_json()
    for bad in (b"<CONSOLIDATED_LIST><INDIVIDUALS>", b"not xml at all", gzip.compress(b"<x/>")):
        r = client.post("/v1/lists", data=bad, headers=admin)
        assert r.status_code == 422 and r.mimetype == "application/problem+json"
        assert r.get_json()["detail"]
    assert client.get("/v1/lists", headers=admin).get_json()["current"] == first


def test_entities_are_refused(client, key):
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CONSOLIDATED_LIST/>'
    r = client.post("/v1/lists", data=evil, headers={**key("admin"), **XML})
    assert r.status_code == 422


def test_wrong_media_type_and_empty_body(client, key):
    admin = key("admin")
    assert client.post("/v1/lists", json={"a": 1}, headers=admin).status_code == 415
    r = client.post("/v1/lists", data=b"", headers={**admin, **XML})
    assert r.status_code == 400 and r.mimetype == "application/problem+json"


def _relabelled(un_list: bytes, stamp: str) -> bytes:
    xml = gzip.decompress(un_list)
    start = xml.index(b'dateGenerated="') + len(b'dateGenerated="')
    end = xml.index(b'"', start)
    return xml[:start] + stamp.encode() + xml[end:]


def test_screenings_use_the_stored_list_in_every_process(make_app, un_list, seed):
    loader = make_app(list_check_seconds=0)
    other = make_app(list_check_seconds=0)  # think: another gunicorn worker, same database
    store = loader.extensions["sanctions"].store
    headers = {"Authorization": "Bearer " + store.keys.create("admin")}
    newer = _relabelled(un_list, "2026-11-01T10:00:00.5Z")
    r = loader.test_client().post("/v1/lists", data=newer, headers={**headers, **XML})
    label = "un:2026-11-01T10:00:00Z#" + hashlib.sha256(newer).hexdigest()[:8]
    assert r.status_code == 201 and r.get_json()["version"] == label
    screened = f"{label} {load_bundled_un_vessels().version}"  # the bundled vessels too
    for app in (loader, other):
        decision = app.test_client().post("/v1/screenings", json=seed, headers=headers).get_json()
        assert decision["versions"]["list"] == screened
    # a fresh process (building its own screener) starts on the newest stored version
    fresh = make_app(list_check_seconds=3600, rules=Settings.from_env().rules)
    state = fresh.extensions["sanctions"]
    assert state.live.list_ids["un"] == r.get_json()["id"]
    assert state.screener.versions["list"] == screened


def test_lists_over_their_own_limit_are_413(make_app, un_list):
    app = make_app(list_max_body=1000)
    headers = {"Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("admin")}
    r = app.test_client().post("/v1/lists", data=un_list, headers={**headers, **XML})
    assert r.status_code == 413 and r.mimetype == "application/problem+json"
