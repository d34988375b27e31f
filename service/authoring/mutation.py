"""``sanctions rules mutate``: mutation testing of rule files against the rule tests.

The tree is loaded and compiled once, and every rule test is screened once: its facts, its
findings and its fail-closed goods findings are kept. A mutant changes one rule, so only that
rule is compiled again and evaluated on each test's facts; the test's decision is its kept
findings with the rule's finding swapped (and the goods findings re-asked when the mutant moves
a window of a targeted country). A mutant is killed when a test that passes on the real tree
fails; tests that name the rule run first, so most mutants die on their first try.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.authoring.mutants import Mutant, mutants
from service.authoring.ruletests import expectation_failures, test_transaction
from service.engine.evaluate import Finding, RuleEvaluator
from service.engine.facts import Facts, rule_test_designations
from service.engine.model import Rule, RuleTest
from service.engine.predicates import target_countries
from service.ruletree import RuleTree
from service.screening import Decision, Screener, Transaction, TransactionError, parse_transaction
from service.screening.facts import build_facts, countries_touched
from service.screening.screener import (
    HS_CONFLICT,
    OTHER_MEASURES,
    UNCLASSIFIED,
    SystemFinding,
    other_measures,
)
from service.vocabulary import SEVERITY

GOODS_KINDS = (UNCLASSIFIED[0], HS_CONFLICT[0])
Window = tuple[dt.date, dt.date | None]


@dataclass(eq=False)
class _Case:
    """One passing rule test, screened once."""

    test: RuleTest
    tx: Transaction
    lines: list[Any]
    facts: Facts
    findings: tuple[Finding | SystemFinding, ...]
    by_rule: dict[str, Finding]
    touched: set[str]  # countries the transaction touches
    risky: bool  # has goods findings that depend on the sanctioned jurisdictions
    decision: Decision


@dataclass(frozen=True)
class Result:
    mutant: Mutant
    killed_by: str | None  # the name of the first test that failed, or None (survived)


@dataclass(frozen=True)
class MutationReport:
    results: tuple[Result, ...]
    tests: int  # rule tests used (passing on the real tree)
    failing: tuple[str, ...]  # rule tests that fail on the real tree (not used)
    seconds: float

    @property
    def survivors(self) -> list[Result]:
        return [r for r in self.results if r.killed_by is None]

    @property
    def score(self) -> float:
        """Killed mutants as a percentage (100 when there are none)."""
        if not self.results:
            return 100.0
        return 100.0 * (len(self.results) - len(self.survivors)) / len(self.results)

    def by_operator(self) -> dict[str, tuple[int, int]]:
        """operator -> (mutants, killed)."""
        out: dict[str, tuple[int, int]] = {}
        for r in self.results:
            n, k = out.get(r.mutant.operator, (0, 0))
            out[r.mutant.operator] = (n + 1, k + (r.killed_by is not None))
        return out


class MutationRun:
    """A tree with its tests screened once, ready to judge mutants of its rules."""

    def __init__(self, tree: RuleTree) -> None:
        self.tree = tree
        self.screener = Screener.from_tree(tree, cache_size=4096)
        self.cases: list[_Case] = []
        self.failing: list[str] = []
        self._named: dict[str, list[int]] | None = None  # rule id -> cases naming it
        for test in tree.ruleset.tests:
            case = self._case(test)
            if case is None:
                self.failing.append(test.name)
            else:
                self.cases.append(case)
        # country -> (rule id, window) of every rule that targets it (fail-closed goods review)
        self.windows: dict[str, list[tuple[str, Window]]] = {}
        for rule in tree.ruleset.rules:
            for country in target_countries(rule.when):
                self.windows.setdefault(country, []).append((rule.id, _window(rule)))

    def _case(self, test: RuleTest) -> _Case | None:
        raw = test_transaction(test)
        if raw is None:
            return None
        try:
            tx = parse_transaction(raw)
        except TransactionError:
            return None
        lines = self.screener.classify(tx)
        decision = self.screener.replay(tx, lines, designated=test.designated)
        if expectation_failures(test, decision):
            return None
        listed = rule_test_designations(test.designated)
        facts = build_facts(tx, lines, listed)
        by_rule = {f.rule.id: f for f in decision.findings if isinstance(f, Finding)}
        risky = any(c.unclassified or c.conflict for c in lines) or (
            not tx.goods and tx.type == "goods"
        )
        return _Case(test, tx, lines, facts, decision.findings, by_rule,
                     countries_touched(facts), risky, decision)  # fmt: skip

    def judge(self, mutant: Mutant) -> Result:
        """Run the tests against the mutant until one fails."""
        rule = mutant.mutated
        regime = self.tree.regimes.get(rule.regime)
        evaluator = RuleEvaluator(rule, regime.mandate if regime else None)
        moved = _targets(mutant.rule) != _targets(rule)
        for case in self._ordered(mutant.rule.id):
            finding = evaluator.evaluate(case.facts)
            before = case.by_rule.get(rule.id)
            goods_again = moved and case.risky
            if finding is None and before is None and not goods_again:
                continue  # neither version fires: the decision is the real one
            if _fails(case, self._findings(case, rule, finding, goods_again)):
                return Result(mutant, case.test.name)
        return Result(mutant, None)

    def _ordered(self, rule_id: str) -> list[_Case]:
        """The cases whose test names the rule first (the likeliest to kill its mutants)."""
        if self._named is None:
            self._named = {}
            for i, c in enumerate(self.cases):
                for rid in {*c.test.rules, *c.test.not_rules}:
                    self._named.setdefault(rid, []).append(i)
        first = self._named.get(rule_id, [])
        chosen = set(first)
        return [self.cases[i] for i in first] + [
            c for i, c in enumerate(self.cases) if i not in chosen
        ]

    def _findings(
        self, case: _Case, rule: Rule, finding: Finding | None, goods_again: bool
    ) -> list[Finding | SystemFinding]:
        out: list[Finding | SystemFinding] = [
            f for f in case.findings if not (isinstance(f, Finding) and f.rule.id == rule.id)
        ]
        if finding is not None:
            out.append(finding)
        if _limited(case.facts):
            # the review of a listing no rule of its regime meets depends on the rules' findings
            out = [
                f for f in out if not (isinstance(f, SystemFinding) and f.rule == OTHER_MEASURES[0])
            ]
            listed = {i: p.designated for i, p in enumerate(case.facts.parties) if p.designated}
            out += other_measures(out, listed, case.facts.vessel, case.tx.date)
        if goods_again:
            out = [f for f in out if not (isinstance(f, SystemFinding) and f.rule in GOODS_KINDS)]
            touched = self._sanctioned(case, rule)
            out += self.screener.goods_review(case.tx, case.lines, touched)
        return out

    def _sanctioned(self, case: _Case, rule: Rule) -> set[str]:
        day, mine = case.tx.date, _window(rule)
        mine_targets = target_countries(rule.when)
        out = set()
        for country in case.touched:
            windows = [w for rid, w in self.windows.get(country, ()) if rid != rule.id]
            if country in mine_targets:
                windows.append(mine)
            if any(start <= day and (until is None or day <= until) for start, until in windows):
                out.add(country)
        return out

    def run(self, rules: Iterable[Rule]) -> MutationReport:
        start = time.perf_counter()
        results = tuple(self.judge(m) for rule in rules for m in mutants(rule, self.tree.taxonomy))
        return MutationReport(
            results, len(self.cases), tuple(self.failing), time.perf_counter() - start
        )


def _window(rule: Rule) -> Window:
    w = rule.in_force
    return (w.start, w.until if w.after_until == "lapsed" else None)


def _targets(rule: Rule) -> tuple[frozenset[str], Window]:
    return frozenset(target_countries(rule.when)), _window(rule)


class _Decided:
    """Just what a test's expectations read of a decision."""

    __slots__ = ("outcome", "rule_ids")

    def __init__(self, findings: list[Finding | SystemFinding]) -> None:
        self.outcome = max((f.outcome for f in findings), key=SEVERITY.__getitem__, default="clear")
        self.rule_ids = {
            f.rule.id if isinstance(f, Finding) else f.rule
            for f in findings
            if f.outcome != "clear"
        }


def _limited(facts: Facts) -> bool:
    """Whether a party or the vessel is listed for some of its regime's measures only."""
    listings = [x for p in facts.parties for x in p.designated.values()]
    return any(x.measures for x in (*listings, *facts.vessel.values()))


def _fails(case: _Case, findings: list[Finding | SystemFinding]) -> bool:
    return bool(expectation_failures(case.test, _Decided(findings)))  # type: ignore[arg-type]


def rules_under(tree: RuleTree, paths: list[Path]) -> list[Rule]:
    """The tree's rules written in files under the given paths."""
    roots = [p.resolve() for p in paths]
    out = []
    for rule in tree.ruleset.rules:
        file = Path(rule.location.file).resolve()
        if any(file == r or r in file.parents for r in roots):
            out.append(rule)
    return out
