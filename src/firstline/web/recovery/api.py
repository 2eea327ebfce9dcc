"""/api/v1/recovery: the deposit-recovery desk (docs/recovery.md).

`POST /cases` opens a case for a customer and answers with its diagnosis (cause, eligible,
path, fee); the team reads and moves cases (one at a time or in bulk), admins edit the
support matrix and the fee policy, and `/report` sums cases, value recovered and fees by
cause and by network.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from firstline.agents.access import Actor, require_permission
from firstline.agents.permissions import Permission
from firstline.conversations.access import access_conversation_by_id
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput, NotFound
from firstline.core.language import DEFAULT_LANGUAGE, normalize_locale
from firstline.customers.models import Customer
from firstline.flows.fields import NETWORKS
from firstline.recovery.actions import (
    do_answer_fee,
    do_open_case,
    do_rediagnose_case,
    do_replace_matrix,
    do_save_policy,
    do_transition_case,
    load_policy,
)
from firstline.recovery.ledger import Person
from firstline.recovery.models import State
from firstline.recovery.queries import (
    case_counts,
    case_dict,
    case_history,
    get_case,
    list_cases,
    matrix_rows,
    policy_dict,
    report,
)
from firstline.recovery.rules import Cause, Claim
from firstline.recovery.schemas import (
    BulkMoved,
    CaseCreate,
    CaseDetail,
    CaseOpened,
    CaseOut,
    CasePage,
    CaseWithMessage,
    MatrixIn,
    MatrixOut,
    PolicyIn,
    RecoveryPolicyOut,
    RecoveryReport,
    claim_or_422,
    matrix_rows_in,
)
from firstline.recovery.service import diagnose_claim
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/recovery", tags=["recovery"])
MAX_BULK = 500


@router.post(
    "/cases",
    status_code=201,
    operation_id="openRecoveryCase",
    response_model=CaseOpened,
    responses={
        200: {"model": CaseOpened, "description": "The applicant's open case for it came back."},
        **problem_responses(
            (404, "No conversation `conversation_id` that you may see."),
            (409, "A case for this transaction is open already, for someone else."),
        ),
    },
)
async def open_case(
    body: CaseCreate, request: Request, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Open a case for a customer and diagnose it at once. The same applicant's open case for
    the same transaction comes back instead (200, `existing: true`).

    The case speaks `language` when given, else the language of the conversation it comes
    from (`conversation_id`), else the customer's stored one, else English."""
    require_permission(actor, Permission.recovery_work, "Opening recovery cases")
    claim = claim_or_422(body.model_dump())
    customer_id: int | None = None
    language = normalize_locale(body.language or "")
    async with db.session() as session:
        if body.conversation_id is not None:
            conversation = await access_conversation_by_id(session, actor, body.conversation_id)
            customer_id = conversation.customer_id
            language = language or conversation.language
        elif body.external_user_id:
            customer = await session.scalar(
                select(Customer).where(Customer.external_id == body.external_user_id)
            )
            if customer is not None:
                customer_id = customer.id
                language = language or customer.language
        diagnosis = await diagnose_claim(session, request.app.state.settings, claim)
    async with db.transaction() as session:
        case, existing = await do_open_case(
            session, claim, diagnosis, source="api", language=language or DEFAULT_LANGUAGE,
            customer_id=customer_id, conversation_id=body.conversation_id,
            acting_agent_id=actor.agent_id,
        )  # fmt: skip
        out = case_dict(case, at=now(session))
    return FastJSON({**out, "existing": existing}, status_code=200 if existing else 201)


def _scope(actor: Actor, doing: str) -> frozenset[int] | None:
    """The teams whose cases `actor` works (None: every case, with recovery.read_all); working
    cases at all needs recovery.work."""
    require_permission(actor, Permission.recovery_work, doing)
    return None if actor.can(Permission.recovery_read_all) else actor.team_ids


