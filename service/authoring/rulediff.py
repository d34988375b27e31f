"""``sanctions rules diff``: replay a corpus through two rule sets and report what changed.

Every transaction is parsed and its goods classified once (when both trees share a taxonomy);
only the rules that differ between the trees are evaluated first, and a transaction is decided
in full by both rule sets only when those rules (or the jurisdictions a fail-closed review looks
at) behave differently on it. A change is an outcome that flipped, or a citation that changed
under the same outcome, with the rules responsible.

A flip is *declared* when a rule test of the head tree that names a responsible rule passes in
the head tree and flips the same way (e.g. a boundary test moved with the date); the command
exits non-zero on any flip that is not declared.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from service.authoring.corpus import CorpusItem
from service.authoring.ruletests import expectation_failures
from service.engine.evaluate import Engine, Finding
from service.engine.facts import rule_test_designations
from service.engine.loader import RuleSet
from service.engine.model import Citation, Mandate, MandateTerm, Rule
from service.engine.predicates import target_countries
from service.ruletree import RuleTree
from service.screening import Decision, Screener, Transaction, TransactionError, parse_transaction
from service.screening.facts import build_facts, countries_touched
from service.screening.screener import SystemFinding


@dataclass(frozen=True)
class RuleChange:
    """How one rule's finding differs: its outcome on each side (None: no finding)."""

    rule: str
    base: str | None
    head: str | None
    citations: tuple[Citation, ...]  # of the side where it fired (head first)
    location: str | None = None  # file:line:col of the rule (head first)


@dataclass(frozen=True)
class Change:
    item: CorpusItem
    base: str  # decision outcomes
    head: str
    rules: tuple[RuleChange, ...]
    declared: bool = False

    @property
    def flipped(self) -> bool:
        return self.base != self.head


@dataclass(frozen=True)
class DiffReport:
    changes: tuple[Change, ...]
    replayed: int
    errors: tuple[tuple[CorpusItem, str], ...]  # items that are not valid transactions
    changed_rules: tuple[str, ...]  # rules that differ between the trees
    seconds: float = 0.0

    @property
    def flips(self) -> list[Change]:
        return [c for c in self.changes if c.flipped]

    @property
    def undeclared(self) -> list[Change]:
        return [c for c in self.changes if c.flipped and not c.declared]


def _signature(rule: Rule) -> tuple[Any, ...]:
    """What of a rule can change a decision (everything but where it is written)."""
    return (rule.title, rule.regime, rule.citations, rule.in_force, rule.when, rule.outcome,
            rule.measures, rule.conditions, rule.exemptions, rule.disputed, rule.dispute_note)  # fmt: skip


def changed_rules(base: RuleSet, head: RuleSet) -> set[str]:
    """Ids of rules added, removed or changed (a rule ending with a changed mandate included)."""
    b, h = {r.id: r for r in base.rules}, {r.id: r for r in head.rules}
    out = set(b) ^ set(h)
    for rid in set(b) & set(h):
        rb, rh = b[rid], h[rid]
        if _signature(rb) != _signature(rh):
            out.add(rid)
        elif rh.in_force.mandate:
            mb, mh = base.regimes.get(rb.regime), head.regimes.get(rh.regime)
            if _chain(mb.mandate if mb else None) != _chain(mh.mandate if mh else None):
                out.add(rid)
    return out


def _chain(mandate: Mandate | None) -> tuple[Any, ...] | None:
    """A mandate as data, without where it is written."""
    if mandate is None:
        return None
    terms = tuple(_term(t) for t in mandate.terms)
    return (terms, mandate.after_expiry)


def _term(t: MandateTerm) -> tuple[Any, ...]:
    return (t.resolution, t.adopted, t.expires, t.paragraph, t.url, t.verified, t.source)


def _windows(ruleset: RuleSet, ids: set[str]) -> set[tuple[str, dt.date, dt.date | None]]:
    out = set()
    for r in ruleset.rules:
        if r.id in ids:
            until = r.in_force.until if r.in_force.after_until == "lapsed" else None
            out |= {(c, r.in_force.start, until) for c in target_countries(r.when)}
    return out


