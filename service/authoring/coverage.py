"""Coverage of the legal reference: which rules encode each measure row, or why none does.

Each regime folder's ``measures.yaml`` lists the rows of the reference (``KP-ARMS-1`` …) with an
optional ``not_encoded`` reason; rules name the rows they encode in ``measures:``.
"""

from __future__ import annotations

from service.ruletree import Measure, RuleTree


def coverage_table(tree: RuleTree) -> list[tuple[Measure, list[str]]]:
    """Each measure of the tree with the ids of the rules that encode it."""
    by_measure: dict[str, list[str]] = {}
    for rule in tree.ruleset.rules:
        for m in rule.measures:
            by_measure.setdefault(m, []).append(rule.id)
    return [(m, by_measure.get(m.id, [])) for m in tree.measures]
