"""The managers' front-line rotation: every agent flagged as a manager follows a programme
(the managers' course and its exam, one full day on the front line) and then spends a target
of hours on the front line each quarter (2 to 6 by default).

Their front-line time is counted from what they did, never typed in: each reply a manager
sends to a customer adds to their day (`learning_frontline_days`): the time since their
previous reply when it was less than GAP ago (they were working the queue in between), or
FIRST_REPLY when it starts a new stretch (reading the conversation and answering it). The
quarter's report reads those day rows: a manager's quarter is at most 92 rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent
from firstline.core.errors import InvalidInput
from firstline.core.rawsql import SQL, raw_connection
from firstline.learning.models import Certificate, Course, CourseAssignment, FrontlineDay
from firstline.routing.placement import json_value
from firstline.sla.actions import as_datetime

GAP = timedelta(minutes=15)
FIRST_REPLY = timedelta(minutes=5)
MAX_CONVERSATIONS = 200  # listed per day; the count goes on past it

_MANAGER = SQL("SELECT is_manager FROM agents WHERE id = $1")
_OPEN_DAY = SQL(
    "INSERT INTO learning_frontline_days (agent_id, day, seconds, replies, conversations) "
    "VALUES ($1, $2, 0, 0, '[]') ON CONFLICT (agent_id, day) DO NOTHING"
)
_DAY = "SELECT seconds, replies, conversations, last_reply_at FROM learning_frontline_days "
_DAY += "WHERE agent_id = $1 AND day = $2"
_READ_DAY = SQL(_DAY)
# On PostgreSQL two replies of one manager at once must not both start from the same row.
_LOCK_DAY = SQL(_DAY + " FOR UPDATE")
_WRITE_DAY = SQL(
    "UPDATE learning_frontline_days SET seconds = $3, replies = $4, conversations = $5, "
    "last_reply_at = $6 WHERE agent_id = $1 AND day = $2"
)


async def count_reply(db: AsyncSession, agent_id: int, conversation_id: int, at: datetime) -> None:
    """A reply `agent_id` sent at `at`: counted when they are a manager. Hand-written SQL:
    it runs inside the message's own transaction, on the path every reply takes."""
    raw = await raw_connection(db)
    manager = await raw.fetchone(_MANAGER, agent_id)
    if manager is None or not manager[0]:
        return
    day = at.date().isoformat()
    await raw.execute(_OPEN_DAY, agent_id, day)
    row = await raw.fetchone(_READ_DAY if raw.sqlite else _LOCK_DAY, agent_id, day)
    seconds, replies, conversations, last = row
    conversations = json_value(conversations) or []
    last = as_datetime(last)
    since = at - last if last is not None else None
    # Within GAP of the previous reply: they worked the queue in between.
    added = since if since is not None and timedelta(0) <= since <= GAP else FIRST_REPLY
    if conversation_id not in conversations and len(conversations) < MAX_CONVERSATIONS:
        conversations.append(conversation_id)
    await raw.execute(
        _WRITE_DAY, agent_id, day, int(seconds or 0) + int(added.total_seconds()),
        int(replies or 0) + 1, raw.json(conversations),
        raw.ts(at if last is None or at > last else last),
    )  # fmt: skip


def parse_quarter(value: str) -> tuple[date, date]:
    """ "2026Q4" -> its first and last day."""
    text = value.strip().upper()
    try:
        year_text, quarter_text = text.split("Q")
        year, quarter = int(year_text), int(quarter_text)
        if not (2000 <= year <= 2999 and 1 <= quarter <= 4):
            raise ValueError
    except ValueError:
        raise InvalidInput(
            f"quarter must read like 2026Q4 (a year, Q, and 1 to 4), not “{value[:20]}”.",
            message="learning_bad_quarter",
            args={"value": value[:20]},
        ) from None
    first = date(year, 3 * quarter - 2, 1)
    last = (date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)) - timedelta(
        days=1
    )
    return first, last


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


async def rotation(
    db: AsyncSession,
    quarter: str,
    *,
    min_hours: float,
    max_hours: float,
    full_day_hours: float,
) -> dict[str, Any]:
    first, last = parse_quarter(quarter)
    managers = list(
        (
            await db.scalars(
                select(Agent).where(Agent.is_manager, Agent.is_active).order_by(Agent.name)
            )
        ).all()
    )
    ids = [m.id for m in managers]
    days: dict[int, list[FrontlineDay]] = {i: [] for i in ids}
    full_days: dict[int, str] = {}
    if ids:
        for row in (
            await db.scalars(
                select(FrontlineDay)
                .where(
                    FrontlineDay.agent_id.in_(ids),
                    FrontlineDay.day >= first.isoformat(),
                    FrontlineDay.day <= last.isoformat(),
                )
                .order_by(FrontlineDay.agent_id, FrontlineDay.day)
            )
        ).all():
            days[row.agent_id].append(row)
        for agent_id, day in (
            await db.execute(
                select(FrontlineDay.agent_id, FrontlineDay.day)
                .where(
                    FrontlineDay.agent_id.in_(ids),
                    FrontlineDay.seconds >= int(full_day_hours * 3600),
                )
                .order_by(FrontlineDay.day)
            )
        ).all():
            full_days.setdefault(int(agent_id), str(day))
    courses = list(
        (
            await db.scalars(select(Course).where(Course.for_managers, Course.archived.is_(False)))
        ).all()
    )
    course_ids = [c.id for c in courses]
    exam_ids = [c.exam_id for c in courses if c.exam_id is not None]
    completed: set[tuple[int, int]] = set()
    certified: set[tuple[int, int]] = set()
    if ids and course_ids:
        completed = {
            (int(a), int(c))
            for a, c in (
                await db.execute(
                    select(CourseAssignment.agent_id, CourseAssignment.course_id).where(
                        CourseAssignment.agent_id.in_(ids),
                        CourseAssignment.course_id.in_(course_ids),
                        CourseAssignment.completed_at.is_not(None),
                    )
                )
            ).all()
        }
    if ids and exam_ids:
        certified = {
            (int(a), int(e))
            for a, e in (
                await db.execute(
                    select(Certificate.agent_id, Certificate.exam_id).where(
                        Certificate.agent_id.in_(ids),
                        Certificate.exam_id.in_(exam_ids),
                        Certificate.status.in_(("valid", "due")),
                    )
                )
            ).all()
        }
    out = []
    for m in managers:
        rows = days[m.id]
        hours = round(sum(r.seconds for r in rows) / 3600, 2)
        status = "below" if hours < min_hours else "above" if hours > max_hours else "within"
        out.append(
            {
                "agent_id": m.id,
                "name": m.name,
                "hours": hours,
                "replies": sum(r.replies for r in rows),
                "days": [
                    {"day": r.day, "hours": round(r.seconds / 3600, 2), "replies": r.replies}
                    for r in rows
                ],
                "status": status,
                "course_completed": (
                    all((m.id, c) in completed for c in course_ids) if course_ids else None
                ),
                "exam_passed": all((m.id, e) in certified for e in exam_ids) if exam_ids else None,
                "full_day": full_days.get(m.id),
            }
        )
    return {
        "quarter": quarter_of(first),
        "from": first.isoformat(),
        "to": last.isoformat(),
        "target_min_hours": min_hours,
        "target_max_hours": max_hours,
        "full_day_hours": full_day_hours,
        "managers": out,
    }
