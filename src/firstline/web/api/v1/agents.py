"""/api/v1/agents: the people who answer, their roles, languages, teams, presence and capacity."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor, require_permission
from firstline.agents.actions import do_create_agent, do_set_agent_password, do_update_agent
from firstline.agents.models import Agent
from firstline.agents.permissions import Permission
from firstline.agents.queries import get_agent, list_agents, team_ids_by_agent
from firstline.agents.roles import (
    check_grantable,
    check_role_assignable,
    find_role,
    role_permissions,
)
from firstline.agents.rules import check_agent_update, console_language
from firstline.agents.schemas import (
    AgentCreate,
    AgentDetail,
    AgentOut,
    AgentUpdate,
    MeOut,
    MeUpdate,
    PasswordSet,
)
from firstline.core.errors import InvalidInput, NotFound
from firstline.learning.certificates import certificates_of
from firstline.routing.actions import do_react_to_agent_change
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["agents"])


def agent_dict(a: Agent, team_ids: list[int]) -> dict[str, Any]:
    return {
        "id": a.id,
        "email": a.email,
        "name": a.name,
        "role": a.role,
        "languages": a.languages,
        "team_ids": team_ids,
        "presence": a.presence,
        "max_concurrent": a.max_concurrent,
        "is_active": a.is_active,
        "skills": a.skills or [],
        "manual_skills": a.manual_skills or [],
        "granted_skills": a.granted_skills or [],
        "granted_languages": a.granted_languages or [],
        "is_manager": bool(a.is_manager),
        "routing_paused": bool(a.routing_paused),
        "ui_language": a.ui_language,
        "console_language": console_language(a.ui_language),
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


async def _check_update(
    session: AsyncSession, actor: Actor, agent: Agent, changes: dict[str, Any]
) -> None:
    """Who may change what (agents/rules.py), and nobody grants a role beyond their own."""
    held = await find_role(session, agent.role)
    target = role_permissions(held) if held is not None else frozenset()
    check_agent_update(actor, agent.id, target, changes)
    if changes.get("role") is not None:
        await check_role_assignable(session, actor, changes["role"])
    if agent.id != actor.agent_id:
        # Changing an agent who holds more than you (disabling an admin, say) is refused too.
        check_grantable(actor, agent.role, target)


@router.post(
    "/agents",
    operation_id="createAgent",
    responses=problem_responses((409, "An agent with that email exists.")),
    status_code=201,
    response_model=AgentOut,
)
async def create_agent(data: AgentCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Create an agent (admins). Give a password to let them log in to the console."""
    require_permission(actor, Permission.agents_manage, "Creating an agent")
    async with db.transaction() as session:
        await check_role_assignable(session, actor, data.role)
        agent = await do_create_agent(
            session,
            email=data.email,
            name=data.name,
            role=data.role,
            languages=data.languages,
            team_ids=data.team_ids,
            max_concurrent=data.max_concurrent,
            password=data.password,
            skills=data.skills,
            acting_agent_id=actor.agent_id,
        )
    return FastJSON(agent_dict(agent, sorted(set(data.team_ids))), status_code=201)


@router.get("/agents", operation_id="listAgents", response_model=list[AgentOut])
async def list_agents_route(
    actor: CurrentActor,
    session: ReadSession,
    team_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    after_id: Annotated[int, Query(ge=0, description="Return agents with a larger id.")] = 0,
) -> FastJSON:
    """Agents in id order (optionally of one team); page with `after_id`."""
    agents = await list_agents(session, team_id=team_id, limit=limit, after_id=after_id)
    teams = await team_ids_by_agent(session, [a.id for a in agents])
    return FastJSON([agent_dict(a, teams.get(a.id, [])) for a in agents])


@router.get("/me", operation_id="getMe", response_model=MeOut)
async def me(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The agent the token belongs to, with what they may do (their role's permissions, as
    far as the token's scopes allow)."""
    agent = await get_agent(session, actor.agent_id)
    assert agent is not None  # authentication just found it
    out = agent_dict(agent, sorted(actor.team_ids))
    out["permissions"] = sorted(p.value for p in actor.permissions)
    out["certificates"] = await certificates_of(session, agent.id)
    return FastJSON(out)


@router.patch("/me", operation_id="updateMe", response_model=AgentOut)
async def update_me(data: MeUpdate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Change your own presence or console language (`ui_language`; null: English).
    Audited like any change to an agent."""
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        raise InvalidInput(
            "Send at least one of presence, ui_language.",
            message="send_one_of",
            args={"fields": "presence, ui_language"},
        )
    async with db.transaction() as session:
        agent = await get_agent(session, actor.agent_id)
        assert agent is not None  # authentication just found it
        await _check_update(session, actor, agent, changes)
        applied = await do_update_agent(session, agent, changes, acting_agent_id=actor.agent_id)
        await do_react_to_agent_change(session, agent.id, applied, acting_agent_id=actor.agent_id)
    return FastJSON(agent_dict(agent, sorted(actor.team_ids)))


@router.get("/agents/{agent_id}", operation_id="getAgent", response_model=AgentDetail)
async def get_agent_route(agent_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """One agent, with the certificates that grant some of their skills (valid, due or
    lapsed)."""
    agent = await get_agent(session, agent_id)
    if agent is None:
        raise NotFound(
            f"No agent with id {agent_id}.", message="no_agent", args={"id": str(agent_id)}
        )
    teams = await team_ids_by_agent(session, [agent.id])
    out = agent_dict(agent, teams.get(agent.id, []))
    out["certificates"] = await certificates_of(session, agent.id)
    return FastJSON(out)


@router.patch("/agents/{agent_id}", operation_id="updateAgent", response_model=AgentOut)
async def update_agent(
    agent_id: int, data: AgentUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change an agent. Admins change anything; supervisors staff agents (presence, capacity,
    teams); every agent sets their own presence."""
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        fields = (
            "name, role, languages, team_ids, presence, max_concurrent, is_active, skills, "
            "routing_paused, ui_language, is_manager"
        )
        raise InvalidInput(
            f"Send at least one of {fields}.", message="send_one_of", args={"fields": fields}
        )
    async with db.transaction() as session:
        agent = await get_agent(session, agent_id)
        if agent is None:
            raise NotFound(
                f"No agent with id {agent_id}.", message="no_agent", args={"id": str(agent_id)}
            )
        await _check_update(session, actor, agent, changes)
        applied = await do_update_agent(session, agent, changes, acting_agent_id=actor.agent_id)
        await do_react_to_agent_change(session, agent.id, applied, acting_agent_id=actor.agent_id)
        teams = await team_ids_by_agent(session, [agent.id])
    return FastJSON(agent_dict(agent, teams.get(agent.id, [])))


@router.put(
    "/agents/{agent_id}/password",
    operation_id="setAgentPassword",
    status_code=204,
    responses=problem_responses((403, "Admins only."), (404, "No such agent.")),
)
async def set_agent_password(
    agent_id: int, data: PasswordSet, actor: CurrentActor, db: DatabaseDep
) -> Response:
    """Set an agent's console password (admins); audited as `agent.password_set`, the
    password itself kept only as its hash."""
    require_permission(actor, Permission.agents_manage, "Setting an agent's password")
    async with db.transaction() as session:
        agent = await get_agent(session, agent_id)
        if agent is None:
            raise NotFound(
                f"No agent with id {agent_id}.", message="no_agent", args={"id": str(agent_id)}
            )
        await do_set_agent_password(session, agent, data.password, acting_agent_id=actor.agent_id)
    return Response(status_code=204)
