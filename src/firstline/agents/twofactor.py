"""Two-factor sign-in for agents: TOTP (RFC 6238, any authenticator app) and recovery codes.

Enrolling is two steps: `do_start_two_factor` makes a seed and shows it once (as text and as
a QR code); `do_confirm_two_factor` turns it on when a code made from it comes back, and hands
out ten single-use recovery codes (kept only as hashes). From then on the password alone only
half signs in (agents/sessions.py): the console asks for a code before anything else.

Codes are accepted for the current 30-second step and the one either side (clocks drift), and
each step only once: a code seen over someone's shoulder is spent. Turning two-factor off needs
a code; an admin (agents.manage) can reset someone's, for a lost phone. Every change is
audited.

The seed is stored encrypted by `_seal` / `_unseal`, with the deployment's master key
(core/secrets.py).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp
import segno
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput, NotFound
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.core.secrets import decrypt_secret, encrypt_secret

ISSUER = "Firstline"
RECOVERY_CODES = 10
STEP_SECONDS = 30
# Recovery codes: lower-case base 32 without the letters people confuse (l, o).
_CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def _seal(secret: str) -> str:
    return encrypt_secret(secret)


def _unseal(stored: str) -> str:
    return decrypt_secret(stored)


class WrongCode(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            "That code is wrong or was already used; enter the code your app shows now.",
            message="two_factor_code_wrong",
        )


@dataclass(frozen=True, slots=True)
class Enrolment:
    secret: str
    uri: str
    qr_svg: str  # an <svg> element
    qr_data_uri: str  # the same as a data: URI, for an <img>


@dataclass(frozen=True, slots=True)
class TwoFactorState:
    enabled: bool
    required: bool
    recovery_codes_left: int


_ROW = SQL("SELECT secret, confirmed_at, last_step FROM agent_two_factor WHERE agent_id = $1")
_DROP = SQL("DELETE FROM agent_two_factor WHERE agent_id = $1")
_DROP_CODES = SQL("DELETE FROM agent_recovery_codes WHERE agent_id = $1")
_START = SQL("INSERT INTO agent_two_factor (agent_id, secret, created_at) VALUES ($1, $2, $3)")
_CONFIRM = SQL("UPDATE agent_two_factor SET confirmed_at = $2, last_step = $3 WHERE agent_id = $1")
_STEP = SQL(
    "UPDATE agent_two_factor SET last_step = $2 WHERE agent_id = $1 "
    "AND (last_step IS NULL OR last_step < $2)"
)
_ADD_CODE = SQL(
    "INSERT INTO agent_recovery_codes (agent_id, code_hash, created_at) VALUES ($1, $2, $3)"
)
_USE_CODE = SQL(
    "UPDATE agent_recovery_codes SET used_at = $3 "
    "WHERE agent_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id"
)
_CODES_LEFT = SQL(
    "SELECT COUNT(*) FROM agent_recovery_codes WHERE agent_id = $1 AND used_at IS NULL"
)
_REQUIRED = SQL("SELECT require_two_factor FROM roles WHERE name = $1")
_AGENT = SQL("SELECT email, role FROM agents WHERE id = $1")


def _hash_code(code: str) -> str:
    return hashlib.sha256(_normal_code(code).encode()).hexdigest()


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _step(at: datetime) -> int:
    return int(at.timestamp()) // STEP_SECONDS


def _matching_step(secret: str, code: str, at: datetime, after: int | None) -> int | None:
    """The step (current one, or one either side) whose code `code` is, if not yet spent."""
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = _step(at)
    for step in (current, current - 1, current + 1):
        if after is not None and step <= after:
            continue
        if secrets.compare_digest(totp.generate_otp(step), digits):
            return step
    return None


def qr_for(uri: str) -> tuple[str, str]:
    qr = segno.make(uri, error="m")
    svg = qr.svg_inline(scale=5, dark="#111", light="#fff", omitsize=False)
    return svg, qr.svg_data_uri(scale=5, dark="#111", light="#fff")


async def role_requires_two_factor(db: AsyncSession, role: str) -> bool:
    """Whether agents of `role` must sign in with a second factor (roles.require_two_factor;
    a built-in admin role without a row still requires it, as its row does by default)."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_REQUIRED, role)
    if row is None:
        return role == "admin"
    return bool(row[0])


