"""Writing the audit trail. Called by other domains' actions inside their transaction.

Each entry is appended to the hash chain (audit/chain.py): the chain's head is read (and on
PostgreSQL locked until the transaction ends), the entry's hash computed over its fields and
that head, and the row inserted with both. On PostgreSQL the insert is the unit's last
statement (core/db.before_commit), so the lock is held for the commit alone.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.chain import body_digest, is_redacted, link, redacted, sqlite_head
from firstline.audit.models import AuditEntry
from firstline.core.db import before_commit, now
from firstline.core.rawsql import SQL, raw_connection

_INSERT_SQLITE = SQL(
    "INSERT INTO audit_entries "
    "(occurred_at, actor_kind, actor_agent_id, action, entity_type, entity_id, data, "
    "prev_hash, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
)
# One round trip on PostgreSQL: the function locks the chain's head until this transaction
# ends and returns it, and the row's hash is computed from it here (chain.link, in SQL); the id
# is drawn after the lock, so id order is chain order.
_INSERT_PG = SQL(
    "WITH head AS (SELECT firstline_audit_head() AS h) "
    "INSERT INTO audit_entries "
    "(occurred_at, actor_kind, actor_agent_id, action, entity_type, entity_id, data, "
    "prev_hash, hash) "
    "SELECT $1::timestamptz, $2::varchar, $3::integer, $4::varchar, $5::varchar, "
    "$6::integer, $7::json, head.h, "
    "encode(sha256(convert_to(coalesce(head.h, '') || $8::varchar, 'UTF8')), 'hex') FROM head"
)


async def record_audit(
    db: AsyncSession,
    *,
    action: str,
    entity_type: str,
    entity_id: int,
    actor_kind: str | None = None,
    actor_agent_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Append an entry. Without `actor_kind`, the actor is the agent `actor_agent_id`, or the
    system (routing, jobs, the CLI) when there is none."""
    if actor_kind is None:
        actor_kind = "agent" if actor_agent_id is not None else "system"
    raw = await raw_connection(db)
    stored = raw.json(data or {})
    at = now(db)
    # The digest covers the data as it will be read back (dates as ISO text, and so on).
    body = body_digest(
        occurred_at=at,
        actor_kind=actor_kind,
        actor_agent_id=actor_agent_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        data=orjson.loads(stored),
    )
    fields = (raw.ts(at), actor_kind, actor_agent_id, action, entity_type, entity_id, stored)
    if raw.sqlite:
        prev = await sqlite_head(raw)
        await raw.execute(_INSERT_SQLITE, *fields, prev, link(prev, body))
        return

    async def insert(session: AsyncSession) -> None:
        await (await raw_connection(session)).execute(_INSERT_PG, *fields, body)

    # The chain's lock is taken as the unit's last statement, so that it is held only until
    # the commit: taken earlier, a unit holding it could wait for a row another unit holds
    # while that unit waits for the lock (a deadlock PostgreSQL breaks with a 500).
    if not before_commit(db, insert):
        await insert(db)


async def redact_audit_entries(db: AsyncSession, *, entity_type: str, entity_id: int) -> int:
    """Remove the data of one record's entries (a person's erasure), keeping the chain whole:
    each entry's `data` becomes `{"redacted_sha256": <its digest>}`, which the chain covers in
    place of the data (audit/chain.py). Who acted, what and when stay. Returns how many."""
    rows = (
        await db.execute(
            select(AuditEntry.id, AuditEntry.data).where(
                AuditEntry.entity_type == entity_type, AuditEntry.entity_id == entity_id
            )
        )
    ).all()
    count = 0
    for entry_id, data in rows:
        if is_redacted(data):
            continue
        await db.execute(
            update(AuditEntry).where(AuditEntry.id == entry_id).values(data=redacted(data))
        )
        count += 1
    return count
