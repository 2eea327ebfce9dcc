"""Typed domain events, delivered only after the transaction that produced them commits.

Actions call :func:`emit`; the events wait on the session until COMMIT succeeds and are then
handed to the :class:`EventBus` (a rollback drops them). Subscribers (the real-time hub, workers,
tests) must be quick and must not raise: they run inside the commit call.

A domain higher in the layers that must act on a lower one's event in the same transaction
(closing a conversation closes its escalations) registers a reaction with :func:`on_event`,
and the action that emits the event awaits :func:`react`: the lower domain announces what
happened without importing the one that cares, and the reaction's writes commit or roll back
with the change that caused them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, TypeVar

from sqlalchemy import event as sa_event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_PENDING = "firstline.pending_events"
_BUS = "firstline.bus"


@dataclass(frozen=True, slots=True)
class Audience:
    """Who may see an event. Customers never get internal events (notes, assignments)."""

    conversation_id: int | None = None
    team_id: int | None = None
    agent_ids: tuple[int, ...] = ()
    customer_id: int | None = None
    customer_visible: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    type: ClassVar[str] = "event"
    occurred_at: datetime
    audience: Audience = field(default_factory=Audience)

    def payload(self) -> dict[str, Any]:
        """What agents receive live (the console)."""
        return {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in ("audience", "occurred_at")
        }

    def customer_payload(self) -> dict[str, Any] | None:
        """What the customer's widget receives live, if anything; delivered only when the
        audience is customer-visible."""
        return None


Subscriber = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    def publish(self, events: list[Event]) -> None:
        for ev in events:
            for subscriber in list(self._subscribers):
                try:
                    subscriber(ev)
                except Exception:  # a broken subscriber must not undo a committed write
                    log.exception("event subscriber failed on %s", ev.type)


def bind_bus(session: AsyncSession | Session, bus: EventBus) -> None:
    target = session.sync_session if isinstance(session, AsyncSession) else session
    target.info[_BUS] = bus


def bus_of(session: Session) -> EventBus | None:
    """The bus a (synchronous) session delivers to: one per Database."""
    bus: EventBus | None = session.info.get(_BUS)
    return bus


def emit(db: AsyncSession, ev: Event) -> None:
    db.sync_session.info.setdefault(_PENDING, []).append(ev)


E = TypeVar("E", bound=Event)
Reaction = Callable[[AsyncSession, Any], Awaitable[None]]
_REACTIONS: dict[type[Event], list[Reaction]] = {}


def on_event(event_type: type[E], reaction: Callable[[AsyncSession, E], Awaitable[None]]) -> None:
    """Have `reaction(db, event)` run, inside the emitting transaction, for every `event_type`
    an action passes to :func:`react`. Registered once, when the reacting package is imported
    (firstline.models imports every domain, so a process with the tables has them all)."""
    reactions = _REACTIONS.setdefault(event_type, [])
    if reaction not in reactions:
        reactions.append(reaction)


async def react(db: AsyncSession, ev: Event) -> None:
    """Run the reactions registered for `ev`'s type, in `db`'s transaction, in the order they
    were registered. `ev` was emitted by the caller; a reaction that raises fails the action."""
    for reaction in _REACTIONS.get(type(ev), ()):
        await reaction(db, ev)


# Called with the session and its pending events just before COMMIT, inside the transaction,
# to write what must commit with the events (outbox rows: core/outbox.py). They run on every
# commit that carries events, so they must return at once when there is nothing to write.
CommitWriter = Callable[[Session, list[Event]], None]
_COMMIT_WRITERS: list[CommitWriter] = []


def add_commit_writer(writer: CommitWriter) -> None:
    if writer not in _COMMIT_WRITERS:
        _COMMIT_WRITERS.append(writer)


@sa_event.listens_for(Session, "before_commit")
def _write_before_commit(session: Session) -> None:
    pending: list[Event] | None = session.info.get(_PENDING)
    if pending:
        for writer in _COMMIT_WRITERS:
            writer(session, pending)


@sa_event.listens_for(Session, "after_commit")
def _deliver_after_commit(session: Session) -> None:
    pending: list[Event] = session.info.pop(_PENDING, [])
    bus: EventBus | None = session.info.get(_BUS)
    if pending and bus is not None:
        bus.publish(pending)


def pending_events(db: AsyncSession) -> list[Event]:
    """The events waiting for the session's commit (mutable: group commit trims it)."""
    pending: list[Event] = db.sync_session.info.setdefault(_PENDING, [])
    return pending


@sa_event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction: Any) -> None:
    # A savepoint's rollback drops only its own events, which its owner trims; the whole
    # transaction's rollback drops them all.
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
