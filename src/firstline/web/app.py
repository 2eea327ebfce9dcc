"""The ASGI application: the REST API, its OpenAPI documentation and the health check."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any, Literal

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.routing import WebSocketRoute

import firstline
from firstline.agents.roles import ensure_builtin_roles
from firstline.agents.tokens import TokenUses
from firstline.core.breaker import redis_breaker
from firstline.core.db import Database
from firstline.core.language import detect_language
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings, get_settings
from firstline.jobs import JobRunner
from firstline.knowledge.search import index_for
from firstline.mail.listener import start_listener
from firstline.realtime.hub import Hub
from firstline.realtime.relay import Realtime
from firstline.web import chat, console, csat, helpcenter, signin, sso, webform
from firstline.web.api.v1 import (
    account,
    agents,
    audit,
    bot,
    canned,
    conversations,
    customers,
    dashboard,
    escalation,
    flows,
    intents,
    kb_search,
    knowledge,
    language,
    learning,
    mail,
    quality,
    roles,
    routing,
    search,
    sla,
    teams,
    tokens,
    webhooks,
)
from firstline.web.api.v1 import sso as sso_api
from firstline.web.deps import DatabaseDep
from firstline.web.edges import EdgeMiddleware, docs_csp, install_unavailable_handler
from firstline.web.inputs import bound_integer_parameters, install_input_rules
from firstline.web.observability import install_observability, observe_job_pass
from firstline.web.openapi import build_openapi, fallback_operation_id
from firstline.web.problems import (
    BodyLimitMiddleware,
    install_problem_handlers,
    problem,
    problem_responses,
)
from firstline.web.queue_updates import QueueAnnouncer
from firstline.web.recovery import api as recovery
from firstline.web.recovery import pages as recovery_pages
from firstline.web.responses import FastJSON

DESCRIPTION = """
Firstline's REST API. Authenticate with `Authorization: Bearer <token>`
(create one with `firstline token create --email AGENT_EMAIL`).

