"""Events emitted by the conversations domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationOpened(Event):
    type: ClassVar[str] = "conversation.opened"
    conversation_id: int
    customer_id: int
    channel: str
    language: str
    team_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessagePosted(Event):
    type: ClassVar[str] = "message.posted"
    conversation_id: int
    message_id: int
    author_kind: str
    internal: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationUpdated(Event):
    type: ClassVar[str] = "conversation.updated"
    conversation_id: int
    changes: dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationAssigned(Event):
    type: ClassVar[str] = "conversation.assigned"
    conversation_id: int
    team_id: int | None
    assignee_id: int | None
    previous_assignee_id: int | None
