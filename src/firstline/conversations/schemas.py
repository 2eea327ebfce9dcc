"""What the API accepts and returns for conversations and messages."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints

from firstline.conversations.models import Channel, Conversation, Message, Priority, Status
from firstline.core.types import RecordId, Slug, Subject, TagList
from firstline.customers.schemas import CustomerIn, CustomerOut, CustomerSummary

MAX_MESSAGE_CHARS = 20_000

# Examples for the OpenAPI document (tests/openapi checks each against its schema).
_CUSTOMER_SUMMARY: dict[str, JsonValue] = {
    "id": 17,
    "external_id": "u_1001",
    "name": "Lan Nguyen",
    "language": "vi",
    "tier": "vip1",
}
_MESSAGE: dict[str, JsonValue] = {
    "id": 301,
    "conversation_id": 42,
    "author_kind": "customer",
    "author_agent_id": None,
    "body": "Tôi nạp USDT nhưng chưa thấy tiền vào tài khoản.",
    "internal": False,
    "language": "vi",
    "created_at": "2026-11-02T09:00:00Z",
    "client_id": "5f0c6a52-8d7e-4f7b-9d61-3f1c2b0e9a11",
    "meta": None,
}
_CONVERSATION: dict[str, JsonValue] = {
    "id": 42,
    "status": "open",
    "priority": "normal",
    "language": "vi",
    "product": "spot",
    "channel": "chat",
    "subject": None,
    "team_id": 2,
    "assignee_id": None,
    "tags": ["deposit"],
    "customer": _CUSTOMER_SUMMARY,
    "message_count": 1,
    "last_message_preview": "Tôi nạp USDT nhưng chưa thấy tiền vào tài khoản.",
    "created_at": "2026-11-02T09:00:00Z",
    "updated_at": "2026-11-02T09:00:00Z",
    "last_message_at": "2026-11-02T09:00:00Z",
    "first_response_at": None,
    "resolved_at": None,
    "waiting_since": "2026-11-02T09:00:00Z",
    "sla": {
        "policy_id": None,
        "first_response_due_at": "2026-11-02T09:05:00Z",
        "next_response_due_at": None,
        "resolution_due_at": "2026-11-03T09:00:00Z",
    },
    "routing": {
        "queued_at": "2026-11-02T09:00:00Z",
        "queue_rank": 1793610300000,
        "priority_boost_seconds": 0,
        "reasons": [{"kind": "team_fit", "team_id": 2, "language": "vi", "product": "spot"}],
    },
    "escalation_level": 1,
    "escalation_team_id": None,
}

Body = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_CHARS)
]
ClientId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
    Field(
        description="An id the sender gives the message (a UUID, say). Sending the same one "
        "again returns the message already stored instead of storing it twice."
    ),
]


class FirstMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Body
    client_id: ClientId | None = None


class ConversationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "customer": {
                        "external_id": "u_1001",
                        "name": "Lan Nguyen",
                        "email": "lan@example.com",
                        "locale": "vi-VN",
                        "tier": "vip1",
                    },
                    "channel": "chat",
                    "message": {"body": "Tôi nạp USDT nhưng chưa thấy tiền vào tài khoản."},
                    "product": "spot",
                    "tags": ["deposit"],
                }
            ]
        },
    )

    customer: CustomerIn
    channel: Channel
    message: FirstMessage
    subject: Subject | None = None
    product: Slug | None = Field(default=None, description="Product line, e.g. spot, futures, p2p.")
    priority: Priority = Priority.normal
    team_id: RecordId | None = None
    tags: TagList = Field(default_factory=list)


class ConversationUpdate(BaseModel):
    """Only the fields sent are changed; `team_id` and `assignee_id` accept null to clear."""

    model_config = ConfigDict(extra="forbid")

    status: Status | None = None
    priority: Priority | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    tags: TagList | None = None


class MessageCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"body": "Chào chị Lan, em đang kiểm tra giao dịch của chị."},
                {"body": "Asked the chain team to look at the hash.", "internal": True},
            ]
        },
    )

    body: Body
    author_kind: Literal["customer", "agent", "bot"] = Field(
        default="agent",
        description="Who wrote it. Agent messages are signed by the token's agent.",
    )
    internal: bool = Field(
        default=False, description="An internal note: agents see it, the customer never does."
    )
    client_id: ClientId | None = None
    attachment_ids: list[RecordId] = Field(
        default_factory=list,
        max_length=10,
        description="Files uploaded with POST /api/v1/conversations/{id}/attachments that go "
        "with this message (by mail, for an e-mail conversation).",
    )
    warning_id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")] | None = Field(
        default=None,
        description="Sending after a warning of POST /api/v1/qa/screen: its warning_id, so the "
        "audit log records that the agent saw the warning and sent anyway.",
    )


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_ids: list[RecordId] = Field(
        min_length=1,
        max_length=10,
        description="The same customer's other conversations to merge into this one; each is "
        "closed with a note saying where its messages went.",
    )


class MessageOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_MESSAGE]})

    id: int
    conversation_id: int
    author_kind: str
    author_agent_id: int | None
    body: str
    internal: bool
    language: str | None
    created_at: datetime
    client_id: str | None = None
    meta: dict[str, Any] | None = Field(
        default=None,
        description="The bot's extras: `options` (answers to pick) and `article` (the cited "
        "article: external_id, locale, title, url).",
    )


class SlaOut(BaseModel):
    policy_id: int | None = Field(description="The SLA policy applied; null for the defaults.")
    first_response_due_at: datetime | None
    next_response_due_at: datetime | None
    resolution_due_at: datetime | None


class RoutingOut(BaseModel):
    queued_at: datetime | None = Field(description="When it joined its queue; null if not.")
    queue_rank: int | None = Field(
        description="The queue's order (lower is served first): the SLA due time in "
        "milliseconds since the epoch, minus the priority boost."
    )
    priority_boost_seconds: int
    reasons: list[dict[str, Any]] = Field(
        description="Why it is where it is: the rule or team fit, each boost, relaxation, "
        "re-route and assignment, oldest first. A reason with a `why` sentence (in English) "
        "also has `why_code`, a stable code such as skill_busy, overflow, language_busy, "
        "agent_away, team_changed, and `why_args`, the values the code's text names."
    )


class ConversationOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CONVERSATION]})

    id: int
    status: Status
    priority: Priority
    language: str
    product: str | None
    channel: Channel
    subject: str | None
    team_id: int | None
    assignee_id: int | None
    tags: list[str]
    customer: CustomerSummary
    message_count: int
    last_message_preview: str
    created_at: datetime
    updated_at: datetime
    last_message_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    waiting_since: datetime | None = Field(
        description="Since when the customer has been waiting for an answer; null when not."
    )
    sla: SlaOut
    routing: RoutingOut
    escalation_level: int = Field(description="1 (front line) to 10 (top of the ladder).")
    escalation_team_id: int | None = Field(
        description="The business-line team brought in by a lateral escalation, if any."
    )


class Csat(BaseModel):
    score: int = Field(ge=1, le=5, description="1 (very dissatisfied) to 5 (very satisfied).")
    comment: str | None
    at: datetime = Field(description="When the customer answered (last changed).")
    final: bool = Field(description="Whether the answer can no longer change.")
    final_at: datetime | None
    via: str | None = Field(description="chat, or link (the mailed links).")


class ConversationDetail(ConversationOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_CONVERSATION, "messages": [_MESSAGE], "messages_before_cursor": None}]
        }
    )

    messages: list[MessageOut] = Field(description="The latest messages, oldest first.")
    messages_before_cursor: str | None = Field(
        description="Pass as `before` to GET .../messages for older messages; null when none."
    )
    csat: Csat | None = Field(
        default=None,
        description="The customer's rating (quality review), null until they answer.",
    )


class ConversationPage(BaseModel):
    items: list[ConversationOut]
    next_cursor: str | None


class MessagePage(BaseModel):
    items: list[MessageOut]
    next_cursor: str | None


class CustomerDetail(CustomerOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_CUSTOMER_SUMMARY,
                    "email": "lan@example.com",
                    "locale": "vi-VN",
                    "region": "VN",
                    "created_at": "2026-10-01T08:00:00Z",
                    "updated_at": "2026-11-02T09:00:00Z",
                    "conversations": [_CONVERSATION],
                    "next_cursor": None,
                }
            ]
        }
    )

    conversations: list[ConversationOut]
    next_cursor: str | None


# A message whose meta holds PRIVATE_LINKS carries links only its customer may follow (the
# CSAT mail's signed rating links): what the API and the console show has them masked, so
# nobody rates on the customer's behalf; the mail itself is built from the stored row.
PRIVATE_LINKS = "private_links"
_LINK = re.compile(r"https?://\S+")


def message_dict(m: Message | Any) -> dict[str, Any]:
    meta = getattr(m, "meta", None)
    body = m.body
    if meta and meta.get(PRIVATE_LINKS):
        body = _LINK.sub("[…]", body)
    return {
        "id": m.id,
        "conversation_id": m.conversation_id,
        "author_kind": m.author_kind,
        "author_agent_id": m.author_agent_id,
        "body": body,
        "internal": m.internal,
        "language": m.language,
        "created_at": m.created_at,
        "client_id": m.client_id,
        "meta": meta,
    }


def conversation_dict(c: Conversation | Any, customer: dict[str, Any]) -> dict[str, Any]:
    """The API shape of a conversation. Built by hand rather than through pydantic because it
    sits on every hot path; tests validate it against ConversationOut."""
    return {
        "id": c.id,
        "status": c.status,
        "priority": c.priority,
        "language": c.language,
        "product": c.product,
        "channel": c.channel,
        "subject": c.subject,
        "team_id": c.team_id,
        "assignee_id": c.assignee_id,
        "tags": c.tags,
        "customer": customer,
        "message_count": c.message_count,
        "last_message_preview": c.last_message_preview,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "last_message_at": c.last_message_at,
        "first_response_at": c.first_response_at,
        "resolved_at": c.resolved_at,
        "waiting_since": c.waiting_since,
        "sla": {
            "policy_id": c.sla_policy_id,
            "first_response_due_at": c.first_response_due_at,
            "next_response_due_at": c.next_response_due_at,
            "resolution_due_at": c.resolution_due_at,
        },
        "routing": {
            "queued_at": c.queued_at,
            "queue_rank": c.queue_rank,
            "priority_boost_seconds": c.priority_boost,
            "reasons": c.routing_reasons,
        },
        "escalation_level": c.escalation_level,
        "escalation_team_id": c.escalation_team_id,
    }
