"""The audit trail: who did what to which record, and when. Written by actions, never edited;
chained by hashes so that an edit shows (audit/chain.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_kind: Mapped[str] = mapped_column(String(16))  # agent, customer, system
    actor_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The hash chain (audit/chain.py): the previous entry's hash (NULL for the first) and this
    # entry's, hex SHA-256.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    # Each filter of the log's readers (GET /api/v1/audit) has an index ending in id, so a
    # page of a filtered list is read from the index newest first.
    __table_args__ = (
        Index("ix_audit_entries_entity", "entity_type", "entity_id", "id"),
        Index("ix_audit_entries_actor", "actor_agent_id", "id"),
        Index("ix_audit_entries_action", "action", "id"),
        Index("ix_audit_entries_occurred", "occurred_at", "id"),
    )
