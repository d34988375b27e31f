"""SQLAlchemy 2 tables, one group per aggregate; every change comes with a migration.

A test upgrades an empty database through every migration and compares it with these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    """An API key; only the sha256 of the secret is kept, so a leaked database leaks no key."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ListVersion(Base):
    """One loaded version of a sanctions list, with its raw bytes (gzip) for reproducibility."""

    __tablename__ = "list_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    format: Mapped[str] = mapped_column(String(40), default="un-xml")  # the reader for ``raw``
    version: Mapped[str] = mapped_column(String(100))
    date_generated: Mapped[str] = mapped_column(String(60))
    sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    # an admin loaded it past a refusal (older, smaller, …): who and why, for the audit
    forced_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    loaded_by: Mapped[str | None] = mapped_column(String(200), nullable=True)


# --- cases (service.cases): officers, their sessions, cases, decisions, actions, audit -------


class Officer(Base):
    """A compliance officer's web account; the password is kept as an argon2 hash only."""

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # officer, approver or admin
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    """A signed-in officer's server-side session; the cookie holds a secret whose sha256 is the id."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Case(Base):
    """A transaction under review; ``outcome`` and ``regimes`` mirror the latest decision so the
    queue filters and counts without reading decisions."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    regimes: Mapped[str] = mapped_column(String(400), default="")  # ",DPRK,IRAN," for LIKE
    assignee: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    transaction_date: Mapped[dt.date] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200))
    decision_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the latest


class CaseTransaction(Base):
    """The transaction of a case as submitted (its date resolved), with its sha256."""

    __tablename__ = "case_transactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(71))


class CaseDecision(Base):
    """One decision on a case, in full, with what is needed to replay it: the rule-set hash
    (its snapshot in ``rule_snapshots``), the list and engine versions, the input's hash and the
    parameters (thresholds, day, dismissed matches applied)."""

    __tablename__ = "case_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    cause: Mapped[str] = mapped_column(String(40))  # created, dismissal, rescreen
    outcome: Mapped[str] = mapped_column(String(20))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(71))
    rules_version: Mapped[str] = mapped_column(String(100))
    list_version: Mapped[str] = mapped_column(String(400))
    engine_version: Mapped[str] = mapped_column(String(40))
    input_sha256: Mapped[str] = mapped_column(String(71))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)


class CaseAction(Base):
    """What an officer did, with the reason code and text; a four-eyes request is ``pending``
    until an approver approves or rejects it, or a new decision voids it."""

    __tablename__ = "case_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(20))
    reason_code: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    decision_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    decision_sha256: Mapped[str | None] = mapped_column(String(71), nullable=True)
    status_before: Mapped[str] = mapped_column(String(20))
    status_after: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(
        String(20), default="done"
    )  # done, pending, approved, rejected, void
    resolves: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the pending action


class Suppression(Base):
    """A dismissed false positive: this query against this content of this list entry."""

    __tablename__ = "suppressions"
    __table_args__ = (UniqueConstraint("fingerprint", "source", "reference", "entry_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(71), index=True)
    source: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(100))
    entry_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)
    case_id: Mapped[int] = mapped_column(Integer)
    action_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RuleSnapshot(Base):
    """A rule tree's files (tar, gzip) keyed by the rule-set hash, so any decision can be replayed."""

    __tablename__ = "rule_snapshots"

    version: Mapped[str] = mapped_column(String(100), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    archive: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEntry(Base):
    """One entry of the append-only, hash-chained audit log (never updated or deleted).

    ``hash`` = sha256 of the previous entry's hash and this entry's canonical JSON.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The newest entry of the chain; appending updates this one row first, which serialises
    writers (a row lock in PostgreSQL, the write lock in SQLite)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


# --- jobs (service.jobs): batches of items, their chunks, results, workers, webhook deliveries


class Job(Base):
    """A batch of items of one ``kind`` (``screening``; re-screening builds on the same tables),
    owned by the API key that submitted it. Progress lives in ``job_chunks``."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    total: Mapped[int] = mapped_column(Integer, default=0)
    chunk_size: Mapped[int] = mapped_column(Integer)
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    owner: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    callback_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    webhook_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class JobItem(Base):
    """One input item as submitted (``body``), or the reason it could not be read (``error``)."""

    __tablename__ = "job_items"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    body: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class JobChunk(Base):
    """Items ``[start, start + size)`` of a job: one task message; ``attempts`` counts enqueues."""

    __tablename__ = "job_chunks"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    start: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), index=True)  # queued, running, done
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    enqueued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class JobResult(Base):
    """The result of one item: the primary key (job, index) makes a second write a no-op."""

    __tablename__ = "job_results"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    outcome: Mapped[str] = mapped_column(String(20))  # a decision's outcome, or "error"
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class JobWorker(Base):
    """A worker process's heartbeat: /readyz says a worker is alive when one was seen lately."""

    __tablename__ = "job_workers"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebhookDelivery(Base):
    """One attempt to POST a job's summary to its ``callback_url``, whatever its outcome."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    url: Mapped[str] = mapped_column(Text)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ok: Mapped[bool] = mapped_column(Boolean, default=False)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    duration_ms: Mapped[float] = mapped_column(Float, default=0.0)


# --- re-screening (service.rescreen): stored screenings and what a change did to them ------


class StoredScreening(Base):
    """A screening kept for SANCTIONS_RESCREEN_DAYS so that a new list version or rule set can
    screen it again: the transaction (its date resolved), the outcome, a summary of findings and
    matches (what a re-screen compares), and the versions that produced it. ``source`` names
    where it came from (``api:<uuid>``, ``job:<job id>:<index>``) and is unique, so a job chunk
    run twice records its items once."""

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(120), unique=True, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # screening (POST /v1/screenings) or job
    reference: Mapped[str | None] = mapped_column(String(200), nullable=True)
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    screened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    transaction: Mapped[dict[str, Any]] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(20))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    rules_version: Mapped[str] = mapped_column(String(100))
    list_version: Mapped[str] = mapped_column(String(400))


class Rescreen(Base):
    """One re-screening after a list or rule change: the versions before and after, the list
    delta, how many stored screenings and cases were looked at and how many went through the
    pipeline; the per-item results are the results of its job (``job_id``)."""

    __tablename__ = "rescreens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    job_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    trigger: Mapped[str] = mapped_column(String(20))  # list, rules or manual
    mode: Mapped[str] = mapped_column(String(20))  # shortcut or full
    status: Mapped[str] = mapped_column(String(20))  # running, done, failed
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    owner: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    delta: Mapped[dict[str, Any]] = mapped_column(JSON)
    examined: Mapped[int] = mapped_column(Integer, default=0)
    selected: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    # "rules:<rules version>:<list version>" for one started by a process that found kept
    # screenings under other rules: unique, so several processes starting at once start one
    claim: Mapped[str | None] = mapped_column(String(500), nullable=True, unique=True, index=True)
