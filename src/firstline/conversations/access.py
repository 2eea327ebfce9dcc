"""Permission-checked getters. "Not found" and "not yours" look the same to the caller, so ids
cannot be probed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.conversations.models import Conversation
from firstline.conversations.queries import can_see, get_conversation_row
from firstline.core.errors import NotFound


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
    if row is None or not can_see(actor, row.Conversation):
        raise _not_found(conversation_id)
    return row
