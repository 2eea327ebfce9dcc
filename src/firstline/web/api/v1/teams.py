"""/api/v1/teams: the teams agents are grouped in, by product line and language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from firstline.agents.access import require_role
from firstline.agents.actions import do_create_team, do_update_team
from firstline.agents.models import Role, Team
from firstline.agents.queries import list_teams
from firstline.agents.schemas import TeamCreate, TeamOut, TeamUpdate
from firstline.core.errors import InvalidInput, NotFound
from firstline.sla.rules import parse_calendar
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/teams", tags=["teams"])


def team_dict(t: Team) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "product": t.product,
        "languages": t.languages,
        "line": t.line,
        "strategy": t.strategy,
        "relax_after_seconds": t.relax_after_seconds,
        "overflow_team_id": t.overflow_team_id,
        "calendar": t.calendar,
        "created_at": t.created_at,
    }


@router.post(
    "",
    operation_id="createTeam",
    responses=problem_responses((409, "A team of that name exists.")),
    status_code=201,
    response_model=TeamOut,
)
async def create_team(data: TeamCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Create a team (admins)."""
    require_role(actor, Role.admin, "Creating a team")
    parse_calendar(data.calendar)
    async with db.transaction() as session:
        team = await do_create_team(
            session,
            name=data.name,
            product=data.product,
            languages=data.languages,
            line=data.line.value,
            strategy=data.strategy.value,
            relax_after_seconds=data.relax_after_seconds,
            overflow_team_id=data.overflow_team_id,
            calendar=data.calendar,
            acting_agent_id=actor.agent_id,
        )
    return FastJSON(team_dict(team), status_code=201)


@router.patch(
    "/{team_id}",
    operation_id="updateTeam",
    responses=problem_responses((409, "A team of that name exists.")),
    response_model=TeamOut,
)
async def update_team(
    team_id: int, data: TeamUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change a team's name, product, languages or routing (admins). Only the fields sent
    are changed."""
    require_role(actor, Role.admin, "Changing a team")
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        raise InvalidInput("Send at least one field to change.")
    if "calendar" in changes:
        parse_calendar(changes["calendar"])
    async with db.transaction() as session:
        team = await session.get(Team, team_id)
        if team is None:
            raise NotFound(f"No team with id {team_id}.")
        await do_update_team(session, team, changes, acting_agent_id=actor.agent_id)
    return FastJSON(team_dict(team))


@router.get("", operation_id="listTeams", response_model=list[TeamOut])
async def list_teams_route(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """All teams (a deployment has tens, not thousands, so this is not paginated)."""
    return FastJSON([team_dict(t) for t in await list_teams(session)])
