"""A rule tree loaded once: regimes, goods taxonomy, rules with their tests, and measures.

Every caller (the screener, ``sanctions rules lint|test|coverage``, the pytest plugin, the API's
catalogue) reads a tree through here, so "load the taxonomy, then the rules with its categories,
HS codes and version" is written once. A tree is a folder holding ``regimes.yaml``,
``goods/taxonomy.yaml``, ``goods/hs2022.csv`` and regime folders with rule files, tests and
``measures.yaml``. The package carries a default tree (the project's ``rules/``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from service.engine.codes import R209, R220, R221
from service.engine.errors import RuleSetError
from service.engine.loader import REGIMES_FILE, RuleSet, collect, find_regimes, rule_files
from service.engine.model import EntryMeasures, Regime
from service.engine.parse import Parser, Vocabulary
from service.goods.taxonomy import Taxonomy, load_taxonomy
from service.yamlsource import Collector, Location, Node, Problem, code, load_file, problem

BUNDLED_RULES = Path(__file__).resolve().parent / "bundled_rules"
MEASURES_FILE = "measures.yaml"  # per regime: the reference's measure rows (see coverage)
MEASURE_KEYS = ("id", "title", "not_encoded", "note")

M601 = code("M601", "measures.yaml: no `measures` list")
M602 = code("M602", "measures.yaml: a measure without an id, or with an unknown key")
M604 = code("M604", "a listed measure has no rule and no `not_encoded` reason")
M605 = code("M605", "a regime's declared folder or file (regimes.yaml `folder`/`files`) is missing")
M606 = code("M606", "a rule or test file that no regime declares in regimes.yaml `files`")
M607 = code("M607", "regimes.yaml manifest: `folder`/`files` malformed, or a regime without them")
R222 = code("R222", "the rule set's version is not the one pinned by SANCTIONS_RULES_VERSION")
L701 = code("L701", "regimes.yaml `lists`: a malformed list source, a UN list (mapped by list_types) "
            "or a source in two groups")  # fmt: skip
LIST_GROUP_KEYS = {"sources": True, "programmes": True, "note": False}
UN_SOURCES = ("un", "un-vessels")  # their programmes are UN_LIST_TYPE values or regime codes
_SOURCE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


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
    # list source -> programme label -> regime code, from regimes.yaml `lists` (non-UN lists)
    programmes: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)

    @property
    def regimes(self) -> dict[str, Regime]:
        return self.ruleset.regimes

    @property
    def version(self) -> str:
        return self.ruleset.version

    def list_regimes(self, source: str = "un") -> dict[str, str]:
        """A list's programme label -> regime code: for the UN list its UN_LIST_TYPE values
        (``list_types``), for un-vessels those and the regime codes it writes, for any other
        source the programmes regimes.yaml ``lists`` maps (none: its entries get no regime)."""
        if source not in UN_SOURCES:
            return dict(self.programmes.get(source, {}))
        out = {t: r.code for r in self.regimes.values() for t in r.list_types}
        if source == "un-vessels":
            out.update({code: code for code in self.regimes})
        return out

    def entry_measures(self) -> dict[tuple[str, str], EntryMeasures]:
        """(list, reference) -> the measures an entry is listed for, when only some of its
        regime's (``entry_measures:`` in regimes.yaml)."""
        return {(e.list, e.reference): e for r in self.regimes.values() for e in r.entries}


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
    check_manifest(root, paths, problems)
    programmes = load_programmes(root, set(ruleset.regimes), problems)
    tree = RuleTree(root, taxonomy, ruleset, measures, programmes=programmes)
    if not problems.has_errors:
        problems.extend(unencoded_measures(tree))
    return tree


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
    return RuleTree(tree.root, tree.taxonomy, tree.ruleset, tree.measures, warnings,
                    tree.programmes)  # fmt: skip


def check_pin(tree: RuleTree, pinned: str | None) -> None:
    """Refuse a tree whose version is not the pinned one (``SANCTIONS_RULES_VERSION``), so a
    deployment runs exactly the rule set it was approved with."""
    if pinned and pinned.removeprefix("sha256:") != tree.version.removeprefix("sha256:"):
        where = Location(str(tree.root / REGIMES_FILE), 1, 1)
        message = f"the rule set is {tree.version}, but SANCTIONS_RULES_VERSION pins {pinned}"
        raise RuleSetError([problem(R222, message, where)])


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


def load_programmes(
    root: Path, regimes: Collection[str], problems: Collector
) -> dict[str, dict[str, str]]:
    """regimes.yaml ``lists``: per list source, its programme labels -> UN regime code.

    A programme mapped to null was checked and left unmapped on purpose (autonomous national
    measures); it is dropped here, like a programme the file does not name. regimes.yaml's own
    YAML problems are reported by the loader already, so they are not reported twice.
    """
    node = load_file(root / REGIMES_FILE, Collector())
    groups = node.get("lists") if node else None
    parser = Parser(Vocabulary(frozenset(), frozenset(), frozenset()), problems)
    out: dict[str, dict[str, str]] = {}
    for group in parser.listed(groups, "lists"):
        d = parser.mapping(group, LIST_GROUP_KEYS, "a group of `lists`")
        if not d or "sources" not in d or "programmes" not in d:
            continue
        mapped = _programme_map(d["programmes"], regimes, parser, problems)
        for source, where in parser.strings(d["sources"], "sources"):
            if not _SOURCE.match(source) or source in UN_SOURCES:
                why = ("maps through list_types" if source in UN_SOURCES
                       else "is not a list source name (lower-case letters, digits, -)")  # fmt: skip
                problems.error(L701, f"list source '{source}' {why}", where.loc)
            elif source in out:
                problems.error(L701, f"list source '{source}' is in two groups of `lists`",
                               where.loc)  # fmt: skip
            else:
                out[source] = mapped
    return out


