"""/api/v1: taking a conversation over from the bot, and how the bot is doing."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.bot.engine import take_over
from firstline.bot.models import BotSession
from firstline.bot.schemas import BotReport, TakeOverOut
from firstline.conversations.access import access_conversation_for_reply
from firstline.core.db import now
from firstline.core.errors import Conflict
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["bot"])


@router.post(
    "/conversations/{conversation_id}/bot/take-over",
    operation_id="takeOverFromBot",
    response_model=TakeOverOut,
    responses=problem_responses((409, "The bot no longer has the conversation.")),
)
async def take_over_from_bot(
    conversation_id: int, request: Request, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Take a conversation from the bot: it is assigned to you, its SLA clocks start, and the
    bot's note says what it tried. 409 when the bot no longer has it."""
    async with db.transaction(raw_writes=True) as session:
        state = await access_conversation_for_reply(session, actor, conversation_id)
        taken = await take_over(
            session, state, agent_id=actor.agent_id, settings=request.app.state.settings
        )
    if not taken:
        raise Conflict(f"Conversation {conversation_id} is not with the bot ({state.status}).")
    return FastJSON({"id": conversation_id, "status": "open", "assignee_id": actor.agent_id})


@router.get(
    "/bot/report",
    operation_id="getBotReport",
    response_model=BotReport,
    responses=problem_responses((403, "Supervisors and admins only.")),
)
async def bot_report(
    actor: CurrentActor,
    session: ReadSession,
    hours: Annotated[int, Query(ge=1, le=24 * 90)] = 24,
) -> FastJSON:
    """Bot conversations that ended in the last `hours`: resolved by the bot, handed over (and
    why). Supervisors and admins."""
    require_permission(actor, Permission.reports_read, "Reading the bot's report")
    since = now(session) - timedelta(hours=hours)
    rows = (
        await session.execute(
            select(BotSession.outcome, BotSession.handover_reason, func.count())
            .where(BotSession.outcome.is_not(None), BotSession.ended_at >= since)
            .group_by(BotSession.outcome, BotSession.handover_reason)
        )
    ).all()
    resolved = sum(n for outcome, _, n in rows if outcome == "resolved")
    handed = {reason or "unknown": n for outcome, reason, n in rows if outcome == "handover"}
    total = resolved + sum(handed.values())
    return FastJSON(
        {
            "since": since,
            "conversations": total,
            "resolved_by_bot": resolved,
            "handed_over": sum(handed.values()),
            "resolution_rate": round(resolved / total, 4) if total else None,
            "handover_reasons": dict(sorted(handed.items(), key=lambda kv: -kv[1])),
        }
    )
