"""Build the engine's facts from a parsed transaction, its classified goods and its list matches."""

from __future__ import annotations

from collections.abc import Mapping

from service.engine.facts import Designated, Facts, LineFacts, Listing, PartyFacts, listing
from service.engine.units import to_base
from service.goods.classifier import Classification
from service.screening.transaction import Party, Transaction
from service.vocabulary import FROM_ROLES, TO_ROLES


def build_facts(
    tx: Transaction,
    lines: list[Classification],
    designations: Mapping[int, Designated] | None = None,
    vessel: Designated | None = None,
) -> Facts:
    """Everything the rules can ask about, computed once per transaction; ``designations``
    are the parties' confirmed list matches, ``vessel`` the route vessel's."""
    route = tx.route
    to: dict[str, set[int]] = {route.destination: set()} if route.destination else {}
    source: dict[str, set[int]] = {route.origin: set()} if route.origin else {}
    flags: dict[str, set[int]] = {}
    if route.vessel and route.vessel.flag:
        flags[route.vessel.flag] = set()
    keys = {"t:" + tx.type}
    designations = designations or {}
    parties = [
        _party(i, p, designations.get(i, {}), to, source, flags, keys)
        for i, p in enumerate(tx.parties)
    ]
    route_vessel = {regime: listing(v) for regime, v in vessel.items()} if vessel else {}
    if route_vessel:
        keys.update("d:" + regime for regime in route_vessel)
    goods = []
    for line, cls in zip(tx.goods, lines):
        if line.origin:
            source.setdefault(line.origin, set())
        value = (line.value.amount, line.value.currency) if line.value else None
        keys |= _category_keys(cls.expanded)
        quantity = to_base(line.quantity, line.unit)
        goods.append(LineFacts(cls.expanded, cls.hs_prefixes, quantity, value, cls.categories))
    through = frozenset(route.transit)
    keys.update(["to:" + c for c in to] + ["from:" + c for c in source])
    keys.update(["through:" + c for c in through] + ["flag:" + c for c in flags])
    auths = (
        tuple((a.type, a.regime, a.reference, frozenset(a.covers)) for a in tx.authorizations)
        if tx.authorizations
        else ()
    )
    return Facts(
        tx.date, tx.type, to, source, through, parties, goods, flags, route.ship_to_ship,
        frozenset(tx.purposes) if tx.purposes else frozenset(), auths, keys, route_vessel,
        _regions(route.destination, route.destination_region),
    )  # fmt: skip


def _party(
    i: int, p: Party, designated: Designated, to: dict[str, set[int]],
    source: dict[str, set[int]], flags: dict[str, set[int]], keys: set[str],
) -> PartyFacts:  # fmt: skip
    if p.nationality is None or p.nationality == p.country:
        countries = frozenset((p.country,)) if p.country else frozenset()
    else:
        countries = frozenset(c for c in (p.country, p.nationality) if c)
    for country in countries:
        if p.role in TO_ROLES:
            to.setdefault(country, set()).add(i)
        elif p.role in FROM_ROLES:
            source.setdefault(country, set()).add(i)
        if p.type == "vessel":
            flags.setdefault(country, set()).add(i)
        keys.add("c:" + country)
    listed: dict[str, Listing] = {}
    if designated:
        listed = {regime: listing(v) for regime, v in designated.items()}
        keys.update("d:" + regime for regime in listed)
    if p.category:
        keys.add("p:" + p.category)
    return PartyFacts(p.role, countries, p.category, p.type, listed)


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


def _regions(destination: str | None, region: str | None) -> frozenset[str]:
    """The destination's subdivision, when it is one of the destination's ("SD-DN" in SD)."""
    if region and destination and region[:2] == destination:
        return frozenset([region])
    return frozenset()