def _programme_map(
    node: Node, regimes: Collection[str], parser: Parser, problems: Collector
) -> dict[str, str]:
    """One group's ``programmes`` mapping (label -> regime code or null)."""
    if not isinstance(node.value, dict):
        parser.mapping(node, {}, "`programmes`")  # reports the wrong type
        return {}
    out = {}
    for label, value in node.value.items():
        if value.value is None:
            continue
        if not isinstance(value.value, str):
            parser.text(value, f"the regime of programme '{label}'")  # reports the wrong type
        elif value.value not in regimes:
            problems.error(R209, f"programme '{label}' maps to unknown regime '{value.value}'; "
                           f"known: {', '.join(sorted(regimes))}", value.loc)  # fmt: skip
        else:
            out[label] = value.value
    return out


def unencoded_measures(tree: RuleTree) -> list[Problem]:
    """A measure marked as encoded (no ``not_encoded`` reason) that no rule names: its rules are
    gone, so the tree would answer ``clear`` where the measure applies (fail closed)."""
    encoded = {m for rule in tree.ruleset.rules for m in rule.measures}
    return [
        problem(
            M604,
            f"measure '{m.id}' is encoded by no rule and gives no not_encoded reason",
            m.location,
        )  # fmt: skip
        for m in tree.measures
        if m.id not in encoded and not m.not_encoded
    ]


def check_manifest(root: Path, paths: list[Path], problems: Collector) -> None:
    """Compare the rule files on disk with what regimes.yaml declares (``folder``, ``files``).

    A tree whose regimes declare no folder at all has no manifest (a small tree written for a
    test); once one regime declares its folder, every regime must, every declared file must
    exist and every rule or test file under the tree must be declared. Only folders within
    ``paths`` are compared (lint of one regime folder).
    """
    quiet = Collector()  # regimes.yaml's own problems are reported by the loader already
    node = load_file(root / REGIMES_FILE, quiet)
    regimes = node.get("regimes") if node else None
    items = regimes.value if regimes is not None and isinstance(regimes.value, list) else []
    entries = [i for i in items if isinstance(i.value, dict)]
    if not any("folder" in i.value for i in entries):
        return
    declared: set[Path] = set()
    for item in entries:
        declared |= _declared(root, item, paths, problems)
    for f in rule_files([p for p in paths if p.exists()]):
        if f.resolve() not in declared and _in_regime_folder(root, f):
            problems.error(
                M606,
                f"{f.name} is not declared by any regime in {REGIMES_FILE} (add it to the "
                "`files` of its regime)",
                Location(str(f), 1, 1),
            )


def _declared(root: Path, item: Node, paths: list[Path], problems: Collector) -> set[Path]:
    """The files one regime entry declares (resolved); reports missing ones."""
    d = item.value
    code_ = d["code"].value if "code" in d else "?"
    folder_node, files_node = d.get("folder"), d.get("files")
    if folder_node is None or not isinstance(folder_node.value, str) or files_node is None:
        problems.error(M607, f"regime {code_} needs `folder` (a path) and `files` (a list)",
                       item.loc)  # fmt: skip
        return set()
    if not isinstance(files_node.value, list):
        problems.error(M607, f"regime {code_}: `files` must be a list of file names",
                       files_node.loc)  # fmt: skip
        return set()
    folder = (root / folder_node.value).resolve()
    if not any(p.resolve() == folder or p.resolve() in folder.parents for p in paths):
        return {(folder / str(f.value)).resolve() for f in files_node.value}
    if not folder.is_dir():
        problems.error(M605, f"regime {code_}: folder {folder_node.value} does not exist",
                       folder_node.loc)  # fmt: skip
        return set()
    if not (folder / MEASURES_FILE).is_file():
        problems.error(M605, f"regime {code_}: {folder_node.value}/{MEASURES_FILE} is missing",
                       folder_node.loc)  # fmt: skip
    out = set()
    for f in files_node.value:
        path = (folder / str(f.value)).resolve()
        out.add(path)
        if not path.is_file():
            problems.error(M605, f"regime {code_}: declared file {folder_node.value}/{f.value} "
                           "is missing", f.loc)  # fmt: skip
    return out


def _in_regime_folder(root: Path, f: Path) -> bool:
    """True for rule files below the tree root (regime folders), not beside regimes.yaml."""
    return f.resolve().parent != root.resolve()


def _under(measure: Measure, paths: list[Path]) -> bool:
    """True when the measures.yaml listing the measure lies within one of the paths."""
    folder = Path(measure.location.file).resolve().parent
    return any(p.resolve() == folder or p.resolve() in folder.parents for p in paths)


__all__ = [
    "MEASURES_FILE",
    "REGIMES_FILE",
    "Measure",
    "RuleTree",
    "check_pin",
    "collect_tree",
    "default_rules",
    "load_measures",
    "load_programmes",
    "load_tree",
    "tree_root",
]
