"""Keep screenings for re-screening: ``POST /v1/screenings`` and every screening job item.

Nothing is kept when SANCTIONS_RESCREEN_DAYS is 0. The transaction is kept with its date
resolved (a screening without a date is as of the day it was made), so a re-screen asks the
same question under the new versions.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from service.cases import snapshots
from service.rescreen.summary import summary
from service.ruletree import RuleTree
from service.settings import Settings
from service.store import Store, WorkItem


def row(kind: str, source: str, key_id: int | None, transaction: Mapping[str, Any],
        decision: Mapping[str, Any]) -> dict[str, Any]:  # fmt: skip
    """The stored screening of one decision (``Decision.to_dict()``)."""
    versions = decision.get("versions") or {}
    reference = transaction.get("reference")
    return {
        "source": source,
        "kind": kind,
        "reference": reference[:200] if isinstance(reference, str) else None,
        "key_id": key_id,
        "transaction": {**transaction, "date": decision.get("as_of")},
        "outcome": str(decision.get("outcome")),
        "summary": summary(decision),
        "rules_version": str(versions.get("rules", "")),
        "list_version": str(versions.get("list", "")),
    }


_KEPT_RULES: set[str] = set()  # (database, rule set) pairs whose snapshot this process stored


def keep_rules(store: Store, tree: RuleTree | None) -> None:
    """Store the rule set's snapshot once, so a later rule change can tell which rules changed."""
    if tree is None:
        return
    key = f"{store.db.engine.url}|{store.db.schema}|{tree.version}"
    if key not in _KEPT_RULES:
        snapshots.keep(store, tree)
        _KEPT_RULES.add(key)


def keep(store: Store, settings: Settings, transaction: Mapping[str, Any],
         decision: Mapping[str, Any], key_id: int | None, tree: RuleTree | None = None) -> None:  # fmt: skip
    """Keep one synchronous screening (and the rule set's snapshot, once)."""
    if settings.rescreen_days > 0:
        keep_rules(store, tree)
        store.screenings.record([row("screening", f"api:{uuid.uuid4().hex}", key_id,
                                     transaction, decision)])  # fmt: skip


def keep_job_results(store: Store, settings: Settings, tree: RuleTree | None, job_id: str,
                     kind: str, items: Sequence[WorkItem],
                     results: Sequence[tuple[int, str, dict[str, Any]]]) -> None:  # fmt: skip
    """Keep the decisions of one screening job chunk (``run_chunk``'s ``after`` hook); a chunk
    run twice keeps each item once."""
    if kind != "screening" or settings.rescreen_days <= 0:
        return
    keep_rules(store, tree)
    bodies = {i.idx: i.body for i in items}
    job = store.jobs.get(job_id)
    key_id = job.key_id if job is not None else None
    rows = [row("job", f"job:{job_id}:{idx}", key_id, bodies[idx] or {}, body["decision"])
            for idx, outcome, body in results
            if outcome != "error" and bodies.get(idx) and "decision" in body]  # fmt: skip
    store.screenings.record(rows)


def window_start(settings: Settings, now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=settings.rescreen_days)
