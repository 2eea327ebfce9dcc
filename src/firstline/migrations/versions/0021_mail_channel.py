"""The e-mail channel: mailboxes, the mails in and out, attachments, and customers found by
their address.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mailboxes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("product", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("signatures", sa.JSON(), nullable=False),
        sa.Column("acknowledge", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("imap_host", sa.String(length=253), nullable=True),
        sa.Column("imap_port", sa.Integer(), nullable=True),
        sa.Column("imap_security", sa.String(length=8), nullable=True),
        sa.Column("imap_user", sa.String(length=254), nullable=True),
        sa.Column("imap_password", sa.Text(), nullable=True),
        sa.Column("imap_folder", sa.String(length=200), nullable=True),
        sa.Column("imap_move_to", sa.String(length=200), nullable=True),
        sa.Column("imap_checked_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("imap_error", sa.Text(), nullable=True),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_mailboxes_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailboxes")),
        sa.UniqueConstraint("address", name=op.f("uq_mailboxes_address")),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_id", sa.String(length=255), nullable=True),
        sa.Column("inline", sa.Boolean(), nullable=False),
        sa.Column("uploaded_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_attachments_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_attachments_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_agent_id"],
            ["agents.id"],
            name=op.f("fk_attachments_uploaded_by_agent_id_agents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    op.create_index("ix_attachments_conversation_id", "attachments", ["conversation_id", "id"])
    op.create_index("ix_attachments_message_id", "attachments", ["message_id", "id"])
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])

    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("rfc_message_id", sa.String(length=255), nullable=False),
        sa.Column("mailbox_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("from_address", sa.String(length=254), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("in_reply_to", sa.String(length=255), nullable=True),
        sa.Column("references", sa.JSON(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("quoted", sa.Text(), nullable=True),
        sa.Column("auth", sa.JSON(), nullable=True),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", firstline.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", firstline.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_mail_messages_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mailbox_id"],
            ["mailboxes.id"],
            name=op.f("fk_mail_messages_mailbox_id_mailboxes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_mail_messages_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint("rfc_message_id", name=op.f("uq_mail_messages_rfc_message_id")),
    )
    op.create_index("ix_mail_messages_conversation_id", "mail_messages", ["conversation_id", "id"])
    op.create_index("ix_mail_messages_message_id", "mail_messages", ["message_id"])
    op.create_index("ix_mail_messages_sender", "mail_messages", ["from_address", "created_at"])

    op.create_index("ix_customers_email", "customers", ["email", "id"])


def downgrade() -> None:
    op.drop_index("ix_customers_email", table_name="customers")

    op.drop_index("ix_mail_messages_sender", table_name="mail_messages")
    op.drop_index("ix_mail_messages_message_id", table_name="mail_messages")
    op.drop_index("ix_mail_messages_conversation_id", table_name="mail_messages")

    op.drop_table("mail_messages")
    op.drop_index("ix_attachments_sha256", table_name="attachments")
    op.drop_index("ix_attachments_message_id", table_name="attachments")
    op.drop_index("ix_attachments_conversation_id", table_name="attachments")

    op.drop_table("attachments")
    op.drop_table("mailboxes")