class Replayer:
    """Two rule trees ready to decide the same transactions."""

    def __init__(self, base: RuleTree, head: RuleTree, today: dt.date | None = None) -> None:
        self.today = today or dt.date.today()  # the date of a transaction that gives none
        self.base = Screener.from_tree(base, cache_size=4096)
        self.head = Screener.from_tree(head, cache_size=4096)
        self.same_goods = base.taxonomy.version == head.taxonomy.version
        self.changed = changed_rules(base.ruleset, head.ruleset)
        self._sub = tuple(
            Engine(_subset(tree.ruleset, self.changed)) for tree in (base, head)
        )  # the changed rules only, each side
        # the jurisdictions a fail-closed review looks at moved: such items are decided in full
        self.targets_moved = _windows(base.ruleset, self.changed) != _windows(
            head.ruleset, self.changed
        )

    def parse(self, item: CorpusItem) -> Transaction:
        tx = item.transaction
        return tx if isinstance(tx, Transaction) else parse_transaction(tx, self.today)

    def replay(self, item: CorpusItem) -> Change | None:
        """The change the head rules make to the item's decision (None: no change)."""
        tx = self.parse(item)
        lines_b = self.base.classify(tx)
        lines_h = lines_b if self.same_goods else self.head.classify(tx)
        if self.same_goods:
            listed = rule_test_designations(item.designated)
            facts = build_facts(tx, lines_b, listed)
            fb, fh = (_rules(sub.evaluate(facts)) for sub in self._sub)
            if fb == fh and not (self.targets_moved and self._review_moved(tx, lines_b, facts)):
                return None
        db = self.base.replay(tx, lines_b, designated=item.designated)
        dh = self.head.replay(tx, lines_h, designated=item.designated)
        return _compare(item, db, dh)

    def may_differ(
        self, tx: Transaction, designated: dict[int, tuple[str, ...]] | None = None
    ) -> bool:
        """Whether the head rules can decide ``tx`` differently from the base rules, findings'
        explanations included (a filter for re-screening: False is certain, True asks for a full
        decision). Only the changed rules are evaluated, on facts built once."""
        if not self.same_goods:
            return True
        lines = self.base.classify(tx)
        facts = build_facts(tx, lines, rule_test_designations(designated or {}))
        fb, fh = (_detail(sub.evaluate(facts)) for sub in self._sub)
        return fb != fh or (self.targets_moved and self._review_moved(tx, lines, facts))

    def _review_moved(self, tx: Transaction, lines: list[Any], facts: Any) -> bool:
        """Whether the fail-closed goods review could differ: risky goods, and the sanctioned
        jurisdictions the transaction touches differ between the trees on its date."""
        if not _risky(tx, lines):
            return False
        touched = countries_touched(facts)
        return self.base.engine.sanctioned(touched, tx.date) != self.head.engine.sanctioned(
            touched, tx.date
        )


def _subset(ruleset: RuleSet, ids: set[str]) -> RuleSet:
    rules = tuple(r for r in ruleset.rules if r.id in ids)
    return RuleSet(rules, (), ruleset.regimes, ruleset.version, ruleset.root)


def _risky(tx: Transaction, lines: list[Any]) -> bool:
    return any(c.unclassified or c.conflict for c in lines) or (not tx.goods and tx.type == "goods")


Fired = dict[str, tuple[str, tuple[Citation, ...]]]


def _rules(findings: Iterable[Finding | SystemFinding]) -> Fired:
    out: Fired = {}
    kinds: dict[str, int] = {}  # system findings of a kind are numbered among themselves
    for f in findings:
        if isinstance(f, Finding):
            out[f.rule.id] = (f.outcome, f.citations)
        else:
            n = kinds[f.rule] = kinds.get(f.rule, 0) + 1
            out[f.rule if n == 1 else f"{f.rule}#{n}"] = (f.outcome, ())
    return out


def _detail(findings: Iterable[Finding]) -> list[str]:
    """Findings as they show in a decision (outcome, citations, explanation, evidence)."""
    return sorted(json.dumps(f.to_dict(), sort_keys=True, default=str) for f in findings)


