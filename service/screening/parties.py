"""Party screening for the screener: every party, and the route's vessel, against every list.

A ``match`` on a blocking list (the UN lists by default) makes the party "designated under"
the entry's regime for the rules (from its listed-on date, for the measures the entry is listed
for); a match on a list that only informs, or in the review band, adds a review finding; every
match is shown in the decision's ``parties`` block with its list, entry and explanation.
Vessels are screened by IMO number first: the route's vessel is designated only by an entry
carrying its IMO number, and a vessel party given an IMO number is not designated by a name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from service.engine.facts import Listing
from service.engine.model import EntryMeasures
from service.parties.diff import content_hash
from service.parties.evidence import imo_key
from service.parties.matcher import Matcher
from service.parties.model import ListEntry, ListSnapshot
from service.parties.normalize import normalize_name
from service.parties.result import PartyMatch
from service.screening.screener import Designations, PartyResults, Suppressions
from service.screening.transaction import Transaction

UNMATCHABLE = "nothing in the name could be matched (no letters or digits in a handled script)"
BLOCKING = frozenset({"un", "un-vessels"})
MAX_MATCHES = 5  # per party, over all lists
# Matches fetched per party before dismissed ones are set aside, so that they never take the
# place of new ones among the MAX_MATCHES shown.
MAX_CANDIDATES = 50


def fingerprint(
    name: str, kind: str | None, dob: str | None, nationality: str | None,
    imo: str | None, document: str | None,
) -> str:  # fmt: skip
    """The identity of a party query for false-positive memory: the same name (case and spacing
    aside) and the same identifying details give the same fingerprint."""
    key = [" ".join(name.casefold().split()), kind, dob, nationality, imo, document]
    return "sha256:" + hashlib.sha256(json.dumps(key).encode()).hexdigest()


def fingerprints(tx: Transaction) -> list[str]:
    """The fingerprints of every query :meth:`ListScreen.screen_parties` makes for ``tx``, so a
    caller can fetch the dismissed false positives that may apply before screening."""
    out = [fingerprint(p.name or "", p.type, p.date_of_birth, p.nationality, p.imo, p.document)
           for p in tx.parties if p.name or p.imo or p.document]  # fmt: skip
    vessel = tx.route.vessel
    if vessel and (vessel.name or vessel.imo):
        out.append(fingerprint(vessel.name or "", "vessel", None, None, vessel.imo, None))
    return out


class ListScreen:
    """Adapts one :class:`Matcher` per list to the screener's ``PartyScreen`` protocol."""

    def __init__(
        self,
        matchers: Matcher | Iterable[Matcher],
        *,
        max_age_days: int | None = None,
        cache_size: int = 0,
        blocking: frozenset[str] = BLOCKING,
        entry_measures: Mapping[tuple[str, str], EntryMeasures] | None = None,
    ) -> None:
        self.matchers = (matchers,) if isinstance(matchers, Matcher) else tuple(matchers)
        self.lists: tuple[ListSnapshot, ...] = tuple(m.list for m in self.matchers)
        self.blocking = blocking
        # (list, reference) -> the measures an entry is listed for, when only some of its
        # regime's (the rule tree's regimes.yaml `entry_measures`)
        self.entry_measures = dict(entry_measures or {})
        # Counterparties repeat: cache match results per query (these list versions only).
        self._match = lru_cache(maxsize=cache_size)(self._query) if cache_size else self._query
        self._name_notes = (
            lru_cache(maxsize=cache_size)(self._notes_for) if cache_size else self._notes_for
        )
        self.version = " ".join(sorted(lst.version for lst in self.lists))
        self.max_age_days = max_age_days
        self._entries = {lst.source: lst.by_reference() for lst in self.lists}
        self._hashes: dict[tuple[str, str], str] = {}

    def entry_hash(self, source: str, reference: str) -> str:
        """The content hash of a listed entry (see ``service.parties.diff.content_hash``)."""
        key = (source, reference)
        found = self._hashes.get(key)
        if found is None:
            found = self._hashes[key] = content_hash(self._entries[source][reference])
        return found

    def age_days(self, today: dt.date | None = None) -> int | None:
        """Days since the oldest list was generated, or None when a date cannot be read."""
        ages = []
        for lst in self.lists:
            try:
                generated = dt.date.fromisoformat(lst.date_generated[:10])
            except ValueError:
                return None
            ages.append(((today or dt.date.today()) - generated).days)
        return max(ages) if ages else None

    def screen_parties(
        self, tx: Transaction, suppressions: Suppressions | None = None
    ) -> PartyResults:
        """Match every party and the vessel; matches that ``suppressions`` names (dismissed
        false positives of the same query against the same content of the entry) are moved to
        the block's ``suppressed`` with their note and count for nothing."""
        block: list[dict[str, Any]] = []
        listed: Designations = {}
        possible: list[str] = []
        unscreened: list[str] = []
        who_is: dict[int | str, str] = {}
        for i, p in enumerate(tx.parties):
            if not (p.name or p.imo or p.document):
                continue
            query = (p.name or "", p.type, p.date_of_birth, p.nationality, p.imo, p.document)
            entry: dict[str, Any] = {"index": i}
            matches = self._screen_query(query, entry, suppressions)
            if p.name and not matches and (notes := self._name_notes(p.name)):
                entry["notes"] = list(notes)
                if notes[-1] == UNMATCHABLE and not (p.imo or p.document):
                    unscreened.append(
                        f"party {i + 1} '{p.name[:80]}' could not be screened: {UNMATCHABLE}"
                    )
            block.append(entry)
            who = f"party {i + 1} '{p.name or p.imo}'"
            imo = p.imo if p.type == "vessel" else None
            regimes = listed.setdefault(i, {})
            self._record(who, matches, possible, regimes, imo=imo, by_name=True)
            who_is[i] = self._who(who, matches, regimes)
        vessel = tx.route.vessel
        route: dict[str, Listing] = {}
        if vessel and (vessel.name or vessel.imo):
            entry = {"index": "route.vessel"}
            query = (vessel.name or "", "vessel", None, None, vessel.imo, None)
            matches = self._screen_query(query, entry, suppressions)
            block.append(entry)
            # only the IMO number designates the route's vessel: a name alone may be the
            # listed owner's or a renamed hull's, a person's to weigh (review)
            who = f"the vessel '{vessel.name or vessel.imo}'"
            self._record(who, matches, possible, route, imo=vessel.imo or "", by_name=False)
            who_is["route.vessel"] = self._who(who, matches, route)
        return PartyResults(
            block, {i: r for i, r in listed.items() if r}, possible, unscreened, route, who_is
        )

    def _screen_query(
        self,
        query: tuple[str, str | None, str | None, str | None, str | None, str | None],
        entry: dict[str, Any],
        suppressions: Suppressions | None,
    ) -> tuple[PartyMatch, ...]:
        """The matches that count for one query, written into its block ``entry``."""
        found = self._match(*query)
        print_ = fingerprint(*query)
        entry["fingerprint"] = print_
        kept: list[PartyMatch] = []
        suppressed: list[dict[str, Any]] = []
        for m in found:
            digest = self.entry_hash(m.source, m.reference)
            note = (
                suppressions.get((print_, m.source, m.reference, digest)) if suppressions else None
            )
            if note is not None:
                suppressed.append({**m.to_dict(), "entry_hash": digest, "suppressed": note})
            elif len(kept) < MAX_MATCHES:
                kept.append(m)
        entry["matches"] = [
            {**m.to_dict(), "entry_hash": self.entry_hash(m.source, m.reference)} for m in kept
        ]
        if suppressed:
            entry["suppressed"] = suppressed
        return tuple(kept)

    @staticmethod
    def _notes_for(name: str) -> tuple[str, ...]:
        """Why a name met nothing when the reason is the name itself (empty, unhandled, long)."""
        normalized = normalize_name(name)
        return (*normalized.notes, *(() if normalized.tokens else (UNMATCHABLE,)))

    def _query(
        self, name: str, kind: str | None, dob: str | None, nationality: str | None,
        imo: str | None, document: str | None,
    ) -> tuple[PartyMatch, ...]:  # fmt: skip
        best: dict[tuple[str, str], PartyMatch] = {}
        for form in name_forms(name):
            for matcher in self.matchers:
                for m in matcher.match(form, type=kind, date_of_birth=dob, nationality=nationality,
                                       imo=imo, document=document, limit=MAX_CANDIDATES):  # fmt: skip
                    held = best.get((m.source, m.reference))
                    if held is None or m.score > held.score:
                        if form != name:
                            said = m.explanation.rstrip(". ")
                            m = replace(m, explanation=f"{said}; the name read as '{form}', "
                                        "a form it gives in brackets.")  # fmt: skip
                        best[(m.source, m.reference)] = m
        found = sorted(best.values(), key=lambda m: (-m.score, m.source, m.reference))
        return tuple(found[:MAX_CANDIDATES])

    def _record(
        self,
        who: str,
        matches: tuple[PartyMatch, ...],
        possible: list[str],
        regimes: dict[str, Listing],
        *,
        imo: str | None,
        by_name: bool,
    ) -> None:
        """Matches on a blocking list designate under their regime (earliest listing wins,
        a listing of every measure over one of some); matches in the review band, on lists
        that only inform, and those the identifiers refuse, are put in words.

        A vessel is screened by IMO number first (``imo`` is not None for a vessel): a match
        to an entry carrying the same IMO number designates it, in any band; with an IMO number
        given, a match on the name alone does not (another hull may bear the name); with none,
        a name match designates a vessel party (``by_name``) but not the route's vessel.
        """
        wanted = imo_key(imo or "")
        for m in matches:
            blocks = bool(m.source in self.blocking and m.regime)
            entry = self._entries[m.source][m.reference]
            same_hull = bool(wanted) and wanted in entry.imo_numbers
            if imo is None:
                designates = m.match and by_name
            else:
                designates = same_hull or (m.match and by_name and not wanted)
            if blocks and designates:
                found = self._listing(m, entry)
                regimes[m.regime] = merge(regimes.get(m.regime), found)
            elif m.match:
                possible.append(f"{who} matches {m.source} {m.reference} {m.name}: {m.explanation}")
            else:
                possible.append(
                    f"{who} may be {m.source} {m.reference} {m.name} (score {m.score:.2f}): "
                    f"{m.explanation}"
                )

    def _listing(self, m: PartyMatch, entry: ListEntry) -> Listing:
        """The listing a blocking match stands for: its date, and the measures the entry is
        listed for when only some (regimes.yaml ``entry_measures``, or the list's own)."""
        declared = self.entry_measures.get((m.source, m.reference))
        if declared is not None:
            c = declared.citation
            return Listing(m.listed_on, declared.measures, f"{c.instrument} op. {c.paragraph}")
        return Listing(m.listed_on, frozenset(entry.measures), _basis(entry))

    def _who(self, who: str, matches: tuple[PartyMatch, ...], regimes: dict[str, Listing]) -> str:
        """The party and the entries that designate it, in words."""
        named = [f"{m.source} {m.reference} {m.name}" for m in matches if m.regime in regimes]
        return f"{who} ({'; '.join(dict.fromkeys(named))})" if named else who

    def notes(self, today: dt.date | None = None) -> list[str]:
        """What every decision should say about the lists: that one is stale, when it is."""
        age = self.age_days(today)
        if self.max_age_days is not None and (age is None or age > self.max_age_days):
            return [
                f"the sanctions list {self.version} is {age} days old (limit "
                f"{self.max_age_days} days); load a newer one"
            ]
        return []


