"""What the engine knows about one transaction, computed once before any rule runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

# (type, regime, reference, rule or measure ids it covers), as declared on the transaction
Authorization = tuple[str, str | None, str | None, frozenset[str]]


@dataclass(slots=True)
class PartyFacts:
    role: str | None
    countries: frozenset[str]  # country and nationality
    category: str | None
    type: str | None
    designated: dict[str, dt.date | None]  # regime -> listed-on date of a confirmed list match


@dataclass(slots=True)
class LineFacts:
    categories: frozenset[str]  # with ancestors
    hs: tuple[str, ...]
    quantity: tuple[str, float] | None  # (dimension, amount in base unit)
    value: tuple[float, str] | None  # (amount, currency)
    named: tuple[str, ...]  # the most specific categories, for explanations


@dataclass(slots=True)
class Facts:
    date: dt.date
    type: str
    to: Mapping[str, AbstractSet[int]]  # country -> party indices that put it there
    source: Mapping[str, AbstractSet[int]]  # "from"
    through: frozenset[str]
    parties: list[PartyFacts]
    goods: list[LineFacts]
    flags: Mapping[str, AbstractSet[int]]  # vessel flag -> party indices (empty for route.vessel)
    ship_to_ship: bool | None
    purposes: frozenset[str]
    authorizations: tuple[Authorization, ...] = ()
    keys: set[str] = field(default_factory=set)  # index keys present: "c:KP", "d:DPRK"
