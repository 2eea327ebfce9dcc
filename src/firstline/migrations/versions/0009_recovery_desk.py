"""The deposit-recovery desk: cases, the support matrix, the fee policy.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recovery_assets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("token", sa.String(length=16), nullable=False),
        sa.Column("contract", sa.String(length=128), nullable=True),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("path", sa.String(length=16), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=True),
        sa.Column("min_deposit", sa.String(length=48), nullable=True),
        sa.Column("price", sa.String(length=48), nullable=True),
        sa.Column("may_be_listed", sa.Boolean(), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_assets")),
        sa.UniqueConstraint("key", name=op.f("uq_recovery_assets_key")),
    )
    op.create_table(
        "recovery_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fee_percent", sa.String(length=16), nullable=False),
        sa.Column("fee_minimum", sa.String(length=24), nullable=False),
        sa.Column("fee_maximum", sa.String(length=24), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column("wait_below", sa.String(length=24), nullable=False),
        sa.Column("sla_hours", sa.JSON(), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_policy")),
    )
    op.create_table(
        "recovery_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("applicant_user_id", sa.String(length=128), nullable=True),
        sa.Column("applicant_email", sa.String(length=254), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("token", sa.String(length=16), nullable=False),
        sa.Column("tx_hash", sa.String(length=128), nullable=False),
        sa.Column("amount", sa.String(length=48), nullable=True),
        sa.Column("address", sa.String(length=128), nullable=False),
        sa.Column("memo", sa.String(length=100), nullable=True),
        sa.Column("cause", sa.String(length=24), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=True),
        sa.Column("path", sa.String(length=16), nullable=True),
        sa.Column("found_network", sa.String(length=16), nullable=False),
        sa.Column("found_token", sa.String(length=16), nullable=False),
        sa.Column("contract", sa.String(length=128), nullable=True),
        sa.Column("chain_amount", sa.String(length=48), nullable=True),
        sa.Column("value_cents", sa.BigInteger(), nullable=True),
        sa.Column("advice", sa.String(length=24), nullable=True),
        sa.Column("wait_seconds", sa.Integer(), nullable=True),
        sa.Column("diagnosis", sa.JSON(), nullable=False),
        sa.Column("diagnosed_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("fee_currency", sa.String(length=8), nullable=False),
        sa.Column("fee_cents", sa.BigInteger(), nullable=True),
        sa.Column("fee_accepted_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("fee_charged_cents", sa.BigInteger(), nullable=True),
        sa.Column("recovered_amount", sa.String(length=48), nullable=True),
        sa.Column("recovered_value_cents", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("due_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("assignee_agent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assignee_agent_id"],
            ["agents.id"],
            name=op.f("fk_recovery_cases_assignee_agent_id_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_recovery_cases_conversation_id_conversations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_recovery_cases_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_cases")),
        sa.UniqueConstraint("public_id", name=op.f("uq_recovery_cases_public_id")),
    )
    with op.batch_alter_table("recovery_cases", schema=None) as batch_op:
        batch_op.create_index("ix_recovery_cases_conversation", ["conversation_id"], unique=False)
        batch_op.create_index("ix_recovery_cases_created", ["created_at"], unique=False)
        batch_op.create_index("ix_recovery_cases_customer", ["customer_id", "id"], unique=False)
        batch_op.create_index(
            "ix_recovery_cases_network_state", ["found_network", "state", "id"], unique=False
        )
        batch_op.create_index("ix_recovery_cases_state", ["state", "id"], unique=False)
        batch_op.create_index(
            "ix_recovery_cases_clock",
            ["id", "due_at"],
            unique=False,
            sqlite_where=sa.text("due_at IS NOT NULL"),
            postgresql_where=sa.text("due_at IS NOT NULL"),
        )
        batch_op.create_index("ix_recovery_cases_cause", ["cause", "id"], unique=False)
        batch_op.create_index("ix_recovery_cases_tx", ["tx_hash"], unique=False)
        batch_op.create_index(
            "uq_recovery_cases_open_tx",
            ["network", "tx_hash"],
            unique=True,
            sqlite_where=sa.text("closed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("recovery_cases", schema=None) as batch_op:
        batch_op.drop_index("uq_recovery_cases_open_tx")
        batch_op.drop_index("ix_recovery_cases_tx")
        batch_op.drop_index("ix_recovery_cases_state")
        batch_op.drop_index("ix_recovery_cases_cause")
        batch_op.drop_index("ix_recovery_cases_clock")
        batch_op.drop_index("ix_recovery_cases_network_state")
        batch_op.drop_index("ix_recovery_cases_customer")
        batch_op.drop_index("ix_recovery_cases_created")
        batch_op.drop_index("ix_recovery_cases_conversation")

    op.drop_table("recovery_cases")
    op.drop_table("recovery_policy")
    op.drop_table("recovery_assets")
