"""Who is writing in the chat widget, proved rather than claimed.

- An anonymous visitor gets a random visitor id, signed by the server and kept in a cookie
  (and in the widget's storage, for pages that embed it in a frame where cookies may be
  blocked). Their customer record's external id is ``visitor:<id>``.
- A logged-in user of the company's product is named by the company's backend: it computes
  ``HMAC-SHA256(widget secret, user id)`` and hands the widget both. The server recomputes the
  code, so nobody can open another customer's chat by guessing or changing an id. Their
  external id is the company's own user id, the same one the REST API uses.

Both end in a chat token: the customer id, signed, which every later widget call presents.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from firstline.core.errors import Unauthorized
from firstline.customers.models import VISITOR_PREFIX as VISITOR_PREFIX

TOKEN_MAX_AGE = 90 * 24 * 3600  # seconds: a returning visitor keeps their history a quarter


def user_hash(secret: str, user_id: str) -> str:
    """The code the company's backend computes for `user_id` (hex HMAC-SHA256)."""
    return hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()


def verify_user(secret: str, user_id: str, code: str) -> None:
    if not hmac.compare_digest(user_hash(secret, user_id), code.strip().lower()):
        raise Unauthorized(
            "user_hash does not match user_id: compute it on your server as the hex "
            "HMAC-SHA256 of the user id with the widget secret (`firstline widget secret`)."
        )


def new_visitor_id() -> str:
    return secrets.token_urlsafe(16)


@dataclass(frozen=True, slots=True)
class ChatIdentity:
    customer_id: int
    external_id: str


class ChatSigner:
    """Signs and checks the widget's visitor cookie and chat tokens."""

    def __init__(self, secret: str) -> None:
        self._visitors = URLSafeTimedSerializer(secret, salt="firstline.visitor")
        self._tokens = URLSafeTimedSerializer(secret, salt="firstline.chat-token")

    def visitor_cookie(self, visitor_id: str) -> str:
        return self._visitors.dumps(visitor_id)

    def visitor_from_cookie(self, value: str) -> str | None:
        try:
            visitor: str = self._visitors.loads(value, max_age=TOKEN_MAX_AGE)
        except (BadSignature, SignatureExpired):
            return None
        return visitor

    def token(self, identity: ChatIdentity) -> str:
        return self._tokens.dumps([identity.customer_id, identity.external_id])

    def identity(self, token: str) -> ChatIdentity:
        try:
            customer_id, external_id = self._tokens.loads(token, max_age=TOKEN_MAX_AGE)
        except SignatureExpired:
            raise Unauthorized("The chat session has expired; reload the page.") from None
        except (BadSignature, ValueError, TypeError):
            raise Unauthorized("The chat token is not valid; reload the page.") from None
        return ChatIdentity(customer_id=int(customer_id), external_id=str(external_id))
