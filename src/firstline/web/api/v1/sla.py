"""/api/v1/sla: policies (targets), attainment reports and the breach log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.core.errors import InvalidInput
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.sla.actions import POLICIES
from firstline.sla.queries import attainment, list_breaches, outcome_dict
from firstline.sla.schemas import (
    BreachPage,
    PolicyCreate,
    PolicyOut,
    PolicyUpdate,
    Report,
)
from firstline.web.api.tables import Operation, TableRoutes
from firstline.web.deps import CurrentActor, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/sla", tags=["sla"])

MAX_REPORT_DAYS = 92


TableRoutes(
    table=POLICIES,
    path="/policies",
    id_name="policy_id",
    out=PolicyOut,
    writers=Permission.sla_configure,
    doing="Changing SLA policies",
    create_in=PolicyCreate,
    update_in=PolicyUpdate,
).add(
    router,
    list_op=Operation(
        operation_id="listSlaPolicies",
        summary="Get Policies",
        description="The policies; the most specific match wins. Without a match: chat 60 s "
        "first\nresponse, 120 s next response, 24 h resolution; email, web form and API 4 h, "
        "8 h, 72 h.",
    ),
    create_op=Operation(operation_id="createSlaPolicy", summary="Create Policy"),
    update_op=Operation(
        operation_id="updateSlaPolicy",
        summary="Update Policy",
        description="Change a policy. Conversations keep the due times they were given.",
    ),
    delete_op=Operation(operation_id="deleteSlaPolicy", summary="Delete Policy"),
)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@router.get(
    "/report",
    operation_id="getSlaReport",
    responses=problem_responses((403, "Supervisors and admins only.")),
    response_model=Report,
)
async def report(
    actor: CurrentActor,
    session: ReadSession,
    since: datetime | None = None,
    until: datetime | None = None,
) -> FastJSON:
    """SLA attainment per team, language and target over a period (default: the last 24
    hours; at most 92 days), from the outcomes recorded in it."""
    require_permission(actor, Permission.reports_read, "Reading SLA reports")
    end = _aware(until) or datetime.now(UTC)
    start = _aware(since) or end - timedelta(days=1)
    if start >= end:
        raise InvalidInput("since must be before until.")
    if end - start > timedelta(days=MAX_REPORT_DAYS):
        raise InvalidInput(f"A report covers at most {MAX_REPORT_DAYS} days; narrow the period.")
    rows = await attainment(session, start, end)
    return FastJSON(
        {
            "since": start,
            "until": end,
            "rows": [
                {
                    "team_id": r.team_id,
                    "language": r.language,
                    "metric": r.metric,
                    "met": r.met,
                    "breached": r.breached,
                    "attainment": r.attainment,
                }
                for r in rows
            ],
        }
    )


@router.get(
    "/breaches",
    operation_id="listSlaBreaches",
    responses=problem_responses((403, "Supervisors and admins only.")),
    response_model=BreachPage,
)
async def breaches(
    actor: CurrentActor,
    session: ReadSession,
    team_id: int | None = None,
    conversation_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: str | None = None,
) -> FastJSON:
    """Breaches, newest first, one page at a time; each target breaches at most once."""
    require_permission(actor, Permission.reports_read, "Reading SLA breaches")
    rows = await list_breaches(
        session,
        team_id=team_id,
        conversation_id=conversation_id,
        limit=limit + 1,
        before_id=decode_cursor(cursor) if cursor else None,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON(
        {
            "items": [outcome_dict(o) for o in rows],
            "next_cursor": encode_cursor(rows[-1].id) if more else None,
        }
    )