async def two_factor_enabled(db: AsyncSession, agent_id: int) -> bool:
    raw = await raw_connection(db)
    row = await raw.fetchone(_ROW, agent_id)
    return row is not None and row[1] is not None


async def two_factor_state(db: AsyncSession, agent_id: int, role: str) -> TwoFactorState:
    raw = await raw_connection(db)
    row = await raw.fetchone(_ROW, agent_id)
    left = await raw.fetchone(_CODES_LEFT, agent_id)
    return TwoFactorState(
        enabled=row is not None and row[1] is not None,
        required=await role_requires_two_factor(db, role),
        recovery_codes_left=int(left[0]) if row is not None and row[1] is not None else 0,
    )


async def do_start_two_factor(
    db: AsyncSession, agent_id: int, *, secret: str | None = None
) -> Enrolment:
    """A new seed for `agent_id` (replacing an unconfirmed one); refused when two-factor is on
    already. `secret` is for the demo's fixed seed only."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_ROW, agent_id)
    if row is not None and row[1] is not None:
        raise Conflict(
            "Two-factor sign-in is on already; turn it off first to set up a new app.",
            message="two_factor_on_already",
        )
    agent = await raw.fetchone(_AGENT, agent_id)
    if agent is None:
        raise NotFound(
            f"No agent with id {agent_id}.", message="no_agent", args={"id": str(agent_id)}
        )
    secret = secret or pyotp.random_base32()
    await raw.execute(_DROP, agent_id)
    await raw.execute(_START, agent_id, _seal(secret), raw.ts(now(db)))
    uri = pyotp.TOTP(secret).provisioning_uri(name=agent[0], issuer_name=ISSUER)
    svg, data_uri = qr_for(uri)
    return Enrolment(secret=secret, uri=uri, qr_svg=svg, qr_data_uri=data_uri)


async def do_set_two_factor_unsafe(db: AsyncSession, agent_id: int, secret: str) -> None:
    """Turn two-factor on with a known seed and no code: for the demo's admin only, whose
    seed is printed for everyone (`firstline demo`). Never for a real account."""
    raw = await raw_connection(db)
    at = now(db)
    await raw.execute(_DROP, agent_id)
    await raw.execute(_START, agent_id, _seal(secret), raw.ts(at))
    await raw.execute(_CONFIRM, agent_id, raw.ts(at), None)
    await record_audit(
        db, action="agent.two_factor_enabled", entity_type="agent", entity_id=agent_id,
        data={"demo": True},
    )  # fmt: skip


async def _new_recovery_codes(raw: RawConnection, agent_id: int, at: datetime) -> list[str]:
    await raw.execute(_DROP_CODES, agent_id)
    codes = []
    for _ in range(RECOVERY_CODES):
        # 10 base-32 characters (50 bits), shown as two groups of five.
        text = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
        code = f"{text[:5]}-{text[5:]}"
        codes.append(code)
        await raw.execute(_ADD_CODE, agent_id, _hash_code(code), raw.ts(at))
    return codes


async def do_confirm_two_factor(
    db: AsyncSession, agent_id: int, code: str, *, acting_agent_id: int | None
) -> list[str]:
    """Turn two-factor on with a code from the new seed; returns the recovery codes (the one
    time they are shown)."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_ROW, agent_id)
    if row is None:
        raise Conflict(
            "Start the two-factor set-up first: it shows the code to scan.",
            message="two_factor_not_started",
        )
    if row[1] is not None:
        raise Conflict(
            "Two-factor sign-in is on already; turn it off first to set up a new app.",
            message="two_factor_on_already",
        )
    at = now(db)
    step = _matching_step(_unseal(row[0]), code, at, None)
    if step is None:
        raise WrongCode()
    await raw.execute(_CONFIRM, agent_id, raw.ts(at), step)
    codes = await _new_recovery_codes(raw, agent_id, at)
    await record_audit(
        db, action="agent.two_factor_enabled", entity_type="agent", entity_id=agent_id,
        actor_agent_id=acting_agent_id,
    )  # fmt: skip
    return codes


