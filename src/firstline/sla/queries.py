"""Reading SLA outcomes: attainment reports, breach lists, today's counts, clocks at risk.

Outcomes are read through their `recorded_at` index, so a report costs what its period
holds, never what the table holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.rawsql import SQL, raw_connection
from firstline.sla.actions import as_datetime
from firstline.sla.models import SlaOutcome

# A running clock due within this long counts as "at risk" on the dashboard.
AT_RISK_WITHIN = timedelta(minutes=2)

_OUTCOMES = SQL(
    "SELECT team_id, language, metric, outcome, count(*) FROM sla_outcomes "
    "WHERE recorded_at >= $1 AND recorded_at < $2 GROUP BY team_id, language, metric, outcome"
)
_AT_RISK = SQL(
    "SELECT team_id, language, count(*) FROM conversations "
    "WHERE sla_next_due_at IS NOT NULL AND sla_next_due_at > $1 AND sla_next_due_at <= $2 "
    "GROUP BY team_id, language"
)


@dataclass(frozen=True, slots=True)
class Attainment:
    team_id: int | None
    language: str
    metric: str
    met: int
    breached: int

    @property
    def attainment(self) -> float | None:
        total = self.met + self.breached
        return round(self.met / total, 4) if total else None


async def attainment(db: AsyncSession, since: datetime, until: datetime) -> list[Attainment]:
    raw = await raw_connection(db)
    counts: dict[tuple[int | None, str, str], list[int]] = {}
    for team_id, language, metric, outcome, n in await raw.fetchall(
        _OUTCOMES, raw.ts(since), raw.ts(until)
    ):
        slot = counts.setdefault((team_id, language, metric), [0, 0])
        slot[0 if outcome == "met" else 1] += int(n)
    return [
        Attainment(team, language, metric, met, breached)
        for (team, language, metric), (met, breached) in sorted(
            counts.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1], kv[0][2])
        )
    ]


async def at_risk(db: AsyncSession, at: datetime) -> dict[tuple[int | None, str], int]:
    raw = await raw_connection(db)
    rows = await raw.fetchall(_AT_RISK, raw.ts(at), raw.ts(at + AT_RISK_WITHIN))
    return {(r[0], r[1]): int(r[2]) for r in rows}


async def list_breaches(
    db: AsyncSession,
    *,
    team_id: int | None,
    limit: int,
    before_id: int | None,
    conversation_id: int | None = None,
) -> Sequence[SlaOutcome]:
    """Breaches newest first (by id), one page at a time, through the (outcome, [team,] id)
    indexes."""
    stmt = select(SlaOutcome).where(SlaOutcome.outcome == "breached")
    if team_id is not None:
        stmt = stmt.where(SlaOutcome.team_id == team_id)
    if conversation_id is not None:
        stmt = stmt.where(SlaOutcome.conversation_id == conversation_id)
    if before_id is not None:
        stmt = stmt.where(SlaOutcome.id < before_id)
    return list(await db.scalars(stmt.order_by(SlaOutcome.id.desc()).limit(limit)))


def outcome_dict(o: SlaOutcome | Any) -> dict[str, Any]:
    return {
        "id": o.id,
        "conversation_id": o.conversation_id,
        "metric": o.metric,
        "due_at": as_datetime(o.due_at),
        "team_id": o.team_id,
        "language": o.language,
        "recorded_at": as_datetime(o.recorded_at),
    }
