"""``vessel``: the route's vessel, or a party of type vessel, is a designated vessel.

A vessel is designated when party screening matched it to a blocking list by its IMO number
(or, with no IMO number given, by name): the 1718 Committee designates vessels for an asset
freeze, a port-entry ban or de-flagging, and the rule says which measure it implements.
The route's vessel is not a party, so ``party: {designated: …}`` cannot see it; this can.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .party import designation
from .registry import Evaluator, Match, Predicate, register
from .schema_parts import TEXT, obj, one_or_many


@dataclass(frozen=True, slots=True)
class VesselIs:
    designated: frozenset[str]
    implements: frozenset[str] = frozenset()  # the rule's `implements:`, set by the parser


def _compile(node: VesselIs) -> Evaluator:
    def run(f: Any) -> Match | None:
        found = designation(f.vessel, node.designated, node.implements, f.date)
        if found is not None:
            return Match(notes=(f"the route's vessel is designated{found}",))
        hits = []
        grounds = ""
        for i, p in enumerate(f.parties):
            if p.type != "vessel":
                continue
            got = designation(p.designated, node.designated, node.implements, f.date)
            if got is not None:
                hits.append(i)
                grounds = grounds or got
        if not hits:
            return None
        return Match(
            parties=frozenset(hits), notes=(f"vessel party {hits[0] + 1} is designated{grounds}",)
        )

    return run


def _parse(p: Any, node: Any) -> VesselIs | None:
    d = p.mapping(node, {"designated": True}, "vessel")
    if not d or "designated" not in d:
        return None
    regimes = p.regime_set(d["designated"], "designated regime")
    return VesselIs(regimes, p.implements) if regimes else None


register(
    Predicate(
        "vessel", VesselIs, _parse, _compile,
        lambda: obj({"designated": one_or_many(TEXT)}, {"designated": True}),
        lambda n: frozenset(f"d:{r}" for r in n.designated),
        summary="the route's vessel or a vessel party is a designated vessel: "
        "`designated: REGIME` as for `party`",
    )
)  # fmt: skip
