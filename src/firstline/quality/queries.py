"""Quality's reads: the review queue, reviews of an agent, a queue item with everything a
reviewer reads (the transcript with internal notes, routing and SLA history, the checks)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.models import Conversation, Message
from firstline.conversations.schemas import message_dict
from firstline.quality.models import Review, ReviewAssignment
from firstline.quality.reviews import review_dict
from firstline.sla.models import SlaOutcome


async def list_queue(
    db: AsyncSession,
    *,
    reviewer_id: int | None,
    state: str,
    after_id: int,
    limit: int,
) -> list[dict[str, Any]]:
    """Oldest first; one reviewer's, or everyone's (reviewer_id None)."""
    stmt = (
        select(
            ReviewAssignment, Conversation.language, Conversation.channel, Conversation.subject,
            Conversation.last_message_preview,
        )
        .join(Conversation, Conversation.id == ReviewAssignment.conversation_id)
        .where(ReviewAssignment.state == state, ReviewAssignment.id > after_id)
        .order_by(ReviewAssignment.id)
        .limit(limit)
    )  # fmt: skip
    if reviewer_id is not None:
        stmt = stmt.where(ReviewAssignment.reviewer_id == reviewer_id)
    rows = (await db.execute(stmt)).all()
    return [
        {
            "id": a.id,
            "conversation_id": a.conversation_id,
            "reviewer_id": a.reviewer_id,
            "agent_id": a.agent_id,
            "reason": a.reason,
            "calibration_id": a.calibration_id or None,
            "state": a.state,
            "created_at": a.created_at,
            "language": language,
            "channel": channel,
            "subject": subject,
            "preview": preview,
        }
        for a, language, channel, subject, preview in rows
    ]


async def transcript(db: AsyncSession, conversation_id: int) -> dict[str, Any]:
    """What a reviewer reads: every message (internal notes too), oldest first, the routing
    reasons and the SLA outcomes."""
    conversation = await db.get(Conversation, conversation_id)
    assert conversation is not None
    messages = await db.scalars(
        select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
    )
    sla = (
        await db.execute(
            select(SlaOutcome.metric, SlaOutcome.outcome, SlaOutcome.due_at, SlaOutcome.recorded_at)
            .where(SlaOutcome.conversation_id == conversation_id)
            .order_by(SlaOutcome.id)
        )
    ).all()
    return {
        "id": conversation.id,
        "status": conversation.status,
        "language": conversation.language,
        "channel": conversation.channel,
        "product": conversation.product,
        "subject": conversation.subject,
        "team_id": conversation.team_id,
        "assignee_id": conversation.assignee_id,
        "created_at": conversation.created_at,
        "resolved_at": conversation.resolved_at,
        "routing_reasons": conversation.routing_reasons,
        "sla": [
            {"metric": s.metric, "outcome": s.outcome, "due_at": s.due_at, "at": s.recorded_at}
            for s in sla
        ],
        "messages": [message_dict(m) for m in messages],
    }


async def list_reviews(
    db: AsyncSession, *, agent_id: int | None, reviewer_id: int | None, before_id: int | None,
    limit: int, disputed: bool = False,
) -> list[dict[str, Any]]:  # fmt: skip
    """Newest first, by the agent reviewed and/or the reviewer; calibration scores are not
    reviews of anybody's work and are left out."""
    stmt = select(Review).where(Review.calibration_id.is_(None)).order_by(Review.id.desc())
    if agent_id is not None:
        stmt = stmt.where(Review.agent_id == agent_id)
    if reviewer_id is not None:
        stmt = stmt.where(Review.reviewer_id == reviewer_id)
    if before_id is not None:
        stmt = stmt.where(Review.id < before_id)
    if disputed:
        stmt = stmt.where(Review.dispute_state == "open")
    return [review_dict(r) for r in await db.scalars(stmt.limit(limit))]
