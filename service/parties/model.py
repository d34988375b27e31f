"""Frozen records of the UN Consolidated List, produced once by the parser."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
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
    """One listed individual or entity, keyed by its stripped REFERENCE_NUMBER."""

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


@dataclass(frozen=True, slots=True)
class ConsolidatedList:
    """A parsed list with its generation stamp and the sha256 of the bytes it came from."""

    date_generated: str
    sha256: str
    entries: tuple[ListEntry, ...]

    @property
    def version(self) -> str:
        """``un:`` plus dateGenerated cut to whole seconds in UTC, e.g. ``un:2026-05-08T23:00:06Z``."""
        return "un:" + normalise_timestamp(self.date_generated)

    def counts(self) -> dict[str, int]:
        """Number of entries per regime code, largest first."""
        return dict(Counter(e.regime for e in self.entries).most_common())

    def by_reference(self) -> dict[str, ListEntry]:
        """Entries keyed by reference number."""
        return {e.reference: e for e in self.entries}


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
