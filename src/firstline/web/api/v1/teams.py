"""/api/v1/teams: the teams agents are grouped in, by product line and language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from firstline.agents.actions import TEAMS
from firstline.agents.permissions import Permission
from firstline.agents.schemas import TeamCreate, TeamOut, TeamUpdate
from firstline.sla.rules import parse_calendar
from firstline.web.api.tables import Operation, TableRoutes
from firstline.web.problems import problem_responses

router = APIRouter(prefix="/teams", tags=["teams"])


def _check_calendar(fields: dict[str, Any]) -> None:
    # Calendars are the SLA clocks' business (sla.rules), a domain above agents' teams.
    if "calendar" in fields:
        parse_calendar(fields["calendar"])


NAME_TAKEN = problem_responses((409, "A team of that name exists."))
TableRoutes(
    table=TEAMS,
    path="",
    id_name="team_id",
    out=TeamOut,
    writers=Permission.teams_manage,
    doing="Changing a team",
    create_in=TeamCreate,
    update_in=TeamUpdate,
    check=_check_calendar,
).add(
    router,
    list_op=Operation(
        operation_id="listTeams",
        summary="List Teams Route",
        description="All teams (a deployment has tens, not thousands, so this is not paginated).",
    ),
    create_op=Operation(
        operation_id="createTeam",
        summary="Create Team",
        description="Create a team (admins).",
        doing="Creating a team",
        responses=NAME_TAKEN,
    ),
    update_op=Operation(
        operation_id="updateTeam",
        summary="Update Team",
        description="Change a team's name, product, languages or routing (admins). Only the "
        "fields sent\nare changed.",
        responses=NAME_TAKEN,
    ),
)