Errors are [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem documents whose `detail`
says what to fix. Lists are newest first and keyset-paginated: pass `next_cursor` back as
`cursor`. `POST` requests accept an `Idempotency-Key` header that makes retries safe.
"""


class Health(BaseModel):
    status: Literal["ok"]
    database: str = Field(description="sqlite or postgresql.")
    version: str
    worker: int = Field(description="The id of the server process that answered.")


# API paths that need no token: they only read what the public help center shows.
PUBLIC_API = frozenset({"/api/v1/kb/search"})


def add_routes(app: FastAPI, router: APIRouter, prefix: str) -> None:
    """Add a router's routes to the app itself, under `prefix`.

    `include_router` keeps the router as a nested level that FastAPI matches route by route,
    twice per request, through several layers of bookkeeping: about a third of the framework's
    time for a request to a hot route. Routes added to the app match with one regex each.
    """
    for route in router.routes:
        assert isinstance(route, APIRoute), route
        app.add_api_route(
            prefix + route.path,
            route.endpoint,
            methods=sorted(route.methods or ()),
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            summary=route.summary,
            description=route.description,
            response_description=route.response_description,
            responses=route.responses,
            name=route.name,
            operation_id=route.operation_id,
            openapi_extra=route.openapi_extra,
            include_in_schema=route.include_in_schema,
            response_class=route.response_class,
            dependencies=route.dependencies,
        )


UPLOAD_PATHS = re.compile(
    r"/api/v1/conversations/[0-9]+/attachments|/chat/api/attachments|/help/[^/]+/request"
)


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    owned = database is None
    # Creating the Database opens no connection; the lifespan disposes of it if it is ours.
    db = database or Database(settings.database_url, pool_size=settings.db_pool_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.redis_url:
            key = await instance_secret(app.state.db, "cookie_key", settings.secret_key)
            await realtime.start(deployment_key=key)
        # Load the language model now rather than on the first customer's message, and build
        # the knowledge-base index (seconds for 10,000 articles) before the first question, so
        # the bot never builds it inside a customer's write transaction.
        detect_language("warm-up: my deposit has not arrived")
        async with app.state.db.session() as session:
            await index_for(session).refresh(session)
        async with app.state.db.transaction() as session:
            await ensure_builtin_roles(session)
        # Everything loaded so far lives as long as the process: move it out of the garbage
        # collector's sight, and collect less often. Full collections over SQLAlchemy's and
        # FastAPI's object graphs otherwise stall a request now and then by 50-100 ms.
        gc.collect()
        gc.freeze()
        gc.set_threshold(20_000, 20, 50)
        runner = (
            JobRunner(app.state.db, interval=settings.jobs_interval, observe=observe_job_pass)
            if settings.jobs
            else None
        )
        if runner is not None:
            runner.start()
        announcer = QueueAnnouncer(
            app.state.db, app.state.hub, interval=settings.queue_update_seconds
        )
        announcer.start()
        app.state.token_uses.start()
        mail_listener = (
            await start_listener(app.state.db, settings) if settings.smtp_listen else None
        )
        observability.start()
        try:
            yield
        finally:
            if mail_listener is not None:
                mail_listener.close()
                await mail_listener.wait_closed()
            await observability.stop()
            await announcer.stop()
            await app.state.token_uses.stop()
            if runner is not None:
                await runner.stop()
            await realtime.stop()
            if owned:
                await app.state.db.dispose()

    app = FastAPI(
        title="Firstline",
        version=firstline.__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        default_response_class=FastJSON,
        generate_unique_id_function=fallback_operation_id,
    )
    app.state.token_uses = TokenUses(db)
    app.state.dashboard_cache = {}
    app.state.settings = settings
    # Live connections of this process, fed with committed events (and, with Redis, with the
    # other processes' events).
    app.state.hub = Hub()
    realtime = Realtime(app.state.hub, settings.redis_url)
    app.state.realtime = realtime

    app.state.db = db
    db.bus.subscribe(realtime.on_event)
    install_problem_handlers(app)
    install_input_rules(app)  # inside the body limit: the limit applies first
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        # Where files are sent (each still checked against attachment_max_bytes).
        upload_bytes=max(settings.mail_max_bytes, settings.max_body_bytes),
        upload_paths=UPLOAD_PATHS,
    )
    observability = install_observability(app, db, settings)
    # Outermost: the per-address caps and the security headers cover every response.
    app.add_middleware(EdgeMiddleware, settings=settings)
    install_unavailable_handler(app)
    if settings.redis_url:
        redis_breaker(settings.redis_url, timeout=settings.redis_timeout)

    for module in (
        conversations, customers, teams, agents, search, canned, routing, sla, escalation,
        dashboard, language, knowledge, bot, kb_search, intents, flows, recovery,
        webhooks, tokens, roles, audit, account, mail, quality, learning,
        sso_api,
    ):  # fmt: skip
        add_routes(app, module.router, prefix="/api/v1")
    app.include_router(chat.router)
    app.router.routes.append(WebSocketRoute("/chat/ws", chat.chat_socket))
    app.include_router(console.router)
    app.include_router(sso.router)
    app.include_router(signin.router)
    signin.configure_sign_in(settings)
    app.include_router(recovery_pages.router)
    app.include_router(csat.router)
    app.include_router(webform.router)  # before the help center's catch-all article routes
    app.include_router(helpcenter.router)
    static = files("firstline.web") / "static"
    app.mount("/static/firstline", StaticFiles(directory=str(static)), name="firstline-static")

    bound_integer_parameters(app)  # every route is added by now

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app, PUBLIC_API)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    swagger = files("swagger_ui") / "static"
    app.mount("/static/swagger-ui", StaticFiles(directory=str(swagger)), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        # Served from the package, not a CDN: support desks often run on closed networks.
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Firstline API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/swagger-ui/favicon-32x32.png",
        )
        page.headers["Content-Security-Policy"] = docs_csp(bytes(page.body).decode())
        return page

    @app.get(
        "/healthz",
        tags=["operations"],
        operation_id="getHealth",
        response_model=Health,
        responses=problem_responses((503, "The database is not reachable.")),
    )
    async def healthz(db: DatabaseDep) -> Any:
        """200 when the database answers, 503 otherwise."""
        try:
            await db.ping()
        except Exception as exc:
            return problem(503, f"The database is not reachable: {type(exc).__name__}.")
        return FastJSON(
            {
                "status": "ok",
                "database": db.dialect,
                "version": firstline.__version__,
                # Which server process answered (firstline serve --workers N runs several).
                "worker": os.getpid(),
            }
        )

    @app.get("/", include_in_schema=False)
    async def index() -> FastJSON:
        return FastJSON(
            {
                "name": "Firstline",
                "version": firstline.__version__,
                "api": "/api/v1",
                "docs": "/docs",
                "openapi": "/openapi.json",
            }
        )

    return app
