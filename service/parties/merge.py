"""One party on several lists is one result: group the matches of a query that name it.

The UN, OFAC, the EU and the UK often list the same person or company; screening one query
against all of them would otherwise raise one alert per list for a single party. Two matched
entries are the same party when one cites the other (the UK, EU and FtM entries carry the UN
reference they implement, ``linked``), when both cite the same UN reference, or when they have
the same primary name once normalised (word order aside), the same kind, and nothing that
tells them apart: no disjoint birth years, no disjoint nationalities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from service.countries import CountryError, resolve

from .model import ListEntry
from .normalize import normalize_name
from .result import PartyMatch

Entries = Mapping[str, Mapping[str, ListEntry]]  # source -> reference -> entry


@dataclass(frozen=True)
class MergedMatch:
    """The matches of one query on one party: the best first, then the other lists'."""

    matches: tuple[PartyMatch, ...]
    entries: tuple[ListEntry | None, ...]

    @property
    def best(self) -> PartyMatch:
        return self.matches[0]

    def to_dict(self) -> dict[str, Any]:
        """The best match's fields, its programmes, and every list the party is on."""
        best_entry = self.entries[0]
        return {
            **self.best.to_dict(),
            "programmes": list(best_entry.programmes) if best_entry else [],
            "lists": [
                {
                    "list": m.source,
                    "reference": m.reference,
                    "programmes": list(e.programmes) if e else [],
                    "regime": m.regime,
                    "score": m.score,
                    "match": m.match,
                    "list_version": m.list_version,
                }
                for m, e in zip(self.matches, self.entries, strict=True)
            ],
        }


def merge(matches: Sequence[PartyMatch], entries: Entries) -> list[MergedMatch]:
    """Group one query's matches by party; groups keep the order of their best match (the
    order of ``matches``, best first), and within a group the matches keep theirs.

    A group holds at most one entry of each list (two listings on one list are two parties),
    and a cited reference joins before a shared name does, so a namesake cannot pull two
    listings of one list together through a third list.
    """
    found = [entries.get(m.source, {}).get(m.reference) for m in matches]
    parent = list(range(len(matches)))
    sources = [{m.source} for m in matches]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _same_pairs(matches, found):
        a, b = sorted((root(i), root(j)))
        if a != b and not sources[a] & sources[b]:
            parent[b] = a
            sources[a] |= sources[b]
    groups: dict[int, list[int]] = {}
    for i in range(len(matches)):
        groups.setdefault(root(i), []).append(i)
    return [
        MergedMatch(tuple(matches[i] for i in group), tuple(found[i] for i in group))
        for group in groups.values()
    ]


def _same_pairs(
    matches: Sequence[PartyMatch], found: Sequence[ListEntry | None]
) -> list[tuple[int, int]]:
    """Index pairs of matches naming the same party across lists: citations first, then
    alike names (each in the order of the matches)."""
    keys = [_keys(m, e) for m, e in zip(matches, found, strict=True)]
    cited: list[tuple[int, int]] = []
    alike: list[tuple[int, int]] = []
    for i in range(len(matches)):
        for j in range(i + 1, len(matches)):
            if matches[i].source == matches[j].source:
                continue  # two entries of one list are two listings
            if keys[i][0] & keys[j][0]:
                cited.append((i, j))
            elif _alike(found[i], found[j], keys[i][1], keys[j][1]):
                alike.append((i, j))
    return cited + alike


def _keys(m: PartyMatch, entry: ListEntry | None) -> tuple[set[str], tuple[str, ...]]:
    """The references naming the party (its own and the ones it cites) and its name's tokens."""
    refs = {f"{m.source}:{m.reference}"}
    if entry is None:
        return refs, ()
    refs |= set(entry.linked)
    return refs, tuple(sorted(normalize_name(entry.name).tokens))


def _alike(
    a: ListEntry | None, b: ListEntry | None, tokens_a: tuple[str, ...], tokens_b: tuple[str, ...]
) -> bool:
    """Same primary name and kind, and no birth year or nationality that tells them apart."""
    if a is None or b is None or not tokens_a or tokens_a != tokens_b or a.kind != b.kind:
        return False
    nations_a, nations_b = _countries(a.nationalities), _countries(b.nationalities)
    if nations_a and nations_b and not nations_a & nations_b:
        return False
    years_a, years_b = _years(a), _years(b)
    return not (years_a and years_b and not years_a & years_b)


def _countries(values: Iterable[str]) -> set[str]:
    """Nationalities as ISO codes (the lists write names, codes and cases differently)."""
    out = set()
    for value in values:
        try:
            out.add(resolve(value[:200]))
        except CountryError:
            out.add(" ".join(value.casefold().split()))
    return out


def _years(entry: ListEntry) -> set[int]:
    """Every birth year the entry's dates of birth allow."""
    out: set[int] = set()
    for dob in entry.dates_of_birth:
        span = dob.year_range()
        if span is not None and span[1] - span[0] < 200:
            out |= set(range(span[0], span[1] + 1))
    return out
