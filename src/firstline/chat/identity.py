"""Who is writing in the chat widget, proved rather than claimed.

- An anonymous visitor gets a random visitor id, signed by the server and kept in a cookie
  (and in the widget's storage, for pages that embed it in a frame where cookies may be
  blocked). Their customer record's external id is ``visitor:<id>``.
- A logged-in user of the company's product is named by the company's backend with a
  short-lived *identity token*: a JWT signed with the widget secret (HS256) whose ``sub`` is
  the user's id in the company's product, with ``iat``, an ``exp`` at most ten minutes ahead,
  optionally ``jti`` (then it opens one session only) and the user's ``name``, ``email``,
  ``language`` and ``tier``. The server checks the signature and the times, so nobody can open
  another customer's chat by guessing or changing an id, and a token that leaks is soon
  useless. Their external id is the company's own user id, the same one the REST API uses.
- The older way, ``user_hash = hex(HMAC-SHA256(widget secret, user id))``, is accepted while
  an admin leaves it on (security.configure, GET/PUT /api/v1/chat/identity). It never
  expires: a hash that leaks (a page cache, a screenshot) opens that customer's chat until the
  widget secret changes. Switch it off once the backend mints identity tokens.

Each ends in a chat token (chat/sessions.py) that every later widget call presents.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.chat.sessions import ChatIdentity as ChatIdentity
from firstline.core.db import now
from firstline.core.errors import Unauthorized
from firstline.core.rawsql import SQL, raw_connection
from firstline.customers.models import VISITOR_PREFIX as VISITOR_PREFIX
from firstline.customers.schemas import CustomerIn

VISITOR_MAX_AGE = 90 * 24 * 3600  # seconds: a returning visitor keeps their history a quarter
# The longest an identity token may live: long enough for a page to load and the customer to
# open the chat, short enough that one copied out of a page is soon worth nothing.
IDENTITY_MAX_LIFETIME = timedelta(minutes=10)
CLOCK_SKEW = timedelta(seconds=60)  # the company's servers' clocks may be a little off
MAX_IDENTITY_TOKEN = 4096


def user_hash(secret: str, user_id: str) -> str:
    """The code the company's backend computes for `user_id` (hex HMAC-SHA256)."""
    return hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()


def verify_user(secret: str, user_id: str, code: str) -> None:
    if not hmac.compare_digest(user_hash(secret, user_id), code.strip().lower()):
        raise Unauthorized(message="widget_user_hash_mismatch")


def mint_identity_token(
    secret: str, sub: str, *, at: datetime, lifetime: timedelta = timedelta(minutes=5),
    jti: str | None = None, **claims: str,
) -> str:  # fmt: skip
    """What the company's backend does (docs/widget.md), for the demo and the tests."""
    body: dict[str, Any] = {
        "sub": sub,
        "iat": int(at.timestamp()),
        "exp": int((at + lifetime).timestamp()),
        **claims,
    }
    if jti is not None:
        body["jti"] = jti
    return jwt.encode(body, secret, algorithm="HS256")


@dataclass(frozen=True, slots=True)
class Identity:
    """What a valid identity token says."""

    customer: CustomerIn
    jti: str | None
    expires_at: datetime


def _refused() -> Unauthorized:
    return Unauthorized(message="widget_identity_invalid")


def _time(claims: dict[str, Any], name: str) -> datetime:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refused()
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        raise _refused() from None


def verify_identity_token(secret: str, token: str, at: datetime) -> Identity:
    """The customer an identity token names, or 401. Times are checked against `at` (the
    server's clock), not the library's, so that they follow the deployment's one clock."""
    if len(token) > MAX_IDENTITY_TOKEN:
        raise _refused()
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=["HS256"],  # never "none", never a public-key algorithm with our secret
            options={
                "require": ["sub", "iat", "exp"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
                "verify_aud": False,
            },
        )
    except jwt.PyJWTError:
        raise _refused() from None
    issued, expires = _time(claims, "iat"), _time(claims, "exp")
    if (
        expires <= at
        or expires > at + IDENTITY_MAX_LIFETIME + CLOCK_SKEW
        or issued > at + CLOCK_SKEW
        or expires - issued > IDENTITY_MAX_LIFETIME + CLOCK_SKEW
    ):
        raise _refused()
    if "nbf" in claims and _time(claims, "nbf") > at + CLOCK_SKEW:
        raise _refused()
    jti = claims.get("jti")
    if jti is not None and (not isinstance(jti, str) or not 0 < len(jti) <= 200):
        raise _refused()
    fields: dict[str, Any] = {"external_id": claims["sub"]}
    for claim, field in (("name", "name"), ("email", "email"), ("tier", "tier"),
                         ("language", "locale"), ("locale", "locale")):  # fmt: skip
        if claims.get(claim) is not None:
            fields[field] = claims[claim]
    try:
        customer = CustomerIn(**fields)
    except ValidationError:
        raise _refused() from None
    if customer.external_id.startswith(VISITOR_PREFIX):
        raise _refused()  # the visitors' namespace is the server's own
    return Identity(customer=customer, jti=jti, expires_at=expires)


