"""A circuit breaker around Redis, so that a Redis that stops answering costs a request
nothing instead of a timeout each time.

Redis is an optimisation here (shared rate limits, events crossing processes), never the
truth: every caller has a local fallback. So calls get a short timeout, and after `failures`
failures in a row the breaker opens: callers go straight to their fallback without touching
Redis. After `reset_after` seconds one call is let through as a probe (half-open); its success
closes the breaker, its failure opens it again for another period. Opening and closing are
logged once each and shown as the `firstline_redis_breaker_open` gauge.

One breaker per Redis URL per process (`redis_breaker`), shared by every user of that Redis:
when it is down for the rate limits it is down for the event relay too.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from firstline.core import metrics

log = logging.getLogger(__name__)

T = TypeVar("T")

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half_open"

DEFAULT_TIMEOUT = 0.25


class BreakerOpen(Exception):
    """Redis is not being called right now: use the local fallback."""


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        failures: int = 3,
        reset_after: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.timeout = timeout
        self.threshold = failures
        self.reset_after = reset_after
        self.clock = clock
        self.state = CLOSED
        self.failures = 0
        self.opened_at = 0.0
        self.attempts = 0  # calls let through to Redis (what a test of the breaker counts)
        self._probing = False
        self._gauge = metrics.REDIS_BREAKER_OPEN.labels(name)
        self._gauge.set(0)
        self._ok = metrics.REDIS_CALLS.labels(name, "ok")
        self._failed = metrics.REDIS_CALLS.labels(name, "failed")
        self._skipped = metrics.REDIS_CALLS.labels(name, "skipped")

    def allow(self) -> bool:
        """Whether a call may go to Redis now (taking the half-open probe if it is due)."""
        if self.state == CLOSED:
            return True
        if self.state == OPEN and self.clock() - self.opened_at >= self.reset_after:
            self.state = HALF_OPEN
            self._probing = False
        if self.state == HALF_OPEN and not self._probing:
            self._probing = True
            return True
        return False

    def succeeded(self) -> None:
        if self.state != CLOSED:
            log.warning("Redis circuit breaker %s closed: Redis answers again", self.name)
            self._gauge.set(0)
        self.state = CLOSED
        self.failures = 0
        self._probing = False

    def failed(self, exc: BaseException | None = None) -> None:
        self.failures += 1
        if self.state == HALF_OPEN or self.failures >= self.threshold:
            if self.state == CLOSED:
                log.warning(
                    "Redis circuit breaker %s opened after %d failures (%s); using local "
                    "fallbacks, next try in %.0f s",
                    self.name, self.failures, type(exc).__name__ if exc else "timeout",
                    self.reset_after,
                )  # fmt: skip
                metrics.REDIS_BREAKER_OPENED.labels(self.name).inc()
                self._gauge.set(1)
            self.state = OPEN
            self.opened_at = self.clock()
            self._probing = False

    async def call(self, fn: Callable[[], Awaitable[T]], seconds: float | None = None) -> T:
        """Run `fn` (one Redis round trip) under the breaker and its timeout (`seconds`
        instead for a longer call); raise
        BreakerOpen without calling it while open, and re-raise what it raised otherwise."""
        if not self.allow():
            self._skipped.inc()
            raise BreakerOpen(self.name)
        self.attempts += 1
        try:
            async with asyncio.timeout(self.timeout if seconds is None else seconds):
                result = await fn()
        except asyncio.CancelledError:
            # Our own timeout surfaces as TimeoutError; a cancellation from outside is not
            # Redis's fault, but the probe slot must be given back.
            self._probing = False
            raise
        except Exception as exc:
            self._failed.inc()
            self.failed(exc)
            raise
        self._ok.inc()
        self.succeeded()
        return result


_BREAKERS: dict[str, CircuitBreaker] = {}


def redis_breaker(redis_url: str, timeout: float | None = None) -> CircuitBreaker:
    """This process's breaker for the Redis at `redis_url` (created on first use, with
    `timeout` if given: the server passes FIRSTLINE_REDIS_TIMEOUT before anything else)."""
    found = _BREAKERS.get(redis_url)
    if found is None:
        found = CircuitBreaker("redis", timeout=timeout or DEFAULT_TIMEOUT)
        _BREAKERS[redis_url] = found
    elif timeout is not None:
        found.timeout = timeout
    return found
