"""safety and confidentiality: recent message ids, personal safety settings, legal hold,
aggregate statistics, the audit anchor, stable operator refs with a rotating lookup

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recent_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.LargeBinary(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recent_messages")),
    )
    op.create_index(
        op.f("ix_recent_messages_subject_id"), "recent_messages", ["subject_id"], unique=False
    )
    op.create_index(op.f("ix_recent_messages_at"), "recent_messages", ["at"], unique=False)
    op.create_table(
        "stats",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("flow", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stats")),
        sa.UniqueConstraint(
            "day", "metric", "flow", "level", "outcome", "country", "locale",
            name=op.f("uq_stats_day"),
        ),
    )
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchor")),
    )
    with op.batch_alter_table("subjects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kid", sa.String(length=8), nullable=True))
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settings", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("country", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("level", sa.String(length=8), nullable=True))
    with op.batch_alter_table("case_requests", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lookup", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(op.f("uq_operators_lookup"), ["lookup"])
    # Operators registered so far were recognised by their ref: it is their lookup too.
    op.execute("UPDATE operators SET lookup = ref")


def downgrade() -> None:
    with op.batch_alter_table("operators", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("uq_operators_lookup"), type_="unique")
        batch_op.drop_column("lookup")
    with op.batch_alter_table("case_requests", schema=None) as batch_op:
        batch_op.drop_column("legal_hold")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("level")
        batch_op.drop_column("country")
        batch_op.drop_column("locale")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("settings")
    with op.batch_alter_table("subjects", schema=None) as batch_op:
        batch_op.drop_column("kid")
    op.drop_table("audit_anchor")
    op.drop_table("stats")
    op.drop_index(op.f("ix_recent_messages_at"), table_name="recent_messages")
    op.drop_index(op.f("ix_recent_messages_subject_id"), table_name="recent_messages")
    op.drop_table("recent_messages")
