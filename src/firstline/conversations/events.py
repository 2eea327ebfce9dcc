"""Events emitted by the conversations domain."""

from __future__ import annotations

from dataclasses import dataclass, field
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


# What a customer may see of a message: never who on the staff wrote it, by id.
_CUSTOMER_FIELDS = (
    "id", "conversation_id", "author_kind", "body", "created_at", "client_id", "meta",
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class MessagePosted(Event):
    type: ClassVar[str] = "message.posted"
    conversation_id: int
    message_id: int
    author_kind: str
    internal: bool
    # The message in its API shape (conversations.schemas.message_dict).
    message: dict[str, Any] = field(default_factory=dict)
    # The conversation's channel, for the reactions that depend on it (mail's).
    channel: str = ""

    def customer_payload(self) -> dict[str, Any] | None:
        if self.internal:
            return None
        return {
            "type": self.type,
            "conversation_id": self.conversation_id,
            "message": {k: self.message.get(k) for k in _CUSTOMER_FIELDS},
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationUpdated(Event):
    type: ClassVar[str] = "conversation.updated"
    conversation_id: int
    changes: dict[str, Any]
    # The agent who made the change (None: the customer, the bot, routing, the jobs).
    by_agent_id: int | None = None

    def customer_payload(self) -> dict[str, Any] | None:
        if "status" not in self.changes:
            return None
        return {
            "type": "conversation.status",
            "conversation_id": self.conversation_id,
            "status": self.changes["status"],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationAssigned(Event):
    type: ClassVar[str] = "conversation.assigned"
    conversation_id: int
    team_id: int | None
    assignee_id: int | None
    previous_assignee_id: int | None
    # Who made the change (None: routing, the bot, the jobs), so that an agent's console does
    # not alert them about work they just took themselves.
    by_agent_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationResolved(Event):
    type: ClassVar[str] = "conversation.resolved"
    conversation_id: int
    from_status: str
    # "agent", "bot" or "system": who settled it (the bot settles a conversation on its own).
    by: str
    by_agent_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationReopened(Event):
    type: ClassVar[str] = "conversation.reopened"
    conversation_id: int
    from_status: str
    to_status: str
    # "customer" (a new message), "agent" (a status change) or "system".
    by: str
    by_agent_id: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationMerged(Event):
    """`source_id` was merged into `conversation_id`: its messages and files moved there and
    it was closed. Domains that keep rows by conversation (mail) move theirs on it."""

    type: ClassVar[str] = "conversation.merged"
    conversation_id: int
    source_id: int
    messages_moved: int
    by_agent_id: int | None = None
