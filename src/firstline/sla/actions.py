"""Recording SLA outcomes, the breach sweep the job runner calls, and writing the policies
(a configuration table, audit/tables.py).

Every target of every conversation ends as exactly one `sla_outcomes` row, met or breached.
Two paths can notice a breach: the sweep, once the due time passes, and the reply that comes
late, if it comes before the sweep has run. Both insert with ON CONFLICT DO NOTHING on the
target's unique key and emit the event only when their insert made the row, so the breach is
counted and announced once, however many workers race and whatever restarts in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.tables import ConfigTable
from firstline.core.db import now, parse_utc
from firstline.core.events import Audience, emit
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.sla.events import SlaBreached
from firstline.sla.models import Metric, SlaPolicy
from firstline.sla.rules import next_due

_RECORD = SQL(
    "INSERT INTO sla_outcomes (conversation_id, metric, due_at, outcome, team_id, language, "
    "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (conversation_id, metric, due_at) DO NOTHING RETURNING id"
)


def as_datetime(value: Any) -> datetime | None:
    """A timestamp from a hand-written query (SQLite hands back text)."""
    if value is None or isinstance(value, datetime):
        return value
    return parse_utc(value)


async def record_outcome(
    db: AsyncSession,
    *,
    conversation_id: int,
    metric: str,
    due_at: datetime,
    at: datetime,
    team_id: int | None,
    language: str,
) -> bool:
    """Record whether the target due at `due_at` was met (answered by `at`, the due instant
    included); emit the breach event when this call is the one that recorded a breach. True
    when it recorded anything."""
    raw = await raw_connection(db)
    outcome = "met" if at <= due_at else "breached"
    row = await raw.fetchone(
        _RECORD, conversation_id, metric, raw.ts(due_at), outcome, team_id, language, raw.ts(at)
    )
    if row is None:
        return False
    if outcome == "breached":
        emit(
            db,
            SlaBreached(
                occurred_at=at,
                audience=Audience(conversation_id=conversation_id, team_id=team_id),
                conversation_id=conversation_id,
                metric=metric,
                due_at=due_at,
                team_id=team_id,
                language=language,
            ),
        )
    return True


_DUE = (
    "SELECT id, team_id, language, status, first_response_due_at, first_response_at, "
    "next_response_due_at, resolution_due_at FROM conversations "
    "WHERE sla_next_due_at IS NOT NULL AND sla_next_due_at <= $1 "
    "ORDER BY sla_next_due_at LIMIT $2"
)
_DUE_SQL = SQL(_DUE)
# Two workers on PostgreSQL take disjoint batches instead of waiting for each other.
_DUE_SKIP_LOCKED = SQL(_DUE + " FOR UPDATE SKIP LOCKED")
_ANY_DUE = SQL(
    "SELECT 1 FROM conversations WHERE sla_next_due_at IS NOT NULL AND sla_next_due_at <= $1 "
    "LIMIT 1"
)
_SET_NEXT_DUE = SQL("UPDATE conversations SET sla_next_due_at = $2 WHERE id = $1")


@dataclass(frozen=True, slots=True)
class SweepResult:
    examined: int
    breaches: int


async def any_breach_due(raw: RawConnection, at: datetime) -> bool:
    return await raw.fetchone(_ANY_DUE, raw.ts(at)) is not None


async def do_record_breaches(db: AsyncSession, *, limit: int = 500) -> SweepResult:
    """Record every target that fell due by now on up to `limit` conversations, and move each
    conversation's `sla_next_due_at` on to its next running clock."""
    raw = await raw_connection(db)
    at = now(db)
    rows = await raw.fetchall(_DUE_SQL if raw.sqlite else _DUE_SKIP_LOCKED, raw.ts(at), limit)
    breaches = 0
    for row in rows:
        cid, team_id, language, status = row[0], row[1], row[2], row[3]
        first_due, first_at, next_due_at, resolution_due = (as_datetime(v) for v in row[4:8])
        resolved = status in ("resolved", "closed")
        running = []
        if first_due is not None and first_at is None and not resolved:
            running.append((Metric.first_response, first_due))
        if next_due_at is not None and not resolved:
            running.append((Metric.next_response, next_due_at))
        if resolution_due is not None and not resolved:
            running.append((Metric.resolution, resolution_due))
        for metric, due in running:
            # An answer at the due instant itself is still on time, so a target is breached
            # only once its due time has passed; one due exactly now waits for the next pass.
            if due < at and await record_outcome(
                db,
                conversation_id=cid,
                metric=metric,
                due_at=due,
                at=at,
                team_id=team_id,
                language=language,
            ):
                breaches += 1
        following = next_due(
            first_response_due_at=first_due,
            first_response_at=first_at,
            next_response_due_at=next_due_at,
            resolution_due_at=resolution_due,
            resolved=resolved,
            not_before=at,
        )
        await raw.execute(_SET_NEXT_DUE, cid, raw.ts(following) if following else None)
    return SweepResult(len(rows), breaches)


POLICIES = ConfigTable(
    model=SlaPolicy,
    noun="SLA policy",
    entity_type="sla_policy",
    required=("name", "position", "first_response_seconds", "next_response_seconds",
              "resolution_seconds"),
    order_by=(SlaPolicy.position, SlaPolicy.id),
)  # fmt: skip
do_create_policy = POLICIES.create
# Conversations keep the due times they were given when a policy changes; new ones get the
# new targets.
do_update_policy = POLICIES.update
do_delete_policy = POLICIES.delete
