"""Mailboxes (the support addresses mail comes to) and the mails that came and went.

A mail in or out is a `mail_messages` row beside the conversation's message: its Message-ID
(unique, so a mail fetched or delivered twice is stored once, and a reply's In-Reply-To finds
its conversation with one indexed read), who sent it, the sanitized HTML and the quoted history
the agent sees folded, what the receiving server said of SPF/DKIM/DMARC, and for an outgoing
mail the outbox row that sends it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class Direction(StrEnum):
    inbound = "in"
    outbound = "out"


class MailState(StrEnum):
    received = "received"  # in: became a message
    ignored = "ignored"  # in: an auto-reply, a list, a bounce of nothing of ours
    queued = "queued"  # out: waiting in the outbox
    sent = "sent"  # out: the mail server took it
    failed = "failed"  # out: refused, or every retry failed; `error` says why
    bounced = "bounced"  # out: taken, then a bounce came back


class Mailbox(Base):
    __tablename__ = "mailboxes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Lower case; unique. Mail to local+anything@domain reaches it too.
    address: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str | None] = mapped_column(String(120))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    product: Mapped[str | None] = mapped_column(String(40))
    # The language of a mail too short to tell; None: detected, else English.
    language: Mapped[str | None] = mapped_column(String(8))
    # {language: signature}: the reply's signature in the conversation's language, else the
    # mailbox's language's, else English's.
    signatures: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    acknowledge: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # IMAP polling instead of (or beside) the SMTP listener. The password is encrypted with
    # the deployment's key (core/secrets.py).
    imap_host: Mapped[str | None] = mapped_column(String(253))
    imap_port: Mapped[int | None] = mapped_column(Integer)
    imap_security: Mapped[str | None] = mapped_column(String(8))  # tls | starttls | none
    imap_user: Mapped[str | None] = mapped_column(String(254))
    imap_password: Mapped[str | None] = mapped_column(Text)
    imap_folder: Mapped[str | None] = mapped_column(String(200))
    # Where a fetched mail goes: a folder name, or None to mark it \\Seen and leave it.
    imap_move_to: Mapped[str | None] = mapped_column(String(200))
    imap_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    imap_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MailMessage(Base):
    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))
    state: Mapped[str] = mapped_column(String(10))
    # Without its angle brackets, at most 250 characters (a longer one is hashed).
    rfc_message_id: Mapped[str] = mapped_column(String(255), unique=True)
    mailbox_id: Mapped[int | None] = mapped_column(ForeignKey("mailboxes.id", ondelete="SET NULL"))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE")
    )
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    from_address: Mapped[str] = mapped_column(String(254))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300), default="")
    # The thread this mail answers, as its own headers said (out: what we sent).
    in_reply_to: Mapped[str | None] = mapped_column(String(255))
    references: Mapped[list[str]] = mapped_column(JSON, default=list)
    # In: the sanitized HTML part, and the quoted history and signature folded away for the
    # agent (kept, shown on request).
    html: Mapped[str | None] = mapped_column(Text)
    quoted: Mapped[str | None] = mapped_column(Text)
    # In: {"spf": "pass", "dkim": "fail", "dmarc": "none", "from_known": true} (see intake.py).
    auth: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # In and ignored: why ("auto_submitted", "list", "bounce"...).
    reason: Mapped[str | None] = mapped_column(String(40))
    outbox_id: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_mail_messages_message_id", "message_id"),
        Index("ix_mail_messages_conversation_id", "conversation_id", "id"),
        # The per-sender rate limit counts a sender's recent mails.
        Index("ix_mail_messages_sender", "from_address", "created_at"),
    )
