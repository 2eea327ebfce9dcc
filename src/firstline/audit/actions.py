"""Writing the audit trail. Called by other domains' actions inside their transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import now
from firstline.core.rawsql import SQL, raw_connection

_INSERT = SQL(
    "INSERT INTO audit_entries "
    "(occurred_at, actor_kind, actor_agent_id, action, entity_type, entity_id, data) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"
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
    await raw.execute(
        _INSERT,
        raw.ts(now(db)),
        actor_kind,
        actor_agent_id,
        action,
        entity_type,
        entity_id,
        raw.json(data or {}),
    )
