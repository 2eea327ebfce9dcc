"""SQLite's one write lock, shared with other processes: a writer waits for it on the event loop
(never inside SQLite, which would stall every request of the process), and one that cannot get
it in time is refused whole, with a 503 that says to retry."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import make_url

from firstline.conversations.actions import do_open_conversation
from firstline.conversations.schemas import ConversationCreate
from firstline.core import db as db_module
from firstline.core.db import Database
from tests.helpers import new_conversation

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def other_writer(database_url: str) -> Iterator[sqlite3.Connection]:
    """A connection of 'another process' that holds the write lock until the test commits."""
    conn = sqlite3.connect(make_url(database_url).database or "", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")  # as the server leaves the file
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    if conn.in_transaction:
        conn.execute("COMMIT")
    conn.close()


async def test_a_writer_waits_on_the_loop_until_the_lock_is_free(
    db: Database, other_writer: sqlite3.Connection
) -> None:
    async def write() -> int:
        async with db.transaction(raw_writes=True) as s:
            data = ConversationCreate.model_validate(new_conversation("lock-1"))
            opened = await do_open_conversation(s, data, acting_agent_id=None)
            return opened.conversation.id

    writer = asyncio.create_task(write())
    # While the write waits, the loop keeps running other work (ticks of 10 ms here).
    ticks = 0
    for _ in range(10):
        await asyncio.sleep(0.01)
        ticks += 1
    assert ticks == 10
    assert not writer.done()

    other_writer.execute("COMMIT")
    conversation_id = await asyncio.wait_for(writer, timeout=5)
    async with db.session() as s:
        from firstline.conversations.queries import get_conversation_row

        row = await get_conversation_row(s, conversation_id)
        assert row is not None and row.id == conversation_id


async def test_a_lock_held_too_long_is_a_503_and_nothing_is_written(
    as_alice: httpx.AsyncClient,
    other_writer: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_module, "WRITE_LOCK_TIMEOUT", 0.2)
    body = new_conversation("lock-2")

    refused = await as_alice.post("/api/v1/conversations", json=body)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "1"
    problem = refused.json()
    assert problem["status"] == 503
    assert "nothing was written" in problem["detail"]

    other_writer.execute("COMMIT")
    page = (await as_alice.get("/api/v1/conversations", params={"customer": "lock-2"})).json()
    assert page["items"] == []
    retried = await as_alice.post("/api/v1/conversations", json=body)
    assert retried.status_code == 201


def _write_from_another_connection(path: str) -> None:
    """What `firstline token create` next to the server does: take the lock, write, commit."""
    conn = sqlite3.connect(path, timeout=1.0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE IF NOT EXISTS lock_probe (n INTEGER)")
        conn.execute("INSERT INTO lock_probe VALUES (1)")
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.mark.parametrize("raw_writes", [False, True], ids=["orm-savepoints", "raw-savepoints"])
async def test_a_lone_failing_unit_lets_the_write_lock_go(
    db: Database, database_url: str, raw_writes: bool
) -> None:
    with pytest.raises(LookupError):
        async with db.transaction(raw_writes=raw_writes) as s:
            data = ConversationCreate.model_validate(new_conversation("lone-1"))
            await do_open_conversation(s, data, acting_agent_id=None)
            raise LookupError("refused after writing")

    # Another process gets the lock within a second (in a thread, so this loop keeps running).
    path = make_url(database_url).database or ""
    await asyncio.to_thread(_write_from_another_connection, path)

    async with db.session() as s:
        from sqlalchemy import func, select

        from firstline.customers.models import Customer

        count = select(func.count()).select_from(Customer).where(Customer.external_id == "lone-1")
        assert await s.scalar(count) == 0


async def test_a_404_on_a_write_leaves_the_database_writable(
    as_alice: httpx.AsyncClient, database_url: str
) -> None:
    missing = await as_alice.patch("/api/v1/agents/99999", json={"name": "Nobody"})
    assert missing.status_code == 404

    path = make_url(database_url).database or ""
    await asyncio.to_thread(_write_from_another_connection, path)

    created = await as_alice.post("/api/v1/conversations", json=new_conversation("after-404"))
    assert created.status_code == 201
