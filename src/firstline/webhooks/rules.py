"""Pure policy: which event types may be subscribed, which URLs may receive them, and the
Standard Webhooks signature."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import secrets
from urllib.parse import urlsplit

from firstline.agents.events import (
    AgentCreated,
    AgentUpdated,
    RoleChanged,
    TeamCreated,
    TokensRevoked,
)
from firstline.bot.events import BotSessionEnded
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationMerged,
    ConversationOpened,
    ConversationReopened,
    ConversationResolved,
    ConversationUpdated,
    MessagePosted,
)
from firstline.core.errors import InvalidInput
from firstline.core.events import Event
from firstline.escalation.events import (
    EscalationAcknowledged,
    EscalationClosed,
    EscalationRaised,
    EscalationReturned,
)
from firstline.flows.events import FlowDeleted, FlowSaved
from firstline.quality.events import CsatAnswered
from firstline.sla.events import SlaBreached

# The event types an endpoint may subscribe to: every typed event the product emits.
_EVENTS: tuple[type[Event], ...] = (
    ConversationOpened, MessagePosted, ConversationUpdated, ConversationAssigned,
    ConversationResolved, ConversationReopened, ConversationMerged, BotSessionEnded,
    EscalationRaised, EscalationAcknowledged, EscalationReturned, EscalationClosed,
    SlaBreached, TeamCreated, AgentCreated, AgentUpdated, TokensRevoked, RoleChanged, FlowSaved,
    FlowDeleted, CsatAnswered,
)  # fmt: skip
EVENT_TYPES: tuple[str, ...] = tuple(sorted(e.type for e in _EVENTS))
ALL_EVENTS = "*"
# Sent only by POST /api/v1/webhooks/{id}/test, to that endpoint, whatever it subscribes to.
TEST_EVENT = "webhook.test"

# Keys never sent out, wherever they sit in an event's data.
SECRET_KEYS = frozenset({"password", "password_hash", "secret", "token", "token_hash"})

MAX_URL = 2000
ALLOW_PRIVATE_ENV = "FIRSTLINE_WEBHOOKS_ALLOW_PRIVATE"


def private_allowed() -> bool:
    """Whether endpoints on loopback, private and link-local addresses are allowed (tests,
    or a deployment whose receivers live on its own network). Read on every use, so the
    server and the jobs follow the environment they run in."""
    return os.environ.get(ALLOW_PRIVATE_ENV, "") in ("1", "true", "yes")


def check_events(events: list[str]) -> list[str]:
    if not events:
        raise InvalidInput(
            'events must name at least one event type, or "*" for all of them.',
            message="webhook_no_events",
            known_events=list(EVENT_TYPES),
        )
    unknown = [e for e in events if e != ALL_EVENTS and e not in EVENT_TYPES]
    if unknown:
        named = ", ".join(repr(e) for e in unknown[:5])
        known = ", ".join(EVENT_TYPES)
        raise InvalidInput(
            f'events: {named} is not an event type; use "*" or some of: {known}.',
            message="webhook_unknown_events",
            args={"events": named, "known": known},
            known_events=list(EVENT_TYPES),
        )
    return [ALL_EVENTS] if ALL_EVENTS in events else sorted(set(events))


def refused_address(address: str) -> bool:
    """Whether an IP address is one a webhook must not reach (loopback, private, link-local,
    multicast, reserved...): the deployment's own network, or a cloud metadata service."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def check_url(url: str) -> str:
    """The URL, if a webhook may be sent to it. Host names are checked again, resolved, at
    every delivery (delivery.py); here only what the text itself shows is refused, so that
    registering never waits on DNS."""
    url = url.strip()
    if len(url) > MAX_URL:
        raise InvalidInput(
            f"url is longer than {MAX_URL} characters.",
            message="url_too_long",
            args={"max": MAX_URL},
        )
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port
    except ValueError:
        raise InvalidInput(
            f"url {url!r} is not a valid URL.", message="url_invalid", args={"url": repr(url)}
        ) from None
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidInput(
            "url must be an http:// or https:// URL with a host name.", message="url_scheme"
        )
    if private_allowed():
        return url
    literal = True
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        literal = False
    name = host.rstrip(".").lower()
    if (literal and refused_address(host)) or name == "localhost" or name.endswith(".localhost"):
        raise InvalidInput(
            f"url points at {host}, a loopback, private or link-local address; webhooks are "
            f"sent only to public addresses (set {ALLOW_PRIVATE_ENV}=1 to allow your own "
            "network).",
            message="url_private",
            args={"host": host, "setting": ALLOW_PRIVATE_ENV},
        )
    return url


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: str) -> str:
    """The `webhook-signature` header value: `v1,` and the base64 HMAC-SHA256 of
    `id.timestamp.body` under the secret's key."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()
