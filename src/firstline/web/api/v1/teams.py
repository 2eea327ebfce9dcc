"""/api/v1/teams: the teams agents are grouped in, by product line and language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from firstline.agents.access import require_role
from firstline.agents.actions import do_create_team
from firstline.agents.models import Role, Team
from firstline.agents.queries import list_teams
from firstline.agents.schemas import TeamCreate, TeamOut
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/teams", tags=["teams"])


def team_dict(t: Team) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "product": t.product,
        "languages": t.languages,
        "line": t.line,
        "created_at": t.created_at,
    }


@router.post("", status_code=201, response_model=TeamOut)
async def create_team(data: TeamCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Create a team (admins)."""
    require_role(actor, Role.admin, "Creating a team")
    async with db.transaction() as session:
        team = await do_create_team(
            session,
            name=data.name,
            product=data.product,
            languages=data.languages,
            line=data.line.value,
            acting_agent_id=actor.agent_id,
        )
    return FastJSON(team_dict(team), status_code=201)


@router.get("", response_model=list[TeamOut])
async def list_teams_route(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """All teams (a deployment has tens, not thousands, so this is not paginated)."""
    return FastJSON([team_dict(t) for t in await list_teams(session)])
