"""The webhooks table. Deliveries are rows of the outbox (core/outbox.py) whose target is
`webhook:<id>`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class Webhook(Base):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Event types (see rules.EVENT_TYPES), or ["*"] for every one.
    events: Mapped[list[str]] = mapped_column(JSON)
    # whsec_ + base64 of 24 random bytes (Standard Webhooks).
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


def target_of(webhook_id: int) -> str:
    """The outbox target of a webhook's deliveries."""
    return f"webhook:{webhook_id}"
