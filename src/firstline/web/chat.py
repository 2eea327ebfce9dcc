"""The customer's side of live chat: the page, the embeddable widget, its API and WebSocket.

Customers are not agents and carry no bearer token: they prove who they are when the session
starts (chat/identity.py), then present the chat token it gives (chat/sessions.py) in the
`X-Chat-Token` header or, on the WebSocket, in a first `auth` message. Never in a URL: a token
in the WebSocket's query string is refused, so that none reaches an access log. Everything
here answers only for the customer the token names.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, File, Form, Header, Request, UploadFile, WebSocket
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.chat.identity import (
    MAX_IDENTITY_TOKEN,
    VISITOR_PREFIX,
    ChatSigner,
    do_claim_identity_token,
    get_identity_settings,
    new_visitor_id,
    verify_identity_token,
    verify_user,
)
from firstline.chat.schemas import ChatHistory, ChatSent, ChatSession
from firstline.chat.service import (
    history,
    latest_conversation,
    post_customer_message,
    queue_status,
)
from firstline.chat.sessions import (
    ChatIdentity,
    authenticate_chat_token,
    do_burn_chat_token,
    do_start_chat_session,
)
from firstline.conversations.attachments import safe_filename
from firstline.conversations.schemas import MAX_MESSAGE_CHARS, Body, ClientId
from firstline.core.blobs import SAFE_INLINE, blob_store, sniff
from firstline.core.db import Database, now
from firstline.core.errors import FirstlineError, InvalidInput, PayloadTooLarge, Unauthorized
from firstline.core.i18n import CATALOGS, bind
from firstline.core.language import (
    DEFAULT_LANGUAGE,
    RTL_LANGUAGES,
    SUPPORTED_LANGUAGES,
    normalize_locale,
)
from firstline.core.ratelimit import Limiter, limiter
from firstline.core.rawsql import SQL, raw_connection
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.core.types import Email, Name, Slug
from firstline.customers.actions import do_upsert_customer
from firstline.customers.schemas import CustomerIn, ExternalId
from firstline.quality.csat import csat_dict, do_rate_conversation, get_csat
from firstline.quality.schemas import CsatIn, CsatRecorded
from firstline.realtime.hub import Listener, customer_channel
from firstline.web.api.v1 import chat_identity as identity_api
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

    identity_token: Annotated[str, StringConstraints(max_length=MAX_IDENTITY_TOKEN)] | None = Field(
        default=None,
        description="A logged-in user, named by your backend: a JWT (HS256, the widget "
        "secret) with sub = your user id, iat, exp at most 10 minutes ahead, optional jti "
        "(single use), name, email, language, tier (docs/widget.md).",
    )
    user_id: ExternalId | None = Field(
        default=None,
        description="Older way to name a logged-in user, with user_hash; accepted while an "
        "admin leaves it on (GET /api/v1/chat/identity). Prefer identity_token.",
    )
    user_hash: Annotated[str, StringConstraints(max_length=128)] | None = Field(
        default=None,
        description="Hex HMAC-SHA256 of user_id with the widget secret. It never expires.",
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
    db: DatabaseDep, x_chat_token: Annotated[str | None, Header()] = None
) -> ChatIdentity:
    return await authenticate_chat_token(db, x_chat_token)


ChatIdentityDep = Annotated[ChatIdentity, Depends(chat_identity)]


@router.post(
    "/chat/api/session",
    operation_id="startChatSession",
    response_model=ChatSession,
    responses=problem_responses(
        (401, "The identity token or user_hash does not prove who the customer is."),
        (422, "identity_token given together with user_id."),
        (429, "Too many sessions from this address."),
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
    fields: dict[str, Any] = {}
    identity = None
    if data.identity_token is not None:
        if data.user_id is not None or data.user_hash is not None:
            raise InvalidInput(message="widget_identity_mixed")
        identity = verify_identity_token(ctx.widget_secret, data.identity_token, db.clock.now())
        fields.update(identity.customer.model_dump(exclude_none=True))
        external_id = identity.customer.external_id
        proof = "token"
    elif data.user_id is not None:
        async with db.session() as session:
            allowed = (await get_identity_settings(session)).user_hash_allowed
        if not allowed:
            raise Unauthorized(message="widget_user_hash_off")
        verify_user(ctx.widget_secret, data.user_id, data.user_hash or "")
        external_id = data.user_id
        proof = "user_hash"
    else:
        proof = "visitor"
        cookie = request.cookies.get(VISITOR_COOKIE)
        for signed in (cookie, data.visitor):
            if signed and visitor is None:
                visitor = ctx.signer.visitor_from_cookie(signed)
        visitor = visitor or new_visitor_id()
        external_id = VISITOR_PREFIX + visitor
    fields["external_id"] = external_id
    for name in ("name", "email", "locale"):
        # What the signed token says wins over what the page says.
        if getattr(data, name) is not None and name not in fields:
            fields[name] = getattr(data, name)
    async with db.transaction(raw_writes=True) as session:
        if identity is not None:
            await do_claim_identity_token(session, identity)
        customer = await do_upsert_customer(session, CustomerIn(**fields))
        token = await do_start_chat_session(session, customer.id, proof=proof)
    async with db.session() as session:
        messages = await history(session, customer.id)
        latest = await latest_conversation(session, customer.id)
    locale = data.locale or fields.get("locale")
    language = _language(latest.language if latest else customer.language, locale)
    signed_visitor = ctx.signer.visitor_cookie(visitor) if visitor else None
    body = {
        "token": token,
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
    responses=problem_responses((401, "No X-Chat-Token, or one that expired or was revoked.")),
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
            (401, "No X-Chat-Token, or one that expired or was revoked."),
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


_ATTACH = SQL(
    "INSERT INTO attachments (conversation_id, message_id, sha256, size, content_type, "
    "filename, content_id, inline, uploaded_by_agent_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, NULL, FALSE, NULL, $7)"
)


@router.post(
    "/chat/api/attachments",
    status_code=201,
    operation_id="sendChatAttachment",
    response_model=ChatSent,
    responses={
        200: {"model": ChatSent, "description": "A resend of a client_id: the stored message."},
        **problem_responses(
            (401, "No X-Chat-Token, or one that expired or was revoked."),
            (413, "The file is larger than the limit."),
            (429, "Messages or new chats too fast; come back after Retry-After seconds."),
        ),
    },
)
async def chat_attach(
    request: Request,
    identity: ChatIdentityDep,
    db: DatabaseDep,
    ctx: ChatDep,
    file: Annotated[UploadFile, File(description="An image (PNG, JPEG, GIF, WebP) or a PDF.")],
    client_id: Annotated[str, Form(min_length=1, max_length=64)],
    locale: Annotated[str | None, Form(max_length=35)] = None,
) -> Response:
    """Send an image or a PDF (a screenshot of the deposit, a statement): it becomes a message
    of the customer's, the file's name, that the agent opens in the console. While the bot has
    the chat it keeps the file for the agent and asks what it is about (or, in a flow, for the
    answer the flow waits for); it does not read the name as a question. What the bytes are
    decides, not the name: anything but an image or a PDF is refused (422)."""
    wait = await ctx.messages.wait(str(identity.customer_id))
    if wait:
        return _refused(
            TooManyRequests(
                "You are sending messages very fast; wait a moment.",
                retry_after=wait, code="too_many_messages",
            )
        )  # fmt: skip
    limit = ctx.settings.attachment_max_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(
            f"The file is larger than {limit // 1_048_576} MB; send a smaller one.",
            message="file_too_large",
            args={"megabytes": str(limit // 1_048_576)},
        )
    if not data or sniff(data) not in SAFE_INLINE:
        raise InvalidInput(
            "Only images (PNG, JPEG, GIF, WebP) and PDF documents can be sent here.",
            message="file_type",
        )
    store = blob_store(ctx.settings.attachments_dir, db.url)
    stored = await store.put(data)
    name = safe_filename(file.filename, "file")
    async with db.transaction(raw_writes=True) as session:
        posted = await post_customer_message(
            session,
            customer_id=identity.customer_id,
            external_id=identity.external_id,
            body=name,
            client_id=client_id,
            locale=locale,
            settings=ctx.settings,
            file=True,
        )
        if posted.created:
            raw = await raw_connection(session)
            await raw.execute(
                _ATTACH, posted.message["conversation_id"], posted.message["id"], stored.sha256,
                stored.size, stored.content_type, name, raw.ts(now(session)),
            )  # fmt: skip
    body: dict[str, Any] = {"message": posted.message, "replies": posted.replies}
    if posted.acknowledgement is not None:
        body["acknowledgement"] = posted.acknowledgement
    return FastJSON(body, status_code=201 if posted.created else 200)


# How long a new socket may take to send its auth message.
AUTH_SECONDS = 10.0
# An open socket checks its token again this often, so that a revoked or expired one is cut
# off within it: one indexed lookup per socket per interval.
RECHECK_SECONDS = 120.0


async def _authenticate_socket(
    websocket: WebSocket, db: Database
) -> tuple[ChatIdentity, str] | None:
    """Read the first frame, `{"type": "auth", "token": "..."}`, and check the token; close
    the socket (4401) and return None when it is missing, late or not valid."""
    try:
        frame = await asyncio.wait_for(websocket.receive_text(), timeout=AUTH_SECONDS)
        doc = orjson.loads(frame)
        token = doc.get("token") if isinstance(doc, dict) and doc.get("type") == "auth" else None
        token = token if isinstance(token, str) else None
        return await authenticate_chat_token(db, token), str(token)
    except Unauthorized:
        reason = "invalid chat token"
    except TimeoutError:
        reason = "no auth message"
    except Exception:  # a disconnect or a frame that is not JSON text: done either way
        reason = "expected an auth message"
    with contextlib.suppress(RuntimeError):  # the client may already have gone
        await websocket.close(code=4401, reason=reason)
    return None


async def chat_socket(websocket: WebSocket) -> None:
    """/chat/ws?after=ID: live updates for one customer. The first frame the client sends is
    `{"type": "auth", "token": CHAT_TOKEN}`; the server answers `{"type": "ready"}`, then what
    the customer missed after `after`, then each new customer-visible message and status
    change as it commits. A token in the URL is refused (close code 4400) and ended, since
    logs keep URLs. A plain Starlette route
    (web/app.py): FastAPI's dependency machinery would stay alive for the whole connection."""
    if "token" in websocket.query_params:
        # A token in a URL is in some log already (the server's own, at info level, names the
        # refused address): it is ended, and the client must start a new session.
        db_: Database = websocket.app.state.db
        async with db_.transaction(raw_writes=True) as session:
            await do_burn_chat_token(session, websocket.query_params["token"])
        await websocket.close(code=4400, reason="send the chat token in an auth message")
        return
    try:
        after = min(max(int(websocket.query_params.get("after", "0")), 0), 2**53)
    except ValueError:
        after = 0
    app = websocket.app
    await websocket.accept()
    db: Database = app.state.db
    authenticated = await _authenticate_socket(websocket, db)
    if authenticated is None:
        return
    identity, token = authenticated
    await websocket.send_text('{"type":"ready"}')
    hub = app.state.hub
    listener = Listener([customer_channel(identity.customer_id)])
    ended = False

    async def recheck() -> None:
        nonlocal ended
        while True:
            await asyncio.sleep(RECHECK_SECONDS)
            try:
                await authenticate_chat_token(db, token)
            except Unauthorized:
                ended = True
                listener.closed = True
                listener.wakeup.set()
                return

    watcher = asyncio.create_task(recheck())
    hub.attach(listener)  # before reading the backlog, so nothing falls in between
    try:
        async with db.session() as session:
            missed = await history(session, identity.customer_id, after=after)
            waiting = await queue_status(session, identity.customer_id)
        for message in missed:
            await websocket.send_text(_frame({"type": "message.posted", "message": message}))
        if waiting is not None:
            # A (re)connecting customer sees their place at once, not at the next change.
            await websocket.send_text(_frame(waiting))
        await serve_listener(websocket, listener)
        if ended:
            # Revoked or expired while open: the widget starts a new session on 4401.
            with contextlib.suppress(Exception):
                await websocket.close(code=4401, reason="chat session ended")
    finally:
        watcher.cancel()
        hub.detach(listener)


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _frame(doc: dict[str, Any]) -> str:
    return orjson.dumps(doc).decode()


