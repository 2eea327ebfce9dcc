"""Every write to the webhooks: each one audited (never with the secret) and each one
invalidating this process's subscription cache (capture.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.audit.tables import ConfigTable
from firstline.core.db import now
from firstline.core.outbox import CANCELLED, PENDING, OutboxRow, enqueue
from firstline.webhooks.capture import (
    KIND,
    delivery_payload,
    invalidate,
    message_body,
    new_msg_id,
)
from firstline.webhooks.models import Webhook, target_of
from firstline.webhooks.rules import TEST_EVENT, check_events, check_url, new_secret

_CHECKS: dict[str, Callable[[Any], Any]] = {
    "url": check_url,
    "events": check_events,
    "active": bool,
}


async def _check_webhook(
    db: AsyncSession, webhook: Webhook | None, fields: dict[str, Any]
) -> dict[str, Any]:
    values = {name: _CHECKS[name](value) for name, value in fields.items()}
    if webhook is None:
        values["secret"] = new_secret()
    return values


WEBHOOKS = ConfigTable(
    model=Webhook,
    noun="webhook",
    entity_type="webhook",
    required=("url", "events", "active"),
    unaudited=frozenset({"secret"}),
    order_by=(Webhook.id,),
    validate=_check_webhook,
)


async def do_create_webhook(
    db: AsyncSession, *, url: str, events: list[str], active: bool, acting_agent_id: int | None
) -> Webhook:
    fields = {"url": url, "events": events, "active": active}
    webhook = await WEBHOOKS.create(db, fields, acting_agent_id=acting_agent_id)
    invalidate()
    return webhook


async def do_update_webhook(
    db: AsyncSession, webhook: Webhook, changes: dict[str, Any], *, acting_agent_id: int | None
) -> dict[str, Any]:
    """Apply `changes` (url, events, active: only those the caller set); what changed."""
    applied = await WEBHOOKS.update(db, webhook, changes, acting_agent_id=acting_agent_id)
    if applied:
        invalidate()
    return applied


async def do_rotate_webhook_secret(
    db: AsyncSession, webhook: Webhook, *, acting_agent_id: int | None
) -> str:
    """A new secret, used from the next attempt on (retries included)."""
    webhook.secret = new_secret()
    webhook.updated_at = now(db)
    await db.flush()
    await record_audit(
        db,
        action="webhook.secret_rotated",
        entity_type="webhook",
        entity_id=webhook.id,
        actor_agent_id=acting_agent_id,
    )
    return webhook.secret


async def do_delete_webhook(
    db: AsyncSession, webhook: Webhook, *, acting_agent_id: int | None
) -> None:
    """Delete the webhook and cancel its deliveries still waiting; the log stays."""
    await db.execute(
        update(OutboxRow)
        .where(OutboxRow.target == target_of(webhook.id), OutboxRow.state == PENDING)
        .values(state=CANCELLED, finished_at=now(db), last_error="The webhook was deleted.")
    )
    await WEBHOOKS.delete(db, webhook, acting_agent_id=acting_agent_id)
    invalidate()


async def do_send_test_webhook(
    db: AsyncSession, webhook: Webhook, *, acting_agent_id: int | None
) -> str:
    """Queue a `webhook.test` delivery to this webhook alone; its message id."""
    at = now(db)
    msg_id = new_msg_id()
    body = message_body(TEST_EVENT, at, {"webhook_id": webhook.id})
    await enqueue(
        db, KIND, target_of(webhook.id), delivery_payload(webhook.id, msg_id, TEST_EVENT, body)
    )
    await record_audit(
        db,
        action="webhook.tested",
        entity_type="webhook",
        entity_id=webhook.id,
        actor_agent_id=acting_agent_id,
        data={"msg_id": msg_id},
    )
    return msg_id
