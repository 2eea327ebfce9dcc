"""Storing and deleting admin-edited flow definitions. Saving the same definition again
changes nothing, so an admin's script can PUT its files on every deploy."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.events import emit
from firstline.flows.definitions import Flow
from firstline.flows.events import FlowDeleted, FlowSaved
from firstline.flows.models import FlowDefinition


async def do_save_flow(
    db: AsyncSession, flow: Flow, *, acting_agent_id: int | None
) -> FlowDefinition:
    """Store `flow` (already validated) as the definition of its id, a new version each time
    it changes."""
    at = now(db)
    document = flow.document()
    row = await db.scalar(select(FlowDefinition).where(FlowDefinition.flow_id == flow.id))
    if row is None:
        row = FlowDefinition(
            flow_id=flow.id, definition=document, version=1, updated_at=at,
            updated_by_agent_id=acting_agent_id,
        )  # fmt: skip
        db.add(row)
        outcome = "created"
    elif row.definition == document:
        return row
    else:
        row.definition = document
        row.version += 1
        row.updated_at = at
        row.updated_by_agent_id = acting_agent_id
        outcome = "updated"
    await db.flush()
    await record_audit(
        db,
        action=f"flow.{outcome}",
        entity_type="flow",
        entity_id=row.id,
        actor_agent_id=acting_agent_id,
        data={"flow_id": flow.id, "version": row.version},
    )
    emit(db, FlowSaved(occurred_at=at, flow_id=flow.id, version=row.version))
    return row


async def do_delete_flow(
    db: AsyncSession, row: FlowDefinition, *, acting_agent_id: int | None
) -> None:
    """Delete a stored definition; a built-in flow with the same id takes over again."""
    await record_audit(
        db,
        action="flow.deleted",
        entity_type="flow",
        entity_id=row.id,
        actor_agent_id=acting_agent_id,
        data={"flow_id": row.flow_id, "version": row.version},
    )
    await db.delete(row)
    await db.flush()
    emit(db, FlowDeleted(occurred_at=now(db), flow_id=row.flow_id))
