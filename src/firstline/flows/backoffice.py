"""The client for the company's own backoffice: signed HTTP JSON calls, one per flow action.

Every call is `POST {FIRSTLINE_BACKOFFICE_URL}/{action}` with a JSON object, a unix timestamp
in `X-Firstline-Timestamp`, a fresh random `X-Firstline-Nonce`, and

    X-Firstline-Signature: v2=<hex HMAC-SHA256(secret,
        "v2\n" + method + "\n" + action + "\n" + timestamp + "\n" + nonce + "\n" + raw body)>

so the backoffice can tell the request came from us, for this action, and only once: it
refuses a timestamp more than five minutes off, a nonce it has seen within that window (a
replay), and a signature made for another action (a captured `reset_withdrawal` call sent to
`reset_two_factor`). The older `sha256=` signature covered neither the action nor a nonce and
is no longer sent. docs/flows.md describes the contract and each action's request and answer.

Whatever goes wrong (no configuration, a timeout, a refused connection, a non-2xx answer, a
body that is not a JSON object) is one BackofficeError: the runner turns it into the step's
`on_error` or a handover, never a crash in front of the customer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable
from typing import Any, Literal, Protocol

import httpx
import orjson

from firstline.core.settings import Settings

log = logging.getLogger(__name__)

TIMESTAMP_HEADER = "X-Firstline-Timestamp"
NONCE_HEADER = "X-Firstline-Nonce"
SIGNATURE_HEADER = "X-Firstline-Signature"
MAX_AGE_SECONDS = 300  # what a backoffice should accept, either way of its clock
SCHEME = "v2"
MAX_RESPONSE_BYTES = 1_048_576

ErrorKind = Literal["not_configured", "timeout", "unreachable", "status", "bad_response"]


class BackofficeError(Exception):
    def __init__(
        self, action: str, kind: ErrorKind, detail: str, *, status: int | None = None
    ) -> None:
        super().__init__(f"backoffice action {action!r}: {detail}")
        self.action = action
        self.kind = kind
        self.status = status


class Backoffice(Protocol):
    """What the runner needs: one call per action, a JSON object in and out."""

    async def call(self, action: str, body: dict[str, Any]) -> dict[str, Any]: ...


def sign(
    secret: str, timestamp: str, body: bytes, *, action: str, nonce: str, method: str = "POST"
) -> str:
    """The X-Firstline-Signature value for `body` sent to `action` at `timestamp` (unix
    seconds) with `nonce`."""
    head = f"{SCHEME}\n{method.upper()}\n{action}\n{timestamp}\n{nonce}\n".encode()
    return f"{SCHEME}=" + hmac.new(secret.encode(), head + body, hashlib.sha256).hexdigest()


class NonceCache:
    """The nonces seen within the window, in one process (the demo backoffice, a backoffice
    with one process). A backoffice with several processes keeps them where all of them look,
    for example Redis: `SET firstline-nonce:<nonce> 1 NX EX 600` (refuse when it was set)."""

    def __init__(self, keep_seconds: float = 2 * MAX_AGE_SECONDS) -> None:
        self._keep = keep_seconds
        self._seen: dict[str, float] = {}

    def first_use(self, nonce: str, now: float) -> bool:
        """True the first time `nonce` is offered within the window, False on a replay."""
        if len(self._seen) > 1024:
            self._seen = {n: t for n, t in self._seen.items() if t > now}
        if self._seen.get(nonce, 0.0) > now:
            return False
        self._seen[nonce] = now + self._keep
        return True


def signature_problem(
    secret: str,
    *,
    action: str,
    timestamp: str | None,
    nonce: str | None,
    signature: str | None,
    body: bytes,
    now: float,
    nonces: NonceCache,
    method: str = "POST",
    max_age: float = MAX_AGE_SECONDS,
) -> str | None:
    """Why a request's signature must be refused, or None when it is good (for backoffices
    written in Python, and the demo one). `action` is the one the request was sent to (the
    backoffice's own route), never one read from the request. The nonce is spent only by a
    request whose signature is good."""
    if not timestamp or not signature or not nonce:
        return "missing signature headers"
    if not 16 <= len(nonce) <= 128:
        return "the nonce must be 16 to 128 characters"
    try:
        sent_at = int(timestamp)
    except ValueError:
        return "the timestamp is not a number"
    if abs(now - sent_at) > max_age:
        return "the timestamp is too old or in the future"
    expected = sign(secret, timestamp, body, action=action, nonce=nonce, method=method)
    if not hmac.compare_digest(expected.encode(), signature.strip().encode()):
        return "the signature does not match (another action, or altered)"
    if not nonces.first_use(nonce, now):
        return "the nonce was already used (a replay)"
    return None


class BackofficeClient:
    """Calls the backoffice over HTTP. One instance per process: it keeps connections open."""

    def __init__(
        self,
        url: str | None,
        secret: str | None,
        *,
        timeout: float = 3.0,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.url = url.rstrip("/") if url else None
        self._secret = secret
        self._timeout = timeout
        self._transport = transport
        self._clock = clock
        self._client: httpx.AsyncClient | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> BackofficeClient:
        return cls(
            settings.backoffice_url,
            settings.backoffice_secret,
            timeout=settings.backoffice_timeout,
        )

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def call(self, action: str, body: dict[str, Any]) -> dict[str, Any]:
        if not self.url or not self._secret:
            # Unsigned calls would teach backoffices to accept them: refuse to send any.
            raise BackofficeError(
                action, "not_configured", "set FIRSTLINE_BACKOFFICE_URL and _SECRET"
            )
        raw = orjson.dumps(body)
        timestamp = str(int(self._clock()))
        nonce = secrets.token_hex(16)
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: timestamp,
            NONCE_HEADER: nonce,
            SIGNATURE_HEADER: sign(self._secret, timestamp, raw, action=action, nonce=nonce),
        }
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout, transport=self._transport)
        try:
            response = await self._client.post(f"{self.url}/{action}", content=raw, headers=headers)
        except httpx.TimeoutException:
            raise self._failed(action, "timeout", f"no answer within {self._timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise self._failed(action, "unreachable", type(exc).__name__) from None
        if not 200 <= response.status_code < 300:
            raise self._failed(
                action, "status", f"answered {response.status_code}", status=response.status_code
            )
        if len(response.content) > MAX_RESPONSE_BYTES:
            raise self._failed(action, "bad_response", "the answer is too large")
        try:
            result = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise self._failed(action, "bad_response", "the answer is not JSON") from None
        if not isinstance(result, dict):
            raise self._failed(action, "bad_response", "the answer is not a JSON object")
        return result

    def _failed(
        self, action: str, kind: ErrorKind, detail: str, *, status: int | None = None
    ) -> BackofficeError:
        # Bodies carry customers' data: log what failed, never what was sent.
        log.warning("backoffice action %s failed: %s", action, detail)
        return BackofficeError(action, kind, detail, status=status)
