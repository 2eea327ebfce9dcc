"""Writing routing rules and settings (admins): which team a new conversation goes to."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.changes import apply_changes, plain
from firstline.core.db import now
from firstline.core.errors import InvalidInput
from firstline.core.rawsql import raw_connection
from firstline.routing.models import RoutingRule, RoutingSettings
from firstline.routing.placement import load_team


async def _check_team_exists(db: AsyncSession, team_id: int) -> None:
    raw = await raw_connection(db)
    if await load_team(raw, team_id) is None:
        raise InvalidInput(f"team_id {team_id} does not exist; see GET /api/v1/teams.")


async def do_create_rule(
    db: AsyncSession, fields: dict[str, Any], *, acting_agent_id: int | None
) -> RoutingRule:
    await _check_team_exists(db, fields["team_id"])
    rule = RoutingRule(**fields, created_at=now(db))
    db.add(rule)
    await db.flush()
    await record_audit(
        db, action="routing_rule.created", entity_type="routing_rule", entity_id=rule.id,
        actor_agent_id=acting_agent_id,
        data=plain(fields),
    )  # fmt: skip
    return rule


async def do_update_rule(
    db: AsyncSession, rule: RoutingRule, changes: dict[str, Any], *, acting_agent_id: int | None
) -> dict[str, Any]:
    if changes.get("team_id") is not None:
        await _check_team_exists(db, changes["team_id"])
    applied = apply_changes(rule, changes, required=("name", "team_id", "position", "enabled"))
    if applied:
        await db.flush()
        await record_audit(
            db, action="routing_rule.updated", entity_type="routing_rule", entity_id=rule.id,
            actor_agent_id=acting_agent_id,
            data=applied,
        )  # fmt: skip
    return applied


async def do_delete_rule(
    db: AsyncSession, rule: RoutingRule, *, acting_agent_id: int | None
) -> None:
    await db.delete(rule)
    await db.flush()
    await record_audit(
        db, action="routing_rule.deleted", entity_type="routing_rule", entity_id=rule.id,
        actor_agent_id=acting_agent_id,
        data={"name": rule.name},
    )  # fmt: skip


async def get_routing_settings(db: AsyncSession) -> RoutingSettings:
    """The settings row, or an unsaved one with nothing set (routing's defaults)."""
    found = await db.get(RoutingSettings, 1)
    return found if found is not None else RoutingSettings(id=1, updated_at=None)


async def do_update_routing_settings(
    db: AsyncSession, changes: dict[str, Any], *, acting_agent_id: int | None
) -> RoutingSettings:
    """Set the default team (conversations no rule or product fits) and the security team
    (hacked accounts and scams); null unsets one."""
    for name in ("default_team_id", "security_team_id"):
        if changes.get(name) is not None:
            raw = await raw_connection(db)
            if await load_team(raw, changes[name]) is None:
                raise InvalidInput(f"{name} {changes[name]} does not exist; see GET /api/v1/teams.")
    settings = await db.get(RoutingSettings, 1, with_for_update=True)
    if settings is None:
        settings = RoutingSettings(id=1, default_team_id=None, security_team_id=None)
        db.add(settings)
    applied = apply_changes(settings, changes)
    if applied or settings.updated_at is None:
        settings.updated_at = now(db)
        await db.flush()
    if applied:
        await record_audit(
            db, action="routing_settings.updated", entity_type="routing_settings", entity_id=1,
            actor_agent_id=acting_agent_id, data=applied,
        )  # fmt: skip
    return settings
