"""API tokens' daily use counts, summarized into the audit log when the day is over.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_token_uses",
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("last_address", sa.String(length=64), nullable=True),
        sa.Column("summarized", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["api_tokens.id"],
            name=op.f("fk_api_token_uses_token_id_api_tokens"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_id", "day", name=op.f("pk_api_token_uses")),
    )
    op.create_index("ix_api_token_uses_pending", "api_token_uses", ["summarized", "day"])


def downgrade() -> None:
    op.drop_index("ix_api_token_uses_pending", table_name="api_token_uses")
    op.drop_table("api_token_uses")
