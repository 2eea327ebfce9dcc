"""Request-scoped dependencies: the database and the authenticated actor."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor, authenticate_token_use
from firstline.agents.sessions import SessionActor, console_session
from firstline.agents.tokens import TokenUses
from firstline.core.db import Database
from firstline.core.errors import Forbidden, Unauthorized


async def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


DatabaseDep = Annotated[Database, Depends(get_database)]


async def read_session(db: DatabaseDep) -> AsyncIterator[AsyncSession]:
    async with db.session() as session:
        yield session


ReadSession = Annotated[AsyncSession, Depends(read_session)]


SESSION_COOKIE = "fl_session"
CSRF_HEADER = "x-csrf-token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def signed_in(db: Database, cookie: str | None) -> SessionActor | None:
    """The console session a cookie names, or None when there is none or it has ended."""
    if not cookie:
        return None
    try:
        return await console_session(db, cookie)
    except Unauthorized:
        return None


async def console_actor(request: Request, cookie: str) -> SessionActor:
    """The agent of a console session cookie; changes must carry the session's CSRF token."""
    db: Database = request.app.state.db
    signed_in = await console_session(db, cookie)  # also counts as activity (idle timeout)
    if request.method not in _SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or not hmac.compare_digest(sent, signed_in.csrf_token):
            raise Forbidden("Send the console's X-CSRF-Token header with every change.")
    return signed_in


async def current_actor(request: Request) -> Actor:
    actor = await _bearer_or_cookie_actor(request)
    request.state.agent_id = actor.agent_id  # the access log names who asked
    return actor


async def _bearer_or_cookie_actor(request: Request) -> Actor:
    # Reads the header itself rather than through fastapi.security.HTTPBearer: this runs on
    # every request, and each sub-dependency costs FastAPI real time to resolve. The bearer
    # scheme is declared in the OpenAPI document by web/app.py instead.
    if "authorization" not in request.headers:
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            return (await console_actor(request, cookie)).actor
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(
            "Send an 'Authorization: Bearer <token>' header; "
            "create a token with `firstline token create --email AGENT_EMAIL`."
        )
    # One indexed query per request and no cache, so that a revoked token, a disabled agent
    # or a changed role holds from the next request on in every process (agents/tokens.py).
    db: Database = request.app.state.db
    async with db.session() as session:
        use = await authenticate_token_use(session, token)
    uses: TokenUses = request.app.state.token_uses
    uses.saw(use.token_id, use.last_used_at, db.clock.now(), _address(request))
    return use.actor


def _address(request: Request) -> str | None:
    client = request.scope.get("client")
    return str(client[0]) if client else None


CurrentActor = Annotated[Actor, Depends(current_actor)]
