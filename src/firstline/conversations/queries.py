"""Reading conversations and messages. Every list is one indexed query, whatever its length."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.conversations.models import Conversation, Message
from firstline.core.db import parse_utc
from firstline.core.rawsql import SQL, raw_connection


@dataclass(frozen=True, slots=True)
class ConversationFilters:
    status: str | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    language: str | None = None
    channel: str | None = None
    priority: str | None = None
    customer_id: int | None = None
    customer_external_id: str | None = None
    updated_since: datetime | None = None


def can_see(actor: Actor, conversation: Conversation | Any) -> bool:
    return (
        actor.sees_everything
        or conversation.team_id is None
        or conversation.assignee_id == actor.agent_id
        or conversation.team_id in actor.team_ids
        or getattr(conversation, "escalation_team_id", None) in actor.team_ids
    )


def customer_summary(row: Any) -> dict[str, Any]:
    return {
        "id": row.customer_pk,
        "external_id": row.external_id,
        "name": row.name,
        "language": row.customer_language,
        "tier": row.tier,
    }


_COLUMNS = (
    "c.id, c.customer_id, c.status, c.priority, c.language, c.product, c.channel, c.subject, "
    "c.team_id, c.assignee_id, c.tags, c.message_count, c.last_message_preview, c.created_at, "
    "c.updated_at, c.last_message_at, c.first_response_at, c.resolved_at, "
    "cu.id, cu.external_id, cu.name, cu.language, cu.tier, "
    "c.queue_rank, c.queued_at, c.priority_boost, c.routing_reasons, c.waiting_since, "
    "c.first_response_due_at, c.next_response_due_at, c.resolution_due_at, c.escalation_level, "
    "c.sla_policy_id, c.escalation_team_id"
)


@dataclass(slots=True)
class ConversationRow:
    """A conversation as lists and details read it, with its customer's summary."""

    id: int
    customer_id: int
    status: str
    priority: str
    language: str
    product: str | None
    channel: str
    subject: str | None
    team_id: int | None
    assignee_id: int | None
    tags: list[str]
    message_count: int
    last_message_preview: str
    created_at: datetime
    updated_at: datetime
    last_message_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    customer_pk: int
    external_id: str
    name: str | None
    customer_language: str | None
    tier: str | None
    queue_rank: int | None = None
    queued_at: datetime | None = None
    priority_boost: int = 0
    routing_reasons: list[dict[str, Any]] = field(default_factory=list)
    waiting_since: datetime | None = None
    first_response_due_at: datetime | None = None
    next_response_due_at: datetime | None = None
    resolution_due_at: datetime | None = None
    escalation_level: int = 1
    sla_policy_id: int | None = None
    escalation_team_id: int | None = None


def _timestamp(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_utc(value)


def _to_row(raw: Any) -> ConversationRow:
    row = ConversationRow(*raw)
    if isinstance(row.tags, str):
        row.tags = orjson.loads(row.tags)
    if isinstance(row.routing_reasons, str):
        row.routing_reasons = orjson.loads(row.routing_reasons)
    for name in _TIMESTAMPS:
        setattr(row, name, _timestamp(getattr(row, name)))
    return row


_TIMESTAMPS = (
    "created_at", "updated_at", "last_message_at", "first_response_at", "resolved_at",
    "queued_at", "waiting_since", "first_response_due_at", "next_response_due_at",
    "resolution_due_at",
)  # fmt: skip


@lru_cache(maxsize=512)
def _list_sql(conditions: tuple[str, ...], limit: bool) -> SQL:
    """SQL text for one combination of filters (each condition has `{}` where its parameters
    go), built once per combination; the inbox is the hottest read there is."""
    numbered: list[str] = []
    n = 0
    for condition in conditions:
        count = condition.count("{}")
        numbered.append(condition.format(*(f"${n + i + 1}" for i in range(count))))
        n += count
    where = f" WHERE {' AND '.join(numbered)}" if numbered else ""
    tail = f" ORDER BY c.id DESC LIMIT ${n + 1}" if limit else ""
    return SQL(
        f"SELECT {_COLUMNS} FROM conversations c JOIN customers cu ON cu.id = c.customer_id"
        f"{where}{tail}"
    )


async def list_conversations(
    db: AsyncSession,
    actor: Actor,
    filters: ConversationFilters,
    *,
    limit: int,
    before_id: int | None = None,
) -> list[ConversationRow]:
    """Newest first, one indexed query (hand-written: see core/rawsql.py)."""
    raw = await raw_connection(db)
    conditions: list[str] = []
    args: list[Any] = []

    def where(condition: str, *values: Any) -> None:
        conditions.append(condition)
        args.extend(values)

    if filters.customer_id is not None:
        where("c.customer_id = {}", filters.customer_id)
    if filters.customer_external_id is not None:
        where("cu.external_id = {}", filters.customer_external_id)
    if filters.status is not None:
        where("c.status = {}", filters.status)
    if filters.team_id is not None:
        where("c.team_id = {}", filters.team_id)
    if filters.unassigned:
        where("c.assignee_id IS NULL")
    elif filters.assignee_id is not None:
        where("c.assignee_id = {}", filters.assignee_id)
    if filters.language is not None:
        where("c.language = {}", filters.language)
    if filters.channel is not None:
        where("c.channel = {}", filters.channel)
    if filters.priority is not None:
        where("c.priority = {}", filters.priority)
    if filters.updated_since is not None:
        where("c.updated_at >= {}", raw.ts(filters.updated_since))
    if before_id is not None:
        where("c.id < {}", before_id)
    if not actor.sees_everything:
        teams = sorted(actor.team_ids)
        marks = ", ".join(["{}"] * len(teams))
        in_teams = (
            f" OR c.team_id IN ({marks}) OR c.escalation_team_id IN ({marks})" if teams else ""
        )
        where(
            f"(c.team_id IS NULL OR c.assignee_id = {{}}{in_teams})",
            actor.agent_id,
            *teams,
            *teams,
        )
    rows = await raw.fetchall(_list_sql(tuple(conditions), True), *args, limit)
    return [_to_row(r) for r in rows]


async def get_conversation_row(db: AsyncSession, conversation_id: int) -> ConversationRow | None:
    raw = await raw_connection(db)
    found = await raw.fetchone(_list_sql(("c.id = {}",), False), conversation_id)
    return _to_row(found) if found is not None else None


async def list_messages(
    db: AsyncSession,
    conversation_id: int,
    *,
    limit: int,
    before_id: int | None = None,
    include_internal: bool = True,
) -> list[Message]:
    """The `limit` messages before `before_id` (or the latest), newest first."""
    stmt = select(Message).where(Message.conversation_id == conversation_id)
    if before_id is not None:
        stmt = stmt.where(Message.id < before_id)
    if not include_internal:
        stmt = stmt.where(Message.internal.is_(False))
    stmt = stmt.order_by(Message.id.desc()).limit(limit)
    return list(await db.scalars(stmt))
