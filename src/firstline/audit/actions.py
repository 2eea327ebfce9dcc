"""Writing the audit trail. Called by other domains' actions inside their transaction.

Each entry is appended to the hash chain (audit/chain.py): the chain's head is read (and on
PostgreSQL locked until the transaction ends), the entry's hash computed over its fields and
that head, and the row inserted with both.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.chain import entry_hash, lock_head
from firstline.core.db import now
from firstline.core.rawsql import SQL, raw_connection

_INSERT = SQL(
    "INSERT INTO audit_entries "
    "(occurred_at, actor_kind, actor_agent_id, action, entity_type, entity_id, data, "
    "prev_hash, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
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
    prev = await lock_head(raw)
    # The hash covers the data as it will be read back (dates as ISO text, and so on).
    digest = entry_hash(
        prev_hash=prev,
        occurred_at=at,
        actor_kind=actor_kind,
        actor_agent_id=actor_agent_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        data=orjson.loads(stored),
    )
    await raw.execute(
        _INSERT,
        raw.ts(at),
        actor_kind,
        actor_agent_id,
        action,
        entity_type,
        entity_id,
        stored,
        prev,
        digest,
    )
