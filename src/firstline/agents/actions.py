"""Writes for teams, agents, tokens and canned responses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.events import AgentCreated, AgentUpdated, TeamCreated
from firstline.agents.models import (
    Agent,
    CannedResponse,
    Presence,
    Role,
    Team,
    TeamMembership,
)
from firstline.agents.passwords import check_new_password, hash_password, verify_password
from firstline.agents.roles import check_role_assignable
from firstline.agents.rules import effective
from firstline.agents.sessions import revoke_agent_access, revoke_sessions
from firstline.agents.tokens import do_create_api_token as do_create_api_token
from firstline.agents.tokens import do_revoke_api_tokens as do_revoke_api_tokens
from firstline.audit.actions import record_audit
from firstline.audit.tables import ConfigTable, Verb, fits_id
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.events import Audience, Event, emit, react
from firstline.core.language import normalize_locale


async def _check_team(
    db: AsyncSession, team: Team | None, fields: dict[str, Any]
) -> dict[str, Any]:
    """`calendar` must already be checked (sla.rules.parse_calendar)."""
    name = fields.get("name")
    if name not in (None, team and team.name) and await db.scalar(
        select(Team.id).where(Team.name == name)
    ):
        raise Conflict(
            f"A team named {name!r} already exists; pick another name.",
            message="team_name_taken",
            args={"name": repr(name)},
        )
    overflow = fields.get("overflow_team_id")
    if overflow is not None:
        if team is not None and overflow == team.id:
            raise InvalidInput("A team cannot overflow into itself.", message="team_overflow_self")
        await _check_teams(db, [overflow])
    return fields


def _announce_team(verb: Verb, team: Team, changes: dict[str, Any], at: datetime) -> Event | None:
    return (
        TeamCreated(occurred_at=at, team_id=team.id, name=team.name) if verb == "created" else None
    )


TEAMS = ConfigTable(
    model=Team,
    noun="team",
    entity_type="team",
    required=("name", "languages", "strategy", "relax_after_seconds"),
    order_by=(Team.id,),
    validate=_check_team,
    announce=_announce_team,
)
do_update_team = TEAMS.update


async def do_create_team(
    db: AsyncSession,
    *,
    name: str,
    product: str | None,
    languages: list[str],
    line: str,
    acting_agent_id: int | None,
    strategy: str = "least_busy",
    relax_after_seconds: int = 120,
    overflow_team_id: int | None = None,
    calendar: dict[str, Any] | None = None,
) -> Team:
    """Create a team. `calendar` must already be checked (sla.rules.parse_calendar)."""
    fields = {"name": name, "product": product, "languages": languages, "line": line,
              "strategy": strategy, "relax_after_seconds": relax_after_seconds,
              "overflow_team_id": overflow_team_id, "calendar": calendar}  # fmt: skip
    return await TEAMS.create(db, fields, acting_agent_id=acting_agent_id)


async def _check_teams(db: AsyncSession, team_ids: Iterable[int]) -> list[int]:
    wanted = sorted(set(team_ids))
    if not wanted:
        return []
    valid = [t for t in wanted if fits_id(t)]
    found = set(await db.scalars(select(Team.id).where(Team.id.in_(valid))))
    missing = [t for t in wanted if t not in found]
    if missing:
        ids = ", ".join(map(str, missing))
        raise InvalidInput(
            f"No team with id {ids}; see GET /api/v1/teams.",
            message="teams_missing",
            args={"ids": ids},
        )
    return wanted


async def _set_memberships(db: AsyncSession, agent_id: int, team_ids: list[int]) -> None:
    await db.execute(delete(TeamMembership).where(TeamMembership.agent_id == agent_id))
    if team_ids:
        await db.execute(
            insert(TeamMembership), [{"agent_id": agent_id, "team_id": t} for t in team_ids]
        )


async def do_create_agent(
    db: AsyncSession,
    *,
    email: str,
    name: str,
    role: str,
    languages: list[str],
    team_ids: list[int] | None = None,
    max_concurrent: int = 5,
    password: str | None = None,
    skills: list[str] | None = None,
    acting_agent_id: int | None,
) -> Agent:
    email = email.strip().lower()
    if await db.scalar(select(Agent.id).where(Agent.email == email)) is not None:
        raise Conflict(
            f"An agent with email {email} already exists.",
            message="agent_email_taken",
            args={"email": email},
        )
    teams = await _check_teams(db, team_ids or [])
    role = str(role)
    await check_role_assignable(db, None, role)
    if password is not None:
        check_new_password(password, email)
    at = now(db)
    agent = Agent(
        email=email,
        name=name,
        role=role,
        languages=languages,
        presence=Presence.offline.value,
        max_concurrent=max_concurrent,
        skills=list(dict.fromkeys(skills or [])),
        manual_skills=list(dict.fromkeys(skills or [])),
        granted_skills=[],
        manual_languages=list(languages),
        granted_languages=[],
        is_manager=False,
        routing_paused=False,
        password_hash=await hash_password(password) if password is not None else None,
        is_active=True,
        created_at=at,
        updated_at=at,
    )
    db.add(agent)
    await db.flush()
    await _set_memberships(db, agent.id, teams)
    await record_audit(
        db,
        action="agent.created",
        entity_type="agent",
        entity_id=agent.id,
        actor_agent_id=acting_agent_id,
        data={"email": email, "role": role, "languages": languages, "team_ids": teams},
    )
    created = AgentCreated(occurred_at=at, agent_id=agent.id, role=role)
    emit(db, created)
    await react(db, created)  # learning gives the new agent their teams' onboarding courses
    return agent


# Fields whose null means "the default" (ui_language: English).
_NULLABLE_FIELDS = frozenset({"ui_language"})


async def do_update_agent(
    db: AsyncSession,
    agent: Agent,
    changes: dict[str, Any],
    *,
    acting_agent_id: int | None,
) -> dict[str, Any]:
    """Apply `changes` (only the fields the caller set) and return what actually changed."""
    applied: dict[str, Any] = {}
    if changes.get("role") is not None:
        await check_role_assignable(db, None, str(changes["role"]))
    if "team_ids" in changes:
        teams = await _check_teams(db, changes.pop("team_ids") or [])
        await _set_memberships(db, agent.id, teams)
        applied["team_ids"] = teams
    for field, value in changes.items():
        if value is None and field not in _NULLABLE_FIELDS:
            raise InvalidInput(
                f"{field} cannot be null.", message="not_null", args={"field": field}
            )
        if field in ("skills", "languages"):
            # Given by hand: what certificates grant stays on top (agents.rules.effective).
            manual = list(dict.fromkeys(value))
            if getattr(agent, f"manual_{field}") != manual:
                setattr(agent, f"manual_{field}", manual)
                applied[f"manual_{field}"] = manual
            value = effective(manual, getattr(agent, f"granted_{field}") or [])
        stored = value.value if isinstance(value, Role | Presence) else value
        if getattr(agent, field) != stored:
            setattr(agent, field, stored)
            applied[field] = stored
    if not applied:
        return applied
    at = now(db)
    agent.updated_at = at
    await db.flush()
    if applied.get("is_active") is False:
        # Disabled for good: their sessions and tokens do not come back if they are enabled.
        await revoke_agent_access(db, agent.id)
    await record_audit(
        db,
        action="agent.updated",
        entity_type="agent",
        entity_id=agent.id,
        actor_agent_id=acting_agent_id,
        data=applied,
    )
    updated = AgentUpdated(
        occurred_at=at,
        agent_id=agent.id,
        changes=applied,
        audience=Audience(agent_ids=(agent.id,)),
    )
    emit(db, updated)
    await react(db, updated)  # learning: a new team's onboarding courses
    return applied


async def do_set_agent_password(
    db: AsyncSession,
    agent: Agent,
    password: str,
    *,
    acting_agent_id: int | None,
    keep_session_id: int | None = None,
) -> None:
    """Set the agent's password and end their sessions but `keep_session_id` (the one an agent
    changing their own password works in): whoever knew the old one is signed out."""
    check_new_password(password, agent.email)
    agent.password_hash = await hash_password(password)
    agent.updated_at = now(db)
    await db.flush()
    await revoke_sessions(db, agent.id, keep_session_id=keep_session_id)
    await record_audit(
        db,
        action="agent.password_set" if acting_agent_id != agent.id else "agent.password_changed",
        entity_type="agent",
        entity_id=agent.id,
        actor_agent_id=acting_agent_id,
    )


async def do_change_own_password(
    db: AsyncSession, agent: Agent, current: str, new: str, *, session_id: int | None
) -> None:
    """An agent's own change: the current password first (a session left open on a shared
    computer must not be enough), then as do_set_agent_password, keeping this session."""
    if not agent.password_hash or not await verify_password(agent.password_hash, current):
        raise InvalidInput("The current password is wrong.", message="password_current_wrong")
    await do_set_agent_password(
        db, agent, new, acting_agent_id=agent.id, keep_session_id=session_id
    )


CANNED_PLACEHOLDERS = ("customer.name", "agent.name", "conversation.id")
_PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z_]+)\}")
CANNED_FIELDS = ("shortcut", "language", "title", "body")


async def _check_canned(
    db: AsyncSession, canned: CannedResponse | None, fields: dict[str, Any]
) -> dict[str, Any]:
    """One per shortcut and language; the body may only use the placeholders the console
    fills in. The fields not sent keep the row's values."""
    kept = {k: getattr(canned, k) for k in (*CANNED_FIELDS, "team_id")} if canned else {}
    values = {**kept, **fields}
    shortcut, title, body = (str(values[k]).strip() for k in ("shortcut", "title", "body"))
    if not shortcut or any(ch.isspace() for ch in shortcut) or len(shortcut) > 40:
        raise InvalidInput(
            "The shortcut is one word of at most 40 characters, e.g. txid.",
            message="canned_shortcut",
        )
    if not title or len(title) > 120:
        raise InvalidInput("The title must be 1 to 120 characters long.", message="canned_title")
    if not body or len(body) > 5000:
        raise InvalidInput("The text must be 1 to 5000 characters long.", message="canned_text")
    code = normalize_locale(values["language"])
    if code is None:
        raise InvalidInput(
            f"{values['language']!r} is not a language Firstline serves.",
            message="language_unknown",
            args={"language": repr(values["language"])},
        )
    unknown = sorted(set(_PLACEHOLDER.findall(body)) - set(CANNED_PLACEHOLDERS))
    if unknown:
        wrong = ", ".join("{" + u + "}" for u in unknown)
        known = ", ".join("{" + p + "}" for p in CANNED_PLACEHOLDERS)
        raise InvalidInput(
            f"Unknown placeholder(s) {wrong}; use {known}.",
            message="canned_placeholders",
            args={"unknown": wrong, "known": known},
        )
    team_id = values.get("team_id")
    if team_id is not None:
        await _check_teams(db, [team_id])
    taken = await db.scalar(
        select(CannedResponse.id).where(
            CannedResponse.shortcut == shortcut, CannedResponse.language == code
        )
    )
    if taken is not None and (canned is None or taken != canned.id):
        raise Conflict(
            f"A canned response /{shortcut} in {code} exists already; edit it.",
            message="canned_exists",
            args={"shortcut": shortcut, "language": code},
        )
    return {"shortcut": shortcut, "language": code, "title": title, "body": body,
            "team_id": team_id}  # fmt: skip


