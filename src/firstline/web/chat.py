"""The customer's side of live chat: the page, the embeddable widget, its API and WebSocket.

Customers are not agents and carry no bearer token: they prove who they are with a chat token
(chat/identity.py) sent in the `X-Chat-Token` header or, on the WebSocket, the `token` query
parameter. Everything here answers only for the customer the token names.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Request, WebSocket
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.chat.identity import (
    VISITOR_PREFIX,
    ChatIdentity,
    ChatSigner,
    new_visitor_id,
    verify_user,
)
from firstline.chat.schemas import ChatHistory, ChatSent, ChatSession
from firstline.chat.service import (
    history,
    latest_conversation,
    post_customer_message,
    queue_status,
)
from firstline.conversations.schemas import MAX_MESSAGE_CHARS, Body, ClientId
from firstline.core.db import Database
from firstline.core.errors import FirstlineError, Unauthorized
from firstline.core.i18n import CATALOGS, bind
from firstline.core.language import (
    DEFAULT_LANGUAGE,
    RTL_LANGUAGES,
    SUPPORTED_LANGUAGES,
    normalize_locale,
)
from firstline.core.ratelimit import Limiter, limiter
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.core.types import Email, Name, Slug
from firstline.customers.actions import do_upsert_customer
from firstline.customers.schemas import CustomerIn, ExternalId
from firstline.realtime.hub import Listener, customer_channel
from firstline.web.console import browser_language
from firstline.web.deps import DatabaseDep
from firstline.web.problems import problem, problem_responses
from firstline.web.responses import FastJSON, ProblemJSON
from firstline.web.sockets import serve_listener
from firstline.web.templates import render

router = APIRouter(tags=["chat widget"])

VISITOR_COOKIE = "fl_visitor"
# A visitor may send this many messages in a burst, then one every two seconds.
MESSAGE_BURST = 8
MESSAGE_RATE = 0.5
# Per address: generous, because many customers share one behind mobile carriers' NAT.
SESSION_BURST = 60
SESSION_RATE = 1.0
# New conversations opened by anonymous visitors, per address: each one reaches a person (or
# the bot) and a queue, so a script opening chats in a loop must not fill the floor. A burst
# of five, then one every ten seconds, still lets a shared office or carrier NAT through.
# Logged-in users (the company signed who they are) are not counted here.
NEW_CHAT_BURST = 5
NEW_CHAT_RATE = 0.1


class TooManyRequests(FirstlineError):
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: int, code: str) -> None:
        super().__init__(detail, retry_after=retry_after, code=code)
        self.retry_after = retry_after


def _refused(exc: TooManyRequests) -> ProblemJSON:
    """A 429 problem document that says when to come back, in the body and as Retry-After;
    `code` tells the widget which sentence to show the customer."""
    response = problem(429, exc.detail, title=TooManyRequests.title, **exc.extra)
    response.headers["Retry-After"] = str(exc.retry_after)
    return response


@dataclass
class ChatContext:
    signer: ChatSigner
    widget_secret: str
    messages: Limiter
    sessions: Limiter
    new_chats: Limiter
    settings: Settings


async def chat_context(request: Request) -> ChatContext:
    return await _context(request.app)


async def _context(app: Any) -> ChatContext:
    ctx: ChatContext | None = getattr(app.state, "chat", None)
    if ctx is None:
        settings: Settings = app.state.settings
        db: Database = app.state.db
        secret = await instance_secret(db, "cookie_key", settings.secret_key)
        widget = await instance_secret(db, "widget_key", settings.widget_secret)
        ctx = ChatContext(
            signer=ChatSigner(secret),
            widget_secret=widget,
            messages=limiter("messages", MESSAGE_RATE, MESSAGE_BURST, settings.redis_url, secret),
            sessions=limiter("sessions", SESSION_RATE, SESSION_BURST, settings.redis_url, secret),
            new_chats=limiter(
                "new_chats", NEW_CHAT_RATE, NEW_CHAT_BURST, settings.redis_url, secret
            ),
            settings=settings,
        )
        app.state.chat = ctx
    return ctx


ChatDep = Annotated[ChatContext, Depends(chat_context)]


def _language(stored: str | None, locale: str | None) -> str:
    return stored or (normalize_locale(locale) if locale else None) or DEFAULT_LANGUAGE


DOMAIN = "chat"


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def chat_catalog(language: str) -> dict[str, str]:
    """The widget's messages in `language` (the chat catalog, English filling any gap), as
    ICU patterns the widget formats itself (static/messageformat.js), plural rules and all."""
    return {**CATALOGS.messages(DEFAULT_LANGUAGE, DOMAIN), **CATALOGS.messages(language, DOMAIN)}


def _inline_catalog(language: str) -> Markup:
    """The page's first catalog as JSON inside the page, so the widget has its texts before the
    session answers. `<`, `>` and `&` are escaped so that no text can close the script element."""
    doc = {"language": language, "rtl": language in RTL_LANGUAGES}
    text = orjson.dumps({**doc, "messages": chat_catalog(language)}).decode()
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: ExternalId | None = Field(
        default=None, description="Your product's id for a logged-in user (needs user_hash)."
    )
    user_hash: Annotated[str, StringConstraints(max_length=128)] | None = Field(
        default=None, description="Hex HMAC-SHA256 of user_id with the widget secret."
    )
    visitor: Annotated[str, StringConstraints(max_length=300)] | None = Field(
        default=None, description="The signed visitor id from an earlier session (anonymous)."
    )
    name: Name | None = None
    email: Email | None = None
    locale: Annotated[str, StringConstraints(max_length=35)] | None = None


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Body
    client_id: ClientId
    locale: Annotated[str, StringConstraints(max_length=35)] | None = None
    product: Slug | None = Field(
        default=None,
        description="The product line the page is about (the widget's data-product); routing "
        "uses it for a new conversation.",
    )


async def chat_identity(
    ctx: ChatDep, x_chat_token: Annotated[str | None, Header()] = None
) -> ChatIdentity:
    if not x_chat_token:
        raise Unauthorized("Send the X-Chat-Token header from POST /chat/api/session.")
    return ctx.signer.identity(x_chat_token)


ChatIdentityDep = Annotated[ChatIdentity, Depends(chat_identity)]


@router.post(
    "/chat/api/session",
    operation_id="startChatSession",
    response_model=ChatSession,
    responses=problem_responses(
        (401, "user_hash does not sign user_id."), (429, "Too many sessions from this address.")
    ),
)
async def start_session(
    data: SessionIn, request: Request, db: DatabaseDep, ctx: ChatDep
) -> FastJSON:
    """Start or resume a customer's chat: who they are, their language, their history."""
    client = _address(request)
    wait = await ctx.sessions.wait(client)
    if wait:
        return _refused(
            TooManyRequests(
                "Too many chat sessions from this address; wait a minute.",
                retry_after=wait, code="too_many_sessions",
            )
        )  # fmt: skip
    visitor = None
    if data.user_id is not None:
        verify_user(ctx.widget_secret, data.user_id, data.user_hash or "")
        external_id = data.user_id
    else:
        cookie = request.cookies.get(VISITOR_COOKIE)
        for signed in (cookie, data.visitor):
            if signed and visitor is None:
                visitor = ctx.signer.visitor_from_cookie(signed)
        visitor = visitor or new_visitor_id()
        external_id = VISITOR_PREFIX + visitor
    fields: dict[str, Any] = {"external_id": external_id}
    for name in ("name", "email", "locale"):
        if getattr(data, name) is not None:
            fields[name] = getattr(data, name)
    async with db.transaction(raw_writes=True) as session:
        customer = await do_upsert_customer(session, CustomerIn(**fields))
    identity = ChatIdentity(customer_id=customer.id, external_id=customer.external_id)
    async with db.session() as session:
        messages = await history(session, customer.id)
        latest = await latest_conversation(session, customer.id)
    language = _language(latest.language if latest else customer.language, data.locale)
    signed_visitor = ctx.signer.visitor_cookie(visitor) if visitor else None
    body = {
        "token": ctx.signer.token(identity),
        "visitor": signed_visitor,
        "language": language,
        "rtl": language in RTL_LANGUAGES,
        "catalog": chat_catalog(language),
        # The name the widget read before the catalogs (kept for widgets built against it).
        "strings": chat_catalog(language),
        "conversation": {"id": latest.id, "status": latest.status} if latest else None,
        "messages": messages,
        # The widget says so before sending rather than lose what does not fit.
        "max_chars": MAX_MESSAGE_CHARS,
    }
    response = FastJSON(body)
    if signed_visitor:
        settings: Settings = request.app.state.settings
        response.set_cookie(
            VISITOR_COOKIE,
            signed_visitor,
            max_age=90 * 24 * 3600,
            httponly=True,
            samesite="lax",
            secure=settings.secure_cookies,
        )
    return response


