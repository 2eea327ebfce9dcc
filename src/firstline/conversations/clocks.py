"""Keeping a conversation's SLA clocks and queue state true to what happens to it.

A customer's message starts a wait (and the next-response clock once the first answer was
given) and puts an unassigned conversation back in its queue; an agent's answer records the
outcome of the running targets, stops the clocks and takes an unassigned conversation (that
assignment is written and announced by conversations/state/, which owns the column). Called
by the actions in conversations/actions.py, inside their transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.access import ConversationState
from firstline.conversations.models import AuthorKind, Conversation, Status
from firstline.conversations.state import write_after_message
from firstline.core.rawsql import raw_connection
from firstline.routing.placement import load_targets, load_team, working_time
from firstline.routing.rules import queue_rank
from firstline.sla.actions import record_outcome
from firstline.sla.models import Metric
from firstline.sla.rules import next_due

# A customer writing again means the ball is back in our court.
REOPENED_BY_CUSTOMER = {Status.pending, Status.on_hold, Status.resolved}


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
    # An answer to an unassigned conversation takes it; the owner of the assignee column
    # writes that in the same statement.
    taken_by = agent_id if answer else None
    return await write_after_message(raw, c, changed, taken_by=taken_by, at=at)
