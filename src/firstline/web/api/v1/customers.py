"""/api/v1/customers: a customer's profile with their conversations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from firstline.conversations.queries import (
    ConversationFilters,
    customer_summary,
    list_conversations,
)
from firstline.conversations.schemas import CustomerDetail, conversation_dict
from firstline.core.errors import NotFound
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.customers.queries import get_customer_by_external_id
from firstline.web.deps import CurrentActor, ReadSession
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/customers", tags=["customers"])


@router.get("/{external_id}", operation_id="getCustomer", response_model=CustomerDetail)
async def get_customer(
    external_id: str,
    actor: CurrentActor,
    session: ReadSession,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    cursor: str | None = None,
) -> FastJSON:
    """The customer and their conversations, newest first."""
    customer = await get_customer_by_external_id(session, external_id)
    if customer is None:
        raise NotFound(f"No customer with external_id {external_id!r}.")
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
            "conversations": [conversation_dict(r, customer_summary(r)) for r in rows],
            "next_cursor": encode_cursor(rows[-1].id) if more else None,
        }
    )
