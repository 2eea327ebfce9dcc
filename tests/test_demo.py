"""`firstline demo`: a floor that looks alive (today's share open and within its targets, a few
breaches, agents within capacity, notes that belong to their chats, recovery cases in every
state), and a re-run that moves an old demo to the present."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func, select

from firstline.agents.models import Agent, CannedResponse, Team
from firstline.conversations.models import Conversation, Message, Status
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.demo.data import INTERNAL_NOTES, TOPICS
from firstline.demo.seed import seed_demo
from firstline.quality.models import Review
from firstline.quality.report import Filters, report
from firstline.recovery.models import RecoveryAsset, RecoveryCase, State
from firstline.sla.models import SlaOutcome
from tests.conftest import World

OPEN = (Status.open, Status.pending, Status.on_hold)


async def _check_floor(db: Database, at: datetime) -> None:
    """What a supervisor opening the dashboard at `at` would see."""
    async with db.session() as s:
        conversations = list(await s.scalars(select(Conversation)))
        midnight = at.replace(hour=0, minute=0, second=0, microsecond=0)
        today = [c for c in conversations if c.created_at >= midnight]
        assert len(today) >= 20
        live = [c for c in conversations if c.status in OPEN]
        assert len(live) >= 15
        # Every conversation still being worked on arrived today and has no clock past due.
        for c in live:
            assert c.created_at > at - timedelta(hours=24), c.id
            running = [c.resolution_due_at, c.next_response_due_at]
            if c.first_response_at is None:
                running.append(c.first_response_due_at)
            assert all(due is None or due > at for due in running), c.id
        # Nothing from past days is left open to breach overnight.
        assert all(
            c.status not in OPEN for c in conversations if c.created_at < at - timedelta(days=1)
        )
        assert max(c.created_at for c in conversations) > at - timedelta(minutes=15)

        breaches = list(await s.scalars(select(SlaOutcome).where(SlaOutcome.outcome == "breached")))
        assert 1 <= len(breaches) <= 30
        assert sum(b.recorded_at >= midnight for b in breaches) <= 10

        # Nobody holds more open conversations than their capacity.
        agents = {a.id: a for a in await s.scalars(select(Agent))}
        held = Counter(c.assignee_id for c in conversations if c.status == Status.open)
        for agent_id, n in held.items():
            if agent_id is not None:
                assert n <= agents[agent_id].max_concurrent, (agents[agent_id].name, n)

        # An internal note is about its conversation's topic.
        note_topic = {note: slug for slug, notes in INTERNAL_NOTES.items() for note in notes}
        opening_topic = {
            text: slug for slug, topic in TOPICS.items() for text in topic["opening"].values()
        }
        messages = list(await s.scalars(select(Message).order_by(Message.id)))
        first: dict[int, str] = {}
        for m in messages:
            first.setdefault(m.conversation_id, m.body)
        notes = [m for m in messages if m.internal and m.body in note_topic]
        assert notes
        for m in notes:
            assert note_topic[m.body] == opening_topic[first[m.conversation_id]], m.id

        cases = Counter(c.state for c in await s.scalars(select(RecoveryCase)))
        assert set(cases) == {s.value for s in State}
        assert await s.scalar(select(func.count()).select_from(RecoveryAsset))
        canned = list(await s.scalars(select(CannedResponse)))
        assert len({c.language for c in canned}) >= 8
        # Chats that name no product have first-line teams of their language to go to.
        general = await s.scalar(
            select(func.count()).where(Team.product.is_(None), Team.line == "first")
        )
        assert general and general >= 3
        assert any(c.product is None and c.team_id is not None for c in conversations)

    # The quality report has something to show: ratings, reviews, one dispute waiting.
    async with db.session() as s:
        summary = await report(s, Filters(since=(at - timedelta(days=30)).date(),
                                          until=at.date()), "week")  # fmt: skip
    assert summary["totals"]["csat_answered"] >= 20, summary["totals"]
    assert summary["totals"]["reviews"] >= 20 and summary["criteria"]
    async with db.session() as s:
        assert await s.scalar(select(func.count()).where(Review.dispute_state == "open")) == 1


async def test_the_demo_floor_looks_alive_and_a_rerun_brings_it_to_now(
    db: Database, clock: FrozenClock
) -> None:
    first = await seed_demo(db)
    assert "300 conversations" in first.summary
    await _check_floor(db, clock.now())

    clock.advance(days=3, hours=5)
    again = await seed_demo(db)
    assert "existing demo data kept, moved 77.0 h forward" in again.summary
    await _check_floor(db, clock.now())
    async with db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Conversation)) == 300

    # Running it once more at once changes nothing.
    assert "moved" not in (await seed_demo(db)).summary


async def test_a_database_the_demo_did_not_seed_keeps_its_history(
    db: Database, clock: FrozenClock, world: World
) -> None:
    async with db.session() as s:
        before = list(await s.scalars(select(Agent.created_at).order_by(Agent.id)))
    clock.advance(days=3)
    result = await seed_demo(db)
    assert "moved" not in result.summary
    async with db.session() as s:
        assert list(await s.scalars(select(Agent.created_at).order_by(Agent.id))) == before
