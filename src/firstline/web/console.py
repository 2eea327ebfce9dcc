"""The agent console: sign-in, the page, and its WebSocket.

The page is one HTML document and a script that works through the REST API (authenticated by
the session cookie, with the CSRF token from the page on every change) and listens on
/console/ws for live updates: the agent's inboxes, the open conversation, who else is viewing.
"""

from __future__ import annotations

import hmac
import secrets
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit

import orjson
from fastapi import APIRouter, Form, Request, WebSocket
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from firstline.agents.access import Actor
from firstline.agents.actions import do_set_agent_password
from firstline.agents.queries import get_agent, get_agent_by_email
from firstline.agents.reset import RESET_MINUTES, agent_for_token, reset_token
from firstline.agents.rules import console_language
from firstline.agents.sessions import sign_in, sign_out
from firstline.agents.sso.config import parse_providers, sign_in_buttons, sso_only_provider
from firstline.audit.actions import record_audit
from firstline.conversations.access import access_conversation_row_by_id
from firstline.conversations.models import Status
from firstline.conversations.state.table import may_change_status
from firstline.core.db import Database, now
from firstline.core.errors import FirstlineError
from firstline.core.i18n import CATALOGS, bind, t
from firstline.core.language import (
    DEFAULT_LANGUAGE,
    NATIVE_NAMES,
    RTL_LANGUAGES,
    SUPPORTED_LANGUAGES,
    normalize_locale,
)
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.mail.notices import queue_notice
from firstline.realtime.hub import (
    EVERYTHING,
    UNROUTED,
    Envelope,
    Listener,
    agent_channel,
    conversation_channel,
    team_channel,
)
from firstline.realtime.relay import Realtime
from firstline.routing.actions import do_requeue_unanswered
from firstline.web import signin
from firstline.web.deps import SESSION_COOKIE, signed_in
from firstline.web.limits import app_limiter
from firstline.web.sockets import serve_listener
from firstline.web.templates import render

router = APIRouter(include_in_schema=False)

LOGIN_COOKIE = "fl_login"
# Scripts and styles only from this server; the console shows customer text only as text.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


DOMAIN = "console"
# The settings area (a page of the console) keeps its texts in catalogs of its own, one per
# group of settings, so that each can grow without touching the others.
SETTINGS_DOMAINS = tuple(d for d in CATALOGS.domains() if d.startswith("settings"))
# The language menu: each language under its own name, the same in every console language.
LANGUAGE_NAMES = tuple((code, NATIVE_NAMES[code]) for code in SUPPORTED_LANGUAGES)


def _language_context(language: str) -> dict[str, Any]:
    """What a page in `language` needs: its code and direction, and `t` for its own texts."""
    return {
        "lang": language,
        "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
        "t": bind(DOMAIN, language),
    }


def _status_moves() -> Markup:
    """For each status, the statuses an agent may set from it (the state machine's table), so
    that the console offers only those rather than refusing a choice after it is made."""
    moves = {
        current.value: sorted(
            to.value
            for to in Status
            if to != current and may_change_status(current, to, by_agent=True)
        )
        for current in Status
    }
    return Markup(orjson.dumps(moves).decode())


STATUS_MOVES = _status_moves()


@lru_cache(maxsize=len(SUPPORTED_LANGUAGES))
def console_messages(language: str) -> Markup:
    """The console's catalog in `language` (English filling any gap) as JSON the page carries
    inline, so the script's `t` has every text before its first line runs. `<`, `>` and `&`
    are escaped so that no text can close the script element."""
    messages = {
        **CATALOGS.messages(DEFAULT_LANGUAGE, DOMAIN),
        **CATALOGS.messages(language, DOMAIN),
    }
    # The settings area's catalogs ride along under their domain's name ("settings.save").
    # So do "My account"'s (web/static/console/account.js), under "account.".
    # And the mail texts of conversations and the mailboxes screen, as "console_mail.", and
    # the learning page's (web/static/console/learning.js), as "console_learning.".
    for domain in (*SETTINGS_DOMAINS, "account", "console_mail", "console_learning"):
        for lang in (DEFAULT_LANGUAGE, language):
            for key, pattern in CATALOGS.messages(lang, domain).items():
                messages[f"{domain}.{key}"] = pattern
    text = orjson.dumps({"language": language, "messages": messages}).decode()
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def browser_language(request: Request) -> str:
    """The first language of the browser's Accept-Language that the product serves."""
    header = request.headers.get("accept-language", "")
    for part in header.split(",")[:20]:
        language = normalize_locale(part.split(";")[0])
        if language:
            return language
    return DEFAULT_LANGUAGE


