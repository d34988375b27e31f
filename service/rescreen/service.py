"""Re-screening, the use case: after a new list version or rule set, screen again the
screenings kept in the last SANCTIONS_RESCREEN_DAYS and every open case.

:meth:`Rescreens.plan` walks the stored screenings and open cases and picks those the change can
affect (see :mod:`service.rescreen.delta` for a list change, :mod:`service.rescreen.rules` for a
rule change; every one with ``full``);
:meth:`Rescreens.start` stores the re-screening and a job of kind ``rescreen`` over the picked
items, which the workers run (or :meth:`Rescreens.run_here` in this process, for the CLI). The
stored screenings the change cannot affect are moved to the new versions at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from service.cases import Casework
from service.cases.errors import ReplayUnavailable
from service.cases.snapshots import restore
from service.jobs import JobError, Jobs, Owner, QueueDown, run_chunk
from service.parties.model import ListSnapshot
from service.rescreen.delta import ListDelta, Selector, Versions, list_delta, list_versions
from service.rescreen.process import rescreening
from service.rescreen.record import window_start
from service.rescreen.report import report
from service.rescreen.rules import RuleFilter
from service.ruletree import RuleTree
from service.screening import LiveScreener, Screener
from service.settings import Settings
from service.store import RescreenRecord, Store

OPEN = ("open", "in_review", "pending_approval", "escalated")  # cases still being decided
KIND = "rescreen"


class RescreenNotFound(LookupError):
    """No re-screening of that id that this owner may see."""


class Unqueued:
    """The queue of a re-screening run in this process: nothing is ever sent."""

    def enqueue_chunk(self, job_id: str, number: int) -> None:
        raise QueueDown("no broker: the re-screening runs in this process")

    def enqueue_chunks(self, job_id: str, numbers: Sequence[int]) -> None:
        raise QueueDown("no broker: the re-screening runs in this process")

    def enqueue_webhook(self, job_id: str) -> None:
        raise QueueDown("no broker")

    def ping(self) -> bool:
        return False

    def depth(self) -> int | None:
        return None


@dataclass
class Plan:
    """What a re-screening will do: the items to screen again, the stored screenings the change
    cannot affect (by the versions they hold), the list deltas, how many were looked at."""

    target: dict[str, str]
    items: list[dict[str, Any]] = field(default_factory=list)
    unaffected: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    deltas: dict[tuple[str, str | None, str], ListDelta] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=dict)  # versions "rules list" -> count
    examined: int = 0
    full: bool = False
    rules: list[dict[str, Any]] = field(default_factory=list)  # per older rule set: changed ids


class Rescreens:
    def __init__(self, store: Store, settings: Settings, tree: RuleTree,
                 jobs: Jobs | None = None) -> None:  # fmt: skip
        self.store = store
        self.settings = settings
        self.tree = tree
        self.jobs = jobs or Jobs(store, settings, Unqueued())

    # --- planning --------------------------------------------------------------------------

    def plan(self, screener: Screener, *, full: bool = False) -> Plan:
        """Pick the stored screenings (in the window) and open cases to screen again with
        ``screener``; ``full`` picks every one, those already under its versions too."""
        target = {"rules": screener.versions["rules"], "list": screener.versions["list"]}
        plan = Plan(target, full=full)
        current = {s.source: s for s in getattr(screener.parties, "lists", ())}
        versions = Versions(self.store, self.tree)
        selectors: dict[str, Selector | None] = {}

        rule_filters: dict[str, RuleFilter | None] = {}

        def affected(rules: str, lists: str, tx: dict[str, Any], summ: dict[str, Any]) -> bool:
            if full:
                return True
            if rules != target["rules"]:
                if rules not in rule_filters:
                    rule_filters[rules] = self._rule_filter(rules, plan)
                found = rule_filters[rules]
                if found is None or found.affected(tx, summ):
                    return True
            if lists == target["list"]:
                return False
            if lists not in selectors:
                selectors[lists] = self._selector(lists, current, versions, plan)
            selector = selectors[lists]
            return selector is None or selector.affected(tx, summ)

        for rec in self.store.screenings.since(window_start(self.settings)):
            plan.examined += 1
            held = (rec.rules_version, rec.list_version)
            if held == (target["rules"], target["list"]) and not full:
                continue
            plan.before[" ".join(held)] = plan.before.get(" ".join(held), 0) + 1
            if affected(*held, rec.transaction, rec.summary):
                plan.items.append(_item({"screening": rec.id}, rec.reference, rec.transaction,
                                        rec.outcome, rec.summary, held, target))  # fmt: skip
            else:
                plan.unaffected.setdefault(held, []).append(rec.id)
        for item in self._cases():
            plan.examined += 1
            held = (item["before"]["versions"]["rules"], item["before"]["versions"]["list"])
            if held == (target["rules"], target["list"]) and not full:
                continue
            plan.before[" ".join(held)] = plan.before.get(" ".join(held), 0) + 1
            if affected(*held, item.pop("transaction"), item["before"]["summary"]):
                plan.items.append({**item, "target": target})
        return plan

    def _rule_filter(self, version: str, plan: Plan) -> RuleFilter | None:
        """The filter from the rule set ``version`` to this one; None when its snapshot is not
        stored (every screening under it is then screened again)."""
        try:
            old = restore(self.store, version)
        except ReplayUnavailable:
            plan.rules.append({"before": version, "changed": None})
            return None
        found = RuleFilter(old, self.tree)
        plan.rules.append({"before": version, "changed": sorted(found.changed),
                           "whole": found.whole})  # fmt: skip
        return found

    def _selector(self, held: str, current: dict[str, ListSnapshot], versions: Versions,
                  plan: Plan) -> Selector | None:  # fmt: skip
        """The selector from the list versions ``held`` to the current ones; None when an old
        version cannot be read (every screening under it is then screened again)."""
        old = list_versions(held)
        deltas = []
        for source, new in current.items():
            before = versions.get(old[source]) if source in old else None
            if source in old and before is None:
                return None
            key = (source, before.version if before else None, new.version)
            if key not in plan.deltas:
                plan.deltas[key] = list_delta(before, new)
            deltas.append(plan.deltas[key])
        for source in old.keys() - current.keys():  # a source no longer screened
            before = versions.get(old[source])
            if before is None:
                return None
            key = (source, before.version, "")
            plan.deltas.setdefault(
                key, ListDelta(source, before.version, "", (), before.entries, ())
            )
            deltas.append(plan.deltas[key])
        return Selector(deltas, self.settings.match_threshold, self.settings.review_threshold)

    def _cases(self) -> Iterator[dict[str, Any]]:
        from service.rescreen.summary import summary

        for case_id in self.store.cases.open_ids(OPEN):
            case = self.store.cases.get(case_id)
            tx = self.store.cases.transaction(case_id)
            decision = (
                self.store.cases.decision(case.decision_id) if case and case.decision_id else None
            )
            if case is None or tx is None or decision is None:
                continue
            held = (decision.rules_version, decision.list_version)
            item = _item({"case": case_id}, case.reference, tx, decision.outcome,
                         summary(decision.body), held, {})  # fmt: skip
            yield {**item, "transaction": tx}

    # --- running ---------------------------------------------------------------------------

    def after_rules_change(self, screener: Screener, owner: Owner, *,
                           enqueue: bool = True) -> RescreenRecord | None:  # fmt: skip
        """Start a re-screening when screenings were kept (or open cases decided) under another
        rule set than ``screener``'s; once per rule set and list version, however many processes
        start with it (a worker calls this when it starts). None: nothing to do, or another
        process did it."""
        rules = screener.versions["rules"]
        since = window_start(self.settings)
        if not self.store.screenings.other_rules(since, rules) and not any(
            i["before"]["versions"]["rules"] != rules for i in self._cases()
        ):
            return None
        rescreen_id = uuid.uuid4().hex
        claim = f"rules:{rules}:{screener.versions['list']}"
        if not self.store.rescreens.claim(rescreen_id, claim, owner.name):
            return None
        plan = self.plan(screener)
        try:
            return self.start(plan, "rules", owner, enqueue=enqueue, rescreen_id=rescreen_id)
        except JobError:  # the broker is down: the chunks wait for the reconciler
            return self.start(plan, "rules", owner, enqueue=False, rescreen_id=rescreen_id)

    def start(self, plan: Plan, trigger: str, owner: Owner, *, enqueue: bool = True,
              rescreen_id: str | None = None) -> RescreenRecord:  # fmt: skip
        """Store the re-screening and its job (sent to the workers when ``enqueue``); move the
        unaffected screenings to the new versions."""
        rescreen_id = rescreen_id or uuid.uuid4().hex
        job_id = None
        if plan.items:
            job = self.jobs.submit_items(plan.items, owner, kind=KIND,
                                         params={"rescreen": rescreen_id}, enqueue=enqueue)  # fmt: skip
            job_id = job.id
        now = dt.datetime.now(dt.UTC)
        record = RescreenRecord(
            rescreen_id, job_id, trigger, "full" if plan.full else "shortcut",
            "running" if job_id else "done", owner.key_id, owner.name, now,
            None if job_id else now, {"versions": plan.before}, plan.target,
            {"lists": [d.to_dict() for d in plan.deltas.values() if not d.is_empty],
             "rules": plan.rules},
            plan.examined, len(plan.items), None,
        )  # fmt: skip
        self.store.rescreens.create(record)
        target = (plan.target["rules"], plan.target["list"])
        for held, ids in plan.unaffected.items():
            self.store.screenings.advance(ids, held, target)
        return record

    def run_here(self, record: RescreenRecord, live: LiveScreener, casework: Casework,
                 progress: Callable[[int, int], None] | None = None) -> None:  # fmt: skip
        """Run the re-screening's job in this process, chunk by chunk (the CLI, the bench)."""
        if record.job_id is None:
            return
        job = self.store.jobs.get(record.job_id)
        assert job is not None
        processors = {KIND: rescreening(self.store, live, casework)}
        chunks = (job.total + job.chunk_size - 1) // job.chunk_size
        for number in range(chunks):
            run_chunk(self.store, record.job_id, number, processors)
            if progress is not None:
                progress(min(job.total, (number + 1) * job.chunk_size), job.total)

    # --- reading ---------------------------------------------------------------------------

    def get(self, rescreen_id: str, owner: Owner) -> RescreenRecord:
        found = self.store.rescreens.get(rescreen_id) if len(rescreen_id) <= 32 else None
        if found is None or not (owner.admin or found.key_id == owner.key_id):
            raise RescreenNotFound(f"no re-screening {rescreen_id}")
        return found

    def list(self, owner: Owner, limit: int = 100) -> list[RescreenRecord]:
        return self.store.rescreens.find(None if owner.admin else owner.key_id, limit)

    def report(self, record: RescreenRecord, items: int = 100) -> dict[str, Any]:
        """The impact: counts, the list entries added, changed and removed and the decisions
        each changed, and up to ``items`` changed items with their reason."""
        job = self.store.jobs.get(record.job_id) if record.job_id else None
        results = self.jobs.results(record.job_id) if record.job_id else iter(())
        return report(record, job, results, items)


def _item(which: dict[str, Any], reference: str | None, tx: dict[str, Any], outcome: str,
          summ: dict[str, Any], held: tuple[str, str], target: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    item = {**which, "transaction": tx,
            "before": {"outcome": outcome, "summary": summ,
                       "versions": {"rules": held[0], "list": held[1]}},
            "target": target}  # fmt: skip
    if reference is not None:
        item["reference"] = reference
    return item
