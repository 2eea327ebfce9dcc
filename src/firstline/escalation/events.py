"""Events emitted by the escalation domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationRaised(Event):
    """Raised by an agent, or climbed by itself when nobody acknowledged in time."""

    type: ClassVar[str] = "escalation.raised"
    escalation_id: int
    conversation_id: int
    from_level: int
    to_level: int
    to_team_id: int | None
    reason: str
    ack_due_at: datetime | None
    automatic: bool
    # The people who answer at the target; their consoles ask them to acknowledge.
    notify_agent_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationAcknowledged(Event):
    type: ClassVar[str] = "escalation.acknowledged"
    escalation_id: int
    conversation_id: int
    level: int
    agent_id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationReturned(Event):
    type: ClassVar[str] = "escalation.returned"
    escalation_id: int
    conversation_id: int
    level: int
    to_agent_id: int | None
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EscalationClosed(Event):
    """The conversation was resolved (or closed) while escalated: nobody owes it an
    acknowledgement any more, and it will not climb."""

    type: ClassVar[str] = "escalation.closed"
    escalation_id: int
    conversation_id: int
    level: int
    to_team_id: int | None
    reason: str
