"""/api/v1/flows: the self-service flows in force, and the definitions admins store.

`PUT /api/v1/flows/{id}` takes the definition as JSON (`Content-Type: application/json`) or
YAML (`application/yaml`); a definition with the id of a built-in flow overrides it, and
`DELETE` brings the built-in back. An invalid definition is refused with 422 and `errors`, one
sentence per problem. docs/flows.md describes the format.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.core.errors import FirstlineError, InvalidInput, NotFound
from firstline.flows.actions import do_delete_flow, do_save_flow
from firstline.flows.registry import (
    FlowEntry,
    get_flow_entry,
    get_flow_row,
    list_flow_entries,
)
from firstline.flows.schemas import FlowDetail, FlowOut
from firstline.flows.validation import parse_flow, read_flow_text, texts_of
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/flows", tags=["flows"])

_YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


class UnsupportedMediaType(FirstlineError):
    status = 415
    title = "Unsupported media type"


def entry_dict(entry: FlowEntry, *, definition: bool = False) -> dict[str, Any]:
    flow = entry.flow
    out: dict[str, Any] = {
        "id": flow.id,
        "title": flow.title,
        "source": entry.source,
        "overrides_builtin": entry.overrides_builtin,
        "version": entry.version,
        "updated_at": entry.updated_at,
        "updated_by_agent_id": entry.updated_by_agent_id,
        "intents": flow.intents,
        # The languages every text of the flow is written in.
        "languages": sorted(set.intersection(*(set(text) for _, text in texts_of(flow)))),
        "steps": len(flow.steps),
        "enabled": flow.enabled,
    }
    if definition:
        out["definition"] = flow.document()
    return out


@router.get("", operation_id="listFlows", response_model=list[FlowOut])
async def list_flows(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every flow in force: built-in ones, and those admins stored (`source: custom`)."""
    return FastJSON([entry_dict(e) for e in await list_flow_entries(session)])


@router.get("/{flow_id}", operation_id="getFlow", response_model=FlowDetail)
async def get_flow(flow_id: str, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """A flow and its full definition."""
    entry = await get_flow_entry(session, flow_id)
    if entry is None:
        raise NotFound(f"No flow {flow_id!r}.")
    return FastJSON(entry_dict(entry, definition=True))


@router.put(
    "/{flow_id}",
    operation_id="putFlow",
    response_model=FlowDetail,
    responses=problem_responses(415),
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The definition (docs/flows.md), as JSON or YAML.",
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "application/yaml": {"schema": {"type": "string"}},
            },
        }
    },
)
async def put_flow(
    flow_id: str, request: Request, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Store a flow definition (admins), as JSON or YAML (`Content-Type: application/yaml`).

    The body's `id` may be left out; when given, it must be the one in the URL.
    """
    require_permission(actor, Permission.flows_configure, "Changing flows")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in ("application/json", *_YAML_TYPES):
        raise UnsupportedMediaType("Send the definition as application/json or application/yaml.")
    data = read_flow_text(await request.body(), json_only=media == "application/json")
    if isinstance(data, dict):
        given = data.setdefault("id", flow_id)
        if given != flow_id:
            raise InvalidInput(
                f"The body's id {given!r} differs from the URL's {flow_id!r}.",
                errors=[f"flow: id {given!r} differs from the URL's {flow_id!r}"],
            )
    flow = parse_flow(data)
    async with db.transaction() as session:
        await do_save_flow(session, flow, acting_agent_id=actor.agent_id)
        entry = await get_flow_entry(session, flow_id)
    assert entry is not None
    return FastJSON(entry_dict(entry, definition=True))


@router.delete(
    "/{flow_id}",
    status_code=204,
    operation_id="deleteFlow",
    response_description="Deleted; a built-in flow of the same id is in force again.",
)
async def delete_flow(flow_id: str, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Delete a stored definition (admins); a built-in flow of the same id comes back."""
    require_permission(actor, Permission.flows_configure, "Changing flows")
    async with db.transaction() as session:
        row = await get_flow_row(session, flow_id)
        if row is None:
            raise NotFound(
                f"No stored definition for flow {flow_id!r}; built-in flows cannot be "
                "deleted, only overridden."
            )
        await do_delete_flow(session, row, acting_agent_id=actor.agent_id)
    return Response(status_code=204)