def _page(html: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


def _login_page(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    """The sign-in form, in the browser's language (nobody is signed in to ask); `error` is
    a message name of the console catalog or a sentence the server already wrote."""
    settings: Settings = request.app.state.settings
    token = secrets.token_urlsafe(24)
    context = _language_context(browser_language(request))
    if error is not None and error.startswith("login."):
        error = context["t"](error)
    # One "Sign in with <provider>" button per OpenID Connect provider (web/sso.py).
    sso = sign_in_buttons(parse_providers(settings.oidc_providers), context["lang"])
    html = render(
        "login.html", csrf=token, error=error, sso=sso, ta=bind("account", context["lang"]),
        **context,
    )  # fmt: skip
    response = _page(html, status)
    response.set_cookie(
        LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=settings.secure_cookies
    )
    return response


@router.get("/console", response_class=HTMLResponse)
async def console_page(request: Request) -> HTMLResponse:
    session = await signed_in(request.app.state.db, request.cookies.get(SESSION_COOKIE))
    if session is not None:
        actor = session.actor
        async with request.app.state.db.session() as db:
            agent = await get_agent(db, actor.agent_id)
        language = console_language(agent.ui_language if agent is not None else None)
        return _page(
            render(
                "console.html",
                csrf=session.csrf_token,
                agent={
                    "id": actor.agent_id,
                    "name": actor.name,
                    "role": actor.role,
                    "permissions": sorted(actor.permissions),
                },
                language_names=LANGUAGE_NAMES,
                messages_json=console_messages(language),
                status_moves_json=STATUS_MOVES,
                **_language_context(language),
            )
        )
    step = await signin.pending_page(request)  # half signed in: the second step
    return step if step is not None else _login_page(request)


# The old table editor's pages and the settings group that took each one's place.
_ADMIN_PAGES = {
    "agent": "agents",
    "team": "teams",
    "routing-rule": "routing",
    "routing-settings": "routing",
    "sla-policy": "sla",
    "escalation-level": "escalation",
    "canned-response": "canned",
    "flow-definition": "flows",
    "recovery-asset": "recovery",
    "recovery-policy": "recovery",
    "webhook": "webhooks",
    "outbox-row": "webhooks",
}


@router.get("/admin", response_model=None)
@router.get("/admin/{page:path}", response_model=None)
async def admin_moved(page: str = "") -> Response:
    """/admin was a table editor; its settings now live in the console's settings area."""
    group = _ADMIN_PAGES.get(page.split("/", 1)[0], "")
    return RedirectResponse("/console#/settings" + (f"/{group}" if group else ""), 301)


@router.post("/console/login", response_model=None)
async def console_login(
    request: Request,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not _form_from_our_page(request, csrf):
        return _login_page(request, "login.expired", status=403)
    if not email or not password:
        return _login_page(request, "login.missing", status=422)
    only = sso_only_provider(parse_providers(request.app.state.settings.oidc_providers), email)
    if only is not None:  # this e-mail's domain signs in with its provider only
        return _login_page(request, only.sso_only_sentence(email, browser_language(request)), 403)
    # The password, then maybe a second step (web/signin.py, agents/sessions.py).
    outcome = await sign_in(
        request.app.state.db, email, password, client=await signin.client_of(request),
        throttle=signin.throttle_policy(request.app.state.settings),
    )  # fmt: skip
    if outcome.refusal is not None:
        text = signin.refusal_text(outcome, browser_language(request))
        response = _login_page(request, text, status=outcome.refusal.status)
        if outcome.retry_after:
            response.headers["Retry-After"] = str(outcome.retry_after)
        return response
    return await signin.signed_in_response(request, outcome)


# Password reset by e-mail (agents/reset.py): a few requests a minute per address and per
# account, so the form sends no mail storm and tells nobody whether an address has an account.
RESET_RATE, RESET_BURST = 0.05, 3


def _form_from_our_page(request: Request, csrf: str) -> bool:
    """Whether a sign-in page's form carries the token its page set in the login cookie."""
    expected = request.cookies.get(LOGIN_COOKIE, "")
    return bool(expected) and hmac.compare_digest(expected, csrf)


def _reset_page(request: Request, step: str, status: int = 200, **extra: Any) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    language = browser_language(request)
    token = secrets.token_urlsafe(24)
    context = _language_context(language)
    html = render(
        "login.html", csrf=token, step=step, ta=bind("account", language),
        minutes=RESET_MINUTES, **context, **extra,
    )  # fmt: skip
    response = _page(html, status)
    response.set_cookie(
        LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=settings.secure_cookies
    )
    return response


@router.get("/console/forgot", response_class=HTMLResponse)
async def forgot_page(request: Request) -> HTMLResponse:
    """Ask for a link to choose a new password."""
    return _reset_page(request, "forgot")


@router.post("/console/forgot", response_model=None)
async def forgot(
    request: Request,
    email: Annotated[str, Form(max_length=254)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not _form_from_our_page(request, csrf):
        return _login_page(request, "login.expired", status=403)
    language = browser_language(request)
    ta = bind("account", language)
    address = email.strip().lower()
    host = request.client.host if request.client else "unknown"
    gate = await app_limiter(request.app, "reset_requests", RESET_RATE, RESET_BURST)
    if not await gate.check(f"address:{host}") or not await gate.check(f"account:{address}"):
        return _reset_page(request, "forgot", status=429, error=ta("reset_too_many"))
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    key = await instance_secret(db, "cookie_key", settings.secret_key)
    sso_only = sso_only_provider(parse_providers(settings.oidc_providers), address) is not None
    async with db.transaction() as session:
        agent = await get_agent_by_email(session, address) if "@" in address else None
        if agent is not None and agent.is_active and not sso_only:
            agent_language = console_language(agent.ui_language) if agent.ui_language else language
            base = (settings.public_url or str(request.base_url)).rstrip("/")
            url = f"{base}/console/reset?token={reset_token(key, agent, now(session))}"
            await queue_notice(
                session, to=agent.email,
                subject=t("account.reset_mail_subject", agent_language),
                body=t("account.reset_mail_body", agent_language, name=agent.name, url=url,
                       minutes=RESET_MINUTES),
            )  # fmt: skip
            await record_audit(
                session, action="agent.password_reset_requested", entity_type="agent",
                entity_id=agent.id, actor_agent_id=None,
            )  # fmt: skip
    # The same answer whether the address has an account or not.
    return _reset_page(request, "forgot_sent", email=address)


@router.get("/console/reset", response_class=HTMLResponse)
async def reset_page(request: Request, token: str = "") -> HTMLResponse:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    key = await instance_secret(db, "cookie_key", settings.secret_key)
    async with db.session() as session:
        agent = await agent_for_token(session, key, token[:200], now(session))
    if agent is None:
        return _reset_page(request, "reset_expired", status=410)
    return _reset_page(request, "reset", token=token)


@router.post("/console/reset", response_model=None)
async def reset(
    request: Request,
    token: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    repeat: Annotated[str, Form(max_length=1024)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if not _form_from_our_page(request, csrf):
        return _login_page(request, "login.expired", status=403)
    language = browser_language(request)
    ta = bind("account", language)
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    key = await instance_secret(db, "cookie_key", settings.secret_key)
    if password != repeat:
        return _reset_page(request, "reset", status=422, token=token, error=ta("reset_mismatch"))
    try:
        async with db.transaction() as session:
            agent = await agent_for_token(session, key, token, now(session))
            if agent is None:
                return _reset_page(request, "reset_expired", status=410)
            await do_set_agent_password(session, agent, password, acting_agent_id=agent.id)
            await record_audit(
                session, action="agent.password_reset", entity_type="agent",
                entity_id=agent.id, actor_agent_id=agent.id,
            )  # fmt: skip
    except FirstlineError as exc:
        return _reset_page(
            request, "reset", status=422, token=token, error=exc.in_language(language)
        )
    return _reset_page(request, "reset_done")


@router.post("/console/logout", response_model=None)
async def console_logout(
    request: Request, csrf: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    db: Database = request.app.state.db
    session = await signed_in(db, cookie)
    if session is not None and cookie:
        if not hmac.compare_digest(csrf, session.csrf_token):
            return Response("Missing or wrong CSRF token.", status_code=403)
        async with db.transaction(raw_writes=True) as unit:
            await sign_out(unit, cookie)
            await do_requeue_unanswered(
                unit, session.actor.agent_id, why="agent signed out", why_code="agent_signed_out",
                acting_agent_id=session.actor.agent_id,
            )  # fmt: skip
    response = RedirectResponse("/console", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _same_origin(websocket: WebSocket) -> bool:
    origin = websocket.headers.get("origin")
    if origin is None:
        return True  # not a browser
    return urlsplit(origin).netloc == websocket.headers.get("host", "")


def _channels(actor: Actor) -> list[str]:
    channels = [agent_channel(actor.agent_id), UNROUTED]
    channels += [team_channel(t) for t in actor.team_ids]
    if actor.sees_everything:
        channels.append(EVERYTHING)
    return channels


def viewer_envelope(conversation_id: int, actor: Actor, viewing: bool) -> Envelope:
    doc = {
        "type": "viewer",
        "conversation_id": conversation_id,
        "agent_id": actor.agent_id,
        "name": actor.name,
        "viewing": viewing,
    }
    return Envelope(
        staff_channels=(conversation_channel(conversation_id),), staff_data=orjson.dumps(doc)
    )


@router.websocket("/console/ws")
async def console_socket(websocket: WebSocket) -> None:
    db: Database = websocket.app.state.db
    session = await signed_in(db, websocket.cookies.get(SESSION_COOKIE))
    if session is None or not _same_origin(websocket):
        await websocket.close(code=4401, reason="sign in at /console")
        return
    actor = session.actor
    await websocket.accept()
    hub = websocket.app.state.hub
    realtime: Realtime = websocket.app.state.realtime
    listener = Listener(_channels(actor), limit=2000)
    hub.attach(listener)
    viewing: int | None = None

    async def view(conversation_id: int | None) -> None:
        nonlocal viewing
        if viewing is not None and viewing != conversation_id:
            hub.unlisten(listener, conversation_channel(viewing))
            realtime.publish(viewer_envelope(viewing, actor, False))
        if conversation_id is not None:
            async with db.session() as session:
                await access_conversation_row_by_id(session, actor, conversation_id)
            hub.listen(listener, conversation_channel(conversation_id))
            realtime.publish(viewer_envelope(conversation_id, actor, True))
        viewing = conversation_id

    async def on_text(text: str) -> None:
        try:
            message = orjson.loads(text)
            if not isinstance(message, dict):
                raise ValueError("not an object")
            if message.get("op") == "view":
                await view(int(message["conversation_id"]))
            elif message.get("op") == "unview":
                await view(None)
        except (ValueError, KeyError, TypeError, FirstlineError):
            listener.push(b'{"type":"error","detail":"bad request"}')

    listener.push(orjson.dumps({"type": "hello", "agent_id": actor.agent_id}))
    try:
        await serve_listener(websocket, listener, on_text)
    finally:
        if viewing is not None:
            realtime.publish(viewer_envelope(viewing, actor, False))
        hub.detach(listener)
