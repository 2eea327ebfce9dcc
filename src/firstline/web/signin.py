"""Console sign-in over HTTP: after the password (web/console.py), the second step pages
(a code from the app, or enrolment when the role requires two-factor), the cookies a sign-in
sets, and who the client is for the throttles.

Besides the session cookie, a full sign-in leaves a *device cookie*: the agent's id signed
with the deployment's cookie key. It proves nothing on its own (the password and code are
still asked), but it tells the throttles (agents/throttle.py) that this browser has signed in
to the account before, so that someone guessing the account's password from elsewhere cannot
hold its owner back.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from firstline.agents.passwords import configure_pool
from firstline.agents.sessions import (
    CODE,
    ENROL,
    FULL,
    Client,
    SessionPolicy,
    SignIn,
    configure_sessions,
    end_pending_session,
    finish_enrolment,
    finish_second_factor,
    pending_session,
    session_policy,
)
from firstline.agents.throttle import ThrottlePolicy
from firstline.agents.twofactor import do_start_two_factor
from firstline.core.db import Database
from firstline.core.i18n import bind
from firstline.core.language import DEFAULT_LANGUAGE, RTL_LANGUAGES, normalize_locale
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.routing.actions import do_fill_agent
from firstline.web.deps import SESSION_COOKIE
from firstline.web.templates import render

router = APIRouter(include_in_schema=False)

DEVICE_COOKIE = "fl_device"
DEVICE_DAYS = 365
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
# What the page says for each refusal sign_in and the second step return.
REASONS = {
    "wrong": "signin_wrong",
    "code_wrong": "code_wrong",
    "throttled": "signin_throttled",
    "busy": "signin_busy",
    "expired": "signin_again",
}


def configure_sign_in(settings: Settings) -> None:
    """The sign-in's sizes and timeouts from the settings (create_app calls it)."""
    configure_pool(settings.password_workers, settings.password_queue)
    configure_sessions(
        SessionPolicy(
            idle=timedelta(minutes=settings.session_idle_minutes),
            lifetime=timedelta(hours=settings.session_hours),
        )
    )


def throttle_policy(settings: Settings) -> ThrottlePolicy:
    return ThrottlePolicy(
        window=timedelta(minutes=settings.sign_in_window_minutes),
        per_address=settings.sign_in_failures_per_address,
        per_account=settings.sign_in_failures_per_account,
    )


def language_of(request: Request) -> str:
    """The first language of the browser's Accept-Language that the product serves."""
    header = request.headers.get("accept-language", "")
    for part in header.split(",")[:20]:
        language = normalize_locale(part.split(";")[0])
        if language:
            return language
    return DEFAULT_LANGUAGE


