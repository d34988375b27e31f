"""Find and load a rule tree for the CLI and the tests: the taxonomy, the rules, a screener."""

from __future__ import annotations

from pathlib import Path

from service.engine.errors import Collector, Location
from service.engine.loader import RuleSet, collect, find_regimes
from service.goods.taxonomy import Taxonomy, load_taxonomy
from service.screening import Screener


def rules_root(paths: list[Path]) -> Path | None:
    """The folder holding regimes.yaml (and goods/) for the given rule files or folders."""
    found = find_regimes(paths)
    return found.parent if found else None


def lint(paths: list[Path]) -> tuple[RuleSet | None, Taxonomy | None, Collector]:
    """Parse everything under the paths and return what was found with every problem."""
    problems = Collector()
    root = rules_root(paths)
    if root is None:
        problems.error(
            "R220",
            "no regimes.yaml found in or above the given path",
            Location(str(paths[0]), 1, 1),
        )
        return None, None, problems
    taxonomy = load_taxonomy(
        root / "goods" / "taxonomy.yaml", root / "goods" / "hs2022.csv", problems
    )
    ruleset = collect(paths, frozenset(taxonomy.categories), taxonomy.hs_codes, problems)
    return ruleset, taxonomy, problems


def screener_for(ruleset: RuleSet, taxonomy: Taxonomy) -> Screener:
    """A screener over exactly these rules, without list screening (rule tests are offline)."""
    return Screener(ruleset, taxonomy)
