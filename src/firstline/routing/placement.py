"""Where a conversation goes: the team, the SLA clocks, its place in the queue, and the agent
who takes it now if one fits.

This is the part of routing that intake needs, so it sits below the conversations domain and
reads the tables it needs with hand-written SQL (intake is the hottest write path). The rest
of routing (re-routing, relaxation, pull and push) is in routing/actions.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.routing.rules import (
    BOOST_PRIORITY,
    STRICT,
    TOP_PRIORITY,
    Candidate,
    Defaults,
    RuleView,
    TeamChoice,
    TeamView,
    choose_agent,
    choose_fallback,
    choose_team,
    next_relaxation,
    queue_rank,
    security_team,
    urgency,
)
from firstline.sla.actions import as_datetime
from firstline.sla.rules import Targets, add_working_time, choose_targets, parse_calendar

_RULES = SQL(
    "SELECT id, name, product, language, tier, channel, team_id, required_skill "
    "FROM routing_rules WHERE enabled ORDER BY position, id"
)
_TEAMS = SQL(
    "SELECT id, name, product, languages, line, strategy, relax_after_seconds, "
    "overflow_team_id, calendar FROM teams"
)
_TEAM = SQL(
    "SELECT id, name, product, languages, line, strategy, relax_after_seconds, "
    "overflow_team_id, calendar FROM teams WHERE id = $1"
)
POLICIES = SQL(
    "SELECT id, position, channel, tier, priority, first_response_seconds, "
    "next_response_seconds, resolution_seconds FROM sla_policies"
)
_POLICY = SQL(
    "SELECT id, position, channel, tier, priority, first_response_seconds, "
    "next_response_seconds, resolution_seconds FROM sla_policies WHERE id = $1"
)
_CANDIDATES = SQL(
    "SELECT a.id, a.languages, a.skills, a.max_concurrent, a.last_assigned_at, "
    "(SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open'), "
    "a.is_manager "
    "FROM agents a JOIN team_memberships m ON m.agent_id = a.id "
    "WHERE m.team_id = $1 AND a.presence = 'online' AND a.is_active AND NOT a.routing_paused"
)
_DEFAULTS = SQL("SELECT default_team_id, security_team_id FROM routing_settings WHERE id = 1")
# Teams with an online, unpaused agent, and the languages each speaks. Load is not counted:
# the agent who takes the conversation is chosen (with their room checked) afterwards.
_STAFFED = SQL(
    "SELECT m.team_id, a.languages FROM agents a "
    "JOIN team_memberships m ON m.agent_id = a.id "
    "WHERE a.presence = 'online' AND a.is_active AND NOT a.routing_paused"
)
_LOCK_AGENT = SQL("SELECT max_concurrent FROM agents WHERE id = $1 FOR UPDATE")
_LOCK_AGENT_NOWAIT = SQL("SELECT max_concurrent FROM agents WHERE id = $1 FOR UPDATE SKIP LOCKED")
_LOAD = SQL("SELECT count(*) FROM conversations WHERE assignee_id = $1 AND status = 'open'")
_TOUCH_AGENT = SQL("UPDATE agents SET last_assigned_at = $2 WHERE id = $1")


def json_value(value: Any) -> Any:
    """A JSON column's value (SQLite hands back text, PostgreSQL the value)."""
    return orjson.loads(value) if isinstance(value, str | bytes) else value


async def touch_agent(raw: RawConnection, agent_id: int, at: datetime) -> None:
    """Note the agent's latest assignment (round-robin and least-busy ties go by it)."""
    await raw.execute(_TOUCH_AGENT, agent_id, raw.ts(at))


def team_view(row: Any) -> TeamView:
    return TeamView(
        id=row[0],
        name=row[1],
        product=row[2],
        languages=json_value(row[3]) or [],
        line=row[4],
        strategy=row[5],
        relax_after_seconds=row[6],
        overflow_team_id=row[7],
        calendar=json_value(row[8]),
    )


async def load_defaults(raw: RawConnection) -> Defaults:
    row = await raw.fetchone(_DEFAULTS)
    return Defaults(row[0], row[1]) if row is not None else Defaults()


async def staffed_teams(raw: RawConnection, language: str) -> set[int]:
    """Teams with someone online who speaks `language`. Read only when a conversation has
    no obvious team, so intake's common path never pays for it."""
    return {
        team_id
        for team_id, spoken in await raw.fetchall(_STAFFED)
        if language in (json_value(spoken) or [])
    }


