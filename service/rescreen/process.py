"""Re-screen one item of a re-screening job: a stored screening or an open case.

The item carries what it was before (outcome, summary, versions) and the versions to screen
with, so a chunk run twice gives the same result. A process still on older lists switches to
the stored current ones first.
"""

from __future__ import annotations

from typing import Any

from service.cases import Casework
from service.jobs import Processor
from service.rescreen.summary import compare, summary
from service.screening import LiveScreener, Screener
from service.screening.lists import current_lists
from service.store import Store


def _screener(live: LiveScreener, store: Store, target: dict[str, str]) -> Screener:
    screener = live.refresh()
    if screener.versions["list"] != target.get("list"):
        live.use(current_lists(store, live.tree))
        screener = live.screener
    return screener


def rescreening(store: Store, live: LiveScreener, casework: Casework) -> Processor:
    """The processor of jobs of kind ``rescreen``."""

    def process(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        before = body["before"]
        screener = _screener(live, store, body["target"])
        if "case" in body:
            casework.rescreen(int(body["case"]))
            case = store.cases.get(int(body["case"]))
            decision = store.cases.decision(case.decision_id) if case and case.decision_id else None
            if decision is None:
                raise LookupError(f"case {body['case']} has no decision")
            outcome, decided = decision.outcome, decision.body
        else:
            found = screener.screen(body["transaction"])
            outcome, decided = found.outcome, found.to_dict()
        after = summary(decided)
        versions = decided.get("versions") or {}
        if "screening" in body:
            store.screenings.update(
                int(body["screening"]), (before["versions"]["rules"], before["versions"]["list"]),
                outcome, after, (versions.get("rules", ""), versions.get("list", "")),
            )  # fmt: skip
        change = compare(before["summary"], before["outcome"], after, outcome)
        line: dict[str, Any] = {k: body[k] for k in ("screening", "case") if k in body}
        line.update({
            "before": {"outcome": before["outcome"], "versions": before["versions"]},
            "after": {"outcome": outcome, "versions": {"rules": versions.get("rules"),
                                                        "list": versions.get("list")}},
            "changed": change["changed"], "appeared": change["appeared"],
            "disappeared": change["disappeared"],
        })  # fmt: skip
        return outcome, line

    return process
