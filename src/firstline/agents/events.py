"""Events emitted by the agents domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamCreated(Event):
    type: ClassVar[str] = "team.created"
    team_id: int
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AgentCreated(Event):
    type: ClassVar[str] = "agent.created"
    agent_id: int
    role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AgentUpdated(Event):
    """Routing listens to this for presence and capacity changes."""

    type: ClassVar[str] = "agent.updated"
    agent_id: int
    changes: dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class TokensRevoked(Event):
    type: ClassVar[str] = "agent.tokens_revoked"
    agent_id: int
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleChanged(Event):
    """A role was created, changed or deleted (`verb`: created, updated, deleted)."""

    type: ClassVar[str] = "role.changed"
    role_id: int
    name: str
    verb: str
