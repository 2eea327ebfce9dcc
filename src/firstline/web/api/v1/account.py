"""/api/v1/me/...: an agent's own sign-in: sessions, password, two-factor; and an admin's
reset of someone's two-factor.

Everyone manages their own (any signed-in agent, with a console session or a token); the
reset needs agents.manage. Changing the password or two-factor asks for the current password
or a current code, so that a console left open is not enough to take the account over.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from firstline.agents.access import require_permission
from firstline.agents.actions import do_change_own_password
from firstline.agents.permissions import Permission
from firstline.agents.queries import get_agent
from firstline.agents.sessions import (
    do_revoke_session,
    do_sign_out_everywhere,
    list_sessions,
)
from firstline.agents.signin_schemas import (
    PasswordChange,
    RecoveryCodesOut,
    SessionOut,
    TwoFactorCode,
    TwoFactorOut,
    TwoFactorSetup,
)
from firstline.agents.tokens import hash_token
from firstline.agents.twofactor import (
    do_confirm_two_factor,
    do_disable_two_factor,
    do_new_recovery_codes,
    do_reset_two_factor,
    do_start_two_factor,
    two_factor_state,
)
from firstline.core.errors import NotFound
from firstline.core.rawsql import SQL, raw_connection
from firstline.web.deps import SESSION_COOKIE, CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["account"])

_SESSION_ID = SQL("SELECT id FROM console_sessions WHERE token_hash = $1")


async def _current_session_id(request: Request, db: DatabaseDep) -> int | None:
    """The console session a request came with (None for a bearer token)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie or "authorization" in request.headers:
        return None
    async with db.session() as session:
        raw = await raw_connection(session)
        row = await raw.fetchone(_SESSION_ID, hash_token(cookie))
    return int(row[0]) if row else None


@router.get("/me/sessions", operation_id="listMySessions", response_model=list[SessionOut])
async def my_sessions(
    request: Request, actor: CurrentActor, session: ReadSession, db: DatabaseDep
) -> FastJSON:
    """Your signed-in console sessions, newest first; `current` is this one."""
    current = await _current_session_id(request, db)
    rows = await list_sessions(session, actor.agent_id)
    return FastJSON(
        [
            {
                "id": r.id,
                "created_at": r.created_at,
                "last_seen_at": r.last_seen_at,
                "address": r.address,
                "user_agent": r.user_agent,
                "expires_at": r.expires_at,
                "current": r.id == current,
            }
            for r in rows
        ]
    )


