"""``vessel_flag``: the route's vessel, or a vessel party, flies one of these flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .registry import Evaluator, Match, Predicate, register
from .schema_parts import COUNTRY, one_or_many


@dataclass(frozen=True, slots=True)
class VesselFlag:
    countries: frozenset[str]


def _compile(node: VesselFlag) -> Evaluator:
    def run(f: Any) -> Match | None:
        for country in node.countries:
            if country in f.flags:
                return Match(
                    parties=frozenset(f.flags[country]), notes=(f"vessel flagged {country}",)
                )
        return None

    return run


def _parse(p: Any, n: Any) -> VesselFlag | None:
    found = p.countries(n, "vessel_flag")
    return VesselFlag(found) if found else None


register(
    Predicate(
        "vessel_flag", VesselFlag, _parse, _compile, lambda: one_or_many(COUNTRY),
        lambda n: frozenset(f"flag:{c}" for c in n.countries), lambda n: set(n.countries),
        summary="the route's vessel or a vessel party flies one of these flags",
    )
)  # fmt: skip
