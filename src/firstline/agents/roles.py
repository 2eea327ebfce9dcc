"""Roles: the built-in three and the ones admins define, written through one config table.

The rules:
- a custom role's name is new (not a built-in one) and its permissions are known names;
- a built-in role keeps its permissions (they come from code); only its description and
  whether it requires two-factor sign-in change, and it cannot be deleted;
- a role someone holds cannot be deleted (give them another first);
- nobody grants what they do not hold: creating or changing a role, or giving a role to an
  agent, needs every permission of that role (so `roles.manage` alone cannot make an admin).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.agents.events import RoleChanged
from firstline.agents.models import Agent, RoleDefinition
from firstline.agents.permissions import (
    BUILTIN_ROLES,
    Permission,
    parse_permissions,
    permissions_of,
)
from firstline.audit.tables import ConfigTable, Verb
from firstline.core.db import now
from firstline.core.errors import Conflict, Forbidden, InvalidInput
from firstline.core.events import Event


def _unknown(values: Iterable[str]) -> list[str]:
    known = {p.value for p in Permission}
    return sorted(set(values) - known)


async def _validate(
    db: AsyncSession, row: RoleDefinition | None, fields: dict[str, Any]
) -> dict[str, Any]:
    if row is None and fields.get("name") in BUILTIN_ROLES:
        raise Conflict(
            f"{fields['name']} is a built-in role; choose another name.",
            message="role_builtin_name",
            args={"name": str(fields["name"])},
        )
    if row is not None and row.builtin and ("permissions" in fields or "name" in fields):
        raise InvalidInput(
            f"{row.name} is a built-in role: its name and permissions are fixed; define a "
            "custom role instead.",
            message="role_builtin_fixed",
            args={"name": row.name},
        )
    if "name" in fields:
        taken = await db.scalar(
            select(RoleDefinition.id).where(RoleDefinition.name == fields["name"])
        )
        if taken is not None and (row is None or taken != row.id):
            raise Conflict(
                f"A role named {fields['name']} exists.",
                message="role_name_taken",
                args={"name": str(fields["name"])},
            )
    if "permissions" in fields:
        unknown = _unknown(fields["permissions"] or [])
        if unknown:
            names = ", ".join(unknown)
            raise InvalidInput(
                f"Unknown permissions: {names}.",
                message="role_unknown_permissions",
                args={"names": names},
            )
        fields["permissions"] = sorted(set(fields["permissions"] or []))
    return fields


def _announce(verb: Verb, row: RoleDefinition, changes: dict[str, Any], at: datetime) -> Event:
    return RoleChanged(occurred_at=at, role_id=row.id, name=row.name, verb=verb)


ROLES: ConfigTable[RoleDefinition] = ConfigTable(
    model=RoleDefinition,
    noun="role",
    entity_type="role",
    required=("name", "description", "permissions", "builtin", "require_two_factor"),
    order_by=(RoleDefinition.builtin.desc(), RoleDefinition.name),
    validate=_validate,
    announce=_announce,
)


# The built-in roles' rows: description, and whether they require two-factor sign-in until an
# admin says otherwise. Migration 0013 writes them; startup puts back any that went missing.
BUILTIN_ROWS: dict[str, tuple[str, bool]] = {
    "agent": ("Answers customers in their teams' queues.", False),
    "supervisor": ("Runs the floor: sees every queue, staffs, publishes, reads reports.", False),
    "admin": ("Configures Firstline and manages accounts and roles.", True),
}


def builtin_role_values(at: datetime, missing: Iterable[str]) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "description": BUILTIN_ROWS[name][0],
            "permissions": [],
            "builtin": True,
            "require_two_factor": BUILTIN_ROWS[name][1],
            "created_at": at,
            "updated_at": at,
        }
        for name in missing
    ]


async def ensure_builtin_roles(db: AsyncSession) -> None:
    """Insert the built-in roles' rows that are missing (a database restored in part, or
    emptied by hand). Idempotent; a concurrent insert by another process is harmless."""
    present = set(await db.scalars(select(RoleDefinition.name).where(RoleDefinition.builtin)))
    missing = [name for name in BUILTIN_ROWS if name not in present]
    if missing:
        await db.execute(insert(RoleDefinition), builtin_role_values(now(db), missing))


def role_permissions(row: RoleDefinition) -> frozenset[Permission]:
    return permissions_of(row.name, row.permissions)


async def find_role(db: AsyncSession, name: str) -> RoleDefinition | None:
    row: RoleDefinition | None = await db.scalar(
        select(RoleDefinition).where(RoleDefinition.name == name)
    )
    return row


def check_grantable(actor: Actor | None, name: str, permissions: Iterable[Permission]) -> None:
    """Refuse to let `actor` grant permissions they do not hold (None: the CLI, which may)."""
    if actor is None:
        return
    missing = sorted(p.value for p in set(permissions) - actor.permissions)
    if missing:
        names = ", ".join(missing)
        raise Forbidden(
            f"You cannot grant the role {name}: it has permissions you do not hold ({names}).",
            message="role_not_grantable",
            args={"role": name, "names": names},
        )


async def check_role_assignable(db: AsyncSession, actor: Actor | None, name: str) -> None:
    """The role exists, and `actor` holds all it grants."""
    if name in BUILTIN_ROLES:
        check_grantable(actor, name, BUILTIN_ROLES[name])
        return
    row = await find_role(db, name)
    if row is None:
        raise InvalidInput(
            f"There is no role named {name}; see GET /api/v1/roles.",
            message="role_unknown",
            args={"name": name},
        )
    check_grantable(actor, name, role_permissions(row))


async def holders(db: AsyncSession, name: str) -> int:
    count = await db.scalar(select(func.count()).select_from(Agent).where(Agent.role == name))
    return int(count or 0)


async def do_create_role(
    db: AsyncSession, actor: Actor | None, fields: dict[str, Any]
) -> RoleDefinition:
    check_grantable(
        actor, str(fields.get("name")), parse_permissions(fields.get("permissions") or [])
    )
    fields.setdefault("builtin", False)
    return await ROLES.create(db, fields, acting_agent_id=actor.agent_id if actor else None)


async def do_update_role(
    db: AsyncSession, actor: Actor | None, row: RoleDefinition, changes: dict[str, Any]
) -> dict[str, Any]:
    check_grantable(actor, row.name, role_permissions(row))
    if "permissions" in changes:
        check_grantable(actor, row.name, parse_permissions(changes["permissions"] or []))
    return await ROLES.update(db, row, changes, acting_agent_id=actor.agent_id if actor else None)


async def do_delete_role(db: AsyncSession, actor: Actor | None, row: RoleDefinition) -> None:
    if row.builtin:
        raise InvalidInput(
            f"{row.name} is a built-in role and cannot be deleted.",
            message="role_builtin_fixed",
            args={"name": row.name},
        )
    count = await holders(db, row.name)
    if count:
        raise Conflict(
            f"{count} agent(s) hold the role {row.name}; give them another role first.",
            message="role_in_use",
            args={"name": row.name, "count": count},
        )
    check_grantable(actor, row.name, role_permissions(row))
    await ROLES.delete(db, row, acting_agent_id=actor.agent_id if actor else None)
