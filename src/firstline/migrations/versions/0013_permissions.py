"""Roles made of named permissions (built-in agent/supervisor/admin, custom roles).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The built-in roles' rows; what they may do comes from code (agents/permissions.py).
_BUILTIN = (
    ("agent", "Answers customers in their teams' queues.", False),
    ("supervisor", "Runs the floor: sees every queue, staffs, publishes, reads reports.", False),
    ("admin", "Configures Firstline and manages accounts and roles.", True),
)


def upgrade() -> None:
    roles = op.create_table(
        "roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=500), server_default="", nullable=False),
        sa.Column("permissions", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("builtin", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("require_two_factor", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roles")),
        sa.UniqueConstraint("name", name=op.f("uq_roles_name")),
    )
    at = datetime.now(UTC)
    op.bulk_insert(
        roles,
        [
            {
                "name": name,
                "description": description,
                "permissions": [],
                "builtin": True,
                "require_two_factor": two_factor,
                "created_at": at,
                "updated_at": at,
            }
            for name, description, two_factor in _BUILTIN
        ],
    )
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.alter_column(
            "role", existing_type=sa.String(length=16), type_=sa.String(length=40)
        )
    # Recovery cases are worked by a team (the policy's recovery team), scoped like
    # conversations; cases opened before have none (every recovery agent sees them).
    for table in ("recovery_cases", "recovery_policy"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_team_id_teams"),
                "teams",
                ["team_id"],
                ["id"],
                ondelete="SET NULL",
            )
    op.create_index("ix_recovery_cases_team", "recovery_cases", ["team_id", "id"], unique=False)
    # A knowledge-base draft belongs to whoever created it (articles before this: nobody).
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_agent_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_articles_owner_agent_id_agents"),
            "agents",
            ["owner_agent_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_articles_owner_agent_id_agents"), type_="foreignkey"
        )
        batch_op.drop_column("owner_agent_id")
    op.drop_index("ix_recovery_cases_team", table_name="recovery_cases")
    for table in ("recovery_policy", "recovery_cases"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_team_id_teams"), type_="foreignkey")
            batch_op.drop_column("team_id")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.alter_column(
            "role", existing_type=sa.String(length=40), type_=sa.String(length=16)
        )
    op.drop_table("roles")
