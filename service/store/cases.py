"""Cases and what hangs off them: the transaction, decisions, actions, dismissed false positives.

Reads are short sessions. Every change goes through :meth:`CaseRepository.write`, one
transaction that takes the audit chain's lock first, so the action and its audit entry commit
together or not at all, and concurrent actions on a case are serialised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from service.store import audit
from service.store.database import Database, utc
from service.store.models import (
    Case,
    CaseAction,
    CaseDecision,
    CaseTransaction,
    RuleSnapshot,
    Suppression,
)

MAX_ID = 2**31 - 1  # ids are 32-bit integers in every database; larger ones name nothing


def _id(value: int | None) -> bool:
    return value is not None and 0 < value <= MAX_ID


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    reference: str | None
    status: str
    outcome: str
    regimes: tuple[str, ...]
    assignee: str | None
    transaction_date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str
    decision_id: int | None


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    id: int
    case_id: int
    created_at: dt.datetime
    cause: str
    outcome: str
    body: dict[str, Any]
    sha256: str
    rules_version: str
    list_version: str
    engine_version: str
    input_sha256: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: int
    case_id: int
    at: dt.datetime
    actor: str
    actor_role: str
    action: str
    reason_code: str
    reason: str
    details: dict[str, Any]
    decision_id: int | None
    decision_sha256: str | None
    status_before: str
    status_after: str
    state: str
    resolves: int | None


@dataclass(frozen=True)
class CaseFilter:
    """What the queue asks for; empty fields do not filter."""

    status: str | None = None
    outcome: str | None = None
    assignee: str | None = None
    regime: str | None = None
    date_from: dt.date | None = None  # transaction date
    date_to: dt.date | None = None
    text: str | None = None  # in the reference
    statuses: tuple[str, ...] = field(default=())


class CaseWriter:
    """The changes one transaction makes; the audit lock is held from the start."""

    def __init__(self, session: Session) -> None:
        self.s = session

    def case(self, case_id: int) -> CaseRecord | None:
        row = self.s.get(Case, case_id, populate_existing=True) if _id(case_id) else None
        return _case(row) if row else None

    def decision(self, decision_id: int | None) -> DecisionRecord | None:
        row = self.s.get(CaseDecision, decision_id) if _id(decision_id) else None
        return _decision(row) if row else None

    def create_case(
        self, reference: str | None, transaction: dict[str, Any], sha256: str,
        transaction_date: dt.date, actor: str, status: str,
    ) -> int:  # fmt: skip
        now = dt.datetime.now(dt.UTC)
        row = Case(reference=reference, status=status, outcome="review", regimes="",
                   transaction_date=transaction_date, created_at=now, updated_at=now,
                   created_by=actor)  # fmt: skip
        self.s.add(row)
        self.s.flush()
        self.s.add(CaseTransaction(case_id=row.id, body=transaction, sha256=sha256))
        return row.id

    def add_decision(
        self, case_id: int, cause: str, body: dict[str, Any], sha256: str, input_sha256: str,
        params: dict[str, Any],
    ) -> DecisionRecord:  # fmt: skip
        versions = body.get("versions", {})
        row = CaseDecision(
            case_id=case_id, created_at=dt.datetime.now(dt.UTC), cause=cause,
            outcome=body["outcome"], body=body, sha256=sha256,
            rules_version=versions.get("rules", ""), list_version=versions.get("list", ""),
            engine_version=versions.get("engine", ""), input_sha256=input_sha256, params=params,
        )  # fmt: skip
        self.s.add(row)
        self.s.flush()
        case = self.s.get(Case, case_id)
        assert case is not None
        regimes = sorted({f["regime"] for f in body.get("findings", []) if f.get("regime")})
        case.outcome, case.decision_id = row.outcome, row.id
        case.regimes = "".join(f",{r}" for r in regimes) + ("," if regimes else "")
        case.updated_at = row.created_at
        return _decision(row)

    def update_case(self, case_id: int, **values: Any) -> None:
        case = self.s.get(Case, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)
        case.updated_at = dt.datetime.now(dt.UTC)

    def add_action(self, **values: Any) -> ActionRecord:
        row = CaseAction(at=dt.datetime.now(dt.UTC), **values)
        self.s.add(row)
        self.s.flush()
        return _action(row)

    def pending(self, case_id: int) -> ActionRecord | None:
        query = select(CaseAction).where(
            CaseAction.case_id == case_id, CaseAction.state == "pending"
        )
        row = self.s.scalars(query.order_by(CaseAction.id.desc()).limit(1)).first()
        return _action(row) if row else None

    def last_action(self, case_id: int) -> ActionRecord:
        query = select(CaseAction).where(CaseAction.case_id == case_id)
        row = self.s.scalars(query.order_by(CaseAction.id.desc()).limit(1)).one()
        return _action(row)

    def set_state(self, action_id: int, state: str) -> None:
        row = self.s.get(CaseAction, action_id)
        assert row is not None
        row.state = state

    def add_suppression(
        self, fingerprint: str, source: str, reference: str, entry_hash: str, note: str,
        case_id: int, action_id: int,
    ) -> None:  # fmt: skip
        key = (Suppression.fingerprint == fingerprint, Suppression.source == source,
               Suppression.reference == reference, Suppression.entry_hash == entry_hash)  # fmt: skip
        if self.s.scalar(select(Suppression.id).where(*key)) is None:
            self.s.add(Suppression(fingerprint=fingerprint, source=source, reference=reference,
                                   entry_hash=entry_hash, note=note, case_id=case_id,
                                   action_id=action_id, created_at=dt.datetime.now(dt.UTC)))  # fmt: skip

    def audit(
        self, actor: str, action: str, case_id: int | None, data: dict[str, Any]
    ) -> audit.AuditRecord:
        return audit.append(self.s, actor, action, case_id, data)


class CaseRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def write(self) -> Iterator[CaseWriter]:
        """One transaction for an action and its audit entries (the chain's lock taken first)."""
        with self.db.session() as s:
            audit.lock_head(s)
            yield CaseWriter(s)

    def get(self, case_id: int) -> CaseRecord | None:
        if not _id(case_id):
            return None
        with self.db.session() as s:
            row = s.get(Case, case_id)
            return _case(row) if row else None

    def transaction(self, case_id: int) -> dict[str, Any] | None:
        if not _id(case_id):
            return None
        with self.db.session() as s:
            query = select(CaseTransaction.body).where(CaseTransaction.case_id == case_id)
            body = s.scalar(query)
            return dict(body) if body is not None else None

    def decision(self, decision_id: int) -> DecisionRecord | None:
        if not _id(decision_id):
            return None
        with self.db.session() as s:
            row = s.get(CaseDecision, decision_id)
            return _decision(row) if row else None

    def decisions(self, case_id: int) -> list[DecisionRecord]:
        """Every decision of a case, oldest first."""
        query = select(CaseDecision).where(CaseDecision.case_id == case_id)
        with self.db.session() as s:
            return [_decision(r) for r in s.scalars(query.order_by(CaseDecision.id))]

    def actions(self, case_id: int) -> list[ActionRecord]:
        query = select(CaseAction).where(CaseAction.case_id == case_id)
        with self.db.session() as s:
            return [_action(r) for r in s.scalars(query.order_by(CaseAction.id))]

    def find(
        self, where: CaseFilter, *, offset: int = 0, limit: int = 50
    ) -> tuple[list[CaseRecord], int]:
        """One page of cases, newest first, and how many match in all."""
        conditions = _conditions(where)
        query = select(Case).where(*conditions).order_by(Case.id.desc())
        with self.db.session() as s:
            total = s.scalar(select(func.count(Case.id)).where(*conditions)) or 0
            rows = [_case(r) for r in s.scalars(query.offset(offset).limit(limit))]
        return rows, total

    def counts(self) -> dict[str, dict[str, int]]:
        """Cases per status and per outcome of the latest decision."""
        with self.db.session() as s:
            by_status = s.execute(select(Case.status, func.count()).group_by(Case.status))
            by_outcome = s.execute(select(Case.outcome, func.count()).group_by(Case.outcome))
            return {"status": {s: n for s, n in by_status},
                    "outcome": {o: n for o, n in by_outcome}}  # fmt: skip

    def open_ids(self, statuses: Sequence[str]) -> list[int]:
        """Ids of cases in these statuses (for re-screening), oldest first."""
        query = select(Case.id).where(Case.status.in_(statuses)).order_by(Case.id)
        with self.db.session() as s:
            return list(s.scalars(query))

    def suppressions(self, fingerprints: Iterable[str]) -> dict[tuple[str, str, str, str], str]:
        """The dismissed false positives of these queries, keyed as screening looks them up."""
        wanted = sorted(set(fingerprints))
        if not wanted:
            return {}
        query = select(Suppression).where(Suppression.fingerprint.in_(wanted))
        with self.db.session() as s:
            return {(r.fingerprint, r.source, r.reference, r.entry_hash): r.note
                    for r in s.scalars(query)}  # fmt: skip


class SnapshotRepository:
    """Rule trees as content-addressed archives, keyed by the rule-set hash."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._known: set[str] = set()

    def has(self, version: str) -> bool:
        if version in self._known:
            return True
        with self.db.session() as s:
            found = s.scalar(select(RuleSnapshot.version).where(RuleSnapshot.version == version))
        if found:
            self._known.add(version)
        return found is not None

    def put(self, version: str, archive: bytes) -> None:
        """Keep an archive once (a second writer of the same version changes nothing)."""
        if self.has(version):
            return
        try:
            with self.db.session() as s:
                s.add(RuleSnapshot(version=version, archive=archive,
                                   created_at=dt.datetime.now(dt.UTC)))  # fmt: skip
        except Exception:
            if not self.has(version):  # another process stored it first: fine; else re-raise
                raise
        self._known.add(version)

    def get(self, version: str) -> bytes | None:
        with self.db.session() as s:
            return s.scalar(select(RuleSnapshot.archive).where(RuleSnapshot.version == version))


def _conditions(where: CaseFilter) -> list[Any]:
    out: list[Any] = []
    if where.status:
        out.append(Case.status == where.status)
    if where.statuses:
        out.append(Case.status.in_(where.statuses))
    if where.outcome:
        out.append(Case.outcome == where.outcome)
    if where.assignee:
        out.append(Case.assignee == where.assignee)
    if where.regime:
        out.append(Case.regimes.like(f"%,{where.regime.upper()},%"))
    if where.date_from:
        out.append(Case.transaction_date >= where.date_from)
    if where.date_to:
        out.append(Case.transaction_date <= where.date_to)
    if where.text:
        pattern = "%" + where.text.replace("%", "").replace("_", "") + "%"
        out.append(or_(Case.reference.ilike(pattern)))
    return out


def _case(row: Case) -> CaseRecord:
    regimes = tuple(r for r in row.regimes.split(",") if r)
    return CaseRecord(row.id, row.reference, row.status, row.outcome, regimes, row.assignee,
                      row.transaction_date, utc(row.created_at), utc(row.updated_at),
                      row.created_by, row.decision_id)  # fmt: skip


def _decision(row: CaseDecision) -> DecisionRecord:
    return DecisionRecord(row.id, row.case_id, utc(row.created_at), row.cause, row.outcome,
                          dict(row.body), row.sha256, row.rules_version, row.list_version,
                          row.engine_version, row.input_sha256, dict(row.params))  # fmt: skip


def _action(row: CaseAction) -> ActionRecord:
    return ActionRecord(row.id, row.case_id, utc(row.at), row.actor, row.actor_role, row.action,
                        row.reason_code, row.reason, dict(row.details), row.decision_id,
                        row.decision_sha256, row.status_before, row.status_after, row.state,
                        row.resolves)  # fmt: skip
