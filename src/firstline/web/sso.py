"""Console sign-in through an OpenID Connect provider (agents/sso/).

GET /console/sso/{provider}/start sends the browser to the provider with a fresh state, nonce
and PKCE challenge, which it also keeps in a short-lived signed cookie; the provider sends the
browser back to GET /console/sso/callback, which checks the state against that cookie, trades
the code for an ID token, checks the token, finds the agent and starts a console session the
way the password form does. Every refusal ends on the sign-in page with a sentence in the
browser's language (never a 5xx), and every attempt, signed in or not, is audited.

The state cookie is SameSite=Lax (the callback is a top-level navigation from the provider's
site, which a Strict cookie would not come back with) and lives ten minutes on /console/sso.
The session cookie is Strict: a cookie set in answer to a navigation that began on another
site is not sent on the redirect that follows it, so the callback answers a small page that
moves to /console itself, a navigation of our own site.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import asdict
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.agents.sessions import start_session
from firstline.agents.sso.actions import (
    Identity,
    do_provision_sso_agent,
    do_resolve_sso_agent,
    record_sso_failure,
    record_sso_sign_in,
)
from firstline.agents.sso.config import Provider, parse_providers
from firstline.agents.sso.oidc import Attempt, RelyingParty, SsoFailure
from firstline.core.db import Database
from firstline.core.errors import Conflict
from firstline.core.i18n import t
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.web.console import _login_page as login_page
from firstline.web.console import browser_language
from firstline.web.signin import client_of, signed_in_response

router = APIRouter(include_in_schema=False)

STATE_COOKIE = "fl_sso"
STATE_PATH = "/console/sso"
STATE_LIFETIME = 600  # seconds a person has at the provider

# Each refusal's sentence (sso catalog) and status: 4xx whatever went wrong, since the page
# is for a person; 424 when the provider failed us.
_REFUSALS: dict[str, tuple[str, int]] = {
    "unknown_provider": ("error.unknown_provider", 404),
    "expired": ("error.expired", 400),
    "state": ("error.state", 400),
    "provider_down": ("error.provider_down", 424),
    "provider_refused": ("error.provider_refused", 403),
    "token": ("error.token", 401),
    "unknown_agent": ("error.unknown_agent", 403),
    "disabled": ("error.disabled", 403),
    "domain": ("error.domain", 403),
}


def providers(request: Request) -> tuple[Provider, ...]:
    settings: Settings = request.app.state.settings
    return parse_providers(settings.oidc_providers)


def _relying_party(request: Request) -> RelyingParty:
    party = getattr(request.app.state, "sso_relying_party", None)
    if party is None:
        party = request.app.state.sso_relying_party = RelyingParty()
    assert isinstance(party, RelyingParty)
    return party


def _refused(request: Request, reason: str, provider: Provider | None, **args: str) -> Response:
    key, status = _REFUSALS[reason]
    if provider is not None:
        args.setdefault("provider", provider.name)
    language = browser_language(request)
    sentence = t(f"sso.{key}", language, **{"provider": "", "domain": "", **args})
    response = login_page(request, sentence, status=status)
    response.delete_cookie(STATE_COOKIE, path=STATE_PATH)
    return response


async def _key(request: Request) -> bytes:
    settings: Settings = request.app.state.settings
    secret = await instance_secret(request.app.state.db, "cookie_key", settings.secret_key)
    return hashlib.sha256(b"firstline sso state\x00" + secret.encode()).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _seal(attempt: Attempt, key: bytes) -> str:
    body = _b64(orjson.dumps(asdict(attempt)))
    return body + "." + _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())


def _open(value: str, key: bytes) -> Attempt | None:
    body, _, mac = value.partition(".")
    expected = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    if not mac or not hmac.compare_digest(mac, expected):
        return None
    try:
        fields = orjson.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        return Attempt(**fields)
    except (ValueError, TypeError):
        return None


def _redirect_uri(request: Request, provider: Provider) -> str:
    return provider.redirect_uri or str(request.url_for("sso_callback"))


@router.get("/console/sso/{slug}/start", response_model=None)
async def sso_start(request: Request, slug: str) -> Response:
    """Anyone (nobody is signed in yet): off to the provider."""
    provider = next((p for p in providers(request) if p.slug == slug), None)
    if provider is None:
        return _refused(request, "unknown_provider", None)
    party = _relying_party(request)
    try:
        discovery = await party.discovery(provider)
    except SsoFailure as failure:
        await _audit_failure(request, provider.slug, failure)
        return _refused(request, failure.reason, provider)
    attempt = Attempt.new(provider.slug)
    url = party.authorization_url(provider, discovery, _redirect_uri(request, provider), attempt)
    response = RedirectResponse(url, status_code=303)
    settings: Settings = request.app.state.settings
    response.set_cookie(
        STATE_COOKIE,
        _seal(attempt, await _key(request)),
        max_age=STATE_LIFETIME,
        path=STATE_PATH,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    return response


@router.get("/console/sso/callback", name="sso_callback", response_model=None)
async def sso_callback(
    request: Request,
    code: Annotated[str, Query(max_length=4096)] = "",
    state: Annotated[str, Query(max_length=512)] = "",
    error: Annotated[str, Query(max_length=200)] = "",
    iss: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    """Anyone: the provider's answer. The state cookie says which sign-in it belongs to."""
    cookie = request.cookies.get(STATE_COOKIE, "")
    attempt = _open(cookie, await _key(request)) if cookie else None
    known = {p.slug: p for p in providers(request)}
    provider = known.get(attempt.provider) if attempt is not None else None
    if attempt is None or provider is None or time.time() - attempt.started > STATE_LIFETIME:
        await _audit_failure(request, attempt.provider if attempt else "", SsoFailure("expired"))
        return _refused(request, "expired", provider)
    try:
        if not state or not hmac.compare_digest(state, attempt.state):
            raise SsoFailure("state", "state does not match this browser's sign-in")
        if iss and iss != provider.issuer:  # RFC 9207: an answer from another provider
            raise SsoFailure("state", f"answer from issuer {iss}")
        if error or not code:
            raise SsoFailure("provider_refused", error or "no code")
        identity = await _identity(request, provider, attempt, code)
    except SsoFailure as failure:
        await _audit_failure(request, provider.slug, failure)
        return _refused(request, failure.reason, provider)
    return await _sign_in(request, provider, identity)


