"""Coverage of the legal reference: which rules encode each measure row, or why none does.

Each regime folder's ``measures.yaml`` lists the rows of the reference (``KP-ARMS-1`` …) with an
optional ``not_encoded`` reason; rules name the rows they encode in ``measures:``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from service.engine.errors import Collector, Location, Problem
from service.engine.loader import MEASURES_FILE, RuleSet
from service.engine.source import load_file

MEASURE_KEYS = ("id", "title", "not_encoded", "note")


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    title: str
    regime_folder: str
    not_encoded: str | None
    location: Location


def load_measures(root: Path, problems: Collector) -> list[Measure]:
    """Every measure row listed in the regime folders under root."""
    out: list[Measure] = []
    for path in sorted(root.rglob(MEASURES_FILE)):
        node = load_file(path, problems)
        items = node.get("measures") if node else None
        if items is None or not isinstance(items.value, list):
            problems.error(
                "M601", "measures.yaml needs a 'measures' list", Location(str(path), 1, 1)
            )
            continue
        for item in items.value:
            d = item.value if isinstance(item.value, dict) else {}
            unknown = [k for k in d if k not in MEASURE_KEYS]
            if not d.get("id") or unknown:
                problems.error(
                    "M602", f"a measure needs an id and only {', '.join(MEASURE_KEYS)}", item.loc
                )
                continue
            reason = d.get("not_encoded")
            out.append(Measure(str(d["id"].value), str(d["title"].value) if "title" in d else "",
                               path.parent.name, str(reason.value) if reason else None, item.loc))  # fmt: skip
    return out


def coverage_table(ruleset: RuleSet, measures: list[Measure]) -> list[tuple[Measure, list[str]]]:
    by_measure: dict[str, list[str]] = {}
    for rule in ruleset.rules:
        for m in rule.measures:
            by_measure.setdefault(m, []).append(rule.id)
    return [(m, by_measure.get(m.id, [])) for m in measures]


def measure_problems(ruleset: RuleSet, measures: list[Measure]) -> list[Problem]:
    """M603: a rule names an unlisted measure; M604: a listed measure has neither rule nor reason."""
    known = {m.id for m in measures}
    out = []
    for rule in ruleset.rules:
        for m in rule.measures:
            if m not in known:
                out.append(
                    Problem(
                        "M603",
                        f"rule '{rule.id}' names measure '{m}' missing from measures.yaml",
                        rule.location,
                    )
                )
    for measure, rules in coverage_table(ruleset, measures):
        if not rules and not measure.not_encoded:
            out.append(
                Problem(
                    "M604",
                    f"measure '{measure.id}' is encoded by no rule and gives no not_encoded reason",
                    measure.location,
                    "warning",
                )
            )
    return out


def expiry_warnings(ruleset: RuleSet, today: dt.date) -> list[Problem]:
    """W301 for rules past an expiry whose renewal is unverified: someone should check."""
    return [
        Problem("W301", f"rule '{r.id}' lapsed on {r.in_force.until} unless renewed; its renewal is unverified (transactions after it get review)", r.location, "warning")
        for r in ruleset.rules
        if r.in_force.after_until == "renewal_unverified" and r.in_force.until and r.in_force.until < today
    ]  # fmt: skip
