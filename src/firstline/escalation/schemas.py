"""What the API accepts and returns for escalations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.agents.models import Role
from firstline.core.types import Name

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class EscalateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason
    to: Any = Field(
        default="next",
        description='"next" (one level up), a level from 2 to 10, or {"team_id": n} for a '
        "business-line team (futures, P2P, compliance, security...).",
    )


class ReturnRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class EscalationOut(BaseModel):
    id: int
    conversation_id: int
    from_level: int
    to_level: int
    to_team_id: int | None
    reason: str
    raised_by_agent_id: int | None
    state: str
    created_at: datetime
    ack_due_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by_agent_id: int | None
    closed_at: datetime | None
    conversation_escalation_level: int


class LevelOut(BaseModel):
    level: int
    name: str
    role: str
    agent_ids: list[int]
    ack_minutes: int


class LevelUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    role: Role = Role.admin
    agent_ids: list[int] = Field(
        default_factory=list, description="Named people; empty means everyone with the role."
    )
    ack_minutes: int = Field(ge=1, le=7 * 24 * 60)
