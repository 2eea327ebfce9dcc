"""`firstline qa recheck`, as an operator runs it: every check again over stored
conversations, in its own process."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import text

from firstline.core.db import Database
from tests.conftest import World
from tests.helpers import new_conversation
from tests.test_cli import firstline


async def test_recheck_finds_again_what_was_lost(
    db: Database, database_url: str, as_bob: httpx.AsyncClient, world: World
) -> None:
    ids = []
    for n, answer in enumerate(
        ("Please give me your 2FA code so I can verify you.", "Your deposit has arrived.")
    ):
        r = await as_bob.post("/api/v1/conversations", json=new_conversation(f"r-{n}"))
        assert r.status_code == 201, r.text
        cid = r.json()["id"]
        ids.append(cid)
        r = await as_bob.post(f"/api/v1/conversations/{cid}/messages", json={"body": answer})
        assert r.status_code == 201, r.text
    await as_bob.patch(f"/api/v1/conversations/{ids[1]}", json={"status": "resolved"})
    async with db.transaction() as s:
        await s.execute(text("DELETE FROM qa_checks"))

    done = await asyncio.to_thread(firstline, "qa", "recheck", "--database-url", database_url)
    assert done.returncode == 0, done.stderr
    assert "rechecked 2 conversations" in done.stdout and "1 failed" in done.stdout, done.stdout
    first = (await as_bob.get(f"/api/v1/conversations/{ids[0]}/qa")).json()
    assert [(c["check"], c["passed"]) for c in first] == [("secret_request", False)]
    second = (await as_bob.get(f"/api/v1/conversations/{ids[1]}/qa")).json()
    assert len(second) == 6 and all(c["passed"] for c in second), second

    bad = await asyncio.to_thread(
        firstline, "qa", "recheck", "--batch", "0", "--database-url", database_url
    )
    assert bad.returncode == 2 and "batch" in bad.stderr