def refusal_text(outcome: SignIn, language: str) -> str:
    t = bind("account", language)
    name = REASONS.get(outcome.reason, "signin_wrong")
    if name == "signin_throttled":
        return t(name, minutes=max(1, (outcome.retry_after + 59) // 60))
    return t(name)


async def _device_key(request: Request) -> bytes:
    key: bytes | None = getattr(request.app.state, "device_key", None)
    if key is None:
        settings: Settings = request.app.state.settings
        secret = await instance_secret(request.app.state.db, "cookie_key", settings.secret_key)
        key = hashlib.sha256(b"firstline device cookie\x00" + secret.encode()).digest()
        request.app.state.device_key = key
    return key


def _device_mac(key: bytes, body: str) -> str:
    return hmac.new(key, body.encode(), hashlib.sha256).hexdigest()[:32]


async def client_of(request: Request) -> Client:
    """The address, browser and device cookie's agent of a sign-in request."""
    device_agent_id = None
    cookie = request.cookies.get(DEVICE_COOKIE, "")
    if cookie.count(".") == 2:
        agent, nonce, mac = cookie.split(".")
        key = await _device_key(request)
        good = hmac.compare_digest(mac, _device_mac(key, f"{agent}.{nonce}"))
        if good and agent.isdigit() and len(agent) < 12:
            device_agent_id = int(agent)
    return Client(
        address=request.client.host if request.client else "",
        user_agent=request.headers.get("user-agent", ""),
        device_agent_id=device_agent_id,
    )


async def signed_in_response(
    request: Request, outcome: SignIn, target: str = "/console"
) -> Response:
    """The response to a sign-in step that succeeded: the session cookie, and for a full
    session the device cookie and the agent's waiting conversations (signing in puts them
    online). Single sign-on (web/sso.py) ends its callback with this too."""
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    policy = session_policy()
    response = RedirectResponse(target if outcome.stage == FULL else "/console", status_code=303)
    if outcome.stage == FULL and outcome.agent_id is not None:
        async with db.transaction(raw_writes=True) as session:
            await do_fill_agent(session, outcome.agent_id)
        key = await _device_key(request)
        body = f"{outcome.agent_id}.{secrets.token_urlsafe(12)}"
        response.set_cookie(
            DEVICE_COOKIE, f"{body}.{_device_mac(key, body)}", httponly=True, samesite="lax",
            secure=settings.secure_cookies, max_age=DEVICE_DAYS * 86400,
        )  # fmt: skip
    lifetime = policy.lifetime if outcome.stage == FULL else policy.pending
    response.set_cookie(
        SESSION_COOKIE, outcome.token, httponly=True, samesite="strict",
        secure=settings.secure_cookies, max_age=int(lifetime.total_seconds()),
    )  # fmt: skip
    response.delete_cookie("fl_login")
    return response


def _step_page(
    language: str,
    step: str,
    csrf: str,
    *,
    error: str | None = None,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    html = render(
        "login.html",
        lang=language,
        dir="rtl" if language in RTL_LANGUAGES else "ltr",
        t=bind("console", language),
        ta=bind("account", language),
        step=step,
        csrf=csrf,
        error=error,
        **extra,
    )
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


async def pending_page(
    request: Request, *, error: str | None = None, status: int = 200
) -> HTMLResponse | None:
    """The second step's page for a half-signed-in session (None when there is none): the
    code form, or the enrolment with a new seed to scan."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    db: Database = request.app.state.db
    language = language_of(request)
    async with db.session() as session:
        pending = await pending_session(session, cookie)
    if pending is None:
        return None
    if pending.stage == CODE:
        return _step_page(language, CODE, pending.csrf_token, error=error, status=status)
    async with db.transaction(raw_writes=True) as session:
        enrolment = await do_start_two_factor(session, pending.agent_id)
    return _step_page(
        language, ENROL, pending.csrf_token, secret=enrolment.secret,
        qr=Markup(enrolment.qr_svg), email=pending.email, error=error, status=status,
    )  # fmt: skip


async def _pending_csrf(request: Request, csrf: str) -> str | None:
    """The session cookie when it names a half-signed-in session whose CSRF token is `csrf`."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    db: Database = request.app.state.db
    async with db.session() as session:
        pending = await pending_session(session, cookie)
    if pending is None or not hmac.compare_digest(csrf, pending.csrf_token):
        return None
    return cookie


@router.post("/console/login/code", response_model=None)
async def second_factor(
    request: Request,
    code: Annotated[str, Form(max_length=64)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """The second step: a code from the authenticator app, or a recovery code."""
    cookie = await _pending_csrf(request, csrf)
    if cookie is None:
        return RedirectResponse("/console", status_code=303)
    settings: Settings = request.app.state.settings
    outcome = await finish_second_factor(
        request.app.state.db, cookie, code, client=await client_of(request),
        throttle=throttle_policy(settings),
    )  # fmt: skip
    if outcome.refusal is None:
        return await signed_in_response(request, outcome)
    if outcome.reason == "expired":
        return RedirectResponse("/console", status_code=303)
    language = language_of(request)
    page = _step_page(
        language, CODE, csrf, error=refusal_text(outcome, language),
        status=outcome.refusal.status,
    )  # fmt: skip
    if outcome.retry_after:
        page.headers["Retry-After"] = str(outcome.retry_after)
    return page


@router.post("/console/login/enrol", response_model=None)
async def enrol(
    request: Request,
    code: Annotated[str, Form(max_length=64)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Enrolment the role requires: the first code from the app turns two-factor on; the
    recovery codes are shown once, then the console opens."""
    cookie = await _pending_csrf(request, csrf)
    if cookie is None:
        return RedirectResponse("/console", status_code=303)
    outcome = await finish_enrolment(
        request.app.state.db, cookie, code, client=await client_of(request)
    )
    language = language_of(request)
    if outcome.refusal is not None:
        if outcome.reason == "expired":
            return RedirectResponse("/console", status_code=303)
        # A new seed to scan: the wrong code may have come from an older one.
        error = bind("account", language)("code_wrong")
        page = await pending_page(request, error=error, status=422)
        return page or RedirectResponse("/console", status_code=303)
    redirect = await signed_in_response(request, outcome)
    page = _step_page(language, "codes", "", codes=outcome.recovery_codes)
    for name, value in redirect.headers.items():
        if name.lower() == "set-cookie":
            page.headers.append("set-cookie", value)
    return page


@router.post("/console/login/cancel", response_model=None)
async def cancel(request: Request, csrf: Annotated[str, Form(max_length=100)] = "") -> Response:
    """Leave a half-finished sign-in (to use another account)."""
    cookie = await _pending_csrf(request, csrf)
    if cookie is not None:
        async with request.app.state.db.transaction(raw_writes=True) as session:
            await end_pending_session(session, cookie)
    response = RedirectResponse("/console", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
