"""A Redis that accepts connections and never answers: the chat keeps working without waiting
for it on every call (the circuit breaker opens after a few failures and stops calling it),
and a Redis that answers again closes the breaker."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from firstline.core.breaker import CLOSED, OPEN, BreakerOpen, CircuitBreaker
from tests.live import deploy, server


class SilentRedis:
    """A TCP server on loopback that accepts everything, reads everything, answers nothing."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.connections = 0
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._open.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.received += data

    def close(self) -> None:
        self._stop = True
        self.sock.close()
        for conn in self._open:
            conn.close()


@pytest.fixture
def silent_redis() -> Iterator[SilentRedis]:
    fake = SilentRedis()
    try:
        yield fake
    finally:
        fake.close()


def test_chat_does_not_wait_for_a_redis_that_never_answers(
    tmp_path: Path, silent_redis: SilentRedis
) -> None:
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'breaker.db'}",
        FIRSTLINE_REDIS_URL=silent_redis.url,
        FIRSTLINE_METRICS_TOKEN="scrape-me",
    )
    with server(dep) as base, httpx.Client(base_url=base, timeout=30) as http:
        for i in range(8):
            s = http.post("/chat/api/session", json={"locale": "en"})
            assert s.status_code == 200, s.text
            sent = http.post(
                "/chat/api/messages",
                json={"body": f"Deposit missing {i}", "client_id": f"edge-{i:04d}"},
                headers={"X-Chat-Token": s.json()["token"]},
            )
            assert sent.status_code == 201, sent.text
        # 24 rate-limit checks were made; only the first few went to Redis (each waiting for
        # its short timeout) before the breaker opened, the others did not try. Without the
        # breaker every one of them goes there and waits a whole second.
        scraped = http.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        assert scraped.status_code == 200
        calls = _samples(scraped.text, "firstline_redis_calls_total")
        assert calls.get("ok", 0) == 0
        assert 1 <= calls["failed"] <= 4, calls
        assert calls["skipped"] >= 20, calls
        assert 'firstline_redis_breaker_open{name="redis"} 1.0' in scraped.text
        assert 'firstline_redis_breaker_opened_total{name="redis"} 1.0' in scraped.text
        assert silent_redis.connections >= 1


def _samples(exposition: str, name: str) -> dict[str, float]:
    """outcome -> value of the metric's samples in a Prometheus text exposition."""
    found: dict[str, float] = {}
    for line in exposition.splitlines():
        if line.startswith(name + "{"):
            labels, value = line[len(name) + 1 :].rsplit("} ", 1)
            outcome = labels.split('outcome="', 1)[1].split('"', 1)[0]
            found[outcome] = float(value)
    return found


async def test_the_breaker_half_opens_and_closes_when_redis_answers_again(
    redis_url: str, silent_redis: SilentRedis
) -> None:
    import redis.asyncio as redis

    now = [0.0]
    breaker = CircuitBreaker("redis-test", timeout=0.2, failures=2, reset_after=5.0,
                             clock=lambda: now[0])  # fmt: skip
    silent = redis.Redis.from_url(silent_redis.url)
    alive = redis.Redis.from_url(redis_url)
    try:
        for _ in range(2):
            with pytest.raises(TimeoutError):
                await breaker.call(silent.ping)
        assert breaker.state == OPEN
        # While open, Redis is not called at all.
        with pytest.raises(BreakerOpen):
            await breaker.call(alive.ping)
        assert breaker.attempts == 2
        # Half-open after the period: one probe; a failed probe opens it again at once.
        now[0] += 5.0
        with pytest.raises(TimeoutError):
            await breaker.call(silent.ping)
        assert breaker.state == OPEN and breaker.attempts == 3
        with pytest.raises(BreakerOpen):
            await breaker.call(alive.ping)
        # A probe that succeeds closes it.
        now[0] += 5.0
        assert await breaker.call(alive.ping)
        assert breaker.state == CLOSED
        assert await breaker.call(alive.ping)
    finally:
        await silent.aclose()
        await alive.aclose()
    started = time.monotonic()
    assert time.monotonic() - started < 1