@router.delete(
    "/me/sessions/{session_id}",
    operation_id="revokeMySession",
    status_code=204,
    responses=problem_responses((404, "No such session of yours.")),
)
async def revoke_my_session(session_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Sign one of your sessions out (another browser, or this one)."""
    async with db.transaction(raw_writes=True) as session:
        done = await do_revoke_session(
            session, actor.agent_id, session_id, acting_agent_id=actor.agent_id
        )
    if not done:
        raise NotFound(
            f"You have no session {session_id}.", message="no_session", args={"id": session_id}
        )
    return Response(status_code=204)


@router.delete("/me/sessions", operation_id="signOutEverywhere", status_code=204)
async def sign_out_everywhere(actor: CurrentActor, db: DatabaseDep) -> Response:
    """Sign out of every console session, this one included (API tokens stay)."""
    async with db.transaction(raw_writes=True) as session:
        await do_sign_out_everywhere(session, actor.agent_id)
    return Response(status_code=204)


@router.put(
    "/me/password",
    operation_id="changeMyPassword",
    status_code=204,
    responses=problem_responses((503, "Too many password checks at once; retry.")),
)
async def change_my_password(
    data: PasswordChange, request: Request, actor: CurrentActor, db: DatabaseDep
) -> Response:
    """Change your password (the current one first). Your other sessions are signed out."""
    keep = await _current_session_id(request, db)
    async with db.transaction() as session:
        agent = await get_agent(session, actor.agent_id)
        assert agent is not None  # authentication just found it
        await do_change_own_password(
            session, agent, data.current_password, data.new_password, session_id=keep
        )
    return Response(status_code=204)


@router.get("/me/two-factor", operation_id="getMyTwoFactor", response_model=TwoFactorOut)
async def my_two_factor(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Whether two-factor sign-in is on for you, whether your role requires it, and how
    many recovery codes you have left."""
    state = await two_factor_state(session, actor.agent_id, actor.role)
    return FastJSON(
        {
            "enabled": state.enabled,
            "required": state.required,
            "recovery_codes_left": state.recovery_codes_left,
        }
    )


@router.post(
    "/me/two-factor",
    operation_id="startMyTwoFactor",
    response_model=TwoFactorSetup,
    responses=problem_responses((409, "Two-factor is on already.")),
)
async def start_my_two_factor(actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Start setting two-factor up: a new seed, shown this once, to scan into an app. It is
    not on until a code from it comes back (POST /api/v1/me/two-factor/confirm)."""
    async with db.transaction(raw_writes=True) as session:
        enrolment = await do_start_two_factor(session, actor.agent_id)
    return FastJSON(
        {
            "secret": enrolment.secret,
            "uri": enrolment.uri,
            "qr_svg_data_uri": enrolment.qr_data_uri,
        }
    )


@router.post(
    "/me/two-factor/confirm",
    operation_id="confirmMyTwoFactor",
    response_model=RecoveryCodesOut,
    responses=problem_responses((409, "Nothing to confirm, or on already.")),
)
async def confirm_my_two_factor(
    data: TwoFactorCode, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Turn two-factor on with a code from the new seed; answers your ten recovery codes."""
    async with db.transaction(raw_writes=True) as session:
        codes = await do_confirm_two_factor(
            session, actor.agent_id, data.code, acting_agent_id=actor.agent_id
        )
    return FastJSON({"recovery_codes": codes})


@router.post(
    "/me/two-factor/recovery-codes",
    operation_id="renewMyRecoveryCodes",
    response_model=RecoveryCodesOut,
    responses=problem_responses((409, "Two-factor is off.")),
)
async def renew_my_recovery_codes(
    data: TwoFactorCode, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Ten new recovery codes (the old ones stop working); needs a current code."""
    async with db.transaction(raw_writes=True) as session:
        codes = await do_new_recovery_codes(session, actor.agent_id, data.code)
    return FastJSON({"recovery_codes": codes})


@router.post(
    "/me/two-factor/disable",
    operation_id="disableMyTwoFactor",
    status_code=204,
    responses=problem_responses((409, "Off already, or your role requires it.")),
)
async def disable_my_two_factor(
    data: TwoFactorCode, actor: CurrentActor, db: DatabaseDep
) -> Response:
    """Turn two-factor off (a current code or a recovery code); refused when your role
    requires it."""
    async with db.transaction(raw_writes=True) as session:
        await do_disable_two_factor(session, actor.agent_id, data.code, actor.role)
    return Response(status_code=204)


@router.delete(
    "/agents/{agent_id}/two-factor",
    operation_id="resetAgentTwoFactor",
    status_code=204,
    responses=problem_responses((403, "Needs agents.manage."), (404, "No such agent.")),
)
async def reset_agent_two_factor(agent_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Reset an agent's two-factor (a lost phone): their seed and recovery codes go and their
    sessions end; they set it up again at their next sign-in. Audited."""
    require_permission(actor, Permission.agents_manage, "Resetting an agent's two-factor")
    async with db.transaction(raw_writes=True) as session:
        if await get_agent(session, agent_id) is None:
            raise NotFound(
                f"No agent with id {agent_id}.", message="no_agent", args={"id": str(agent_id)}
            )
        await do_reset_two_factor(session, agent_id, acting_agent_id=actor.agent_id)
    return Response(status_code=204)
