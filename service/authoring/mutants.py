"""Mutants of a rule: the small authoring mistakes that its tests should notice.

Each operator changes one thing of one rule: a date boundary moved by a day, a condition of an
``all``/``any`` dropped (or a rule's only condition), the outcome swapped, an exemption
dropped, a goods category widened (to its parent, or to any goods for a top-level category) or
narrowed (to its first sub-category, or dropped from a list of several). Conditions are walked
through the predicate registry (``children``/``rebuild``), so a new predicate is mutated too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from service.engine.model import Rule
from service.engine.predicates import BY_NODE, All, AnyOf, Flow, GoodsAre, Not
from service.goods.taxonomy import Taxonomy

OUTCOMES = ("prohibited", "conditional", "review")
DAY = dt.timedelta(days=1)
OPERATORS = ("date", "drop", "outcome", "exemption", "widen", "narrow")


@dataclass(frozen=True)
class Mutant:
    rule: Rule  # the original
    mutated: Rule
    operator: str  # one of OPERATORS
    description: str


def mutants(rule: Rule, taxonomy: Taxonomy) -> Iterator[Mutant]:
    """Every mutant of the rule, in a stable order."""
    yield from _dates(rule)
    for description, when in _conditions(rule.when, taxonomy, root=True):
        operator = description.split(" ", 1)[0]
        yield Mutant(rule, replace(rule, when=when), operator, description)
    for outcome in OUTCOMES:
        if outcome != rule.outcome:
            yield Mutant(
                rule,
                replace(rule, outcome=outcome),
                "outcome",
                f"outcome {rule.outcome} -> {outcome}",
            )
    for i, exemption in enumerate(rule.exemptions):
        rest = rule.exemptions[:i] + rule.exemptions[i + 1 :]
        yield Mutant(
            rule,
            replace(rule, exemptions=rest),
            "exemption",
            f"exemption dropped: {exemption.description}",
        )


def _dates(rule: Rule) -> Iterator[Mutant]:
    window = rule.in_force
    for delta, sign in ((-DAY, "-1"), (DAY, "+1")):
        start = window.start + delta
        if window.until is None or start <= window.until:
            moved = replace(rule, in_force=replace(window, start=start))
            yield Mutant(rule, moved, "date", f"in_force.from {window.start} {sign} day")
    if window.until is not None:
        for delta, sign in ((-DAY, "-1"), (DAY, "+1")):
            until = window.until + delta
            if until >= window.start:
                moved = replace(rule, in_force=replace(window, until=until))
                yield Mutant(rule, moved, "date", f"in_force.until {window.until} {sign} day")


def label(node: Any) -> str:
    """A condition in a few words, for reports."""
    if isinstance(node, Flow):
        return f"{node.direction}: {', '.join(sorted(node.countries))}"
    if isinstance(node, (All, AnyOf)):
        return f"{'all' if isinstance(node, All) else 'any'} of {len(node.items)}"
    if isinstance(node, Not):
        return f"not ({label(node.item)})"
    fields = {k: v for k, v in _fields(node).items() if v not in ((), frozenset(), None, False)}
    shown = "; ".join(f"{k}: {_short(v)}" for k, v in fields.items())
    return f"{BY_NODE[type(node)].name} {{{shown}}}"


def _fields(node: Any) -> dict[str, Any]:
    return {name: getattr(node, name) for name in getattr(node, "__slots__", ())}


def _short(value: Any) -> str:
    if isinstance(value, (frozenset, set, tuple)):
        return ", ".join(sorted(map(str, value)))
    return str(value)


def _conditions(node: Any, taxonomy: Taxonomy, *, root: bool = False) -> Iterator[tuple[str, Any]]:
    """(description, mutated node) for each single change of the condition tree."""
    predicate = BY_NODE[type(node)]
    kids = predicate.children(node)
    if isinstance(node, (All, AnyOf)) and len(kids) >= 2:
        for i, kid in enumerate(kids):
            assert predicate.rebuild is not None
            yield f"drop `{label(kid)}`", predicate.rebuild(node, kids[:i] + kids[i + 1 :])
    elif root and not kids:
        yield f"drop `{label(node)}` (the rule's only condition)", All(())
    if isinstance(node, GoodsAre):
        yield from _goods(node, taxonomy)
    for i, kid in enumerate(kids):
        for description, new in _conditions(kid, taxonomy):
            assert predicate.rebuild is not None
            yield description, predicate.rebuild(node, kids[:i] + (new,) + kids[i + 1 :])


def _goods(node: GoodsAre, taxonomy: Taxonomy) -> Iterator[tuple[str, Any]]:
    cats = taxonomy.categories
    children: dict[str, list[str]] = {}
    for c in cats.values():
        if c.parent:
            children.setdefault(c.parent, []).append(c.id)
    for category in sorted(node.categories):
        rest = node.categories - {category}
        parent = cats[category].parent if category in cats else None
        if parent is not None:
            yield f"widen {category} -> {parent}", replace(node, categories=rest | {parent})
        else:
            yield f"widen {category} -> any goods", replace(node, categories=frozenset())
        subs = children.get(category)
        if subs:
            yield f"narrow {category} -> {subs[0]}", replace(node, categories=rest | {subs[0]})
        elif rest:
            yield f"narrow {category} dropped", replace(node, categories=rest)