@router.get("/cases", operation_id="listRecoveryCases", response_model=CasePage)
async def cases(
    actor: CurrentActor,
    session: ReadSession,
    state: State | None = None,
    network: str | None = None,
    cause: Cause | None = None,
    overdue: bool = False,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> FastJSON:
    """The queue, newest first: filter by state, network (where the deposit really is),
    cause, and `overdue` (past the state's SLA)."""
    if network is not None and network not in NETWORKS:
        raise InvalidInput(f"Unknown network {network!r}; use one of {', '.join(NETWORKS)}.")
    scope = _scope(actor, "Working recovery cases")
    rows, next_cursor = await list_cases(
        session, state=state, network=network, cause=cause, overdue=overdue, cursor=cursor,
        limit=limit, team_ids=scope,
    )  # fmt: skip
    at = now(session)
    return FastJSON(
        {
            "items": [case_dict(c, at=at) for c in rows],
            "next_cursor": next_cursor,
            "counts": await case_counts(session, scope),
        }
    )


@router.get("/cases/{case_id}", operation_id="getRecoveryCase", response_model=CaseDetail)
async def read_case(case_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """A case, with its audit trail (`history`, oldest first)."""
    case = await get_case(session, case_id, team_ids=_scope(actor, "Working recovery cases"))
    return FastJSON(
        {**case_dict(case, at=now(session)), "history": await case_history(session, case_id)}
    )


class CaseMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: State
    reason: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, max_length=2000)
    recovered_amount: str | None = Field(default=None, max_length=60)

    def amount(self) -> Decimal | None:
        if self.recovered_amount is None:
            return None
        try:
            value = Decimal(self.recovered_amount)
        except InvalidOperation:
            value = Decimal(-1)
        if not value.is_finite() or value < 0:
            raise InvalidInput("recovered_amount must be a number of at least 0.",
                               errors=["recovered_amount: not a number of at least 0"])  # fmt: skip
        return value


@router.post(
    "/cases/{case_id}/move",
    operation_id="moveRecoveryCase",
    response_model=CaseOut,
    responses=problem_responses((409, "The case cannot move to that state from where it is.")),
)
async def move_case(case_id: int, body: CaseMove, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Move a case to another state (rejecting needs `reason`; `note` is shown to the
    customer; crediting may give `recovered_amount`)."""
    amount = body.amount()
    scope = _scope(actor, "Moving recovery cases")
    async with db.transaction() as session:
        case = await get_case(session, case_id, for_update=True, team_ids=scope)
        await do_transition_case(
            session, case, body.to, acting_agent_id=actor.agent_id, reason=body.reason,
            note=body.note, recovered_amount=amount,
        )  # fmt: skip
        return FastJSON(case_dict(case, at=now(session)))


class BulkMove(CaseMove):
    ids: list[int] = Field(min_length=1, max_length=MAX_BULK)


@router.post("/cases/bulk", operation_id="bulkMoveRecoveryCases", response_model=BulkMoved)
async def bulk_move(body: BulkMove, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Move many cases at once. Each case moves or not on its own (a savepoint each): the
    answer lists what moved and, for the rest, why not."""
    amount = body.amount()
    moved: list[int] = []
    failed: list[dict[str, Any]] = []
    scope = _scope(actor, "Moving recovery cases")
    async with db.transaction() as session:
        for case_id in dict.fromkeys(body.ids):
            try:
                async with session.begin_nested():
                    case = await get_case(session, case_id, for_update=True, team_ids=scope)
                    await do_transition_case(
                        session, case, body.to, acting_agent_id=actor.agent_id,
                        reason=body.reason, note=body.note, recovered_amount=amount,
                    )  # fmt: skip
                moved.append(case_id)
            except (Conflict, NotFound, InvalidInput) as exc:
                failed.append({"id": case_id, "detail": exc.detail})
    return FastJSON({"moved": moved, "failed": failed})


class FeeAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accept: bool


@router.post(
    "/cases/{case_id}/fee",
    operation_id="answerRecoveryFee",
    response_model=CaseWithMessage,
    responses=problem_responses((409, "The case is not waiting for an answer to a fee.")),
)
async def answer_fee(
    case_id: int, body: FeeAnswer, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Record the customer's answer to the quoted fee, as they gave it to an agent."""
    scope = _scope(actor, "Answering a recovery fee")
    async with db.transaction() as session:
        case = await get_case(session, case_id, for_update=True, team_ids=scope)
        said = await do_answer_fee(session, case, body.accept, acting_agent_id=actor.agent_id)
        return FastJSON({**case_dict(case, at=now(session)), "message": said})


@router.post(
    "/cases/{case_id}/diagnose",
    operation_id="rediagnoseRecoveryCase",
    response_model=CaseOut,
    responses=problem_responses(409),
)
async def rediagnose(
    case_id: int, request: Request, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Diagnose again (after a chain came back, or the matrix changed)."""
    scope = _scope(actor, "Diagnosing a recovery case")
    async with db.session() as session:
        case = await get_case(session, case_id, team_ids=scope)
        claim = Claim(
            case.network, case.token, case.tx_hash,
            Decimal(case.amount) if case.amount else None, case.address, case.memo,
            Person(case.applicant_user_id, case.applicant_email),
        )  # fmt: skip
        diagnosis = await diagnose_claim(session, request.app.state.settings, claim)
    async with db.transaction() as session:
        case = await get_case(session, case_id, for_update=True, team_ids=scope)
        await do_rediagnose_case(session, case, diagnosis, acting_agent_id=actor.agent_id)
        return FastJSON(case_dict(case, at=now(session)))


@router.get(
    "/report",
    operation_id="getRecoveryReport",
    response_model=RecoveryReport,
    responses=problem_responses((403, "Supervisors and admins only.")),
)
async def recovery_report(
    actor: CurrentActor,
    session: ReadSession,
    since: datetime | None = None,
    until: datetime | None = None,
) -> FastJSON:
    """Cases opened in [since, until): counts, credited, value recovered, fees; by cause and
    by network. Money is in the fee policy's currency."""
    require_permission(actor, Permission.reports_read, "Reading the recovery report")
    out = await report(session, since=since, until=until)
    policy = await load_policy(session)
    return FastJSON({**out, "currency": policy.fee.currency})


# -- the matrix and the policy --------------------------------------------------------------


@router.get("/matrix", operation_id="getRecoveryMatrix", response_model=MatrixOut)
async def read_matrix(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The support matrix: per network and token, listed or not, and the recovery path."""
    return FastJSON({"rows": await matrix_rows(session)})


@router.put("/matrix", operation_id="replaceRecoveryMatrix", response_model=MatrixOut)
async def replace_matrix(body: MatrixIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Replace the whole matrix (admins). A token row with a contract is that token; a row
    without one is the network's coin; token "*" is every other token of the network."""
    require_permission(actor, Permission.recovery_configure, "Changing the recovery matrix")
    rows = matrix_rows_in(body)
    async with db.transaction() as session:
        await do_replace_matrix(session, rows, acting_agent_id=actor.agent_id)
        return FastJSON({"rows": await matrix_rows(session)})


@router.get("/policy", operation_id="getRecoveryPolicy", response_model=RecoveryPolicyOut)
async def read_policy(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The fee policy (percentage, minimum, maximum, currency, the advise-to-wait threshold)
    and each state's SLA in hours."""
    return FastJSON(policy_dict(await load_policy(session)))


@router.put("/policy", operation_id="saveRecoveryPolicy", response_model=RecoveryPolicyOut)
async def save_policy(body: PolicyIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Change the policy (admins); cases already quoted keep their fee."""
    require_permission(actor, Permission.recovery_configure, "Changing the recovery fee policy")
    if body.fee_minimum > body.fee_maximum:
        raise InvalidInput("fee_minimum is above fee_maximum.", message="fee_min_above_max",
                           errors=["fee_minimum: above fee_maximum"])  # fmt: skip
    if any(h <= 0 for h in body.sla_hours.values()):
        raise InvalidInput("Every SLA is a positive number of hours.", message="sla_hours_positive",
                           errors=["sla_hours: not positive"])  # fmt: skip
    async with db.transaction() as session:
        current = await load_policy(session)
        data = body.model_dump()
        data["sla_hours"] = {**current.sla_hours, **body.sla_hours}
        await do_save_policy(session, data, acting_agent_id=actor.agent_id)
        return FastJSON(policy_dict(await load_policy(session)))
