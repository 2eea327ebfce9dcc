"""/api/v1/webhooks: outbound webhooks (admins only; to anyone else they answer 404).

The secret is shown when a webhook is created and when it is rotated, never again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON
from firstline.webhooks.access import access_webhook_by_id, require_webhook_admin
from firstline.webhooks.actions import (
    do_create_webhook,
    do_delete_webhook,
    do_rotate_webhook_secret,
    do_send_test_webhook,
    do_update_webhook,
)
from firstline.webhooks.queries import (
    delivery_dict,
    list_deliveries,
    list_webhooks,
    webhook_dict,
)
from firstline.webhooks.rules import ALL_EVENTS, EVENT_TYPES
from firstline.webhooks.schemas import (
    DeliveryPage,
    TestQueued,
    WebhookCreate,
    WebhookCreated,
    WebhookOut,
    WebhookUpdate,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

# Routes without a path parameter say 404 themselves: it is what a non-admin gets.
NOT_ADMIN = problem_responses((404, "You are not an admin: webhooks do not exist for you."))


@router.post(
    "",
    operation_id="createWebhook",
    status_code=201,
    response_model=WebhookCreated,
    responses=NOT_ADMIN,
)
async def create_webhook(data: WebhookCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Register an endpoint for some event types; the answer carries its `whsec_` secret."""
    require_webhook_admin(actor)
    async with db.transaction() as session:
        webhook = await do_create_webhook(
            session,
            url=data.url,
            events=data.events,
            active=data.active,
            acting_agent_id=actor.agent_id,
        )
    return FastJSON(webhook_dict(webhook) | {"secret": webhook.secret}, status_code=201)


@router.get("", operation_id="listWebhooks", response_model=list[WebhookOut], responses=NOT_ADMIN)
async def list_all(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every webhook, oldest first."""
    require_webhook_admin(actor)
    return FastJSON([webhook_dict(w) for w in await list_webhooks(session)])


@router.get(
    "/events", operation_id="listWebhookEvents", response_model=list[str], responses=NOT_ADMIN
)
async def list_events(actor: CurrentActor) -> FastJSON:
    """The event types a webhook may subscribe to (and `*` for all)."""
    require_webhook_admin(actor)
    return FastJSON([ALL_EVENTS, *EVENT_TYPES])


@router.get("/{webhook_id}", operation_id="getWebhook", response_model=WebhookOut)
async def get_one(webhook_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """One webhook (without its secret)."""
    return FastJSON(webhook_dict(await access_webhook_by_id(session, actor, webhook_id)))


@router.patch("/{webhook_id}", operation_id="updateWebhook", response_model=WebhookOut)
async def update(
    webhook_id: int, data: WebhookUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change a webhook's URL, event types or whether it is active."""
    async with db.transaction() as session:
        webhook = await access_webhook_by_id(session, actor, webhook_id)
        await do_update_webhook(
            session, webhook, data.model_dump(exclude_unset=True), acting_agent_id=actor.agent_id
        )
    return FastJSON(webhook_dict(webhook))


@router.delete(
    "/{webhook_id}",
    operation_id="deleteWebhook",
    status_code=204,
    response_description="Deleted.",
)
async def delete(webhook_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Delete a webhook; deliveries still waiting are cancelled, the log stays."""
    async with db.transaction() as session:
        webhook = await access_webhook_by_id(session, actor, webhook_id)
        await do_delete_webhook(session, webhook, acting_agent_id=actor.agent_id)
    return Response(status_code=204)


@router.post(
    "/{webhook_id}/rotate-secret", operation_id="rotateWebhookSecret", response_model=WebhookCreated
)
async def rotate_secret(webhook_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """A new secret, used from the next attempt on; the answer shows it once."""
    async with db.transaction() as session:
        webhook = await access_webhook_by_id(session, actor, webhook_id)
        secret = await do_rotate_webhook_secret(session, webhook, acting_agent_id=actor.agent_id)
    return FastJSON(webhook_dict(webhook) | {"secret": secret})


@router.post(
    "/{webhook_id}/test", operation_id="testWebhook", status_code=202, response_model=TestQueued
)
async def send_test(webhook_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Queue a `webhook.test` delivery to this endpoint; the jobs send it."""
    async with db.transaction() as session:
        webhook = await access_webhook_by_id(session, actor, webhook_id)
        msg_id = await do_send_test_webhook(session, webhook, acting_agent_id=actor.agent_id)
    return FastJSON({"msg_id": msg_id}, status_code=202)


@router.get(
    "/{webhook_id}/deliveries", operation_id="listWebhookDeliveries", response_model=DeliveryPage
)
async def deliveries(
    webhook_id: int,
    actor: CurrentActor,
    session: ReadSession,
    db: DatabaseDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: str | None = None,
) -> FastJSON:
    """The webhook's delivery log, newest first: state, whether an attempt is on its way,
    attempts, last status code and error, and when the next attempt is due."""
    await access_webhook_by_id(session, actor, webhook_id)
    before = decode_cursor(cursor) if cursor else None
    rows = await list_deliveries(session, webhook_id, before_id=before, limit=limit + 1)
    at = db.clock.now()
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON(
        {
            "items": [delivery_dict(r, at) for r in rows],
            "next_cursor": encode_cursor(rows[-1].id) if more else None,
        }
    )
