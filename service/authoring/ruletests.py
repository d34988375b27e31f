"""Run the YAML tests that sit beside the rules (``sanctions rules test`` and the pytest plugin).

A test passes when the decision has the expected outcome, every rule in ``rules`` produced a
finding that is not clear, and no rule in ``not_rules`` did.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from service.engine.model import RuleTest
from service.screening import Decision, Screener, TransactionError, parse_transaction


@dataclass(frozen=True)
class TestResult:
    test: RuleTest
    passed: bool
    failures: tuple[str, ...]
    seconds: float
    outcome: str | None = None

    __test__ = False  # not a pytest class


def test_transaction(test: RuleTest) -> dict[str, Any] | None:
    """The test's transaction with the test's date in it (None: the test gives no date)."""
    raw = dict(test.transaction)
    if test.date is not None:
        raw["date"] = test.date.isoformat()
    elif "date" not in raw:
        return None
    else:
        raw["date"] = str(raw["date"])
    return raw


def expectation_failures(test: RuleTest, decision: Decision) -> list[str]:
    """What in the decision contradicts the test's ``expect`` (empty: the test passes)."""
    failures = []
    fired_ids = decision.rule_ids
    if test.outcome is not None and decision.outcome != test.outcome:
        fired = ", ".join(sorted(fired_ids)) or "none"
        failures.append(f"expected outcome {test.outcome}, got {decision.outcome} (rules: {fired})")
    failures += [f"expected rule {r} to fire; it did not" for r in test.rules if r not in fired_ids]
    failures += [f"expected rule {r} not to fire; it did" for r in test.not_rules if r in fired_ids]
    return failures


def run_test(screener: Screener, test: RuleTest) -> TestResult:
    """Screen a test's transaction and compare the decision with what the test expects."""
    start = time.perf_counter()
    raw = test_transaction(test)
    if raw is None:
        return TestResult(
            test, False, ("the test needs a date (in the test or its transaction)",), 0.0
        )
    try:
        tx = parse_transaction(raw)
    except TransactionError as exc:
        problems = tuple(f"transaction.{p}: {m}" if p else m for p, m in exc.errors.items())
        return TestResult(test, False, problems, time.perf_counter() - start)
    decision = screener.screen(tx, designated=test.designated)
    failures = expectation_failures(test, decision)
    return TestResult(
        test, not failures, tuple(failures), time.perf_counter() - start, decision.outcome
    )


def run_tests(screener: Screener, tests: tuple[RuleTest, ...] | list[RuleTest]) -> list[TestResult]:
    return [run_test(screener, t) for t in tests]
