"""Rate limits: `rate` actions a second on average, bursts of up to `burst`.

In one process a token bucket does it. When several processes serve one deployment and Redis
is there, the count lives in Redis instead (`burst` actions in a window of `burst / rate`
seconds that opens with a visitor's first action), so the limit holds whichever process their
requests reach; if Redis fails, the process falls back to its own bucket rather than refusing
everyone, and a Redis that stops answering is left alone for a while (core/breaker.py) instead
of costing every request a timeout.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Any, Protocol

from firstline.core.breaker import BreakerOpen, CircuitBreaker, redis_breaker

log = logging.getLogger(__name__)


class Limiter(Protocol):
    async def check(self, key: str) -> bool: ...

    async def wait(self, key: str) -> int:
        """Count one action for `key`: 0 when it is allowed, else how many whole seconds to
        wait before the next one is (what a 429's Retry-After says)."""
        ...


def limiter(
    name: str, rate: float, burst: int, redis_url: str | None, deployment_key: str
) -> Limiter:
    """A shared limiter when Redis is configured, else one for this process."""
    if not redis_url:
        return RateLimiter(rate, burst)
    import redis.asyncio as redis

    breaker = redis_breaker(redis_url)
    client = redis.Redis.from_url(
        redis_url, socket_connect_timeout=breaker.timeout, socket_timeout=breaker.timeout
    )
    scope = hashlib.sha256(f"limits:{deployment_key}".encode()).hexdigest()[:16]
    return SharedRateLimiter(client, f"firstline:limit:{scope}:{name}", rate, burst, breaker)


class RateLimiter:
    def __init__(self, rate: float, burst: int, max_keys: int = 100_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}

    async def check(self, key: str) -> bool:
        return self.allow(key)

    async def wait(self, key: str) -> int:
        return self.take(key)

    def allow(self, key: str) -> bool:
        return self.take(key) == 0

    def take(self, key: str) -> int:
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.rate))
        if len(self._buckets) >= self.max_keys:
            self._buckets.clear()  # bounded memory; forgetting only ever lets people through
        self._buckets[key] = (tokens - 1.0, now)
        return 0


class SharedRateLimiter:
    """The same limit, counted in Redis across the deployment's processes."""

    def __init__(
        self,
        redis_client: Any,
        prefix: str,
        rate: float,
        burst: int,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        self.redis = redis_client
        self.breaker = breaker or CircuitBreaker("redis")
        self.prefix = prefix
        self.burst = burst
        self.window = max(1, round(burst / rate))
        self.local = RateLimiter(rate, burst)

    async def check(self, key: str) -> bool:
        return await self.wait(key) == 0

    async def wait(self, key: str) -> int:
        # The window opens with a key's first action and lasts `window` seconds; a refused
        # action waits for the window to close.
        name = f"{self.prefix}:{key}"

        async def incr() -> list[Any]:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.set(name, 0, ex=self.window, nx=True)
                pipe.incr(name)
                pipe.ttl(name)
                return list(await pipe.execute())

        try:
            _, count, ttl = await self.breaker.call(incr)
        except BreakerOpen:
            return self.local.take(key)
        except Exception as exc:
            log.warning("rate limit: Redis unavailable (%r); counting in this process", exc)
            return self.local.take(key)
        if int(count) <= self.burst:
            return 0
        return max(1, int(ttl)) if int(ttl) > 0 else self.window
