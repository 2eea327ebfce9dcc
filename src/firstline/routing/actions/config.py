"""Writing routing rules and settings (admins): which team a new conversation goes to."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.audit.tables import ConfigTable, fits_id
from firstline.core.changes import apply_changes
from firstline.core.db import now
from firstline.core.errors import InvalidInput
from firstline.core.rawsql import raw_connection
from firstline.routing.models import RoutingRule, RoutingSettings
from firstline.routing.placement import load_team


async def _check_team_exists(db: AsyncSession, team_id: int, name: str = "team_id") -> None:
    raw = await raw_connection(db)
    if not fits_id(team_id) or await load_team(raw, team_id) is None:
        raise InvalidInput(
            f"{name} {team_id} does not exist; see GET /api/v1/teams.",
            message="team_field_missing",
            args={"field": name, "id": str(team_id)},
        )


async def _check_rule(
    db: AsyncSession, rule: RoutingRule | None, fields: dict[str, Any]
) -> dict[str, Any]:
    if fields.get("team_id") is not None:
        await _check_team_exists(db, fields["team_id"])
    return fields


RULES = ConfigTable(
    model=RoutingRule,
    noun="routing rule",
    entity_type="routing_rule",
    required=("name", "team_id", "position", "enabled"),
    order_by=(RoutingRule.position, RoutingRule.id),
    validate=_check_rule,
)
do_create_rule = RULES.create
do_update_rule = RULES.update
do_delete_rule = RULES.delete


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
            await _check_team_exists(db, changes[name], name)
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
