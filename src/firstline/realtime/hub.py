"""Fan-out of committed events to the live connections (WebSockets) of this process.

Events carry an Audience (core/events.py); here it becomes a set of channels, and each live
connection listens on a few of them:

- a customer's widget on ``customer:<id>``, and receives only customer-visible events, in the
  shape a customer may see (no internal notes, no agent ids);
- an agent's console on ``agent:<id>``, ``team:<id>`` for each of their teams, ``unrouted``,
  ``everything`` when they are a supervisor or admin, and ``conversation:<id>`` while a
  conversation is open on screen.

A connection never blocks the hub: each has a bounded outbox, and one that falls too far
behind (a stalled browser) is told to resynchronise and closed, rather than holding memory.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from firstline.core.events import Audience

log = logging.getLogger(__name__)

EVERYTHING = "everything"
UNROUTED = "unrouted"


def customer_channel(customer_id: int) -> str:
    return f"customer:{customer_id}"


def agent_channel(agent_id: int) -> str:
    return f"agent:{agent_id}"


def team_channel(team_id: int) -> str:
    return f"team:{team_id}"


def conversation_channel(conversation_id: int) -> str:
    return f"conversation:{conversation_id}"


@dataclass(frozen=True, slots=True)
class Envelope:
    """One event as it travels between processes: who gets it, and the bytes they get."""

    staff_channels: tuple[str, ...]
    staff_data: bytes
    customer_channel: str | None = None
    customer_data: bytes | None = None

    def dumps(self) -> bytes:
        return orjson.dumps(
            {
                "s": self.staff_channels,
                "d": self.staff_data.decode(),
                "c": self.customer_channel,
                "cd": self.customer_data.decode() if self.customer_data is not None else None,
            }
        )

    @classmethod
    def loads(cls, raw: bytes | str) -> Envelope:
        doc = orjson.loads(raw)
        return cls(
            staff_channels=tuple(doc["s"]),
            staff_data=doc["d"].encode(),
            customer_channel=doc["c"],
            customer_data=doc["cd"].encode() if doc["cd"] is not None else None,
        )


def staff_channels(audience: Audience) -> tuple[str, ...]:
    channels = [EVERYTHING]
    if audience.team_id is not None:
        channels.append(team_channel(audience.team_id))
    else:
        channels.append(UNROUTED)
    channels.extend(agent_channel(a) for a in audience.agent_ids)
    if audience.conversation_id is not None:
        channels.append(conversation_channel(audience.conversation_id))
    return tuple(channels)


def envelope(
    audience: Audience, staff: dict[str, Any], customer: dict[str, Any] | None
) -> Envelope:
    """The envelope for an event: `staff` is what agents see; `customer`, when the event is
    customer-visible and concerns a customer, what that customer sees."""
    to_customer = audience.customer_visible and audience.customer_id is not None
    return Envelope(
        staff_channels=staff_channels(audience),
        staff_data=orjson.dumps(staff),
        customer_channel=customer_channel(audience.customer_id)  # type: ignore[arg-type]
        if to_customer
        else None,
        customer_data=orjson.dumps(customer) if to_customer and customer is not None else None,
    )


class Listener:
    """One live connection's side of the hub: the channels it listens on and its outbox.

    `send` is called from a task of the listener's own (see `pump`), never from the hub.
    """

    __slots__ = ("channels", "closed", "limit", "outbox", "overflowed", "wakeup")

    def __init__(self, channels: Iterable[str], limit: int = 256) -> None:
        self.channels: set[str] = set(channels)
        self.outbox: deque[bytes] = deque()
        self.wakeup = asyncio.Event()
        self.closed = False
        self.limit = limit
        self.overflowed = False

    def push(self, data: bytes) -> None:
        if self.closed:
            return
        if len(self.outbox) >= self.limit:
            self.overflowed = True
            self.closed = True
        else:
            self.outbox.append(data)
        self.wakeup.set()

    async def pump(self, send: Callable[[bytes], Any]) -> None:
        """Send what arrives until the listener is closed. Raises nothing on overflow: the
        caller checks `overflowed` and tells the client to resynchronise."""
        while True:
            await self.wakeup.wait()
            self.wakeup.clear()
            while self.outbox:
                await send(self.outbox.popleft())
            if self.closed:
                return


class Hub:
    def __init__(self) -> None:
        self._by_channel: dict[str, set[Listener]] = {}
        self.delivered = 0

    def attach(self, listener: Listener) -> None:
        for channel in listener.channels:
            self._by_channel.setdefault(channel, set()).add(listener)

    def listen(self, listener: Listener, channel: str) -> None:
        if channel not in listener.channels:
            listener.channels.add(channel)
            self._by_channel.setdefault(channel, set()).add(listener)

    def unlisten(self, listener: Listener, channel: str) -> None:
        listener.channels.discard(channel)
        members = self._by_channel.get(channel)
        if members is not None:
            members.discard(listener)
            if not members:
                del self._by_channel[channel]

    def detach(self, listener: Listener) -> None:
        listener.closed = True
        listener.wakeup.set()
        for channel in list(listener.channels):
            self.unlisten(listener, channel)

    def customer_ids(self) -> list[int]:
        """The customers with a live connection to this process."""
        prefix = "customer:"
        return [int(c[len(prefix) :]) for c in self._by_channel if c.startswith(prefix)]

    @property
    def listeners(self) -> int:
        return len({id(x) for members in self._by_channel.values() for x in members})

    def deliver(self, env: Envelope) -> None:
        """Hand an envelope to every listener of its channels, once each."""
        seen: set[int] = set()
        for channel in env.staff_channels:
            for listener in self._by_channel.get(channel, ()):
                if id(listener) not in seen:
                    seen.add(id(listener))
                    listener.push(env.staff_data)
        if env.customer_channel is not None and env.customer_data is not None:
            for listener in self._by_channel.get(env.customer_channel, ()):
                listener.push(env.customer_data)
                seen.add(id(listener))
        self.delivered += len(seen)

    def broadcast(self, data: bytes) -> None:
        """Send `data` to every listener (a resync request after the relay lost Redis)."""
        everyone = {id(x): x for members in self._by_channel.values() for x in members}
        for listener in everyone.values():
            listener.push(data)
