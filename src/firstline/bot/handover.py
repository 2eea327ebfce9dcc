"""Handing a conversation from the bot to people: routed as intake would have routed it, with
the SLA clocks starting now, and a note that tells the agent what the bot tried."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.conversations.access import ConversationState
from firstline.conversations.actions import do_post_message
from firstline.conversations.events import ConversationAssigned, ConversationUpdated
from firstline.conversations.models import AuthorKind, Status
from firstline.core.db import now
from firstline.core.events import Audience, emit
from firstline.core.rawsql import SQL, raw_connection
from firstline.routing.placement import Placement, place_new_conversation, reason_at

_CONTEXT = SQL(
    "SELECT c.product, cu.tier, c.tags FROM conversations c "
    "JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1"
)
_CUSTOMER_TEXT = SQL(
    "SELECT body FROM messages WHERE conversation_id = $1 AND author_kind = 'customer' "
    "ORDER BY id DESC LIMIT 20"
)
_PLACE = SQL(
    "UPDATE conversations SET status = 'open', team_id = $2, assignee_id = $3, assigned_at = $4, "
    "queue_rank = $5, queued_at = $6, priority_boost = $7, required_skill = $8, relax_level = 0, "
    "relax_at = $9, routing_reasons = $10, waiting_since = $11, sla_policy_id = $12, "
    "first_response_due_at = $13, resolution_due_at = $14, sla_next_due_at = $15, "
    "tags = $16, priority = $17, updated_at = $11 WHERE id = $1 AND status = 'bot'"
)

# Why the bot hands over, as recorded in the routing reasons and the bot's report.
REASONS = (
    "asked", "unsure", "unhelpful", "upset", "funds_at_risk", "flow", "backoffice_down",
    "agent_took_over",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class HandedOver:
    placement: Placement
    at: datetime


async def do_hand_over(
    db: AsyncSession,
    state: ConversationState,
    *,
    reason: str,
    summary: str,
    tags: Sequence[str] = (),
    agent_id: int | None = None,
) -> HandedOver | None:
    """Route a conversation the bot was handling; None when it was no longer with the bot.
    With `agent_id` (an agent taking over) it goes to that agent instead of a queue."""
    if state.status != Status.bot:
        return None
    raw = await raw_connection(db)
    at = now(db)
    product, tier, stored_tags = await raw.fetchone(_CONTEXT, state.id)
    texts = [r[0] for r in await raw.fetchall(_CUSTOMER_TEXT, state.id)]
    if isinstance(stored_tags, str):  # JSON comes back as text from raw SQL
        stored_tags = orjson.loads(stored_tags)
    all_tags = list(dict.fromkeys([*(stored_tags or []), *tags]))
    placed = await place_new_conversation(
        db,
        at=at,
        team_id=None,
        product=product,
        language=state.language,
        tier=tier,
        channel=state.channel,
        priority=state.priority,
        body="\n".join(reversed(texts)),
        tags=all_tags,
        raise_priority=True,
    )
    placed.reasons.insert(0, reason_at(at, {"factor": "bot_handover", "reason": reason}))
    if agent_id is not None:
        placed.assignee_id, placed.assigned_at = agent_id, at
        placed.queue_rank = placed.queued_at = placed.relax_at = None
        placed.reasons.append(reason_at(at, {"factor": "taken_over", "agent_id": agent_id}))
    sla_next = min(placed.first_response_due_at, placed.resolution_due_at)
    ts = raw.ts
    await raw.execute(
        _PLACE,
        state.id,
        placed.team_id,
        placed.assignee_id,
        ts(placed.assigned_at) if placed.assigned_at else None,
        placed.queue_rank,
        ts(placed.queued_at) if placed.queued_at else None,
        placed.priority_boost,
        placed.required_skill,
        ts(placed.relax_at) if placed.relax_at else None,
        raw.json(placed.reasons),
        ts(at),
        placed.targets.policy_id,
        ts(placed.first_response_due_at),
        ts(placed.resolution_due_at),
        ts(sla_next),
        raw.json(all_tags),
        placed.priority,
    )
    state.status = Status.open.value
    state.team_id = placed.team_id
    state.assignee_id = placed.assignee_id
    state.queue_rank = placed.queue_rank
    state.waiting_since = at
    state.first_response_due_at = placed.first_response_due_at
    state.resolution_due_at = placed.resolution_due_at
    state.priority_boost = placed.priority_boost
    state.sla_policy_id = placed.targets.policy_id
    raised = placed.priority != state.priority
    state.priority = placed.priority
    await do_post_message(
        db, state, body=summary, author_kind=AuthorKind.system, internal=True,
        language=state.language,
    )  # fmt: skip
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
                occurred_at=at, audience=audience, conversation_id=state.id,
                team_id=placed.team_id, assignee_id=placed.assignee_id, previous_assignee_id=None,
            ),
        )  # fmt: skip
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
    return HandedOver(placed, at)
