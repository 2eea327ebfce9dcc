"""What the API accepts and returns for SLA policies and reports."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from firstline.conversations.models import Channel, Priority
from firstline.core.types import Name, Slug

Seconds = Field(ge=1, le=365 * 86400)


class PolicyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    position: int = Field(default=100, ge=0, le=1_000_000)
    channel: Channel | None = None
    tier: Slug | None = None
    priority: Priority | None = None
    first_response_seconds: int = Seconds
    next_response_seconds: int = Seconds
    resolution_seconds: int = Seconds


class PolicyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    channel: Channel | None = None
    tier: Slug | None = None
    priority: Priority | None = None
    first_response_seconds: int | None = Field(default=None, ge=1, le=365 * 86400)
    next_response_seconds: int | None = Field(default=None, ge=1, le=365 * 86400)
    resolution_seconds: int | None = Field(default=None, ge=1, le=365 * 86400)


class PolicyOut(BaseModel):
    id: int
    name: str
    position: int
    channel: str | None
    tier: str | None
    priority: str | None
    first_response_seconds: int
    next_response_seconds: int
    resolution_seconds: int
    created_at: datetime


class AttainmentRow(BaseModel):
    team_id: int | None
    language: str
    metric: str
    met: int
    breached: int
    attainment: float | None = Field(description="met / (met + breached); null when none.")


class Report(BaseModel):
    since: datetime
    until: datetime
    rows: list[AttainmentRow]


class BreachOut(BaseModel):
    id: int
    conversation_id: int
    metric: str
    due_at: datetime
    team_id: int | None
    language: str
    recorded_at: datetime


class BreachPage(BaseModel):
    items: list[BreachOut]
    next_cursor: str | None
