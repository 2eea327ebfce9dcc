"""Flows: the definitions admins stored (built-in flows ship as files, not rows).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flow_definitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flow_id", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_agent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_flow_definitions_updated_by_agent_id_agents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_definitions")),
    )
    with op.batch_alter_table("flow_definitions", schema=None) as batch_op:
        batch_op.create_index("uq_flow_definitions_flow_id", ["flow_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("flow_definitions", schema=None) as batch_op:
        batch_op.drop_index("uq_flow_definitions_flow_id")
    op.drop_table("flow_definitions")
