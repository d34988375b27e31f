"""The shortcut for a rule change: which kept screenings a new rule set can decide differently.

The rule set a screening was made under is restored from its stored snapshot (kept by every
process that screens, see ``service.cases.snapshots``); the rules whose text changed are those
of ``sanctions rules diff`` (``service.authoring.rulediff.changed_rules``). A screening is
affected when one of its findings is under a changed rule, when it has a confirmed list match
(its designations are not re-derived here), when it was screened from a description alone, or
when the changed rules, evaluated alone on its facts under each rule set, find something else.
A change to the taxonomy, the regimes' list mapping or the per-entry measures affects everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.authoring.rulediff import Replayer
from service.ruletree import RuleTree
from service.screening.transaction import TransactionError, parse_transaction


class RuleFilter:
    def __init__(self, old: RuleTree, new: RuleTree) -> None:
        self.replayer = Replayer(old, new)
        self.changed = frozenset(self.replayer.changed)
        self.whole = (
            old.taxonomy.version != new.taxonomy.version
            or _measures(old) != _measures(new)
            or any(old.list_regimes(s) != new.list_regimes(s) for s in ("un", "un-vessels"))
        )

    def affected(self, transaction: Mapping[str, Any], summary: Mapping[str, Any]) -> bool:
        if self.whole:
            return True
        if any(f.get("rule") in self.changed for f in summary.get("findings") or ()):
            return True
        if any(m.get("band") == "match" for m in summary.get("matches") or ()):
            return True
        try:
            tx = parse_transaction(dict(transaction))
        except TransactionError:
            return True
        if tx.description and not (tx.goods or tx.parties):
            return True
        return self.replayer.may_differ(tx)


def _measures(tree: RuleTree) -> dict[tuple[str, str], Any]:
    """The per-entry measures as data, without where they are written."""
    return {k: (m.regime, m.measures, m.citation) for k, m in tree.entry_measures().items()}
