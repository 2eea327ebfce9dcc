"""What the API accepts and returns for teams and agents."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from firstline.agents.models import Line, Presence, Role, RoutingStrategy
from firstline.core.types import Email, LanguageCode, LanguageList, Name, Slug

# A role's name: a built-in role or one an admin defined (/api/v1/roles).
RoleName = Annotated[
    str,
    Field(
        min_length=2,
        max_length=40,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="A role: agent, supervisor, admin, or a custom role's name.",
    ),
]


class TeamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    product: Slug | None = Field(
        default=None, description="Product line the team serves, e.g. spot, futures, p2p."
    )
    languages: LanguageList = Field(default_factory=list)
    line: Line = Line.first
    strategy: RoutingStrategy = Field(
        default=RoutingStrategy.least_busy,
        description="Who gets the next conversation: the least busy agent, or round-robin.",
    )
    relax_after_seconds: int = Field(
        default=120, ge=5, le=7 * 86400,
        description="How long a conversation waits before its requirements relax a step.",
    )  # fmt: skip
    overflow_team_id: int | None = Field(
        default=None, description="The team (say, a second-language team) that takes over."
    )
    calendar: dict[str, Any] | None = Field(
        default=None,
        description='Business hours for SLA clocks, e.g. {"timezone": "Asia/Ho_Chi_Minh", '
        '"days": [0, 1, 2, 3, 4], "start": "09:00", "end": "18:00"}; null is 24/7.',
    )


class TeamUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    product: Slug | None = None
    languages: LanguageList | None = None
    strategy: RoutingStrategy | None = None
    relax_after_seconds: int | None = Field(default=None, ge=5, le=7 * 86400)
    overflow_team_id: int | None = None
    calendar: dict[str, Any] | None = None


class TeamOut(BaseModel):
    id: int
    name: str
    product: str | None
    languages: list[str]
    line: Line
    strategy: RoutingStrategy
    relax_after_seconds: int
    overflow_team_id: int | None
    calendar: dict[str, Any] | None
    created_at: datetime


class AgentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    name: Name
    role: RoleName = Role.agent.value
    languages: LanguageList = Field(default_factory=list)
    team_ids: list[int] = Field(default_factory=list)
    max_concurrent: int = Field(default=5, ge=0, le=100)
    password: str | None = Field(default=None, min_length=12, max_length=200)
    skills: list[Slug] = Field(
        default_factory=list, description="Skills and certifications routing may require."
    )


class AgentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    role: RoleName | None = None
    languages: LanguageList | None = None
    team_ids: list[int] | None = None
    presence: Presence | None = None
    max_concurrent: int | None = Field(default=None, ge=0, le=100)
    is_active: bool | None = None
    skills: list[Slug] | None = None
    routing_paused: bool | None = Field(
        default=None, description="Stop routing from giving this agent new conversations."
    )
    ui_language: LanguageCode | None = Field(
        default=None,
        description="The language of the agent's console; null: English.",
    )
    is_manager: bool | None = Field(
        default=None,
        description="A manager follows the managers' programme and front-line rotation (admins).",
    )


class PasswordSet(BaseModel):
    """A new console password for an agent, set by an admin."""

    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=12, max_length=200, description="At least 12 characters.")


class MeUpdate(BaseModel):
    """What agents change about themselves; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    presence: Presence | None = None
    ui_language: LanguageCode | None = Field(
        default=None,
        description="The language of your console (one of the 17); null: English.",
    )


class AgentOut(BaseModel):
    id: int
    email: str
    name: str
    role: str = Field(description="A built-in role (agent, supervisor, admin) or a custom one.")
    languages: list[str]
    team_ids: list[int]
    presence: Presence
    max_concurrent: int
    is_active: bool
    skills: list[str] = Field(
        description="What routing matches: manual_skills and what valid certificates grant."
    )
    manual_skills: list[str] = Field(description="Skills given by hand (a supervisor).")
    granted_skills: list[str] = Field(description="Skills the agent's certificates grant.")
    granted_languages: list[str] = Field(
        description="Languages the agent's certificates add to those given by hand."
    )
    is_manager: bool
    routing_paused: bool
    ui_language: str | None = Field(description="The console language the agent chose, if any.")
    console_language: str = Field(
        description="The language the console shows: ui_language, else English."
    )
    created_at: datetime
    updated_at: datetime


class CertificateSummary(BaseModel):
    """A certificate as the agent's record shows it (learning/ issues them)."""

    id: int
    exam_id: int
    exam_title: str
    skills: list[str]
    languages: list[str]
    issued_at: datetime
    expires_at: datetime | None
    status: Literal["valid", "due", "lapsed", "revoked"] = Field(
        description="valid; due (expires within 14 days, or a re-check is asked); lapsed; revoked."
    )
    recheck_by: datetime | None


class AgentDetail(AgentOut):
    certificates: list[CertificateSummary] = Field(
        description="The agent's certificates: what they grant and until when."
    )


class MeOut(AgentDetail):
    permissions: list[str] = Field(
        description="What you may do: your role's permissions (within your token's scopes)."
    )


class RoleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: RoleName
    description: str = Field(default="", max_length=500)
    permissions: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Permission names (GET /roles lists them).",
    )
    require_two_factor: bool = False


class RoleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: RoleName | None = None
    description: str | None = Field(default=None, max_length=500)
    permissions: list[str] | None = Field(default=None, max_length=100)
    require_two_factor: bool | None = None


class RoleOut(BaseModel):
    id: int
    name: str
    description: str
    permissions: list[str] = Field(
        description="What the role grants (a built-in role's, from code)."
    )
    builtin: bool
    require_two_factor: bool
    agents: int = Field(description="How many agents hold the role.")
    created_at: datetime
    updated_at: datetime
