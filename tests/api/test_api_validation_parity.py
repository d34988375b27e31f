"""The transaction schema validates with the core parser: both must refuse the same inputs."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from marshmallow import Schema, ValidationError

from service.api.schemas import TransactionSchema
from service.screening.transaction import Transaction, TransactionError, parse_transaction

SEED = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "seed.json").read_text())


def mutate(path: str, value: object) -> dict:
    tx = copy.deepcopy(SEED)
    *parents, last = path.split(".")
    node: dict = tx
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]  # type: ignore[index]
    if value is DELETE:
        del node[last]  # type: ignore[arg-type]
    elif last.isdigit():
        node[int(last)] = value  # type: ignore[index]
    else:
        node[last] = value
    return tx


class _Delete:
    def __repr__(self) -> str:  # stable test ids across xdist workers
        return "<deleted>"


DELETE = _Delete()
BAD = [
    ("date", "2022-9-22"), ("date", "2022-02-30"), ("date", None), ("type", "barter"),
    ("colour", "red"), ("parties.0.role", "owner"), ("parties.0.country", "Atlantis"),
    ("parties.0.name", 5), ("goods.0.hs_code", "12a"), ("goods.0.quantity", "5"),
    ("goods.0.quantity", -1), ("goods.0.value.currency", "US"), ("goods.0.value.amount", DELETE),
    ("route.transit", [None]), ("route.ship_to_ship", "no"), ("purposes", ["fun"]),
    ("purposes", [None]), ("authorizations.0.type", ""), ("authorizations.0.covers", "x"),
    ("goods", []), ("route.vessel.flag", "XX"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value"), BAD, ids=[f"{p}={v!r}" for p, v in BAD])
def test_both_refuse(path: str, value: object) -> None:
    tx = mutate(path, value)
    if path == "goods":
        tx.pop("description")
    with pytest.raises(TransactionError):
        parse_transaction(tx)
    with pytest.raises(ValidationError):
        Schema.load(TransactionSchema(), tx)  # marshmallow's own field machinery
    with pytest.raises(ValidationError):
        TransactionSchema().load(tx)  # the fast path used by the API


def test_both_accept_the_seed() -> None:
    assert isinstance(TransactionSchema().load(SEED), Transaction)
    assert Schema.load(TransactionSchema(), SEED)["route"]["origin"] == "KP"
