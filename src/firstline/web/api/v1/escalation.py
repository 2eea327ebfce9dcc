"""/api/v1: escalating a conversation (up the ladder or across to a business-line team),
acknowledging, returning, the history, and the ladder itself."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.conversations.access import access_conversation_by_id
from firstline.conversations.models import Conversation
from firstline.escalation.actions import (
    do_acknowledge_escalation,
    do_escalate_conversation,
    do_return_escalation,
    do_set_level,
    ladder,
    parse_target,
)
from firstline.escalation.models import Escalation
from firstline.escalation.schemas import (
    EscalateRequest,
    EscalationOut,
    LevelOut,
    LevelUpdate,
    ReturnRequest,
)
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["escalation"])


def escalation_dict(e: Escalation, conversation: Conversation) -> dict[str, Any]:
    return {
        "id": e.id,
        "conversation_id": e.conversation_id,
        "from_level": e.from_level,
        "to_level": e.to_level,
        "to_team_id": e.to_team_id,
        "reason": e.reason,
        "raised_by_agent_id": e.raised_by_agent_id,
        "state": e.state,
        "created_at": e.created_at,
        "ack_due_at": e.ack_due_at,
        "acknowledged_at": e.acknowledged_at,
        "acknowledged_by_agent_id": e.acknowledged_by_agent_id,
        "closed_at": e.closed_at,
        "conversation_escalation_level": conversation.escalation_level,
    }


@router.post(
    "/conversations/{conversation_id}/escalate",
    operation_id="escalateConversation",
    responses=problem_responses((409, "The conversation cannot go there from where it is.")),
    status_code=201,
    response_model=EscalationOut,
)
async def escalate(
    conversation_id: int, data: EscalateRequest, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Escalate with a reason: `"next"` (one level up), a level up to 10, or
    `{"team_id": n}` across to a business-line team. The people at the target are notified
    live; if nobody acknowledges in time it climbs a level by itself."""
    async with db.transaction() as session:
        conversation = await access_conversation_by_id(
            session, actor, conversation_id, for_update=True
        )
        target = parse_target(data.to, conversation.escalation_level)
        escalation = await do_escalate_conversation(
            session, conversation, target=target, reason=data.reason,
            acting_agent_id=actor.agent_id,
        )  # fmt: skip
    return FastJSON(escalation_dict(escalation, conversation), status_code=201)


@router.post(
    "/conversations/{conversation_id}/escalation/acknowledge",
    operation_id="acknowledgeEscalation",
    responses=problem_responses((409, "No escalation waits on you.")),
    response_model=EscalationOut,
)
async def acknowledge(conversation_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Take the escalation waiting on you (its clock stops; whoever raised it is told)."""
    async with db.transaction() as session:
        conversation = await access_conversation_by_id(
            session, actor, conversation_id, for_update=True
        )
        escalation = await do_acknowledge_escalation(
            session, conversation, agent_id=actor.agent_id, permissions=actor.permissions
        )
    return FastJSON(escalation_dict(escalation, conversation))


@router.post(
    "/conversations/{conversation_id}/escalation/return",
    operation_id="returnEscalation",
    responses=problem_responses((409, "The conversation has no open escalation.")),
    response_model=EscalationOut,
)
async def return_escalation(
    conversation_id: int, data: ReturnRequest, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """De-escalate: the case goes back to the level and the agent that raised it."""
    async with db.transaction() as session:
        conversation = await access_conversation_by_id(
            session, actor, conversation_id, for_update=True
        )
        escalation = await do_return_escalation(
            session, conversation, reason=data.reason, acting_agent_id=actor.agent_id
        )
    return FastJSON(escalation_dict(escalation, conversation))


@router.get(
    "/conversations/{conversation_id}/escalations",
    operation_id="listEscalations",
    response_model=list[EscalationOut],
)
async def history(conversation_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every escalation of the conversation, oldest first."""
    conversation = await access_conversation_by_id(session, actor, conversation_id)
    rows = await session.scalars(
        select(Escalation)
        .where(Escalation.conversation_id == conversation_id)
        .order_by(Escalation.id)
    )
    return FastJSON([escalation_dict(e, conversation) for e in rows])


@router.get(
    "/escalation/levels", operation_id="listEscalationLevels", response_model=list[LevelOut]
)
async def levels(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The ladder, L1 to L10: who answers at each level and how long they have."""
    rungs = await ladder(session)
    return FastJSON(
        [
            {
                "level": r.level,
                "name": r.name,
                "role": r.role,
                "agent_ids": list(r.agent_ids),
                "ack_minutes": r.ack_minutes,
            }
            for r in (rungs[n] for n in sorted(rungs))
        ]
    )


@router.put(
    "/escalation/levels/{level}", operation_id="setEscalationLevel", response_model=LevelOut
)
async def set_level(
    level: int, data: LevelUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Configure one level (admins): named people, or everyone with a role and above."""
    require_permission(actor, Permission.escalation_configure, "Changing the escalation ladder")
    async with db.transaction() as session:
        rung = await do_set_level(
            session, level, name=data.name, role=data.role.value, agent_ids=data.agent_ids,
            ack_minutes=data.ack_minutes, acting_agent_id=actor.agent_id,
        )  # fmt: skip
    return FastJSON(
        {
            "level": rung.level,
            "name": rung.name,
            "role": rung.role,
            "agent_ids": list(rung.agent_ids),
            "ack_minutes": rung.ack_minutes,
        }
    )
