"""``purpose``: the transaction declares one of these purposes (humanitarian, livelihood, …)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.vocabulary import PURPOSES

from .registry import EMPTY, Evaluator, Predicate, register
from .schema_parts import enum, one_or_many


@dataclass(frozen=True, slots=True)
class Purpose:
    purposes: frozenset[str]


def _compile(node: Purpose) -> Evaluator:
    return lambda f: EMPTY if not node.purposes.isdisjoint(f.purposes) else None


def _parse(p: Any, n: Any) -> Purpose | None:
    found = p.enum_set(n, "purpose", PURPOSES)
    return Purpose(found) if found else None


register(
    Predicate(
        "purpose", Purpose, _parse, _compile, lambda: one_or_many(enum(PURPOSES)),
        summary="the transaction declares one of these `purposes`",
    )
)  # fmt: skip
