"""What a customer does in the chat widget, as actions on the database (no HTTP here).

A customer writes into their latest conversation while it is not closed (a reply reopens a
resolved one, as on the REST API); otherwise, or the first time, a new chat conversation is
opened, and it gets the first sentence at once: an acknowledgement in the customer's language
with their place in the queue and the expected wait.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.chat.strings import STRINGS
from firstline.conversations.access import ConversationState
from firstline.conversations.actions import do_open_conversation, do_post_message
from firstline.conversations.models import AuthorKind, Channel, Status
from firstline.conversations.schemas import ConversationCreate, FirstMessage
from firstline.core.db import parse_utc
from firstline.core.language import DEFAULT_LANGUAGE
from firstline.core.rawsql import SQL, raw_connection
from firstline.customers.schemas import CustomerIn

# The widget shows the customer's recent conversations as one thread.
HISTORY_CONVERSATIONS = 5
HISTORY_MESSAGES = 200
# Until routing measures real throughput (the routing issue), a waiting chat is assumed to
# take an available agent this long.
ASSUMED_HANDLE_SECONDS = 90

_LATEST = (
    "SELECT id, customer_id, status, team_id, assignee_id, language, first_response_at "
    "FROM conversations WHERE customer_id = $1 ORDER BY id DESC LIMIT 1"
)
_LATEST_SQL = SQL(_LATEST)
_LATEST_FOR_UPDATE = SQL(_LATEST + " FOR UPDATE")

_HISTORY = SQL(
    "SELECT m.id, m.conversation_id, m.author_kind, m.body, m.created_at, m.client_id "
    "FROM messages m WHERE m.conversation_id IN ("
    "SELECT c.id FROM conversations c WHERE c.customer_id = $1 ORDER BY c.id DESC LIMIT $2) "
    "AND m.internal = $3 AND m.id > $4 ORDER BY m.id DESC LIMIT $5"
)
_BY_CLIENT_ID = SQL(
    "SELECT m.id, m.conversation_id, m.author_kind, m.body, m.created_at, m.client_id "
    "FROM messages m WHERE m.conversation_id IN ("
    "SELECT c.id FROM conversations c WHERE c.customer_id = $1 ORDER BY c.id DESC LIMIT $2) "
    "AND m.client_id = $3"
)
_AHEAD = SQL(
    "SELECT count(*) FROM conversations WHERE team_id = $1 AND status = $2 "
    "AND assignee_id IS NULL AND id < $3"
)
_AHEAD_UNROUTED = SQL(
    "SELECT count(*) FROM conversations WHERE team_id IS NULL AND status = $1 "
    "AND assignee_id IS NULL AND id < $2"
)
_ONLINE = SQL(
    "SELECT count(*) FROM agents a JOIN team_memberships m ON m.agent_id = a.id "
    "WHERE m.team_id = $1 AND a.presence = $2 AND a.is_active"
)
_ONLINE_ANY = SQL("SELECT count(*) FROM agents WHERE presence = $1 AND is_active")

_COLUMNS = ("id", "conversation_id", "author_kind", "body", "created_at", "client_id")


def customer_message(row: Any) -> dict[str, Any]:
    message = dict(zip(_COLUMNS, row, strict=True))
    if isinstance(message["created_at"], str):  # SQLite stores text
        message["created_at"] = parse_utc(message["created_at"])
    return message


@dataclass(frozen=True, slots=True)
class Posted:
    message: dict[str, Any]
    created: bool  # False when the client id was seen before (a resend)
    acknowledgement: dict[str, Any] | None = None


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
) -> Posted:
    raw = await raw_connection(db)
    seen = await raw.fetchone(_BY_CLIENT_ID, customer_id, HISTORY_CONVERSATIONS, client_id)
    if seen is not None:
        return Posted(customer_message(seen), created=False)
    state = await latest_conversation(db, customer_id)
    if state is not None and state.status != Status.closed:
        record = await do_post_message(
            db, state, body=body, author_kind=AuthorKind.customer, client_id=client_id
        )
        message = {k: getattr(record, k) for k in _COLUMNS}
        return Posted(message, created=True)
    data = ConversationCreate(
        customer=CustomerIn(external_id=external_id, locale=locale)
        if locale
        else CustomerIn(external_id=external_id),
        channel=Channel.chat,
        message=FirstMessage(body=body, client_id=client_id),
    )
    opened = await do_open_conversation(db, data, acting_agent_id=None)
    message = {k: getattr(opened.message, k) for k in _COLUMNS}
    conversation = opened.conversation
    ack_text = await acknowledgement_text(
        db, conversation.id, conversation.team_id, conversation.language
    )
    state = ConversationState(
        id=conversation.id,
        customer_id=conversation.customer_id,
        status=conversation.status,
        team_id=conversation.team_id,
        assignee_id=None,
        language=conversation.language,
        first_response_at=None,
    )
    ack = await do_post_message(db, state, body=ack_text, author_kind=AuthorKind.system)
    return Posted(message, created=True, acknowledgement={k: getattr(ack, k) for k in _COLUMNS})


def _strings(language: str) -> dict[str, str]:
    return STRINGS.get(language) or STRINGS[DEFAULT_LANGUAGE]


def format_wait(language: str, seconds: int) -> str:
    words = _strings(language)
    if seconds < 60:
        return words["wait_under_minute"]
    return words["wait_minutes"].format(minutes=math.ceil(seconds / 60))


async def acknowledgement_text(
    db: AsyncSession, conversation_id: int, team_id: int | None, language: str
) -> str:
    """The first sentence: place in the queue and the expected wait, in `language`."""
    raw = await raw_connection(db)
    if team_id is None:
        (ahead,) = await raw.fetchone(_AHEAD_UNROUTED, Status.open.value, conversation_id)
        (online,) = await raw.fetchone(_ONLINE_ANY, "online")
    else:
        (ahead,) = await raw.fetchone(_AHEAD, team_id, Status.open.value, conversation_id)
        (online,) = await raw.fetchone(_ONLINE, team_id, "online")
    rounds = math.ceil((int(ahead) + 1) / max(1, int(online)))
    wait = format_wait(language, rounds * ASSUMED_HANDLE_SECONDS if ahead else 45)
    words = _strings(language)
    if not ahead:
        return words["ack_soon"].format(wait=wait)
    return words["ack_queue"].format(position=int(ahead) + 1, wait=wait)
