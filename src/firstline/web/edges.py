"""The server's edges: what a client can hold open, how slowly it may talk, what every response
says about itself, and what a request gets when the database goes away.

- `GuardedHttpProtocol` is uvicorn's httptools protocol with what it lacks: a deadline for a
  request's headers (a slowloris client sending a byte a second is answered 408 and cut off;
  uvicorn's keep-alive timer is reset by every byte, so it never fires), a cap on their size
  (httptools has none; 431), and a cap on the connections one address holds open at once
  (429 and closed). Connections from a trusted proxy are not counted: they carry many people.
- `EdgeMiddleware` (pure ASGI, outermost) caps the WebSockets and the requests in flight per
  client address (the forwarded one when the peer is a trusted proxy: uvicorn rewrites the
  scope's client before the app sees it), and adds the security headers to every response.
- `install_unavailable_handler` turns a dropped or unreachable database into a retryable 503
  problem document with Retry-After, instead of a 500.

The protocol also keeps the body's deadline: after a grace period a body must keep arriving at
a minimum rate, else 408 and closed (one timer per request with a body; an asyncio timeout
around each ASGI receive cost half the throughput of intake at 32 connections).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import socket
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from fastapi import FastAPI, Request
from sqlalchemy.exc import DBAPIError, EmulatedDBAPIException, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from firstline.core.settings import Settings, get_settings
from firstline.web.problems import translated_problem
from firstline.web.responses import ProblemJSON

log = logging.getLogger(__name__)

try:  # asyncpg is a dependency, but keep SQLite-only installs importable
    from asyncpg.exceptions import (  # type: ignore[import-untyped]
        ConnectionDoesNotExistError,
        InternalClientError,
        OperatorInterventionError,
        PostgresConnectionError,
    )
    from asyncpg.exceptions import (
        InterfaceError as PGInterfaceError,
    )

    _DRIVER_GONE: tuple[type[BaseException], ...] = (
        ConnectionDoesNotExistError,
        PGInterfaceError,
        OperatorInterventionError,  # pg_terminate_backend, admin shutdown, crash recovery
        PostgresConnectionError,
        # A connection left mid-protocol by one of the above ("another operation is in
        # progress"): it is unusable, and a retry on a new one succeeds.
        InternalClientError,
    )
except ImportError:  # pragma: no cover
    _DRIVER_GONE = ()

RETRY_AFTER_SECONDS = 2


@dataclass(frozen=True)
class EdgeLimits:
    header_timeout: float
    max_header_bytes: int
    body_timeout: float
    body_min_rate: int
    per_address: int
    websockets_per_address: int
    trusted_proxies: frozenset[str]


def edge_limits(settings: Settings) -> EdgeLimits:
    return EdgeLimits(
        header_timeout=settings.header_timeout,
        max_header_bytes=settings.max_header_bytes,
        body_timeout=settings.body_timeout,
        body_min_rate=settings.body_min_rate,
        per_address=settings.max_connections_per_address,
        websockets_per_address=settings.max_websockets_per_address,
        trusted_proxies=trusted_proxies(settings),
    )


def trusted_proxies(settings: Settings) -> frozenset[str]:
    return frozenset(p.strip() for p in (settings.trusted_proxies or "").split(",") if p.strip())


@lru_cache(maxsize=1)
def _process_limits() -> EdgeLimits:
    # Read in each worker process from its environment (workers are separate processes).
    return edge_limits(get_settings())


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The uvicorn settings of every `firstline serve` process (one or many workers)."""
    proxies = trusted_proxies(settings)
    return {
        "http": GuardedHttpProtocol,
        # X-Forwarded-For and -Proto are believed only from the proxies named here.
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": ",".join(sorted(proxies)) or None,
        "ws_max_size": settings.ws_max_bytes,
        "timeout_keep_alive": settings.keep_alive_timeout,
        "server_header": False,
    }


# Live connections per address in this process (each worker counts its own).
_connections: dict[str, int] = {}


def _raw_problem(status: int, reason: bytes, detail: str, retry_after: int | None = None) -> bytes:
    title = {408: "Request timeout", 429: "Too many requests", 431: "Headers too large"}
    doc = {"type": "about:blank", "title": title.get(status, "Error"), "status": status}
    body = orjson.dumps({**doc, "detail": detail})
    head = [
        b"HTTP/1.1 %d %s\r\n" % (status, reason),
        b"content-type: application/problem+json\r\n",
        b"content-length: %d\r\n" % len(body),
        b"connection: close\r\n",
    ]
    if retry_after is not None:
        head.append(b"retry-after: %d\r\n" % retry_after)
    return b"".join([*head, b"\r\n", body])


