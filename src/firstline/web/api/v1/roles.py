"""/api/v1/roles and /api/v1/permissions: what agents may do, as named permissions grouped in
roles. Any agent reads them (the console shows them); `roles.manage` changes custom roles and
whether a role requires two-factor sign-in."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import require_permission
from firstline.agents.models import Agent, RoleDefinition
from firstline.agents.permissions import Permission
from firstline.agents.roles import (
    ROLES,
    do_create_role,
    do_delete_role,
    do_update_role,
    role_permissions,
)
from firstline.agents.schemas import RoleCreate, RoleOut, RoleUpdate
from firstline.core.errors import InvalidInput
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["roles"])


def role_dict(row: RoleDefinition, agents: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "description": row.description,
        "permissions": sorted(p.value for p in role_permissions(row)),
        "builtin": row.builtin,
        "require_two_factor": row.require_two_factor,
        "agents": agents,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


async def _holders(session: AsyncSession) -> Counter[str]:
    rows = await session.execute(select(Agent.role, func.count()).group_by(Agent.role))
    return Counter({name: int(n) for name, n in rows.all()})


@router.get("/permissions", operation_id="listPermissions", response_model=list[str])
async def list_permissions(actor: CurrentActor) -> FastJSON:
    """Every permission a role can grant (any agent)."""
    return FastJSON([p.value for p in Permission])


@router.get("/roles", operation_id="listRoles", response_model=list[RoleOut])
async def list_roles(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The built-in roles, then custom roles by name, with how many agents hold each (any
    agent: the console shows them)."""
    held = await _holders(session)
    rows = await ROLES.list_rows(session)
    return FastJSON([role_dict(row, held[row.name]) for row in rows])


@router.get("/roles/{role_id}", operation_id="getRole", response_model=RoleOut)
async def get_role(role_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    row = await ROLES.get(session, role_id)
    return FastJSON(role_dict(row, (await _holders(session))[row.name]))


_WRITE_REFUSALS = problem_responses(
    (403, "Needs roles.manage, and every permission the role grants."),
    (409, "The name is taken or built in, or agents hold the role."),
)


@router.post(
    "/roles",
    operation_id="createRole",
    status_code=201,
    response_model=RoleOut,
    responses=_WRITE_REFUSALS,
)
async def create_role(data: RoleCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Define a custom role (roles.manage). You can only grant permissions you hold."""
    require_permission(actor, Permission.roles_manage, "Defining roles")
    async with db.transaction() as session:
        row = await do_create_role(session, actor, data.model_dump())
    return FastJSON(role_dict(row, 0), status_code=201)


@router.patch(
    "/roles/{role_id}", operation_id="updateRole", response_model=RoleOut, responses=_WRITE_REFUSALS
)
async def update_role(
    role_id: int, data: RoleUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change a role (roles.manage): a custom role's name, description and permissions; any
    role's description and two-factor requirement. Only the fields sent change."""
    require_permission(actor, Permission.roles_manage, "Changing roles")
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    if not changes:
        fields = "name, description, permissions, require_two_factor"
        raise InvalidInput(
            f"Send at least one of {fields}.", message="send_one_of", args={"fields": fields}
        )
    async with db.transaction() as session:
        row = await ROLES.get(session, role_id, for_update=True)
        if "name" in changes and changes["name"] != row.name and not row.builtin:
            # Agents hold a role by name: they follow it to its new name.
            old = row.name
            await do_update_role(session, actor, row, changes)
            await session.execute(update(Agent).where(Agent.role == old).values(role=row.name))
        else:
            await do_update_role(session, actor, row, changes)
        held = (await _holders(session))[row.name]
    return FastJSON(role_dict(row, held))


@router.delete(
    "/roles/{role_id}", operation_id="deleteRole", status_code=204, responses=_WRITE_REFUSALS
)
async def delete_role(role_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Delete a custom role nobody holds (roles.manage)."""
    require_permission(actor, Permission.roles_manage, "Deleting roles")
    async with db.transaction() as session:
        row = await ROLES.get(session, role_id, for_update=True)
        await do_delete_role(session, actor, row)
    return Response(status_code=204)
