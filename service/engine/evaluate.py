"""Evaluate compiled rules over the facts of one transaction, as of its date.

Rules are indexed by the keys their conditions require (a target country, a designation
regime), so a transaction meets only the rules that could fire, not a scan of every rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from service.engine.facts import Authorization, Facts
from service.engine.loader import RuleSet
from service.engine.model import Citation, Mandate, Rule
from service.engine.predicates import (
    Evaluator,
    Match,
    compile_condition,
    index_keys,
    required_keys,
    scoped,
    target_countries,
)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    outcome: str
    explanation: str
    match: Match
    notes: tuple[str, ...] = ()
    conditions: tuple[dict[str, str], ...] = field(default=())
    renewal: Citation | None = None  # the mandate's resolution in force on the date, if any

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The rule's citations, and the renewal that kept the measure in force on the date."""
        if self.renewal is None or any(
            c.instrument == self.renewal.instrument for c in self.rule.citations
        ):
            return self.rule.citations
        return (*self.rule.citations, self.renewal)

    def to_dict(self) -> dict[str, Any]:
        r = self.rule
        out: dict[str, Any] = {
            "rule": r.id,
            "regime": r.regime,
            "outcome": self.outcome,
            "title": r.title,
            "citations": [c.to_dict() for c in self.citations],
            "disputed": r.disputed,
            "conditions": list(self.conditions),
            "explanation": self.explanation,
            "evidence": {"goods": sorted(self.match.goods), "parties": sorted(self.match.parties)},
        }
        if r.disputed and r.dispute_note:
            out["dispute_note"] = r.dispute_note
        if r.measures:
            out["measures"] = list(r.measures)
        if self.notes:
            out["notes"] = list(self.notes)
        return out


class _Compiled(NamedTuple):
    """One rule ready to run: its closures, the keys it needs, its window in force."""

    rule: Rule
    when: Evaluator
    exemptions: tuple[tuple[str, Evaluator], ...]
    keys: frozenset[str] | None  # the rule is indexed under these (None: always a candidate)
    required: tuple[frozenset[str], ...]  # further key sets that must each meet the tx's keys
    start: dt.date
    until: dt.date | None
    lapses: bool  # False: past `until`, the rule gives review (renewal unverified)
    mandate: Mandate | None  # the chain the rule ends with (`until: mandate`)


def _compile(rule: Rule, mandate: Mandate | None = None) -> _Compiled:
    scope = frozenset((rule.id, *rule.measures))
    exemptions = tuple(
        (e.description, compile_condition(scoped(e.when, scope))) for e in rule.exemptions
    )
    window = rule.in_force
    keys = index_keys(rule.when)
    required = tuple(k for k in required_keys(rule.when) if k != keys)  # the index checks `keys`
    return _Compiled(
        rule, compile_condition(rule.when), exemptions, keys, required,
        window.start, window.until, window.after_until == "lapsed",
        mandate if window.mandate else None,
    )  # fmt: skip


class Engine:
    """A rule set compiled into closures and indexed by required keys."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        regimes = ruleset.regimes
        self._compiled = [
            _compile(rule, regimes[rule.regime].mandate if rule.regime in regimes else None)
            for rule in ruleset.rules
        ]
        # the index: a bit per rule (bit i is rule i); a key's mask has the bits of the rules
        # indexed under it, and a day's mask the bits of the rules that can fire that day
        self._always = 0
        self._by_key: dict[str, int] = {}
        self._by_day: dict[dt.date, int] = {}
        self._bits: dict[int, list[int]] = {}  # mask -> its rule indices (masks repeat)
        # country -> windows (first day, last day or None) of the rules that target it
        self._targets: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for i, c in enumerate(self._compiled):
            if c.keys is None:
                self._always |= 1 << i
            for key in c.keys or ():
                self._by_key[key] = self._by_key.get(key, 0) | 1 << i
            for country in target_countries(c.rule.when):
                self._targets[country].append((c.start, c.until if c.lapses else None))

    def candidates(self, keys: set[str], date: dt.date) -> list[int]:
        """Indices of the rules that could fire given the keys present and in force on the date
        (or past a window whose renewal is unverified), in rule order; the list is shared
        between calls with the same rules in play, so callers only read it."""
        get = self._by_key.get
        mask = self._always
        for key in keys:
            mask |= get(key, 0)
        mask &= self._day_mask(date)
        out = self._bits.get(mask)
        if out is None:
            out, rest = [], mask
            while rest:
                low = rest & -rest
                out.append(low.bit_length() - 1)
                rest ^= low
            if len(self._bits) < 50_000:
                self._bits[mask] = out
        return out

    def _day_mask(self, date: dt.date) -> int:
        """The rules that can fire on a day (memoised: dates repeat)."""
        mask = self._by_day.get(date)
        if mask is None:
            mask = 0
            for i, c in enumerate(self._compiled):
                if c.start <= date and (c.until is None or date <= c.until or not c.lapses):
                    mask |= 1 << i
            if len(self._by_day) < 50_000:
                self._by_day[date] = mask
        return mask

    def sanctioned(self, countries: set[str], date: dt.date) -> set[str]:
        """Those of the countries that a rule in force on the date targets."""
        out = set()
        for country in countries:
            for start, until in self._targets.get(country, ()):
                if start <= date and (until is None or date <= until):
                    out.add(country)
                    break
        return out

    def evaluate(self, facts: Facts) -> list[Finding]:
        """Findings of the rules in force on the facts' date whose conditions hold."""
        findings = []
        date, keys, compiled = facts.date, facts.keys, self._compiled
        for i in self.candidates(keys, date):
            _, when, _, _, required, _, until, _, _ = compiled[i]
            if required:  # each group of keys the rule needs must meet the facts' keys
                missing = False
                for need in required:  # a plain loop: it runs for every candidate rule
                    if need.isdisjoint(keys):
                        missing = True
                        break
                if missing:
                    continue
            match = when(facts)
            if match is None:
                continue
            renewal_unverified = until is not None and date > until
            findings.append(_finding(compiled[i], facts, match, renewal_unverified))
        return findings


