"""/api/v1/sla: policies (targets), attainment reports and the breach log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from firstline.agents.access import require_role
from firstline.agents.models import Role
from firstline.core.errors import InvalidInput, NotFound
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.sla.actions import do_create_policy, do_delete_policy, do_update_policy
from firstline.sla.models import SlaPolicy
from firstline.sla.queries import attainment, list_breaches, list_policies, outcome_dict
from firstline.sla.schemas import (
    BreachPage,
    PolicyCreate,
    PolicyOut,
    PolicyUpdate,
    Report,
)
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/sla", tags=["sla"])

MAX_REPORT_DAYS = 92


def policy_dict(p: SlaPolicy) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "position": p.position,
        "channel": p.channel,
        "tier": p.tier,
        "priority": p.priority,
        "first_response_seconds": p.first_response_seconds,
        "next_response_seconds": p.next_response_seconds,
        "resolution_seconds": p.resolution_seconds,
        "created_at": p.created_at,
    }


@router.get("/policies", operation_id="listSlaPolicies", response_model=list[PolicyOut])
async def get_policies(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The policies; the most specific match wins. Without a match: chat 60 s first
    response, 120 s next response, 24 h resolution; email, web form and API 4 h, 8 h, 72 h."""
    return FastJSON([policy_dict(p) for p in await list_policies(session)])


@router.post("/policies", operation_id="createSlaPolicy", status_code=201, response_model=PolicyOut)
async def create_policy(data: PolicyCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    require_role(actor, Role.admin, "Changing SLA policies")
    async with db.transaction() as session:
        policy = await do_create_policy(session, data.model_dump(), acting_agent_id=actor.agent_id)
    return FastJSON(policy_dict(policy), status_code=201)


async def _policy(session: Any, policy_id: int) -> SlaPolicy:
    policy: SlaPolicy | None = await session.get(SlaPolicy, policy_id)
    if policy is None:
        raise NotFound(f"No SLA policy with id {policy_id}.")
    return policy


@router.patch("/policies/{policy_id}", operation_id="updateSlaPolicy", response_model=PolicyOut)
async def update_policy(
    policy_id: int, data: PolicyUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change a policy. Conversations keep the due times they were given."""
    require_role(actor, Role.admin, "Changing SLA policies")
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        raise InvalidInput("Send at least one field to change.")
    async with db.transaction() as session:
        policy = await _policy(session, policy_id)
        await do_update_policy(session, policy, changes, acting_agent_id=actor.agent_id)
    return FastJSON(policy_dict(policy))


@router.delete("/policies/{policy_id}", operation_id="deleteSlaPolicy", status_code=204)
async def delete_policy(policy_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    require_role(actor, Role.admin, "Changing SLA policies")
    async with db.transaction() as session:
        policy = await _policy(session, policy_id)
        await do_delete_policy(session, policy, acting_agent_id=actor.agent_id)
    return Response(status_code=204)


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
    require_role(actor, Role.supervisor, "Reading SLA reports")
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
    require_role(actor, Role.supervisor, "Reading SLA breaches")
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
