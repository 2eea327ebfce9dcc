"""What operators see of a server: a request id on every response, one JSON log line per
request, and Prometheus metrics at /metrics (core/metrics.py keeps the process counters).

The log line names the route template (`/api/v1/conversations/{conversation_id}`), never the
path or its query string: the chat widget's socket carries the customer's token in its query,
and a path can hold an email address. Headers are never logged. The metrics use the same
template as their `route` label, so a scan of random URLs adds one series, not thousands.

/metrics is for the deployment's scraper, not the internet: it answers only a bearer token
equal to FIRSTLINE_METRICS_TOKEN or an admin's API token, and 404 to anything else, as if it
did not exist. The deployment's gauges (queues, open conversations) are read from the
database at most once per CACHE_SECONDS, whichever worker is scraped, from the queue index
and the status index: their cost follows what is waiting and open, not the table.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import re
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from firstline.agents.access import authenticate_token
from firstline.agents.permissions import Permission
from firstline.bot.events import BotSessionEnded
from firstline.conversations.events import ConversationOpened, MessagePosted
from firstline.core import metrics
from firstline.core.db import Database
from firstline.core.errors import Unauthorized
from firstline.core.events import Event
from firstline.core.rawsql import SQL, raw_connection
from firstline.core.settings import Settings
from firstline.realtime.hub import Hub
from firstline.routing.queries import floor
from firstline.sla.events import SlaBreached
from firstline.web.problems import problem, translated_problem

log = logging.getLogger(__name__)
access_log = logging.getLogger("firstline.access")

REQUEST_ID_HEADER = b"x-request-id"
# What a request id from a client or proxy may look like; anything else is replaced, so a
# header cannot inject text into the log or a response.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "<unmatched>"

CACHE_SECONDS = 5.0
SAMPLE_SECONDS = 5.0


def request_id_of(headers: Iterable[tuple[bytes, bytes]]) -> bytes:
    for name, value in headers:
        if name == REQUEST_ID_HEADER:
            if _SANE_REQUEST_ID.fullmatch(value.decode("latin-1")):
                return value
            break
    return os.urandom(16).hex().encode()


def route_label(scope: Scope, root_path: str, endpoints: dict[Any, str]) -> str:
    """The template of the route that answered, with the prefix of any mount it sits in.

    FastAPI names its API routes in `scope["route"]`, as do the routers of mounted apps (the
    admin); its other routes (pages, sockets, static files, /metrics) leave only their
    endpoint, which `endpoints` maps back to a template.
    """
    route = scope.get("route")
    if route is not None:
        prefix = str(scope.get("root_path", ""))[len(root_path) :]
        if isinstance(route, Mount):
            return prefix + "/{path}"
        return prefix + str(getattr(route, "path", ""))
    endpoint = scope.get("endpoint")
    if endpoint is not None:
        with contextlib.suppress(TypeError):  # an unhashable endpoint has no template here
            return endpoints.get(endpoint, UNMATCHED)
    return UNMATCHED


def endpoint_templates(routes: Iterable[Any]) -> dict[Any, str]:
    templates: dict[Any, str] = {}
    for route in routes:
        if isinstance(route, Mount):
            templates.setdefault(route.app, route.path + "/{path}")
        elif hasattr(route, "endpoint") and hasattr(route, "path"):
            templates.setdefault(route.endpoint, route.path)
    return templates


def access_log_enabled(mode: str | None) -> bool:
    """Set up the JSON access log when `mode` asks for it (once per process)."""
    if mode != "json":
        return False
    if not access_log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_log.addHandler(handler)
        # The line is the whole record: no uvicorn or root formatting around it.
        access_log.propagate = False
    # Whoever attached the handlers, the lines are INFO records: a logger left at the root's
    # WARNING would drop every one of them.
    access_log.setLevel(logging.INFO)
    return True


class RequestMiddleware:
    """Request id, access log line and request metrics, around everything the app answers.

    An exception nothing handled still gets a problem document carrying the request id
    (Starlette's last-resort handler, further out, then only logs the traceback), so the id a
    customer quotes from an error page finds the log line and the traceback.
    """

    def __init__(self, app: ASGIApp, *, log_requests: bool) -> None:
        self.app = app
        self.log_requests = log_requests
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        self._endpoints: dict[Any, str] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind != "http" and kind != "websocket":
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope["headers"])
        root_path = scope.get("root_path", "")
        started = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            kind = message["type"]
            if kind == "http.response.start" or kind == "websocket.accept":
                status = message.get("status", 101)
                message["headers"] = [*message.get("headers", ()), (REQUEST_ID_HEADER, request_id)]
            elif kind == "websocket.close" and not status:
                status = 403  # refused before the handshake completed
            elif kind == "websocket.http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            if kind == "http" and not status:
                sent = translated_problem(
                    scope, 500, "server_failed", request_id=request_id.decode()
                )
                await sent(scope, receive, send_with_id)
            status = status or 500
            raise
        finally:
            elapsed = time.perf_counter() - started
            if self._endpoints is None:
                # The routes are all added by the time the first request arrives.
                self._endpoints = endpoint_templates(scope["app"].routes)
            route = route_label(scope, root_path, self._endpoints)
            method = scope.get("method", "GET") if kind == "http" else "WS"
            if kind == "http":
                self._count(method, route, status or 500, elapsed)
            if self.log_requests:
                self._log(scope, request_id, method, route, status or 500, elapsed)

    def _count(self, method: str, route: str, status: int, elapsed: float) -> None:
        if method not in _METHODS:
            method = "other"
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            # labels() takes a lock and builds a key each time; the children live forever.
            children = (
                metrics.HTTP_REQUESTS.labels(method, route, str(status)),
                metrics.HTTP_LATENCY.labels(method, route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(elapsed)

    def _log(
        self, scope: Scope, request_id: bytes, method: str, route: str, status: int, elapsed: float
    ) -> None:
        client = scope.get("client")
        state = scope.get("state") or {}
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "request_id": request_id.decode(),
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(elapsed * 1000, 2),
            "agent_id": state.get("agent_id"),
            "client": client[0] if client else None,
        }
        access_log.info(orjson.dumps(line).decode())


def count_event(event: Event) -> None:
    """Count what the deployment did, from the events of the transactions this process
    committed (each event is published once, by the process that committed it)."""
    if isinstance(event, MessagePosted):
        if event.author_kind == "bot" and not event.internal:
            metrics.BOT_ANSWERS.inc()
    elif isinstance(event, ConversationOpened):
        metrics.CONVERSATIONS_OPENED.labels(event.channel).inc()
    elif isinstance(event, SlaBreached):
        metrics.SLA_BREACHES.labels(event.metric).inc()
    elif isinstance(event, BotSessionEnded):
        metrics.BOT_OUTCOMES.labels(event.outcome, event.reason or "").inc()


def observe_job_pass(lag: float, duration: float) -> None:
    metrics.JOB_LAG.set(lag)
    metrics.JOB_PASS.observe(duration)


# Conversations not yet settled, by status: a range of the (status, id) index per status.
_UNSETTLED = SQL(
    "SELECT status, count(*) FROM conversations "
    "WHERE status IN ('bot', 'open', 'pending', 'on_hold') GROUP BY status"
)


class _Families(Collector):
    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> Iterable[Metric]:
        return self.families


class DeploymentGauges:
    """The gauges read from the database, shared by every scrape for CACHE_SECONDS."""

    def __init__(self, db: Database, *, cache_seconds: float = CACHE_SECONDS) -> None:
        self.db = db
        self.cache_seconds = cache_seconds
        self._registry: CollectorRegistry | None = None
        self._read_at: datetime | None = None
        self._lock = asyncio.Lock()

    async def registry(self) -> CollectorRegistry | None:
        async with self._lock:
            at = self.db.clock.now()
            if self._read_at is None or (at - self._read_at).total_seconds() >= self.cache_seconds:
                try:
                    self._registry = await self._read()
                except Exception:  # the process's own metrics still go out
                    log.exception("metrics: reading the deployment gauges failed")
                    self._registry = None
                self._read_at = at
            return self._registry

    async def _read(self) -> CollectorRegistry:
        depth = GaugeMetricFamily(
            "firstline_queue_depth", "Conversations waiting in a team's queue.", labels=["team"]
        )
        oldest = GaugeMetricFamily(
            "firstline_queue_oldest_wait_seconds",
            "How long the longest-waiting conversation of a team's queue has waited.",
            labels=["team"],
        )
        unsettled = GaugeMetricFamily(
            "firstline_conversations",
            "Conversations not yet resolved, by status.",
            labels=["status"],
        )
        async with self.db.session() as session:
            raw = await raw_connection(session)
            rows = await floor(raw, self.db.clock.now(), {})
            by_status = dict(await raw.fetchall(_UNSETTLED))
        teams: dict[str, tuple[int, int]] = {}
        for (team_id, _language), row in rows.items():
            team = "none" if team_id is None else str(team_id)
            waiting, longest = teams.get(team, (0, 0))
            teams[team] = (waiting + row.waiting, max(longest, row.longest_wait_seconds))
        for team, (waiting, longest) in sorted(teams.items()):
            depth.add_metric([team], waiting)
            oldest.add_metric([team], longest)
        for status in ("bot", "open", "pending", "on_hold"):
            unsettled.add_metric([status], int(by_status.get(status, 0)))
        registry = CollectorRegistry(auto_describe=False)
        registry.register(_Families([depth, oldest, unsettled]))
        return registry


def sample_process(db: Database, hub: Hub) -> None:
    """Set this process's live gauges: its WebSocket connections and its pools."""
    metrics.WEBSOCKETS.set(hub.listeners)
    engines = {"main": db.engine}
    if db.write_engine is not db.engine:
        engines["write"] = db.write_engine
    for name, engine in engines.items():
        pool: Any = engine.pool
        if hasattr(pool, "checkedout") and hasattr(pool, "size"):
            metrics.DB_POOL_CHECKED_OUT.labels(name).set(pool.checkedout())
            metrics.DB_POOL_SIZE.labels(name).set(pool.size())


class Observability:
    """The metrics endpoint and this process's sampler of live gauges."""

    def __init__(self, app: FastAPI, db: Database, settings: Settings) -> None:
        self.app = app
        self.db = db
        self.settings = settings
        self.gauges = DeploymentGauges(db)
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    async def may_scrape(self, request: Request) -> bool:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return False
        wanted = self.settings.metrics_token
        if wanted and hmac.compare_digest(token.encode(), wanted.encode()):
            return True
        try:
            async with self.db.session() as session:
                actor = await authenticate_token(session, token)
        except Unauthorized:
            return False
        return actor.can(Permission.security_configure)

    async def endpoint(self, request: Request) -> Response:
        if not await self.may_scrape(request):
            return problem(404, f"No such endpoint: {request.method} {request.url.path}.")
        sample_process(self.db, self.app.state.hub)
        body = metrics.render(await self.gauges.registry())
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        # Another worker may answer the scrape: keep this process's live gauges fresh.
        while not self._stop.is_set():
            try:
                sample_process(self.db, self.app.state.hub)
            except Exception:
                log.exception("metrics: sampling this process failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=SAMPLE_SECONDS)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task


def install_observability(app: FastAPI, db: Database, settings: Settings) -> Observability:
    """Add the request middleware (outermost of ours), the event counters and /metrics."""
    observability = Observability(app, db, settings)
    app.add_middleware(RequestMiddleware, log_requests=access_log_enabled(settings.access_log))
    db.bus.subscribe(count_event)
    app.add_route("/metrics", observability.endpoint, methods=["GET"], include_in_schema=False)
    return observability
