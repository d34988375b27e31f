"""The condition language: a closed vocabulary of predicates and all/any/not.

Conditions are parsed from YAML into small frozen AST nodes (with their locations for errors),
then compiled once into closures over :class:`~service.engine.facts.Facts`. A closure returns
``None`` when the condition does not hold, or a :class:`Match` with the goods lines and parties
that made it hold and a few words of explanation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from service.engine.facts import Facts, LineFacts


class Match(NamedTuple):
    """Why a condition held: goods lines, parties, a few words (immutable, cheap to build)."""

    goods: frozenset[int] = frozenset()
    parties: frozenset[int] = frozenset()
    notes: tuple[str, ...] = ()


EMPTY = Match()
Evaluator = Callable[[Facts], Match | None]


@dataclass(frozen=True, slots=True)
class Threshold:
    op: str  # gt, gte, lt, lte
    amount: float
    unit: str  # a unit (quantity) or a currency (value)
    dimension: str | None = None  # for quantities
    factor: float = 1.0
    if_unknown: bool = True  # an unknown quantity or value counts as meeting it (fail safe)

    def holds(self, actual: float) -> bool:
        limit = self.amount * self.factor
        return {
            "gt": actual > limit,
            "gte": actual >= limit,
            "lt": actual < limit,
            "lte": actual <= limit,
        }[self.op]


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: object


@dataclass(frozen=True, slots=True)
class Flow:
    direction: str  # "to", "from", "through"
    countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class PartyIs:
    roles: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    designated: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class GoodsAre:
    categories: frozenset[str] = frozenset()
    hs: tuple[str, ...] = ()
    quantity: Threshold | None = None
    value: Threshold | None = None
    excluded: frozenset[str] = frozenset()  # a line in one of these categories does not count


@dataclass(frozen=True, slots=True)
class Authorized:
    types: frozenset[str]
    regimes: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()  # set for exemptions: the rule id and its measure ids


@dataclass(frozen=True, slots=True)
class VesselFlag:
    countries: frozenset[str]


@dataclass(frozen=True, slots=True)
class ShipToShip:
    value: bool


@dataclass(frozen=True, slots=True)
class TxType:
    types: frozenset[str]


@dataclass(frozen=True, slots=True)
class Purpose:
    purposes: frozenset[str]


def compile_condition(node: object) -> Evaluator:
    """Turn an AST node into a closure; called once per rule when the rule set loads."""
    compiler = _COMPILERS[type(node)]
    return compiler(node)


def _all(node: All) -> Evaluator:
    parts = tuple(compile_condition(i) for i in node.items)

    def run(f: Facts) -> Match | None:
        found = []
        for part in parts:
            m = part(f)
            if m is None:
                return None
            found.append(m)
        if len(found) == 1:
            return found[0]
        return Match(
            frozenset().union(*(m.goods for m in found)),
            frozenset().union(*(m.parties for m in found)),
            tuple(n for m in found for n in m.notes),
        )

    return run


def _any(node: AnyOf) -> Evaluator:
    parts = tuple(compile_condition(i) for i in node.items)

    def run(f: Facts) -> Match | None:
        for part in parts:
            m = part(f)
            if m is not None:
                return m
        return None

    return run


def _not(node: Not) -> Evaluator:
    inner = compile_condition(node.item)
    return lambda f: EMPTY if inner(f) is None else None


_FLOW_WORDS = {"to": "destination", "from": "origin", "through": "transit through"}


def _flow(node: Flow) -> Evaluator:
    countries, word = node.countries, _FLOW_WORDS[node.direction]

    def to_or_from(f: Facts) -> Match | None:
        table = f.to if node.direction == "to" else f.source
        for country in countries:
            if country in table:
                return Match(parties=frozenset(table[country]), notes=(f"{word} {country}",))
        return None

    def through(f: Facts) -> Match | None:
        hit = countries & f.through
        return Match(notes=(f"{word} {min(hit)}",)) if hit else None

    return through if node.direction == "through" else to_or_from


def _party(node: PartyIs) -> Evaluator:
    def run(f: Facts) -> Match | None:
        hits = []
        for i, p in enumerate(f.parties):
            if node.roles and p.role not in node.roles:
                continue
            if node.countries and node.countries.isdisjoint(p.countries):
                continue
            if node.categories and p.category not in node.categories:
                continue
            if node.types and p.type not in node.types:
                continue
            if node.designated and not _designated(p.designated, node.designated, f):
                continue
            hits.append(i)
        if not hits:
            return None
        what = "designated " if node.designated else ""
        return Match(
            parties=frozenset(hits),
            notes=(f"{what}party {hits[0] + 1} ({_party_words(f, hits[0])})",),
        )

    return run


def _designated(listed: dict, regimes: frozenset[str], f: Facts) -> bool:
    for regime in regimes:
        if regime in listed:
            on = listed[regime]
            if on is None or on <= f.date:
                return True
    return False


def _party_words(f: Facts, i: int) -> str:
    p = f.parties[i]
    return ", ".join(x for x in (p.role, p.category, "/".join(sorted(p.countries))) if x)


def _goods(node: GoodsAre) -> Evaluator:
    simple = not (node.hs or node.quantity or node.value or node.excluded)
    categories = node.categories

    def run(f: Facts) -> Match | None:
        if simple:  # the common case: categories only, checked inline
            hits = [i for i, ln in enumerate(f.goods) if not categories.isdisjoint(ln.categories)]
        else:
            hits = [i for i, line in enumerate(f.goods) if _line_matches(node, line)]
        if not hits:
            return None
        first = f.goods[hits[0]]
        label = f"goods line {hits[0] + 1} ({', '.join(first.named) or 'unclassified'})"
        return Match(goods=frozenset(hits), notes=(label,))

    return run


def _line_matches(node: GoodsAre, line: LineFacts) -> bool:
    if node.excluded and not node.excluded.isdisjoint(line.categories):
        return False
    if node.categories and node.categories.isdisjoint(line.categories):
        if not (node.hs and any(code.startswith(node.hs) for code in line.hs)):
            return False
    elif not node.categories and node.hs and not any(code.startswith(node.hs) for code in line.hs):
        return False
    q = node.quantity
    if q is not None:
        if line.quantity is None or line.quantity[0] != q.dimension:
            if not q.if_unknown:
                return False
        elif not q.holds(line.quantity[1]):
            return False
    v = node.value
    if v is not None:
        if line.value is None or line.value[1] != v.unit:
            if not v.if_unknown:
                return False
        elif not v.holds(line.value[0]):
            return False
    return True


def _vessel(node: VesselFlag) -> Evaluator:
    def run(f: Facts) -> Match | None:
        for country in node.countries:
            if country in f.flags:
                return Match(
                    parties=frozenset(f.flags[country]), notes=(f"vessel flagged {country}",)
                )
        return None

    return run


def _sts(node: ShipToShip) -> Evaluator:
    return lambda f: (
        Match(notes=("ship-to-ship transfer",)) if f.ship_to_ship is node.value else None
    )


def _type(node: TxType) -> Evaluator:
    return lambda f: Match(notes=(f"{f.type} transaction",)) if f.type in node.types else None


def _authorized(node: Authorized) -> Evaluator:
    def run(f: Facts) -> Match | None:
        for kind, regime, reference, covers in f.authorizations:
            if kind not in node.types or (node.regimes and regime not in node.regimes):
                continue
            if node.scope and node.scope.isdisjoint(covers):
                continue  # an exemption needs an authorization that names this rule or measure
            return Match(notes=(f"authorization {kind} {reference or ''}".strip(),))
        return None

    return run


def _purpose(node: Purpose) -> Evaluator:
    return lambda f: EMPTY if not node.purposes.isdisjoint(f.purposes) else None


_COMPILERS: dict[type, Callable] = {  # type: ignore[type-arg]
    All: _all,
    AnyOf: _any,
    Not: _not,
    Flow: _flow,
    PartyIs: _party,
    GoodsAre: _goods,
    VesselFlag: _vessel,
    ShipToShip: _sts,
    TxType: _type,
    Purpose: _purpose,
    Authorized: _authorized,
}


def scoped(node: object, scope: frozenset[str]) -> object:
    """The condition with every ``authorization`` predicate limited to the given rule/measures.

    Used for exemptions: a Committee approval lifts a prohibition only when the transaction's
    authorization names the rule or the measure it covers, never by its type alone.
    """
    if isinstance(node, Authorized):
        return replace(node, scope=scope)
    if isinstance(node, (All, AnyOf)):
        return replace(node, items=tuple(scoped(i, scope) for i in node.items))
    if isinstance(node, Not):
        return replace(node, item=scoped(node.item, scope))
    return node


def index_keys(node: object) -> frozenset[str] | None:
    """Keys of which at least one must be present for the condition to hold, or None.

    Used to index rules by flow ("to:KP", "from:KP", "through:KP"), party country ("c:KP"),
    vessel flag ("flag:KP"), designation ("d:DPRK"), goods category ("g:arms"), party category
    ("p:military") and transaction type ("t:financial"), so that a transaction is evaluated
    only against the rules that could fire, not against every rule.
    """
    if isinstance(node, Flow):
        return frozenset(f"{node.direction}:{c}" for c in node.countries)
    if isinstance(node, VesselFlag):
        return frozenset(f"flag:{c}" for c in node.countries)
    if isinstance(node, PartyIs):
        if node.designated:
            return frozenset(f"d:{r}" for r in node.designated)
        if node.countries:
            return frozenset(f"c:{c}" for c in node.countries)
        if node.categories:
            return frozenset(f"p:{c}" for c in node.categories)
        return None
    if isinstance(node, GoodsAre):
        if node.categories and not node.hs:
            return frozenset(f"g:{c}" for c in node.categories)
        return None
    if isinstance(node, TxType):
        return frozenset(f"t:{t}" for t in node.types)
    if isinstance(node, All):
        options = [k for k in (index_keys(i) for i in node.items) if k is not None]
        # the smallest key set, but a transaction type ("t:goods") only when nothing else
        return (
            min(options, key=lambda k: (all(x.startswith("t:") for x in k), len(k)))
            if options
            else None
        )
    if isinstance(node, AnyOf):
        keys = [index_keys(i) for i in node.items]
        if any(k is None for k in keys):
            return None
        return frozenset().union(*keys)  # type: ignore[arg-type]
    return None


def required_keys(node: object) -> tuple[frozenset[str], ...]:
    """Key sets that must each meet the transaction's keys: one per keyed part of an ``all``.

    The index files a rule under one of them; the others are checked before the rule's closure
    runs, which is cheaper than running it (e.g. "from KP" and "goods are arms").
    """
    parts = node.items if isinstance(node, All) else (node,)
    return tuple(k for k in (index_keys(p) for p in parts) if k is not None)


def target_countries(node: object) -> set[str]:
    """Every country a condition names in a flow, party or flag predicate (outside a `not`)."""
    if isinstance(node, (Flow, VesselFlag)):
        return set(node.countries)
    if isinstance(node, PartyIs):
        return set(node.countries)
    if isinstance(node, (All, AnyOf)):
        return set().union(*(target_countries(i) for i in node.items)) if node.items else set()
    return set()
