"""Customers: the people who write in, identified by the id the company's product gives them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime

# The external id of an anonymous chat visitor starts with this (chat/identity.py signs the rest);
# every other external id is the company's own user id.
VISITOR_PREFIX = "visitor:"


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    # What the customer's app or browser said, as given; `language` is what we serve them in.
    locale: Mapped[str | None] = mapped_column(String(35))
    language: Mapped[str | None] = mapped_column(String(8))
    tier: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The last time the customer was heard from as far as this row knows (intake and chat
    # sessions set it); the retention job reads it through an index, checks their newest
    # conversation, and moves it forward when that was more recent (privacy/jobs.py).
    active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when the person was erased (privacy/actions.py): the row stays for the statistics
    # of their conversations, without anything that says who they were.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        # Mail finds its customer by the From address (stored in lower case).
        Index("ix_customers_email", "email", "id"),
        Index(
            "ix_customers_active_at",
            "active_at",
            "id",
            sqlite_where=text("erased_at IS NULL"),
            postgresql_where=text("erased_at IS NULL"),
        ),
    )
