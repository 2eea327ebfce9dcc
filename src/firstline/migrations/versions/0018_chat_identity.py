"""Customers' identity: revocable, expiring chat tokens; single-use identity tokens; whether
the older user_hash is still accepted.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = firstline.core.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chat_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("proof", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("last_used_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("revoked_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_chat_sessions_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_chat_sessions_token_hash")),
    )
    op.create_index(
        op.f("ix_chat_sessions_customer_id"), "chat_sessions", ["customer_id"], unique=False
    )
    op.create_table(
        "chat_identity_nonces",
        sa.Column("jti", sa.String(length=200), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("jti", name=op.f("pk_chat_identity_nonces")),
    )
    op.create_index(
        op.f("ix_chat_identity_nonces_expires_at"),
        "chat_identity_nonces",
        ["expires_at"],
        unique=False,
    )
    op.create_table(
        "chat_identity_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_hash_allowed", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_identity_settings")),
    )


def downgrade() -> None:
    op.drop_table("chat_identity_settings")
    op.drop_index(op.f("ix_chat_identity_nonces_expires_at"), table_name="chat_identity_nonces")
    op.drop_table("chat_identity_nonces")
    op.drop_index(op.f("ix_chat_sessions_customer_id"), table_name="chat_sessions")
    op.drop_table("chat_sessions")
