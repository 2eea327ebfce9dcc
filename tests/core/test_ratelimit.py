"""Rate limits say how long to wait: in one process (a token bucket) and counted in Redis
across processes, where two limiters of one deployment share the count."""

from __future__ import annotations

import uuid

from firstline.core.ratelimit import RateLimiter, SharedRateLimiter, limiter


async def test_a_refused_action_says_how_long_to_wait() -> None:
    bucket = RateLimiter(rate=0.1, burst=2)
    assert [await bucket.wait("1.2.3.4") for _ in range(2)] == [0, 0]
    refused = await bucket.wait("1.2.3.4")
    assert 1 <= refused <= 10  # one action every ten seconds
    assert await bucket.check("1.2.3.4") is False
    assert await bucket.wait("5.6.7.8") == 0  # another address has its own count


async def test_processes_share_the_count_in_redis(redis_url: str) -> None:
    deployment = uuid.uuid4().hex
    first = limiter("new_chats", 0.1, 2, redis_url, deployment)
    second = limiter("new_chats", 0.1, 2, redis_url, deployment)
    assert isinstance(first, SharedRateLimiter)
    assert await first.wait("1.2.3.4") == 0
    assert await second.wait("1.2.3.4") == 0
    refused = await first.wait("1.2.3.4")
    assert 1 <= refused <= 20  # the window: burst / rate seconds
    assert await second.check("1.2.3.4") is False
    other = limiter("new_chats", 0.1, 2, redis_url, uuid.uuid4().hex)
    assert await other.wait("1.2.3.4") == 0  # another deployment counts apart
