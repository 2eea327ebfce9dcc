"""Permission-checked getters: webhooks exist only for those who manage them (webhooks.manage)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.agents.permissions import Permission
from firstline.core.errors import NotFound
from firstline.webhooks.models import Webhook


def require_webhook_admin(actor: Actor) -> None:
    # Answering 404 rather than 403 keeps the endpoints' existence an admin's business.
    if not actor.can(Permission.webhooks_manage):
        raise NotFound("Not found.", message="not_found")


async def access_webhook_by_id(db: AsyncSession, actor: Actor, webhook_id: int) -> Webhook:
    require_webhook_admin(actor)
    webhook = await db.get(Webhook, webhook_id)
    if webhook is None:
        raise NotFound(
            f"Webhook {webhook_id} does not exist.",
            message="webhook_missing",
            args={"id": str(webhook_id)},
        )
    return webhook
