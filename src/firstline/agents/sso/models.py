"""An agent's identity at an OpenID Connect provider: the provider's (issuer, subject) pair
never changes when the person's e-mail does, so the first sign-in matched by e-mail is
remembered by it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class AgentIdentity(Base):
    __tablename__ = "agent_identities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    issuer: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(255))
    # The e-mail the provider asserted when the identity was linked (for people reading it).
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("uq_agent_identities_issuer_subject", "issuer", "subject", unique=True),
    )
