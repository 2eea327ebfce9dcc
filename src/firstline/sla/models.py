"""SLA policies (targets) and outcomes (each target met or breached, recorded once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class Metric:
    first_response = "first_response"
    next_response = "next_response"
    resolution = "resolution"


class SlaPolicy(Base):
    """Targets for conversations that match every condition set (null matches anything).
    The most specific matching policy wins, then the lowest `position`; with none, the
    built-in defaults apply (sla/rules.py)."""

    __tablename__ = "sla_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=100)
    channel: Mapped[str | None] = mapped_column(String(16))
    tier: Mapped[str | None] = mapped_column(String(32))
    priority: Mapped[str | None] = mapped_column(String(16))
    first_response_seconds: Mapped[int] = mapped_column(Integer)
    next_response_seconds: Mapped[int] = mapped_column(Integer)
    resolution_seconds: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SlaOutcome(Base):
    """One SLA target of one conversation, met or breached. The unique key is what makes a
    breach count exactly once: whichever worker or request sees it first inserts the row, and
    every other attempt finds it there."""

    __tablename__ = "sla_outcomes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(8))  # met, breached
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    language: Mapped[str] = mapped_column(String(8))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("uq_sla_outcomes_target", "conversation_id", "metric", "due_at", unique=True),
        Index("ix_sla_outcomes_recorded_at", "recorded_at"),
        # The breach log, newest first, for everyone and per team.
        Index("ix_sla_outcomes_outcome_id", "outcome", "id"),
        Index("ix_sla_outcomes_outcome_team_id", "outcome", "team_id", "id"),
    )