async def _identity(request: Request, provider: Provider, attempt: Attempt, code: str) -> Identity:
    party = _relying_party(request)
    discovery = await party.discovery(provider)
    tokens = await party.exchange(
        provider, discovery, code=code, redirect_uri=_redirect_uri(request, provider),
        attempt=attempt,
    )  # fmt: skip
    claims = await party.verify_id_token(provider, discovery, tokens["id_token"], attempt.nonce)
    subject = str(claims["sub"])
    if "email" not in claims and isinstance(tokens.get("access_token"), str):
        # Some providers keep the profile out of the ID token: ask userinfo, about that subject.
        info = await party.userinfo(discovery, tokens["access_token"], subject)
        claims = {**info, **claims}
    email = claims.get("email")
    return Identity(
        issuer=provider.issuer,
        subject=subject,
        email=email if isinstance(email, str) and "@" in email else None,
        email_verified=claims.get("email_verified") is True,
        name=claims.get("name") if isinstance(claims.get("name"), str) else None,
        mfa=provider.asserted_mfa(claims),
    )


async def _sign_in(request: Request, provider: Provider, identity: Identity) -> Response:
    db: Database = request.app.state.db
    try:
        created = None
        if provider.create_agents:
            try:
                async with db.transaction() as session:
                    created = await do_provision_sso_agent(session, provider, identity)
            except Conflict:
                pass  # a sign-in of the same person at the same moment created them
        client = await client_of(request)
        async with db.transaction(raw_writes=True) as session:
            resolved = await do_resolve_sso_agent(
                session, provider, identity, created=created is not None
            )
            # The second factor is agents/sessions.py's rule: asked only when the agent's
            # role requires it and the provider did not say it checked one (amr/acr).
            started = await start_session(
                session, resolved.agent_id, client=client, method="sso",
                mfa_asserted=identity.mfa,
            )  # fmt: skip
            if started.refusal is not None:
                raise SsoFailure("disabled", f"agent {resolved.agent_id}")
            await record_sso_sign_in(session, provider, resolved, identity, started.stage)
    except SsoFailure as failure:
        await _audit_failure(request, provider.slug, failure, identity=identity)
        domain = (identity.email or "").rpartition("@")[2]
        return _refused(request, failure.reason, provider, domain=domain)
    language = browser_language(request)
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0;url=/console">'
        f"<title>{t('sso.redirecting', language)}</title></head>"
        f'<body><p><a href="/console">{t("sso.redirecting", language)}</a></p></body></html>'
    )
    response = HTMLResponse(page, headers={"Cache-Control": "no-store"})
    # The cookies (and the agent's waiting conversations) of a password sign-in, from
    # web/signin.py; its redirect is replaced by this page (see the module docstring).
    signed_in = await signed_in_response(request, started)
    for cookie in signed_in.headers.getlist("set-cookie"):
        response.headers.append("set-cookie", cookie)
    response.delete_cookie(STATE_COOKIE, path=STATE_PATH)
    return response


async def _audit_failure(
    request: Request, provider: str, failure: SsoFailure, identity: Identity | None = None
) -> None:
    db: Database = request.app.state.db
    data: dict[str, object] = {"detail": failure.detail[:300]}
    if identity is not None:
        data.update(subject=identity.subject, email=identity.email)
    agent_id = None
    if failure.detail.startswith("agent "):
        agent_id = int(failure.detail.removeprefix("agent "))
    async with db.transaction(raw_writes=True) as session:
        await record_sso_failure(session, provider, failure.reason, agent_id=agent_id, data=data)
