"""``type``: the transaction is of one of these types (goods, service, financial, …)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.vocabulary import TRANSACTION_TYPES

from .registry import Evaluator, Match, Predicate, register
from .schema_parts import enum, one_or_many


@dataclass(frozen=True, slots=True)
class TxType:
    types: frozenset[str]


def _compile(node: TxType) -> Evaluator:
    return lambda f: Match(notes=(f"{f.type} transaction",)) if f.type in node.types else None


def _parse(p: Any, n: Any) -> TxType | None:
    found = p.enum_set(n, "type", TRANSACTION_TYPES)
    return TxType(found) if found else None


register(
    Predicate(
        "type", TxType, _parse, _compile, lambda: one_or_many(enum(TRANSACTION_TYPES)),
        lambda n: frozenset(f"t:{t}" for t in n.types),
        summary="the transaction's type is one of these",
    )
)  # fmt: skip
