"""What a customer does in the chat widget, as actions on the database (no HTTP here).

A customer writes into their latest conversation while it is not closed (a reply reopens a
resolved one, as on the REST API, and is acknowledged: the conversation is open again, with
its agent if they are online, else back in its team's queue); otherwise, or the first time, a
new chat conversation is opened, and it gets the first sentence at once: an acknowledgement in
the customer's language with their place in the queue and the expected wait. A customer who
asks for a person while already waiting for one is told their place again rather than met
with silence.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.bot.engine import bot_turn
from firstline.bot.text import asks_for_person
from firstline.conversations.access import STATE_COLUMNS, ConversationState
from firstline.conversations.actions import (
    do_open_conversation,
    do_post_message,
    do_tell_customer_reopened,
)
from firstline.conversations.models import AuthorKind, Channel, Status
from firstline.conversations.queries import ConversationRow
from firstline.conversations.schemas import ConversationCreate, FirstMessage
from firstline.conversations.state import do_return_to_bot
from firstline.core.db import now, parse_utc
from firstline.core.i18n import t
from firstline.core.rawsql import SQL, raw_connection
from firstline.core.settings import Settings
from firstline.customers.schemas import CustomerIn
from firstline.routing.actions.queues import do_requeue_unanswered, do_route_team_queue
from firstline.routing.queries import POSITION_CAP, ahead_of, expected_wait, throughput

# The widget shows the customer's recent conversations as one thread.
HISTORY_CONVERSATIONS = 5
HISTORY_MESSAGES = 200

_LATEST = (
    f"SELECT {STATE_COLUMNS} FROM conversations WHERE customer_id = $1 ORDER BY id DESC LIMIT 1"
)
_LATEST_SQL = SQL(_LATEST)
_LATEST_FOR_UPDATE = SQL(_LATEST + " FOR UPDATE")

_HISTORY = SQL(
    "SELECT m.id, m.conversation_id, m.author_kind, m.body, m.created_at, m.client_id, m.meta "
    "FROM messages m WHERE m.conversation_id IN ("
    "SELECT c.id FROM conversations c WHERE c.customer_id = $1 ORDER BY c.id DESC LIMIT $2) "
    "AND m.internal = $3 AND m.id > $4 ORDER BY m.id DESC LIMIT $5"
)
_BY_CLIENT_ID = SQL(
    "SELECT m.id, m.conversation_id, m.author_kind, m.body, m.created_at, m.client_id, m.meta "
    "FROM messages m WHERE m.conversation_id IN ("
    "SELECT c.id FROM conversations c WHERE c.customer_id = $1 ORDER BY c.id DESC LIMIT $2) "
    "AND m.client_id = $3"
)

_COLUMNS = ("id", "conversation_id", "author_kind", "body", "created_at", "client_id", "meta")


def customer_message(row: Any) -> dict[str, Any]:
    message = dict(zip(_COLUMNS, row, strict=True))
    if isinstance(message["created_at"], str):  # SQLite stores text
        message["created_at"] = parse_utc(message["created_at"])
    if isinstance(message["meta"], str):  # JSON comes back as text from raw SQL
        message["meta"] = orjson.loads(message["meta"])
    return message


@dataclass(frozen=True, slots=True)
class Posted:
    message: dict[str, Any]
    created: bool  # False when the client id was seen before (a resend)
    acknowledgement: dict[str, Any] | None = None
    # What the bot and the system answered at once, in order (the acknowledgement among them).
    replies: list[dict[str, Any]] = field(default_factory=list)


async def latest_conversation(db: AsyncSession, customer_id: int) -> ConversationState | None:
    raw = await raw_connection(db)
    row = await raw.fetchone(_LATEST_SQL if raw.sqlite else _LATEST_FOR_UPDATE, customer_id)
    return ConversationState(*row) if row is not None else None


async def history(
    db: AsyncSession, customer_id: int, *, after: int = 0, limit: int = HISTORY_MESSAGES
) -> list[dict[str, Any]]:
    """The customer-visible messages of the customer's recent conversations after `after`,
    oldest first."""
    raw = await raw_connection(db)
    rows = await raw.fetchall(_HISTORY, customer_id, HISTORY_CONVERSATIONS, False, after, limit)
    return [customer_message(r) for r in reversed(rows)]


async def post_customer_message(
    db: AsyncSession,
    *,
    customer_id: int,
    external_id: str,
    body: str,
    client_id: str,
    locale: str | None,
    product: str | None = None,
    settings: Settings | None = None,
    admit_new: Callable[[], Awaitable[None]] | None = None,
    file: bool = False,
) -> Posted:
    """Store a customer's chat message and answer it: the bot's turn while the conversation is
    with the bot (settings.bot), else, for a new conversation, the queue acknowledgement.
    With `file`, `body` is the name of a file the customer sent, which the bot does not read
    as a question.
    `admit_new` runs before a new conversation is opened and raises to refuse it (the
    anonymous-chat limit per address, web/chat.py)."""
    bot = settings is not None and settings.bot
    raw = await raw_connection(db)
    seen = await raw.fetchone(_BY_CLIENT_ID, customer_id, HISTORY_CONVERSATIONS, client_id)
    if seen is not None:
        return Posted(customer_message(seen), created=False)
    state = await latest_conversation(db, customer_id)
    if state is not None and state.status != Status.closed:
        if bot and _back_to_bot(state):
            # Settled by the bot alone (no person ever had it): the bot takes the new question.
            await do_return_to_bot(db, state)
        reopens = state.status == Status.resolved
        record = await do_post_message(
            db, state, body=body, author_kind=AuthorKind.customer, client_id=client_id
        )
        message = {k: getattr(record, k) for k in _COLUMNS}
        if state.status == Status.bot and settings is not None:
            replies = await _bot_replies(db, state, body, settings, external_id, file=file)
            return Posted(message, created=True, replies=replies)
        if reopens:
            return Posted(message, created=True, replies=await _reopened(db, state, customer_id))
        if (
            state.status == Status.open
            and state.first_response_at is None
            and not file
            and asks_for_person(body)
        ):
            # Handed over and still waiting: asking for a person again gets the queue's
            # answer, not silence.
            ack = await do_post_message(
                db, state, body=await acknowledgement_text(db, state),
                author_kind=AuthorKind.system,
            )  # fmt: skip
            return Posted(message, created=True, replies=[{k: getattr(ack, k) for k in _COLUMNS}])
        return Posted(message, created=True)
    if admit_new is not None:
        await admit_new()
    data = ConversationCreate(
        customer=CustomerIn(external_id=external_id, locale=locale)
        if locale
        else CustomerIn(external_id=external_id),
        channel=Channel.chat,
        message=FirstMessage(body=body, client_id=client_id),
        product=product,
    )
    opened = await do_open_conversation(db, data, acting_agent_id=None, bot=bot)
    message = {k: getattr(opened.message, k) for k in _COLUMNS}
    conversation = opened.conversation
    if bot and settings is not None:
        state = ConversationState.of(conversation)
        replies = await _bot_replies(db, state, body, settings, external_id, file=file)
        return Posted(message, created=True, replies=replies)
    ack_text = await acknowledgement_text(db, conversation)
    ack = await do_post_message(
        db, ConversationState.of(conversation), body=ack_text, author_kind=AuthorKind.system
    )
    acknowledgement = {k: getattr(ack, k) for k in _COLUMNS}
    return Posted(message, created=True, acknowledgement=acknowledgement, replies=[acknowledgement])


async def _reopened(
    db: AsyncSession, state: ConversationState, customer_id: int
) -> list[dict[str, Any]]:
    """The customer's message reopened a resolved conversation: it goes back to its agent if
    they are online, else to its team's queue, which is routed now so an agent online takes it
    at once; then the customer is told, and given their place when they wait in a queue."""
    raw = await raw_connection(db)
    if state.assignee_id is not None:
        row = await raw.fetchone(_ONLINE, state.assignee_id)
        if row is None or row[0] != "online" or not row[1]:
            # Whoever resolved it has gone home: the team answers rather than nobody (the
            # requeue routes the team's queue itself).
            await do_requeue_unanswered(
                db,
                state.assignee_id,
                why="reopened by the customer while the agent was away",
                why_code="reopened_agent_away",
                acting_agent_id=None,
            )
    elif state.team_id is not None:
        await do_route_team_queue(db, state.team_id)
    now_state = await latest_conversation(db, customer_id)
    current = now_state if now_state is not None and now_state.id == state.id else state
    lines = [await do_tell_customer_reopened(db, current)]
    if current.assignee_id is None and current.queue_rank is not None:
        ack = await acknowledgement_text(db, current)
        lines.append(await do_post_message(db, current, body=ack, author_kind=AuthorKind.system))
    return [{k: getattr(r, k) for k in _COLUMNS} for r in lines]


_ONLINE = SQL("SELECT presence, is_active FROM agents WHERE id = $1")


def _back_to_bot(state: ConversationState) -> bool:
    return state.status == Status.resolved and state.team_id is None and state.assignee_id is None


async def _bot_replies(
    db: AsyncSession,
    state: ConversationState,
    body: str,
    settings: Settings,
    external_id: str,
    *,
    file: bool = False,
) -> list[dict[str, Any]]:
    """The bot's turn, and after a handover the queue acknowledgement, as message dicts."""
    turn = await bot_turn(
        db, state, body, settings=settings, customer_external_id=external_id, file=file
    )
    replies = [{k: getattr(r, k) for k in _COLUMNS} for r in turn.messages]
    if turn.handed_over is not None:
        ack = await do_post_message(
            db, state, body=await acknowledgement_text(db, state), author_kind=AuthorKind.system
        )
        replies.append({k: getattr(ack, k) for k in _COLUMNS})
    return replies


