"""Writes for conversations and messages: opening, replying, noting, updating, and telling a
chat customer when their conversation is resolved or reopened."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from firstline.audit.actions import record_audit
from firstline.conversations.access import ConversationState
from firstline.conversations.clocks import REOPENED_BY_CUSTOMER, move_clocks
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationOpened,
    MessagePosted,
)
from firstline.conversations.models import AuthorKind, Channel, Conversation, Status
from firstline.conversations.queries import ConversationRow
from firstline.conversations.schemas import ConversationCreate, message_dict
from firstline.conversations.state import (
    announce_taken,
    do_change_conversation,
    do_reopen_by_customer,
    insert_sql,
)
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.events import Audience, emit, react
from firstline.core.i18n import t
from firstline.core.language import (
    CONFIDENT,
    choose_language,
    detect_language,
    language_if_clear,
)
from firstline.core.rawsql import SQL, raw_connection
from firstline.customers.actions import (
    UpsertedCustomer,
    do_set_customer_language,
    do_upsert_customer,
)
from firstline.routing.placement import (
    Placement,
    place_new_conversation,
)
from firstline.search.actions import index_message
from firstline.sla.rules import Targets

PREVIEW_CHARS = 200
# A conversation with the bot has no SLA clock; its targets start when it is handed over.
BOT_TARGETS = Targets(policy_id=None, first_response_seconds=0, next_response_seconds=0,
                      resolution_seconds=0)  # fmt: skip


@dataclass(frozen=True, slots=True)
class MessageRecord:
    id: int
    conversation_id: int
    author_kind: str
    author_agent_id: int | None
    body: str
    internal: bool
    language: str
    created_at: datetime
    client_id: str | None = None
    meta: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Opened:
    conversation: ConversationRow
    message: MessageRecord
    customer: UpsertedCustomer


def _preview(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[: PREVIEW_CHARS - 1] + "…"


# The channels whose customers read our answers in their mail.
MAILED_CHANNELS = frozenset({Channel.email.value, Channel.web_form.value})
# The meta of the line that tells a chat customer their conversation was resolved (quality
# asks for a rating right after it).
RESOLVED_META = "resolved"

_TEAM_EXISTS = SQL("SELECT 1 FROM teams WHERE id = $1")
_INSERT_MESSAGE = SQL(
    "INSERT INTO messages (conversation_id, author_kind, author_agent_id, body, internal, "
    "language, created_at, client_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
)
_INSERT_MESSAGE_META = SQL(
    "INSERT INTO messages (conversation_id, author_kind, author_agent_id, body, internal, "
    "language, created_at, client_id, meta) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "RETURNING id"
)


async def do_open_conversation(
    db: AsyncSession,
    data: ConversationCreate,
    *,
    acting_agent_id: int | None,
    bot: bool = False,
    edit_customer: bool = True,
) -> Opened:
    """Open a conversation with its first customer message, creating or updating the customer
    (an existing customer's profile only with `edit_customer`: the caller's customers.edit).

    This is the intake path, so it is written as a handful of hand-written statements on one
    connection (see core/rawsql.py): team check, customer upsert, conversation, message, audit.
    """
    raw = await raw_connection(db)
    if data.team_id is not None and await raw.fetchone(_TEAM_EXISTS, data.team_id) is None:
        raise InvalidInput(f"team_id {data.team_id} does not exist; see GET /api/v1/teams.")
    # Usually the text or the locale sent with it settles the language, and the customer row
    # gets it in the same upsert; only a short message from a customer who sent no locale needs
    # the stored one first.
    body = data.message.body
    known = language_if_clear(body, data.customer.locale)
    customer = await do_upsert_customer(
        db, data.customer, language=known, edit=edit_customer, acting_agent_id=acting_agent_id
    )
    language = known or choose_language(body, customer.locale)
    if customer.language != language:
        await do_set_customer_language(db, customer.id, language)
        customer = replace(customer, language=language)

    at = now(db)
    ts = raw.ts(at)
    preview = _preview(body)
    subject = data.subject or None
    if bot:
        # The bot talks first: no team, queue or SLA clock until it hands over (bot/handover.py
        # places the conversation then, as intake would have).
        placed = Placement(None, None, BOT_TARGETS, None, None, 0)  # type: ignore[arg-type]
        sla_next = None
    else:
        placed = await place_new_conversation(
            db,
            at=at,
            team_id=data.team_id,
            product=data.product,
            language=language,
            tier=customer.tier,
            channel=data.channel.value,
            priority=data.priority.value,
            body=body,
            tags=data.tags,
        )
        sla_next = min(placed.first_response_due_at, placed.resolution_due_at)
    team_id = placed.team_id
    status = Status.bot.value if bot else Status.open.value
    row: dict[str, Any] = {
        "customer_id": customer.id,
        "status": status,
        "priority": data.priority.value,
        "language": language,
        "product": data.product,
        "channel": data.channel.value,
        "subject": subject,
        "team_id": team_id,
        "tags": raw.json(data.tags),
        "message_count": 1,
        "last_message_preview": preview,
        "created_at": ts,
        "updated_at": ts,
        "last_message_at": ts,
        "assignee_id": placed.assignee_id,
        "assigned_at": ts if placed.assigned_at else None,
        "queue_rank": placed.queue_rank,
        "queued_at": ts if placed.queued_at else None,
        "priority_boost": placed.priority_boost,
        "required_skill": placed.required_skill,
        "relax_level": 0,
        "relax_at": raw.ts(placed.relax_at) if placed.relax_at else None,
        "routing_reasons": raw.json(placed.reasons),
        "waiting_since": ts,
        "sla_policy_id": placed.targets.policy_id,
        "first_response_due_at": (
            raw.ts(placed.first_response_due_at) if placed.first_response_due_at else None
        ),
        "resolution_due_at": raw.ts(placed.resolution_due_at) if placed.resolution_due_at else None,
        "sla_next_due_at": raw.ts(sla_next) if sla_next else None,
        "escalation_level": 1,
    }
    # One statement per column set, built once (conversations/state/).
    (conversation_id,) = await raw.fetchone(insert_sql(tuple(row)), *row.values())
    (message_id,) = await raw.fetchone(
        _INSERT_MESSAGE,
        conversation_id,
        AuthorKind.customer.value,
        None,
        body,
        False,
        language,
        ts,
        data.message.client_id,
    )
    await index_message(raw, message_id, body)
    await record_audit(
        db,
        action="conversation.opened",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_agent_id=acting_agent_id,
        data={
            "channel": data.channel.value,
            "customer_id": customer.id,
            "team_id": team_id,
            "assignee_id": placed.assignee_id,
        },
    )
    # The row as written, in the shape lists read it. A plain record, not an ORM object:
    # building and attaching ORM objects cost more than the inserts themselves. Load the
    # Conversation (access_conversation_by_id) to change it further.
    conversation = ConversationRow(
        id=conversation_id,
        customer_id=customer.id,
        status=status,
        priority=data.priority.value,
        language=language,
        product=data.product,
        channel=data.channel.value,
        subject=subject,
        team_id=team_id,
        assignee_id=placed.assignee_id,
        tags=data.tags,
        message_count=1,
        last_message_preview=preview,
        created_at=at,
        updated_at=at,
        last_message_at=at,
        first_response_at=None,
        resolved_at=None,
        customer_pk=customer.id,
        external_id=customer.external_id,
        name=customer.name,
        customer_language=customer.language,
        tier=customer.tier,
        queue_rank=placed.queue_rank,
        queued_at=placed.queued_at,
        priority_boost=placed.priority_boost,
        routing_reasons=placed.reasons,
        waiting_since=at,
        first_response_due_at=placed.first_response_due_at,
        next_response_due_at=None,
        resolution_due_at=placed.resolution_due_at,
        escalation_level=1,
        sla_policy_id=placed.targets.policy_id,
    )
    message = MessageRecord(
        id=message_id,
        conversation_id=conversation_id,
        author_kind=AuthorKind.customer.value,
        author_agent_id=None,
        body=body,
        internal=False,
        language=language,
        created_at=at,
        client_id=data.message.client_id,
    )
    emit(
        db,
        ConversationOpened(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation_id, team_id=team_id, customer_id=customer.id
            ),
            conversation_id=conversation_id,
            customer_id=customer.id,
            channel=data.channel.value,
            language=language,
            team_id=team_id,
        ),
    )
    emit(
        db,
        MessagePosted(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation_id,
                team_id=team_id,
                agent_ids=(placed.assignee_id,) if placed.assignee_id else (),
                customer_id=customer.id,
                customer_visible=True,
            ),
            conversation_id=conversation_id,
            message_id=message_id,
            author_kind=AuthorKind.customer.value,
            internal=False,
            message=message_dict(message),
        ),
    )
    if placed.assignee_id is not None:
        emit(
            db,
            ConversationAssigned(
                occurred_at=at,
                audience=Audience(
                    conversation_id=conversation_id,
                    team_id=team_id,
                    agent_ids=(placed.assignee_id,),
                ),
                conversation_id=conversation_id,
                team_id=team_id,
                assignee_id=placed.assignee_id,
                previous_assignee_id=None,
            ),
        )
    return Opened(conversation, message, customer)


_BUMP_INTERNAL = SQL(
    "UPDATE conversations SET message_count = message_count + 1, updated_at = $2 WHERE id = $1"
)
_BUMP_PUBLIC = SQL(
    "UPDATE conversations SET message_count = message_count + 1, updated_at = $2, "
    "last_message_at = $2, last_message_preview = $3, "
    "first_response_at = COALESCE(first_response_at, $4) WHERE id = $1"
)


async def do_post_message(
    db: AsyncSession,
    conversation: Conversation | ConversationState,
    *,
    body: str,
    author_kind: AuthorKind,
    internal: bool = False,
    author_agent_id: int | None = None,
    client_id: str | None = None,
    meta: dict[str, Any] | None = None,
    language: str | None = None,
) -> MessageRecord:
    """Add a message or an internal note. `conversation` must have been loaded for update
    (`access_conversation_for_reply`, or an ORM Conversation loaded in this transaction)."""
    if conversation.status == Status.closed:
        raise Conflict(
            f"Conversation {conversation.id} is closed; open a new conversation instead."
        )
    if author_kind == AuthorKind.agent and not internal and conversation.status == Status.bot:
        raise Conflict(
            f"The bot is talking with the customer of conversation {conversation.id}; take it "
            f"over first (POST /api/v1/conversations/{conversation.id}/bot/take-over)."
        )
    if internal and author_kind not in (AuthorKind.agent, AuthorKind.system):
        raise InvalidInput("Only agents write internal notes; set author_kind to agent.")
    if author_kind == AuthorKind.agent and author_agent_id is None:
        raise InvalidInput("An agent message needs the agent who wrote it.")
    raw = await raw_connection(db)
    at = now(db)
    ts = raw.ts(at)
    if language is None:
        detection = detect_language(body)
        confident = detection.confidence >= CONFIDENT
        language = detection.language if confident else conversation.language
    agent_id = author_agent_id if author_kind == AuthorKind.agent else None
    args = (conversation.id, author_kind.value, agent_id, body, internal, language, ts, client_id)
    if meta is None:
        (message_id,) = await raw.fetchone(_INSERT_MESSAGE, *args)
    else:
        (message_id,) = await raw.fetchone(_INSERT_MESSAGE_META, *args, raw.json(meta))
    await index_message(raw, message_id, body)
    reopen = False
    if internal or author_kind == AuthorKind.system:
        # Notes and automatic lines (the queue acknowledgement) are not what the inbox should
        # show as the conversation's last message.
        await raw.execute(_BUMP_INTERNAL, conversation.id, ts)
        committed: dict[str, Any] = {"updated_at": at}
    else:
        reopen = author_kind == AuthorKind.customer and conversation.status in REOPENED_BY_CUSTOMER
        answers = author_kind == AuthorKind.agent and conversation.first_response_at is None
        preview = _preview(body)
        await raw.execute(_BUMP_PUBLIC, conversation.id, ts, preview, ts if answers else None)
        committed = {"updated_at": at, "last_message_at": at, "last_message_preview": preview}
        if answers:
            committed["first_response_at"] = at
    clocks = await move_clocks(db, conversation, author_kind, internal, agent_id, at)
    committed.update(clocks)
    if isinstance(conversation, Conversation):
        # Keep a loaded ORM object in step with the row, without marking it dirty.
        committed["message_count"] = conversation.message_count + 1
        for name, value in committed.items():
            set_committed_value(conversation, name, value)
    else:
        for name in clocks:
            if hasattr(conversation, name):
                setattr(conversation, name, committed[name])
    record = MessageRecord(
        id=message_id,
        conversation_id=conversation.id,
        author_kind=author_kind.value,
        author_agent_id=agent_id,
        body=body,
        internal=internal,
        language=language,
        created_at=at,
        client_id=client_id,
        meta=meta,
    )
    audience = Audience(
        conversation_id=conversation.id,
        team_id=conversation.team_id,
        agent_ids=(conversation.assignee_id,) if conversation.assignee_id else (),
        customer_id=conversation.customer_id,
        customer_visible=not internal,
    )
    posted = MessagePosted(
        occurred_at=at,
        audience=audience,
        conversation_id=conversation.id,
        message_id=message_id,
        author_kind=author_kind.value,
        internal=internal,
        message=message_dict(record),
        channel=conversation.channel,
    )
    emit(db, posted)
    if author_kind != AuthorKind.customer:
        # What is said to the customer, in this transaction: mail/outbound.py mails it (an
        # outbox row, so nothing is sent unless the message commits), quality checks it.
        await react(db, posted)
    if reopen:
        await do_reopen_by_customer(db, conversation, at=at, audience=audience)
    if "assignee_id" in clocks and agent_id is not None:
        # An agent who answers an unassigned conversation takes it, so routing does not hand
        # it to somebody else while they are on it.
        await announce_taken(db, conversation, agent_id=agent_id, at=at, audience=audience)
    return record


async def do_update_conversation(
    db: AsyncSession,
    conversation: Conversation,
    changes: dict[str, Any],
    *,
    acting_agent_id: int | None,
) -> dict[str, Any]:
    """Change status, priority, team, assignee or tags (conversations/state/ checks and
    writes the change, and escalation closes a finished conversation's escalations on its
    event); return what actually changed. A chat customer whose conversation was resolved is
    told.

    `changes` holds only the fields the caller set. `conversation` must be loaded for update.
    """
    applied = await do_change_conversation(
        db, conversation, changes, acting_agent_id=acting_agent_id
    )
    if "status" in applied and conversation.status == Status.resolved:
        await do_tell_customer_resolved(db, conversation)
    return applied


async def do_tell_customer_resolved(
    db: AsyncSession, conversation: Conversation | ConversationState
) -> MessageRecord | None:
    """Tell a chat customer, in their language, that their conversation was resolved and that
    writing again reopens it (None for other channels, whose customers are not in a window
    that shows system lines)."""
    if conversation.channel != Channel.chat:
        return None
    return await do_post_message(
        db, conversation, body=t("conversations.resolved", conversation.language),
        author_kind=AuthorKind.system, language=conversation.language,
        meta={RESOLVED_META: True},
    )  # fmt: skip


async def do_tell_customer_reopened(
    db: AsyncSession, conversation: Conversation | ConversationState
) -> MessageRecord:
    """Acknowledge, in the customer's language, that their new message reopened the
    conversation and that the team will answer there."""
    return await do_post_message(
        db, conversation, body=t("conversations.reopened", conversation.language),
        author_kind=AuthorKind.system, language=conversation.language,
    )  # fmt: skip