_TOO_SLOW = _raw_problem(
    408, b"Request Timeout", "The request headers did not arrive in time; send them at once."
)
_BODY_TOO_SLOW = _raw_problem(
    408, b"Request Timeout", "The request body arrived too slowly; send it at once."
)
_TOO_BIG = _raw_problem(
    431, b"Request Header Fields Too Large", "The request headers are too large."
)
_TOO_MANY = _raw_problem(
    429,
    b"Too Many Requests",
    "Too many connections from your address; close some and try again.",
    retry_after=5,
)


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a header deadline, a header size cap and a cap on
    connections per address."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = _process_limits()
        self._deadline: asyncio.TimerHandle | None = None
        self._header_bytes = 0
        self._in_headers = False
        self._in_body = False
        self._body_bytes = 0
        self._body_started = 0.0
        self._counted: str | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        address = self.client[0] if self.client else None
        limits = self._limits
        if address is not None and limits.per_address and address not in limits.trusted_proxies:
            held = _connections.get(address, 0)
            if held >= limits.per_address:
                log.warning("refused a connection: %s holds %d already", address, held)
                transport.write(_TOO_MANY)
                transport.close()
                return
            _connections[address] = held + 1
            self._counted = address
        self._arm()

    def _release(self) -> None:
        address = self._counted
        if address is not None:
            self._counted = None
            left = _connections.get(address, 1) - 1
            if left > 0:
                _connections[address] = left
            else:
                _connections.pop(address, None)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._release()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None and self._limits.header_timeout > 0:
            self._deadline = self.loop.call_later(self._limits.header_timeout, self._too_slow)
        self._in_headers = True
        self._header_bytes = 0

    def _disarm(self) -> None:
        self._in_headers = False
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self._in_headers and not self.transport.is_closing():
            self.transport.write(_TOO_SLOW)
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._in_headers:
            self._header_bytes += len(data)
            if self._header_bytes > self._limits.max_header_bytes:
                self._disarm()
                self.transport.write(_TOO_BIG)
                self.transport.close()
                return
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        # A keep-alive connection's next request: its headers get the same deadline.
        if not self._in_headers:
            self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()
        # The body's deadline: one timer per request with a body, which on firing checks the
        # bytes that arrived meanwhile (a rate, not a per-chunk timer).
        limits = self._limits
        if limits.body_timeout > 0 and self.parser is not None:
            for name, value in self.headers:
                if (name == b"content-length" and value != b"0") or name == b"transfer-encoding":
                    self._body_bytes = 0
                    self._body_started = self.loop.time()
                    self._in_body = True
                    self._deadline = self.loop.call_later(limits.body_timeout, self._body_check)
                    break

    def on_body(self, body: bytes) -> None:
        self._body_bytes += len(body)
        super().on_body(body)

    def on_message_complete(self) -> None:
        if self._in_body:
            self._in_body = False
            self._disarm()
        super().on_message_complete()

    def _body_check(self) -> None:
        self._deadline = None
        if not self._in_body or self.transport.is_closing():
            return
        limits = self._limits
        allowed = limits.body_timeout + (
            self._body_bytes / limits.body_min_rate if limits.body_min_rate else 0
        )
        late = self.loop.time() - self._body_started - allowed
        if late < 0:
            self._deadline = self.loop.call_later(-late + 0.05, self._body_check)
            return
        self._in_body = False
        cycle = self.cycle
        if cycle is None or not cycle.response_started:
            self.transport.write(_BODY_TOO_SLOW)
        self.transport.close()

    def handle_websocket_upgrade(self) -> None:
        # The WebSocket protocol takes the transport over (and never calls our
        # connection_lost): from here the socket is counted by EdgeMiddleware.
        self._disarm()
        self._release()
        super().handle_websocket_upgrade()


# Security headers. Pages that run scripts set their own Content-Security-Policy (the console,
# the chat page, the help center); everything else gets the strict default.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)
HELP_CSP = DEFAULT_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

_CSP = b"content-security-policy"
_CACHE = b"cache-control"
_COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", PERMISSIONS_POLICY.encode()),
]
_NO_STORE = (_CACHE, b"no-store")

# What each kind of path adds: (X-Frame-Options or None, default CSP, no-store by default).
_STATIC = (None, None, False)  # files: cached by the browser, never framed anything
_CHAT = (None, DEFAULT_CSP.encode(), False)  # framed by the company's site (its CSP says where)
_HELP = (b"SAMEORIGIN", HELP_CSP.encode(), False)  # public articles: cacheable
_CASE = (b"SAMEORIGIN", HELP_CSP.encode(), True)  # a recovery case: whoever holds the link
_PRIVATE = (b"DENY", DEFAULT_CSP.encode(), True)  # API, console, docs: never cached


def _kind(path: str) -> tuple[bytes | None, bytes | None, bool]:
    if path.startswith("/static/") or path == "/widget.js":
        return _STATIC
    if path == "/chat":
        return _CHAT
    if path.startswith("/help"):
        return _CASE if "/deposit-recovery" in path else _HELP
    return _PRIVATE


# The ASGI scope key of when a request began (time.monotonic()).
STARTED_KEY = "firstline.started"


