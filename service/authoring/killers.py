"""Suggest a rule test that kills a surviving mutant (``sanctions rules mutate --suggest``).

Starting from the tests that name the mutated rule, small edits of their transaction are
tried: the rule's boundary dates, another destination or origin, a party removed or of another
category, a designation removed, a goods line of a neighbouring category, another transaction
type, an exemption's purpose or authorization. The first edit on which the real rule and the
mutant decide differently becomes a test expecting what the real rules decide there. The
suggestion pins current behaviour: read it against the resolution before committing it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

from service.authoring.mutants import Mutant
from service.authoring.mutation import MutationRun, _Decided
from service.authoring.ruletests import test_transaction
from service.engine.evaluate import Finding, RuleEvaluator
from service.engine.facts import rule_test_designations
from service.engine.model import RuleTest
from service.screening import TransactionError, parse_transaction
from service.screening.facts import build_facts
from service.vocabulary import CONDITION_TYPES, PARTY_CATEGORIES, PURPOSES, TRANSACTION_TYPES

DAY = dt.timedelta(days=1)
ELSEWHERE = "CH"  # a country no UN measure targets


def suggest(run: MutationRun, mutant: Mutant, limit: int = 400) -> dict[str, Any] | None:
    """A test (as YAML-ready data) that the real tree passes and the mutant fails, or None."""
    rule = mutant.mutated
    regime = run.tree.regimes.get(rule.regime)
    evaluator = RuleEvaluator(rule, regime.mandate if regime else None)
    rid = rule.id
    bases = [t for t in run.tree.ruleset.tests if rid in t.rules] + [
        t for t in run.tree.ruleset.tests if rid in t.not_rules
    ]
    tried = 0
    for base in bases:
        raw = test_transaction(base)
        if raw is None:
            continue
        for what, tx in _edits(raw, base, mutant, run):
            tried += 1
            if tried > limit:
                return None
            found = _decide(run, evaluator, rid, tx, base.designated)
            if found is not None:
                real, fired = found
                expect: dict[str, Any] = {"outcome": real}
                expect["rules" if fired else "not_rules"] = [rid]
                out: dict[str, Any] = {"name": f"{rid}: {what} (from '{base.name}')"}
                if base.designated:
                    out["designated"] = {str(k): list(v) for k, v in base.designated.items()}
                out["transaction"] = tx
                out["expect"] = expect
                return out
    return None


def _decide(
    run: MutationRun, evaluator: RuleEvaluator, rid: str, raw: dict[str, Any],
    designated: dict[int, tuple[str, ...]],
) -> tuple[str, bool] | None:  # fmt: skip
    """(real outcome, rule fired) when the real tree and the mutant disagree on the test."""
    try:
        tx = parse_transaction(raw)
    except TransactionError:
        return None
    lines = run.screener.classify(tx)
    real = run.screener.replay(tx, lines, designated=designated)
    facts = build_facts(tx, lines, rule_test_designations(designated))
    findings = [f for f in real.findings if not (isinstance(f, Finding) and f.rule.id == rid)]
    mine = evaluator.evaluate(facts)
    if mine is not None:
        findings.append(mine)
    mutated = _Decided(findings)
    fired = rid in real.rule_ids
    if mutated.outcome != real.outcome or (rid in mutated.rule_ids) != fired:
        return real.outcome, fired
    return None


def _edits(
    raw: dict[str, Any], base: RuleTest, mutant: Mutant, run: MutationRun
) -> Iterator[tuple[str, dict[str, Any]]]:
    window = mutant.rule.in_force
    days = [window.start - DAY, window.start]
    if window.until:
        days += [window.until, window.until + DAY]
    for day in days:
        yield f"on {day}", {**raw, "date": day.isoformat()}
    route = raw.get("route") or {}
    for key in ("destination", "origin"):
        if route.get(key):
            yield f"{key} {ELSEWHERE}", {**raw, "route": {**route, key: ELSEWHERE}}
    if route.get("transit"):
        yield "no transit", {**raw, "route": {**route, "transit": []}}
    if route.get("vessel"):
        yield "no vessel", {**raw, "route": {k: v for k, v in route.items() if k != "vessel"}}
    parties = raw.get("parties") or []
    for i, party in enumerate(parties):
        rest = parties[:i] + parties[i + 1 :]
        yield f"without party {i}", {**raw, "parties": rest}
        if party.get("country"):
            yield f"party {i} in {ELSEWHERE}", _party(raw, i, country=ELSEWHERE)
        for category in PARTY_CATEGORIES:
            if category != party.get("category"):
                yield f"party {i} a {category}", _party(raw, i, category=category)
    for kind in TRANSACTION_TYPES:
        if kind != raw.get("type", "goods"):
            yield f"a {kind} transaction", {**raw, "type": kind}
    for category, text in _exemplars(mutant, run):
        goods = [{"description": text}]
        yield f"goods: {text} ({category})", {**raw, "goods": goods}
    if raw.get("authorizations"):
        yield "without authorizations", {k: v for k, v in raw.items() if k != "authorizations"}
    for purpose in PURPOSES:
        yield f"purpose {purpose}", {**raw, "purposes": [purpose]}
    for kind in CONDITION_TYPES:
        auth = {"type": kind, "regime": mutant.rule.regime, "reference": "EXAMPLE/1",
                "covers": [mutant.rule.id, *mutant.rule.measures]}  # fmt: skip
        yield f"with a {kind}", {**raw, "authorizations": [auth]}


def _party(raw: dict[str, Any], i: int, **change: str) -> dict[str, Any]:
    out = copy.deepcopy(raw)
    out["parties"][i].update(change)
    return out


def _exemplars(mutant: Mutant, run: MutationRun) -> Iterator[tuple[str, str]]:
    """A description for categories near those the mutant changed (and food)."""
    tax = run.tree.taxonomy
    words = [w.strip(",`{}()") for w in mutant.description.replace("->", " ").split()]
    near: list[str] = []
    for word in words:
        if word in tax.categories:
            parent = tax.categories[word].parent
            near += [c.id for c in tax.categories.values() if c.parent in (word, parent)]
            near.append(word)
    seen = set()
    for category in [*near, "food", "machinery", "arms.small_arms"]:
        if category in seen or category not in tax.categories:
            continue
        seen.add(category)
        term = next((t.text for t in tax.terms if t.category == category and t.lang == "en"
                     and not t.exclude and "<" not in t.text), None)  # fmt: skip
        if term:
            yield category, term
