"""Cases, the use case: open a case from a transaction (screened at once), act on it, re-screen it.

Every change is one store transaction with its audit entries. Four eyes are bound to one
decision: a request that needs approval names the decision (id and sha256) it was made on, the
approval must name the same one, and a re-screen that changes the decision voids the request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from service.cases import snapshots
from service.cases.errors import CaseNotFound, Conflict, InvalidAction, NotAllowed
from service.cases.replay import replay
from service.cases.workflow import FOUR_EYES_OUTCOMES, ActionRequest, Actor, check
from service.ruletree import RuleTree
from service.screening import LiveScreener, Screener, parse_transaction
from service.screening.parties import fingerprints
from service.settings import Settings
from service.store import ActionRecord, CaseRecord, DecisionRecord, Store
from service.store.audit import canonical
from service.store.cases import CaseWriter

SYSTEM = Actor("system:rescreen", "admin", "re-screening")
Key = tuple[str, str, str, str]


def sha256(value: Any) -> str:
    """``sha256:`` and the hex digest of a value's canonical JSON."""
    return "sha256:" + hashlib.sha256(canonical(value).encode()).hexdigest()


def material(body: Mapping[str, Any]) -> dict[str, Any]:
    """A decision without its notes (the list-age note changes every day)."""
    return {k: v for k, v in body.items() if k != "notes"}


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class Screened:
    body: dict[str, Any]
    sha256: str
    params: dict[str, Any]


