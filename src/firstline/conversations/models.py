"""Conversations and their messages.

Lists are ordered by id (creation order, newest first) because it is stable under concurrent
updates, which `updated_at` ordering is not: a row that moves while a client pages would be
skipped or seen twice. Every list filter has an index that ends in `id`, so the database walks
the index backwards and stops after one page, whatever the size of the table.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class Status(StrEnum):
    bot = "bot"  # the bot is talking with the customer; no person is involved yet
    open = "open"
    pending = "pending"
    on_hold = "on_hold"
    resolved = "resolved"
    closed = "closed"


class Priority(StrEnum):
    low = "low"
    normal = "normal"
    high = "high"
    urgent = "urgent"


class Channel(StrEnum):
    chat = "chat"
    email = "email"
    web_form = "web_form"
    api = "api"


class AuthorKind(StrEnum):
    customer = "customer"
    agent = "agent"
    bot = "bot"
    system = "system"


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    status: Mapped[str] = mapped_column(String(16), default=Status.open)
    priority: Mapped[str] = mapped_column(String(16), default=Priority.normal)
    language: Mapped[str] = mapped_column(String(8))
    product: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(String(300))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    last_message_preview: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Routing (routing/). While a conversation waits for an agent, `queue_rank` orders its
    # team's queue (milliseconds since the epoch; lowest first): the SLA due time, moved
    # earlier by `priority_boost` seconds for money at risk, VIP tier, anger, priority. A
    # waiting time is already in it, since older conversations fall due first; so the order
    # never needs recomputing and one index serves it.
    queue_rank: Mapped[int | None] = mapped_column(BigInteger)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    priority_boost: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    required_skill: Mapped[str | None] = mapped_column(String(40))
    relax_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    relax_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why the conversation is where it is: the rule that chose the team, each boost, each
    # relaxation, each re-route; the console shows it.
    routing_reasons: Mapped[list[dict[str, object]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set while the customer is waiting for an answer (from their message to an agent's reply).
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # SLA (sla/): the due times, and the earliest one still running, which the breach worker
    # reads through an index.
    # No foreign key: adding one would make SQLite rebuild the whole table on upgrade, and a
    # deleted policy only means the stored due times stay as they were computed.
    sla_policy_id: Mapped[int | None] = mapped_column(Integer)
    first_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_response_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sla_next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Escalation (escalation/): L1 is the front line, L10 the top of the ladder.
    escalation_level: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The business-line team a lateral escalation brought in; its members can see the
    # conversation while the escalation lasts.
    escalation_team_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index(
            "ix_conversations_queue",
            "team_id",
            "queue_rank",
            "id",
            sqlite_where=text("queue_rank IS NOT NULL"),
            postgresql_where=text("queue_rank IS NOT NULL"),
        ),
        Index(
            "ix_conversations_relax_at",
            "relax_at",
            sqlite_where=text("relax_at IS NOT NULL"),
            postgresql_where=text("relax_at IS NOT NULL"),
        ),
        Index(
            "ix_conversations_sla_next_due_at",
            "sla_next_due_at",
            sqlite_where=text("sla_next_due_at IS NOT NULL"),
            postgresql_where=text("sla_next_due_at IS NOT NULL"),
        ),
        Index("ix_conversations_team_assigned_at", "team_id", "assigned_at"),
        Index("ix_conversations_status_id", "status", "id"),
        Index("ix_conversations_team_status_id", "team_id", "status", "id"),
        Index("ix_conversations_assignee_status_id", "assignee_id", "status", "id"),
        Index("ix_conversations_customer_id", "customer_id", "id"),
        Index("ix_conversations_updated_at", "updated_at"),
    )


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    author_kind: Mapped[str] = mapped_column(String(16))
    author_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    # An id the customer's widget gives the message, so a resend after a network drop is
    # recognised instead of stored twice.
    client_id: Mapped[str | None] = mapped_column(String(64))

    # What a plain text cannot carry: the bot's answer options ("did this help?", a flow's
    # choices) and the article it cites.
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_messages_conversation_id", "conversation_id", "id"),
        Index("uq_messages_conversation_client", "conversation_id", "client_id", unique=True),
    )


class Attachment(Base):
    """A file that came with a message (mail, the widget) or goes with an agent's reply. The
    bytes lie in the blob store (core/blobs.py) under `sha256`; `content_type` was read from
    them. An upload not yet sent with a message has no message_id and belongs to its uploader
    (`uploaded_by_agent_id`) until it is."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(255))
    # A mail's inline part (`<img src="cid:...">` in its HTML) carries its Content-ID here.
    content_id: Mapped[str | None] = mapped_column(String(255))
    inline: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_attachments_message_id", "message_id", "id"),
        Index("ix_attachments_conversation_id", "conversation_id", "id"),
        Index("ix_attachments_sha256", "sha256"),
    )
