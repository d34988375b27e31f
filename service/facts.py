"""Build the engine's facts from a parsed transaction, its classified goods and its list matches."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from service.engine.facts import Facts, LineFacts, PartyFacts
from service.engine.units import to_base
from service.goods.classifier import Classification
from service.transaction import Transaction

TO_ROLES = frozenset({"consignee", "end_user", "buyer", "importer"})
FROM_ROLES = frozenset({"seller", "exporter"})


def build_facts(
    tx: Transaction,
    lines: list[Classification],
    designations: dict[int, dict[str, dt.date | None]] | None = None,
) -> Facts:
    """Everything the rules can ask about, computed once per transaction."""
    designations = designations or {}
    to: dict[str, set[int]] = defaultdict(set)
    source: dict[str, set[int]] = defaultdict(set)
    flags: dict[str, set[int]] = defaultdict(set)
    keys: set[str] = set()
    route = tx.route
    if route.destination:
        to[route.destination]
    if route.origin:
        source[route.origin]
    if route.vessel and route.vessel.flag:
        flags[route.vessel.flag]
    parties = []
    for i, p in enumerate(tx.parties):
        countries = frozenset(c for c in (p.country, p.nationality) if c)
        for country in countries:
            if p.role in TO_ROLES:
                to[country].add(i)
            elif p.role in FROM_ROLES:
                source[country].add(i)
            if p.type == "vessel":
                flags[country].add(i)
            keys.add("c:" + country)
        listed = designations.get(i, {})
        keys.update("d:" + regime for regime in listed)
        if p.category:
            keys.add("p:" + p.category)
        parties.append(PartyFacts(p.role, countries, p.category, p.type, dict(listed)))
    goods = []
    for line, cls in zip(tx.goods, lines):
        if line.origin:
            source[line.origin]
        value = (line.value.amount, line.value.currency) if line.value else None
        keys |= _category_keys(cls.expanded)
        goods.append(
            LineFacts(
                cls.expanded,
                cls.hs_prefixes,
                to_base(line.quantity, line.unit),
                value,
                cls.categories,
            )
        )
    through = frozenset(route.transit)
    keys.update("c:" + c for c in (*to, *source, *through, *flags))
    keys.add("t:" + tx.type)
    return Facts(
        date=tx.date,
        type=tx.type,
        to=to,
        source=source,
        through=through,
        parties=parties,
        goods=goods,
        flags=flags,
        ship_to_ship=route.ship_to_ship,
        purposes=frozenset(tx.purposes),
        authorizations=tuple(
            (a.type, a.regime, a.reference, frozenset(a.covers)) for a in tx.authorizations
        ),
        keys=keys,
    )


_KEYS: dict[frozenset[str], frozenset[str]] = {}


def _category_keys(expanded: frozenset[str]) -> frozenset[str]:
    """Index keys ("g:arms", …) of a line's categories; combinations are few, so memoised."""
    found = _KEYS.get(expanded)
    if found is None:
        found = frozenset("g:" + c for c in expanded)
        if len(_KEYS) < 10_000:
            _KEYS[expanded] = found
    return found


def countries_touched(facts: Facts) -> set[str]:
    """Every country the transaction touches: route, parties and vessel flags."""
    out = set(facts.to) | set(facts.source) | set(facts.through) | set(facts.flags)
    for p in facts.parties:
        out |= p.countries
    return out