def _compare(item: CorpusItem, db: Decision, dh: Decision) -> Change | None:
    fb, fh = _rules(db.findings), _rules(dh.findings)
    where = {
        f.rule.id: str(f.rule.location)
        for f in (*db.findings, *dh.findings)
        if isinstance(f, Finding)
    }
    rules = []
    for rid in sorted(set(fb) | set(fh)):
        b, h = fb.get(rid), fh.get(rid)
        if b == h:
            continue
        bo = b[0] if b else None
        ho = h[0] if h else None
        if bo in (None, "clear") and ho in (None, "clear"):
            continue  # silent on both sides: no decision rests on it
        cites = (h or b or ("", ()))[1]
        rules.append(RuleChange(rid, bo, ho, cites, where.get(rid)))
    if db.outcome == dh.outcome and not rules:
        return None
    return Change(item, db.outcome, dh.outcome, tuple(rules))


def _declares(change: Change) -> set[tuple[str, str, str]]:
    """(rule, base, head outcome) flips that a passing head rule test demonstrates."""
    test = change.item.test
    if test is None or not change.item.head_test or not change.flipped:
        return set()
    named = {*test.rules, *test.not_rules}
    return {(r.rule, change.base, change.head) for r in change.rules if r.rule in named}


PARALLEL_FROM = 2000  # items; a larger corpus is replayed by two forked processes


def diff(
    base: RuleTree, head: RuleTree, items: Iterable[CorpusItem], *, today: dt.date | None = None,
    workers: int | None = None,
) -> DiffReport:  # fmt: skip
    """Replay every item through both trees; the changes, with undeclared flips marked."""
    start = time.perf_counter()
    replayer = Replayer(base, head, today)
    todo = list(items)
    n = workers if workers is not None else (2 if len(todo) >= PARALLEL_FROM else 1)
    if n > 1 and "fork" in mp.get_all_start_methods():
        global _REPLAYER
        _REPLAYER = replayer  # inherited by the forked workers, not pickled
        chunks = [todo[i::n] for i in range(n)]
        with mp.get_context("fork").Pool(n) as pool:
            parts = pool.map(_replay_chunk, chunks)
        _REPLAYER = None
    else:
        parts = [_replay_all(replayer, todo)]
    changes = [c for part in parts for c in part[0]]
    errors = [e for part in parts for e in part[1]]
    order = {id(item): i for i, item in enumerate(todo)}
    by_key = {(i.source, i.key): i for i in todo}
    changes = [replace(c, item=by_key.get((c.item.source, c.item.key), c.item)) for c in changes]
    changes.sort(key=lambda c: order.get(id(c.item), 0))
    declared: set[tuple[str, str, str]] = set()
    for change in changes:
        if change.item.test is not None and change.item.head_test and _passes(change, replayer):
            declared |= _declares(change)
    marked = tuple(
        Change(c.item, c.base, c.head, c.rules,
               any((r.rule, c.base, c.head) in declared for r in c.rules))
        for c in changes
    )  # fmt: skip
    return DiffReport(
        marked,
        len(todo),
        tuple(errors),
        tuple(sorted(replayer.changed)),
        time.perf_counter() - start,
    )


_REPLAYER: Replayer | None = None
Replayed = tuple[list[Change], list[tuple[CorpusItem, str]]]


def _replay_chunk(items: list[CorpusItem]) -> Replayed:
    assert _REPLAYER is not None
    return _replay_all(_REPLAYER, items)


def _replay_all(replayer: Replayer, items: list[CorpusItem]) -> Replayed:
    changes: list[Change] = []
    errors: list[tuple[CorpusItem, str]] = []
    for item in items:
        try:
            change = replayer.replay(item)
        except TransactionError as exc:
            why = "; ".join(f"{p or 'transaction'}: {m}" for p, m in exc.errors.items())
            errors.append((item, why))
            continue
        if change is not None:
            changes.append(change)
    return changes, errors


def _passes(change: Change, replayer: Replayer) -> bool:
    """Whether the head rule test behind the change passes in the head tree."""
    test = change.item.test
    assert test is not None
    tx = replayer.parse(change.item)
    decision = replayer.head.replay(tx, replayer.head.classify(tx), designated=test.designated)
    return not expectation_failures(test, decision)
