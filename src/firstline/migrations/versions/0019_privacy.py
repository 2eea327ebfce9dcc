"""Privacy: customer erasure and retention rules.

Customers gain `active_at` (when they were last heard from, for the retention job; filled
from `updated_at` for the customers already there) and `erased_at`; `retention_policy` holds
the rules admins set (one row, written on the first save).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "customers",
        sa.Column("active_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "customers",
        sa.Column("erased_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
    )
    op.execute("UPDATE customers SET active_at = updated_at")
    op.create_index(
        "ix_customers_active_at",
        "customers",
        ["active_at", "id"],
        unique=False,
        sqlite_where=sa.text("erased_at IS NULL"),
        postgresql_where=sa.text("erased_at IS NULL"),
    )
    op.create_table(
        "retention_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erase_inactive_days", sa.Integer(), nullable=True),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_policy")),
    )


def downgrade() -> None:
    op.drop_table("retention_policy")
    op.drop_index(
        "ix_customers_active_at",
        table_name="customers",
        sqlite_where=sa.text("erased_at IS NULL"),
        postgresql_where=sa.text("erased_at IS NULL"),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("active_at")
