"""Single sign-on with OpenID Connect: agents' identities at providers.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agent_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_agent_identities_agent_id", "agent_identities", ["agent_id"], unique=False)
    op.create_index(
        "uq_agent_identities_issuer_subject",
        "agent_identities",
        ["issuer", "subject"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_agent_identities_issuer_subject", table_name="agent_identities")
    op.drop_index("ix_agent_identities_agent_id", table_name="agent_identities")
    op.drop_table("agent_identities")