CANNED = ConfigTable(
    model=CannedResponse,
    noun="canned response",
    entity_type="canned_response",
    action_prefix="canned",
    missing="Canned response {id} does not exist.",
    required=CANNED_FIELDS,
    order_by=(CannedResponse.shortcut,),
    validate=_check_canned,
)
do_delete_canned_response = CANNED.delete


async def do_save_canned_response(
    db: AsyncSession,
    canned: CannedResponse | None,
    *,
    shortcut: str,
    language: str,
    title: str,
    body: str,
    team_id: int | None,
    acting_agent_id: int | None,
) -> CannedResponse:
    """Create a canned response (`canned` None) or change one to these values."""
    fields = {"shortcut": shortcut, "language": language, "title": title, "body": body,
              "team_id": team_id}  # fmt: skip
    if canned is None:
        return await CANNED.create(db, fields, acting_agent_id=acting_agent_id)
    await CANNED.update(db, canned, fields, acting_agent_id=acting_agent_id)
    return canned


async def do_set_granted(
    db: AsyncSession,
    agent: Agent,
    *,
    skills: list[str],
    languages: list[str],
    why: str,
    acting_agent_id: int | None,
) -> dict[str, Any]:
    """Set what the agent's certificates grant (learning/ calls it when one is issued, lapses
    or is revoked) and so the skills and languages routing reads; what actually changed.
    Audited as `agent.skills_granted` with `why` (e.g. "certificate 12 issued")."""
    applied: dict[str, Any] = {}
    for field, granted in (("skills", skills), ("languages", languages)):
        granted = list(dict.fromkeys(granted))
        if (getattr(agent, f"granted_{field}") or []) == granted:
            continue
        setattr(agent, f"granted_{field}", granted)
        applied[f"granted_{field}"] = granted
        value = effective(getattr(agent, f"manual_{field}") or [], granted)
        if getattr(agent, field) != value:
            setattr(agent, field, value)
            applied[field] = value
    if not applied:
        return applied
    at = now(db)
    agent.updated_at = at
    await db.flush()
    await record_audit(
        db,
        action="agent.skills_granted",
        entity_type="agent",
        entity_id=agent.id,
        actor_agent_id=acting_agent_id,
        data={**applied, "why": why},
    )
    emit(
        db,
        AgentUpdated(
            occurred_at=at,
            agent_id=agent.id,
            changes=applied,
            audience=Audience(agent_ids=(agent.id,)),
        ),
    )
    return applied
