"""API tokens with names, scopes, expiry and last use.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02

Tokens issued before this revision keep working as they did: no scopes (everything their
agent's role allows) and no expiry. Revoke and reissue them to give them both.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("expires_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("created_by_agent_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("last_used_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("last_used_address", sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_api_tokens_created_by_agent_id_agents"),
            "agents",
            ["created_by_agent_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_api_tokens_created_by_agent_id_agents"), type_="foreignkey"
        )
        batch_op.drop_column("last_used_address")
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("created_by_agent_id")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("scopes")
