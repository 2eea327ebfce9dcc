"""Writing the audit trail. Called by other domains' actions inside their transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.models import AuditEntry
from firstline.core.db import now


async def record_audit(
    db: AsyncSession,
    *,
    action: str,
    entity_type: str,
    entity_id: int,
    actor_kind: str,
    actor_agent_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    await db.execute(
        insert(AuditEntry).values(
            occurred_at=now(db),
            actor_kind=actor_kind,
            actor_agent_id=actor_agent_id,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            data=data or {},
        )
    )
