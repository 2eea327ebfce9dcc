"""Events become outbox rows in the transaction that emits them.

The commit writer (core/events.py) runs on every commit that carries events, including
conversation intake and message append, so it must cost next to nothing when no webhook
wants them. Each Database keeps a small cache of which active webhooks want which event
type. In this process a change to the webhooks invalidates it at once (`invalidate`); a
change made by another process is picked up within `REFRESH_SECONDS`, the age after which
the cache is read again (one query on the tiny webhooks table, inside the committing
transaction). An event emitted in that second may therefore miss a webhook created in
another process a moment before, or be written for one just deleted there (delivery then
cancels it).
"""

from __future__ import annotations

import time
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from firstline.core.events import Event, EventBus, add_commit_writer, bus_of
from firstline.core.outbox import new_row, write_rows
from firstline.webhooks.models import Webhook, target_of
from firstline.webhooks.rules import ALL_EVENTS, SECRET_KEYS

KIND = "webhook"
REFRESH_SECONDS = 1.0

# Bumped by every change to the webhooks made in this process.
_generation = 0


def invalidate() -> None:
    global _generation
    _generation += 1


@dataclass(slots=True)
class _Subscriptions:
    generation: int = -1
    read_at: float = float("-inf")
    by_type: dict[str, tuple[int, ...]] = field(default_factory=dict)
    everything: tuple[int, ...] = ()


_CACHES: weakref.WeakKeyDictionary[EventBus, _Subscriptions] = weakref.WeakKeyDictionary()


def _subscriptions(session: Session, bus: EventBus) -> _Subscriptions:
    subs = _CACHES.get(bus)
    if subs is None:
        subs = _CACHES[bus] = _Subscriptions()
    clock = time.monotonic()
    if subs.generation == _generation and clock - subs.read_at < REFRESH_SECONDS:
        return subs
    generation = _generation
    by_type: dict[str, list[int]] = {}
    everything: list[int] = []
    rows = session.execute(
        select(Webhook.id, Webhook.events).where(Webhook.active).order_by(Webhook.id)
    ).all()
    for webhook_id, events in rows:
        for event_type in events:
            if event_type == ALL_EVENTS:
                everything.append(webhook_id)
            else:
                by_type.setdefault(event_type, []).append(webhook_id)
    subs.by_type = {t: tuple(ids) for t, ids in by_type.items()}
    subs.everything = tuple(everything)
    subs.generation, subs.read_at = generation, clock
    return subs


def _public(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _public(v) for k, v in value.items() if k not in SECRET_KEYS}
    return value


def message_body(event_type: str, at: datetime, data: dict[str, Any]) -> str:
    """The JSON a receiver gets: Standard Webhooks' {type, timestamp, data}."""
    body = {"type": event_type, "timestamp": at, "data": _public(data)}
    return orjson.dumps(body, option=orjson.OPT_UTC_Z).decode()


def delivery_payload(webhook_id: int, msg_id: str, event_type: str, body: str) -> dict[str, Any]:
    # The body is kept as the exact text signed and sent, so every retry sends the same bytes.
    return {"webhook_id": webhook_id, "msg_id": msg_id, "type": event_type, "body": body}


def new_msg_id() -> str:
    return "msg_" + uuid.uuid4().hex


def _write_deliveries(session: Session, events: list[Event]) -> None:
    bus = bus_of(session)
    if bus is None:
        return
    subs = _subscriptions(session, bus)
    if not subs.by_type and not subs.everything:
        return
    rows: list[dict[str, Any]] = []
    for ev in events:
        webhook_ids = subs.everything + subs.by_type.get(ev.type, ())
        if not webhook_ids:
            continue
        msg_id = new_msg_id()
        body = message_body(ev.type, ev.occurred_at, ev.payload())
        for webhook_id in sorted(set(webhook_ids)):
            rows.append(
                new_row(
                    KIND,
                    target_of(webhook_id),
                    delivery_payload(webhook_id, msg_id, ev.type, body),
                    ev.occurred_at,
                )
            )
    write_rows(session, rows)


def install() -> None:
    add_commit_writer(_write_deliveries)