@router.get(
    "/chat/api/messages",
    operation_id="listChatMessages",
    response_model=ChatHistory,
    responses=problem_responses((401, "No X-Chat-Token, or one that expired.")),
)
async def chat_messages(identity: ChatIdentityDep, db: DatabaseDep, after: int = 0) -> FastJSON:
    """The customer's messages after id `after` (what a reconnecting widget missed)."""
    async with db.session() as session:
        return FastJSON({"items": await history(session, identity.customer_id, after=after)})


@router.post(
    "/chat/api/messages",
    status_code=201,
    operation_id="sendChatMessage",
    response_model=ChatSent,
    responses={
        200: {"model": ChatSent, "description": "A resend of a client_id: the stored message."},
        **problem_responses(
            (401, "No X-Chat-Token, or one that expired."),
            (429, "Messages or new chats too fast; come back after Retry-After seconds."),
        ),
    },
)
async def chat_send(
    data: MessageIn, request: Request, identity: ChatIdentityDep, db: DatabaseDep, ctx: ChatDep
) -> Response:
    """Send a message. A resend with the same client_id returns the stored one (200). A body
    over the limit is refused whole (422, saying the limit), never cut; an anonymous visitor
    opening new chats too fast from one address gets 429 with Retry-After."""
    started = time.perf_counter()
    wait = await ctx.messages.wait(str(identity.customer_id))
    if wait:
        return _refused(
            TooManyRequests(
                "You are sending messages very fast; wait a moment.",
                retry_after=wait, code="too_many_messages",
            )
        )  # fmt: skip

    async def admit_new() -> None:
        if not identity.external_id.startswith(VISITOR_PREFIX):
            return
        seconds = await ctx.new_chats.wait(_address(request))
        if seconds:
            raise TooManyRequests(
                f"Too many new chats from this address; try again in {seconds} s.",
                retry_after=seconds, code="too_many_chats",
            )  # fmt: skip

    try:
        async with db.transaction(raw_writes=True) as session:
            posted = await post_customer_message(
                session,
                customer_id=identity.customer_id,
                external_id=identity.external_id,
                body=data.body,
                client_id=data.client_id,
                locale=data.locale,
                product=data.product,
                settings=ctx.settings,
                admit_new=admit_new,
            )
    except TooManyRequests as exc:
        return _refused(exc)
    body: dict[str, Any] = {"message": posted.message, "replies": posted.replies}
    if posted.acknowledgement is not None:
        body["acknowledgement"] = posted.acknowledgement
    # The handler's own time, the bot's turn included (bench/bot.py reads it).
    took = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return FastJSON(
        body, status_code=201 if posted.created else 200, headers={"Server-Timing": took}
    )


