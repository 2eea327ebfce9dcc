"""Quality's pure policy: the automatic checks and their names, the CSAT scale, when a
rating may still change, and the signed links of the CSAT mail."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

CSAT_SCORES = range(1, 6)
LOW_SCORES = frozenset({1, 2})
LOW_ACTIONS = ("none", "flag", "reopen")
# The tag a low rating puts on its conversation, which sampling and the inbox filter read.
LOW_CSAT_TAG = "csat-low"


class Check(StrEnum):
    """The automatic checks, in the order the console lists them. Message checks run on each
    message an agent or the bot sends; conversation checks when the conversation is resolved
    (and again if it is resolved again after a reopen)."""

    secret_request = "secret_request"  # asked for a password, a code, a seed phrase, a key, funds
    internal_note_sent = "internal_note_sent"  # a colleague's note reached the customer
    reply_language = "reply_language"  # answered in another language than the customer's
    first_response_sla = "first_response_sla"
    waiting_between_replies = "waiting_between_replies"  # a next-response target was missed
    resolved_without_reply = "resolved_without_reply"


MESSAGE_CHECKS = (Check.secret_request, Check.internal_note_sent, Check.reply_language)
CONVERSATION_CHECKS = (
    Check.first_response_sla,
    Check.waiting_between_replies,
    Check.resolved_without_reply,
)


@dataclass(frozen=True, slots=True)
class CsatPolicy:
    enabled: bool = True
    low_action: str = "flag"
    change_minutes: int = 15
    link_days: int = 14


DEFAULT_POLICY = CsatPolicy()


def final_at(first_answered_at: datetime, policy: CsatPolicy) -> datetime:
    return first_answered_at + timedelta(minutes=policy.change_minutes)


def same_language(a: str | None, b: str | None) -> bool:
    """Whether a reply in `a` answers a customer who writes `b`: Chinese in either script
    does (an agent typing simplified to a Taiwanese customer is read, if not ideal)."""
    if not a or not b:
        return True
    return a == b or (a.startswith("zh") and b.startswith("zh"))


# -- the signed links of the CSAT mail ------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def csat_token(key: bytes, conversation_id: int, score: int, expires: datetime) -> str:
    """`<conversation>-<score>-<expiry>-<signature>`: what /r/ needs to record `score`,
    without a sign-in, until `expires`; the signature covers the three."""
    stamp = int(expires.timestamp())
    body = f"{conversation_id}-{score}-{stamp}"
    mac = hmac.new(key, b"csat:" + body.encode(), hashlib.sha256).digest()[:16]
    return f"{body}-{_b64(mac)}"


@dataclass(frozen=True, slots=True)
class CsatLink:
    conversation_id: int
    score: int
    expires: datetime


class LinkInvalid(Exception):
    """The link was altered, or is not one of ours."""


class LinkExpired(Exception):
    """The link was ours, but its time is over."""

    def __init__(self, conversation_id: int) -> None:
        super().__init__(conversation_id)
        self.conversation_id = conversation_id


def read_csat_token(key: bytes, token: str, at: datetime) -> CsatLink:
    # The signature is URL-safe base64, which may itself hold "-".
    parts = token.split("-", 3)
    if len(parts) != 4 or not all(p.isdigit() and len(p) <= 12 for p in parts[:3]):
        raise LinkInvalid(token)
    conversation_id, score, stamp = (int(p) for p in parts[:3])
    body = "-".join(parts[:3])
    expected = _b64(hmac.new(key, b"csat:" + body.encode(), hashlib.sha256).digest()[:16])
    if not hmac.compare_digest(expected, parts[3]) or score not in CSAT_SCORES:
        raise LinkInvalid(token)
    if conversation_id >= 2**31:
        raise LinkInvalid(token)
    expires = datetime.fromtimestamp(stamp, tz=at.tzinfo)
    if at >= expires:
        raise LinkExpired(conversation_id)
    return CsatLink(conversation_id, score, expires)