class RuleEvaluator:
    """One rule compiled on its own: mutation testing evaluates one changed rule at a time."""

    def __init__(self, rule: Rule, mandate: Mandate | None = None) -> None:
        self.rule = rule
        self._c = _compile(rule, mandate)

    def evaluate(self, facts: Facts) -> Finding | None:
        """The rule's finding on the facts, as :meth:`Engine.evaluate` would give it."""
        c, date, keys = self._c, facts.date, facts.keys
        if date < c.start or (c.until is not None and date > c.until and c.lapses):
            return None
        if c.keys is not None and c.keys.isdisjoint(keys):
            return None
        if c.required and any(need.isdisjoint(keys) for need in c.required):
            return None
        match = c.when(facts)
        if match is None:
            return None
        return _finding(c, facts, match, c.until is not None and date > c.until)


def _finding(compiled: _Compiled, facts: Facts, match: Match, renewal_unverified: bool) -> Finding:
    rule = compiled.rule
    explanation = "; ".join(dict.fromkeys(match.notes)) or "conditions met"
    conditions = tuple({"type": c.type, "description": c.description} for c in rule.conditions)
    notes: list[str] = []
    outcome = rule.outcome
    mandate = compiled.mandate
    term = mandate.term_on(facts.date) if mandate else None
    renewal = term.citation() if term else None
    if renewal_unverified and term is not None:
        notes.append(
            f"the mandate of {rule.regime} expired on {rule.in_force.until} ({term.resolution} is "
            "the last recorded renewal); no renewal is recorded in regimes.yaml, so a person must check"
        )
        outcome = "review"
    elif renewal_unverified:
        notes.append(
            f"the measure lapsed on {rule.in_force.until} unless renewed; no renewal is "
            "confirmed in the rule set, so a person must check"
        )
        outcome = "review"
    for description, when in compiled.exemptions:
        if when(facts) is not None:
            notes.append(f"exempt: {description}")
            return Finding(rule, "clear", explanation, match, tuple(notes), conditions, renewal)
    if outcome == "conditional" and rule.conditions:
        granted = _satisfied(rule, facts.authorizations)
        if granted:
            notes.append("conditions satisfied by " + ", ".join(granted))
            outcome = "clear"
    if rule.disputed and rule.dispute_note:
        notes.append(f"disputed: {rule.dispute_note}")
    return Finding(rule, outcome, explanation, match, tuple(notes), conditions, renewal)


def _satisfied(rule: Rule, authorizations: tuple[Authorization, ...]) -> list[str]:
    """References of authorizations covering every condition of the rule, or [] if any is missing."""
    granted = []
    for condition in rule.conditions:
        auth = next(
            (
                (kind, reference)
                for kind, regime, reference, _ in authorizations
                if kind == condition.type and (regime is None or regime == rule.regime)
            ),
            None,
        )
        if auth is None:
            return []
        granted.append(f"{auth[0]} {auth[1] or ''}".strip())
    return granted
