"""Reading queues: a conversation's place, a team's measured throughput, the expected wait.

A position is counted through the queue index and the count stops at POSITION_CAP, so asking
where a conversation stands costs the same in a backlog of a hundred or of a hundred
thousand; past the cap the customer is told "more than" the cap, which is honest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from firstline.core.rawsql import SQL, RawConnection
from firstline.routing.placement import POLICIES, PolicyRow, candidates, json_value
from firstline.sla.actions import as_datetime
from firstline.sla.rules import choose_targets

POSITION_CAP = 1000
# Throughput is measured over this window. It says how fast the team serves only while the
# team is saturated: with an agent who has room, the assignments counted are the customers who
# came, not what the agents could take, and a quiet quarter-hour would promise a long wait to
# the next customer of an idle team. So the measure is used when nobody online has room, with
# at least THROUGHPUT_MIN assignments in the window; otherwise each agent online is assumed to
# take one conversation per chat first-response target (the SLA the console shows the
# agents), so that what the customer is told and the clock the agent sees agree.
THROUGHPUT_WINDOW = timedelta(minutes=15)
THROUGHPUT_MIN = 3
ASSUMED_HANDLE_SECONDS = 60  # the default chat first-response target (sla/rules.py)

_AHEAD = SQL(
    "SELECT count(*) FROM (SELECT 1 FROM conversations WHERE team_id = $1 "
    "AND queue_rank IS NOT NULL AND (queue_rank < $2 OR (queue_rank = $2 AND id < $3)) "
    "LIMIT $4) ahead"
)
_AHEAD_UNROUTED = SQL(
    "SELECT count(*) FROM (SELECT 1 FROM conversations WHERE team_id IS NULL "
    "AND queue_rank IS NOT NULL AND (queue_rank < $1 OR (queue_rank = $1 AND id < $2)) "
    "LIMIT $3) ahead"
)
_ASSIGNED_SINCE = SQL("SELECT count(*) FROM conversations WHERE team_id = $1 AND assigned_at >= $2")
_ONLINE_ANY = SQL(
    "SELECT count(*) FROM agents WHERE presence = 'online' AND is_active AND NOT routing_paused"
)


async def ahead_of(raw: RawConnection, team_id: int | None, rank: int, conversation_id: int) -> int:
    """How many conversations are served before this one (at most POSITION_CAP)."""
    if team_id is None:
        row = await raw.fetchone(_AHEAD_UNROUTED, rank, conversation_id, POSITION_CAP)
    else:
        row = await raw.fetchone(_AHEAD, team_id, rank, conversation_id, POSITION_CAP)
    return int(row[0])


@dataclass(frozen=True, slots=True)
class Throughput:
    per_second: float | None  # measured while saturated; None when it says nothing
    online: int
    # Seconds an agent is assumed to take per conversation when nothing was measured: the
    # chat first-response target.
    assumed_seconds: int = ASSUMED_HANDLE_SECONDS


async def chat_first_response_seconds(raw: RawConnection) -> int:
    """The first-response target of a chat with no tier or priority (the SLA policies, else
    the default)."""
    rows = await raw.fetchall(POLICIES)
    targets = choose_targets(
        [PolicyRow(*r) for r in rows], channel="chat", tier=None, priority="normal"
    )
    return targets.first_response_seconds


async def throughput(raw: RawConnection, team_id: int | None, at: datetime) -> Throughput:
    target = await chat_first_response_seconds(raw)
    if team_id is None:
        (online,) = await raw.fetchone(_ONLINE_ANY)
        return Throughput(None, int(online), target)
    pool = await candidates(raw, team_id)
    rate = None
    if pool and not any(c.load < c.capacity for c in pool):
        (assigned,) = await raw.fetchone(_ASSIGNED_SINCE, team_id, raw.ts(at - THROUGHPUT_WINDOW))
        if int(assigned) >= THROUGHPUT_MIN:
            rate = int(assigned) / THROUGHPUT_WINDOW.total_seconds()
    return Throughput(rate, len(pool), target)


def expected_wait(position: int, flow: Throughput) -> int | None:
    """Seconds until an agent takes the conversation at `position` (1 = next), or None when
    nobody is online: better to say so than to invent a number."""
    if flow.per_second:
        return math.ceil(position / flow.per_second)
    if flow.online:
        return math.ceil(position / flow.online) * flow.assumed_seconds
    return None


_QUEUE = SQL(
    "SELECT id, language, queued_at, queue_rank, priority_boost, relax_level, required_skill, "
    "routing_reasons FROM conversations WHERE team_id = $1 AND queue_rank IS NOT NULL "
    "ORDER BY queue_rank, id LIMIT $2"
)
_QUEUE_UNROUTED = SQL(
    "SELECT id, language, queued_at, queue_rank, priority_boost, relax_level, required_skill, "
    "routing_reasons FROM conversations WHERE team_id IS NULL AND queue_rank IS NOT NULL "
    "ORDER BY queue_rank, id LIMIT $1"
)


async def queue_head(raw: RawConnection, team_id: int | None, limit: int) -> list[Any]:
    """The first `limit` conversations of a queue, in the order they will be served."""
    if team_id is None:
        return await raw.fetchall(_QUEUE_UNROUTED, limit)
    return await raw.fetchall(_QUEUE, team_id, limit)


_WAITING = SQL(
    "SELECT team_id, language, count(*), min(queued_at) FROM conversations "
    "WHERE queue_rank IS NOT NULL GROUP BY team_id, language"
)
_STAFF = SQL(
    "SELECT m.team_id, a.id, a.languages, a.max_concurrent, a.routing_paused, "
    "(SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open') "
    "FROM agents a JOIN team_memberships m ON m.agent_id = a.id "
    "WHERE a.presence = 'online' AND a.is_active"
)


@dataclass(slots=True)
class Floor:
    """One team and language on the supervisor's dashboard."""

    team_id: int | None
    language: str
    waiting: int = 0
    longest_wait_seconds: int = 0
    agents_online: int = 0
    agents_busy: int = 0
    agents_available: int = 0
    sla_at_risk: int = 0
    breaches_today: int = 0
    met_today: int = 0

    @property
    def attainment_today(self) -> float | None:
        total = self.met_today + self.breaches_today
        return round(self.met_today / total, 4) if total else None


async def floor(
    raw: RawConnection, at: datetime, team_languages: dict[int, list[str]]
) -> dict[tuple[int | None, str], Floor]:
    """Waiting and staffing per team and language. The waiting counts read the queue index
    (what is waiting, not the table); staffing reads the online agents."""
    rows: dict[tuple[int | None, str], Floor] = {}

    def slot(team_id: int | None, language: str) -> Floor:
        key = (team_id, language)
        if key not in rows:
            rows[key] = Floor(team_id, language)
        return rows[key]

    for team_id, languages in team_languages.items():
        for language in languages:
            slot(team_id, language)
    for team_id, language, n, oldest in await raw.fetchall(_WAITING):
        f = slot(team_id, language)
        f.waiting = int(n)
        first = as_datetime(oldest)
        f.longest_wait_seconds = max(0, int((at - first).total_seconds())) if first else 0
    for team_id, _agent, languages, capacity, paused, load in await raw.fetchall(_STAFF):
        spoken = json_value(languages) or []
        for language in spoken:
            if (team_id, language) not in rows and language not in team_languages.get(team_id, []):
                continue
            f = slot(team_id, language)
            f.agents_online += 1
            f.agents_busy += int(load) > 0
            f.agents_available += (not paused) and int(load) < int(capacity)
    return rows
