"""Reads: the webhooks and their delivery log (outbox rows, newest first, keyset-paged on the
(target, id) index)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.outbox import PENDING, OutboxRow, in_flight
from firstline.webhooks.models import Webhook, target_of


async def list_webhooks(db: AsyncSession) -> Sequence[Webhook]:
    return (await db.scalars(select(Webhook).order_by(Webhook.id))).all()


def webhook_dict(w: Webhook) -> dict[str, Any]:
    return {
        "id": w.id,
        "url": w.url,
        "events": w.events,
        "active": w.active,
        "created_at": w.created_at,
        "updated_at": w.updated_at,
    }


def delivery_dict(row: OutboxRow, at: datetime) -> dict[str, Any]:
    """One delivery as the log shows it at `at`. While an attempt is in flight, the attempt
    count already includes it, and the status and error are still the previous attempt's."""
    sending = in_flight(row, at)
    return {
        "id": row.id,
        "msg_id": row.payload.get("msg_id"),
        "type": row.payload.get("type"),
        "state": row.state,
        "sending": sending,
        "attempts": row.attempts,
        "status_code": row.last_status,
        "error": row.last_error,
        "created_at": row.created_at,
        "last_attempt_at": row.last_attempt_at,
        "next_attempt_at": row.due_at if row.state == PENDING and not sending else None,
        "finished_at": row.finished_at,
    }


async def list_deliveries(
    db: AsyncSession, webhook_id: int, *, before_id: int | None, limit: int
) -> Sequence[OutboxRow]:
    stmt = (
        select(OutboxRow)
        .where(OutboxRow.target == target_of(webhook_id))
        .order_by(OutboxRow.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        stmt = stmt.where(OutboxRow.id < before_id)
    return (await db.scalars(stmt)).all()
