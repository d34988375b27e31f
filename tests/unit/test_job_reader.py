"""A job's body read as a stream of items: JSON arrays split across blocks, JSON Lines, CSV."""

from __future__ import annotations

import io
import json

import pytest

from service.jobs import JobInputError, read_items
from service.jobs.csvrows import transaction


def read(body: str | bytes, fmt: str, max_item: int = 10_000, block: int | None = None) -> list:
    data = io.BytesIO(body.encode() if isinstance(body, str) else body)
    reader = data.read if block is None else (lambda _n: data.read(block))
    return list(read_items(reader, fmt, max_item))


def test_a_json_array_read_in_tiny_blocks_gives_every_item_whole():
    items = [{"reference": f"R{i}", "n": i * 1.5, "s": 'a,]}\\"x'} for i in range(50)]
    body = json.dumps(items, indent=1)
    assert [b for b, _ in read(body, "json", block=7)] == items


def test_a_number_split_by_a_block_is_not_cut():
    assert read("[12345]", "json", block=3) == [(None, "an item must be a JSON object, not int")]


def test_non_objects_and_nan_are_error_items_not_refusals():
    got = read('[{"a": 1}, 3, {"q": NaN}, {"b": 2}]', "json")
    assert got[0] == ({"a": 1}, None) and got[3] == ({"b": 2}, None)
    assert got[1][0] is None and got[2][0] is None


@pytest.mark.parametrize("body", ['[{"a": 1},', '[{"a": 1} {"b": 2}]', "[1] [2]", '"x"'])
def test_a_broken_json_array_is_refused_whole(body):
    with pytest.raises(JobInputError):
        read(body, "json")


def test_an_oversized_item_in_an_array_is_refused_without_reading_on():
    body = "[" + json.dumps({"x": "y" * 5000}) + "]"
    with pytest.raises(JobInputError, match="larger than 100 bytes"):
        read(body, "json", max_item=100, block=64)


def test_json_lines_bad_lines_become_error_items():
    body = '{"a": 1}\n\nnot json\n{"b": 2}\n' + '{"c": "' + "z" * 500 + '"}\n{"d": 4}'
    got = read(body, "jsonl", max_item=100, block=16)
    assert [b for b, _ in got] == [{"a": 1}, None, {"b": 2}, None, {"d": 4}]
    assert got[1][1].startswith("not valid JSON") and got[3][1] == "the line is too long"


def test_a_json_body_of_objects_per_line_is_read_as_json_lines():
    assert read('{"a": 1}\n{"b": 2}\n', "json") == [({"a": 1}, None), ({"b": 2}, None)]


def test_csv_rows_follow_the_documented_layout():
    body = (
        "Reference,date,seller_name,seller_country,buyer_name,buyer_country,goods_description,"
        "hs_code,quantity,unit,transit,vessel_name,ship_to_ship\n"
        'PO-1,2024-01-02,Acme,KP,"Buyer, Ltd",RU,rice;diesel,100630;271019,5;2.5,t;bbl,CN;TR,ANGARA,true\n'
    )
    [(tx, error)] = read(body, "csv")
    assert error is None
    assert tx == {
        "reference": "PO-1", "date": "2024-01-02",
        "parties": [{"role": "seller", "name": "Acme", "country": "KP"},
                    {"role": "buyer", "name": "Buyer, Ltd", "country": "RU"}],
        "goods": [{"description": "rice", "hs_code": "100630", "quantity": 5, "unit": "t"},
                  {"description": "diesel", "hs_code": "271019", "quantity": 2.5, "unit": "bbl"}],
        "route": {"transit": ["CN", "TR"], "vessel": {"name": "ANGARA"}, "ship_to_ship": True},
    }  # fmt: skip


def test_numbered_goods_columns_and_values():
    tx = transaction({"goods_description_1": "rice", "goods_description_2": "diesel",
                      "value_2": "100", "currency_2": "USD"})  # fmt: skip
    assert tx["goods"] == [{"description": "rice"},
                           {"description": "diesel", "value": {"amount": 100, "currency": "USD"}}]  # fmt: skip


def test_a_csv_row_that_does_not_fit_is_an_error_item_and_an_unknown_column_refuses_all():
    got = read("reference,quantity\nA,12\nB,many\nC,1,extra\n", "csv")
    assert got[0] == ({"reference": "A", "goods": [{"quantity": 12}]}, None)
    assert got[1][0] is None and "not a number" in got[1][1]
    assert got[2][0] is None and "3 cells for 2 columns" in got[2][1]
    with pytest.raises(JobInputError, match="unknown CSV column"):
        read("reference,sellr_name\nA,B\n", "csv")


def test_a_body_that_is_not_utf8_is_refused():
    with pytest.raises(JobInputError, match="UTF-8"):
        read(b'{"a": "\xff"}\n', "jsonl")


def test_stored_items_keep_object_lines_and_array_objects_as_their_text():
    from service.jobs.reader import stored_items

    data = io.BytesIO(b'{"a": 1}\r\n {"b": [2]} \n[3]\n{"c": oops}\n')
    got = list(stored_items(data.read, "jsonl", 1000))
    assert got[:2] == [('{"a": 1}', None), ('{"b": [2]}', None)]
    assert got[2] == (None, "an item must be a JSON object, not list")
    assert got[3] == ('{"c": oops}', None)  # looks like an object: the worker finds it is not
    data = io.BytesIO(b'[{"a": 1}, 7, {"b": {"c": "]"}}]')
    got = list(stored_items(data.read, "json", 1000))
    assert got == [('{"a": 1}', None), (None, "an item must be a JSON object, not int"),
                   ('{"b": {"c": "]"}}', None)]  # fmt: skip


def test_a_csv_row_may_say_where_in_the_destination_the_goods_go():
    tx = transaction(
        {"destination": "SD", "destination_region": "SD-DN", "goods_description": "rifles"}
    )
    assert tx["route"] == {"destination": "SD", "destination_region": "SD-DN"}
