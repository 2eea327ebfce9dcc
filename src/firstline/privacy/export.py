"""Everything stored about one customer, as one JSON document written piece by piece.

The document is produced as a stream of byte chunks: the profile, then each conversation
with its messages, bot session, escalations and audit entries, then the recovery cases and the
audit entries about the customer. Conversations and messages are read a page at a time along
their indexes, so memory stays bounded however long the customer's history.

What the document holds is described in docs/security.md ("Privacy"). Each conversation
carries its mails (headers, sanitized HTML, quoted history) and its files, listed with their
type, size, digest and URL rather than inlined; chat sessions are given by their times, never
their token's hash.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.models import AuditEntry
from firstline.bot.models import BotSession
from firstline.conversations.models import Attachment, Conversation, Message
from firstline.core.db import Base, Database
from firstline.core.rawsql import SQL, raw_connection
from firstline.customers.models import Customer
from firstline.escalation.models import Escalation
from firstline.mail.models import MailMessage
from firstline.quality.models import CsatAnswer, QaCheck
from firstline.recovery.models import RecoveryCase

FORMAT = "firstline.customer-export.v1"
CONVERSATION_PAGE = 100
MESSAGE_PAGE = 500
AUDIT_LIMIT = 10_000
# A chat session's times (never its token's hash).
_CHAT_SESSIONS = SQL(
    "SELECT id, created_at, last_used_at, expires_at, revoked_at FROM chat_sessions "
    "WHERE customer_id = $1 ORDER BY id"
)


# A file is listed with what it is and where to fetch it; its bytes are not in the document.
_FILE_FIELDS = ("id", "message_id", "filename", "content_type", "size", "sha256", "created_at")


def _columns(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def _json(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


async def _audit(s: AsyncSession, entity_type: str, entity_id: int) -> list[dict[str, Any]]:
    rows = await s.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
        .limit(AUDIT_LIMIT)
    )
    return [
        {
            "id": e.id,
            "occurred_at": e.occurred_at,
            "actor_kind": e.actor_kind,
            "actor_agent_id": e.actor_agent_id,
            "action": e.action,
            "data": e.data,
        }
        for e in rows
    ]


async def _conversation(s: AsyncSession, conversation: Conversation) -> AsyncIterator[bytes]:
    body = _columns(conversation)
    head = _json(body)
    yield head[:-1] + b',"messages":['
    after = 0
    first = True
    while True:
        page = list(
            await s.scalars(
                select(Message)
                .where(Message.conversation_id == conversation.id, Message.id > after)
                .order_by(Message.id)
                .limit(MESSAGE_PAGE)
            )
        )
        for message in page:
            yield (b"" if first else b",") + _json(_columns(message))
            first = False
        if len(page) < MESSAGE_PAGE:
            break
        after = page[-1].id
    bot = await s.get(BotSession, conversation.id)
    escalations = await s.scalars(
        select(Escalation)
        .where(Escalation.conversation_id == conversation.id)
        .order_by(Escalation.id)
    )
    mails = await s.scalars(
        select(MailMessage)
        .where(MailMessage.conversation_id == conversation.id)
        .order_by(MailMessage.id)
    )
    files = await s.scalars(
        select(Attachment)
        .where(Attachment.conversation_id == conversation.id, Attachment.message_id.is_not(None))
        .order_by(Attachment.id)
    )
    csat = await s.get(CsatAnswer, conversation.id)
    checks = await s.scalars(
        select(QaCheck).where(QaCheck.conversation_id == conversation.id).order_by(QaCheck.id)
    )
    tail = {
        "bot_session": _columns(bot) if bot is not None else None,
        "csat": _columns(csat) if csat is not None else None,
        "quality_checks": [_columns(c) for c in checks],
        "escalations": [_columns(e) for e in escalations],
        "mails": [_columns(m) for m in mails],
        "attachments": [
            {k: getattr(f, k) for k in _FILE_FIELDS} | {"url": f"/api/v1/attachments/{f.id}"}
            for f in files
        ],
        "audit": await _audit(s, "conversation", conversation.id),
    }
    yield b"]," + _json(tail)[1:]


async def export_customer(
    db: Database, customer_id: int, *, exported_at: datetime
) -> AsyncIterator[bytes]:
    """The document's bytes, chunk by chunk (valid JSON once joined)."""
    async with db.session() as s:
        customer = await s.get(Customer, customer_id)
        if customer is None:
            return
        head = {"format": FORMAT, "exported_at": exported_at, "customer": _columns(customer)}
        yield _json(head)[:-1] + b',"conversations":['
        after = 0
        first = True
        while True:
            page = list(
                await s.scalars(
                    select(Conversation)
                    .where(Conversation.customer_id == customer_id, Conversation.id > after)
                    .order_by(Conversation.id)
                    .limit(CONVERSATION_PAGE)
                )
            )
            for conversation in page:
                if not first:
                    yield b","
                first = False
                async for chunk in _conversation(s, conversation):
                    yield chunk
            if len(page) < CONVERSATION_PAGE:
                break
            after = page[-1].id
            s.expunge_all()  # keep the identity map from growing with the history
        cases = list(
            await s.scalars(
                select(RecoveryCase)
                .where(RecoveryCase.customer_id == customer_id)
                .order_by(RecoveryCase.id)
            )
        )
        recovery = []
        for case in cases:
            item = _columns(case)
            item["audit"] = await _audit(s, "recovery_case", case.id)
            recovery.append(item)
        raw = await raw_connection(s)
        chats = await raw.fetchall(_CHAT_SESSIONS, customer_id)
        tail = {
            "recovery_cases": recovery,
            "chat_sessions": [
                dict(
                    zip(
                        ("id", "created_at", "last_used_at", "expires_at", "revoked_at"),
                        r,
                        strict=True,
                    )
                )
                for r in chats
            ],
            "audit": await _audit(s, "customer", customer_id),
        }
        yield b"]," + _json(tail)[1:]
