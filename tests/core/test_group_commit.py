"""SQLite group commit: concurrent units share a commit, yet each succeeds or fails alone."""

from __future__ import annotations

import asyncio

import pytest

from firstline.conversations.actions import do_open_conversation
from firstline.conversations.events import ConversationOpened
from firstline.conversations.schemas import ConversationCreate
from firstline.core.db import Database
from firstline.core.events import Event
from tests.helpers import new_conversation


class Refused(Exception):
    pass


# Group commit is the SQLite write path; on PostgreSQL each request commits on its own.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("raw_writes", [False, True], ids=["orm-savepoints", "raw-savepoints"])
async def test_a_failed_unit_leaves_its_batch_mates_intact(
    db: Database, events: list[Event], raw_writes: bool
) -> None:
    assert db.group_commit is not None

    async def unit(n: int) -> int:
        async with db.transaction(raw_writes=raw_writes) as s:
            opened = await do_open_conversation(
                s,
                ConversationCreate.model_validate(new_conversation(f"gc-{n}")),
                acting_agent_id=None,
            )
            if n == 3:
                raise Refused
            return opened.conversation.id

    results = await asyncio.gather(*(unit(n) for n in range(8)), return_exceptions=True)
    assert isinstance(results[3], Refused)
    committed = [r for r in results if isinstance(r, int)]
    assert len(committed) == 7

    opened = [e for e in events if isinstance(e, ConversationOpened)]
    assert sorted(e.conversation_id for e in opened) == sorted(committed)

    async with db.session() as s:
        from sqlalchemy import func, select

        from firstline.conversations.models import Conversation, Message
        from firstline.customers.models import Customer

        assert await s.scalar(select(func.count()).select_from(Conversation)) == 7
        assert await s.scalar(select(func.count()).select_from(Message)) == 7
        assert (
            await s.scalar(
                select(func.count()).select_from(Customer).where(Customer.external_id == "gc-3")
            )
            == 0
        )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_raw_writes_unit_refuses_orm_writes_and_spares_its_batch(db: Database) -> None:
    from sqlalchemy import func, select

    from firstline.agents.models import Team

    async def orm_write() -> None:
        async with db.transaction(raw_writes=True) as s:
            s.add(Team(name="Written by the ORM", languages=[], product=None))
            await s.flush()

    async def raw_write(n: int) -> int:
        async with db.transaction(raw_writes=True) as s:
            opened = await do_open_conversation(
                s,
                ConversationCreate.model_validate(new_conversation(f"raw-{n}")),
                acting_agent_id=None,
            )
            return opened.conversation.id

    results = await asyncio.gather(raw_write(1), orm_write(), raw_write(2), return_exceptions=True)
    assert isinstance(results[1], RuntimeError)
    assert "raw_writes" in str(results[1])
    assert all(isinstance(r, int) for r in (results[0], results[2]))

    async with db.session() as s:
        from firstline.conversations.models import Conversation

        written = select(func.count()).select_from(Team).where(Team.name == "Written by the ORM")
        assert await s.scalar(written) == 0
        assert await s.scalar(select(func.count()).select_from(Conversation)) == 2
