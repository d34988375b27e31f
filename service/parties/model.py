"""Frozen records of a sanctions list, the same for every source: one reader per format makes them.

A list version is a :class:`ListSnapshot`: the source (``un``, ``ofac-sdn``, ...), the
publisher's own date and the sha256 of the bytes, so two different files never carry the same
label (ARCHITECTURE §8).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True, slots=True)
class ListName:
    """One name of a listed party: the primary name, an alias or the original-script name.

    ``quality`` is ``good``/``low`` for individuals' aliases, ``aka``/``fka`` for entities'
    aliases, ``primary`` for the listed name and ``original`` for NAME_ORIGINAL_SCRIPT.
    """

    full: str
    kind: str
    quality: str
    parts: tuple[str, ...] = ()
    note: str = ""

    @property
    def is_low_quality(self) -> bool:
        """Low-quality aliases (nicknames, kunyas) are too weak to match on their own."""
        return self.quality == "low"


@dataclass(frozen=True, slots=True)
class DateOfBirth:
    """A date of birth as the list states it: exact, approximate, a year range or a year."""

    kind: str
    date: str | None = None
    year: int | None = None
    from_year: int | None = None
    to_year: int | None = None
    note: str = ""

    def year_range(self) -> tuple[int, int] | None:
        """The inclusive range of birth years this statement allows, if any."""
        if self.date:
            y = int(self.date[:4])
            slack = 1 if self.kind == "approximately" else 0
            return (y - slack, y + slack)
        if self.year is not None:
            slack = 1 if self.kind == "approximately" else 0
            return (self.year - slack, self.year + slack)
        if self.from_year is not None and self.to_year is not None:
            return (self.from_year, self.to_year)
        return None


@dataclass(frozen=True, slots=True)
class Document:
    """An identity document: its type as listed (often Passport) and its number."""

    type: str
    number: str
    type2: str = ""
    issuing_country: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Address:
    """A listed address; most carry only a country."""

    country: str = ""
    city: str = ""
    state: str = ""
    street: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed individual, entity, vessel or aircraft, keyed by its reference on its list.

    ``programmes`` are the list's own programme or regime labels (UN_LIST_TYPE, OFAC program
    codes); ``regime`` is the UN regime code they map to (from ``regimes.yaml``, set by the
    screening layer, empty until then); ``measures`` names the measures the entry is listed for
    when the listing carries only some of its regime's measures (empty: all of them);
    ``linked`` holds references of the same party on other lists (the UK list cites UN ones);
    ``basis`` the designating instrument and paragraph where the list states them per entry
    (un-vessels: "2321 (2016), op. 12(d)").
    """

    reference: str
    kind: str
    regime: str
    list_type: str
    name: str
    names: tuple[ListName, ...]
    listed_on: date | None = None
    nationalities: tuple[str, ...] = ()
    dates_of_birth: tuple[DateOfBirth, ...] = ()
    documents: tuple[Document, ...] = ()
    addresses: tuple[Address, ...] = ()
    imo_numbers: tuple[str, ...] = ()
    comments: str = ""
    titles: tuple[str, ...] = ()
    designations: tuple[str, ...] = ()
    gender: str = ""
    data_id: str = ""
    interpol_link: str = ""
    source: str = "un"
    programmes: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()
    vessel_flag: str = ""
    basis: str = ""


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """One version of one list: its source, the publisher's date, the sha256 of its bytes."""

    date_generated: str  # the publisher's own stamp, as written in the file
    sha256: str
    entries: tuple[ListEntry, ...]
    source: str = "un"

    @property
    def version(self) -> str:
        """Source, publisher's date in UTC seconds and the start of the sha256, e.g.
        ``un:2026-05-08T23:00:06Z#1f1b3bfe``."""
        return f"{self.source}:{normalise_timestamp(self.date_generated)}#{self.sha256[:8]}"

    def counts(self) -> dict[str, int]:
        """Number of entries per regime code (or programme when unmapped), largest first."""
        keys = (e.regime or (e.programmes[0] if e.programmes else "?") for e in self.entries)
        return dict(Counter(keys).most_common())

    def by_reference(self) -> dict[str, ListEntry]:
        """Entries keyed by reference number."""
        return {e.reference: e for e in self.entries}

    def with_regimes(self, regime_of: Mapping[str, str]) -> ListSnapshot:
        """The same snapshot with each entry's ``regime`` set from its first mapped programme."""
        entries = tuple(
            replace(e, regime=next((regime_of[p] for p in e.programmes if p in regime_of), ""))
            for e in self.entries
        )
        return replace(self, entries=entries)


def normalise_timestamp(value: str) -> str:
    """Cut an ISO-8601 timestamp to seconds in UTC with a ``Z`` suffix.

    >>> normalise_timestamp("2026-05-08T23:00:06.922Z")
    '2026-05-08T23:00:06Z'
    >>> normalise_timestamp("2020-11-24T20:23:07.617-05:00")
    '2020-11-25T01:23:07Z'
    """
    from datetime import UTC, datetime

    text = value.strip().replace("Z", "+00:00")
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return value.strip()
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
