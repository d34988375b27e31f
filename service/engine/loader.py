"""Load a rule tree: regimes, rule files and the tests beside them, all or nothing.

``collect`` records every problem and returns what could be parsed; ``service.ruletree`` loads
a whole tree strictly on top of it, so the service never runs on a partial rule set.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from service.engine import mandates
from service.engine.codes import R205, R220, T401
from service.engine.entry_measures import load_entry_measures
from service.engine.model import Regime, Rule, RuleTest
from service.engine.parse import Parser, Vocabulary
from service.yamlsource import Collector, Location, Node, load_file

REGIMES_FILE = "regimes.yaml"
MEASURES_FILE = "measures.yaml"  # per regime folder; read by service.ruletree, not a rule file
SKIP_DIRS = ("goods", "schema")
TESTS_SUFFIX = ".tests.yaml"  # files of rule tests, beside the rules
FILE_KEYS = {"rules": False, "tests": False}
REGIME_KEYS = {
    "code": True, "name": True, "committee": True, "targets": False, "list_types": False,
    "folder": False, "files": False,  # the manifest, checked by service.ruletree
}  # fmt: skip


@dataclass(frozen=True)
class RuleSet:
    """Every rule and rule test of a tree, with the hash that versions them."""

    rules: tuple[Rule, ...]
    tests: tuple[RuleTest, ...]
    regimes: dict[str, Regime]
    version: str
    root: str

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def rule_files(paths: list[Path]) -> list[Path]:
    """The YAML rule files under the given files or folders, in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_file():
            out.append(path)
            continue
        for f in sorted(path.rglob("*.yaml")):
            rel = f.relative_to(path).parts
            if rel[0] in SKIP_DIRS or f.name in (REGIMES_FILE, MEASURES_FILE):
                continue
            out.append(f)
    return out


def find_regimes(paths: list[Path]) -> Path | None:
    """regimes.yaml in the first given folder or any of its parents."""
    for path in paths:
        start = path.resolve() if path.is_dir() else path.resolve().parent
        for folder in (start, *start.parents):
            if (folder / REGIMES_FILE).is_file():
                return _relative(folder / REGIMES_FILE)
    return None


def _relative(path: Path) -> Path:
    """The path relative to the working directory when it lies below it (for messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def load_regimes(path: Path, problems: Collector, digest: Any = None) -> dict[str, Regime]:
    parser = Parser(Vocabulary(frozenset(), frozenset(), frozenset()), problems)
    root = load_file(path, problems, digest)
    out: dict[str, Regime] = {}
    for node in parser.listed(root.get("regimes") if root else None, "regimes"):
        d = parser.mapping(node, REGIME_KEYS, "a regime")
        if not d or "code" not in d:
            continue
        targets = parser.countries(d["targets"], "targets") if "targets" in d else frozenset()
        lists = (
            [v for v, _ in parser.strings(d["list_types"], "list_types")]
            if "list_types" in d
            else []
        )
        code = str(d["code"].value)
        out[code] = Regime(
            code,
            str(d["name"].value),
            str(d["committee"].value),
            tuple(sorted(targets or ())),
            tuple(lists),
        )
    found = mandates.load_mandates(root.get("mandates") if root else None, parser, out)
    entries = load_entry_measures(root.get("entry_measures") if root else None, parser, out)
    return {
        code: replace(r, mandate=found.get(code), entries=entries.get(code, ()))
        for code, r in out.items()
    }


def collect(
    paths: list[Path],
    categories: frozenset[str],
    hs_codes: frozenset[str],
    problems: Collector,
    taxonomy_version: str = "",
    *,
    with_tests: bool = True,
) -> RuleSet:
    """Parse every file, recording problems; returns what could be parsed.

    The rule set's version hashes the taxonomy's version, regimes.yaml and every rule file but
    the test files (``*.tests.yaml``), which change no decision; ``with_tests=False`` skips
    reading them (screening needs the rules only).
    """
    digest = hashlib.sha256(taxonomy_version.encode())
    regimes_path = find_regimes(paths)
    regimes: dict[str, Regime] = {}
    if regimes_path is None:
        problems.error(
            R220,
            f"no {REGIMES_FILE} found in or above the rule folder",
            Location(str(paths[0]), 1, 1),
        )
    else:
        regimes = load_regimes(regimes_path, problems, digest)
    parser = Parser(Vocabulary(categories, hs_codes, frozenset(regimes)), problems)
    parser.regimes = regimes
    rules: list[Rule] = []
    tests: list[RuleTest] = []
    for f in rule_files(paths):
        is_tests = f.name.endswith(TESTS_SUFFIX)
        if is_tests and not with_tests:
            continue
        root = load_file(f, problems, None if is_tests else digest)
        if root is None:
            continue
        _file(root, parser, rules, tests)
    _check_unique(rules, problems)
    _check_tests(rules, tests, problems, parser.broken)
    root_dir = str(paths[0])
    return RuleSet(tuple(rules), tuple(tests), regimes, "sha256:" + digest.hexdigest(), root_dir)


def _file(root: Node, parser: Parser, rules: list[Rule], tests: list[RuleTest]) -> None:
    d = parser.mapping(root, FILE_KEYS, "a rule file")
    if d is None:
        return
    for node in parser.listed(d.get("rules"), "rules"):
        rule = parser.rule(node)
        if rule is None:
            continue
        resolved = mandates.resolve(rule, parser.regimes, parser.p)
        if resolved is None:
            parser.broken.add(rule.id)
        else:
            rules.append(resolved)
    for node in parser.listed(d.get("tests"), "tests"):
        test = parser.test(node)
        if test is not None:
            tests.append(test)


def _check_unique(rules: list[Rule], problems: Collector) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id].location
            problems.error(
                R205, f"duplicate rule id '{rule.id}' (first defined at {first})", rule.location
            )
        else:
            seen[rule.id] = rule


def _check_tests(
    rules: list[Rule], tests: list[RuleTest], problems: Collector, broken: set[str]
) -> None:
    ids = {r.id for r in rules} | broken
    for test in tests:
        for rid in (*test.rules, *test.not_rules):
            if rid not in ids:
                problems.error(
                    T401, f"test '{test.name}' names unknown rule '{rid}'", test.location
                )
