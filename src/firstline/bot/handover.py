"""Handing a conversation from the bot to people: routed as intake would have routed it, with
the SLA clocks starting now, and a note that tells the agent what the bot tried."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.access import ConversationState
from firstline.conversations.actions import do_post_message
from firstline.conversations.models import AuthorKind, Status
from firstline.conversations.state import announce_handed_over, do_place_handed_over
from firstline.core.db import now
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
    # Written, audited and announced by the owner of the conversation's state; the note goes
    # in between so that it reaches the team the conversation now belongs to.
    raised = await do_place_handed_over(db, state, placed, tags=all_tags, at=at)
    await do_post_message(
        db, state, body=summary, author_kind=AuthorKind.system, internal=True,
        language=state.language,
    )  # fmt: skip
    await announce_handed_over(
        db, state, placed, raised=raised, reason=reason, agent_id=agent_id, at=at
    )
    return HandedOver(placed, at)
