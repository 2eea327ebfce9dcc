"""Actions emit typed events, and only once their transaction has committed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from firstline.agents.access import authenticate_token
from firstline.audit.queries import list_audit_entries
from firstline.conversations.access import access_conversation_by_id
from firstline.conversations.actions import (
    do_open_conversation,
    do_post_message,
    do_update_conversation,
)
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationOpened,
    ConversationUpdated,
    MessagePosted,
)
from firstline.conversations.models import AuthorKind, Message
from firstline.conversations.schemas import ConversationCreate
from firstline.core.db import Database
from firstline.core.events import Event
from tests.conftest import World
from tests.helpers import new_conversation


def _create(**extra: Any) -> ConversationCreate:
    return ConversationCreate.model_validate(new_conversation("ev-1", **extra))


async def test_open_emits_after_commit_with_audience(
    db: Database, world: World, events: list[Event]
) -> None:
    async with db.transaction() as s:
        opened = await do_open_conversation(s, _create(team_id=world.spot_en), acting_agent_id=None)
        assert events == []  # nothing is delivered before COMMIT
    assert [type(e) for e in events] == [ConversationOpened, MessagePosted]
    first, message = events
    assert isinstance(first, ConversationOpened) and isinstance(message, MessagePosted)
    assert first.conversation_id == opened.conversation.id
    assert first.audience.team_id == world.spot_en
    assert first.audience.customer_visible is False
    assert message.audience.customer_visible is True
    assert first.payload()["language"] == "en"


async def test_rolled_back_action_emits_nothing_and_writes_nothing(
    db: Database, world: World, events: list[Event]
) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        async with db.transaction() as s:
            await do_open_conversation(s, _create(), acting_agent_id=None)
            raise Boom
    assert events == []
    async with db.session() as s:
        actor = await authenticate_token(s, world.tokens["alice"])
        from firstline.conversations.queries import ConversationFilters, list_conversations

        assert await list_conversations(s, actor, ConversationFilters(), limit=10) == []


async def test_internal_note_is_never_customer_visible(
    db: Database, world: World, events: list[Event]
) -> None:
    async with db.transaction() as s:
        opened = await do_open_conversation(s, _create(), acting_agent_id=None)
    events.clear()
    async with db.transaction() as s:
        actor = await authenticate_token(s, world.tokens["carol"])
        conv = await access_conversation_by_id(s, actor, opened.conversation.id, for_update=True)
        await do_post_message(
            s,
            conv,
            body="Customer sounds like a scam victim; warn before the next transfer.",
            author_kind=AuthorKind.agent,
            internal=True,
            author_agent_id=world.carol,
        )
    (note,) = events
    assert isinstance(note, MessagePosted)
    assert note.internal is True
    assert note.audience.customer_visible is False


async def test_assignment_emits_assigned_and_audits(
    db: Database, world: World, events: list[Event]
) -> None:
    async with db.transaction() as s:
        opened = await do_open_conversation(s, _create(), acting_agent_id=None)
    events.clear()
    async with db.transaction() as s:
        actor = await authenticate_token(s, world.tokens["bob"])
        conv = await access_conversation_by_id(s, actor, opened.conversation.id, for_update=True)
        # Across to another team (a chat without a product lands in the team of its
        # language already), to an agent of that team.
        changed = await do_update_conversation(
            s,
            conv,
            {"assignee_id": world.dave, "team_id": world.futures_vi},
            acting_agent_id=world.bob,
        )
    assert changed == {"assignee_id": world.dave, "team_id": world.futures_vi}
    assert [type(e) for e in events] == [ConversationUpdated, ConversationAssigned]
    assigned = events[1]
    assert isinstance(assigned, ConversationAssigned)
    assert (assigned.assignee_id, assigned.previous_assignee_id) == (world.dave, None)
    # Bob made the change, so Dave's console alerts Dave; Bob's would not alert Bob.
    assert assigned.by_agent_id == world.bob
    assert assigned.payload()["by_agent_id"] == world.bob
    assert world.dave in assigned.audience.agent_ids

    async with db.session() as s:
        trail = await list_audit_entries(s, "conversation", opened.conversation.id)
    assert [e.action for e in trail] == ["conversation.updated", "conversation.opened"]
    assert trail[0].actor_agent_id == world.bob
    assert trail[0].data == {"assignee_id": world.dave, "team_id": world.futures_vi}


async def test_no_op_update_emits_nothing(db: Database, world: World, events: list[Event]) -> None:
    async with db.transaction() as s:
        opened = await do_open_conversation(s, _create(), acting_agent_id=None)
    events.clear()
    async with db.transaction() as s:
        actor = await authenticate_token(s, world.tokens["bob"])
        conv = await access_conversation_by_id(s, actor, opened.conversation.id, for_update=True)
        assert await do_update_conversation(s, conv, {"status": "open"}, acting_agent_id=None) == {}
    assert events == []


async def test_resolving_tells_only_a_chat_customer(db: Database, world: World) -> None:
    async with db.transaction() as s:
        chat = await do_open_conversation(s, _create(), acting_agent_id=None)
        email = await do_open_conversation(
            s,
            ConversationCreate.model_validate(new_conversation("ev-2", channel="email")),
            acting_agent_id=None,
        )
    for opened, told in ((chat, True), (email, False)):
        async with db.transaction() as s:
            actor = await authenticate_token(s, world.tokens["bob"])
            conv = await access_conversation_by_id(
                s, actor, opened.conversation.id, for_update=True
            )
            await do_update_conversation(s, conv, {"status": "resolved"}, acting_agent_id=None)
        async with db.session() as s:
            bodies = [
                (m.author_kind, m.internal)
                for m in await s.scalars(
                    select(Message).where(Message.conversation_id == opened.conversation.id)
                )
            ]
        assert (("system", False) in bodies) is told
