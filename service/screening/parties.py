"""Party screening for the screener: every party, and the route's vessel, against every list.

A ``match`` on a blocking list (SANCTIONS_BLOCKING_LISTS, the UN lists by default) whose entry
has a regime makes the party "designated under" that regime for the rules (from its listed-on
date, for the measures the entry is listed for); a match on a list that only informs, or in the
review band, adds a review finding naming the list, the entry and its programmes. The same
party met on several lists is one finding naming every list (``service.parties.merge``).
Every match is shown in the decision's ``parties`` block with its list, entry, programmes and
explanation. Vessels are screened by IMO number first: the route's vessel is designated only
by an entry carrying its IMO number, and a vessel party given an IMO number is not designated
by a name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from service.engine.facts import Listing
from service.engine.model import EntryMeasures
from service.parties.diff import content_hash
from service.parties.evidence import imo_key
from service.parties.matcher import Matcher
from service.parties.merge import MergedMatch
from service.parties.merge import merge as merge_parties
from service.parties.model import ListEntry, ListSnapshot
from service.parties.normalize import normalize_name, office_only
from service.parties.result import PartyMatch
from service.screening.screener import Designations, PartyResults, Suppressions
from service.screening.transaction import Transaction, countries_named

UNMATCHABLE = "nothing in the name could be matched (no letters or digits in a handled script)"
BLOCKING = frozenset({"un", "un-vessels"})
MAX_MATCHES = 5  # per party, over all lists
# Lists whose date is that of the last designation they record, not of a publication: their
# age says nothing about staleness (un-vessels is compiled from resolutions and notices).
UNDATED = frozenset({"un-vessels"})
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
        regime_targets: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self.matchers = (matchers,) if isinstance(matchers, Matcher) else tuple(matchers)
        self.lists: tuple[ListSnapshot, ...] = tuple(m.list for m in self.matchers)
        self.blocking = blocking
        # (list, reference) -> the measures an entry is listed for, when only some of its
        # regime's (the rule tree's regimes.yaml `entry_measures`)
        self.entry_measures = dict(entry_measures or {})
        # regime -> the countries it targets (regimes.yaml `targets`), for office names below
        self.regime_targets = {k: frozenset(v) for k, v in (regime_targets or {}).items()}
        # Counterparties repeat: cache match results per query (these list versions only).
        self._match = lru_cache(maxsize=cache_size)(self._query) if cache_size else self._query
        self._name_notes = (
            lru_cache(maxsize=cache_size)(self._notes_for) if cache_size else self._notes_for
        )
        # the lowest score any list reports (a query's threshold may not go below it)
        self.review_threshold = min((m.review_threshold for m in self.matchers), default=1.0)
        self.threshold = min((m.threshold for m in self.matchers), default=1.0)
        # every list's version, the UN list first: "un:… un-vessels:… ofac-sdn:…"
        self.version = " ".join(
            lst.version for lst in sorted(self.lists, key=lambda x: (x.source != "un", x.version))
        )
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
        """Days since the oldest dated list was generated, or None when a date cannot be read."""
        ages = [_age(lst, today) for lst in self.lists if lst.source not in UNDATED]
        return None if None in ages else max((a for a in ages if a is not None), default=None)

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
            if matches and p.name and not (p.imo or p.document):
                matches = self._offices_elsewhere(p.name, matches, entry, tx)
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
            {**m.to_dict(), "programmes": list(self.programmes(m)),
             "entry_hash": self.entry_hash(m.source, m.reference)}
            for m in kept
        ]  # fmt: skip
        if suppressed:
            entry["suppressed"] = suppressed
        return tuple(kept)

    def _offices_elsewhere(
        self, name: str, matches: tuple[PartyMatch, ...], entry: dict[str, Any], tx: Transaction
    ) -> tuple[PartyMatch, ...]:
        """A name made only of the words of an office every State has ("Ministry of Defence",
        "ministère de la Défense") met an entry of a regime whose countries the transaction
        never touches: another State's office, set aside with a note (the matcher never lets
        such a name confirm; here it does not even review). With no country named at all,
        which State's office it is stays open: the matches stay."""
        if not office_only(normalize_name(name).tokens):
            return matches
        touched = countries_named(tx)
        if not touched:
            return matches
        kept: list[PartyMatch] = []
        aside: list[PartyMatch] = []
        for m in matches:
            targets = self.regime_targets.get(m.regime)
            (aside if targets and targets.isdisjoint(touched) else kept).append(m)
        if aside:
            refs = {m.reference for m in aside}
            entry["matches"] = [d for d in entry["matches"] if d["reference"] not in refs]
            entry.setdefault("notes", []).append(
                "set aside as another State's office (the name is only an office's, and the "
                "transaction touches no country of their regime): "
                + ", ".join(f"{m.source} {m.reference}" for m in aside)
            )
        return tuple(kept)

    def sources(self) -> dict[str, str]:
        """Every list screened: source -> the version in use."""
        return {lst.source: lst.version for lst in self.lists}

    def match(
        self,
        name: str,
        kind: str | None = None,
        dob: str | None = None,
        nationality: str | None = None,
        imo: str | None = None,
        document: str | None = None,
        *,
        threshold: float | None = None,
        lists: Collection[str] | None = None,
        limit: int = MAX_MATCHES,
    ) -> list[MergedMatch]:
        """The parties one query meets on the lists (``lists``: only those sources), best
        first, each once whatever the number of lists it is on (``POST /v1/parties/match``).

        ``threshold`` moves the score from which a match is a ``match`` (not below
        :attr:`review_threshold`: no list reports lower scores).
        """
        if threshold is not None and not self.review_threshold <= threshold <= 1:
            raise ValueError(f"threshold {threshold} is outside {self.review_threshold}..1")
        found = [m for m in self._match(name, kind, dob, nationality, imo, document)
                 if lists is None or m.source in lists]  # fmt: skip
        if threshold is not None:
            found = [_banded(m, threshold) for m in found]
        return self.merged(found)[: max(limit, 0)]

    def name_notes(self, name: str) -> tuple[str, ...]:
        """Why a name can meet nothing, when the reason is the name itself (empty, unhandled)."""
        return self._name_notes(name)

    def programmes(self, m: PartyMatch) -> tuple[str, ...]:
        """The programmes of the matched entry as its list writes them."""
        entry = self._entries.get(m.source, {}).get(m.reference)
        return entry.programmes if entry is not None else ()

    def merged(self, matches: Iterable[PartyMatch]) -> list[MergedMatch]:
        """One query's matches grouped by party (the same party on several lists is one)."""
        return merge_parties(tuple(matches), self._entries)

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
        a listing of every measure over one of some); the other parties met (review band, lists
        that only inform, matches the identifiers refuse) are put in words, one sentence per
        party whatever the number of lists it is on.

        A vessel is screened by IMO number first (``imo`` is not None for a vessel): a match
        to an entry carrying the same IMO number designates it, in any band; with an IMO number
        given, a match on the name alone does not (another hull may bear the name); with none,
        a name match designates a vessel party (``by_name``) but not the route's vessel.
        """
        wanted = imo_key(imo or "")
        for group in self.merged(matches):
            designated = False
            for m in group.matches:
                blocks = bool(m.source in self.blocking and m.regime)
                entry = self._entries[m.source][m.reference]
                same_hull = bool(wanted) and wanted in entry.imo_numbers
                if imo is None:
                    designates = m.match and by_name
                else:
                    designates = same_hull or (m.match and by_name and not wanted)
                if blocks and designates:
                    designated = True
                    regimes[m.regime] = merge(regimes.get(m.regime), self._listing(m, entry))
            if not designated:
                possible.append(self._sentence(who, group))

    def _sentence(self, who: str, group: MergedMatch) -> str:
        """``party 1 'X' matches ofac-cons 9639 (programme NS-PLC) NAME: why``."""
        best = next((m for m in group.matches if m.match), group.best)
        where = ", ".join(
            f"{m.source} {m.reference}"
            + (f" (programme {', '.join(p)})" if (p := self.programmes(m)) else "")
            for m in group.matches
        )
        if best.match:
            return f"{who} matches {where} {best.name}: {best.explanation}"
        return f"{who} may be {where} {best.name} (score {best.score:.2f}): {best.explanation}"

    def _listing(self, m: PartyMatch, entry: ListEntry) -> Listing:
        """The listing a blocking match stands for: its date, and the measures the entry is
        listed for when only some (regimes.yaml ``entry_measures``, or the list's own)."""
        declared = self.entry_measures.get((m.source, m.reference))
        if declared is not None:
            return Listing(m.listed_on, declared.measures, declared.citation.label)
        return Listing(
            m.listed_on, frozenset(entry.measures), entry.basis if entry.measures else ""
        )

    def _who(self, who: str, matches: tuple[PartyMatch, ...], regimes: dict[str, Listing]) -> str:
        """The party and the entries that designate it, in words."""
        named = [f"{m.source} {m.reference} {m.name}" for m in matches if m.regime in regimes]
        return f"{who} ({'; '.join(dict.fromkeys(named))})" if named else who

    def notes(self, today: dt.date | None = None) -> list[str]:
        """What every decision should say about the lists: which one is stale, when one is."""
        if self.max_age_days is None:
            return []
        out = []
        for lst in self.lists:
            if lst.source in UNDATED:
                continue
            age = _age(lst, today)
            if age is None or age > self.max_age_days:
                out.append(f"the sanctions list {lst.version} is {age} days old (limit "
                           f"{self.max_age_days} days); load a newer one")  # fmt: skip
        return out


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


def _age(lst: ListSnapshot, today: dt.date | None) -> int | None:
    """Days since the list was generated, or None when its date cannot be read."""
    try:
        generated = dt.date.fromisoformat(lst.date_generated[:10])
    except ValueError:
        return None
    return ((today or dt.date.today()) - generated).days


def _banded(m: PartyMatch, threshold: float) -> PartyMatch:
    """The match judged against another threshold (its score is the same)."""
    is_match = m.score >= threshold
    return replace(m, match=is_match, band="match" if is_match else "review")
