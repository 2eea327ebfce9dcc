"""Events emitted by the SLA domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class SlaBreached(Event):
    """A target was missed; recorded once (sla_outcomes), whoever noticed it first."""

    type: ClassVar[str] = "sla.breached"
    conversation_id: int
    metric: str
    due_at: datetime
    team_id: int | None
    language: str