def _asset(name: str) -> str:
    return (files("firstline.web") / "static" / name).read_text(encoding="utf-8")


@router.post(
    "/chat/api/csat",
    operation_id="rateChatConversation",
    response_model=CsatRecorded,
    responses=problem_responses(
        (401, "No X-Chat-Token, or one that expired or was revoked."),
        (404, "No such conversation of this customer's."),
        (409, "Not resolved yet, or the rating is final."),
        (429, "Ratings too fast; come back after Retry-After seconds."),
    ),
)
async def chat_rate(
    data: CsatIn, identity: ChatIdentityDep, db: DatabaseDep, ctx: ChatDep
) -> Response:
    """Rate a resolved conversation from 1 to 5, with an optional comment. A second rating
    within a few minutes of the first replaces it; after that the rating is final (409)."""
    wait = await ctx.messages.wait(str(identity.customer_id))
    if wait:
        return _refused(
            TooManyRequests(
                "You are sending very fast; wait a moment.",
                retry_after=wait, code="too_many_messages",
            )
        )  # fmt: skip
    async with db.transaction() as session:
        rated = await do_rate_conversation(
            session, data.conversation_id, score=data.score, comment=data.comment, via="chat",
            customer_id=identity.customer_id,
        )  # fmt: skip
        csat = csat_dict(await get_csat(session, data.conversation_id), now(session))
    return FastJSON(
        {"conversation_id": data.conversation_id, "csat": csat, "changed": rated.changed}
    )


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


# The admin side of the widget's identity lives with the API (web/api/v1/chat_identity.py);
# it is mounted here so that the chat's routes come from one place.
router.include_router(identity_api.router)
