"""``authorization``: the transaction carries an authorization of this type (and regime)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from service.vocabulary import CONDITION_TYPES

from .registry import Evaluator, Match, Predicate, register, transform
from .schema_parts import TEXT, enum, obj, one_or_many

KEYS = {"type": True, "regime": False}


@dataclass(frozen=True, slots=True)
class Authorized:
    types: frozenset[str]
    regimes: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()  # set for exemptions: the rule id and its measure ids


def _compile(node: Authorized) -> Evaluator:
    def run(f: Any) -> Match | None:
        for kind, regime, reference, covers in f.authorizations:
            if kind not in node.types or (node.regimes and regime not in node.regimes):
                continue
            if node.scope and node.scope.isdisjoint(covers):
                continue  # an exemption needs an authorization that names this rule or measure
            return Match(notes=(f"authorization {kind} {reference or ''}".strip(),))
        return None

    return run


def _parse(p: Any, node: Any) -> Authorized | None:
    d = p.mapping(node, KEYS, "authorization")
    if not d or "type" not in d:
        return None
    types = p.enum_set(d["type"], "authorization type", CONDITION_TYPES)
    regimes = p.regime_set(d["regime"], "authorization regime") if "regime" in d else frozenset()
    if not types or regimes is None:
        return None
    return Authorized(types, regimes)


def scoped(node: object, scope: frozenset[str]) -> object:
    """The condition with every ``authorization`` predicate limited to the given rule/measures.

    Used for exemptions: a Committee approval lifts a prohibition only when the transaction's
    authorization names the rule or the measure it covers, never by its type alone.
    """
    return transform(node, lambda n: replace(n, scope=scope) if isinstance(n, Authorized) else n)


register(
    Predicate(
        "authorization", Authorized, _parse, _compile,
        lambda: obj({"type": one_or_many(enum(CONDITION_TYPES)), "regime": one_or_many(TEXT)}, KEYS),
        summary="the transaction carries an authorization of this type (and regime); inside an "
        "exemption it must also name the rule or measure it covers",
    )
)  # fmt: skip
