"""Cases, the compliance workflow: cases opened from transactions, officers' actions with
reason codes, four eyes bound to one decision, false-positive memory, replayable decisions and
the hash-chained audit log. No Flask here: the API, the pages and the CLI call this package.
"""

from service.cases.audit import Verdict, export, read_head, verify
from service.cases.casework import Casework, sha256
from service.cases.errors import (
    CaseError,
    CaseNotFound,
    Conflict,
    InvalidAction,
    NotAllowed,
    ReplayUnavailable,
)
from service.cases.officers import OFFICER_ROLES, Officers, SignIn, actor
from service.cases.reasons import BY_CODE, REASONS, ReasonCode, reasons_for
from service.cases.report import render_report
from service.cases.workflow import ACTIONS, STATUSES, ActionRequest, Actor, MatchRef

__all__ = [
    "ACTIONS",
    "BY_CODE",
    "OFFICER_ROLES",
    "REASONS",
    "STATUSES",
    "ActionRequest",
    "Actor",
    "CaseError",
    "CaseNotFound",
    "Casework",
    "Conflict",
    "InvalidAction",
    "MatchRef",
    "NotAllowed",
    "Officers",
    "ReasonCode",
    "ReplayUnavailable",
    "SignIn",
    "Verdict",
    "actor",
    "export",
    "read_head",
    "reasons_for",
    "render_report",
    "sha256",
    "verify",
]
