"""The retention rules admins set (one row, id 1; the defaults below until saved)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime

# Off unless an admin turns it on: erasing people is not something to do by default.
DEFAULT_ERASE_INACTIVE_DAYS: int | None = None
DEFAULT_BATCH = 50


class RetentionPolicy(Base):
    __tablename__ = "retention_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Erase customers not heard from for this many days (None: never).
    erase_inactive_days: Mapped[int | None] = mapped_column(Integer)
    # At most this many customers per job batch.
    batch: Mapped[int] = mapped_column(Integer, default=DEFAULT_BATCH)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
