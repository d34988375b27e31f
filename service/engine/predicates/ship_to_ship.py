"""``ship_to_ship``: the transaction is (or is not) a ship-to-ship transfer."""

from __future__ import annotations

from dataclasses import dataclass

from .registry import Evaluator, Match, Predicate, register


@dataclass(frozen=True, slots=True)
class ShipToShip:
    value: bool


def _compile(node: ShipToShip) -> Evaluator:
    return lambda f: (
        Match(notes=("ship-to-ship transfer",)) if f.ship_to_ship is node.value else None
    )


register(
    Predicate(
        "ship_to_ship", ShipToShip, lambda p, n: ShipToShip(p.boolean(n, "ship_to_ship")),
        _compile, lambda: {"type": "boolean"},
        summary="`route.ship_to_ship` is this value (true or false)",
    )
)  # fmt: skip
