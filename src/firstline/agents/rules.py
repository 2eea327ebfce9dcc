"""Who may change what about an agent. Pure functions, so the policy reads in one place."""

from __future__ import annotations

from collections.abc import Iterable

from firstline.agents.access import Actor
from firstline.agents.permissions import Permission
from firstline.core.errors import Forbidden
from firstline.core.language import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

# Those who staff the floor (agents.staff) set presence, capacity, teams, routing and skills of
# agents whose role grants less than theirs, but do not grant roles or languages.
_STAFF_FIELDS = frozenset({"presence", "max_concurrent", "team_ids", "routing_paused", "skills"})
# Everyone sets their own presence and the language of their own console.
_SELF_FIELDS = frozenset({"presence", "ui_language"})


def check_agent_update(
    actor: Actor, target_id: int, target_permissions: frozenset[Permission], fields: Iterable[str]
) -> None:
    wanted = set(fields)
    if actor.can(Permission.agents_manage):
        if target_id == actor.agent_id and ("role" in wanted or "is_active" in wanted):
            raise Forbidden(
                "Admins cannot change their own role or disable themselves.",
                message="admin_self_change",
            )
        return
    if target_id == actor.agent_id:
        allowed = _SELF_FIELDS
    elif actor.can(Permission.agents_staff) and target_permissions < actor.permissions:
        allowed = _STAFF_FIELDS
    else:
        raise Forbidden(
            "Only admins change other agents (supervisors: agents on their floor).",
            message="only_admins_change_agents",
        )
    refused = sorted(wanted - allowed)
    if refused:
        fields = ", ".join(refused)
        raise Forbidden(
            f"Your role ({actor.role}) cannot change {fields}; ask an admin.",
            message="role_cannot_change",
            args={"role": actor.role, "fields": fields},
        )


def console_language(ui_language: str | None) -> str:
    """The language an agent's console shows: the one they chose, else English. Not the first
    language they speak: that one says which customers they serve, and many agents who
    answer in Vietnamese or Arabic were trained on, and keep, an English console."""
    return ui_language if ui_language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def effective(manual: Iterable[str], granted: Iterable[str]) -> list[str]:
    """What routing reads: what was given by hand, then what certificates add, each once."""
    return list(dict.fromkeys([*manual, *granted]))
