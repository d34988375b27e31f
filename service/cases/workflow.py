"""The compliance workflow as tables: which action is allowed from which status, by which role,
with which reason codes, and when a second officer must approve (four eyes).

``open → in_review → cleared | blocked | escalated``; ``reopen`` goes back to ``in_review``;
a clearance or dismissal that needs four eyes waits in ``pending_approval``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from service.cases.errors import Conflict, InvalidAction, NotAllowed
from service.cases.reasons import BY_CODE, reasons_for

STATUSES = ("open", "in_review", "pending_approval", "cleared", "blocked", "escalated")
ACTIVE = frozenset({"open", "in_review", "escalated"})
CLOSED = frozenset({"cleared", "blocked"})
ACTIONS = (
    "assign",
    "clear",
    "block",
    "escalate",
    "dismiss",
    "approve",
    "reject",
    "reopen",
    "comment",
)
ROLES = ("screener", "officer", "approver", "admin")  # as API keys, ordered
RANK = {role: rank for rank, role in enumerate(ROLES)}
FOUR_EYES_OUTCOMES = frozenset({"prohibited", "conditional"})
MAX_REASON = 4000


@dataclass(frozen=True)
class Transition:
    """From which statuses an action may be taken, to which status (None: see the action), and
    the least role that may take it."""

    sources: frozenset[str]
    target: str | None
    role: str = "officer"


TRANSITIONS = {
    "assign": Transition(ACTIVE | {"pending_approval"}, None),  # open → in_review, else as is
    "clear": Transition(ACTIVE, "cleared"),
    "block": Transition(ACTIVE | {"pending_approval"}, "blocked"),
    "escalate": Transition(frozenset({"open", "in_review"}), "escalated"),
    "dismiss": Transition(ACTIVE, "in_review"),
    "approve": Transition(frozenset({"pending_approval"}), None, "approver"),
    "reject": Transition(frozenset({"pending_approval"}), None, "approver"),
    "reopen": Transition(CLOSED | {"escalated"}, "in_review"),
    "comment": Transition(frozenset(STATUSES), None),
}


@dataclass(frozen=True)
class Actor:
    """Who acts: ``officer:<username>`` from the web pages, ``key:<name>#<id>`` from the API."""

    id: str
    role: str
    name: str = ""

    def at_least(self, role: str) -> bool:
        return RANK.get(self.role, -1) >= RANK[role]


@dataclass(frozen=True)
class MatchRef:
    """A list match in a decision: the party's index (or ``route.vessel``), list, reference."""

    party: int | str
    list: str
    reference: str


@dataclass(frozen=True)
class ActionRequest:
    action: str
    reason_code: str
    reason: str
    assignee: str | None = None
    match: MatchRef | None = None
    decision_id: int | None = None
    decision_sha256: str | None = None
    evidence: str | None = None
    reference: str | None = None
    expires: str | None = None


def check(request: ActionRequest, actor: Actor, status: str, today: dt.date) -> dict[str, Any]:
    """Refuse an action that the tables do not allow; return the details to record with it."""
    transition = TRANSITIONS.get(request.action)
    if transition is None:
        raise InvalidAction(f"unknown action {request.action!r}",
                            {"action": f"use one of {', '.join(ACTIONS)}"})  # fmt: skip
    if not actor.at_least(transition.role):
        raise NotAllowed(f"{request.action} needs the {transition.role} role; {actor.id} has "
                         f"{actor.role}")  # fmt: skip
    if status not in transition.sources:
        allowed = ", ".join(s for s in STATUSES if s in transition.sources)
        raise Conflict(f"cannot {request.action} a case that is {status} (only from {allowed})")
    return _details(request, today)


def _details(request: ActionRequest, today: dt.date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    codes = reasons_for(request.action)
    reason = BY_CODE.get(request.reason_code)
    if reason is None or request.action not in reason.actions:
        errors["reason_code"] = (f"'{request.reason_code}' is not a reason for {request.action}; "
                                 f"use one of {', '.join(c.code for c in codes)}")  # fmt: skip
    if not request.reason or len(request.reason.strip()) < 3:
        errors["reason"] = "say why, in a few words (at least 3 characters)"
    elif len(request.reason) > MAX_REASON:
        errors["reason"] = f"at most {MAX_REASON} characters"
    details: dict[str, Any] = {}
    fits = reason is not None and request.action in reason.actions
    for need in reason.needs if reason is not None and fits else ():
        value = (getattr(request, need) or "").strip()
        if not value:
            errors[need] = f"{reason.label if reason else ''} needs the {need}"
        details[need] = value[:MAX_REASON]
    if "expires" in details and details["expires"]:
        try:
            expires = dt.date.fromisoformat(details["expires"])
            if expires < today:
                errors["expires"] = f"the authorisation expired on {expires.isoformat()}"
        except ValueError:
            errors["expires"] = "use a date YYYY-MM-DD"
    if request.action == "assign":
        if not (request.assignee or "").strip():
            errors["assignee"] = "name the officer the case is assigned to"
        details["assignee"] = (request.assignee or "").strip()[:200]
    if request.action == "dismiss" and request.match is None:
        errors["match"] = "name the match to dismiss: party, list and reference"
    if request.action == "approve" and not request.decision_sha256:
        errors["decision_sha256"] = "name the decision you approve (its sha256)"
    if errors:
        raise InvalidAction("the action is incomplete", errors)
    return details
