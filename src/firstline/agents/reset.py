"""Self-service password reset by e-mail: a link that works for RESET_MINUTES and only once.

The token names the agent and its expiry, signed with the deployment's key over those and the
agent's current password hash: changing the password (with the link, or any other way) makes
every earlier link worthless, so nothing needs to be stored to make a link single-use. An
account that signs in only by single sign-on, or is disabled, gets no link. Whether an address
has an account is never told: the same answer comes either way.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent

RESET_MINUTES = 30


def _signature(key: str, agent: Agent, expires: int) -> str:
    text = f"reset:{agent.id}:{expires}:{agent.password_hash or ''}:{agent.is_active}"
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()[:40]


def reset_token(key: str, agent: Agent, at: datetime) -> str:
    expires = int((at + timedelta(minutes=RESET_MINUTES)).timestamp())
    return f"{agent.id}.{expires}.{_signature(key, agent, expires)}"


async def agent_for_token(db: AsyncSession, key: str, token: str, at: datetime) -> Agent | None:
    """The active agent a still-valid token was made for, or None."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    agent_id, expires = int(parts[0]), int(parts[1])
    if agent_id > 2**31 - 1 or expires < at.timestamp():
        return None
    agent = await db.get(Agent, agent_id)
    if agent is None or not agent.is_active:
        return None
    if not hmac.compare_digest(_signature(key, agent, expires), parts[2]):
        return None
    return agent
