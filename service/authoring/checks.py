"""Lint checks over a parsed rule tree: small named checks, registered by their code.

pySigma's validators are the model: each check is one function that takes the tree and yields
problems; ``sanctions rules lint`` runs every registered check (``--no-coverage`` drops the
test-coverage ones). Problems found while parsing (R2xx, Y1xx, G4xx, and the tree checks
M601-M607 that a strict load applies too) come from the loader and ``service.ruletree``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from service.ruletree import RuleTree
from service.yamlsource import Code, Problem, code, problem


@dataclass(frozen=True)
class Check:
    code: Code
    run: Callable[[RuleTree, dt.date], Iterable[Problem]]
    coverage: bool = False  # a test-coverage check (dropped by --no-coverage)


CHECKS: dict[str, Check] = {}


def check(kind: Code, *, coverage: bool = False) -> Callable[..., Callable[..., Iterable[Problem]]]:
    """Register the decorated function as the check of ``kind``."""

    def register(
        fn: Callable[[RuleTree, dt.date], Iterable[Problem]],
    ) -> Callable[..., Iterable[Problem]]:
        if kind.code in CHECKS:
            raise ValueError(f"check {kind.code} is registered twice")
        CHECKS[kind.code] = Check(kind, fn, coverage)
        return fn

    return register


def run_checks(tree: RuleTree, today: dt.date, *, coverage: bool = True) -> list[Problem]:
    """Every registered check's problems, in code order."""
    out: list[Problem] = []
    for name in sorted(CHECKS):
        found = CHECKS[name]
        if coverage or not found.coverage:
            out.extend(found.run(tree, today))
    return out


C501 = code("C501", "a rule has no triggering test")
C502 = code("C502", "a rule has no must-not test")
W301 = code("W301", "a mandate has expired and no renewal is recorded in regimes.yaml", "warning")
W302 = code(
    "W302",
    "a rule's own expiry has passed and its renewal is unverified (end it with its regime's mandate)",
    "warning",
)
W303 = code(
    "W303", "a mandate chain has a gap: a renewal adopted after the previous expiry", "warning"
)
M603 = code("M603", "a rule names a measure that its regime's measures.yaml does not list")
M608 = code("M608", "a mandate in regimes.yaml names a measure that no measures.yaml lists")


@check(C501, coverage=True)
def untriggered(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    triggered = {r for t in tree.ruleset.tests for r in t.rules}
    for rule in tree.ruleset.rules:
        if rule.id not in triggered:
            yield problem(
                C501, f"rule '{rule.id}' has no test that triggers it (expect.rules)", rule.location
            )


@check(C502, coverage=True)
def never_silent(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    silent = {r for t in tree.ruleset.tests for r in t.not_rules}
    for rule in tree.ruleset.rules:
        if rule.id not in silent:
            yield problem(
                C502,
                f"rule '{rule.id}' has no test in which it must not fire (expect.not_rules)",
                rule.location,
            )


@check(W301)
def expired_mandates(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    ending: dict[str, list[str]] = {}
    for r in tree.ruleset.rules:
        if r.in_force.mandate:
            ending.setdefault(r.in_force.mandate, []).append(r.id)
    for code_, rule_ids in sorted(ending.items()):
        mandate = tree.regimes[code_].mandate
        expires = mandate.expires if mandate else None
        if mandate is None or expires is None or expires >= today:
            continue
        if mandate.after_expiry != "renewal_unverified":
            continue  # terminated: the chain ends for good
        last = mandate.last_term
        latest = (
            f"the last recorded resolution, {last.resolution}, sets no known expiry"
            if last.expires is None
            else f"last renewed by {last.resolution}"
        )
        yield problem(
            W301,
            f"the mandate of {code_} expired on {expires} ({latest}) and no renewal is recorded; "
            f"{_rules(len(rule_ids))} with it and give review after it: {', '.join(rule_ids)}",
            mandate.location,
        )


def _rules(n: int) -> str:
    return f"{n} rule ends" if n == 1 else f"{n} rules end"


@check(W302)
def lapsed_unverified(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    for r in tree.ruleset.rules:
        until = r.in_force.until
        if r.in_force.mandate or r.in_force.after_until != "renewal_unverified":
            continue
        if until and until < today:
            yield problem(
                W302,
                f"rule '{r.id}' lapsed on {until} unless renewed; its renewal is unverified "
                "(transactions after it get review); end it with its regime's mandate "
                "(`until: mandate`)",
                r.location,
            )


@check(W303)
def mandate_gaps(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    used = {r.in_force.mandate for r in tree.ruleset.rules if r.in_force.mandate}
    for code_ in sorted(used):
        mandate = tree.regimes[code_].mandate
        terms = mandate.terms if mandate else ()
        for before, after in zip(terms, terms[1:]):
            if before.expires and after.adopted > before.expires + dt.timedelta(days=1):
                yield problem(
                    W303,
                    f"the mandate of {code_} has a gap: {before.resolution} kept the measures "
                    f"until {before.expires}, {after.resolution} was adopted on {after.adopted} "
                    "(the rules treat the chain as continuous; check the dates)",
                    after.location,
                )


@check(M603)
def unlisted_measures(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    known = {m.id for m in tree.measures}
    if not tree.measures:
        return  # a rule file linted on its own, without its regime's measures.yaml
    for rule in tree.ruleset.rules:
        for m in rule.measures:
            if m not in known:
                yield problem(
                    M603,
                    f"rule '{rule.id}' names measure '{m}' missing from measures.yaml",
                    rule.location,
                )


@check(M608)
def unlisted_mandate_measures(tree: RuleTree, today: dt.date) -> Iterator[Problem]:
    known = {m.id for m in tree.measures}
    linted = {r.regime for r in tree.ruleset.rules}
    if not tree.measures:
        return
    for code_, regime in sorted(tree.regimes.items()):
        if regime.mandate is None or code_ not in linted:
            continue
        for m in regime.mandate.measures:
            if m not in known:
                yield problem(
                    M608,
                    f"the mandate of {code_} names measure '{m}' missing from measures.yaml",
                    regime.mandate.location,
                )
