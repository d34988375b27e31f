"""Per-entry measures: list entries designated for only some of their regime's measures.

Most listings carry every measure of their regime. A few do not: the Houthis (UN YEe.001) are
"listed pursuant to paragraph 5 of resolution 2624 (2022) as subject to the measures imposed by
paragraph 14 of resolution 2216 (2015) (targeted arms embargo)", not the 2140 asset freeze.
Which measures an entry carries is a legal fact, so it is data, written once under
``entry_measures:`` in regimes.yaml with its citation, and the rule set's version covers it:

    entry_measures:
      - {list: un, reference: YEe.001, regime: YEMEN, name: The Houthis,
         measures: [arms_embargo],
         citation: {instrument: S/RES/2624 (2022), paragraph: "5", url: …, verified: true}}

A match to such an entry meets only the rules whose ``implements:`` names one of its measures
(or rules that do not say). The un-vessels list states its vessels' measures itself.
"""

from __future__ import annotations

from service.engine.codes import R204, R205, R209
from service.engine.model import EntryMeasures, Regime
from service.engine.parse import Parser
from service.vocabulary import MEASURE_KINDS
from service.yamlsource import Node

ENTRY_KEYS = {
    "list": True, "reference": True, "regime": True, "measures": True, "citation": True,
    "name": False, "source": False,
}  # fmt: skip


def load_entry_measures(
    node: Node | None, parser: Parser, regimes: dict[str, Regime]
) -> dict[str, tuple[EntryMeasures, ...]]:
    """Regime code -> its entries listed for some measures only; problems recorded."""
    out: dict[str, list[EntryMeasures]] = {}
    seen: set[tuple[str, str]] = set()
    for item in parser.listed(node, "entry_measures"):
        entry = _entry(item, parser, regimes)
        if entry is None:
            continue
        key = (entry.list, entry.reference)
        if key in seen:
            parser.p.error(R205, f"entry_measures: {entry.list} {entry.reference} is given twice",
                           item.loc)  # fmt: skip
            continue
        seen.add(key)
        out.setdefault(entry.regime, []).append(entry)
    return {code: tuple(found) for code, found in out.items()}


def _entry(node: Node, parser: Parser, regimes: dict[str, Regime]) -> EntryMeasures | None:
    d = parser.mapping(node, ENTRY_KEYS, "an entry_measures item")
    if d is None or any(k not in d for k, required in ENTRY_KEYS.items() if required):
        return None
    regime = parser.text(d["regime"], "entry_measures regime")
    if regime is not None and regime not in regimes:
        known = ", ".join(sorted(regimes))
        parser.p.error(R209, f"entry_measures: unknown regime '{regime}'; known: {known}",
                       d["regime"].loc)  # fmt: skip
        return None
    measures = parser.enum_set(d["measures"], "entry_measures measure", MEASURE_KINDS, R204)
    citation = parser.citation(d["citation"])
    source, reference = parser.text(d["list"], "list"), parser.text(d["reference"], "reference")
    if not (regime and measures and citation and source and reference):
        return None
    return EntryMeasures(
        source, reference, regime, measures, citation, node.loc,
        parser.text(d.get("name"), "name") or "", parser.text(d.get("source"), "source"),
    )  # fmt: skip
