"""Keeping a conversation's SLA clocks and queue state true to what happens to it.

A customer's message starts a wait (and the next-response clock once the first answer was
given) and puts an unassigned conversation back in its queue; an agent's answer records the
outcome of the running targets, stops the clocks and takes an unassigned conversation; a
change of status, priority, team or assignee moves it into or out of its queue. Called by
the actions in conversations/actions.py, inside their transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.access import ConversationState
from firstline.conversations.models import AuthorKind, Conversation, Status
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.routing.placement import load_targets, load_team, working_time
from firstline.routing.rules import BOOST_PRIORITY, queue_rank
from firstline.sla.actions import record_outcome
from firstline.sla.models import Metric
from firstline.sla.rules import next_due

# A customer writing again means the ball is back in our court.
REOPENED_BY_CUSTOMER = {Status.pending, Status.on_hold, Status.resolved}


@lru_cache(maxsize=64)
def _set_columns(names: tuple[str, ...]) -> SQL:
    assignments = ", ".join(f"{name} = ${i + 2}" for i, name in enumerate(names))
    return SQL(f"UPDATE conversations SET {assignments} WHERE id = $1")


def _stored(raw: RawConnection, value: Any) -> Any:
    return raw.ts(value) if isinstance(value, datetime) else value


async def move_clocks(
    db: AsyncSession,
    conversation: Conversation | ConversationState,
    author_kind: AuthorKind,
    internal: bool,
    agent_id: int | None,
    at: datetime,
) -> dict[str, Any]:
    """Start or stop the SLA clocks and the queue after a message, and return the columns
    that changed. Only the first customer message of a wait and an agent's answer change
    anything; a customer writing three lines in a row costs nothing here."""
    c = conversation
    if c.status == Status.bot:
        return {}  # no clock runs while the bot talks; handing over starts them
    customer = author_kind == AuthorKind.customer and not internal
    answer = author_kind == AuthorKind.agent and not internal
    if customer and c.waiting_since is not None:
        return {}
    if not customer and not answer:
        return {}
    if answer and (
        c.waiting_since is None
        and c.next_response_due_at is None
        and c.first_response_at is not None
        and c.assignee_id is not None
        and c.queue_rank is None
    ):
        return {}
    raw = await raw_connection(db)
    fields: dict[str, Any] = {
        "waiting_since": c.waiting_since,
        "next_response_due_at": c.next_response_due_at,
        "queue_rank": c.queue_rank,
        "queued_at": getattr(c, "queued_at", None),
        "relax_at": getattr(c, "relax_at", None),
        "assignee_id": c.assignee_id,
        "assigned_at": getattr(c, "assigned_at", None),
    }
    team = await load_team(raw, c.team_id) if c.team_id is not None else None
    if customer:
        fields["waiting_since"] = at
        if c.first_response_at is not None:
            targets = await load_targets(
                raw, policy_id=c.sla_policy_id, channel=c.channel, tier=None, priority=c.priority
            )
            fields["next_response_due_at"] = working_time(team, at, targets.next_response_seconds)
        # A message that reopens a resolved conversation puts it back in its team's queue
        # too (the row says open already; `c` still says what it was).
        reopens = c.status in REOPENED_BY_CUSTOMER
        if c.assignee_id is None and c.queue_rank is None and (c.status == Status.open or reopens):
            due = fields["next_response_due_at"] or c.first_response_due_at or at
            fields["queue_rank"] = queue_rank(due, c.priority_boost)
            fields["queued_at"] = at
            if team is not None:
                fields["relax_at"] = at + timedelta(seconds=team.relax_after_seconds)
    else:
        language = c.language
        if c.first_response_at is None and c.first_response_due_at is not None:
            await record_outcome(
                db, conversation_id=c.id, metric=Metric.first_response,
                due_at=c.first_response_due_at, at=at, team_id=c.team_id, language=language,
            )  # fmt: skip
        if c.next_response_due_at is not None:
            await record_outcome(
                db, conversation_id=c.id, metric=Metric.next_response,
                due_at=c.next_response_due_at, at=at, team_id=c.team_id, language=language,
            )  # fmt: skip
        fields.update(waiting_since=None, next_response_due_at=None)
        fields.update(queue_rank=None, queued_at=None, relax_at=None)
        if c.assignee_id is None:
            fields.update(assignee_id=agent_id, assigned_at=at)
    status = Status.open if customer and c.status in REOPENED_BY_CUSTOMER else c.status
    sla_next = next_due(
        first_response_due_at=c.first_response_due_at,
        first_response_at=c.first_response_at or (at if answer else None),
        next_response_due_at=fields["next_response_due_at"],
        resolution_due_at=c.resolution_due_at,
        resolved=status in (Status.resolved, Status.closed),
    )
    fields["sla_next_due_at"] = sla_next
    changed = {
        name: value
        for name, value in fields.items()
        if name == "sla_next_due_at" or getattr(c, name, None) != value
    }
    names = tuple(changed)
    await raw.execute(_set_columns(names), c.id, *(_stored(raw, changed[n]) for n in names))
    return changed


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
    if c.status in (Status.resolved, Status.closed):
        if c.resolution_due_at is not None and "status" in applied:
            await record_outcome(
                db, conversation_id=c.id, metric=Metric.resolution, due_at=c.resolution_due_at,
                at=at, team_id=c.team_id, language=c.language,
            )  # fmt: skip
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
            reasons.append(
                {"factor": "queued", "team_id": c.team_id, "why": why, "at": at.isoformat()}
            )
    if "assignee_id" in applied and c.assignee_id is not None:
        c.assigned_at = at
        reasons.append({"factor": "assigned", "agent_id": c.assignee_id, "at": at.isoformat()})
    c.routing_reasons = reasons
    c.sla_next_due_at = next_due(
        first_response_due_at=c.first_response_due_at,
        first_response_at=c.first_response_at,
        next_response_due_at=c.next_response_due_at,
        resolution_due_at=c.resolution_due_at,
        resolved=c.status in (Status.resolved, Status.closed),
    )
