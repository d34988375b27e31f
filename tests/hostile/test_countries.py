"""Countries: "Korea" became KR, so DPRK artillery shells were clear; "Zaire" and "Congo"
resolved wrongly or silently; ZZ, EU and UN were accepted. One policy for every country field:
an assigned ISO code, or a name that stands for exactly one country, else refused with the
candidates."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.countries import CountryError, is_code, resolve
from service.screening.transaction import TransactionError, parse_transaction

FIELDS = (
    "parties[0].country", "parties[0].nationality", "goods[0].origin", "route.origin",
    "route.destination", "route.transit[0]", "route.vessel.flag",
)  # fmt: skip


def shells(country_field: str, value: object) -> dict:
    """DPRK artillery shells for Russia, with one country field set to ``value``."""
    tx: dict = {
        "date": "2023-09-13",
        "goods": [{"description": "152 mm artillery shells", "hs_code": "930690"}],
        "parties": [{"role": "seller", "name": "Trading company"}],
        "route": {"origin": "KP", "destination": "RU", "transit": ["CN"], "vessel": {"flag": "RU"}},
    }
    head, _, key = country_field.rpartition(".")
    node = {"parties[0]": tx["parties"][0], "goods[0]": tx["goods"][0], "route": tx["route"],
            "route.vessel": tx["route"]["vessel"]}[head]  # fmt: skip
    if key == "transit[0]":
        tx["route"]["transit"] = [value]
    else:
        node[key] = value
    return tx


@pytest.mark.parametrize(
    ("name", "candidates"),
    [("Korea", {"KP", "KR"}), ("Congo", {"CD", "CG"}), ("Guinea", {"GN", "GQ", "GW", "PG"}),
     ("USSR", {"RU", "UA"}), ("Yugoslavia", {"RS", "HR"}), ("Virgin Islands", {"VG", "VI"})],
)  # fmt: skip
def test_ambiguous_names_are_refused_with_the_candidates(name, candidates) -> None:
    with pytest.raises(CountryError) as err:
        resolve(name)
    assert candidates <= set(err.value.candidates)
    assert all(c in str(err.value) for c in candidates)


@pytest.mark.parametrize("code", ["ZZ", "EU", "UN", "XX", "AA", "QM", "XA", "EZ", "AC", "IC"])
def test_user_assigned_and_reserved_codes_are_not_countries(code) -> None:
    with pytest.raises(CountryError, match="not an assigned"):
        resolve(code)


def test_kosovo_is_the_one_user_assigned_code_accepted() -> None:
    assert resolve("XK") == resolve("xk") == resolve("Kosovo") == "XK"


@pytest.mark.parametrize(
    ("value", "code"),
    [("Zaire", "CD"), ("ZR", "CD"), ("Burma", "MM"), ("East Timor", "TL"), ("Dahomey", "BJ"),
     ("Upper Volta", "BF"), ("Corée du Nord", "KP"), ("Северная Корея", "KP"), ("朝鲜", "KP"),
     ("조선민주주의인민공화국", "KP"), ("Congo-Kinshasa", "CD"), ("Republic of Korea", "KR"),
     ("UK", "GB"), ("kp", "KP")],
)  # fmt: skip
def test_historic_and_foreign_names_resolve_to_one_country(value, code) -> None:
    assert resolve(value) == code


def test_korea_is_refused_through_the_api_not_screened_clear(client, auth) -> None:
    r = client.post("/v1/screenings", json=shells("route.origin", "Korea"), headers=auth())
    assert r.status_code == 400
    message = r.get_json()["errors"]["route.origin"]
    assert "ambiguous" in message and "KP" in message and "KR" in message


@pytest.mark.parametrize("field", FIELDS)
def test_every_country_field_follows_the_policy(field) -> None:
    for bad in ("Korea", "ZZ", "EU", "Atlantis"):
        with pytest.raises(TransactionError) as err:
            parse_transaction(shells(field, bad))
        assert field in err.value.errors, (field, bad)
    parse_transaction(shells(field, "North Korea"))


names = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.characters(min_codepoint=65, max_codepoint=90), min_size=2, max_size=2),
    st.sampled_from(["Korea", "Congo", "Guinea", "Zaire", "CS", "SU", "YU", "DD", "EU", " kp "]),
)


@settings(max_examples=300, deadline=None)
@given(value=names, field=st.sampled_from(FIELDS))
def test_a_country_field_is_one_assigned_code_or_refused_with_its_path(value, field) -> None:
    try:
        tx = parse_transaction(shells(field, value))
    except TransactionError as exc:
        assert field in exc.errors or not exc.errors.keys() - {field}
        return
    found = {
        "parties[0].country": tx.parties[0].country, "parties[0].nationality": tx.parties[0].nationality,
        "goods[0].origin": tx.goods[0].origin, "route.origin": tx.route.origin,
        "route.destination": tx.route.destination, "route.transit[0]": tx.route.transit[0],
        "route.vessel.flag": tx.route.vessel.flag if tx.route.vessel else None,
    }[field]  # fmt: skip
    assert found is not None and is_code(found)


@settings(max_examples=20, deadline=None)
@given(value=names)
def test_the_api_answers_a_country_with_a_decision_or_a_400(value) -> None:
    # the marshmallow schema (the API's fallback path) follows the same policy
    from marshmallow import Schema, ValidationError

    from service.api.schemas import TransactionSchema

    tx = json.loads(json.dumps(shells("route.destination", value)))
    core_ok = True
    try:
        parse_transaction(tx)
    except TransactionError:
        core_ok = False
    try:
        Schema.load(TransactionSchema(), tx)
        schema_ok = True
    except ValidationError:
        schema_ok = False
    assert core_ok == schema_ok
