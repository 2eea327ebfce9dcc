"""Routing's side: a queued conversation assigned, taken back from an absent agent, or
relaxed (possibly to its team's overflow team)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationUpdated,
)
from firstline.conversations.state._rows import write
from firstline.core.events import Audience, emit
from firstline.core.rawsql import raw_connection


async def do_assign_from_queue(
    db: AsyncSession,
    conversation_id: int,
    agent_id: int,
    *,
    team_id: int,
    reasons: list[dict[str, Any]],
    at: datetime,
    why: dict[str, Any],
    acting_agent_id: int | None,
) -> None:
    """Give a queued conversation to an agent. A racing assignment (another process got there
    first) makes the write a no-op."""
    raw = await raw_connection(db)
    values = {
        "assignee_id": agent_id,
        "assigned_at": at,
        "updated_at": at,
        "queue_rank": None,
        "queued_at": None,
        "relax_at": None,
        "routing_reasons": raw.json(reasons),
    }
    await write(raw, conversation_id, values, "assignee_id IS NULL AND queue_rank IS NOT NULL")
    await record_audit(
        db,
        action="conversation.routed",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_agent_id=acting_agent_id,
        data={"assignee_id": agent_id, "team_id": team_id, **why},
    )
    emit(
        db,
        ConversationAssigned(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation_id, team_id=team_id, agent_ids=(agent_id,)
            ),
            conversation_id=conversation_id,
            team_id=team_id,
            assignee_id=agent_id,
            previous_assignee_id=None,
            by_agent_id=acting_agent_id,
        ),
    )


async def do_requeue_from_agent(
    db: AsyncSession,
    conversation_id: int,
    *,
    from_agent_id: int,
    team_id: int | None,
    rank: int,
    relax_at: datetime | None,
    reasons: list[dict[str, Any]],
    at: datetime,
    why: str,
    acting_agent_id: int | None,
) -> None:
    """Take a conversation from its agent and put it back in its team's queue at `rank`."""
    raw = await raw_connection(db)
    values = {
        "assignee_id": None,
        "assigned_at": None,
        "queue_rank": rank,
        "queued_at": at,
        "relax_at": relax_at,
        "relax_level": 0,
        "routing_reasons": raw.json(reasons),
        "updated_at": at,
    }
    await write(raw, conversation_id, values)
    await record_audit(
        db,
        action="conversation.rerouted",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_agent_id=acting_agent_id,
        data={"from_agent_id": from_agent_id, "why": why},
    )
    emit(
        db,
        ConversationAssigned(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation_id, team_id=team_id, agent_ids=(from_agent_id,)
            ),
            conversation_id=conversation_id,
            team_id=team_id,
            assignee_id=None,
            previous_assignee_id=from_agent_id,
        ),
    )


async def do_relax_in_queue(
    db: AsyncSession,
    conversation_id: int,
    *,
    team_id: int,
    moved: bool,
    level: int,
    relax_at: datetime | None,
    reasons: list[dict[str, Any]],
    reason: dict[str, Any],
    at: datetime,
) -> None:
    """Record one relaxation of a waiting conversation's requirements; `moved` when it went
    to `team_id`, its old team's overflow."""
    raw = await raw_connection(db)
    values = {
        "team_id": team_id,
        "relax_level": level,
        "relax_at": relax_at,
        "routing_reasons": raw.json(reasons),
        "updated_at": at,
    }
    await write(raw, conversation_id, values, "queue_rank IS NOT NULL")
    await record_audit(
        db,
        action="conversation.relaxed",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_kind="system",
        data=reason,
    )
    changes: dict[str, Any] = {"relax_level": level}
    if moved:
        changes["team_id"] = team_id
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=Audience(conversation_id=conversation_id, team_id=team_id),
            conversation_id=conversation_id,
            changes=changes,
        ),
    )
