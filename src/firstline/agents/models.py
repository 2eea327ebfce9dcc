"""Agents (the people who answer), the teams they belong to, and their API tokens."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class Role(StrEnum):
    """The built-in roles (agents/permissions.py says what each may do). Admins add their own
    as rows of `roles`; an agent's `role` names either."""

    agent = "agent"
    supervisor = "supervisor"
    admin = "admin"


class Presence(StrEnum):
    online = "online"
    away = "away"
    offline = "offline"


class Line(StrEnum):
    """First line talks to customers; second line trains, reviews, builds tools and recovers
    deposits."""

    first = "first"
    second = "second"


class RoutingStrategy(StrEnum):
    least_busy = "least_busy"
    round_robin = "round_robin"


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    product: Mapped[str | None] = mapped_column(String(40))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    line: Mapped[str] = mapped_column(String(16), default=Line.first)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Routing inside the team (routing/): who gets the next conversation, how long one waits
    # before its requirements relax, and which team takes it when this one cannot.
    strategy: Mapped[str] = mapped_column(
        String(16), default=RoutingStrategy.least_busy, server_default="least_busy"
    )
    relax_after_seconds: Mapped[int] = mapped_column(Integer, default=120, server_default="120")
    overflow_team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL")
    )
    # Business hours for SLA clocks ({"timezone", "days", "start", "end"}); null is 24/7.
    calendar: Mapped[dict[str, object] | None] = mapped_column(JSON)


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The name of a built-in role or of a row of `roles`.
    role: Mapped[str] = mapped_column(String(40), default=Role.agent)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    presence: Mapped[str] = mapped_column(String(16), default=Presence.offline)
    # The language of the agent's console; null is English (rules.console_language).
    ui_language: Mapped[str | None] = mapped_column(String(16))
    max_concurrent: Mapped[int] = mapped_column(Integer, default=5)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # Console sign-in: failures since the last success, and the lockout they caused.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Skills and certifications routing may require (e.g. "kyc", "recovery-cert"). `skills`
    # and `languages`, which routing reads, are what was given by hand (`manual_*`, set by
    # supervisors) together with what the agent's certificates grant (`granted_*`, kept by
    # learning/): agents.rules.effective joins them whenever either changes.
    skills: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    manual_skills: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    granted_skills: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    manual_languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    granted_languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # A manager: they follow the managers' programme (the course, a full front-line day, then
    # front-line hours each quarter) and routing gives them first-line, low-risk work.
    is_manager: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A supervisor can stop routing from giving this agent new conversations.
    routing_paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RoleDefinition(Base):
    """A role: a named set of permissions. The built-in roles have a row too (so that every
    agent's role names a row, and admins can require two-factor sign-in for them), but their
    permissions come from code; a custom role's come from `permissions`."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    description: Mapped[str] = mapped_column(String(500), default="", server_default="")
    permissions: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Agents of this role must sign in with a second factor (agents/sessions.py).
    require_two_factor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TeamMembership(Base):
    __tablename__ = "team_memberships"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_team_memberships_team", "team_id", "agent_id"),)


class ApiToken(Base):
    """A bearer token. Only its SHA-256 is stored: the tokens are 256 random bits, so a slow
    password hash would add latency to every request without adding safety.

    A request made with it may do what the agent's role allows and, when `scopes` lists
    permissions, only those of them (null: everything the role allows). It stops working when
    revoked, past `expires_at` (null: never; only an admin can ask for that), or when the agent
    is disabled (agents/tokens.py)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    # The token's name, e.g. "backend integration" (the API and the console call it `name`).
    label: Mapped[str] = mapped_column(String(120), default="")
    scopes: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who created it (null: the command line or the system; the audit log says who revoked it).
    created_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    # The last use, to the minute (agents/tokens.py records it without a write per request).
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_address: Mapped[str | None] = mapped_column(String(64))


class ApiTokenUseDay(Base):
    """How often a token was used on one UTC day, summed by every server process
    (agents/tokens.py); when the day is over, a job writes it to the audit log as one
    `token.used` entry (agents/jobs.py) and marks the row summarized."""

    __tablename__ = "api_token_uses"
    __table_args__ = (Index("ix_api_token_uses_pending", "summarized", "day"),)

    token_id: Mapped[int] = mapped_column(
        ForeignKey("api_tokens.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, UTC
    uses: Mapped[int] = mapped_column(Integer, default=0)
    last_address: Mapped[str | None] = mapped_column(String(64))
    summarized: Mapped[bool] = mapped_column(Boolean, default=False)


class ConsoleSession(Base):
    """A signed-in console session. The cookie holds a random token; only its SHA-256 is
    stored. `csrf_token` must come back in a header with every state-changing request."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "full", or half signed in: "code" (the password was right, the two-factor code is
    # due) or "enrol" (the role requires two-factor and the agent has none yet). Only a full
    # session reaches the API (agents/sessions.py).
    stage: Mapped[str] = mapped_column(String(16), default="full", server_default="full")
    # The last request, to the minute (the idle timeout), and where the session began.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(300))


class CannedResponse(Base):
    """A saved reply an agent inserts with a shortcut. One row per language; placeholders such
    as {customer.name} and {agent.name} are filled in when it is inserted."""

    __tablename__ = "canned_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shortcut: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("uq_canned_responses_shortcut_language", "shortcut", "language", unique=True),
    )


class InstanceSecret(Base):
    """Secrets this deployment generated for itself (cookie signing, the widget's identity
    key), shared by all its processes through the database."""

    __tablename__ = "instance_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
