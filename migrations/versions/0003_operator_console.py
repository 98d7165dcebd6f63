"""operator console: operators, case holders and outcomes, the audit trail

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("telegram_ref", sa.LargeBinary(), nullable=False),
        sa.Column("alias", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("ref", name=op.f("uq_operators_ref")),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("case_code", sa.String(length=12), nullable=True),
        sa.Column("detail", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "console_state",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_console_state")),
    )
    with op.batch_alter_table("case_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder_ref", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("escalated", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("overdue_told", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("person_ended", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("feedback", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("topic_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("facts", sa.LargeBinary(), nullable=True))
    # requests recorded before the console are waiting in the queue
    op.execute("UPDATE case_requests SET status = 'queued' WHERE status = 'open'")


def downgrade() -> None:
    op.execute("UPDATE case_requests SET status = 'open' WHERE status IN ('queued', 'held')")
    with op.batch_alter_table("case_requests", schema=None) as batch_op:
        batch_op.drop_column("facts")
        batch_op.drop_column("topic_id")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("outcome")
        batch_op.drop_column("feedback")
        batch_op.drop_column("overdue_told")
        batch_op.drop_column("person_ended")
        batch_op.drop_column("escalated")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("holder_ref")
    op.drop_table("console_state")
    op.drop_table("audit")
    op.drop_table("operators")
