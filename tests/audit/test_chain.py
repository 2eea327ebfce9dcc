"""The audit log's hash chain, checked as an operator would: `firstline audit verify` in its
own process, after entries are edited, deleted or reordered straight in the database."""

from __future__ import annotations

import asyncio
import itertools

import httpx
from sqlalchemy import text

from firstline.audit.actions import record_audit
from firstline.core.db import Database
from tests.conftest import World
from tests.helpers import new_conversation
from tests.test_cli import firstline, one_line_error


async def _ids(db: Database) -> list[int]:
    async with db.session() as s:
        return list(await s.scalars(text("SELECT id FROM audit_entries ORDER BY id")))


async def _run(db: Database, sql: str, **params: object) -> None:
    async with db.transaction() as s:
        await s.execute(text(sql), params)


async def _verify(url: str) -> tuple[int, str, str]:
    done = await asyncio.to_thread(firstline, "audit", "verify", "--database-url", url)
    return done.returncode, done.stdout, done.stderr


async def _some_entries(as_carol: httpx.AsyncClient) -> None:
    for n in range(3):
        r = await as_carol.post("/api/v1/conversations", json=new_conversation(f"c-{n}"))
        assert r.status_code == 201, r.text


async def test_every_entry_is_chained_and_verifies(
    db: Database, database_url: str, world: World, as_carol: httpx.AsyncClient
) -> None:
    await _some_entries(as_carol)
    async with db.session() as s:
        query = text("SELECT prev_hash, hash FROM audit_entries ORDER BY id")
        rows = (await s.execute(query)).all()
    assert len(rows) > 5
    assert rows[0].prev_hash is None
    for before, after in itertools.pairwise(rows):
        assert after.prev_hash == before.hash
    code, out, err = await _verify(database_url)
    assert code == 0, err
    assert f"{len(rows)} entries verified" in out
    assert rows[-1].hash in out  # the head, to note down outside the database


async def test_an_edited_entry_is_named(
    db: Database, database_url: str, world: World, as_carol: httpx.AsyncClient
) -> None:
    await _some_entries(as_carol)
    victim = (await _ids(db))[3]
    await _run(db, "UPDATE audit_entries SET data = :d WHERE id = :i", d='{"x": 1}', i=victim)
    done = await asyncio.to_thread(firstline, "audit", "verify", "--database-url", database_url)
    line = one_line_error(done)
    assert f"audit entry {victim} breaks the chain" in line
    assert "edited" in line


async def test_an_edit_with_its_hash_recomputed_still_shows(
    db: Database, database_url: str, world: World, as_carol: httpx.AsyncClient
) -> None:
    # Whoever rewrites an entry and its hash breaks the next entry's link instead.
    await _some_entries(as_carol)
    ids = await _ids(db)
    await _run(db, "UPDATE audit_entries SET hash = :h WHERE id = :i", h="0" * 64, i=ids[2])
    line = one_line_error(
        await asyncio.to_thread(firstline, "audit", "verify", "--database-url", database_url)
    )
    assert f"audit entry {ids[2]} breaks" in line


async def test_a_deleted_entry_is_found(
    db: Database, database_url: str, world: World, as_carol: httpx.AsyncClient
) -> None:
    await _some_entries(as_carol)
    ids = await _ids(db)
    await _run(db, "DELETE FROM audit_entries WHERE id = :i", i=ids[4])
    line = one_line_error(
        await asyncio.to_thread(firstline, "audit", "verify", "--database-url", database_url)
    )
    assert f"audit entry {ids[5]} breaks the chain" in line
    assert f"entry {ids[3]}'s hash" in line
    assert "deleted" in line


async def test_the_first_entries_deleted_are_found(
    db: Database, database_url: str, world: World
) -> None:
    ids = await _ids(db)
    await _run(db, "DELETE FROM audit_entries WHERE id <= :i", i=ids[1])
    line = one_line_error(
        await asyncio.to_thread(firstline, "audit", "verify", "--database-url", database_url)
    )
    assert f"audit entry {ids[2]} breaks the chain" in line


async def test_reordered_entries_are_found(
    db: Database, database_url: str, world: World, as_carol: httpx.AsyncClient
) -> None:
    await _some_entries(as_carol)
    a, b = (await _ids(db))[2:4]
    await _run(db, "UPDATE audit_entries SET id = -1 WHERE id = :a", a=a)
    await _run(db, "UPDATE audit_entries SET id = :a WHERE id = :b", a=a, b=b)
    await _run(db, "UPDATE audit_entries SET id = :b WHERE id = -1", b=b)
    line = one_line_error(
        await asyncio.to_thread(firstline, "audit", "verify", "--database-url", database_url)
    )
    assert f"audit entry {a} breaks the chain" in line


async def test_concurrent_appends_form_one_chain(db: Database, database_url: str) -> None:
    # Many transactions at once (on PostgreSQL, on several connections): one chain, no fork.
    async def append(n: int) -> None:
        async with db.transaction() as s:
            await record_audit(s, action="test.appended", entity_type="test", entity_id=n)
            await asyncio.sleep(0)
            await record_audit(s, action="test.appended", entity_type="test", entity_id=-n)

    await asyncio.gather(*(append(n) for n in range(1, 41)))
    code, out, err = await _verify(database_url)
    assert code == 0, err
    assert "80 entries verified" in out


async def test_a_failed_transaction_leaves_no_gap(db: Database, database_url: str) -> None:
    async def fails() -> None:
        async with db.transaction() as s:
            await record_audit(s, action="test.appended", entity_type="test", entity_id=1)
            raise RuntimeError("rolled back")

    async def succeeds(n: int) -> None:
        async with db.transaction() as s:
            await record_audit(s, action="test.appended", entity_type="test", entity_id=n)

    results = await asyncio.gather(
        succeeds(1), fails(), succeeds(2), fails(), succeeds(3), return_exceptions=True
    )
    assert sum(isinstance(r, RuntimeError) for r in results) == 2
    code, out, err = await _verify(database_url)
    assert code == 0, err
    assert "3 entries verified" in out


async def test_an_empty_log_verifies(database_url: str, db: Database) -> None:
    code, out, _ = await _verify(database_url)
    assert code == 0
    assert "0 entries verified" in out


async def test_a_redacted_entry_still_verifies_and_is_counted(
    db: Database, database_url: str, world: World, as_carol: httpx.AsyncClient
) -> None:
    # An erasure removes a person's data from the log without breaking the chain.
    from firstline.audit.actions import redact_audit_entries

    await _some_entries(as_carol)
    async with db.session() as s:
        conversation_id = await s.scalar(
            text("SELECT entity_id FROM audit_entries WHERE action = 'conversation.opened'")
        )
    async with db.transaction() as s:
        assert await redact_audit_entries(s, entity_type="conversation", entity_id=conversation_id)
    code, out, err = await _verify(database_url)
    assert code == 0, err
    assert "1 of them redacted" in out
