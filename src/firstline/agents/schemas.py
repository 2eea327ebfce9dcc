"""What the API accepts and returns for teams and agents."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from firstline.agents.models import Line, Presence, Role
from firstline.core.types import Email, LanguageList, Name, Slug


class TeamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    product: Slug | None = Field(
        default=None, description="Product line the team serves, e.g. spot, futures, p2p."
    )
    languages: LanguageList = Field(default_factory=list)
    line: Line = Line.first


class TeamOut(BaseModel):
    id: int
    name: str
    product: str | None
    languages: list[str]
    line: Line
    created_at: datetime


class AgentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    name: Name
    role: Role = Role.agent
    languages: LanguageList = Field(default_factory=list)
    team_ids: list[int] = Field(default_factory=list)
    max_concurrent: int = Field(default=5, ge=0, le=100)
    password: str | None = Field(default=None, min_length=10, max_length=200)


class AgentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    role: Role | None = None
    languages: LanguageList | None = None
    team_ids: list[int] | None = None
    presence: Presence | None = None
    max_concurrent: int | None = Field(default=None, ge=0, le=100)
    is_active: bool | None = None


class AgentOut(BaseModel):
    id: int
    email: str
    name: str
    role: Role
    languages: list[str]
    team_ids: list[int]
    presence: Presence
    max_concurrent: int
    is_active: bool
    created_at: datetime
    updated_at: datetime
