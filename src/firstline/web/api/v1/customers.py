"""/api/v1/customers: a customer's profile with their conversations, its changes, the
export of everything stored about them and their erasure; /api/v1/privacy/retention.

A customer is visible to an agent with customers.read_all, or who can see one of their
conversations (privacy/access.py); to anyone else they do not exist (404).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.conversations.queries import (
    ConversationFilters,
    customer_summary,
    list_conversations,
)
from firstline.conversations.schemas import CustomerDetail, conversation_dict
from firstline.core.db import now
from firstline.core.errors import InvalidInput
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.customers.actions import do_update_customer
from firstline.customers.models import Customer
from firstline.customers.schemas import CustomerOut
from firstline.privacy.access import (
    MAX_ID,
    access_customer_by_external_id,
    access_customer_by_id,
)
from firstline.privacy.actions import do_erase_customer, do_record_export, do_save_retention
from firstline.privacy.actions import get_retention as read_retention
from firstline.privacy.export import export_customer as stream_export
from firstline.privacy.schemas import (
    CustomerExport,
    CustomerUpdate,
    EraseRequest,
    ErasureOut,
    RetentionOut,
    RetentionUpdate,
)
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["customers"])

CustomerId = Annotated[int, Path(ge=1, le=MAX_ID, description="The customer's id.")]


def _profile(customer: Customer) -> dict[str, object]:
    return {
        "id": customer.id,
        "external_id": customer.external_id,
        "name": customer.name,
        "email": customer.email,
        "locale": customer.locale,
        "language": customer.language,
        "tier": customer.tier,
        "region": customer.region,
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
        "erased_at": customer.erased_at,
    }


@router.get(
    "/customers/{external_id}",
    operation_id="getCustomer",
    response_model=CustomerDetail,
    responses=problem_responses((404, "No such customer, or not one you can see.")),
)
async def get_customer(
    external_id: str,
    actor: CurrentActor,
    session: ReadSession,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    cursor: str | None = None,
) -> FastJSON:
    """The customer and the conversations of theirs you can see, newest first. Needs
    customers.read_all, or one of their conversations you can see."""
    customer = await access_customer_by_external_id(session, actor, external_id)
    before = decode_cursor(cursor) if cursor else None
    rows = await list_conversations(
        session,
        actor,
        ConversationFilters(customer_id=customer.id),
        limit=limit + 1,
        before_id=before,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON(
        {
            **_profile(customer),
            "conversations": [conversation_dict(r, customer_summary(r)) for r in rows],
            "next_cursor": encode_cursor(rows[-1].id) if more else None,
        }
    )


@router.patch(
    "/customers/{external_id}",
    operation_id="updateCustomer",
    response_model=CustomerOut,
    responses=problem_responses(
        (403, "Needs customers.edit."), (404, "No such customer, or not one you can see.")
    ),
)
async def update_customer(
    external_id: str, data: CustomerUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change the customer's profile (customers.edit); audited with the values before and
    after."""
    changes = data.model_dump(include=data.model_fields_set)
    if not changes:
        raise InvalidInput(
            "Send at least one of name, email, locale, tier, region.",
            message="send_one_of",
            args={"fields": "name, email, locale, tier, region"},
        )
    async with db.transaction() as session:
        customer = await access_customer_by_external_id(session, actor, external_id)
        require_permission(actor, Permission.customers_edit, "Changing a customer's profile")
        await do_update_customer(session, customer, changes, acting_agent_id=actor.agent_id)
        return FastJSON(_profile(customer))


@router.get(
    "/customers/{customer_id}/export",
    operation_id="exportCustomer",
    responses={
        200: {
            "model": CustomerExport,
            "description": "Everything stored about the customer, as one JSON document.",
        },
        **problem_responses(
            (403, "Needs customers.export."), (404, "No such customer, or not one you can see.")
        ),
    },
)
async def export_customer(
    customer_id: CustomerId, actor: CurrentActor, db: DatabaseDep
) -> StreamingResponse:
    """Everything stored about the customer (customers.export): profile, conversations with
    their messages, bot sessions and escalations, recovery cases, and the audit entries about
    them. Written as it is read, so its size is not bounded by memory; audited
    (`customer.exported`)."""
    async with db.transaction() as session:
        customer = await access_customer_by_id(session, actor, customer_id)
        require_permission(actor, Permission.customers_export, "Exporting a customer")
        await do_record_export(session, customer.id, acting_agent_id=actor.agent_id, via="api")
        at = now(session)
    return StreamingResponse(
        stream_export(db, customer.id, exported_at=at),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="customer-{customer.id}.json"',
            "Cache-Control": "no-store",
        },
    )


@router.post(
    "/customers/{customer_id}/erase",
    operation_id="eraseCustomer",
    response_model=ErasureOut,
    responses=problem_responses(
        (403, "Needs customers.erase."),
        (404, "No such customer, or not one you can see."),
        (422, "The confirmation is not this customer's id or external id."),
    ),
)
async def erase_customer(
    customer_id: CustomerId, data: EraseRequest, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Erase the person and keep the statistics (customers.erase; see docs/security.md):
    `confirm` must be their id or external id. A second erasure changes nothing and answers
    the same way, with `already_erased`."""
    async with db.transaction() as session:
        customer = await access_customer_by_id(session, actor, customer_id)
        require_permission(actor, Permission.customers_erase, "Erasing a customer")
        if data.confirm not in (str(customer.id), customer.external_id):
            raise InvalidInput(
                f"To erase customer {customer.id}, send confirm with their id or external id.",
                message="erase_confirm",
                args={"id": customer.id},
            )
        erasure = await do_erase_customer(
            session, customer.id, acting_agent_id=actor.agent_id, why="request"
        )
    return FastJSON(
        {
            "customer_id": erasure.customer_id,
            "already_erased": erasure.already,
            "conversations": erasure.conversations,
            "messages": erasure.messages,
            "recovery_cases": erasure.recovery_cases,
        }
    )


@router.get(
    "/privacy/retention",
    operation_id="getRetention",
    tags=["privacy"],
    response_model=RetentionOut,
    responses=problem_responses((403, "Needs security.configure.")),
)
async def get_retention(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The retention rules the jobs apply (security.configure)."""
    require_permission(actor, Permission.security_configure, "Reading the retention rules")
    rule = await read_retention(session)
    return FastJSON({"erase_inactive_days": rule.erase_inactive_days, "batch": rule.batch})


@router.put(
    "/privacy/retention",
    operation_id="saveRetention",
    tags=["privacy"],
    response_model=RetentionOut,
    responses=problem_responses((403, "Needs security.configure.")),
)
async def save_retention(data: RetentionUpdate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Change the retention rules (security.configure): `erase_inactive_days` (null turns it
    off) and `batch`; fields left out stay. Audited (`retention.changed`)."""
    require_permission(actor, Permission.security_configure, "Changing the retention rules")
    changes = data.model_dump(include=data.model_fields_set)
    if changes.get("batch", 0) is None:
        del changes["batch"]
    async with db.transaction() as session:
        rule = await do_save_retention(session, changes, acting_agent_id=actor.agent_id)
    return FastJSON({"erase_inactive_days": rule.erase_inactive_days, "batch": rule.batch})
