"""Which agent a provider's sign-in is, and the audit trail of SSO sign-ins.

The rule, in order:
1. an identity already linked, by the provider's (issuer, subject): that agent;
2. else the provider's e-mail, when verified (or the provider is trusted with it) and of an
   allowed domain: the agent with that e-mail, and the identity is linked to them;
3. else, when the provider may create agents: a new agent of the configured role
   (do_provision_sso_agent, just before);
4. else no one: the sign-in is refused.
Whoever it is must be active. A disabled agent is refused even when linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.actions import do_create_agent
from firstline.agents.sso.config import Provider
from firstline.agents.sso.oidc import SsoFailure
from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.rawsql import SQL, raw_connection


@dataclass(frozen=True, slots=True)
class Identity:
    """What the provider asserted about the person, after the ID token's checks."""

    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    name: str | None
    mfa: bool


@dataclass(frozen=True, slots=True)
class Resolved:
    agent_id: int
    linked_now: bool
    created_now: bool


_BY_IDENTITY = SQL(
    "SELECT i.id, a.id, a.is_active FROM agent_identities i JOIN agents a ON a.id = i.agent_id "
    "WHERE i.issuer = $1 AND i.subject = $2"
)
_BY_EMAIL = SQL("SELECT id, is_active FROM agents WHERE email = $1")
_TOUCH = SQL("UPDATE agent_identities SET last_used_at = $2 WHERE id = $1")
_LINK = SQL(
    "INSERT INTO agent_identities (agent_id, issuer, subject, email, created_at, last_used_at) "
    "VALUES ($1, $2, $3, $4, $5, $5)"
)


def _usable_email(provider: Provider, identity: Identity) -> str | None:
    """The e-mail to match by: present, and verified or trusted."""
    if identity.email is None or not (identity.email_verified or provider.trust_email):
        return None
    return identity.email.strip().lower()


async def do_provision_sso_agent(
    db: AsyncSession, provider: Provider, identity: Identity
) -> int | None:
    """Create the agent a first sign-in needs, when the provider may create agents and nobody
    has this identity or e-mail yet; the new agent's id, or None when nothing was created. An
    ORM write (agents/actions.py), so it runs in its own transaction before the sign-in's."""
    email = _usable_email(provider, identity)
    if not provider.create_agents or email is None or not provider.allows(email):
        return None
    raw = await raw_connection(db)
    if await raw.fetchone(_BY_IDENTITY, identity.issuer, identity.subject) is not None:
        return None
    if await raw.fetchone(_BY_EMAIL, email) is not None:
        return None
    agent = await do_create_agent(
        db,
        email=email,
        name=(identity.name or email.partition("@")[0])[:200],
        role=provider.role,
        languages=["en"],
        acting_agent_id=None,
    )
    return agent.id


async def do_resolve_sso_agent(
    db: AsyncSession, provider: Provider, identity: Identity, *, created: bool = False
) -> Resolved:
    """The agent `identity` signs in as (linking them on first use, as the rules above say);
    raises SsoFailure when there is none, or they may not sign in. `created`: the agent was
    just made by do_provision_sso_agent (for the audit entry)."""
    raw = await raw_connection(db)
    at = raw.ts(now(db))
    if identity.email is not None and not provider.allows(identity.email):
        raise SsoFailure("domain", identity.email.rpartition("@")[2].lower())
    row = await raw.fetchone(_BY_IDENTITY, identity.issuer, identity.subject)
    if row is not None:
        if not row[2]:
            raise SsoFailure("disabled", f"agent {row[1]}")
        await raw.execute(_TOUCH, row[0], at)
        return Resolved(int(row[1]), linked_now=False, created_now=False)
    email = _usable_email(provider, identity)
    if email is None:
        raise SsoFailure("unknown_agent", "no verified e-mail and no linked identity")
    found = await raw.fetchone(_BY_EMAIL, email)
    if found is None:
        raise SsoFailure("unknown_agent", email)
    agent_id, active = int(found[0]), bool(found[1])
    if not active:
        raise SsoFailure("disabled", f"agent {agent_id}")
    await raw.execute(_LINK, agent_id, identity.issuer, identity.subject, email, at)
    await record_audit(
        db,
        action="agent.sso_linked",
        entity_type="agent",
        entity_id=agent_id,
        actor_agent_id=agent_id,
        data={"issuer": identity.issuer, "subject": identity.subject, "created": created},
    )
    return Resolved(agent_id, linked_now=True, created_now=created)


async def record_sso_sign_in(
    db: AsyncSession, provider: Provider, resolved: Resolved, identity: Identity, stage: str
) -> None:
    """Which provider signed the agent in, and whether the session waits for their second
    factor (`stage`, agents/sessions.py)."""
    await record_audit(
        db,
        action="agent.sso_signed_in",
        entity_type="agent",
        entity_id=resolved.agent_id,
        actor_agent_id=resolved.agent_id,
        data={
            "provider": provider.slug,
            "issuer": identity.issuer,
            "mfa": identity.mfa,
            "stage": stage,
        },
    )


async def record_sso_failure(
    db: AsyncSession,
    provider: str,
    reason: str,
    *,
    agent_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """An SSO sign-in that did not happen. Nobody is signed in, so the actor is anonymous;
    the entity is the agent when we know who it was, else none (id 0)."""
    await record_audit(
        db,
        action="agent.sso_failed",
        entity_type="agent",
        entity_id=agent_id or 0,
        actor_kind="anonymous",
        data={"provider": provider, "reason": reason, **(data or {})},
    )
