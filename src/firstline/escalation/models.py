"""The escalation ladder (L1 to L10) and each escalation of a conversation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class EscalationState:
    open = "open"  # waiting for someone at the target to acknowledge
    acknowledged = "acknowledged"
    climbed = "climbed"  # not acknowledged in time; the next level took over
    returned = "returned"  # de-escalated back to whoever raised it
    closed = "closed"  # the conversation was resolved or closed while it was escalated


class EscalationLevel(Base):
    """One rung of the ladder: who answers at this level (named agents, else everyone with
    `role` or above) and how long they have to acknowledge before it climbs."""

    __tablename__ = "escalation_levels"

    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    agent_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    ack_minutes: Mapped[int] = mapped_column(Integer)


class Escalation(Base):
    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    from_level: Mapped[int] = mapped_column(Integer)
    to_level: Mapped[int] = mapped_column(Integer)
    # Set for a lateral escalation to a business-line team (futures, P2P, compliance...).
    to_team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    raised_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    state: Mapped[str] = mapped_column(String(16), default=EscalationState.open)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ack_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_escalations_conversation", "conversation_id", "id"),
        Index(
            "ix_escalations_open_due",
            "ack_due_at",
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
    )
