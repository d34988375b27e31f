"""Re-screening: screenings kept to be screened again after a list or rule change, and the
re-screenings themselves (their per-item results are job results).

Revision ID: rescreen
Revises: jobs
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rescreen"
down_revision = "jobs"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("reference", sa.String(200), nullable=True),
        sa.Column("key_id", sa.Integer(), nullable=True),
        sa.Column("screened_at", TZ, nullable=False),
        sa.Column("transaction", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("rules_version", sa.String(100), nullable=False),
        sa.Column("list_version", sa.String(400), nullable=False),
    )
    op.create_index("ix_screenings_source", "screenings", ["source"], unique=True)
    op.create_index("ix_screenings_key_id", "screenings", ["key_id"])
    op.create_index("ix_screenings_screened_at", "screenings", ["screened_at"])
    op.create_table(
        "rescreens",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("job_id", sa.String(32), nullable=True),
        sa.Column("trigger", sa.String(20), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("delta", sa.JSON(), nullable=False),
        sa.Column("examined", sa.Integer(), nullable=False),
        sa.Column("selected", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("claim", sa.String(500), nullable=True),
    )
    op.create_index("ix_rescreens_claim", "rescreens", ["claim"], unique=True)
    op.create_index("ix_rescreens_key_id", "rescreens", ["key_id"])
    op.create_index("ix_rescreens_created_at", "rescreens", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_rescreens_created_at", "rescreens")
    op.drop_index("ix_rescreens_key_id", "rescreens")
    op.drop_index("ix_rescreens_claim", "rescreens")
    op.drop_table("rescreens")
    for column in ("screened_at", "key_id", "source"):
        op.drop_index(f"ix_screenings_{column}", "screenings")
    op.drop_table("screenings")
