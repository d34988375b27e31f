"""``sanctions rules lint``: parse a tree (every problem), then run the registered checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from service.authoring.checks import run_checks
from service.ruletree import RuleTree, collect_tree
from service.yamlsource import Collector, Problem


def lint(
    paths: list[Path], *, coverage: bool = True, today: dt.date | None = None
) -> tuple[RuleTree | None, list[Problem]]:
    """Every problem ``sanctions rules lint`` reports: parsing first, then (on a clean parse)
    the registered checks: test coverage, expiries, measures."""
    collector = Collector()
    tree = collect_tree(paths, collector)
    problems = list(collector.problems)
    if tree is None or collector.has_errors:
        return tree, problems
    return tree, problems + run_checks(tree, today or dt.date.today(), coverage=coverage)
