"""Permission-checked getters. "Not found" and "not yours" look the same to the caller, so ids
cannot be probed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.conversations.models import Conversation
from firstline.conversations.queries import can_see, get_conversation_row
from firstline.core.db import parse_utc
from firstline.core.errors import NotFound
from firstline.core.rawsql import SQL, raw_connection


def _not_found(conversation_id: int) -> NotFound:
    return NotFound(f"Conversation {conversation_id} does not exist or is not visible to you.")


async def access_conversation_by_id(
    db: AsyncSession, actor: Actor, conversation_id: int, *, for_update: bool = False
) -> Conversation:
    stmt = select(Conversation).where(Conversation.id == conversation_id)
    if for_update:
        stmt = stmt.with_for_update()
    conversation: Conversation | None = await db.scalar(stmt)
    if conversation is None or not can_see(actor, conversation):
        raise _not_found(conversation_id)
    return conversation


async def access_conversation_row_by_id(
    db: AsyncSession, actor: Actor, conversation_id: int
) -> Any:
    """The conversation with its customer's summary columns, for reads."""
    row = await get_conversation_row(db, conversation_id)
    if row is None or not can_see(actor, row):
        raise _not_found(conversation_id)
    return row


@dataclass(slots=True)
class ConversationState:
    """The columns a reply needs, read with the row locked (FOR UPDATE on PostgreSQL; SQLite
    writers are serialised anyway)."""

    id: int
    customer_id: int
    status: str
    team_id: int | None
    assignee_id: int | None
    language: str
    first_response_at: Any
    channel: str
    priority: str
    priority_boost: int
    sla_policy_id: int | None
    waiting_since: Any
    first_response_due_at: Any
    next_response_due_at: Any
    resolution_due_at: Any
    queue_rank: int | None
    escalation_team_id: int | None

    @classmethod
    def of(cls, row: Any) -> ConversationState:
        """The state of a conversation already read in full (a ConversationRow)."""
        return cls(*(getattr(row, name.strip()) for name in STATE_COLUMNS.split(",")))

    def __post_init__(self) -> None:
        for name in ("first_response_at", "waiting_since", "first_response_due_at",
                     "next_response_due_at", "resolution_due_at"):  # fmt: skip
            value = getattr(self, name)
            if isinstance(value, str):  # SQLite hands back text
                setattr(self, name, parse_utc(value))


STATE_COLUMNS = (
    "id, customer_id, status, team_id, assignee_id, language, first_response_at, channel, "
    "priority, priority_boost, sla_policy_id, waiting_since, first_response_due_at, "
    "next_response_due_at, resolution_due_at, queue_rank, escalation_team_id"
)
_STATE = f"SELECT {STATE_COLUMNS} FROM conversations WHERE id = $1"
_STATE_SQL = SQL(_STATE)
_STATE_FOR_UPDATE = SQL(_STATE + " FOR UPDATE")


async def access_conversation_for_reply(
    db: AsyncSession, actor: Actor, conversation_id: int
) -> ConversationState:
    raw = await raw_connection(db)
    row = await raw.fetchone(_STATE_SQL if raw.sqlite else _STATE_FOR_UPDATE, conversation_id)
    state = ConversationState(*row) if row is not None else None
    if state is None or not can_see(actor, state):
        raise _not_found(conversation_id)
    return state


async def conversation_state_for_update(
    db: AsyncSession, conversation_id: int
) -> ConversationState | None:
    """The state of a conversation, locked, for the system's own writes (mail intake): no
    actor, so no visibility check."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_STATE_SQL if raw.sqlite else _STATE_FOR_UPDATE, conversation_id)
    return ConversationState(*row) if row is not None else None
