"""Reading conversations and messages. Every list is one indexed query, whatever its length."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.conversations.models import Conversation, Message
from firstline.customers.models import Customer

_CUSTOMER_COLUMNS = (
    Customer.id.label("customer_pk"),
    Customer.external_id,
    Customer.name,
    Customer.language.label("customer_language"),
    Customer.tier,
)


@dataclass(frozen=True, slots=True)
class ConversationFilters:
    status: str | None = None
    team_id: int | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    language: str | None = None
    channel: str | None = None
    priority: str | None = None
    customer_id: int | None = None
    customer_external_id: str | None = None
    updated_since: datetime | None = None


def visible_to(actor: Actor) -> Any:
    """The SQL condition for what an agent may see: their teams, their own conversations and the
    unrouted pool. Supervisors and admins see everything."""
    if actor.sees_everything:
        return None
    conditions = [Conversation.team_id.is_(None), Conversation.assignee_id == actor.agent_id]
    if actor.team_ids:
        conditions.append(Conversation.team_id.in_(sorted(actor.team_ids)))
    return or_(*conditions)


def can_see(actor: Actor, conversation: Conversation | Any) -> bool:
    return (
        actor.sees_everything
        or conversation.team_id is None
        or conversation.assignee_id == actor.agent_id
        or conversation.team_id in actor.team_ids
    )


def _select_with_customer() -> Select[Any]:
    # Plain rows, not ORM objects: hydrating fifty Conversation instances cost more than the
    # query. Rows expose the same attribute names, so conversation_dict takes either.
    return select(*Conversation.__table__.columns, *_CUSTOMER_COLUMNS).join(
        Customer, Customer.id == Conversation.customer_id
    )


def customer_summary(row: Any) -> dict[str, Any]:
    return {
        "id": row.customer_pk,
        "external_id": row.external_id,
        "name": row.name,
        "language": row.customer_language,
        "tier": row.tier,
    }


async def list_conversations(
    db: AsyncSession,
    actor: Actor,
    filters: ConversationFilters,
    *,
    limit: int,
    before_id: int | None = None,
) -> list[Any]:
    """Newest first. Rows carry the conversation's columns and its customer's summary."""
    stmt = _select_with_customer()
    if filters.customer_id is not None:
        stmt = stmt.where(Conversation.customer_id == filters.customer_id)
    if filters.customer_external_id is not None:
        stmt = stmt.where(Customer.external_id == filters.customer_external_id)
    if filters.status is not None:
        stmt = stmt.where(Conversation.status == filters.status)
    if filters.team_id is not None:
        stmt = stmt.where(Conversation.team_id == filters.team_id)
    if filters.unassigned:
        stmt = stmt.where(Conversation.assignee_id.is_(None))
    elif filters.assignee_id is not None:
        stmt = stmt.where(Conversation.assignee_id == filters.assignee_id)
    if filters.language is not None:
        stmt = stmt.where(Conversation.language == filters.language)
    if filters.channel is not None:
        stmt = stmt.where(Conversation.channel == filters.channel)
    if filters.priority is not None:
        stmt = stmt.where(Conversation.priority == filters.priority)
    if filters.updated_since is not None:
        stmt = stmt.where(Conversation.updated_at >= filters.updated_since)
    if before_id is not None:
        stmt = stmt.where(Conversation.id < before_id)
    visibility = visible_to(actor)
    if visibility is not None:
        stmt = stmt.where(visibility)
    stmt = stmt.order_by(Conversation.id.desc()).limit(limit)
    return list((await db.execute(stmt)).all())


async def get_conversation_row(db: AsyncSession, conversation_id: int) -> Any | None:
    stmt = _select_with_customer().where(Conversation.id == conversation_id)
    return (await db.execute(stmt)).first()


async def list_messages(
    db: AsyncSession,
    conversation_id: int,
    *,
    limit: int,
    before_id: int | None = None,
    include_internal: bool = True,
) -> list[Message]:
    """The `limit` messages before `before_id` (or the latest), newest first."""
    stmt = select(Message).where(Message.conversation_id == conversation_id)
    if before_id is not None:
        stmt = stmt.where(Message.id < before_id)
    if not include_internal:
        stmt = stmt.where(Message.internal.is_(False))
    stmt = stmt.order_by(Message.id.desc()).limit(limit)
    return list(await db.scalars(stmt))
