"""A message's side of the state: the customer's message reopens, an agent's answer takes an
unassigned conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.conversations.access import ConversationState
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationReopened,
    ConversationUpdated,
)
from firstline.conversations.models import Conversation, Status
from firstline.conversations.state._rows import mirror, write
from firstline.conversations.state.table import (
    check_status_change,
)
from firstline.core.events import Audience, emit
from firstline.core.rawsql import RawConnection, raw_connection


async def do_reopen_by_customer(
    db: AsyncSession,
    conversation: Conversation | ConversationState,
    *,
    at: datetime,
    audience: Audience,
) -> None:
    """The customer's message reopens a pending, on-hold or resolved conversation."""
    previous = conversation.status
    check_status_change(conversation.id, previous, Status.open, by_agent=False)
    raw = await raw_connection(db)
    values = {"status": Status.open.value, "resolved_at": None}
    await write(raw, conversation.id, values)
    mirror(conversation, values)
    await announce_customer_reopen(
        db, conversation.id, previous, Status.open.value, at=at, audience=audience
    )


async def announce_customer_reopen(
    db: AsyncSession,
    conversation_id: int,
    previous: str,
    to_status: str,
    *,
    at: datetime,
    audience: Audience,
) -> None:
    """The audit entry and the events of a reopening the customer's message caused (to a
    person, or back to the bot), once the row is written."""
    await record_audit(
        db,
        action="conversation.reopened",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_kind="customer",
        data={"status": to_status},
    )
    emit(
        db,
        ConversationReopened(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation_id,
            from_status=previous,
            to_status=to_status,
            by="customer",
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation_id,
            changes={"status": to_status},
        ),
    )


async def write_after_message(
    raw: RawConnection,
    conversation: Conversation | ConversationState,
    values: dict[str, Any],
    *,
    taken_by: int | None,
    at: datetime,
) -> dict[str, Any]:
    """Write the clock and queue columns a message moved (conversations/clocks.py) in one
    statement, with the assignment when an agent's answer takes an unassigned conversation;
    return everything written."""
    if taken_by is not None and conversation.assignee_id is None:
        values["assignee_id"] = taken_by
        values["assigned_at"] = at
    await write(raw, conversation.id, values)
    return values


async def announce_taken(
    db: AsyncSession,
    conversation: Conversation | ConversationState,
    *,
    agent_id: int,
    at: datetime,
    audience: Audience,
) -> None:
    """Audit and announce that an agent's answer took an unassigned conversation (written by
    write_after_message), so routing does not hand it to somebody else meanwhile."""
    await record_audit(
        db,
        action="conversation.taken",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_kind="agent",
        actor_agent_id=agent_id,
        data={"assignee_id": agent_id},
    )
    emit(
        db,
        ConversationAssigned(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            team_id=conversation.team_id,
            assignee_id=agent_id,
            previous_assignee_id=None,
            by_agent_id=agent_id,
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            changes={"assignee_id": agent_id},
        ),
    )
