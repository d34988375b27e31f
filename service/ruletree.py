"""A rule tree loaded once: regimes, goods taxonomy, rules with their tests, and measures.

Every caller (the screener, ``sanctions rules lint|test|coverage``, the pytest plugin, the API's
catalogue) reads a tree through here, so "load the taxonomy, then the rules with its categories,
HS codes and version" is written once. A tree is a folder holding ``regimes.yaml``,
``goods/taxonomy.yaml``, ``goods/hs2022.csv`` and regime folders with rule files, tests and
``measures.yaml``. The package carries a default tree (the project's ``rules/``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from service.engine.codes import R220, R221
from service.engine.errors import RuleSetError
from service.engine.loader import REGIMES_FILE, RuleSet, collect, find_regimes
from service.engine.model import Regime
from service.goods.taxonomy import Taxonomy, load_taxonomy
from service.yamlsource import Collector, Location, Problem, code, load_file, problem

BUNDLED_RULES = Path(__file__).resolve().parent / "bundled_rules"
MEASURES_FILE = "measures.yaml"  # per regime: the reference's measure rows (see coverage)
MEASURE_KEYS = ("id", "title", "not_encoded", "note")

M601 = code("M601", "measures.yaml: no `measures` list")
M602 = code("M602", "measures.yaml: a measure without an id, or with an unknown key")


@dataclass(frozen=True, slots=True)
class Measure:
    """One row of the legal reference that a regime folder's measures.yaml lists."""

    id: str
    title: str
    regime_folder: str
    not_encoded: str | None
    location: Location


@dataclass(frozen=True)
class RuleTree:
    """Everything a rule folder defines, parsed once."""

    root: Path
    taxonomy: Taxonomy
    ruleset: RuleSet
    measures: tuple[Measure, ...] = ()
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def regimes(self) -> dict[str, Regime]:
        return self.ruleset.regimes

    @property
    def version(self) -> str:
        return self.ruleset.version

    def list_regimes(self) -> dict[str, str]:
        """A list's programme label (UN_LIST_TYPE) -> regime code, from ``list_types``."""
        return {t: r.code for r in self.regimes.values() for t in r.list_types}


def default_rules() -> Path:
    """The rule tree shipped inside the package (the repository's ``rules/``)."""
    return BUNDLED_RULES.resolve()


def tree_root(paths: list[Path]) -> Path | None:
    """The folder holding regimes.yaml (and goods/) for the given rule files or folders."""
    found = find_regimes(paths)
    return found.parent if found else None


def collect_tree(
    paths: list[Path], problems: Collector, *, with_tests: bool = True
) -> RuleTree | None:
    """Parse the tree around ``paths`` (lint mode): every problem is recorded, what could be
    parsed is returned; rules are read only under ``paths`` (the whole tree for its root)."""
    root = tree_root(paths)
    if root is None:
        where = Location(str(paths[0]), 1, 1)
        problems.error(R220, "no regimes.yaml found in or above the given path", where)
        return None
    goods = root / "goods"
    taxonomy = load_taxonomy(goods / "taxonomy.yaml", goods / "hs2022.csv", problems)
    ruleset = collect(
        paths,
        frozenset(taxonomy.categories),
        taxonomy.hs_codes,
        problems,
        taxonomy.version,
        with_tests=with_tests,
    )
    measures = tuple(m for m in load_measures(root, problems) if _under(m, paths))
    return RuleTree(root, taxonomy, ruleset, measures)


def load_tree(root: Path | None = None, *, with_tests: bool = False) -> RuleTree:
    """Load a whole tree strictly (default: the bundled one). Any error raises
    :class:`RuleSetError` with every problem (taxonomy included): never a partial load.
    Rule tests are read only when asked for (``sanctions rules test``, the pytest plugin)."""
    root = root or default_rules()
    problems = Collector()
    try:
        tree = collect_tree([root], problems, with_tests=with_tests)
    except OSError as exc:
        raise RuleSetError([problem(R220, str(exc), Location(str(root), 1, 1))]) from exc
    if problems.has_errors or tree is None:
        raise RuleSetError(problems.problems)
    if not tree.ruleset.rules:
        raise RuleSetError([problem(R221, "the rule set has no rules", Location(str(root), 1, 1))])
    warnings = tuple(p for p in problems.problems if p.severity != "error")
    return RuleTree(tree.root, tree.taxonomy, tree.ruleset, tree.measures, warnings)


def load_measures(root: Path, problems: Collector) -> list[Measure]:
    """Every measure row listed in the regime folders under root."""
    out: list[Measure] = []
    for path in sorted(root.rglob(MEASURES_FILE)):
        node = load_file(path, problems)
        items = node.get("measures") if node else None
        if items is None or not isinstance(items.value, list):
            problems.error(M601, "measures.yaml needs a 'measures' list", Location(str(path), 1, 1))
            continue
        for item in items.value:
            d = item.value if isinstance(item.value, dict) else {}
            unknown = [k for k in d if k not in MEASURE_KEYS]
            if not d.get("id") or unknown:
                problems.error(
                    M602, f"a measure needs an id and only {', '.join(MEASURE_KEYS)}", item.loc
                )
                continue
            reason = d.get("not_encoded")
            title = str(d["title"].value) if "title" in d else ""
            out.append(Measure(str(d["id"].value), title, path.parent.name,
                               str(reason.value) if reason else None, item.loc))  # fmt: skip
    return out


def _under(measure: Measure, paths: list[Path]) -> bool:
    """True when the measures.yaml listing the measure lies within one of the paths."""
    folder = Path(measure.location.file).resolve().parent
    return any(p.resolve() == folder or p.resolve() in folder.parents for p in paths)


__all__ = [
    "MEASURES_FILE",
    "REGIMES_FILE",
    "Measure",
    "RuleTree",
    "collect_tree",
    "default_rules",
    "load_measures",
    "load_tree",
    "tree_root",
]
