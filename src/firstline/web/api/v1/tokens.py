"""/api/v1/tokens: the caller's API tokens (and, with `tokens.manage`, everyone's).

Everyone lists, creates and revokes their own tokens; `tokens.manage` lists and revokes other
agents' (`?agent_id=`). The secret is in the answer to the create call and nowhere else.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.agents.access import Actor
from firstline.agents.models import ApiToken
from firstline.agents.permissions import Permission
from firstline.agents.queries import get_agent
from firstline.agents.tokens import (
    do_issue_api_token,
    do_revoke_api_token,
    get_api_token,
    list_api_tokens,
)
from firstline.core.errors import NotFound
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/tokens", tags=["tokens"])

TokenName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ScopeName = Annotated[str, StringConstraints(min_length=1, max_length=60)]


class TokenCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"name": "CRM sync", "scopes": ["conversations.reply"], "expires_in_days": 90}
            ]
        },
    )

    name: TokenName = Field(description="What the token is for.")
    scopes: list[ScopeName] | None = Field(
        default=None,
        max_length=64,
        description="Permission names the token may use, each one you hold. Null: everything "
        "your role allows, as it changes.",
    )
    expires_in_days: int | None = Field(
        default=90,
        ge=1,
        le=365,
        description="Days until it stops working, 1 to 365. Null: never (needs tokens.manage).",
    )


class TokenOut(BaseModel):
    id: int
    agent_id: int
    name: str
    prefix: str = Field(description="The secret's first characters, to recognise it.")
    scopes: list[str] | None = Field(description="Null: everything the agent's role allows.")
    created_at: datetime
    created_by_agent_id: int | None = Field(description="Null: made on the command line.")
    expires_at: datetime | None = Field(description="Null: never expires.")
    last_used_at: datetime | None = Field(description="To the minute; null: never used.")
    last_used_address: str | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The secret. Shown this once; only its hash is kept.")


class TokenList(BaseModel):
    items: list[TokenOut] = Field(description="Newest first, at most 500.")


def token_dict(row: ApiToken) -> dict[str, Any]:
    return {
        "id": row.id,
        "agent_id": row.agent_id,
        "name": row.label,
        "prefix": row.prefix,
        "scopes": row.scopes,
        "created_at": row.created_at,
        "created_by_agent_id": row.created_by_agent_id,
        "expires_at": row.expires_at,
        "last_used_at": row.last_used_at,
        "last_used_address": row.last_used_address,
        "revoked_at": row.revoked_at,
    }


def _no_token(token_id: int) -> NotFound:
    return NotFound(
        f"No active token with id {token_id}.",
        message="token_not_found",
        args={"id": str(token_id)},
    )


def _may_see(actor: Actor, agent_id: int) -> bool:
    return agent_id == actor.agent_id or actor.can(Permission.tokens_manage)


@router.get(
    "", operation_id="listTokens", response_model=TokenList, responses=problem_responses(404)
)
async def list_tokens(
    actor: CurrentActor,
    session: ReadSession,
    agent_id: Annotated[int | None, Query(ge=1, lt=2**31)] = None,
    include_revoked: bool = False,
) -> FastJSON:
    """Your tokens (never their secrets); with `tokens.manage`, another agent's
    (`agent_id`)."""
    owner = actor.agent_id if agent_id is None else agent_id
    if not _may_see(actor, owner) or await get_agent(session, owner) is None:
        raise NotFound(f"No agent with id {owner}.", message="no_agent", args={"id": str(owner)})
    rows = await list_api_tokens(session, owner, include_revoked=include_revoked)
    return FastJSON({"items": [token_dict(r) for r in rows]})


@router.post(
    "",
    operation_id="createToken",
    status_code=201,
    response_model=TokenCreated,
    responses=problem_responses(
        (403, "A token that never expires needs tokens.manage."),
        (422, "A scope is unknown or one you do not hold."),
    ),
)
async def create_token(data: TokenCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Create a token for yourself. Its scopes must be permissions you hold; the request made
    with it may do what your role allows within them. The secret is in this answer only."""
    lifetime = None if data.expires_in_days is None else timedelta(days=data.expires_in_days)
    async with db.transaction() as session:
        agent = await get_agent(session, actor.agent_id)
        if agent is None:  # deleted between authentication and now
            raise NotFound(
                f"No agent with id {actor.agent_id}.",
                message="no_agent",
                args={"id": str(actor.agent_id)},
            )
        issued = await do_issue_api_token(
            session,
            agent,
            name=data.name,
            scopes=data.scopes,
            lifetime=lifetime,
            acting_agent_id=actor.agent_id,
            allowed=actor.permissions,
        )
        body = {**token_dict(issued.row), "token": issued.secret}
    return FastJSON(body, status_code=201)


@router.delete(
    "/{token_id}",
    operation_id="revokeToken",
    status_code=204,
    responses=problem_responses((404, "No such active token of yours.")),
)
async def revoke_token(token_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Revoke one token: the next request made with it is refused, by every server process.
    Your own, or with `tokens.manage` anyone's."""
    async with db.transaction() as session:
        row = await get_api_token(session, token_id)
        if row is None or not _may_see(actor, row.agent_id):
            raise _no_token(token_id)
        await do_revoke_api_token(session, row, acting_agent_id=actor.agent_id)
    return Response(status_code=204)
