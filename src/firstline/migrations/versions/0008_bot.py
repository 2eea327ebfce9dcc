"""The bot: its sessions, message options and citations, the help center's topic index.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bot_sessions",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("turns", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("handover_reason", sa.String(length=32), nullable=True),
        sa.Column("started_at", firstline.core.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(), nullable=False),
        sa.Column("ended_at", firstline.core.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_bot_sessions_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_bot_sessions")),
    )
    with op.batch_alter_table("bot_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_bot_sessions_outcome_ended_at", ["outcome", "ended_at"])
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meta", sa.JSON(), nullable=True))
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(
            "ix_articles_locale_status_category_id", ["locale", "status", "category", "id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_locale_status_category_id")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("meta")
    with op.batch_alter_table("bot_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_bot_sessions_outcome_ended_at")
    op.drop_table("bot_sessions")
