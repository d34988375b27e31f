"""``to_region``: the destination is in one of these subdivisions of a country (ISO 3166-2).

Some measures cover part of a State only: the Darfur arms embargo (1556, 1591) covers the five
Darfur states of Sudan, not the whole country. A transaction says so in
``route.destination_region`` (an ISO 3166-2 code such as ``SD-DN``, North Darfur); without it
the subdivision is unknown and a rule on it cannot hold (the country-level review rule then
asks a person).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.countries import REGION_CODE
from service.engine.codes import R204

from .registry import Evaluator, Match, Predicate, register
from .schema_parts import one_or_many

REGION = {"type": "string", "pattern": REGION_CODE.pattern}


@dataclass(frozen=True, slots=True)
class ToRegion:
    regions: frozenset[str]


def _compile(node: ToRegion) -> Evaluator:
    def run(f: Any) -> Match | None:
        hit = node.regions & f.regions
        return Match(notes=(f"destination region {min(hit)}",)) if hit else None

    return run


def _parse(p: Any, n: Any) -> ToRegion | None:
    found = set()
    for value, item in p.strings(n, "to_region"):
        if not REGION_CODE.match(value):
            p.error(R204, f"to_region '{value}' is not an ISO 3166-2 code such as SD-DN", item.loc)
            continue
        found.add(value)
    return ToRegion(frozenset(found)) if found else None


register(
    Predicate(
        "to_region", ToRegion, _parse, _compile, lambda: one_or_many(REGION),
        lambda n: frozenset(f"to:{r[:2]}" for r in n.regions), lambda n: {r[:2] for r in n.regions},
        summary="the destination is in one of these ISO 3166-2 subdivisions (`route.destination_region`)",
    )
)  # fmt: skip
