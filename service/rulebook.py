"""Find and check a rule tree for the CLI and the tests: taxonomy, rules, coverage, measures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from service.coverage import Measure, expiry_warnings, load_measures, measure_problems
from service.engine.errors import Collector, Location, Problem
from service.engine.loader import RuleSet, collect, find_regimes
from service.goods.taxonomy import Taxonomy, load_tree_taxonomy
from service.ruletests import coverage_problems


def rules_root(paths: list[Path]) -> Path | None:
    """The folder holding regimes.yaml (and goods/) for the given rule files or folders."""
    found = find_regimes(paths)
    return found.parent if found else None


def lint(paths: list[Path]) -> tuple[RuleSet | None, Taxonomy | None, Collector]:
    """Parse everything under the paths and return what was found with every problem."""
    problems = Collector()
    root = rules_root(paths)
    if root is None:
        where = Location(str(paths[0]), 1, 1)
        problems.error("R220", "no regimes.yaml found in or above the given path", where)
        return None, None, problems
    taxonomy = load_tree_taxonomy(root, problems)
    ruleset = collect(
        paths, frozenset(taxonomy.categories), taxonomy.hs_codes, problems, taxonomy.version
    )
    return ruleset, taxonomy, problems


def lint_all(
    paths: list[Path], *, coverage: bool = True, today: dt.date | None = None
) -> tuple[RuleSet | None, list[Problem]]:
    """Every problem ``sanctions rules lint`` reports: parsing, then (on a clean parse) test
    coverage, expiries past with an unverified renewal, and the measures of the legal reference."""
    ruleset, _, collector = lint(paths)
    problems = list(collector.problems)
    root = rules_root(paths)
    if ruleset is None or root is None or collector.has_errors:
        return ruleset, problems
    if coverage:
        problems += coverage_problems(ruleset)
    problems += expiry_warnings(ruleset, today or dt.date.today())
    measure_collector = Collector()
    measures = [m for m in load_measures(root, measure_collector) if _under(m, paths)]
    return ruleset, problems + measure_collector.problems + measure_problems(ruleset, measures)


def _under(measure: Measure, paths: list[Path]) -> bool:
    """True when the measures.yaml listing the measure lies within one of the linted paths."""
    folder = Path(measure.location.file).resolve().parent
    return any(p.resolve() == folder or p.resolve() in folder.parents for p in paths)
