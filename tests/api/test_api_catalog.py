"""GET /v1/rules, /v1/rules/{id}, /v1/regimes and POST /v1/goods/classify."""

from __future__ import annotations


def test_rules_carry_citations_and_dates(client, key):
    r = client.get("/v1/rules", headers=key("screener"))
    assert r.status_code == 200
    rules = r.get_json()
    assert rules
    for rule in rules:
        assert rule["citations"] and rule["in_force"]["from"]
        assert ".yaml:" in rule["source"] and not rule["source"].startswith("/")


def test_rules_by_regime(client, key):
    headers = key("screener")
    dprk = client.get("/v1/rules?regime=DPRK", headers=headers).get_json()
    assert dprk and {r["regime"] for r in dprk} == {"DPRK"}
    assert client.get("/v1/rules?regime=NOPE", headers=headers).get_json() == []


def test_rule_by_id_and_404(client, key):
    headers = key("screener")
    rules = client.get("/v1/rules", headers=headers).get_json()
    one = client.get(f"/v1/rules/{rules[0]['id']}", headers=headers)
    assert one.status_code == 200 and one.get_json() == rules[0]
    missing = client.get("/v1/rules/unsc.nothing", headers=headers)
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert "unsc.nothing" in missing.get_json()["detail"]


def test_regimes(client, key):
    regimes = client.get("/v1/regimes", headers=key("screener")).get_json()
    dprk = next(g for g in regimes if g["code"] == "DPRK")
    assert dprk["targets"] == ["KP"] and dprk["rules"] > 0


def test_classify(client, key):
    r = client.post(
        "/v1/goods/classify",
        json={"description": "152 mm artillery shells", "hs_code": "930690"},
        headers=key("screener"),
    )
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert any(c.startswith("arms.ammunition") for c in body["categories"])
    assert body["hs_code"] == "930690" and body["evidence"]
    assert [s["code"][:4] for s in body["hs_suggestions"]][:1] == ["9306"]
    assert "hs_mismatch" not in body


def test_classify_needs_something(client, key):
    r = client.post("/v1/goods/classify", json={}, headers=key("screener"))
    assert r.status_code == 400 and "description" in r.get_json()["errors"]
    r = client.post("/v1/goods/classify", json={"hs_code": "9x"}, headers=key("screener"))
    assert r.status_code == 400 and "hs_code" in r.get_json()["errors"]


def test_regimes_and_rules_show_the_mandate_chains(client, key):
    regimes = client.get("/v1/regimes", headers=key("screener")).get_json()
    by_code = {g["code"]: g for g in regimes}
    assert by_code["DPRK"]["mandate"] is None  # open-ended
    chain = by_code["SOUTH_SUDAN"]["mandate"]
    assert chain["expires"] == "2026-05-31" and chain["after_expiry"] == "renewal_unverified"
    assert chain["chain"][-1]["resolution"] == "S/RES/2781 (2025)"
    rule = client.get("/v1/rules/unsc.south_sudan.arms", headers=key("screener")).get_json()
    assert (
        rule["in_force"]["until"] == "2026-05-31" and rule["in_force"]["mandate"] == "SOUTH_SUDAN"
    )


def test_a_rule_says_which_kind_of_measure_it_implements(client, key):
    headers = key("screener")
    freeze = client.get("/v1/rules/unsc.yemen.asset_freeze", headers=headers).get_json()
    arms = client.get("/v1/rules/unsc.yemen.arms.designated", headers=headers).get_json()
    assert freeze["implements"] == ["asset_freeze"] and arms["implements"] == ["arms_embargo"]
    proxy = client.get("/v1/rules/unsc.yemen.arms.houthis", headers=headers).get_json()
    assert proxy["implements"] == []
