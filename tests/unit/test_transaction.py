"""Transaction parsing: strict fields, paths in errors, countries normalised."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from service.screening.transaction import TransactionError, parse_transaction

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed.json"


def test_seed_parses_with_countries_and_dates() -> None:
    tx = parse_transaction(json.loads(SEED.read_text()))
    assert (
        tx.date == dt.date(2022, 9, 22) and tx.route.origin == "KP" and tx.route.vessel.flag == "RU"
    )
    assert tx.parties[1].category == "military" and tx.goods[0].hs_code == "930690"


def test_country_names_in_several_languages() -> None:
    tx = parse_transaction(
        {
            "goods": [{"description": "x"}],
            "route": {"origin": "Corée du Nord", "destination": "Россия", "transit": ["China"]},
        }
    )
    assert (tx.route.origin, tx.route.destination, tx.route.transit) == ("KP", "RU", ("CN",))


def test_every_error_has_its_path() -> None:
    bad = {
        "date": "2022-02-30", "type": "barter", "colour": "red",
        "parties": [{"role": "seller", "country": "Atlantis"}],
        "goods": [{"description": "x", "hs_code": "12a", "quantity": -1, "value": {"amount": "5"}}],
    }  # fmt: skip
    with pytest.raises(TransactionError) as err:
        parse_transaction(bad)
    assert set(err.value.errors) == {
        "date", "type", "colour", "parties[0].country", "goods[0].hs_code", "goods[0].quantity",
        "goods[0].value.amount",
    }  # fmt: skip
    assert err.value.errors["date"] == "'2022-02-30' is not a date; use YYYY-MM-DD"


def test_needs_goods_or_description_and_limits() -> None:
    with pytest.raises(TransactionError, match="goods lines or a description"):
        parse_transaction({"date": "2022-01-01"})
    with pytest.raises(TransactionError, match="at most 50 "):
        parse_transaction({"goods": [{"description": "x"}] * 51})
    assert parse_transaction({"description": "coal"}, dt.date(2020, 1, 1)).date == dt.date(
        2020, 1, 1
    )


def test_a_destination_region_is_an_iso_3166_2_code() -> None:
    route = {"destination": "Sudan", "destination_region": "sd-dn"}
    tx = parse_transaction({"goods": [{"description": "x"}], "route": route})
    assert tx.route.destination_region == "SD-DN"
    bad = {
        "goods": [{"description": "x"}],
        "route": {"destination": "SD", "destination_region": "Darfur"},
    }
    with pytest.raises(TransactionError) as err:
        parse_transaction(bad)
    assert "not an ISO 3166-2" in err.value.errors["route.destination_region"]