async def chat_socket(websocket: WebSocket) -> None:
    """/chat/ws?token=...&after=ID: live updates for one customer, first what they missed
    after `after`, then each new customer-visible message and status change as it commits.
    A plain Starlette route (web/app.py): FastAPI's dependency machinery would stay alive
    for the whole connection."""
    token = websocket.query_params.get("token", "")
    try:
        after = int(websocket.query_params.get("after", "0"))
    except ValueError:
        after = 0
    app = websocket.app
    ctx = await _context(app)
    try:
        identity = ctx.signer.identity(token)
    except Unauthorized:
        await websocket.close(code=4401, reason="invalid chat token")
        return
    await websocket.accept()
    hub = app.state.hub
    listener = Listener([customer_channel(identity.customer_id)])
    hub.attach(listener)  # before reading the backlog, so nothing falls in between
    try:
        db: Database = app.state.db
        async with db.session() as session:
            missed = await history(session, identity.customer_id, after=after)
            waiting = await queue_status(session, identity.customer_id)
        for message in missed:
            await websocket.send_text(_frame({"type": "message.posted", "message": message}))
        if waiting is not None:
            # A (re)connecting customer sees their place at once, not at the next change.
            await websocket.send_text(_frame(waiting))
        await serve_listener(websocket, listener)
    finally:
        hub.detach(listener)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _frame(doc: dict[str, Any]) -> str:
    return orjson.dumps(doc).decode()


def _asset(name: str) -> str:
    return (files("firstline.web") / "static" / name).read_text(encoding="utf-8")


@router.get("/chat", response_class=HTMLResponse, include_in_schema=False)
async def chat_page(request: Request, embed: int = 0) -> HTMLResponse:
    # The customer's language is known once the session answers (their stored one, or what
    # the widget's locale says); until then the page speaks the browser's.
    language = browser_language(request)
    return HTMLResponse(
        render(
            "chat.html",
            embed=bool(embed),
            lang=language,
            dir="rtl" if language in RTL_LANGUAGES else "ltr",
            t=bind(DOMAIN, language),
            catalog_json=_inline_catalog(language),
        ),
        headers={"Content-Security-Policy": _CSP + request.app.state.settings.chat_frame_ancestors},
    )


@router.get("/widget.js", include_in_schema=False)
async def widget_js() -> Response:
    return Response(
        _asset("widget.js"),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


# Scripts and styles only from this server: a message can never bring its own.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; base-uri 'none'; form-action 'self'; "
    # The sites allowed to frame the page: FIRSTLINE_CHAT_FRAME_ANCESTORS (default any).
    "frame-ancestors "
)
