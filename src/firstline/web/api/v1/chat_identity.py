"""/api/v1/chat/identity: how customers prove who they are in the chat widget (admins with
security.configure); /api/v1/customers/{external_id}/chat-sessions: a customer's chat tokens,
and revoking them (customers.edit, on a customer the agent can see)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.chat.identity import (
    IDENTITY_MAX_LIFETIME,
    do_update_identity_settings,
    get_identity_settings,
)
from firstline.chat.sessions import (
    ABSOLUTE,
    IDLE,
    count_live_chat_sessions,
    do_revoke_chat_sessions,
)
from firstline.privacy.access import access_customer_by_external_id
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/api/v1")


class IdentitySettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_hash_allowed: bool = Field(
        description="Accept the older user_hash (never expires). Off: only identity tokens "
        "and anonymous visitors."
    )


class IdentitySettingsOut(BaseModel):
    user_hash_allowed: bool
    identity_token_max_seconds: int = Field(
        description="The furthest ahead an identity token's exp may be."
    )
    chat_token_idle_seconds: int = Field(description="A chat token unused this long ends.")
    chat_token_max_seconds: int = Field(description="A chat token ends this long after it began.")
    updated_at: datetime | None


class ChatSessionsOut(BaseModel):
    live: int = Field(description="Chat tokens of the customer that still work.")


class ChatSessionsRevoked(BaseModel):
    revoked: int = Field(description="How many live chat tokens were ended.")


def _settings_doc(user_hash_allowed: bool, updated_at: datetime | None) -> FastJSON:
    return FastJSON(
        {
            "user_hash_allowed": user_hash_allowed,
            "identity_token_max_seconds": int(IDENTITY_MAX_LIFETIME.total_seconds()),
            "chat_token_idle_seconds": int(IDLE.total_seconds()),
            "chat_token_max_seconds": int(ABSOLUTE.total_seconds()),
            "updated_at": updated_at,
        }
    )


@router.get(
    "/chat/identity",
    operation_id="getChatIdentitySettings",
    tags=["chat widget"],
    response_model=IdentitySettingsOut,
    responses=problem_responses((403, "Needs security.configure.")),
)
async def get_chat_identity(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """How customers prove who they are (security.configure)."""
    require_permission(actor, Permission.security_configure, "Reading the widget's identity")
    found = await get_identity_settings(session)
    return _settings_doc(found.user_hash_allowed, found.updated_at)


@router.put(
    "/chat/identity",
    operation_id="updateChatIdentitySettings",
    tags=["chat widget"],
    response_model=IdentitySettingsOut,
    responses=problem_responses((403, "Needs security.configure.")),
)
async def update_chat_identity(
    data: IdentitySettingsUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Switch the older user_hash on or off (security.configure); audited."""
    require_permission(actor, Permission.security_configure, "Changing the widget's identity")
    async with db.transaction(raw_writes=True) as session:
        saved = await do_update_identity_settings(
            session, user_hash_allowed=data.user_hash_allowed, acting_agent_id=actor.agent_id
        )
    return _settings_doc(saved.user_hash_allowed, saved.updated_at)


@router.get(
    "/customers/{external_id}/chat-sessions",
    operation_id="getCustomerChatSessions",
    tags=["customers"],
    response_model=ChatSessionsOut,
    responses=problem_responses(
        (403, "Needs customers.edit."), (404, "No such customer, or not one you can see.")
    ),
)
async def get_chat_sessions(external_id: str, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """How many chat tokens of the customer still work (customers.edit)."""
    async with db.session() as session:
        customer = await access_customer_by_external_id(session, actor, external_id)
        require_permission(actor, Permission.customers_edit, "Reading a customer's chat sessions")
        return FastJSON({"live": await count_live_chat_sessions(session, customer.id)})


@router.delete(
    "/customers/{external_id}/chat-sessions",
    operation_id="revokeCustomerChatSessions",
    tags=["customers"],
    response_model=ChatSessionsRevoked,
    responses=problem_responses(
        (403, "Needs customers.edit."), (404, "No such customer, or not one you can see.")
    ),
)
async def revoke_chat_sessions(external_id: str, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """End every chat token of the customer at once, in every server process
    (customers.edit); their widget starts a new session, proving again who they are.
    Audited."""
    from firstline.audit.actions import record_audit

    async with db.transaction() as session:
        customer = await access_customer_by_external_id(session, actor, external_id)
        require_permission(actor, Permission.customers_edit, "Revoking a customer's chat sessions")
        revoked = await do_revoke_chat_sessions(session, customer.id)
        await record_audit(
            session, action="customer.chat_sessions_revoked", entity_type="customer",
            entity_id=customer.id, actor_agent_id=actor.agent_id, data={"revoked": revoked},
        )  # fmt: skip
    return FastJSON({"revoked": revoked})
