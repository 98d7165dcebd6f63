"""contact checks: the NGO's verification dates for directory entries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_checks",
        sa.Column("contact_id", sa.String(length=64), nullable=False),
        sa.Column("checked_on", sa.String(length=10), nullable=False),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_contact_checks")),
    )


def downgrade() -> None:
    op.drop_table("contact_checks")