def format_wait(language: str, seconds: int) -> str:
    """The expected wait in words: "less than a minute", else whole minutes rounded up."""
    if seconds < 60:
        return t("chat.wait_under_minute", language)
    return t("chat.wait_minutes", language, minutes=math.ceil(seconds / 60))


async def acknowledgement_text(
    db: AsyncSession, conversation: ConversationRow | ConversationState
) -> str:
    """The first sentence: place in the queue and the expected wait, in the conversation's
    language. The wait comes from the team's measured throughput (routing/queries.py)."""
    language = conversation.language
    if conversation.assignee_id is not None or conversation.queue_rank is None:
        return t("chat.ack_soon", language, wait=t("chat.wait_under_minute", language))
    raw = await raw_connection(db)
    position = 1 + await ahead_of(raw, conversation.team_id, conversation.queue_rank,
                                  conversation.id)  # fmt: skip
    wait = expected_wait(position, await throughput(raw, conversation.team_id, now(db)))
    shown = f"{POSITION_CAP}+" if position > POSITION_CAP else str(position)
    if wait is None:
        return t("chat.ack_queue_unknown", language, position=shown)
    if position == 1 and wait < 60:
        return t("chat.ack_soon", language, wait=format_wait(language, wait))
    return t("chat.ack_queue", language, position=shown, wait=format_wait(language, wait))


async def queue_status(db: AsyncSession, customer_id: int) -> dict[str, Any] | None:
    """The customer's place in the queue now, as the widget shows it, or None when their
    latest conversation is not waiting in one."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_QUEUED_LATEST, customer_id)
    if row is None or row[2] is None:
        return None
    cid, team_id, rank, language = row
    position = 1 + await ahead_of(raw, team_id, rank, cid)
    wait = expected_wait(position, await throughput(raw, team_id, now(db)))
    return {
        "type": "queue.position",
        "conversation_id": cid,
        "position": position,
        "wait_seconds": wait,
        "text": queue_status_text(language, position, wait),
    }


_QUEUED_LATEST = SQL(
    "SELECT id, team_id, queue_rank, language FROM conversations WHERE customer_id = $1 "
    "ORDER BY id DESC LIMIT 1"
)


def queue_status_text(language: str, position: int, wait: int | None) -> str:
    shown = f"{POSITION_CAP}+" if position > POSITION_CAP else str(position)
    if wait is None:
        return t("chat.queue_status_unknown", language, position=shown)
    return t("chat.queue_status", language, position=shown, wait=format_wait(language, wait))
