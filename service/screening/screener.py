"""Screen one transaction: classify its goods, match its parties, evaluate the rules, decide.

The decision is the most severe outcome over all findings (ARCHITECTURE §2). It fails closed:
goods that cannot be classified on a flow touching a sanctioned jurisdiction, a description
that contradicts the declared HS code, an unavailable list or a possible list match all give
``review``, never ``clear``.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from service import __version__
from service.engine.evaluate import Engine, Finding
from service.engine.facts import Facts, Listing, rule_test_designations
from service.engine.loader import RuleSet
from service.extract import Extraction, Extractor
from service.goods.classifier import Classification, Classifier
from service.goods.taxonomy import Taxonomy
from service.ruletree import RuleTree, load_tree
from service.screening.facts import build_facts, countries_touched
from service.screening.transaction import Transaction, parse_transaction
from service.vocabulary import SEVERITY

Designations = dict[int, dict[str, Listing]]  # party index -> regime -> the confirmed match
# Dismissed false positives: (query fingerprint, list, entry reference, entry content hash) ->
# the note shown instead of the match (service.cases keeps them; see screening.parties).
Suppressions = Mapping[tuple[str, str, str, str], str]


class PartyResults(NamedTuple):
    block: list[dict[str, Any]]  # the decision's ``parties`` block
    listed: Designations  # confirmed matches
    possible: list[str]  # review-band matches, in words
    unscreened: list[str]  # named parties whose name gave nothing to match, in words
    vessel: dict[str, Listing] = {}  # the route vessel's confirmed matches (by IMO number)
    # who each designated one is, in words, for the review of a listing no rule meets: party
    # index (or "route.vessel") -> "party 1 'Houthis' (un YEe.001 THE HOUTHIS)"
    who: dict[int | str, str] = {}


class PartyScreen(Protocol):
    """Matches the parties of a transaction against sanctions lists (see service.screening.parties)."""

    version: str

    def screen_parties(
        self, tx: Transaction, suppressions: Suppressions | None = None
    ) -> PartyResults: ...

    def notes(self, today: dt.date | None = None) -> list[str]:
        """Notes for every decision, e.g. that the list is older than the configured age."""
        ...


@dataclass(frozen=True, slots=True)
class SystemFinding:
    """A finding of the screening itself rather than of a UN measure (no citation to give)."""

    rule: str
    outcome: str
    title: str
    explanation: str
    goods: tuple[int, ...] = ()
    parties: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "regime": None,
            "outcome": self.outcome,
            "title": self.title,
            "citations": [],
            "disputed": False,
            "conditions": [],
            "explanation": self.explanation,
            "evidence": {"goods": list(self.goods), "parties": list(self.parties)},
        }


class Decision(NamedTuple):
    """The outcome and its grounds for one transaction (immutable; built per transaction)."""

    outcome: str
    as_of: dt.date
    findings: tuple[Any, ...]  # Finding, SystemFinding, or text.TaggedFinding
    goods: tuple[Classification, ...]
    parties: tuple[dict[str, Any], ...]
    versions: dict[str, str]
    reference: str | None = None
    notes: tuple[str, ...] = ()
    interpretation: dict[str, Any] | None = None  # what a description was read as (extension)

    @property
    def rule_ids(self) -> set[str]:
        """Rules whose findings are not clear (exempted or authorised ones excluded)."""
        return {_rule_id(f) for f in self.findings if f.outcome != "clear"}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"outcome": self.outcome, "as_of": self.as_of.isoformat()}
        if self.reference is not None:
            out["reference"] = self.reference
        out["findings"] = [f.to_dict() for f in self.findings]
        out["goods"] = [g.to_dict(i) for i, g in enumerate(self.goods)]
        out["parties"] = list(self.parties)
        out["versions"] = dict(self.versions)
        if self.notes:
            out["notes"] = list(self.notes)
        if self.interpretation is not None:
            out["interpretation"] = self.interpretation
        return out


def _has_route(tx: Transaction) -> bool:
    r = tx.route
    return bool(r.origin or r.destination or r.transit or r.vessel)


def _rule_id(f: Any) -> str:
    return f.rule.id if isinstance(f, Finding) else f.rule


UNCLASSIFIED = ("screening.goods.unclassified", "Goods could not be classified")
HS_CONFLICT = ("screening.goods.hs_conflict", "Description contradicts the declared HS code")
POSSIBLE_MATCH = ("screening.parties.possible_match", "Possible sanctions-list match")
LIST_UNAVAILABLE = ("screening.parties.unavailable", "Sanctions list unavailable")
UNSCREENABLE = ("screening.parties.unscreenable", "Party name could not be screened")
OTHER_MEASURES = (
    "screening.parties.other_measures",
    "Listed for other measures than those the rules found here",
)


def _finding(kind: tuple[str, str], text: str, goods: tuple[int, ...] = ()) -> SystemFinding:
    return SystemFinding(kind[0], "review", kind[1], text, goods=goods)


class Screener:
    """The loaded, compiled pieces needed to screen transactions; build once, use many times."""

    def __init__(
        self,
        ruleset: RuleSet,
        taxonomy: Taxonomy,
        parties: PartyScreen | None = None,
        *,
        list_required: bool = False,
        cache_size: int = 0,
    ) -> None:
        self.ruleset = ruleset
        self.engine = Engine(ruleset)
        self.classifier = Classifier(taxonomy)
        # Goods descriptions repeat (a trader's catalogue): an LRU cache of classifications
        # keyed by (description, HS code) when cache_size > 0. Results are immutable.
        self._classify = (
            lru_cache(maxsize=cache_size)(self.classifier.classify)
            if cache_size
            else self.classifier.classify
        )
        self.parties = parties
        self.list_required = list_required
        # Free text is read on first need (the gazetteer takes half a second to load).
        self._extractor: Extractor | None = None
        self._interpret = (
            lru_cache(maxsize=min(cache_size, 2048))(self._extract) if cache_size else self._extract
        )
        self.versions = {
            "rules": ruleset.version,
            "list": parties.version if parties else "none",
            "engine": __version__,
        }

    def with_parties(self, parties: PartyScreen) -> Screener:
        """The same compiled rules and classifier, screening parties against another list."""
        other = copy.copy(self)
        other.parties = parties
        other.versions = {**self.versions, "list": parties.version}
        return other

    @classmethod
    def from_tree(
        cls,
        tree: RuleTree,
        parties: PartyScreen | None = None,
        *,
        list_required: bool = False,
        cache_size: int = 0,
    ) -> Screener:
        """The screener of a loaded rule tree."""
        return cls(
            tree.ruleset, tree.taxonomy, parties, list_required=list_required, cache_size=cache_size
        )

    @classmethod
    def from_paths(
        cls,
        rules_dir: Path | None = None,
        parties: PartyScreen | None = None,
        *,
        list_required: bool = False,
        cache_size: int = 0,
    ) -> Screener:
        """Load a rule tree strictly (default: the bundled one; raises RuleSetError if broken)."""
        return cls.from_tree(
            load_tree(rules_dir), parties, list_required=list_required, cache_size=cache_size
        )

    def screen(
        self,
        transaction: Transaction | dict[str, Any],
        *,
        today: dt.date | None = None,
        designated: dict[int, tuple[str, ...]] | None = None,
        suppressions: Suppressions | None = None,
    ) -> Decision:
        """Screen one transaction (a parsed one, or a dict validated here). ``today`` fixes the
        default date and the list-age note (a replay passes the day of the decision);
        ``suppressions`` are dismissed false positives to set aside.

        A transaction with only a description is screened on what the description says
        (:mod:`service.screening.text`); one with structured goods, route or parties is screened
        on those, and its description, if any, is shown as read.
        """
        tx = (
            transaction
            if isinstance(transaction, Transaction)
            else parse_transaction(transaction, today)
        )
        if tx.description:
            from service.screening import text  # text imports this module

            if not (tx.goods or tx.parties or _has_route(tx)):
                return text.screen_description(self, tx, designated)
            read, lines = text.with_description_goods(self, tx)
            decision = self.decide(
                read, lines, designated=designated, today=today, suppressions=suppressions
            )
            return text.attach_interpretation(self, tx, decision)
        return self.screen_structured(
            tx, designated=designated, today=today, suppressions=suppressions
        )

    @property
    def extractor(self) -> Extractor:
        """The free-text extractor, reading goods with this screener's classifier."""
        if self._extractor is None:
            terms = [t.text for t in getattr(self.classifier.taxonomy, "terms", ())]
            self._extractor = Extractor(self._classify, vocabulary=terms)
        return self._extractor

    def interpret(self, text: str) -> Extraction:
        """What a text describes (no screening); cached when the screener caches."""
        return self._interpret(text)

    def _extract(self, text: str) -> Extraction:
        return self.extractor.extract(text)

    def screen_structured(
        self,
        tx: Transaction,
        *,
        designated: dict[int, tuple[str, ...]] | None = None,
        today: dt.date | None = None,
        suppressions: Suppressions | None = None,
    ) -> Decision:
        """Screen a parsed transaction on its structured fields only."""
        return self.decide(
            tx, self.classify(tx), designated=designated, today=today, suppressions=suppressions
        )

    def replay(
        self,
        tx: Transaction,
        lines: list[Classification],
        *,
        designated: dict[int, tuple[str, ...]] | None = None,
    ) -> Decision:
        """:meth:`decide` for replays (rule diff, mutation testing), taking the same path as
        :meth:`screen` for a transaction with a description (what the description says can add
        goods or a review finding, so the replay must read it as a screening does)."""
        if tx.description:
            return self.screen(tx, designated=designated)
        return self.decide(tx, lines, designated=designated)

    def classify(self, tx: Transaction) -> list[Classification]:
        """The classification of each goods line of a parsed transaction."""
        return [self._classify(g.description, g.hs_code) for g in tx.goods]

    def decide(
        self,
        tx: Transaction,
        lines: list[Classification],
        *,
        designated: dict[int, tuple[str, ...]] | None = None,
        today: dt.date | None = None,
        suppressions: Suppressions | None = None,
    ) -> Decision:
        """The decision on a parsed transaction whose goods are classified already (replaying
        a corpus through two rule sets classifies each transaction once)."""
        parties = (
            self.parties.screen_parties(tx, suppressions)
            if self.parties
            else PartyResults([], {}, [], [])
        )
        for index, regimes in rule_test_designations(designated or {}).items():
            parties.listed.setdefault(index, {}).update(regimes)
        facts = build_facts(tx, lines, parties.listed, parties.vessel)
        findings: list[Finding | SystemFinding] = list(self.engine.evaluate(facts))
        findings.extend(self._system_findings(tx, lines, facts, parties))
        findings.extend(
            other_measures(findings, parties.listed, parties.vessel, tx.date, parties.who)
        )
        outcome = max((f.outcome for f in findings), key=SEVERITY.__getitem__, default="clear")
        return Decision(
            outcome,
            tx.date,
            tuple(findings),
            tuple(lines),
            tuple(parties.block),
            self.versions,
            tx.reference,
            tuple(self.parties.notes(today)) if self.parties is not None else (),
        )

    def _system_findings(
        self, tx: Transaction, lines: list[Classification], facts: Facts, parties: PartyResults
    ) -> list[SystemFinding]:
        out = [_finding(POSSIBLE_MATCH, text) for text in parties.possible]
        out += [_finding(UNSCREENABLE, text) for text in parties.unscreened]
        risky = any(c.unclassified or c.conflict for c in lines)
        if risky or (not _declared_goods(tx) and tx.type == "goods"):
            out += self._goods_findings(tx, lines, facts)
        if self.parties is None and self.list_required and any(p.name for p in tx.parties):
            text = "the parties could not be screened because no sanctions list is loaded"
            out.append(_finding(LIST_UNAVAILABLE, text))
        return out

    def _goods_findings(
        self, tx: Transaction, lines: list[Classification], facts: Facts
    ) -> list[SystemFinding]:
        """Review for goods that could not be classified, or whose HS code contradicts them,
        on a transaction touching a jurisdiction that a rule in force targets (fail closed)."""
        return self.goods_review(
            tx, lines, self.engine.sanctioned(countries_touched(facts), tx.date)
        )

    def goods_review(
        self, tx: Transaction, lines: list[Classification], touched: set[str]
    ) -> list[SystemFinding]:
        """The fail-closed goods findings given the sanctioned jurisdictions touched (mutation
        testing asks this again when a mutant moves a rule's window)."""
        if not touched:
            return []
        where = ", ".join(sorted(touched))
        out = []
        for i, cls in enumerate(lines):
            if cls.unclassified:
                text = f"goods line {i + 1} could not be classified and the transaction touches {where}"
                out.append(_finding(UNCLASSIFIED, text, (i,)))
            if cls.conflict:
                out.append(_finding(HS_CONFLICT, f"goods line {i + 1}: {cls.conflict}", (i,)))
        if not _declared_goods(tx):
            out.append(
                _finding(UNCLASSIFIED, f"the transaction lists no goods lines and touches {where}")
            )
        return out


