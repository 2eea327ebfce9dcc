"""The bot's side: it resolves, hands over, and gets back what the customer reopens after it
settled a conversation alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.conversations.access import ConversationState
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationResolved,
    ConversationUpdated,
)
from firstline.conversations.models import Status
from firstline.conversations.state._rows import mirror, write
from firstline.conversations.state.messages import announce_customer_reopen
from firstline.conversations.state.table import (
    check_course,
)
from firstline.core.db import now
from firstline.core.events import Audience, emit, react
from firstline.core.rawsql import raw_connection
from firstline.routing.placement import Placement


async def do_return_to_bot(db: AsyncSession, state: ConversationState) -> None:
    """A customer writes again into a conversation the bot settled alone (no person ever had
    it): it reopens with the bot, which takes the new question."""
    check_course(state.id, state.status, Status.resolved, Status.bot)
    previous = state.status
    raw = await raw_connection(db)
    at = now(db)
    values = {"status": Status.bot.value, "resolved_at": None, "updated_at": at}
    await write(raw, state.id, values, "status = 'resolved'")
    mirror(state, values)
    audience = Audience(conversation_id=state.id, customer_id=state.customer_id)
    await announce_customer_reopen(
        db, state.id, previous, Status.bot.value, at=at, audience=audience
    )


async def do_resolve_by_bot(db: AsyncSession, state: ConversationState) -> None:
    """The customer said the bot's answer settled it."""
    check_course(state.id, state.status, Status.bot, Status.resolved)
    previous = state.status
    raw = await raw_connection(db)
    at = now(db)
    values = {"status": Status.resolved.value, "resolved_at": at, "updated_at": at}
    await write(raw, state.id, values, "status = 'bot'")
    mirror(state, values)
    await record_audit(
        db,
        action="conversation.resolved",
        entity_type="conversation",
        entity_id=state.id,
        actor_kind="bot",
        data={"status": Status.resolved.value, "from_status": previous},
    )
    audience = Audience(
        conversation_id=state.id, team_id=state.team_id, customer_id=state.customer_id
    )
    emit(
        db,
        ConversationResolved(
            occurred_at=at,
            audience=audience,
            conversation_id=state.id,
            from_status=previous,
            by="bot",
        ),
    )
    updated = ConversationUpdated(
        occurred_at=at,
        audience=audience,
        conversation_id=state.id,
        changes={"status": Status.resolved.value},
    )
    emit(db, updated)
    await react(db, updated)  # escalation closes the conversation's escalations


async def do_place_handed_over(
    db: AsyncSession,
    state: ConversationState,
    placed: Placement,
    *,
    tags: Sequence[str],
    at: datetime,
) -> bool:
    """Open a conversation the bot hands over where `placed` says (team, agent or queue, SLA
    clocks from now); True when it raised the priority. The caller posts its note and then
    calls announce_handed_over."""
    check_course(state.id, state.status, Status.bot, Status.open)
    raw = await raw_connection(db)
    sla_next = min(placed.first_response_due_at, placed.resolution_due_at)
    values: dict[str, Any] = {
        "status": Status.open.value,
        "team_id": placed.team_id,
        "assignee_id": placed.assignee_id,
        "assigned_at": placed.assigned_at,
        "queue_rank": placed.queue_rank,
        "queued_at": placed.queued_at,
        "priority_boost": placed.priority_boost,
        "required_skill": placed.required_skill,
        "relax_level": 0,
        "relax_at": placed.relax_at,
        "routing_reasons": raw.json(placed.reasons),
        "waiting_since": at,
        "sla_policy_id": placed.targets.policy_id,
        "first_response_due_at": placed.first_response_due_at,
        "resolution_due_at": placed.resolution_due_at,
        "sla_next_due_at": sla_next,
        "tags": raw.json(list(tags)),
        "priority": placed.priority,
        "updated_at": at,
    }
    await write(raw, state.id, values, "status = 'bot'")
    raised = placed.priority != state.priority
    state.status = Status.open.value
    state.team_id = placed.team_id
    state.assignee_id = placed.assignee_id
    state.queue_rank = placed.queue_rank
    state.waiting_since = at
    state.first_response_due_at = placed.first_response_due_at
    state.resolution_due_at = placed.resolution_due_at
    state.priority_boost = placed.priority_boost
    state.sla_policy_id = placed.targets.policy_id
    state.priority = placed.priority
    return raised


async def announce_handed_over(
    db: AsyncSession,
    state: ConversationState,
    placed: Placement,
    *,
    raised: bool,
    reason: str,
    agent_id: int | None,
    at: datetime,
) -> None:
    audience = Audience(
        conversation_id=state.id,
        team_id=placed.team_id,
        agent_ids=(placed.assignee_id,) if placed.assignee_id else (),
    )
    changes: dict[str, Any] = {"status": Status.open.value, "team_id": placed.team_id}
    if raised:
        changes["priority"] = placed.priority
    if placed.assignee_id is not None:
        changes["assignee_id"] = placed.assignee_id
        emit(
            db,
            ConversationAssigned(
                occurred_at=at,
                audience=audience,
                conversation_id=state.id,
                team_id=placed.team_id,
                assignee_id=placed.assignee_id,
                previous_assignee_id=None,
            ),
        )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at, audience=audience, conversation_id=state.id, changes=changes
        ),
    )
    await record_audit(
        db,
        action="conversation.handed_over",
        entity_type="conversation",
        entity_id=state.id,
        actor_agent_id=agent_id,
        actor_kind="agent" if agent_id is not None else "bot",
        data={
            "reason": reason,
            "team_id": placed.team_id,
            "assignee_id": placed.assignee_id,
            "priority": placed.priority,
        },
    )


def restore_status(state: ConversationState, status: str) -> None:
    """Put back the status a rolled-back savepoint had changed (the bot's failed turn)."""
    state.status = status
