"""An agent's (or the system's) direct change of status, priority, team, assignee or tags,
and what follows for the queue and the SLA clocks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, Team
from firstline.audit.actions import record_audit
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationReopened,
    ConversationResolved,
    ConversationUpdated,
)
from firstline.conversations.models import Conversation, Status
from firstline.conversations.state.table import (
    FINISHED,
    check_status_change,
)
from firstline.core.db import now
from firstline.core.errors import InvalidInput
from firstline.core.events import Audience, emit, react
from firstline.core.rawsql import raw_connection
from firstline.routing.placement import load_team
from firstline.routing.rules import BOOST_PRIORITY, queue_rank
from firstline.sla.actions import record_outcome
from firstline.sla.models import Metric
from firstline.sla.rules import next_due


async def _check_team(db: AsyncSession, team_id: int) -> None:
    if await db.scalar(select(Team.id).where(Team.id == team_id)) is None:
        raise InvalidInput(f"team_id {team_id} does not exist; see GET /api/v1/teams.")


async def _check_assignee(db: AsyncSession, agent_id: int) -> None:
    active = await db.scalar(select(Agent.is_active).where(Agent.id == agent_id))
    if active is None:
        raise InvalidInput(f"assignee_id {agent_id} does not exist; see GET /api/v1/agents.")
    if not active:
        raise InvalidInput(f"assignee_id {agent_id} is a disabled agent; pick an active one.")


async def do_change_conversation(
    db: AsyncSession,
    conversation: Conversation,
    changes: dict[str, Any],
    *,
    acting_agent_id: int | None,
) -> dict[str, Any]:
    """Change status, priority, team, assignee or tags; return what actually changed.

    `changes` holds only the fields the caller set. `conversation` must be loaded for update.
    Other domains' reactions to the change run before it returns (core/events.py `react`);
    conversations.actions.do_update_conversation adds telling a chat customer it was resolved.
    """
    for name in ("status", "priority", "tags"):
        if name in changes and changes[name] is None:
            raise InvalidInput(f"{name} cannot be null.")
    if "status" in changes:
        to = str(getattr(changes["status"], "value", changes["status"]))
        check_status_change(conversation.id, conversation.status, to, by_agent=True)
    if changes.get("team_id") is not None:
        await _check_team(db, changes["team_id"])
    if changes.get("assignee_id") is not None:
        await _check_assignee(db, changes["assignee_id"])

    at = now(db)
    applied: dict[str, Any] = {}
    previous_assignee = conversation.assignee_id
    previous_priority = conversation.priority
    previous_status = conversation.status
    for name, value in changes.items():
        value = value.value if hasattr(value, "value") else value
        if getattr(conversation, name) != value:
            setattr(conversation, name, value)
            applied[name] = value
    if not applied:
        return applied
    finished = "status" in applied and applied["status"] in FINISHED
    if "status" in applied:
        if finished:
            conversation.resolved_at = conversation.resolved_at or at
        else:
            conversation.resolved_at = None
    conversation.updated_at = at
    await requeue_after_update(db, conversation, applied, previous_priority, at)
    await db.flush()
    await record_audit(
        db,
        action="conversation.updated",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_agent_id=acting_agent_id,
        data=applied,
    )
    audience = Audience(
        conversation_id=conversation.id,
        team_id=conversation.team_id,
        agent_ids=tuple(a for a in (conversation.assignee_id, previous_assignee) if a),
        customer_id=conversation.customer_id,
    )
    updated = ConversationUpdated(
        occurred_at=at,
        audience=audience,
        conversation_id=conversation.id,
        changes=applied,
        by_agent_id=acting_agent_id,
    )
    emit(db, updated)
    if "assignee_id" in applied or "team_id" in applied:
        emit(
            db,
            ConversationAssigned(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                team_id=conversation.team_id,
                assignee_id=conversation.assignee_id,
                previous_assignee_id=previous_assignee,
                by_agent_id=acting_agent_id,
            ),
        )
    by = "agent" if acting_agent_id is not None else "system"
    if applied.get("status") == Status.resolved:
        emit(
            db,
            ConversationResolved(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                from_status=previous_status,
                by=by,
                by_agent_id=acting_agent_id,
            ),
        )
    elif "status" in applied and previous_status in FINISHED:
        emit(
            db,
            ConversationReopened(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                from_status=previous_status,
                to_status=conversation.status,
                by=by,
                by_agent_id=acting_agent_id,
            ),
        )
    # What other domains do about it, in this transaction (escalation closes a finished
    # conversation's escalations).
    await react(db, updated)
    return applied


async def requeue_after_update(
    db: AsyncSession,
    c: Conversation,
    applied: dict[str, Any],
    previous_priority: str,
    at: datetime,
) -> None:
    """Keep the queue and the SLA clocks true to a change of status, priority, team or
    assignee: only an open, unassigned conversation waits in a queue; resolving stops every
    clock and records whether resolution was on time."""
    reasons = list(c.routing_reasons or [])
    if "priority" in applied:
        delta = BOOST_PRIORITY.get(c.priority, 0) - BOOST_PRIORITY.get(previous_priority, 0)
        c.priority_boost += delta
        reasons.append(
            {"factor": "priority", "seconds": delta, "priority": c.priority, "at": at.isoformat()}
        )
    if c.status in FINISHED:
        if c.resolution_due_at is not None and "status" in applied:
            await record_outcome(
                db,
                conversation_id=c.id,
                metric=Metric.resolution,
                due_at=c.resolution_due_at,
                at=at,
                team_id=c.team_id,
                language=c.language,
            )
        c.waiting_since = None
        c.next_response_due_at = None
    elif c.status in (Status.pending, Status.on_hold):
        # Waiting on the customer (or parked by an agent): no answer is owed meanwhile.
        c.waiting_since = None
        c.next_response_due_at = None
    waits = c.status == Status.open and c.assignee_id is None
    if not waits:
        c.queue_rank = c.queued_at = c.relax_at = None
    else:
        due = c.next_response_due_at or (
            c.first_response_due_at if c.first_response_at is None else None
        )
        c.queue_rank = queue_rank(due or at, c.priority_boost)
        if c.queued_at is None or "team_id" in applied:
            c.queued_at = at
            c.relax_level = 0
            raw = await raw_connection(db)
            team = await load_team(raw, c.team_id) if c.team_id is not None else None
            c.relax_at = at + timedelta(seconds=team.relax_after_seconds) if team else None
            why = "team changed" if "team_id" in applied else "waiting for an agent again"
            code = "team_changed" if "team_id" in applied else "waiting_again"
            queued = {"factor": "queued", "team_id": c.team_id, "why": why, "why_code": code}
            reasons.append({**queued, "why_args": {}, "at": at.isoformat()})
    if "assignee_id" in applied and c.assignee_id is not None:
        c.assigned_at = at
        reasons.append({"factor": "assigned", "agent_id": c.assignee_id, "at": at.isoformat()})
    c.routing_reasons = reasons
    c.sla_next_due_at = next_due(
        first_response_due_at=c.first_response_due_at,
        first_response_at=c.first_response_at,
        next_response_due_at=c.next_response_due_at,
        resolution_due_at=c.resolution_due_at,
        resolved=c.status in FINISHED,
    )