async def load_team(raw: RawConnection, team_id: int) -> TeamView | None:
    row = await raw.fetchone(_TEAM, team_id)
    return team_view(row) if row is not None else None


@dataclass(frozen=True, slots=True)
class PolicyRow:
    id: int
    position: int
    channel: str | None
    tier: str | None
    priority: str | None
    first_response_seconds: int
    next_response_seconds: int
    resolution_seconds: int


async def load_targets(
    raw: RawConnection, *, policy_id: int | None, channel: str, tier: str | None, priority: str
) -> Targets:
    """The targets a conversation was given (its stored policy, else the defaults)."""
    if policy_id is not None:
        row = await raw.fetchone(_POLICY, policy_id)
        if row is not None:
            return choose_targets([PolicyRow(*row)], channel=channel, tier=tier, priority=priority)
    rows = await raw.fetchall(POLICIES)
    return choose_targets(
        [PolicyRow(*r) for r in rows], channel=channel, tier=tier, priority=priority
    )


def working_time(team: TeamView | None, start: datetime, seconds: int) -> datetime:
    calendar = parse_calendar(team.calendar) if team is not None else None
    return add_working_time(start, seconds, calendar)


async def candidates(raw: RawConnection, team_id: int) -> list[Candidate]:
    """Online, unpaused, active members of the team with their open load. The cost grows with
    the team's online agents, never with the queue or the table."""
    rows = await raw.fetchall(_CANDIDATES, team_id)
    return [
        Candidate(
            agent_id=r[0],
            languages=json_value(r[1]) or [],
            skills=json_value(r[2]) or [],
            capacity=r[3],
            last_assigned_at=as_datetime(r[4]),
            load=int(r[5]),
            manager=bool(r[6]),
        )
        for r in rows
    ]


async def claim_agent(
    raw: RawConnection,
    pool: list[Candidate],
    *,
    language: str,
    required_skill: str | None,
    relax_level: int,
    strategy: str,
    at: datetime,
    wait_for_lock: bool = True,
    priority: str = "normal",
    line: str = "first",
) -> Candidate | None:
    """Choose an agent from `pool` and take one unit of their capacity.

    On PostgreSQL two transactions could both see the last free slot of an agent, so the
    chosen agent's row is locked and their load counted again before committing to them;
    SQLite writers are serialised already. `pool` is updated in place (load, last assignment)
    so that a caller placing several conversations sees its own assignments."""
    remaining = list(pool)
    while remaining:
        chosen = choose_agent(
            remaining,
            language=language,
            required_skill=required_skill,
            relax_level=relax_level,
            strategy=strategy,
            priority=priority,
            line=line,
        )
        if chosen is None:
            return None
        if not raw.sqlite:
            locked = await raw.fetchone(
                _LOCK_AGENT if wait_for_lock else _LOCK_AGENT_NOWAIT, chosen.agent_id
            )
            if locked is None:
                remaining.remove(chosen)
                continue
            (load,) = await raw.fetchone(_LOAD, chosen.agent_id)
            chosen.load = int(load)
            if chosen.load >= locked[0]:
                remaining.remove(chosen)
                continue
        chosen.load += 1
        chosen.last_assigned_at = at
        await touch_agent(raw, chosen.agent_id, at)
        return chosen
    return None


@dataclass(slots=True)
class Placement:
    team_id: int | None
    required_skill: str | None
    targets: Targets
    first_response_due_at: datetime
    resolution_due_at: datetime
    priority_boost: int
    reasons: list[dict[str, Any]] = field(default_factory=list)
    assignee_id: int | None = None
    assigned_at: datetime | None = None
    queue_rank: int | None = None
    queued_at: datetime | None = None
    relax_at: datetime | None = None
    # The priority it should have: the one asked for, raised to the top when money is at risk.
    priority: str = "normal"


def reason_at(at: datetime, reason: dict[str, Any]) -> dict[str, Any]:
    return {**reason, "at": at.isoformat()}


