"""``party``: a party with a role, country or nationality, category, type or designation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from service.engine.facts import Listing
from service.vocabulary import PARTY_CATEGORIES, PARTY_TYPES, ROLES

from .registry import Evaluator, Match, Predicate, register
from .schema_parts import COUNTRY, TEXT, enum, obj, one_or_many

KEYS = ("role", "country", "category", "type", "designated")


@dataclass(frozen=True, slots=True)
class PartyIs:
    roles: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    designated: frozenset[str] = frozenset()
    # the measure kinds the rule implements (its `implements:`), set by the parser: a listing
    # for other measures only does not meet `designated`
    implements: frozenset[str] = frozenset()


def _compile(node: PartyIs) -> Evaluator:
    def run(f: Any) -> Match | None:
        hits = []
        grounds = ""
        for i, p in enumerate(f.parties):
            if node.roles and p.role not in node.roles:
                continue
            if node.countries and node.countries.isdisjoint(p.countries):
                continue
            if node.categories and p.category not in node.categories:
                continue
            if node.types and p.type not in node.types:
                continue
            if node.designated:
                found = designation(p.designated, node.designated, node.implements, f.date)
                if found is None:
                    continue
                grounds = grounds or found
            hits.append(i)
        if not hits:
            return None
        what = "designated " if node.designated else ""
        return Match(
            parties=frozenset(hits),
            notes=(f"{what}party {hits[0] + 1} ({_words(f, hits[0])}){grounds}",),
        )

    return run


def designation(
    listed: Mapping[str, Listing], regimes: frozenset[str], implements: frozenset[str],
    day: dt.date,
) -> str | None:  # fmt: skip
    """None unless a listing under one of ``regimes`` applies on ``day`` to a rule implementing
    ``implements``; then what to add to the note ("" for a listing of every measure)."""
    for regime in sorted(regimes):
        found = listed.get(regime)
        if found is not None and found.applies(day, implements):
            words = [f"for {found.limited_to()}"] if found.measures else []
            words += [found.basis] if found.basis else []
            return f" ({regime}: {'; '.join(words)})" if words else ""
    return None


def _words(f: Any, i: int) -> str:
    p = f.parties[i]
    return ", ".join(x for x in (p.role, p.category, "/".join(sorted(p.countries))) if x)


def _parse(p: Any, node: Any) -> PartyIs | None:
    d = p.mapping(node, dict.fromkeys(KEYS, False), "party")
    if not d:
        return None
    tables: dict[str, Callable[[Any], frozenset[str] | None]] = {
        "role": lambda n: p.enum_set(n, "party role", ROLES),
        "country": lambda n: p.countries(n, "party country"),
        "category": lambda n: p.enum_set(n, "party category", PARTY_CATEGORIES),
        "type": lambda n: p.enum_set(n, "party type", PARTY_TYPES),
        "designated": lambda n: p.regime_set(n, "designated regime"),
    }
    values = {k: tables[k](v) for k, v in d.items() if k in tables}
    if any(v is None for v in values.values()):
        return None
    return PartyIs(
        roles=values.get("role") or frozenset(), countries=values.get("country") or frozenset(),
        categories=values.get("category") or frozenset(), types=values.get("type") or frozenset(),
        designated=values.get("designated") or frozenset(),
        implements=p.implements if "designated" in values else frozenset(),
    )  # fmt: skip


def _schema() -> dict[str, Any]:
    return obj(
        {
            "role": one_or_many(enum(ROLES)),
            "country": one_or_many(COUNTRY),
            "category": one_or_many(enum(PARTY_CATEGORIES)),
            "type": one_or_many(enum(PARTY_TYPES)),
            "designated": one_or_many(TEXT),
        }
    )


def _keys(node: PartyIs) -> frozenset[str] | None:
    if node.designated:
        return frozenset(f"d:{r}" for r in node.designated)
    if node.countries:
        return frozenset(f"c:{c}" for c in node.countries)
    if node.categories:
        return frozenset(f"p:{c}" for c in node.categories)
    return None


register(
    Predicate(
        "party", PartyIs, _parse, _compile, _schema, _keys, lambda n: set(n.countries),
        summary="a party with these attributes (all given must hold for one party); "
        "`designated: REGIME` is a confirmed list match under the regime from its listing date, "
        "for a measure the rule `implements`",
    )
)  # fmt: skip
