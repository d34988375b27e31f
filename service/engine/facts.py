"""What the engine knows about one transaction, computed once before any rule runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

# (type, regime, reference, rule or measure ids it covers), as declared on the transaction
Authorization = tuple[str, str | None, str | None, frozenset[str]]


@dataclass(frozen=True, slots=True)
class Listing:
    """A confirmed list match under one regime: since when, and for which of its measures.

    ``measures`` is empty when the listing carries every measure of the regime (most entries);
    otherwise it names the kinds it carries (``service.vocabulary.MEASURE_KINDS``), and only
    rules implementing one of them are met. ``basis`` is the listing's own instrument and
    paragraph when the list states it (a designated vessel's), shown in the explanation.
    """

    listed_on: dt.date | None = None
    measures: frozenset[str] = frozenset()
    basis: str = ""

    def applies(self, day: dt.date, implements: AbstractSet[str]) -> bool:
        """Listed on or before ``day``, for a measure a rule implementing ``implements`` (empty:
        a rule that does not say, met by every listing) encodes."""
        if self.listed_on is not None and self.listed_on > day:
            return False
        return not (self.measures and implements) or not self.measures.isdisjoint(implements)

    def limited_to(self) -> str:
        """The measures in words, for notes: "" when the listing carries them all."""
        return ", ".join(sorted(self.measures))


# A party's (or the vessel's) confirmed matches: regime -> listing. A bare date (or None) is
# accepted where designations are built by hand and means a listing for every measure.
Designated = Mapping[str, Listing | dt.date | None]


def listing(value: Listing | dt.date | None) -> Listing:
    """The listing a designation value stands for (a date alone: every measure)."""
    return value if isinstance(value, Listing) else Listing(value)


def parse_designation(text: str) -> tuple[str, Listing]:
    """``DPRK`` or ``YEMEN/arms_embargo`` (``REGIME/kind+kind``), as rule tests write them: the
    regime and a listing with no date (a confirmed match since always) for those measures."""
    regime, _, kinds = text.partition("/")
    measures = frozenset(k for k in kinds.split("+") if k)
    return regime, Listing(None, measures)


def rule_test_designations(
    designated: Mapping[int, tuple[str, ...]],
) -> dict[int, dict[str, Listing]]:
    """Party index -> regime -> listing, from the ``designated`` of a rule test."""
    return {i: dict(parse_designation(t) for t in texts) for i, texts in designated.items()}


@dataclass(slots=True)
class PartyFacts:
    role: str | None
    countries: frozenset[str]  # country and nationality
    category: str | None
    type: str | None
    designated: dict[str, Listing]  # regime -> the confirmed list match under it


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
    vessel: dict[str, Listing] = field(default_factory=dict)  # the route vessel's designations
    regions: frozenset[str] = frozenset()  # the destination's ISO 3166-2 subdivision, if given