def other_measures(
    findings: list[Finding | SystemFinding],
    listed: Mapping[int, Mapping[str, Listing]],
    vessel: Mapping[str, Listing],
    day: dt.date,
    who: Mapping[int | str, str] | None = None,
) -> list[SystemFinding]:
    """Review for a listing for some measures only (the Houthis: the arms embargo) that no rule
    of its regime met: the match is not a prohibition here, but it is never silently clear.
    ``listed`` and ``vessel`` are the parties' and the route vessel's designations, ``who``
    says who each one is in words (mutation testing asks again, without it)."""
    met = {f.rule.regime for f in findings if isinstance(f, Finding)}  # exempted ones too
    held: list[tuple[int | str, str, Listing]] = [
        (i, regime, found) for i, regimes in listed.items() for regime, found in regimes.items()
    ]
    held += [("route.vessel", regime, found) for regime, found in vessel.items()]
    out = []
    for where, regime, found in held:
        if not found.measures or regime in met or not found.applies(day, frozenset()):
            continue
        named = (who or {}).get(where) or (
            "the route's vessel" if where == "route.vessel" else f"party {int(where) + 1}"
        )
        basis = f" ({found.basis})" if found.basis else ""
        text = (
            f"{named} is listed under {regime} for {found.limited_to()} only{basis}; no rule "
            "implementing those measures applies to this transaction: a person confirms"
        )
        out.append(SystemFinding(OTHER_MEASURES[0], "review", OTHER_MEASURES[1], text,
                                 parties=(where,) if isinstance(where, int) else ()))  # fmt: skip
    return out


def _declared_goods(tx: Transaction) -> bool:
    """Whether the caller declared goods lines (a line read from the description is not one)."""
    return any(not g.from_description for g in tx.goods)
