"""Who may see a customer: with customers.read_all, anyone; otherwise only the customers of
conversations the agent can see (the conversations' own rule, conversations/queries.py), so a
profile is never more visible than the conversations it came with. "Not found" and "not
yours" look the same to the caller."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.agents.permissions import Permission
from firstline.conversations.queries import ConversationFilters, list_conversations
from firstline.core.errors import Forbidden, NotFound
from firstline.core.rawsql import SQL, raw_connection
from firstline.customers.models import Customer

# Ids are 32-bit integers on PostgreSQL; a larger one names no customer.
MAX_ID = 2**31 - 1


async def can_see_customer(db: AsyncSession, actor: Actor, customer_id: int) -> bool:
    """One indexed query (conversations by customer_id, id) when the actor is not allowed
    every customer."""
    if actor.can(Permission.customers_read_all):
        return True
    visible = await list_conversations(
        db, actor, ConversationFilters(customer_id=customer_id), limit=1
    )
    return bool(visible)


def _not_found(named: str) -> NotFound:
    # The English sentence repeats what was asked; the catalog's does not need to.
    return NotFound(f"No customer with {named}.", message="no_customer")


async def access_customer_by_id(db: AsyncSession, actor: Actor, customer_id: int) -> Customer:
    customer = await db.get(Customer, customer_id) if 0 < customer_id <= MAX_ID else None
    if customer is None or not await can_see_customer(db, actor, customer.id):
        raise _not_found(f"id {customer_id}")
    return customer


async def access_customer_by_external_id(
    db: AsyncSession, actor: Actor, external_id: str
) -> Customer:
    customer: Customer | None = await db.scalar(
        select(Customer).where(Customer.external_id == external_id)
    )
    if customer is None or not await can_see_customer(db, actor, customer.id):
        raise _not_found(f"external_id {external_id!r}")
    return customer


_CUSTOMER_ID = SQL("SELECT id FROM customers WHERE external_id = $1")


async def check_may_open_for(db: AsyncSession, actor: Actor, external_id: str) -> None:
    """Opening a conversation for an existing customer is seeing them (the conversation shows
    their profile): refused unless the actor could already. A new external id is fine."""
    if actor.can(Permission.customers_read_all):
        return
    raw = await raw_connection(db)
    found = await raw.fetchone(_CUSTOMER_ID, external_id)
    if found is not None and not await can_see_customer(db, actor, found[0]):
        raise Forbidden(
            "This customer already exists and you cannot see them: opening a conversation "
            "for them needs the customers.read_all permission.",
            message="customer_not_visible",
        )
