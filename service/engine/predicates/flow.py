"""``to``, ``from`` and ``through``: where the transaction goes, comes from and passes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .registry import Evaluator, Match, Predicate, register
from .schema_parts import COUNTRY, one_or_many

_WORDS = {"to": "destination", "from": "origin", "through": "transit through"}


@dataclass(frozen=True, slots=True)
class Flow:
    direction: str  # "to", "from", "through"
    countries: frozenset[str]


def _compile(node: Flow) -> Evaluator:
    countries, word = node.countries, _WORDS[node.direction]

    def to_or_from(f: Any) -> Match | None:
        table = f.to if node.direction == "to" else f.source
        for country in countries:
            if country in table:
                return Match(parties=frozenset(table[country]), notes=(f"{word} {country}",))
        return None

    def through(f: Any) -> Match | None:
        hit = countries & f.through
        return Match(notes=(f"{word} {min(hit)}",)) if hit else None

    return through if node.direction == "through" else to_or_from


def _parser(direction: str) -> Any:
    def parse(p: Any, n: Any) -> Flow | None:
        found = p.countries(n, direction)
        return Flow(direction, found) if found else None

    return parse


for _direction, _summary in (
    ("to", "the destination, or a recipient's country (consignee, end user, buyer, importer)"),
    ("from", "the origin, a goods line's origin, or a seller's or exporter's country"),
    ("through", "a transit country of the route"),
):
    register(
        Predicate(
            _direction, Flow, _parser(_direction), _compile, lambda: one_or_many(COUNTRY),
            lambda n: frozenset(f"{n.direction}:{c}" for c in n.countries),
            lambda n: set(n.countries), summary=_summary,
        )
    )  # fmt: skip
