"""Outbound webhooks and the transactional outbox that delivers them.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_attempt_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("finished_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index("ix_outbox_kind_state_due_at", "outbox", ["kind", "state", "due_at"])
    op.create_index("ix_outbox_target_id", "outbox", ["target", "id"])
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
    )


def downgrade() -> None:
    op.drop_table("webhooks")
    op.drop_index("ix_outbox_target_id", table_name="outbox")
    op.drop_index("ix_outbox_kind_state_due_at", table_name="outbox")
    op.drop_table("outbox")