class Casework:
    """The cases of one store, screened by a process's live screener."""

    def __init__(
        self, store: Store, settings: Settings, live: LiveScreener, tree: RuleTree
    ) -> None:
        self.store = store
        self.settings = settings
        self.live = live
        self.tree = tree

    # --- screening ---------------------------------------------------------------------------

    def screen(
        self, transaction: dict[str, Any], extra: Mapping[Key, str] | None = None,
        screener: Screener | None = None,
    ) -> Screened:  # fmt: skip
        """Screen a stored transaction with the dismissed false positives that apply to it."""
        tx = parse_transaction(transaction)
        suppressions = dict(self.store.cases.suppressions(fingerprints(tx)))
        suppressions.update(extra or {})
        screener = screener or self.live.refresh()
        day = today()
        body = screener.screen(tx, today=day, suppressions=suppressions).to_dict()
        params = {
            "today": day.isoformat(),
            "match_threshold": self.settings.match_threshold,
            "review_threshold": self.settings.review_threshold,
            "list_max_age_days": self.settings.list_max_age_days,
            "blocking_lists": list(self.settings.blocking_lists),
            "suppressions": [[*key, note] for key, note in sorted(suppressions.items())],
        }
        return Screened(body, sha256(body), params)

    # --- cases -------------------------------------------------------------------------------

    def create(self, transaction: dict[str, Any], actor: Actor) -> dict[str, Any]:
        """Open a case: store the transaction (its date resolved), screen it, audit both."""
        tx = parse_transaction(transaction)  # TransactionError: the caller's 400
        body = {**transaction, "date": tx.date.isoformat()}
        screened = self.screen(body)
        input_hash = sha256(body)
        snapshots.keep(self.store, self.tree)  # before the write: replay needs these rules
        with self.store.cases.write() as w:
            case_id = w.create_case(tx.reference, body, input_hash, tx.date, actor.id, "open")
            w.audit(actor.id, "case.created", case_id,
                    {"reference": tx.reference, "transaction_sha256": input_hash})  # fmt: skip
            self._record(w, case_id, "created", screened, input_hash, actor)
        return self.view(case_id, full=False)

    def rescreen(self, case_id: int, actor: Actor = SYSTEM) -> dict[str, Any]:
        """Screen a case again with the lists and rules now in use; a material change is stored
        as a new decision and voids a pending approval."""
        transaction = self.store.cases.transaction(case_id)
        if transaction is None:
            raise CaseNotFound(f"no case {case_id}")
        screened = self.screen(transaction)
        snapshots.keep(self.store, self.tree)
        with self.store.cases.write() as w:
            case = _case(w, case_id)
            before = w.decision(case.decision_id)
            if before is not None and material(before.body) == material(screened.body):
                return {"case_id": case_id, "changed": False, "outcome": case.outcome}
            decision = self._record(w, case_id, "rescreen", screened, sha256(transaction), actor)
        return {"case_id": case_id, "changed": True, "decision_id": decision.id,
                "outcome_before": before.outcome if before else None,
                "outcome": decision.outcome}  # fmt: skip

    def act(self, case_id: int, request: ActionRequest, actor: Actor) -> dict[str, Any]:
        """Take one action on a case (see ``workflow``); returns the case as it now is."""
        snapshots.keep(self.store, self.tree)  # a dismissal re-screens inside the transaction
        with self.store.cases.write() as w:
            case = _case(w, case_id)
            details = check(request, actor, case.status, today())
            decision = w.decision(case.decision_id)
            assert decision is not None
            handler = getattr(self, f"_{request.action}")
            handler(w, case, decision, request, actor, details)
        return self.view(case_id)

    # --- one method per action ---------------------------------------------------------------

    def _assign(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        status = "in_review" if case.status == "open" else case.status
        w.update_case(case.id, assignee=details["assignee"], status=status)
        self._action(w, case, d, r, actor, details, status)

    def _comment(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                 actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        self._action(w, case, d, r, actor, details, case.status)

    def _escalate(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                  actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        self._move(w, case, d, r, actor, details, "escalated")

    def _reopen(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        self._move(w, case, d, r, actor, details, "in_review")

    def _block(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
               actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        pending = w.pending(case.id)
        if pending is not None:
            self._void(w, pending, f"the case was blocked by {actor.id}")
        self._move(w, case, d, r, actor, details, "blocked")

    def _clear(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
               actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        if d.outcome in FOUR_EYES_OUTCOMES:
            details["four_eyes"] = f"the decision is {d.outcome}: a second officer must approve"
            self._request(w, case, d, r, actor, details)
        else:
            self._move(w, case, d, r, actor, details, "cleared")

    def _dismiss(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                 actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        assert r.match is not None
        details.update(_find_match(d, r.match.party, r.match.list, r.match.reference))
        if details["match"]:
            details["four_eyes"] = (f"the match scores {details['score']:.2f}, at or above the "
                                    f"match threshold: a second officer must approve")  # fmt: skip
            self._request(w, case, d, r, actor, details)
            return
        self._move(w, case, d, r, actor, details, "in_review")
        self._suppress(w, case, w.last_action(case.id), actor)

    def _approve(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                 actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        pending = self._pending(w, case, actor, "approve")
        if r.decision_sha256 != pending.decision_sha256 or (
            r.decision_id is not None and r.decision_id != pending.decision_id
        ):
            raise Conflict(f"the request {pending.id} was made on decision {pending.decision_id} "
                           f"({pending.decision_sha256}); you approved another decision")  # fmt: skip
        if pending.decision_id != d.id:  # a new decision without a void: never approve it
            raise Conflict(f"the decision changed since request {pending.id}; it is void")
        w.set_state(pending.id, "approved")
        details["approves"] = {"action_id": pending.id, "action": pending.action}
        target = "cleared" if pending.action == "clear" else pending.status_before
        if pending.action == "dismiss" and target == "pending_approval":
            target = "in_review"
        self._move(w, case, d, r, actor, details, target, resolves=pending.id)
        if pending.action == "dismiss":
            self._suppress(w, case, pending, actor)

    def _reject(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        pending = self._pending(w, case, actor, "reject")
        w.set_state(pending.id, "rejected")
        details["rejects"] = {"action_id": pending.id, "action": pending.action}
        self._move(w, case, d, r, actor, details, pending.status_before, resolves=pending.id)

    # --- helpers -----------------------------------------------------------------------------

    def _pending(self, w: CaseWriter, case: CaseRecord, actor: Actor, verb: str) -> ActionRecord:
        pending = w.pending(case.id)
        if pending is None:
            raise Conflict(f"case {case.id} has no request waiting for approval")
        if pending.actor == actor.id:
            raise NotAllowed(f"nobody may {verb} their own request ({pending.action} by "
                             f"{pending.actor}); a second approver must")  # fmt: skip
        return pending

    def _request(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
                 actor: Actor, details: dict[str, Any]) -> None:  # fmt: skip
        """Record an action that waits for a second officer (four eyes)."""
        self._action(w, case, d, r, actor, details, "pending_approval", state="pending")
        w.update_case(case.id, status="pending_approval")

    def _move(self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest,
              actor: Actor, details: dict[str, Any], status: str,
              resolves: int | None = None) -> None:  # fmt: skip
        self._action(w, case, d, r, actor, details, status, resolves=resolves)
        w.update_case(case.id, status=status)

    def _action(
        self, w: CaseWriter, case: CaseRecord, d: DecisionRecord, r: ActionRequest, actor: Actor,
        details: dict[str, Any], status_after: str, *, state: str = "done",
        resolves: int | None = None,
    ) -> ActionRecord:  # fmt: skip
        action = w.add_action(
            case_id=case.id, actor=actor.id, actor_role=actor.role, action=r.action,
            reason_code=r.reason_code, reason=r.reason.strip(), details=details,
            decision_id=d.id, decision_sha256=d.sha256, status_before=case.status,
            status_after=status_after, state=state, resolves=resolves,
        )  # fmt: skip
        w.audit(actor.id, f"action.{r.action}", case.id, _audited(action))
        return action

    def _void(self, w: CaseWriter, pending: ActionRecord, why: str) -> None:
        w.set_state(pending.id, "void")
        w.audit(SYSTEM.id, "approval.voided", pending.case_id,
                {"action_id": pending.id, "action": pending.action, "why": why})  # fmt: skip

    def _suppress(
        self, w: CaseWriter, case: CaseRecord, action: ActionRecord, actor: Actor
    ) -> None:
        """Remember a dismissed false positive, and re-screen the case with it set aside."""
        m = action.details
        note = (f"dismissed as a false positive on case {case.id} by {action.actor} on "
                f"{action.at.date().isoformat()}: {m.get('evidence') or action.reason}")  # fmt: skip
        key = (m["fingerprint"], m["list"], m["reference"], m["entry_hash"])
        w.add_suppression(*key, note=note, case_id=case.id, action_id=action.id)
        w.audit(actor.id, "suppression.recorded", case.id,
                {"action_id": action.id, "fingerprint": key[0], "list": key[1],
                 "reference": key[2], "entry_hash": key[3]})  # fmt: skip
        body = self.store.cases.transaction(case.id)
        assert body is not None
        screened = self.screen(body, {key: note})
        self._record(w, case.id, "dismissal", screened, sha256(body), actor)

    def _record(self, w: CaseWriter, case_id: int, cause: str, screened: Screened,
                input_hash: str, actor: Actor) -> DecisionRecord:  # fmt: skip
        """Store a decision as the case's latest; a pending approval on an older one is void."""
        decision = w.add_decision(case_id, cause, screened.body, screened.sha256, input_hash,
                                  screened.params)  # fmt: skip
        pending = w.pending(case_id)
        if pending is not None and pending.decision_id != decision.id:
            self._void(
                w, pending, f"decision {decision.id} replaced decision {pending.decision_id}"
            )
            case = w.case(case_id)
            if case is not None and case.status == "pending_approval":
                w.update_case(case_id, status=pending.status_before)
        w.audit(actor.id, "decision.recorded", case_id,
                {"decision_id": decision.id, "sha256": decision.sha256, "cause": cause,
                 "outcome": decision.outcome, "versions": screened.body.get("versions", {}),
                 "input_sha256": input_hash})  # fmt: skip
        return decision

    # --- reading -----------------------------------------------------------------------------

    def view(self, case_id: int, *, full: bool = True) -> dict[str, Any]:
        """The case as the API and the pages show it."""
        case = self.store.cases.get(case_id)
        if case is None:
            raise CaseNotFound(f"no case {case_id}")
        decision = self.store.cases.decision(case.decision_id) if case.decision_id else None
        actions = self.store.cases.actions(case_id)
        pending = next((a for a in reversed(actions) if a.state == "pending"), None)
        out = summary(case)
        out["decision"] = decision.body if decision else None
        out["decision_id"] = decision.id if decision else None
        out["decision_sha256"] = decision.sha256 if decision else None
        out["pending"] = action_dict(pending) if pending else None
        if full:
            out["transaction"] = self.store.cases.transaction(case_id)
            out["actions"] = [action_dict(a) for a in actions]
            out["decisions"] = [decision_summary(d) for d in self.store.cases.decisions(case_id)]
        return out

    def replay(
        self, case_id: int, decision_id: int | None = None, *, reuse: bool = True
    ) -> dict[str, Any]:
        """Re-run a stored decision (default: the latest) with its own versions; ``reuse``
        takes the rules and lists in use when they are those very versions."""
        case = self.store.cases.get(case_id)
        if case is None:
            raise CaseNotFound(f"no case {case_id}")
        decision = self.store.cases.decision(decision_id or case.decision_id or 0)
        if decision is None or decision.case_id != case_id:
            raise CaseNotFound(f"case {case_id} has no decision {decision_id}")
        transaction = self.store.cases.transaction(case_id)
        assert transaction is not None
        lists = getattr(self.live.screener.parties, "lists", ()) if reuse else ()
        return replay(self.store, self.settings, decision, transaction,
                      tree=self.tree if reuse else None,
                      lists={s.version: s for s in lists})  # fmt: skip

    def audit(self, case_id: int) -> list[dict[str, Any]]:
        if self.store.cases.get(case_id) is None:
            raise CaseNotFound(f"no case {case_id}")
        return [e.to_dict() for e in self.store.audit.entries(case_id)]


def _case(w: CaseWriter, case_id: int) -> CaseRecord:
    case = w.case(case_id)
    if case is None:
        raise CaseNotFound(f"no case {case_id}")
    return case


def _find_match(d: DecisionRecord, party: int | str, source: str, reference: str) -> dict[str, Any]:
    """The match to dismiss, from the decision it was shown in."""
    for block in d.body.get("parties", []):
        if str(block.get("index")) != str(party):
            continue
        for m in block.get("matches", []):
            if m.get("list") == source and m.get("reference") == reference:
                return {"party": block["index"], "list": source, "reference": reference,
                        "name": m.get("name"), "score": m.get("score"), "match": bool(m.get("match")),
                        "fingerprint": block.get("fingerprint"), "entry_hash": m.get("entry_hash")}  # fmt: skip
    raise InvalidAction(f"decision {d.id} shows no match {source} {reference} for party {party}",
                        {"match": "name a party index, list and reference shown in the decision"})  # fmt: skip


def _audited(action: ActionRecord) -> dict[str, Any]:
    return {"action_id": action.id, "action": action.action, "reason_code": action.reason_code,
            "reason": action.reason, "details": action.details,
            "decision_id": action.decision_id, "decision_sha256": action.decision_sha256,
            "status_before": action.status_before, "status_after": action.status_after,
            "state": action.state, "resolves": action.resolves}  # fmt: skip


def summary(case: CaseRecord) -> dict[str, Any]:
    return {
        "id": case.id,
        "reference": case.reference,
        "status": case.status,
        "outcome": case.outcome,
        "regimes": list(case.regimes),
        "assignee": case.assignee,
        "transaction_date": case.transaction_date.isoformat(),
        "created_at": case.created_at.isoformat(),
        "updated_at": case.updated_at.isoformat(),
        "created_by": case.created_by,
    }


def action_dict(a: ActionRecord) -> dict[str, Any]:
    return {
        "id": a.id,
        "at": a.at.isoformat(),
        "actor": a.actor,
        "actor_role": a.actor_role,
        "action": a.action,
        "reason_code": a.reason_code,
        "reason": a.reason,
        "details": a.details,
        "decision_id": a.decision_id,
        "decision_sha256": a.decision_sha256,
        "status_before": a.status_before,
        "status_after": a.status_after,
        "state": a.state,
        "resolves": a.resolves,
    }


def decision_summary(d: DecisionRecord) -> dict[str, Any]:
    return {"id": d.id, "created_at": d.created_at.isoformat(), "cause": d.cause,
            "outcome": d.outcome, "sha256": d.sha256,
            "versions": {"rules": d.rules_version, "list": d.list_version,
                         "engine": d.engine_version}, "input_sha256": d.input_sha256}  # fmt: skip


__all__ = ["Casework", "InvalidAction", "NotAllowed", "sha256"]
