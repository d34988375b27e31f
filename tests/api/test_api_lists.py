"""GET/POST /v1/lists: storing versions of the UN list; a bad file leaves the current one."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from service.parties.lists import load_bundled_un_vessels
from service.screening.lists import current_lists
from service.settings import Settings

XML = {"Content-Type": "application/xml"}
LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


def test_no_list_yet(client, key):
    r = client.get("/v1/lists", headers=key("screener"))
    assert r.status_code == 200
    assert r.get_json() == {"current": None, "versions": [], "sources": {}}


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
    r = client.post("/v1/lists", data="<p>list</p>", headers={**admin, "Content-Type": "text/html"})
    assert r.status_code == 415 and "application/x-ndjson" in r.get_json()["detail"]
    r = client.post("/v1/lists", data=b"", headers={**admin, **XML})
    assert r.status_code == 400 and r.mimetype == "application/problem+json"


def test_json_that_is_no_list_is_422(client, key):
    r = client.post("/v1/lists", json={"a": 1}, headers=key("admin"))  # read as FtM JSON lines
    assert r.status_code == 422 and r.mimetype == "application/problem+json"


def test_every_format_loads_and_each_source_has_its_current_version(client, key, un_list):
    admin = key("admin")
    xml = {**admin, **XML}
    assert client.post("/v1/lists", data=un_list, headers=xml).status_code == 201
    for name in ("eu-fsf-2026-08-05-excerpt.xml", "uk-sanctions-list-2026-03-26-excerpt.xml"):
        r = client.post("/v1/lists", data=(LISTS / name).read_bytes(), headers=xml)  # detected
        assert r.status_code == 201, r.get_json()
    ftm = (LISTS / "opensanctions-eu-fsf-2024-06-01.ftm.json").read_bytes()
    r = client.post("/v1/lists?source=opensanctions-eu", data=ftm,
                    headers={**admin, "Content-Type": "application/x-ndjson"})  # fmt: skip
    assert r.status_code == 201 and r.get_json()["source"] == "opensanctions-eu"
    csv = (LISTS / "ofac-sdn-csv-sample.zip").read_bytes()
    zipped = {**admin, "Content-Type": "application/zip"}
    r = client.post("/v1/lists", data=csv, headers=zipped)
    assert r.status_code == 422 and "published=" in r.get_json()["detail"]
    r = client.post("/v1/lists?format=ofac-sdn-csv&published=2025-05-16", data=csv, headers=zipped)
    assert r.status_code == 201 and r.get_json()["version"].startswith("ofac-sdn:2025-05-16")
    lists = client.get("/v1/lists", headers=key("screener")).get_json()
    assert set(lists["sources"]) == {"un", "eu-fsf", "uk", "opensanctions-eu", "ofac-sdn"}
    assert lists["sources"]["un"]["version"] == "un:2026-05-08T23:00:06Z#1f1b3bfe"
    assert lists["current"] == lists["versions"][0] and len(lists["versions"]) == 5
    # the stored versions are read again with the options they were loaded with
    state = client.application.extensions["sanctions"]
    state.live.use(current_lists(state.store, state.tree))
    assert "opensanctions-eu:" in state.screener.versions["list"]
    assert "ofac-sdn:2025-05-16" in state.screener.versions["list"]


def test_formats_and_sources_that_cannot_be_used_are_refused(client, key):
    admin = {**key("admin"), **XML}
    ofac = gzip.decompress((LISTS / "ofac-consolidated-nonsdn-2026-01-08.xml.gz").read_bytes())
    r = client.post("/v1/lists", data=ofac, headers=admin)
    assert r.status_code == 422 and "ofac-sdn-xml or ofac-cons-xml" in r.get_json()["detail"]
    r = client.post("/v1/lists?format=excel", data=ofac, headers=admin)
    assert r.status_code == 400 and "ofac-cons-xml" in r.get_json()["errors"]["format"]
    r = client.post("/v1/lists?format=ofac-cons-xml&source=mine", data=ofac, headers=admin)
    assert r.status_code == 422 and "always the list 'ofac-cons'" in r.get_json()["detail"]
    r = client.post("/v1/lists?format=ofac-cons-xml&published=2026-01-09", data=ofac, headers=admin)
    assert r.status_code == 422 and "carries its own date" in r.get_json()["detail"]
    r = client.post("/v1/lists?format=un-xml", data=ofac, headers=admin)  # the wrong reader
    assert r.status_code == 422
    assert client.get("/v1/lists", headers=admin).get_json()["versions"] == []


def test_refusals_compare_with_the_current_version_of_the_same_source(client, key, un_list):
    admin = {**key("admin"), **XML}
    uk = (LISTS / "uk-sanctions-list-2026-03-26-excerpt.xml").read_bytes()
    assert client.post("/v1/lists", data=uk, headers=admin).status_code == 201
    # an older UN list is no reason to refuse: the UK version is another source's
    older_un = (LISTS / "un-consolidated-2026-02-27.xml.gz").read_bytes()
    assert client.post("/v1/lists", data=older_un, headers=admin).status_code == 201
    older_uk = uk.replace(b"<DateGenerated>26/03/2026", b"<DateGenerated>25/03/2026")
    r = client.post("/v1/lists", data=older_uk, headers=admin)
    assert r.status_code == 409 and "older" in r.get_json()["reasons"][0]
    cut = uk[: uk.index(b"<Designation>", uk.index(b"<Designation>") + 1)] + b"</Designations>"
    cut = cut.replace(b"26/03/2026", b"27/03/2026")
    r = client.post("/v1/lists", data=cut, headers=admin)
    assert r.status_code == 409 and "fewer than the current version" in r.get_json()["reasons"][0]


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
