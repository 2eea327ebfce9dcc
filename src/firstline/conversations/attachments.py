"""Files of a conversation: what customers sent (mail, the widget) and what agents upload
for a reply. The bytes are in the blob store (core/blobs.py); these are the rows that name
them. An agent's upload belongs to them until a message of theirs carries it."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.models import Attachment
from firstline.core.blobs import BlobStore
from firstline.core.db import Database, now
from firstline.core.errors import InvalidInput, PayloadTooLarge
from firstline.core.outbox import PENDING, Attempt, Claimed, deliver_due
from firstline.core.rawsql import SQL, raw_connection

MAX_PER_MESSAGE = 10


def safe_filename(name: str | None, fallback: str = "file") -> str:
    """A file name fit to show and to send back in Content-Disposition: no path, no control
    or bidi characters, at most 255 characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        c for c in base if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
    ).strip(" .")
    return (cleaned or fallback)[:255]


def attachment_dict(a: Attachment | Any) -> dict[str, Any]:
    return {
        "id": a.id,
        "message_id": a.message_id,
        "filename": a.filename,
        "content_type": a.content_type,
        "size": a.size,
        "inline": a.inline,
        "url": f"/api/v1/attachments/{a.id}",
    }


async def do_upload_attachment(
    db: AsyncSession,
    store: BlobStore,
    *,
    conversation_id: int,
    data: bytes,
    filename: str | None,
    limit: int,
    agent_id: int | None,
    allowed: frozenset[str] | None = None,
) -> Attachment:
    """Keep one file for the conversation, not yet part of a message."""
    if not data:
        raise InvalidInput("The file is empty.", message="empty", args={"field": "file"})
    if len(data) > limit:
        raise PayloadTooLarge(
            f"The file is {len(data) / 1_048_576:.1f} MB; each file may be at most "
            f"{limit / 1_048_576:.0f} MB."
        )
    stored = await store.put(data)
    if allowed is not None and stored.content_type not in allowed:
        raise InvalidInput(
            f"This file is {stored.content_type}; only images and PDF documents are accepted.",
        )
    row = Attachment(
        conversation_id=conversation_id,
        message_id=None,
        sha256=stored.sha256,
        size=stored.size,
        content_type=stored.content_type,
        filename=safe_filename(filename),
        content_id=None,
        inline=False,
        uploaded_by_agent_id=agent_id,
        created_at=now(db),
    )
    db.add(row)
    await db.flush()
    return row


async def attach_uploads(
    db: AsyncSession, *, conversation_id: int, message_id: int, ids: list[int], agent_id: int | None
) -> None:
    """Make the uploads `ids` (this conversation's, by this agent, not yet sent) part of the
    message; refuse the whole message if any is not."""
    if not ids:
        return
    if len(set(ids)) > MAX_PER_MESSAGE:
        raise InvalidInput(f"A message carries at most {MAX_PER_MESSAGE} files.")
    result = await db.execute(
        update(Attachment)
        .where(
            Attachment.id.in_(set(ids)),
            Attachment.conversation_id == conversation_id,
            Attachment.message_id.is_(None),
            Attachment.uploaded_by_agent_id == agent_id,
        )
        .values(message_id=message_id)
    )
    if int(getattr(result, "rowcount", 0) or 0) != len(set(ids)):
        raise InvalidInput(
            "attachment_ids must name files you uploaded to this conversation and have not "
            "sent yet (POST /api/v1/conversations/{id}/attachments).",
            message="invalid",
            args={"field": "attachment_ids"},
        )


async def list_attachments(db: AsyncSession, conversation_id: int) -> list[Attachment]:
    return list(
        await db.scalars(
            select(Attachment)
            .where(Attachment.conversation_id == conversation_id)
            .order_by(Attachment.id)
            .limit(500)
        )
    )


BLOB_KIND = "blob.remove"
_FORGET = SQL(
    "INSERT INTO outbox (kind, target, payload, state, attempts, created_at, due_at) "
    "VALUES ($1, $2, $3, $4, 0, $5, $5)"
)
_NAMED = SQL("SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1")


async def forget_blob(db: AsyncSession, sha256: str) -> None:
    """Have the file go once this transaction commits, unless a row still names it then (the
    same bytes sent in another conversation). Through the outbox: a rollback keeps it."""
    raw = await raw_connection(db)
    at = raw.ts(now(db))
    await raw.execute(
        _FORGET, BLOB_KIND, f"blob:{sha256[:16]}", raw.json({"sha256": sha256}), PENDING, at
    )


async def remove_forgotten_blobs(db: Database, store: BlobStore) -> int:
    """The outbox sender of BLOB_KIND: delete each forgotten file nobody names; how many."""

    async def send(claimed: Sequence[Claimed]) -> list[Attempt]:
        out = []
        for c in claimed:
            digest = str(c.payload.get("sha256", ""))
            async with db.session() as s:
                named = await (await raw_connection(s)).fetchone(_NAMED, digest)
            if named is None and len(digest) == 64:
                await store.remove(digest)
            out.append(Attempt(delivered=True))
        return out

    return await deliver_due(db, BLOB_KIND, send, backoff=(timedelta(minutes=5),), batch=200)