async def _choose_team(
    raw: RawConnection,
    teams: list[TeamView],
    *,
    product: str | None,
    language: str,
    tier: str | None,
    channel: str,
    account_at_risk: bool,
) -> TeamChoice:
    """Which team: the security team for a hacked account or a scam, else the rules, the
    product and language fit, the default team, and last a team that speaks the language."""
    # The settings and who is online are read only off the common path (a rule or a team
    # fits), which stays as cheap as it was.
    if account_at_risk:
        defaults = await load_defaults(raw)
        staffed = await staffed_teams(raw, language)
        team = security_team(teams, defaults, language=language, staffed=staffed)
        if team is not None:
            return TeamChoice(
                team.id, None, {"factor": "security", "team_id": team.id, "team": team.name}
            )
    rules = [RuleView(*r) for r in await raw.fetchall(_RULES)]
    choice = choose_team(
        rules, teams, product=product, language=language, tier=tier, channel=channel
    )
    if choice.team_id is not None:
        return choice
    defaults = await load_defaults(raw)
    staffed = await staffed_teams(raw, language) if product is None else set()
    return choose_fallback(teams, defaults, product=product, language=language, staffed=staffed)


async def place_new_conversation(
    db: AsyncSession,
    *,
    at: datetime,
    team_id: int | None,
    product: str | None,
    language: str,
    tier: str | None,
    channel: str,
    priority: str,
    body: str,
    tags: Sequence[str],
    raise_priority: bool = False,
) -> Placement:
    """Decide team, SLA clocks, urgency and (if someone fits now) the agent, before the
    conversation row is written, so that intake writes it once. With `raise_priority`, money
    at risk raises the priority to the top (`Placement.priority`; the caller writes it)."""
    raw = await raw_connection(db)
    teams = {t.id: t for t in map(team_view, await raw.fetchall(_TEAMS))}
    hurry = urgency(body=body, tier=tier, priority=priority, tags=tags)
    if (
        raise_priority
        and hurry.funds_at_risk
        and BOOST_PRIORITY.get(priority, 0) < BOOST_PRIORITY[TOP_PRIORITY]
    ):
        # The bot tells a customer whose money is at risk that they are first in line: the
        # conversation's priority must say the same.
        priority = TOP_PRIORITY
        hurry = urgency(body=body, tier=tier, priority=priority, tags=tags)
    if team_id is not None:
        required_skill = None
        reason: dict[str, Any] = {"factor": "requested", "team_id": team_id}
    else:
        choice = await _choose_team(
            raw, list(teams.values()), product=product, language=language, tier=tier,
            channel=channel, account_at_risk=hurry.account_at_risk,
        )  # fmt: skip
        team_id, required_skill, reason = choice.team_id, choice.required_skill, choice.reason
    team = teams.get(team_id) if team_id is not None else None
    policies = [PolicyRow(*r) for r in await raw.fetchall(POLICIES)]
    targets = choose_targets(policies, channel=channel, tier=tier, priority=priority)
    first_due = working_time(team, at, targets.first_response_seconds)
    resolution_due = working_time(team, at, targets.resolution_seconds)
    reasons = [reason_at(at, reason), *(reason_at(at, r) for r in hurry.reasons)]
    placement = Placement(
        team_id=team_id,
        required_skill=required_skill,
        targets=targets,
        first_response_due_at=first_due,
        resolution_due_at=resolution_due,
        priority_boost=hurry.boost_seconds,
        reasons=reasons,
        priority=priority,
    )
    if team is not None:
        pool = await candidates(raw, team.id)
        agent = await claim_agent(
            raw, pool, language=language, required_skill=required_skill, relax_level=STRICT,
            strategy=team.strategy, at=at, priority=priority, line=team.line,
        )  # fmt: skip
        if agent is not None:
            placement.assignee_id = agent.agent_id
            placement.assigned_at = at
            reasons.append(
                reason_at(at, {"factor": "assigned", "agent_id": agent.agent_id,
                               "strategy": team.strategy, "load": agent.load - 1})
            )  # fmt: skip
            return placement
    placement.queue_rank = queue_rank(first_due, hurry.boost_seconds)
    placement.queued_at = at
    if team is not None:
        step = next_relaxation(
            STRICT, required_skill=required_skill, has_overflow=team.overflow_team_id is not None
        )
        if step is not None:
            placement.relax_at = at + timedelta(seconds=team.relax_after_seconds)
    reasons.append(reason_at(at, {"factor": "queued", "team_id": team_id}))
    return placement
