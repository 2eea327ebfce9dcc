"""From committed events to live connections, in this process and, through Redis, in others.

The event bus calls `Realtime.on_event` after each commit. The envelope goes to this process's
hub at once, and, when `FIRSTLINE_REDIS_URL` is set, onto one Redis pub/sub channel that every
server process listens to; a process skips its own envelopes when they come back. If Redis
goes away, local delivery carries on; the relay reconnects by itself, and since envelopes
published meanwhile are lost (pub/sub keeps nothing), every live connection is then told to
resynchronise (clients fetch what they missed by id, so nothing is lost to them).

A Redis that accepts connections but stops answering is the worst case: calls hang rather than
fail. Publishing goes through the process's circuit breaker for that Redis (core/breaker.py),
shared with the rate limits, so an unresponsive Redis is noticed once and skipped for a while.

A process that serves no live connection (`firstline jobs run`) only publishes: the
assignments, relaxations and breaches its jobs commit must reach the consoles served by the
other processes as much as those of a server's own jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
from typing import Any

from firstline.core.breaker import BreakerOpen, redis_breaker
from firstline.core.events import Event
from firstline.realtime.hub import Envelope, Hub, envelope

log = logging.getLogger(__name__)

CHANNEL = "firstline:events"
RESYNC = b'{"type":"resync"}'


def to_envelope(event: Event) -> Envelope | None:
    staff = {"type": event.type, **event.payload()}
    return envelope(event.audience, staff, event.customer_payload())


class Realtime:
    def __init__(self, hub: Hub, redis_url: str | None = None) -> None:
        self.hub = hub
        self.redis_url = redis_url
        # One channel per deployment, so that deployments sharing a Redis never cross-talk;
        # set by start() from a secret every process of the deployment shares.
        self.channel = CHANNEL
        self.origin = secrets.token_hex(6).encode()
        self._outbox: asyncio.Queue[bytes] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.connected = asyncio.Event()

    def on_event(self, event: Event) -> None:
        env = to_envelope(event)
        if env is not None:
            self.publish(env)

    def publish(self, env: Envelope) -> None:
        """Deliver here at once, and to the other processes when there are any."""
        self.hub.deliver(env)
        if self._outbox is not None:
            try:
                self._outbox.put_nowait(self.origin + b"|" + env.dumps())
            except asyncio.QueueFull:
                log.warning("Redis relay is behind; dropped an envelope (clients resync)")

    async def start(self, deployment_key: str = "", *, listen: bool = True) -> None:
        """Relay through Redis. With `listen` False, only publish (no live connections here)."""
        if not self.redis_url:
            return
        if deployment_key:
            digest = hashlib.sha256(f"events:{deployment_key}".encode()).hexdigest()[:16]
            self.channel = f"{CHANNEL}:{digest}"
        self._outbox = asyncio.Queue(maxsize=100_000)
        self._tasks = [asyncio.create_task(self._publisher(), name="firstline-redis-publish")]
        if not listen:
            return
        self._tasks.append(
            asyncio.create_task(self._subscriber(), name="firstline-redis-subscribe")
        )
        # Start serving once the relay listens, so no envelope sent after start is missed;
        # a Redis that is down does not stop the server (it keeps retrying).
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.connected.wait(), timeout=5)

    async def stop(self, drain_seconds: float = 2.0) -> None:
        """Stop relaying, after publishing what is waiting (for a bounded time: a Redis that
        is down must not hold up a shutdown)."""
        if self._outbox is not None and self._tasks:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outbox.join(), timeout=drain_seconds)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []

    def _client(self) -> Any:
        import redis.asyncio as redis

        return redis.Redis.from_url(
            self.redis_url or "", socket_connect_timeout=2, health_check_interval=10
        )

    async def _publisher(self) -> None:
        assert self._outbox is not None
        breaker = redis_breaker(self.redis_url or "")
        delay = 0.1
        while True:
            client = self._client()
            try:
                while True:
                    data = await self._outbox.get()
                    batch = [data]
                    while not self._outbox.empty() and len(batch) < 500:
                        batch.append(self._outbox.get_nowait())

                    async def publish(batch: list[bytes] = batch, client: Any = client) -> None:
                        async with client.pipeline(transaction=False) as pipe:
                            for item in batch:
                                pipe.publish(self.channel, item)
                            await pipe.execute()

                    try:
                        # A batch gets more time than one request's call; while the breaker
                        # is open the batch is dropped at once (other processes' clients
                        # resync when their own subscription comes back).
                        await breaker.call(publish, seconds=max(1.0, breaker.timeout * 4))
                    except BreakerOpen:
                        pass
                    finally:
                        # Published or lost (clients resync after a Redis outage): either way
                        # nothing of this batch is left for stop() to wait for.
                        for _ in batch:
                            self._outbox.task_done()
                    delay = 0.1
            except asyncio.CancelledError:
                await client.aclose()
                raise
            except Exception as exc:  # Redis down or restarting: retry, keep serving
                log.warning("Redis publish failed (%s); retrying", exc)
                await client.aclose()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def _subscriber(self) -> None:
        delay = 0.1
        first = True
        while True:
            client = self._client()
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self.connected.set()
                if not first:
                    # Whatever was published while we were away is gone: clients refetch.
                    self.hub.broadcast(RESYNC)
                first = False
                delay = 0.1
                async for message in pubsub.listen():
                    data: bytes = message["data"]
                    origin, _, body = data.partition(b"|")
                    if origin != self.origin:
                        self.hub.deliver(Envelope.loads(body))
            except asyncio.CancelledError:
                await pubsub.aclose()
                await client.aclose()
                raise
            except Exception as exc:
                self.connected.clear()
                log.warning("Redis subscription lost (%s); reconnecting", exc)
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                    await client.aclose()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