class EdgeMiddleware:
    """Per-address caps on WebSockets and requests in flight, and the security headers."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.per_address = settings.max_connections_per_address
        self.websockets_per_address = settings.max_websockets_per_address
        self.hsts = (
            (b"strict-transport-security", b"max-age=%d" % settings.hsts_seconds)
            if settings.hsts_seconds > 0
            else None
        )
        self.requests: dict[str, int] = {}
        self.sockets: dict[str, int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        # When the request began: the database handler below resets the pool only for a
        # failure on a connection the current pool gave out.
        scope[STARTED_KEY] = time.monotonic()
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        frame, csp, no_store = _kind(scope["path"])
        hsts = self.hsts if scope.get("scheme") == "https" else None

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                has_csp = has_cache = False
                for name, _ in headers:
                    if name == _CSP:
                        has_csp = True
                    elif name == _CACHE:
                        has_cache = True
                headers.extend(_COMMON)
                if csp is not None and not has_csp:
                    headers.append((_CSP, csp))
                if no_store and not has_cache:
                    headers.append(_NO_STORE)
                if frame is not None:
                    headers.append((b"x-frame-options", frame))
                if hsts is not None:
                    headers.append(hsts)
                message["headers"] = headers
            await send(message)

        address = _address(scope)
        if not self.per_address or address is None:
            await self.app(scope, receive, send_with_headers)
            return
        held = self.requests.get(address, 0)
        if held >= self.per_address:
            refused = translated_problem(scope, 429, "too_many_at_once")
            refused.headers["Retry-After"] = "5"
            await refused(scope, receive, send_with_headers)
            return
        self.requests[address] = held + 1
        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            _decrement(self.requests, address)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        address = _address(scope)
        if not self.websockets_per_address or address is None:
            await self.app(scope, receive, send)
            return
        held = self.sockets.get(address, 0)
        if held >= self.websockets_per_address:
            log.warning("refused a WebSocket: %s holds %d already", address, held)
            # Refused before the handshake: the client sees HTTP 403.
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})
            return
        self.sockets[address] = held + 1
        try:
            await self.app(scope, receive, send)
        finally:
            _decrement(self.sockets, address)


def _address(scope: Scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None


def _decrement(counts: dict[str, int], address: str) -> None:
    left = counts.get(address, 1) - 1
    if left > 0:
        counts[address] = left
    else:
        counts.pop(address, None)


def database_gone(exc: BaseException) -> bool:
    """Whether `exc` says the database cannot be reached or dropped the connection (a retry
    will do), rather than that the request was wrong."""
    if isinstance(exc, PoolTimeoutError | ConnectionError | TimeoutError | socket.gaierror):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError):
            return True
        return exc.orig is not None and database_gone(exc.orig)
    if _DRIVER_GONE and isinstance(exc, _DRIVER_GONE):
        return True
    # The async drivers' errors as SQLAlchemy adapts them, when they escape unwrapped (from
    # a transaction's BEGIN, for one).
    if isinstance(exc, EmulatedDBAPIException) and type(exc).__name__ in (
        "InterfaceError", "OperationalError",
    ):  # fmt: skip
        return True
    # PostgreSQL's classes for a lost connection (08), too many connections (53) and the
    # server being shut down or restarted (57).
    state = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if isinstance(state, str) and state[:2] in ("08", "53", "57"):
        return True
    cause = exc.__cause__
    return cause is not None and cause is not exc and database_gone(cause)


def unavailable(scope: Scope) -> ProblemJSON:
    response = translated_problem(scope, 503, "database_unreachable")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def install_unavailable_handler(app: FastAPI) -> None:
    last_reset = 0.0

    async def _database(request: Request, exc: Exception) -> ProblemJSON:
        nonlocal last_reset
        if not database_gone(exc):
            raise exc
        log.warning("database unavailable on %s: %r", request.url.path, exc)
        # When PostgreSQL dropped one pooled connection it usually dropped them all (a restart,
        # a failover, pg_terminate_backend). Not every failure passes through SQLAlchemy's own
        # disconnect handling (the hand-written SQL talks to the driver), so start a fresh pool
        # here: requests then get new connections instead of meeting the dead ones one by one.
        # Connections in use finish on the old pool. A request that began before the last reset
        # may have failed on the old pool, so it resets nothing (a storm of failures resets
        # once); one that began after it met a dead connection of the new pool, which
        # another drop (a second restart, a failover) left, and resets again.
        db = getattr(request.app.state, "db", None)
        started = request.scope.get(STARTED_KEY, 0.0)
        if db is not None and db.dialect == "postgresql" and started > last_reset:
            last_reset = time.monotonic()
            for engine in {db.engine, db.write_engine}:
                await engine.dispose(close=False)
        return unavailable(request.scope)

    for kind in (
        DBAPIError, EmulatedDBAPIException, PoolTimeoutError, ConnectionError, TimeoutError,
        *_DRIVER_GONE,
    ):  # fmt: skip
        app.add_exception_handler(kind, _database)


def docs_csp(html: str) -> str:
    """The Swagger page's policy: its one inline script allowed by hash, nothing else."""
    start = html.index("<script>", html.index("swagger-ui-bundle.js")) + len("<script>")
    script = html[start : html.index("</script>", start)]
    digest = hashlib.sha256(script.encode()).digest()
    import base64

    token = base64.b64encode(digest).decode()
    return (
        f"default-src 'self'; script-src 'self' 'sha256-{token}'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