async def check_second_factor(db: AsyncSession, agent_id: int, code: str) -> str | None:
    """Spend `code` (a TOTP code, or a recovery code) for `agent_id`: "totp" or
    "recovery_code" when it was good, None when not. Must run in a write transaction."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_ROW, agent_id)
    if row is None or row[1] is None:
        return None
    at = now(db)
    step = _matching_step(_unseal(row[0]), code, at, row[2])
    if step is not None:
        await raw.execute(_STEP, agent_id, step)
        return "totp"
    if len(_normal_code(code)) == 10 and await raw.fetchone(
        _USE_CODE, agent_id, _hash_code(code), raw.ts(at)
    ):
        await record_audit(
            db, action="agent.recovery_code_used", entity_type="agent",
            entity_id=agent_id, actor_agent_id=agent_id,
        )  # fmt: skip
        return "recovery_code"
    return None


async def do_new_recovery_codes(db: AsyncSession, agent_id: int, code: str) -> list[str]:
    """Replace the agent's recovery codes (needs a current code)."""
    if not await two_factor_enabled(db, agent_id):
        raise Conflict("Two-factor sign-in is off.", message="two_factor_off")
    if await check_second_factor(db, agent_id, code) is None:
        raise WrongCode()
    raw = await raw_connection(db)
    codes = await _new_recovery_codes(raw, agent_id, now(db))
    await record_audit(
        db, action="agent.recovery_codes_replaced", entity_type="agent", entity_id=agent_id,
        actor_agent_id=agent_id,
    )  # fmt: skip
    return codes


async def do_disable_two_factor(db: AsyncSession, agent_id: int, code: str, role: str) -> None:
    """Turn one's own two-factor off with a current code; refused when the role requires it."""
    if not await two_factor_enabled(db, agent_id):
        raise Conflict("Two-factor sign-in is off.", message="two_factor_off")
    if await role_requires_two_factor(db, role):
        raise Conflict(
            "Your role requires two-factor sign-in, so it cannot be turned off; set up a new "
            "app by asking an admin to reset it.",
            message="two_factor_required",
        )
    if await check_second_factor(db, agent_id, code) is None:
        raise WrongCode()
    raw = await raw_connection(db)
    await raw.execute(_DROP, agent_id)
    await raw.execute(_DROP_CODES, agent_id)
    await record_audit(
        db, action="agent.two_factor_disabled", entity_type="agent", entity_id=agent_id,
        actor_agent_id=agent_id,
    )  # fmt: skip


async def do_reset_two_factor(
    db: AsyncSession, agent_id: int, *, acting_agent_id: int | None
) -> bool:
    """An admin's reset (a lost phone): the seed and recovery codes go, and so do the agent's
    sessions (agents/sessions.py); they enrol again at their next sign-in if their role
    requires it. False when the agent had none."""
    from firstline.agents.sessions import revoke_sessions

    raw = await raw_connection(db)
    had = await raw.fetchone(_ROW, agent_id)
    await raw.execute(_DROP, agent_id)
    await raw.execute(_DROP_CODES, agent_id)
    await revoke_sessions(db, agent_id)
    await record_audit(
        db, action="agent.two_factor_reset", entity_type="agent", entity_id=agent_id,
        actor_agent_id=acting_agent_id, data={"had_two_factor": had is not None},
    )  # fmt: skip
    return had is not None
