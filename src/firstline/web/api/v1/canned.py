"""/api/v1/canned-responses: saved replies, one per shortcut and language, with placeholders."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import or_, select

from firstline.agents.access import Actor
from firstline.agents.actions import CANNED
from firstline.agents.models import Agent, CannedResponse
from firstline.agents.permissions import Permission
from firstline.conversations.access import access_conversation_row_by_id
from firstline.core.errors import InvalidInput
from firstline.core.language import normalize_locale
from firstline.web.api.tables import Operation, TableRoutes, as_out
from firstline.web.deps import CurrentActor, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/canned-responses", tags=["canned responses"])

Shortcut = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^\S+$")
]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]

_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")


class CannedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shortcut: Shortcut
    language: str
    title: Title
    body: Text
    team_id: int | None = None


class CannedOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 3,
                    "shortcut": "hello",
                    "language": "en",
                    "title": "Greeting",
                    "body": "Hi {customer.name}, I am {agent.name}.",
                    "team_id": None,
                }
            ]
        }
    )

    id: int
    shortcut: str
    language: str
    title: str
    body: str = Field(description="May hold `{customer.name}`, `{agent.name}`, ...")
    team_id: int | None = Field(description="The team it belongs to; null for everyone.")


class CannedList(BaseModel):
    items: list[CannedOut] = Field(description="At most 200, by shortcut.")


class CannedRendered(BaseModel):
    id: int
    body: str = Field(description="The text with its placeholders filled.")


class CannedPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shortcut: Shortcut | None = None
    title: Title | None = None
    body: Text | None = None


def _language(value: str) -> str:
    language = normalize_locale(value)
    if language is None:
        raise InvalidInput(
            f"language {value!r} is not a supported language.",
            message="language_unknown",
            args={"language": repr(value)},
        )
    return language


_canned = as_out(CannedOut)


def _visible(actor: Actor) -> Any:
    if actor.sees_everything:
        return True
    return or_(CannedResponse.team_id.is_(None), CannedResponse.team_id.in_(actor.team_ids))


@router.get("", operation_id="listCannedResponses", response_model=CannedList)
async def list_canned(
    actor: CurrentActor,
    session: ReadSession,
    language: str | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> FastJSON:
    """Canned responses the agent may use, optionally in one language and matching `q`."""
    stmt = select(CannedResponse).where(_visible(actor)).order_by(CannedResponse.shortcut)
    if language:
        stmt = stmt.where(CannedResponse.language == _language(language))
    if q:
        like = f"%{q.strip().lower()}%"
        stmt = stmt.where(
            or_(CannedResponse.shortcut.ilike(like), CannedResponse.title.ilike(like))
        )
    rows = (await session.scalars(stmt.limit(200))).all()
    return FastJSON({"items": [_canned(c) for c in rows]})


TAKEN = problem_responses((409, "That shortcut exists in that language."))
TableRoutes(
    table=CANNED,
    path="",
    id_name="canned_id",
    out=CannedOut,
    writers=Permission.canned_manage,
    doing="Writing canned responses",
    create_in=CannedIn,
    update_in=CannedPatch,
    # A field sent as null keeps its value; an empty change is answered with the row.
    changes=lambda data: data.model_dump(exclude_none=True),
    require_changes=False,
).add(
    router,
    create_op=Operation(
        operation_id="createCannedResponse",
        summary="Create Canned",
        description="Create a canned response (supervisors and admins).",
        responses=TAKEN,
    ),
    update_op=Operation(
        operation_id="updateCannedResponse",
        summary="Update Canned",
        description="Change a canned response's shortcut, title or text (supervisors and admins).",
        responses=TAKEN,
    ),
    delete_op=Operation(
        operation_id="deleteCannedResponse",
        summary="Delete Canned",
        description="Delete a canned response (supervisors and admins).",
        doing="Deleting canned responses",
        response_description="Deleted.",
    ),
)


@router.get(
    "/{canned_id}/render", operation_id="renderCannedResponse", response_model=CannedRendered
)
async def render_canned(
    canned_id: int, conversation_id: int, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """The canned response with its placeholders filled for one conversation."""
    canned = await CANNED.get(session, canned_id)
    row = await access_conversation_row_by_id(session, actor, conversation_id)
    agent = await session.get(Agent, actor.agent_id)
    values = {
        "customer.name": row.name or "",
        "agent.name": agent.name if agent else actor.name,
        "conversation.id": str(conversation_id),
    }
    body = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), canned.body)
    # Tidy what an empty name leaves behind ("Hi , ..." becomes "Hi, ...").
    body = re.sub(r"\s+([,.!?;:])", r"\1", body).strip()
    return FastJSON({"id": canned.id, "body": body})
