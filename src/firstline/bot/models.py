"""The bot's side of a conversation: what it is doing (a flow, waiting for "did this help?")
and how its part ended, for the agent who takes over and for the bot's reports."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class BotOutcome(StrEnum):
    resolved = "resolved"  # the customer said an answer or a flow settled it
    handover = "handover"  # a person took over


class BotSession(Base):
    __tablename__ = "bot_sessions"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    # What the bot is in the middle of: a flow's state, the answer it asked feedback on, how
    # many answers did not help, what it tried (for the handover summary).
    state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    turns: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(16))
    handover_reason: Mapped[str | None] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_bot_sessions_outcome_ended_at", "outcome", "ended_at"),)
