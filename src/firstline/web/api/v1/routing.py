"""/api/v1/routing: the rules and settings that choose a team, each queue in serving order,
pull and push."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from firstline.agents.access import require_permission
from firstline.agents.models import Agent
from firstline.agents.permissions import Permission
from firstline.conversations.access import access_conversation_by_id
from firstline.conversations.actions import do_update_conversation
from firstline.conversations.queries import get_conversation_row
from firstline.conversations.schemas import ConversationOut
from firstline.core.errors import Forbidden, InvalidInput, NotFound
from firstline.core.rawsql import raw_connection
from firstline.routing.actions import (
    RULES,
    do_fill_agent,
    do_pull_conversation,
    do_update_routing_settings,
    get_routing_settings,
)
from firstline.routing.models import RoutingSettings
from firstline.routing.placement import json_value
from firstline.routing.queries import queue_head
from firstline.routing.schemas import (
    PullRequest,
    PushRequest,
    QueueOut,
    RoutingSettingsOut,
    RoutingSettingsUpdate,
    RuleCreate,
    RuleOut,
    RuleUpdate,
)
from firstline.sla.actions import as_datetime
from firstline.web.api.tables import Operation, TableRoutes
from firstline.web.api.v1.conversations import row_dict
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/routing", tags=["routing"])


TableRoutes(
    table=RULES,
    path="/rules",
    id_name="rule_id",
    out=RuleOut,
    writers=Permission.routing_configure,
    doing="Changing routing rules",
    create_in=RuleCreate,
    update_in=RuleUpdate,
).add(
    router,
    list_op=Operation(
        operation_id="listRoutingRules",
        summary="List Rules",
        description="The rules in the order they are tried (the first match chooses the team).",
    ),
    create_op=Operation(
        operation_id="createRoutingRule",
        summary="Create Rule",
        description="Add a rule (admins). Conditions left out match anything.",
    ),
    update_op=Operation(operation_id="updateRoutingRule", summary="Update Rule"),
    delete_op=Operation(operation_id="deleteRoutingRule", summary="Delete Rule"),
)


def settings_dict(s: RoutingSettings) -> dict[str, Any]:
    return {
        "default_team_id": s.default_team_id,
        "security_team_id": s.security_team_id,
        "updated_at": s.updated_at,
    }


@router.get("/settings", operation_id="getRoutingSettings", response_model=RoutingSettingsOut)
async def read_settings(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The default team and the security team (null: routing chooses, see the docs)."""
    return FastJSON(settings_dict(await get_routing_settings(session)))


@router.patch("/settings", operation_id="updateRoutingSettings", response_model=RoutingSettingsOut)
async def update_settings(
    data: RoutingSettingsUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Set the default team or the security team (admins); null unsets it."""
    require_permission(actor, Permission.routing_configure, "Changing routing settings")
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        raise InvalidInput(
            "Send default_team_id or security_team_id.",
            message="send_one_of",
            args={"fields": "default_team_id, security_team_id"},
        )
    async with db.transaction() as session:
        settings = await do_update_routing_settings(
            session, changes, acting_agent_id=actor.agent_id
        )
        doc = settings_dict(settings)
    return FastJSON(doc)


@router.get("/queues/{team}", operation_id="getQueue", response_model=QueueOut)
async def get_queue(
    team: str,
    actor: CurrentActor,
    session: ReadSession,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> FastJSON:
    """A team's queue (`unrouted` for conversations no team took) in the order it will be
    served, with why each conversation is where it is."""
    if team == "unrouted":
        team_id = None
    else:
        try:
            team_id = int(team)
        except ValueError:
            raise InvalidInput(f"team must be a team id or 'unrouted'; got {team!r}.") from None
        if not actor.sees_everything and team_id not in actor.team_ids:
            raise NotFound(f"Team {team_id} does not exist or its queue is not visible to you.")
    raw = await raw_connection(session)
    rows = await queue_head(raw, team_id, limit)
    items = []
    for position, (cid, language, queued_at, rank, boost, level, skill, reasons) in enumerate(
        rows, start=1
    ):
        items.append(
            {
                "conversation_id": cid,
                "position": position,
                "language": language,
                "queued_at": as_datetime(queued_at),
                "queue_rank": rank,
                "priority_boost_seconds": boost,
                "relax_level": level,
                "required_skill": skill,
                "reasons": json_value(reasons),
            }
        )
    return FastJSON({"team_id": team_id, "items": items})


@router.post(
    "/pull",
    operation_id="pullConversation",
    responses=problem_responses((404, "No waiting conversation fits, or no such agent.")),
    response_model=ConversationOut,
)
async def pull(data: PullRequest, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Take the most urgent waiting conversation you fit from your teams' queues, even past
    your capacity. Supervisors may pull for an agent (`agent_id`)."""
    agent_id = data.agent_id if data.agent_id is not None else actor.agent_id
    if agent_id != actor.agent_id:
        require_permission(
            actor, Permission.conversations_assign, "Pulling a conversation for someone else"
        )
    async with db.transaction() as session:
        pulled = await do_pull_conversation(
            session, agent_id, team_id=data.team_id, acting_agent_id=actor.agent_id
        )
        row = await get_conversation_row(session, pulled.conversation_id)
    return FastJSON(row_dict(row))


@router.post(
    "/push",
    operation_id="pushConversation",
    responses=problem_responses((404, "No conversation `conversation_id` that you may see.")),
    response_model=ConversationOut,
)
async def push(data: PushRequest, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Hand a conversation to an agent whatever the queue says (supervisors)."""
    require_permission(actor, Permission.conversations_assign, "Pushing a conversation to an agent")
    async with db.transaction() as session:
        agent = await session.get(Agent, data.agent_id)
        if agent is None or not agent.is_active:
            raise InvalidInput(f"agent_id {data.agent_id} is not an active agent.")
        conversation = await access_conversation_by_id(
            session, actor, data.conversation_id, for_update=True
        )
        if conversation.status in ("resolved", "closed"):
            raise Forbidden(
                f"Conversation {conversation.id} is {conversation.status}; reopen it first."
            )
        previous = conversation.assignee_id
        await do_update_conversation(
            session, conversation, {"assignee_id": agent.id}, acting_agent_id=actor.agent_id
        )
        if previous is not None and previous != agent.id:
            await do_fill_agent(session, previous)
        row = await get_conversation_row(session, conversation.id)
    return FastJSON(row_dict(row))
