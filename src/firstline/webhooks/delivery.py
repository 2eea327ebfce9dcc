"""Sending webhook deliveries: the outbox sender for kind "webhook", run by the jobs.

Each attempt is a POST of the stored body with the Standard Webhooks headers, signed with the
webhook's current secret and the attempt's own timestamp; the message id stays the same
across retries so receivers can drop duplicates. Any 2xx is delivered; anything else (another
status, a timeout, a refused connection) is retried on the BACKOFF schedule and then marked
failed. Redirects are not followed: they could lead to an address the URL check refused.
"""

from __future__ import annotations

import asyncio
import functools
import socket
import ssl
from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select

from firstline.core.db import Database
from firstline.core.outbox import Attempt, Claimed, bounded, deliver_due, prune
from firstline.webhooks.capture import KIND
from firstline.webhooks.models import Webhook
from firstline.webhooks.rules import private_allowed, refused_address, sign

TIMEOUT = 10.0
CONCURRENCY = 16
# Two rounds of CONCURRENCY sends at most, so a batch of dead endpoints takes about 20 s:
# well inside the outbox's lease, which no slow batch may outlive.
BATCH = 2 * CONCURRENCY
# After the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h; then the delivery has failed.
BACKOFF: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
)
USER_AGENT = "Firstline-Webhooks/1"
# How long the delivery log keeps finished deliveries.
KEEP = timedelta(days=30)


@functools.cache
def _tls() -> ssl.SSLContext:
    # Building a context loads the CA bundle: about a hundred milliseconds of the event loop's
    # time, which a new client per batch would otherwise spend every second under load.
    return httpx.create_ssl_context()


async def _refused_host(url: str) -> str | None:
    """Why the URL's host may not be reached now, if it may not (it resolves to a private
    address, or not at all)."""
    if private_allowed():
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"The host {host} could not be resolved: {exc}."
    for info in infos:
        address = str(info[4][0])
        if refused_address(address):
            return f"The host {host} resolves to {address}, a private address; not sent."
    return None


async def send_batch(db: Database, claimed: Sequence[Claimed]) -> list[Attempt]:
    ids = {c.payload["webhook_id"] for c in claimed}
    async with db.session() as s:
        rows = (
            await s.execute(
                select(Webhook.id, Webhook.url, Webhook.secret, Webhook.active).where(
                    Webhook.id.in_(ids)
                )
            )
        ).all()
    hooks = {r.id: r for r in rows}
    async with httpx.AsyncClient(
        timeout=TIMEOUT, follow_redirects=False, headers={"user-agent": USER_AGENT}, verify=_tls()
    ) as client:

        async def one(c: Claimed) -> Attempt:
            hook = hooks.get(c.payload["webhook_id"])
            if hook is None:
                return Attempt(delivered=False, cancel=True, error="The webhook was deleted.")
            if not hook.active:
                return Attempt(delivered=False, cancel=True, error="The webhook is disabled.")
            refused = await _refused_host(hook.url)
            if refused:
                return Attempt(delivered=False, error=refused)
            msg_id, body = c.payload["msg_id"], c.payload["body"]
            timestamp = int(db.clock.now().timestamp())
            headers = {
                "content-type": "application/json",
                "webhook-id": msg_id,
                "webhook-timestamp": str(timestamp),
                "webhook-signature": sign(hook.secret, msg_id, timestamp, body),
            }
            try:
                response = await client.post(hook.url, content=body.encode(), headers=headers)
            except httpx.TimeoutException:
                return Attempt(delivered=False, error=f"No answer within {TIMEOUT:g} s.")
            except httpx.HTTPError as exc:
                return Attempt(delivered=False, error=f"Could not connect: {exc!s}"[:500])
            if 200 <= response.status_code < 300:
                return Attempt(delivered=True, status=response.status_code)
            return Attempt(
                delivered=False,
                status=response.status_code,
                error=f"The endpoint answered {response.status_code}.",
            )

        return await bounded(claimed, one, concurrency=CONCURRENCY)


async def deliver_webhooks(db: Database) -> int:
    """Send every due webhook delivery; how many were delivered."""

    async def send(claimed: Sequence[Claimed]) -> list[Attempt]:
        return await send_batch(db, claimed)

    delivered = await deliver_due(db, KIND, send, backoff=BACKOFF, batch=BATCH)
    await prune(db, KIND, keep=KEEP)
    return delivered
