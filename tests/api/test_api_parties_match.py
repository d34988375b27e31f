"""POST /v1/parties/match: names against every enabled list, one result per party."""

from __future__ import annotations

from pathlib import Path

import pytest

LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
OFAC_CONS = LISTS / "ofac-consolidated-nonsdn-2026-01-08.xml.gz"
UK = LISTS / "uk-sanctions-list-2026-03-26-excerpt.xml"


def match(client, headers, *queries, **extra):
    return client.post("/v1/parties/match", json={"queries": list(queries), **extra},
                       headers=headers)  # fmt: skip


def test_a_listed_entity_comes_back_with_its_list_programme_and_regime(client, key) -> None:
    r = match(client, key("screener"), {"name": "Korea Mining Development Trading Corporation",
                                        "type": "organization"}, {"name": "Jane Q. Nobody"})  # fmt: skip
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    first, second = body["results"]
    best = first["matches"][0]
    assert (best["list"], best["reference"], best["regime"]) == ("un", "KPe.001", "DPRK")
    assert best["match"] is True and best["band"] == "match" and best["explanation"]
    assert best["programmes"] == ["DPRK"] and best["lists"][0]["reference"] == "KPe.001"
    assert second == {"index": 1, "matches": []}
    assert set(body["lists"]) == {"un", "un-vessels"} and body["threshold"] == 0.88


def test_a_vessel_is_found_by_its_imo_number_on_the_bundled_vessel_list(client, key) -> None:
    r = match(client, key("screener"), {"imo": "7303803", "type": "vessel"})
    lists = {x["list"] for m in r.get_json()["results"][0]["matches"] for x in m["lists"]}
    assert "un-vessels" in lists


def test_the_threshold_moves_the_match_band_and_lists_restrict_the_search(client, key) -> None:
    headers = key("screener")
    query = {"name": "Korea Mining Devlopment Tradng Corp", "type": "organization"}  # misspelt
    default = match(client, headers, query).get_json()["results"][0]["matches"][0]
    assert default["match"] is True and default["score"] < 1
    strict = match(client, headers, query, threshold=1.0).get_json()["results"][0]["matches"][0]
    assert (strict["score"], strict["match"], strict["band"]) == (default["score"], False, "review")
    only = match(client, headers, query, lists=["un-vessels"]).get_json()
    assert only["results"][0]["matches"] == [] and list(only["lists"]) == ["un-vessels"]


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"queries": []}, "queries"),
        ({"queries": [{"name": "x"}] * 1001}, "queries"),
        ({}, "queries"),
        ({"queries": [{"name": "Ri", "type": "alien"}]}, "queries[0].type"),
        ({"queries": [{"name": "Ri"}, {"type": "person"}]}, "queries[1]"),
        ({"queries": [{"name": "Ri", "nationality": "Atlantis"}]}, "queries[0].nationality"),
        ({"queries": [{"name": "Ri", "colour": "red"}]}, "queries[0].colour"),
        ({"queries": [{"name": "Ri"}], "threshold": "high"}, "threshold"),
        ({"queries": [{"name": "Ri"}], "threshold": 1.5}, "threshold"),
        ({"queries": [{"name": "Ri"}], "threshold": 0.5}, "threshold"),  # below review
        ({"queries": [{"name": "Ri"}], "lists": ["un", "nope"]}, "lists[1]"),
    ],
)
def test_bad_requests_name_the_field(client, key, body, path) -> None:
    r = client.post("/v1/parties/match", json=body, headers=key("screener"))
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert path in r.get_json()["errors"], r.get_json()


def test_it_needs_a_screener_key_and_json(client, key) -> None:
    assert client.post("/v1/parties/match", json={"queries": [{"name": "x"}]}).status_code == 401
    r = client.post("/v1/parties/match", data="name=x", headers=key("screener"))
    assert r.status_code == 415


def test_an_ofac_list_loaded_over_http_is_matched_with_its_programme(client, key) -> None:
    admin = {**key("admin"), "Content-Type": "application/gzip"}
    r = client.post("/v1/lists?format=ofac-cons-xml", data=OFAC_CONS.read_bytes(), headers=admin)
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["version"] == "ofac-cons:2026-01-08T00:00:00Z#00d16d5f"
    assert r.get_json()["format"] == "ofac-cons-xml"
    found = match(client, key("screener"), {"name": "Ismail Abdul Salah HANIYA",
                                            "type": "person"}).get_json()  # fmt: skip
    best = found["results"][0]["matches"][0]
    assert (best["list"], best["reference"], best["programmes"]) == (
        "ofac-cons",
        "9639",
        ["NS-PLC"],
    )
    assert best["regime"] == "" and best["match"] is True  # NS-PLC implements no UN regime
    assert found["lists"]["ofac-cons"] == "ofac-cons:2026-01-08T00:00:00Z#00d16d5f"


def test_a_party_on_the_un_and_the_uk_lists_is_one_result_naming_both(client, key) -> None:
    admin = {**key("admin"), "Content-Type": "application/xml"}
    assert client.post("/v1/lists", data=UK.read_bytes(), headers=admin).status_code == 201
    found = match(client, key("screener"), {"name": "Mohammed Omar Ghulam Nabi",
                                            "type": "person"}).get_json()  # fmt: skip
    results = found["results"][0]["matches"]
    on = [[(x["list"], x["reference"]) for x in m["lists"]] for m in results]
    both = [o for o in on if ("uk", "AFG0008") in o]
    assert len(both) == 1 and ("un", "TAi.004") in both[0], on
    assert sum(("un", "TAi.004") in o for o in on) == 1  # never a second alert for it