_CLAIM_JTI = SQL(
    "INSERT INTO chat_identity_nonces (jti, expires_at) VALUES ($1, $2) "
    "ON CONFLICT (jti) DO NOTHING RETURNING jti"
)
_PRUNE_JTI = SQL("DELETE FROM chat_identity_nonces WHERE expires_at < $1")


async def do_claim_identity_token(db: AsyncSession, identity: Identity) -> None:
    """Spend the token's jti: a second session from the same token is refused (401)."""
    if identity.jti is None:
        return
    raw = await raw_connection(db)
    # Spent ids of expired tokens are worthless: forget them here (indexed), no job needed.
    await raw.execute(_PRUNE_JTI, raw.ts(now(db)))
    kept_until = identity.expires_at + CLOCK_SKEW
    if await raw.fetchone(_CLAIM_JTI, identity.jti, raw.ts(kept_until)) is None:
        raise Unauthorized(message="widget_identity_replayed")


_SETTINGS = SQL("SELECT user_hash_allowed, updated_at FROM chat_identity_settings WHERE id = 1")
_SAVE_SETTINGS = SQL(
    "INSERT INTO chat_identity_settings (id, user_hash_allowed, updated_at) VALUES (1, $1, $2) "
    "ON CONFLICT (id) DO UPDATE SET user_hash_allowed = $1, updated_at = $2"
)


@dataclass(frozen=True, slots=True)
class IdentitySettings:
    user_hash_allowed: bool
    updated_at: datetime | None


async def get_identity_settings(db: AsyncSession) -> IdentitySettings:
    """Until an admin chooses, user_hash stays accepted: deployments that embed the widget
    with it keep working through the upgrade."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_SETTINGS)
    if row is None:
        return IdentitySettings(user_hash_allowed=True, updated_at=None)
    updated = row[1]
    if isinstance(updated, str):
        updated = datetime.fromisoformat(updated + "+00:00")
    return IdentitySettings(user_hash_allowed=bool(row[0]), updated_at=updated)


async def do_update_identity_settings(
    db: AsyncSession, *, user_hash_allowed: bool, acting_agent_id: int
) -> IdentitySettings:
    before = await get_identity_settings(db)
    at = now(db)
    raw = await raw_connection(db)
    await raw.execute(_SAVE_SETTINGS, user_hash_allowed, raw.ts(at))
    if before.user_hash_allowed != user_hash_allowed:
        await record_audit(
            db, action="chat_identity.updated", entity_type="chat_identity_settings",
            entity_id=1, actor_agent_id=acting_agent_id,
            data={"user_hash_allowed": [before.user_hash_allowed, user_hash_allowed]},
        )  # fmt: skip
    return IdentitySettings(user_hash_allowed=user_hash_allowed, updated_at=at)


def new_visitor_id() -> str:
    return secrets.token_urlsafe(16)


class ChatSigner:
    """Signs and checks the anonymous visitor's id (cookie and widget storage)."""

    def __init__(self, secret: str) -> None:
        self._visitors = URLSafeTimedSerializer(secret, salt="firstline.visitor")

    def visitor_cookie(self, visitor_id: str) -> str:
        return self._visitors.dumps(visitor_id)

    def visitor_from_cookie(self, value: str) -> str | None:
        try:
            visitor: str = self._visitors.loads(value, max_age=VISITOR_MAX_AGE)
        except (BadSignature, SignatureExpired):
            return None
        return visitor
