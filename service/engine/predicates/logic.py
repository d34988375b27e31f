"""``all``, ``any`` and ``not``: conditions made of conditions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from service.engine.codes import R210

from .registry import (
    EMPTY,
    Evaluator,
    Match,
    Predicate,
    compile_condition,
    index_keys,
    register,
    target_countries,
)

CONDITION = {"$ref": "#/$defs/condition"}


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: object


def _compile_all(node: All) -> Evaluator:
    parts = tuple(compile_condition(i) for i in node.items)

    def run(f: Any) -> Match | None:
        found = []
        for part in parts:
            m = part(f)
            if m is None:
                return None
            found.append(m)
        if len(found) == 1:
            return found[0]
        return Match(
            frozenset().union(*(m.goods for m in found)),
            frozenset().union(*(m.parties for m in found)),
            tuple(n for m in found for n in m.notes),
        )

    return run


def _compile_any(node: AnyOf) -> Evaluator:
    parts = tuple(compile_condition(i) for i in node.items)

    def run(f: Any) -> Match | None:
        for part in parts:
            m = part(f)
            if m is not None:
                return m
        return None

    return run


def _compile_not(node: Not) -> Evaluator:
    inner = compile_condition(node.item)
    return lambda f: EMPTY if inner(f) is None else None


def _keys_all(node: All) -> frozenset[str] | None:
    options = [k for k in (index_keys(i) for i in node.items) if k is not None]
    # the smallest key set, but a transaction type ("t:goods") only when nothing else
    if not options:
        return None
    return min(options, key=lambda k: (all(x.startswith("t:") for x in k), len(k)))


def _keys_any(node: AnyOf) -> frozenset[str] | None:
    keys = [index_keys(i) for i in node.items]
    if any(k is None for k in keys):
        return None
    return frozenset().union(*keys)  # type: ignore[arg-type]


def _countries(node: All | AnyOf) -> set[str]:
    return set().union(*(target_countries(i) for i in node.items)) if node.items else set()


def _parse_list(kind: type) -> Any:
    def parse(p: Any, n: Any) -> object | None:
        items = p.listed(n, "all/any")
        if not items:
            p.error(R210, "all/any needs a non-empty list of conditions", n.loc)
            return None
        parsed = [p.condition(i) for i in items]
        return None if any(x is None for x in parsed) else kind(tuple(parsed))

    return parse


def _parse_not(p: Any, n: Any) -> object | None:
    inner = p.condition(n)
    return Not(inner) if inner is not None else None


def _list_schema() -> dict[str, Any]:
    return {"type": "array", "items": CONDITION, "minItems": 1}


register(
    Predicate(
        "all", All, _parse_list(All), _compile_all, _list_schema, _keys_all, _countries,
        lambda n: n.items, lambda n, items: replace(n, items=items),
        "every condition of the list holds",
    )
)  # fmt: skip
register(
    Predicate(
        "any", AnyOf, _parse_list(AnyOf), _compile_any, _list_schema, _keys_any, _countries,
        lambda n: n.items, lambda n, items: replace(n, items=items),
        "at least one condition of the list holds",
    )
)  # fmt: skip
register(
    Predicate(
        "not", Not, _parse_not, _compile_not, lambda: CONDITION,
        children=lambda n: (n.item,), rebuild=lambda n, items: replace(n, item=items[0]),
        summary="the condition does not hold (countries under `not` are not targets)",
    )
)  # fmt: skip