_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
MAX_FORMS = 4  # the name as given, without its brackets, and up to two bracketed forms
MIN_FORM_CHARS = 4  # letters or digits a bracketed form needs to be screened on its own


def name_forms(name: str) -> list[str]:
    """The name as given and, when it carries a form in brackets ("Houthis (Ansarallah)",
    "Ansar Allah [the Houthis]"), the name without it and each bracketed form on its own: a
    list gives aliases as separate names, a caller often writes them in one.

    >>> name_forms("Houthis (Ansarallah)")
    ['Houthis (Ansarallah)', 'Houthis', 'Ansarallah']
    >>> name_forms("Acme Trading")
    ['Acme Trading']
    >>> name_forms("Acme Trading (UK)")
    ['Acme Trading (UK)', 'Acme Trading']
    """
    inner = [m.strip() for m in _BRACKETS.findall(name)]
    if not inner:
        return [name]
    # "(UK)", "(Pty)": too short to be a name of its own (it would meet names by one syllable)
    inner = [m for m in inner if len(re.sub(r"\W", "", m)) >= MIN_FORM_CHARS]
    outer = " ".join(_BRACKETS.sub(" ", name).split())
    forms = [name, outer, *inner]
    return list(dict.fromkeys(f for f in forms if f))[:MAX_FORMS]


def merge(held: Listing | None, new: Listing) -> Listing:
    """Two matches under one regime: the earlier listing date, and every measure either carries
    (a listing of every measure, ``measures`` empty, wins)."""
    if held is None:
        return new
    dates = [d for d in (held.listed_on, new.listed_on) if d is not None]
    on = min(dates) if len(dates) == 2 else None
    measures = held.measures | new.measures if held.measures and new.measures else frozenset()
    return Listing(on, measures, held.basis or new.basis)


_BASIS = re.compile(r"instrument: (?P<instrument>.*?); paragraph: (?P<paragraph>.*?)(?:; url:|$)")


def _basis(entry: ListEntry) -> str:
    """The designating instrument and paragraph a un-vessels entry carries in its comments
    (written by ``service.parties.lists.un_vessels``), or ''."""
    if not entry.measures:
        return ""
    found = _BASIS.search(entry.comments)
    return f"{found['instrument']}, {found['paragraph']}" if found else ""
