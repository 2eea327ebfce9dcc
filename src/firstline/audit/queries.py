"""Reading the audit trail: one record's history, the filtered log (newest first, a keyset
page at a time), and the whole chain in id order for the verifier."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, String, column, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.chain import Verifier
from firstline.audit.models import AuditEntry

# The agents' names, read without importing the agents domain (which sits above audit).
_agents = table("agents", column("id", Integer), column("name", String))


async def list_audit_entries(
    db: AsyncSession, entity_type: str, entity_id: int, *, limit: int = 100
) -> list[AuditEntry]:
    rows = await db.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(rows)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditFilter:
    """What a reader of the log narrows it to; every field is optional."""

    actor_agent_id: int | None = None
    action: str | None = None  # a prefix: "agent." is every agent change
    entity_type: str | None = None
    entity_id: int | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive

    def described(self) -> dict[str, Any]:
        """The filter as the audit entry of an export records it."""
        return {
            k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in (
                ("actor", self.actor_agent_id),
                ("action", self.action),
                ("entity_type", self.entity_type),
                ("entity_id", self.entity_id),
                ("from", self.since),
                ("to", self.until),
            )
            if v is not None
        }


_COLUMNS = (
    AuditEntry.id,
    AuditEntry.occurred_at,
    AuditEntry.actor_kind,
    AuditEntry.actor_agent_id,
    _agents.c.name.label("actor_name"),
    AuditEntry.action,
    AuditEntry.entity_type,
    AuditEntry.entity_id,
    AuditEntry.data,
    AuditEntry.prev_hash,
    AuditEntry.hash,
)


def _filtered(f: AuditFilter, before_id: int | None) -> Select[Any]:
    query = select(*_COLUMNS).outerjoin(_agents, _agents.c.id == AuditEntry.actor_agent_id)
    if f.actor_agent_id is not None:
        query = query.where(AuditEntry.actor_agent_id == f.actor_agent_id)
    if f.action:
        # A whole code, or a prefix of codes: "agent." or "agent" alike reach agent.updated.
        query = query.where(
            (AuditEntry.action == f.action)
            | AuditEntry.action.startswith(f.action, autoescape=True)
        )
    if f.entity_type is not None:
        query = query.where(AuditEntry.entity_type == f.entity_type)
    if f.entity_id is not None:
        query = query.where(AuditEntry.entity_id == f.entity_id)
    if f.since is not None:
        query = query.where(AuditEntry.occurred_at >= f.since)
    if f.until is not None:
        query = query.where(AuditEntry.occurred_at < f.until)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return query.order_by(AuditEntry.id.desc())


def audit_row_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": row.occurred_at,
        "actor_kind": row.actor_kind,
        "actor_agent_id": row.actor_agent_id,
        "actor_name": row.actor_name,
        "action": row.action,
        "entity_type": row.entity_type,
        "entity_id": row.entity_id,
        "data": row.data,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


async def list_audit_page(
    db: AsyncSession, f: AuditFilter, *, before_id: int | None, limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` entries matching `f`, newest first, older than `before_id`."""
    rows = await db.execute(_filtered(f, before_id).limit(limit))
    return [audit_row_dict(r) for r in rows]


async def iter_audit_entries(
    db: AsyncSession, f: AuditFilter, *, batch: int = 500
) -> AsyncIterator[dict[str, Any]]:
    """Every entry matching `f`, newest first, read a keyset page at a time."""
    before: int | None = None
    while True:
        page = await list_audit_page(db, f, before_id=before, limit=batch)
        for entry in page:
            yield entry
        if len(page) < batch:
            return
        before = page[-1]["id"]


async def iter_chain(db: AsyncSession, *, batch: int = 1000) -> AsyncIterator[AuditEntry]:
    """Every entry in id order (chain order), a batch at a time: constant memory."""
    after = 0
    while True:
        rows = list(
            await db.scalars(
                select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id).limit(batch)
            )
        )
        for row in rows:
            yield row
        if len(rows) < batch:
            return
        after = rows[-1].id
        db.expunge_all()  # keep the session's identity map from growing with the log


async def verify_chain(db: AsyncSession) -> Verifier:
    """Walk the whole chain in id order; the verifier says how far it held, or where it broke."""
    verifier = Verifier()
    async for e in iter_chain(db):
        ok = verifier.check(
            entry_id=e.id,
            prev_hash=e.prev_hash,
            hash=e.hash,
            occurred_at=e.occurred_at,
            actor_kind=e.actor_kind,
            actor_agent_id=e.actor_agent_id,
            action=e.action,
            entity_type=e.entity_type,
            entity_id=e.entity_id,
            data=e.data,
        )
        if not ok:
            break
    return verifier
