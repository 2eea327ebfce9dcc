"""Writes for conversations and messages: opening, replying, noting, updating."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, Team
from firstline.audit.actions import record_audit
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationOpened,
    ConversationUpdated,
    MessagePosted,
)
from firstline.conversations.models import AuthorKind, Conversation, Message, Status
from firstline.conversations.schemas import ConversationCreate
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.events import Audience, emit
from firstline.core.language import choose_language, detect_language, language_if_clear
from firstline.customers.actions import (
    UpsertedCustomer,
    do_set_customer_language,
    do_upsert_customer,
)

PREVIEW_CHARS = 200

# A customer writing again means the ball is back in our court.
_REOPENED_BY_CUSTOMER = {Status.pending, Status.on_hold, Status.resolved}


@dataclass(frozen=True, slots=True)
class Opened:
    conversation: Conversation
    message: Message
    customer: UpsertedCustomer


def _preview(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


def _actor_kind(agent_id: int | None) -> str:
    return "agent" if agent_id is not None else "system"


async def _check_team(db: AsyncSession, team_id: int) -> None:
    if await db.scalar(select(Team.id).where(Team.id == team_id)) is None:
        raise InvalidInput(f"team_id {team_id} does not exist; see GET /api/v1/teams.")


async def _check_assignee(db: AsyncSession, agent_id: int) -> None:
    active = await db.scalar(select(Agent.is_active).where(Agent.id == agent_id))
    if active is None:
        raise InvalidInput(f"assignee_id {agent_id} does not exist; see GET /api/v1/agents.")
    if not active:
        raise InvalidInput(f"assignee_id {agent_id} is a disabled agent; pick an active one.")


async def do_open_conversation(
    db: AsyncSession, data: ConversationCreate, *, acting_agent_id: int | None
) -> Opened:
    """Open a conversation with its first customer message, creating or updating the customer."""
    if data.team_id is not None:
        await _check_team(db, data.team_id)
    # Usually the text or the locale sent with it settles the language, and the customer row
    # gets it in the same upsert; only a short message from a customer who sent no locale needs
    # the stored one first.
    body = data.message.body
    known = language_if_clear(body, data.customer.locale)
    customer = await do_upsert_customer(db, data.customer, language=known)
    language = known or choose_language(body, customer.locale)
    at = now(db)
    conversation = Conversation(
        customer_id=customer.id,
        status=Status.open.value,
        priority=data.priority.value,
        language=language,
        product=data.product,
        channel=data.channel.value,
        subject=data.subject or None,
        team_id=data.team_id,
        assignee_id=None,
        tags=data.tags,
        message_count=1,
        last_message_preview=_preview(data.message.body),
        created_at=at,
        updated_at=at,
        last_message_at=at,
    )
    db.add(conversation)
    await db.flush()
    message = Message(
        conversation_id=conversation.id,
        author_kind=AuthorKind.customer.value,
        author_agent_id=None,
        body=data.message.body,
        internal=False,
        language=language,
        created_at=at,
    )
    db.add(message)
    await db.flush()
    if customer.language != language:
        await do_set_customer_language(db, customer.id, language)
        customer = UpsertedCustomer(
            customer.id,
            customer.external_id,
            customer.name,
            customer.locale,
            language,
            customer.tier,
        )
    await record_audit(
        db,
        action="conversation.opened",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_kind=_actor_kind(acting_agent_id),
        actor_agent_id=acting_agent_id,
        data={"channel": conversation.channel, "customer_id": customer.id},
    )
    audience = Audience(
        conversation_id=conversation.id, team_id=data.team_id, customer_id=customer.id
    )
    emit(
        db,
        ConversationOpened(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            customer_id=customer.id,
            channel=conversation.channel,
            language=language,
            team_id=data.team_id,
        ),
    )
    emit(
        db,
        MessagePosted(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation.id,
                team_id=data.team_id,
                customer_id=customer.id,
                customer_visible=True,
            ),
            conversation_id=conversation.id,
            message_id=message.id,
            author_kind=message.author_kind,
            internal=False,
        ),
    )
    return Opened(conversation, message, customer)


async def do_post_message(
    db: AsyncSession,
    conversation: Conversation,
    *,
    body: str,
    author_kind: AuthorKind,
    internal: bool = False,
    author_agent_id: int | None = None,
) -> Message:
    """Add a message or an internal note. `conversation` must have been loaded for update."""
    if conversation.status == Status.closed:
        raise Conflict(
            f"Conversation {conversation.id} is closed; open a new conversation instead."
        )
    if internal and author_kind != AuthorKind.agent:
        raise InvalidInput("Only agents write internal notes; set author_kind to agent.")
    if author_kind == AuthorKind.agent and author_agent_id is None:
        raise InvalidInput("An agent message needs the agent who wrote it.")
    at = now(db)
    detection = detect_language(body)
    language = detection.language if detection.confidence >= 0.6 else conversation.language
    message = Message(
        conversation_id=conversation.id,
        author_kind=author_kind.value,
        author_agent_id=author_agent_id if author_kind == AuthorKind.agent else None,
        body=body,
        internal=internal,
        language=language,
        created_at=at,
    )
    db.add(message)
    conversation.message_count += 1
    conversation.updated_at = at
    changes: dict[str, Any] = {}
    if not internal:
        conversation.last_message_at = at
        conversation.last_message_preview = _preview(body)
        if author_kind == AuthorKind.agent and conversation.first_response_at is None:
            conversation.first_response_at = at
        if author_kind == AuthorKind.customer and conversation.status in _REOPENED_BY_CUSTOMER:
            changes["status"] = Status.open.value
            conversation.status = Status.open.value
            conversation.resolved_at = None
    await db.flush()
    audience = Audience(
        conversation_id=conversation.id,
        team_id=conversation.team_id,
        agent_ids=(conversation.assignee_id,) if conversation.assignee_id else (),
        customer_id=conversation.customer_id,
        customer_visible=not internal,
    )
    emit(
        db,
        MessagePosted(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            message_id=message.id,
            author_kind=message.author_kind,
            internal=internal,
        ),
    )
    if changes:
        await record_audit(
            db,
            action="conversation.reopened",
            entity_type="conversation",
            entity_id=conversation.id,
            actor_kind="customer",
            data=changes,
        )
        emit(
            db,
            ConversationUpdated(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                changes=changes,
            ),
        )
    return message


async def do_update_conversation(
    db: AsyncSession,
    conversation: Conversation,
    changes: dict[str, Any],
    *,
    acting_agent_id: int | None,
) -> dict[str, Any]:
    """Change status, priority, team, assignee or tags; return what actually changed.

    `changes` holds only the fields the caller set. `conversation` must be loaded for update.
    """
    for field in ("status", "priority", "tags"):
        if field in changes and changes[field] is None:
            raise InvalidInput(f"{field} cannot be null.")
    if changes.get("team_id") is not None:
        await _check_team(db, changes["team_id"])
    if changes.get("assignee_id") is not None:
        await _check_assignee(db, changes["assignee_id"])

    at = now(db)
    applied: dict[str, Any] = {}
    previous_assignee = conversation.assignee_id
    for field, value in changes.items():
        stored = value.value if hasattr(value, "value") else value
        if getattr(conversation, field) != stored:
            setattr(conversation, field, stored)
            applied[field] = stored
    if not applied:
        return applied
    if "status" in applied:
        if applied["status"] in (Status.resolved, Status.closed):
            conversation.resolved_at = conversation.resolved_at or at
        else:
            conversation.resolved_at = None
    conversation.updated_at = at
    await db.flush()
    await record_audit(
        db,
        action="conversation.updated",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_kind=_actor_kind(acting_agent_id),
        actor_agent_id=acting_agent_id,
        data=applied,
    )
    audience = Audience(
        conversation_id=conversation.id,
        team_id=conversation.team_id,
        agent_ids=tuple(a for a in (conversation.assignee_id, previous_assignee) if a),
        customer_id=conversation.customer_id,
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at, audience=audience, conversation_id=conversation.id, changes=applied
        ),
    )
    if "assignee_id" in applied or "team_id" in applied:
        emit(
            db,
            ConversationAssigned(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                team_id=conversation.team_id,
                assignee_id=conversation.assignee_id,
                previous_assignee_id=previous_assignee,
            ),
        )
    return applied
