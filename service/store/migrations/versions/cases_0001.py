"""Cases: officers and their sessions, cases, transactions, decisions, actions, false-positive
memory, rule-set snapshots and the hash-chained audit log (append-only; in PostgreSQL a trigger
refuses UPDATE and DELETE on it, whatever the role).

Revision ID: cases
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TZ, nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_officers_username", "officers", ["username"], unique=True)
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("officer_id", sa.Integer(), sa.ForeignKey("officers.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
    )
    op.create_index("ix_web_sessions_officer_id", "web_sessions", ["officer_id"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("regimes", sa.String(400), nullable=False),
        sa.Column("assignee", sa.String(200), nullable=True),
        sa.Column("transaction_date", sa.Date(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
    )
    for column in ("status", "outcome", "assignee", "transaction_date", "created_at"):
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_table(
        "case_transactions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False, unique=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(71), nullable=False),
    )
    op.create_table(
        "case_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("cause", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(71), nullable=False),
        sa.Column("rules_version", sa.String(100), nullable=False),
        sa.Column("list_version", sa.String(400), nullable=False),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("input_sha256", sa.String(71), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
    )
    op.create_index("ix_case_decisions_case_id", "case_decisions", ["case_id"])
    op.create_table(
        "case_actions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("reason_code", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("decision_sha256", sa.String(71), nullable=True),
        sa.Column("status_before", sa.String(20), nullable=False),
        sa.Column("status_after", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("resolves", sa.Integer(), nullable=True),
    )
    op.create_index("ix_case_actions_case_id", "case_actions", ["case_id"])
    op.create_table(
        "suppressions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fingerprint", sa.String(71), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("fingerprint", "source", "reference", "entry_hash"),
    )
    op.create_index("ix_suppressions_fingerprint", "suppressions", ["fingerprint"])
    op.create_table(
        "rule_snapshots",
        sa.Column("version", sa.String(100), primary_key=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("archive", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # the one head row, before any entry: the chain starts from 64 zeros
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])
    if op.get_bind().dialect.name == "postgresql":
        _refuse_changes_to_audit_rows(_prefix())


def _prefix() -> str:
    """The schema the tables are in, as a prefix for raw SQL (which the schema map skips)."""
    schema = op.get_context().version_table_schema
    return f'"{schema}".' if schema else ""


def _refuse_changes_to_audit_rows(prefix: str) -> None:
    """Defence in depth beside the grants: no role, owner included, updates or deletes audit
    rows unless a superuser disables the trigger (which itself is visible in the catalogue)."""
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION {prefix}audit_log_append_only() RETURNS trigger AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
        END
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        f"CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE "
        f"ON {prefix}audit_log FOR EACH STATEMENT EXECUTE FUNCTION {prefix}audit_log_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        prefix = _prefix()
        op.execute(f"DROP TRIGGER IF EXISTS audit_log_append_only ON {prefix}audit_log")
        op.execute(f"DROP FUNCTION IF EXISTS {prefix}audit_log_append_only()")
    for table in (
        "audit_head", "audit_log", "rule_snapshots", "suppressions", "case_actions",
        "case_decisions", "case_transactions", "cases", "web_sessions", "officers",
    ):  # fmt: skip
        op.drop_table(table)
