"""What the API accepts and returns for routing rules, pulls and pushes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from firstline.conversations.models import Channel
from firstline.core.types import LanguageCode, Name, Slug


class RuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    team_id: int
    position: int = Field(default=100, ge=0, le=1_000_000, description="Lower is tried first.")
    product: Slug | None = Field(default=None, description="Match this product line.")
    language: LanguageCode | None = Field(default=None, description="Match this language.")
    tier: Slug | None = Field(default=None, description="Match this customer tier, e.g. vip1.")
    channel: Channel | None = None
    required_skill: Slug | None = Field(
        default=None, description="Only agents with this skill take it until requirements relax."
    )
    enabled: bool = True


class RuleUpdate(BaseModel):
    """Only the fields sent are changed; conditions accept null to match anything."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    team_id: int | None = None
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    product: Slug | None = None
    language: LanguageCode | None = None
    tier: Slug | None = None
    channel: Channel | None = None
    required_skill: Slug | None = None
    enabled: bool | None = None


class RuleOut(BaseModel):
    id: int
    name: str
    team_id: int
    position: int
    product: str | None
    language: str | None
    tier: str | None
    channel: str | None
    required_skill: str | None
    enabled: bool
    created_at: datetime


class PullRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_id: int | None = Field(
        default=None, description="Whom to give it to (supervisors); yourself when omitted."
    )
    team_id: int | None = Field(default=None, description="Pull from this team's queue only.")


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: int
    agent_id: int


class QueueItem(BaseModel):
    conversation_id: int
    position: int
    language: str
    queued_at: datetime | None
    queue_rank: int
    priority_boost_seconds: int
    relax_level: int
    required_skill: str | None
    reasons: list[dict[str, object]] = Field(
        description="Why it is where it is, oldest first. A reason with a `why` sentence (in "
        "English) also has `why_code`, a stable code to translate (skill_busy, overflow, "
        "language_busy, agent_away, ...), and `why_args`, the values its text names."
    )


class QueueOut(BaseModel):
    team_id: int | None
    items: list[QueueItem]


class RoutingSettingsUpdate(BaseModel):
    """Only the fields sent are changed; null unsets a team."""

    model_config = ConfigDict(extra="forbid")

    default_team_id: int | None = Field(
        default=None,
        description="Takes conversations no rule or product fits (a chat from a page with no "
        "product). Unset: a first-line team that speaks the customer's language does.",
    )
    security_team_id: int | None = Field(
        default=None,
        description="Takes hacked accounts and scams, before any rule. Unset: a first-line "
        "team of the account_security product that speaks the customer's language does.",
    )


class RoutingSettingsOut(BaseModel):
    default_team_id: int | None
    security_team_id: int | None
    updated_at: datetime | None
