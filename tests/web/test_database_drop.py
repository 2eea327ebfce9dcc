"""PostgreSQL drops every connection of a running server (a failover, a restart, an admin's
pg_terminate_backend): the requests that meet a dead connection get a retryable 503 problem
document with Retry-After, never a 500, and the server recovers by itself."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from tests.conftest import PG_URL, _unavailable
from tests.live import deploy, server


async def _admin(url: str, sql: str) -> int:
    engine = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            result = await conn.execute(text(sql))
            return len(result.fetchall()) if result.returns_rows else 0
    finally:
        await engine.dispose()


@pytest.fixture
def private_pg() -> Iterator[str]:
    if not PG_URL:
        _unavailable("needs FIRSTLINE_TEST_DATABASE_URL (PostgreSQL)")
    base = make_url(PG_URL)
    name = f"edges_drop_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(base.render_as_string(hide_password=False), f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        admin = base.render_as_string(hide_password=False)
        asyncio.run(_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


TERMINATE = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


def _check(r: httpx.Response) -> bool:
    """True when the request succeeded; a failure must be the retryable 503."""
    assert r.status_code != 500, r.text
    if r.status_code == 503:
        assert r.headers["content-type"].startswith("application/problem+json"), r.text
        assert int(r.headers["retry-after"]) >= 1
        assert "database" in r.json()["detail"]
        return False
    # The chat's own limits on new chats from one address may answer 429: a refusal, not a
    # failure.
    assert r.status_code < 300 or r.status_code == 429, r.text
    return True


def test_dropped_connections_give_503_with_retry_after_then_recover(private_pg: str) -> None:
    dep = deploy(private_pg)
    with server(dep) as base, httpx.Client(base_url=base, timeout=30) as http:
        auth = dep.headers

        def rounds() -> list[httpx.Response]:
            # The ORM path (agent API), the hand-written SQL path (chat intake) and a read.
            s = http.post("/chat/api/session", json={"locale": "en"})
            out = [s]
            if s.status_code == 200:
                out.append(
                    http.post(
                        "/chat/api/messages",
                        json={"body": "Where is my deposit?", "client_id": uuid.uuid4().hex},
                        headers={"X-Chat-Token": s.json()["token"]},
                    )
                )
            out.append(http.get("/api/v1/conversations", headers=auth))
            out.append(http.get("/api/v1/agents", headers=auth))
            return out

        # Fill the pool with live connections, then kill every one of them.
        for _ in range(3):
            assert all(_check(r) for r in rounds())
        for attempt in range(3):
            killed = asyncio.run(_admin(private_pg, TERMINATE))
            assert killed >= 1
            answers = [r for _ in range(6) for r in rounds()]
            for r in answers:
                _check(r)
            # Recovered: the last round all succeeded.
            last = rounds()
            assert all(_check(r) for r in last), (
                attempt,
                [(r.request.url.path, r.status_code) for r in last],
            )
