"""Customers: the people who write in, identified by the id the company's product gives them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
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
