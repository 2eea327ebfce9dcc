"""Trained intent models, kept with the deployment so that every server process uses the same.

The newest row is the active model: training inserts a row in one transaction, so the switch is
atomic and a failed training leaves the previous model in place. A few older rows are kept
to look back at; `digest` (SHA-256 of `parameters`) lets a process see that the active model
changed without reading the parameters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class IntentModel(Base):
    __tablename__ = "intent_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    # A NumPy .npz archive of plain arrays (see intents/classifier.py), never a pickle.
    parameters: Mapped[bytes] = mapped_column(LargeBinary)
    labels: Mapped[list[str]] = mapped_column(JSON)
    out_of_scope_label: Mapped[str | None] = mapped_column(String(120))
    threshold: Mapped[float] = mapped_column(Float)
    examples: Mapped[int] = mapped_column(Integer)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(300))
    trained_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
