"""/api/v1/conversations: open, read, list, reply, update."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.audit.actions import record_audit
from firstline.conversations.access import (
    access_conversation_by_id,
    access_conversation_for_reply,
    access_conversation_row_by_id,
)
from firstline.conversations.actions import (
    do_open_conversation,
    do_post_message,
    do_update_conversation,
)
from firstline.conversations.attachments import attach_uploads
from firstline.conversations.merge import do_merge_conversations
from firstline.conversations.models import AuthorKind, Channel, Message, Priority, Status
from firstline.conversations.queries import (
    ConversationFilters,
    customer_summary,
    get_conversation_row,
    list_conversations,
    list_messages,
)
from firstline.conversations.schemas import (
    ConversationCreate,
    ConversationDetail,
    ConversationOut,
    ConversationPage,
    ConversationUpdate,
    MergeRequest,
    MessageCreate,
    MessageOut,
    MessagePage,
    conversation_dict,
    message_dict,
)
from firstline.core.db import now
from firstline.core.errors import InvalidInput, NotFound
from firstline.core.idempotency import check_key, find_replay, remember_key, request_fingerprint
from firstline.core.language import normalize_locale
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.privacy.access import check_may_open_for
from firstline.quality.csat import csat_dict, get_csat
from firstline.routing.actions import do_fill_agent, do_route_team_queue
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/conversations", tags=["conversations"])

DETAIL_MESSAGES = 100

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Makes retries safe: a repeat with the same key returns the first result.",
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]


def row_dict(row: Any) -> dict[str, Any]:
    return conversation_dict(row, customer_summary(row))


@router.post(
    "",
    operation_id="openConversation",
    status_code=201,
    response_model=ConversationOut,
    responses={
        200: {"model": ConversationOut, "description": "Replay of an Idempotency-Key."},
        **problem_responses((409, "The Idempotency-Key was used with another request.")),
    },
)
async def open_conversation(
    data: ConversationCreate,
    actor: CurrentActor,
    db: DatabaseDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> FastJSON:
    """Open a conversation with its first customer message; the customer is created, or updated
    when you have customers.edit (else an existing customer's profile stays as it was). A
    customer who exists and whom you cannot see is refused (403) without customers.read_all."""
    key = check_key(idempotency_key) if idempotency_key is not None else None
    fingerprint = (
        request_fingerprint("POST", "/conversations", data.model_dump_json().encode())
        if key is not None
        else ""
    )
    try:
        async with db.transaction(raw_writes=True) as session:
            if key is not None:
                replay = await find_replay(session, actor.agent_id, key, fingerprint)
                if replay is not None:
                    row = await get_conversation_row(session, replay.resource_id)
                    return FastJSON(row_dict(row), status_code=200)
            await check_may_open_for(session, actor, data.customer.external_id)
            opened = await do_open_conversation(
                session,
                data,
                acting_agent_id=actor.agent_id,
                edit_customer=actor.can(Permission.customers_edit),
            )
            if key is not None:
                await remember_key(
                    session, actor.agent_id, key, fingerprint, "conversation",
                    opened.conversation.id,
                )  # fmt: skip
    except IntegrityError:
        # Two requests with the same new key raced (PostgreSQL); the loser's writes were rolled
        # back whole, and the winner's result is the answer.
        if key is None:
            raise
        async with db.session() as session:
            replay = await find_replay(session, actor.agent_id, key, fingerprint)
            if replay is None:
                raise
            row = await get_conversation_row(session, replay.resource_id)
            return FastJSON(row_dict(row), status_code=200)
    body = row_dict(opened.conversation)
    location = f"/api/v1/conversations/{opened.conversation.id}"
    return FastJSON(body, status_code=201, headers={"Location": location})


def _parse_assignee(value: str | None) -> tuple[int | None, bool]:
    if value is None:
        return None, False
    if value.lower() in ("none", "null"):
        return None, True
    try:
        return int(value), False
    except ValueError:
        raise InvalidInput(
            f"assignee_id must be an agent id or 'none' for unassigned; got {value!r}."
        ) from None


@router.get("", operation_id="listConversations", response_model=ConversationPage)
async def list_conversations_route(
    actor: CurrentActor,
    session: ReadSession,
    status: Status | None = None,
    team_id: int | None = None,
    assignee_id: Annotated[
        str | None, Query(description="An agent id, or 'none' for unassigned.")
    ] = None,
    language: str | None = None,
    channel: Channel | None = None,
    priority: Priority | None = None,
    customer: Annotated[str | None, Query(description="The customer's external_id.")] = None,
    updated_since: datetime | None = None,
    limit: Limit = 50,
    cursor: str | None = None,
) -> FastJSON:
    """Conversations newest first, filtered, one page at a time (keyset pagination)."""
    assignee, unassigned = _parse_assignee(assignee_id)
    lang = None
    if language is not None:
        lang = normalize_locale(language)
        if lang is None:
            raise InvalidInput(f"language {language!r} is not a supported language.")
    if updated_since is not None and updated_since.tzinfo is None:
        updated_since = updated_since.replace(tzinfo=UTC)
    filters = ConversationFilters(
        status=status.value if status else None,
        team_id=team_id,
        assignee_id=assignee,
        unassigned=unassigned,
        language=lang,
        channel=channel.value if channel else None,
        priority=priority.value if priority else None,
        customer_external_id=customer,
        updated_since=updated_since,
    )
    before = decode_cursor(cursor) if cursor else None
    rows = await list_conversations(session, actor, filters, limit=limit + 1, before_id=before)
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON(
        {
            "items": [row_dict(r) for r in rows],
            "next_cursor": encode_cursor(rows[-1].id) if more else None,
        }
    )


@router.get("/{conversation_id}", operation_id="getConversation", response_model=ConversationDetail)
async def get_conversation(
    conversation_id: int, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """One conversation with its latest messages (oldest first)."""
    row = await access_conversation_row_by_id(session, actor, conversation_id)
    messages = await list_messages(session, conversation_id, limit=DETAIL_MESSAGES + 1)
    more = len(messages) > DETAIL_MESSAGES
    messages = messages[:DETAIL_MESSAGES]
    body = row_dict(row)
    body["messages"] = [message_dict(m) for m in reversed(messages)]
    body["messages_before_cursor"] = encode_cursor(messages[-1].id) if more else None
    body["csat"] = csat_dict(await get_csat(session, conversation_id), now(session))
    return FastJSON(body)


@router.get("/{conversation_id}/messages", operation_id="listMessages", response_model=MessagePage)
async def list_conversation_messages(
    conversation_id: int,
    actor: CurrentActor,
    session: ReadSession,
    limit: Limit = 50,
    before: Annotated[str | None, Query(description="A cursor: messages older than it.")] = None,
) -> FastJSON:
    """A conversation's messages, newest first, one page at a time."""
    await access_conversation_row_by_id(session, actor, conversation_id)
    before_id = decode_cursor(before) if before else None
    messages = await list_messages(session, conversation_id, limit=limit + 1, before_id=before_id)
    more = len(messages) > limit
    messages = messages[:limit]
    return FastJSON(
        {
            "items": [message_dict(m) for m in messages],
            "next_cursor": encode_cursor(messages[-1].id) if more else None,
        }
    )


@router.post(
    "/{conversation_id}/messages",
    operation_id="postMessage",
    responses={
        200: {"model": MessageOut, "description": "Replay of an Idempotency-Key."},
        **problem_responses(
            (
                409,
                "The conversation does not take this message now, or the Idempotency-Key was "
                "used with another request.",
            )
        ),
    },
    status_code=201,
    response_model=MessageOut,
)
async def post_message(
    conversation_id: int,
    data: MessageCreate,
    actor: CurrentActor,
    db: DatabaseDep,
    idempotency_key: IdempotencyKeyHeader = None,
) -> FastJSON:
    """Add an agent reply or an internal note; or, with conversations.relay (an integration
    relaying another channel), a customer or bot message, audited with who relayed it."""
    if data.author_kind != AuthorKind.agent:
        require_permission(
            actor, Permission.conversations_relay, "Posting as the customer or the bot"
        )
    key = check_key(idempotency_key) if idempotency_key is not None else None
    fingerprint = (
        request_fingerprint(
            "POST", f"/conversations/{conversation_id}/messages", data.model_dump_json().encode()
        )
        if key is not None
        else ""
    )
    try:
        async with db.transaction(raw_writes=True) as session:
            if key is not None:
                replay = await find_replay(session, actor.agent_id, key, fingerprint)
                if replay is not None:
                    return await _message_replay(session, replay.resource_id)
            conversation = await access_conversation_for_reply(session, actor, conversation_id)
            message = await do_post_message(
                session,
                conversation,
                body=data.body,
                author_kind=AuthorKind(data.author_kind),
                internal=data.internal,
                author_agent_id=actor.agent_id,
            )
            await attach_uploads(
                session, conversation_id=conversation_id, message_id=message.id,
                ids=data.attachment_ids, agent_id=actor.agent_id,
            )  # fmt: skip
            if data.warning_id is not None:
                # The agent was warned (POST /api/v1/qa/screen) and sent it anyway.
                await record_audit(
                    session, action="qa.warning_overridden", entity_type="message",
                    entity_id=message.id, actor_agent_id=actor.agent_id,
                    data={"conversation_id": conversation_id, "warning_id": data.warning_id},
                )  # fmt: skip
            if data.author_kind != AuthorKind.agent:
                await record_audit(
                    session, action="message.relayed", entity_type="message",
                    entity_id=message.id, actor_agent_id=actor.agent_id,
                    data={"conversation_id": conversation_id, "author_kind": data.author_kind},
                )  # fmt: skip
            if key is not None:
                await remember_key(session, actor.agent_id, key, fingerprint, "message", message.id)
    except IntegrityError:
        if key is None:
            raise
        async with db.session() as session:
            replay = await find_replay(session, actor.agent_id, key, fingerprint)
            if replay is None:
                raise
            return await _message_replay(session, replay.resource_id)
    return FastJSON(message_dict(message), status_code=201)


async def _message_replay(session: AsyncSession, message_id: int) -> FastJSON:
    message = await session.get(Message, message_id)
    if message is None:
        raise NotFound(f"Message {message_id} no longer exists.")
    return FastJSON(message_dict(message), status_code=200)


@router.post(
    "/{conversation_id}/merge",
    operation_id="mergeConversations",
    responses=problem_responses((409, "One of them is closed.")),
    response_model=ConversationOut,
)
async def merge(
    conversation_id: int, data: MergeRequest, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Merge duplicates of one customer (an e-mail and a chat about the same deposit) into this
    conversation: their messages, files and mails move here, history kept, and each is
    closed. Every conversation named must be one you can see and answer."""
    require_permission(actor, Permission.conversations_reply, "Merging conversations")
    sources = sorted(set(data.conversation_ids) - {conversation_id})
    if not sources:
        raise InvalidInput("Name at least one other conversation to merge into this one.")
    async with db.transaction() as session:
        # Locked in id order, whichever of them is the target, so two merges never deadlock.
        loaded = {}
        for cid in sorted({conversation_id, *sources}):
            loaded[cid] = await access_conversation_by_id(session, actor, cid, for_update=True)
        target = loaded[conversation_id]
        for cid in sources:
            await do_merge_conversations(
                session, loaded[cid], target, acting_agent_id=actor.agent_id
            )
        row = await get_conversation_row(session, conversation_id)
    return FastJSON(row_dict(row))


@router.patch(
    "/{conversation_id}",
    operation_id="updateConversation",
    responses=problem_responses((409, "That status change is not allowed.")),
    response_model=ConversationOut,
)
async def update_conversation(
    conversation_id: int, data: ConversationUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change status, priority, team, assignee or tags. Only the fields sent are changed."""
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        raise InvalidInput("Send at least one of status, priority, team_id, assignee_id, tags.")
    async with db.transaction() as session:
        conversation = await access_conversation_by_id(
            session, actor, conversation_id, for_update=True
        )
        previous = conversation.assignee_id
        applied = await do_update_conversation(
            session, conversation, changes, acting_agent_id=actor.agent_id
        )
        # Routing reacts at once instead of at the next job pass: whoever lost the
        # conversation (or finished it) has room again, and a requeued one may fit someone.
        if previous is not None and (
            conversation.assignee_id != previous or conversation.status != Status.open
        ):
            await do_fill_agent(session, previous)
        if applied and conversation.queue_rank is not None and conversation.team_id is not None:
            await do_route_team_queue(session, conversation.team_id)
        row = await get_conversation_row(session, conversation_id)
    return FastJSON(row_dict(row))
