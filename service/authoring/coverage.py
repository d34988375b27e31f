"""Coverage of the legal reference: which rules encode each measure row, or why none does.

Each regime folder's ``measures.yaml`` lists the rows of the reference (``KP-ARMS-1`` …) with an
optional ``not_encoded`` reason; rules name the rows they encode in ``measures:``. A measure is
*encoded* when a rule names it, and *unverified* when it is encoded but a rule encoding it cites
a paragraph still marked ``verified: false``. Tables group the measures per regime folder and
per resolution: a resolution counts the measures of the rules citing it, and an unencoded
measure counts under the resolutions its title names ("1718 (2006)", "1718 op. 8").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from service.engine.model import Rule
from service.ruletree import Measure, RuleTree

_WITH_YEAR = re.compile(r"\b(\d{3,4}) \((\d{4})\)")
_BARE = re.compile(r"\b(\d{3,4})(?= ops?\.| \[| \(\d| and \d|, \d|/\d|\))")
_INSTRUMENT = re.compile(r"^S/RES/(\d+) \((\d{4})\)$")


def coverage_table(tree: RuleTree) -> list[tuple[Measure, list[str]]]:
    """Each measure of the tree with the ids of the rules that encode it."""
    by_measure: dict[str, list[str]] = {}
    for rule in tree.ruleset.rules:
        for m in rule.measures:
            by_measure.setdefault(m, []).append(rule.id)
    return [(m, by_measure.get(m.id, [])) for m in tree.measures]


@dataclass
class Row:
    """Counts of one regime folder or one resolution."""

    name: str
    encoded: set[str] = field(default_factory=set)
    unverified: set[str] = field(default_factory=set)
    unencoded: set[str] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)
    citations: int = 0
    verified: int = 0

    @property
    def measures(self) -> int:
        return len(self.encoded | self.unencoded)

    @property
    def verified_share(self) -> float | None:
        return self.verified / self.citations if self.citations else None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "measures": self.measures, "encoded": len(self.encoded),
            "unverified": len(self.unverified), "unencoded": len(self.unencoded),
            "rules": len(self.rules), "citations": self.citations, "citations_verified": self.verified,
            "unverified_measures": sorted(self.unverified), "unencoded_measures": sorted(self.unencoded),
        }  # fmt: skip


def _citations(rule: Rule) -> Iterable[tuple[str, bool]]:
    for c in rule.citations:
        yield c.instrument, c.verified
    for e in rule.exemptions:
        if e.citation is not None:
            yield e.citation.instrument, e.citation.verified


def by_regime(tree: RuleTree) -> list[Row]:
    """One row per regime folder (the folders of measures.yaml files)."""
    rows: dict[str, Row] = {}
    folder_of = {m.id: m.regime_folder for m in tree.measures}
    for measure, rule_ids in coverage_table(tree):
        row = rows.setdefault(measure.regime_folder, Row(measure.regime_folder))
        (row.encoded if rule_ids else row.unencoded).add(measure.id)
    for rule in tree.ruleset.rules:
        folders = {folder_of[m] for m in rule.measures if m in folder_of} or {_folder(rule)}
        cites = list(_citations(rule))
        for folder in folders:
            row = rows.setdefault(folder, Row(folder))
            row.rules.add(rule.id)
            row.citations += len(cites)
            row.verified += sum(v for _, v in cites)
            if not all(v for _, v in cites):
                row.unverified |= {m for m in rule.measures if folder_of.get(m) == folder}
    return sorted(rows.values(), key=lambda r: r.name)


def by_resolution(tree: RuleTree) -> list[Row]:
    """One row per resolution cited by a rule or named in an unencoded measure's title."""
    rows: dict[str, Row] = {}
    numbers: dict[str, str] = {}  # "1718" -> "S/RES/1718 (2006)"
    for rule in tree.ruleset.rules:
        for instrument, verified in _citations(rule):
            row = rows.setdefault(instrument, Row(instrument))
            row.rules.add(rule.id)
            row.citations += 1
            row.verified += verified
            row.encoded |= set(rule.measures)
            if not verified:
                row.unverified |= set(rule.measures)
            if found := _INSTRUMENT.match(instrument):
                numbers.setdefault(found.group(1), instrument)
    for measure, rule_ids in coverage_table(tree):
        if rule_ids:
            continue
        for instrument in _named(measure.title, numbers):
            rows.setdefault(instrument, Row(instrument)).unencoded.add(measure.id)
    return sorted(rows.values(), key=_resolution_order)


def _named(title: str, numbers: dict[str, str]) -> set[str]:
    out = {f"S/RES/{n} ({y})" for n, y in _WITH_YEAR.findall(title)}
    out |= {numbers[n] for n in _BARE.findall(title) if n in numbers}
    return out


def _resolution_order(row: Row) -> tuple[int, int, str]:
    found = _INSTRUMENT.match(row.name)
    return (0, int(found.group(1)), row.name) if found else (1, 0, row.name)


def _folder(rule: Rule) -> str:
    parts = rule.location.file.replace("\\", "/").split("/")
    return parts[-2] if len(parts) >= 2 else rule.regime.lower()


def totals(tree: RuleTree) -> Row:
    """The whole tree as one row."""
    row = Row("all")
    for measure, rule_ids in coverage_table(tree):
        (row.encoded if rule_ids else row.unencoded).add(measure.id)
    for rule in tree.ruleset.rules:
        cites = list(_citations(rule))
        row.rules.add(rule.id)
        row.citations += len(cites)
        row.verified += sum(v for _, v in cites)
        if not all(v for _, v in cites):
            row.unverified |= set(rule.measures)
    return row
