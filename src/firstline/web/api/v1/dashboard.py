"""/api/v1/dashboard: the supervisor's floor, live, per team and language."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.agents.queries import list_teams
from firstline.core.db import now
from firstline.core.rawsql import raw_connection
from firstline.core.settings import Settings
from firstline.routing.queries import Floor, floor
from firstline.sla.queries import AT_RISK_WITHIN, at_risk, attainment
from firstline.web.deps import CurrentActor, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["dashboard"])


class FloorRow(BaseModel):
    team_id: int | None
    team: str | None
    language: str
    waiting: int
    longest_wait_seconds: int
    agents_online: int
    agents_busy: int = Field(description="Online agents with at least one open conversation.")
    agents_available: int = Field(description="Online, not paused, with room for another.")
    sla_at_risk: int = Field(description="Running SLA clocks due within the next two minutes.")
    breaches_today: int
    met_today: int
    attainment_today: float | None


class Dashboard(BaseModel):
    generated_at: datetime
    at_risk_within_seconds: int
    rows: list[FloorRow]
    totals: dict[str, int]


def _order(row: Floor) -> tuple[bool, int, str]:
    return (row.team_id is None, row.team_id or 0, row.language)


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    at = now(session)
    teams = await list_teams(session)
    names = {t.id: t.name for t in teams}
    raw = await raw_connection(session)
    rows = await floor(raw, at, {t.id: list(t.languages or []) for t in teams})
    for key, n in (await at_risk(session, at)).items():
        row = rows.get(key) or rows.setdefault(key, Floor(*key))
        row.sla_at_risk = n
    midnight = datetime.combine(at.date(), clock_time(0), at.tzinfo)
    # The end is exclusive; what was recorded at this very instant counts as today.
    for a in await attainment(session, midnight, at + timedelta(microseconds=1)):
        key = (a.team_id, a.language)
        row = rows.get(key) or rows.setdefault(key, Floor(*key))
        row.breaches_today += a.breached
        row.met_today += a.met
    out = [
        {
            "team_id": r.team_id,
            "team": names.get(r.team_id) if r.team_id is not None else None,
            "language": r.language,
            "waiting": r.waiting,
            "longest_wait_seconds": r.longest_wait_seconds,
            "agents_online": r.agents_online,
            "agents_busy": r.agents_busy,
            "agents_available": r.agents_available,
            "sla_at_risk": r.sla_at_risk,
            "breaches_today": r.breaches_today,
            "met_today": r.met_today,
            "attainment_today": r.attainment_today,
        }
        for r in sorted(rows.values(), key=_order)
    ]
    totals = {
        "waiting": sum(r.waiting for r in rows.values()),
        "sla_at_risk": sum(r.sla_at_risk for r in rows.values()),
        "breaches_today": sum(r.breaches_today for r in rows.values()),
        "met_today": sum(r.met_today for r in rows.values()),
    }
    return {
        "generated_at": at,
        "at_risk_within_seconds": int(AT_RISK_WITHIN.total_seconds()),
        "rows": out,
        "totals": totals,
    }


@router.get(
    "/dashboard",
    operation_id="getDashboard",
    responses=problem_responses((403, "Supervisors and admins only.")),
    response_model=Dashboard,
)
async def dashboard(request: Request, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Per team and language: waiting, longest wait, agents online, busy and available, SLA
    clocks at risk, breaches and targets met today (supervisors)."""
    require_permission(actor, Permission.reports_read, "The dashboard")
    # Every supervisor's screen refreshes every few seconds; one snapshot serves them all for
    # a moment, so twenty supervisors cost what one does.
    settings: Settings = request.app.state.settings
    cache: dict[str, Any] = request.app.state.dashboard_cache
    if cache.get("until", 0.0) > time.monotonic():
        return FastJSON(cache["body"])
    body = await snapshot(session)
    cache.update(body=body, until=time.monotonic() + settings.dashboard_cache_seconds)
    return FastJSON(body)
