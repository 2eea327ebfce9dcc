"""Routing after intake: filling free agents from their queues, relaxing requirements for
conversations that wait too long, re-routing an absent agent's chats, and the supervisor's
pull, push and pause.

Every function here takes work in bounded slices (a queue head of `HEAD` rows, the team's
online agents), so the cost of routing one conversation does not grow with the backlog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.state import (
    do_assign_from_queue,
    do_relax_in_queue,
    do_requeue_from_agent,
    update_sql,
)
from firstline.core.db import now
from firstline.core.errors import InvalidInput, NotFound
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.routing.placement import (
    candidates,
    claim_agent,
    json_value,
    load_team,
    reason_at,
    touch_agent,
)
from firstline.routing.rules import (
    LANGUAGE_RELAXED,
    SKILL_RELAXED,
    Candidate,
    choose_agent,
    next_relaxation,
    queue_rank,
)
from firstline.sla.actions import as_datetime

# How far down a queue one routing pass looks for conversations the free agents can take.
HEAD = 50

_HEAD = (
    "SELECT id, language, required_skill, relax_level, routing_reasons, customer_id, priority "
    "FROM conversations WHERE team_id = $1 AND queue_rank IS NOT NULL "
    "ORDER BY queue_rank, id LIMIT $2"
)
_HEAD_SQL = SQL(_HEAD)
_HEAD_SKIP_LOCKED = SQL(_HEAD + " FOR UPDATE SKIP LOCKED")
_TEAMS_OF = SQL("SELECT team_id FROM team_memberships WHERE agent_id = $1 ORDER BY team_id")
_QUEUED_TEAMS = SQL(
    "SELECT DISTINCT m.team_id FROM team_memberships m JOIN agents a ON a.id = m.agent_id "
    "WHERE a.presence = 'online' AND a.is_active AND NOT a.routing_paused"
)
_HAS_QUEUE = SQL(
    "SELECT 1 FROM conversations WHERE team_id = $1 AND queue_rank IS NOT NULL LIMIT 1"
)


def _reasons(value: Any) -> list[dict[str, Any]]:
    return list(json_value(value) or [])


async def _assign_from_queue(
    db: AsyncSession,
    raw: RawConnection,
    row: Any,
    agent: Candidate,
    *,
    team_id: int,
    at: datetime,
    why: dict[str, Any],
    acting_agent_id: int | None = None,
) -> bool:
    reasons = _reasons(row[4])
    reasons.append(reason_at(at, {"factor": "assigned", "agent_id": agent.agent_id, **why}))
    await do_assign_from_queue(
        db, row[0], agent.agent_id, team_id=team_id, reasons=reasons, at=at, why=why,
        acting_agent_id=acting_agent_id,
    )  # fmt: skip
    return True


async def do_route_team_queue(db: AsyncSession, team_id: int) -> int:
    """Give the head of the team's queue to its online agents with room; return how many
    conversations were assigned."""
    raw = await raw_connection(db)
    team = await load_team(raw, team_id)
    if team is None:
        return 0
    pool = await candidates(raw, team_id)
    if not any(c.load < c.capacity for c in pool):
        return 0
    at = now(db)
    rows = await raw.fetchall(_HEAD_SQL if raw.sqlite else _HEAD_SKIP_LOCKED, team_id, HEAD)
    assigned = 0
    for row in rows:
        if not any(c.load < c.capacity for c in pool):
            break
        agent = await claim_agent(
            raw, pool, language=row[1], required_skill=row[2], relax_level=row[3],
            strategy=team.strategy, at=at, wait_for_lock=False, priority=row[6], line=team.line,
        )  # fmt: skip
        if agent is None:
            continue
        why = {"strategy": team.strategy, "load": agent.load - 1}
        if await _assign_from_queue(db, raw, row, agent, team_id=team_id, at=at, why=why):
            assigned += 1
    return assigned


async def do_fill_agent(db: AsyncSession, agent_id: int) -> int:
    """Route the queues of the agent's teams (after they came online, were unpaused, or
    finished a conversation)."""
    raw = await raw_connection(db)
    total = 0
    for (team_id,) in await raw.fetchall(_TEAMS_OF, agent_id):
        total += await do_route_team_queue(db, team_id)
    return total


async def teams_to_route(raw: RawConnection) -> list[int]:
    """Teams with something queued and an agent online with room: the periodic pass's work
    list, read without the write lock so that a floor at full capacity costs no writes."""
    teams = [r[0] for r in await raw.fetchall(_QUEUED_TEAMS)]
    due = []
    for team in teams:
        if await raw.fetchone(_HAS_QUEUE, team) is None:
            continue
        if any(c.load < c.capacity for c in await candidates(raw, team)):
            due.append(team)
    return due


_UNANSWERED = SQL(
    "SELECT id, team_id, routing_reasons, priority_boost, next_response_due_at, "
    "first_response_due_at, first_response_at FROM conversations "
    "WHERE assignee_id = $1 AND status = 'open' AND waiting_since IS NOT NULL "
    "AND channel = 'chat'"
)


async def do_requeue_unanswered(
    db: AsyncSession,
    agent_id: int,
    *,
    why: str,
    acting_agent_id: int | None,
    why_code: str | None = None,
) -> list[int]:
    """Put the agent's chats that are waiting for an answer back in their queues (the agent
    went away or offline, or was paused), keeping their urgency, then route them. `why` is
    the English sentence kept for the audit trail and older readers; `why_code` the stable
    code the console translates (its console.json key reasons.why_<code>)."""
    raw = await raw_connection(db)
    at = now(db)
    rows = await raw.fetchall(_UNANSWERED, agent_id)
    teams: set[int] = set()
    moved: list[int] = []
    for cid, team_id, reasons_raw, boost, next_due_at, first_due, first_at in rows:
        due = as_datetime(next_due_at) or (as_datetime(first_due) if first_at is None else None)
        team = await load_team(raw, team_id) if team_id is not None else None
        reasons = _reasons(reasons_raw)
        rerouted: dict[str, Any] = {"factor": "rerouted", "from_agent_id": agent_id, "why": why}
        if why_code is not None:
            rerouted["why_code"] = why_code
            rerouted["why_args"] = {}
        reasons.append(reason_at(at, rerouted))
        relax_at = at + timedelta(seconds=team.relax_after_seconds) if team else None
        await do_requeue_from_agent(
            db, cid, from_agent_id=agent_id, team_id=team_id, rank=queue_rank(due or at, boost),
            relax_at=relax_at, reasons=reasons, at=at, why=why, acting_agent_id=acting_agent_id,
        )  # fmt: skip
        moved.append(cid)
        if team_id is not None:
            teams.add(team_id)
    for team_id in sorted(teams):
        await do_route_team_queue(db, team_id)
    return moved


_RELAX_DUE = (
    "SELECT id, team_id, required_skill, relax_level, routing_reasons, queued_at "
    "FROM conversations WHERE relax_at IS NOT NULL AND relax_at <= $1 "
    "ORDER BY relax_at LIMIT $2"
)
_RELAX_DUE_SQL = SQL(_RELAX_DUE)
_RELAX_DUE_SKIP_LOCKED = SQL(_RELAX_DUE + " FOR UPDATE SKIP LOCKED")
_ANY_RELAX_DUE = SQL(
    "SELECT 1 FROM conversations WHERE relax_at IS NOT NULL AND relax_at <= $1 LIMIT 1"
)
# Nothing left to relax: the conversation keeps waiting where it is, and stops being due.
_STOP_RELAXING = update_sql(("relax_at", "updated_at"), "queue_rank IS NOT NULL")


async def any_relaxation_due(raw: RawConnection, at: datetime) -> bool:
    return await raw.fetchone(_ANY_RELAX_DUE, raw.ts(at)) is not None


async def do_relax_waiting(db: AsyncSession, *, limit: int = 200) -> int:
    """Relax the requirements of conversations that waited past their team's limit: first
    the required skill, then the language (moving to the team's overflow team when it has
    one). Each step is recorded on the conversation with the reason."""
    raw = await raw_connection(db)
    at = now(db)
    rows = await raw.fetchall(
        _RELAX_DUE_SQL if raw.sqlite else _RELAX_DUE_SKIP_LOCKED, raw.ts(at), limit
    )
    touched: set[int] = set()
    for cid, team_id, skill, level, reasons_raw, queued_at in rows:
        team = await load_team(raw, team_id) if team_id is not None else None
        if team is None:
            await raw.execute(_STOP_RELAXING, cid, None, raw.ts(at))
            continue
        step = next_relaxation(
            level, required_skill=skill, has_overflow=team.overflow_team_id is not None
        )
        if step is None:
            await raw.execute(_STOP_RELAXING, cid, None, raw.ts(at))
            continue
        waited = int((at - (as_datetime(queued_at) or at)).total_seconds())
        new_team = team
        reason: dict[str, Any] = {"factor": "relaxed", "after_seconds": waited}
        if step == SKILL_RELAXED:
            reason["why"] = f"nobody with skill {skill!r} was free; any agent of the team may"
            reason["why_code"] = "skill_busy"
            reason["why_args"] = {"skill": skill}
        elif team.overflow_team_id is not None:
            overflow = await load_team(raw, team.overflow_team_id)
            if overflow is not None:
                new_team = overflow
                reason["why"] = f"no agent of {team.name} was free; moved to {overflow.name}"
                reason["why_code"] = "overflow"
                reason["why_args"] = {"team": team.name, "overflow": overflow.name}
                reason["team_id"] = overflow.id
        if new_team is team and step == LANGUAGE_RELAXED:
            reason["why"] = "no agent speaking the language was free; any agent may take it"
            reason["why_code"] = "language_busy"
            reason["why_args"] = {}
        following = next_relaxation(
            step, required_skill=skill, has_overflow=new_team.overflow_team_id is not None
        )
        relax_at = (
            at + timedelta(seconds=new_team.relax_after_seconds) if following is not None else None
        )
        reasons = _reasons(reasons_raw)
        reasons.append(reason_at(at, reason))
        await do_relax_in_queue(
            db, cid, team_id=new_team.id, moved=new_team is not team, level=step,
            relax_at=relax_at, reasons=reasons, reason=reason, at=at,
        )  # fmt: skip
        touched.add(new_team.id)
    for team_id in sorted(touched):
        await do_route_team_queue(db, team_id)
    return len(rows)


_PULL_HEAD = (
    "SELECT id, language, required_skill, relax_level, routing_reasons, customer_id, team_id, "
    "queue_rank, priority FROM conversations WHERE team_id = $1 AND queue_rank IS NOT NULL "
    "ORDER BY queue_rank, id LIMIT $2"
)
_PULL_HEAD_SQL = SQL(_PULL_HEAD)
_PULL_HEAD_SKIP_LOCKED = SQL(_PULL_HEAD + " FOR UPDATE SKIP LOCKED")
_AGENT_FIT = SQL("SELECT languages, skills, is_manager FROM agents WHERE id = $1")
_TEAM_LINE = SQL("SELECT line FROM teams WHERE id = $1")


@dataclass(frozen=True, slots=True)
class Pulled:
    conversation_id: int
    team_id: int


async def do_pull_conversation(
    db: AsyncSession,
    agent_id: int,
    *,
    team_id: int | None,
    acting_agent_id: int | None,
) -> Pulled:
    """Give the agent the most urgent conversation they can take from their teams' queues
    (or from `team_id`'s), even past their capacity: pulling is a deliberate choice."""
    raw = await raw_connection(db)
    teams = [r[0] for r in await raw.fetchall(_TEAMS_OF, agent_id)]
    if team_id is not None:
        if team_id not in teams:
            raise InvalidInput(f"Agent {agent_id} is not in team {team_id}; pull from their teams.")
        teams = [team_id]
    me = await raw.fetchone(_AGENT_FIT, agent_id)
    if me is None:
        raise NotFound(f"Agent {agent_id} does not exist.")
    languages, skills = json_value(me[0]) or [], json_value(me[1]) or []
    manager = bool(me[2])
    best: tuple[int, int, Any, int] | None = None
    for team in teams:
        sql = _PULL_HEAD_SQL if raw.sqlite else _PULL_HEAD_SKIP_LOCKED
        line = (await raw.fetchone(_TEAM_LINE, team))[0]
        for row in await raw.fetchall(sql, team, HEAD):
            solo = Candidate(agent_id, languages, skills, 0, 1, None, manager)
            fits = choose_agent(
                [solo], language=row[1], required_skill=row[2], relax_level=row[3],
                strategy="least_busy", priority=row[8], line=line,
            )  # fmt: skip
            if fits is None:
                continue
            key = (row[7], row[0])
            if best is None or key < (best[0], best[1]):
                best = (row[7], row[0], row, team)
            break
    if best is None:
        raise NotFound("No waiting conversation in your teams' queues fits you.")
    row, team = best[2], best[3]
    at = now(db)
    await touch_agent(raw, agent_id, at)
    agent = Candidate(agent_id, languages, skills, 1, 1, at, manager)
    await _assign_from_queue(
        db, raw, row, agent, team_id=team, at=at,
        why={"pulled": True, "by_agent_id": acting_agent_id}, acting_agent_id=acting_agent_id,
    )  # fmt: skip
    return Pulled(row[0], team)


async def do_react_to_agent_change(
    db: AsyncSession, agent_id: int, applied: dict[str, Any], *, acting_agent_id: int | None
) -> None:
    """Routing's side of a change to an agent: one who left (away, offline, disabled) has
    their unanswered chats re-routed; one who has new room (online, unpaused, more capacity,
    new teams) is filled from their queues at once rather than at the next job pass."""
    presence = applied.get("presence")
    if presence in ("away", "offline") or applied.get("is_active") is False:
        why = f"agent went {presence}" if presence else "agent was disabled"
        code = f"agent_{presence}" if presence else "agent_disabled"
        await do_requeue_unanswered(
            db, agent_id, why=why, why_code=code, acting_agent_id=acting_agent_id
        )
        return
    if (
        presence == "online"
        or applied.get("routing_paused") is False
        or "max_concurrent" in applied
        or "team_ids" in applied
        or "skills" in applied
        or "languages" in applied
    ):
        await do_fill_agent(db, agent_id)
