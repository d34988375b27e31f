"""Numbers: NaN skipped every value threshold; Infinity, 1e400 and 400-digit integers were
accepted or ended in a 500. Every numeric field is finite and bounded, refused with its path."""

from __future__ import annotations

import copy
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.screening.transaction import MAX_NUMBER, TransactionError, parse_transaction

NUMERIC_FIELDS = ("goods[0].quantity", "goods[0].value.amount")
RAW = {
    "NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity", "1e400": "1e400",
    "400 digits": "9" * 400, "negative": "-1", "above the bound": "1e16",
}  # fmt: skip


CARPETS = {
    "date": "2024-03-01",
    "goods": [{"description": "persian rug", "value": {"amount": 1000, "currency": "USD"}}],
    "route": {"origin": "IR", "destination": "KP"},
}


def _body(path: str, literal: str) -> str:
    tx = copy.deepcopy(CARPETS)
    if path == "goods[0].quantity":
        tx["goods"][0]["quantity"] = "@@"
    else:
        tx["goods"][0]["value"]["amount"] = "@@"
    return json.dumps(tx).replace('"@@"', literal)


def test_the_carpets_are_prohibited_with_a_real_value(client, auth, carpets) -> None:
    r = client.post("/v1/screenings", json=carpets(1000), headers=auth())
    assert r.status_code == 200 and r.get_json()["outcome"] == "prohibited"


def test_non_finite_and_out_of_range_numbers_are_400_with_the_path(client, auth) -> None:
    headers = {**auth(), "Content-Type": "application/json"}
    for path in NUMERIC_FIELDS:
        for name, literal in RAW.items():
            r = client.post("/v1/screenings", data=_body(path, literal), headers=headers)
            assert r.status_code == 400, (path, name, r.get_data(as_text=True))
            assert r.mimetype == "application/problem+json"
            assert path in r.get_json()["errors"], (path, name)


numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.booleans(),
    st.text(max_size=5),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(value=numbers, field=st.sampled_from(["quantity", "amount"]))
def test_every_numeric_value_is_accepted_finite_and_bounded_or_refused_with_its_path(
    value, field
) -> None:
    line: dict = {"description": "persian rug", "value": {"amount": 1, "currency": "USD"}}
    if field == "quantity":
        line["quantity"] = value
    else:
        line["value"]["amount"] = value
    path = "goods[0].quantity" if field == "quantity" else "goods[0].value.amount"
    try:
        tx = parse_transaction({"date": "2024-01-01", "goods": [line]})
    except TransactionError as exc:
        assert path in exc.errors
        return
    got = tx.goods[0].quantity if field == "quantity" else tx.goods[0].value.amount  # type: ignore[union-attr]
    if value is None:
        assert got is None
        return
    assert got is not None and math.isfinite(got) and 0 <= got <= MAX_NUMBER


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(literal=st.sampled_from(list(RAW.values())) | st.integers().map(str) | st.floats().map(repr))
def test_the_api_never_answers_500_or_clear_for_a_bad_amount(client, auth, literal) -> None:
    if literal in ("nan", "inf", "-inf"):
        literal = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[literal]
    r = client.post(
        "/v1/screenings", data=_body("goods[0].value.amount", literal),
        headers={**auth(), "Content-Type": "application/json"},
    )  # fmt: skip
    assert r.status_code in (200, 400), r.get_data(as_text=True)
    value = json.loads(literal)
    usable = 0 <= value <= MAX_NUMBER and (isinstance(value, int) or math.isfinite(value))
    assert (r.status_code == 200) == usable, literal
    if usable:
        expected = "prohibited" if value > 500 else "clear"
        assert r.get_json()["outcome"] == expected
