"""Keeping the quality report's summary (qa_daily, qa_fail_daily) up to date as things
happen: a rating asked, answered or changed, a review written or rescored, a check failed, a
conversation checked. One upsert each, in the transaction of what it counts, so the summary
never disagrees with the rows it sums.

qa_daily has a row per day and combination of agent, team, language, product and channel;
qa_daily_by a row per day and value of each one dimension (dim "agent", value "12"), and per
month too (dim "agent/m", day the month's first day), so that a report over a year by agent
reads twelve months of rows and a few days at its ends, not 365 days of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.clock import as_utc
from firstline.core.rawsql import SQL, RawConnection, raw_connection

_COUNTS = (
    "csat_asked", "csat_answered", "csat_sum", "csat_satisfied", "csat_low", "reviews",
    "review_score_sum", "reviews_critical", "checked",
)  # fmt: skip
_KEY = "day, agent_id, team_id, language, product, channel"
_BUMP = SQL(
    f"INSERT INTO qa_daily ({_KEY}, {', '.join(_COUNTS)}) VALUES "
    f"({', '.join(f'${n}' for n in range(1, 7 + len(_COUNTS)))}) "
    f"ON CONFLICT ({_KEY}) DO UPDATE SET "
    + ", ".join(f"{c} = qa_daily.{c} + excluded.{c}" for c in _COUNTS)
)
_BUMP_BY = SQL(
    f"INSERT INTO qa_daily_by (dim, value, day, {', '.join(_COUNTS)}) VALUES "
    f"({', '.join(f'${n}' for n in range(1, 4 + len(_COUNTS)))}) "
    f"ON CONFLICT (dim, value, day) DO UPDATE SET "
    + ", ".join(f"{c} = qa_daily_by.{c} + excluded.{c}" for c in _COUNTS)
)
_BUMP_FAIL_BY = SQL(
    "INSERT INTO qa_fail_by (dim, value, day, kind, name, failed, answered) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dim, value, day, kind, name) "
    "DO UPDATE SET failed = qa_fail_by.failed + excluded.failed, "
    "answered = qa_fail_by.answered + excluded.answered"
)
DIMS = ("all", "agent", "team", "language", "product", "channel")
MONTH = "/m"  # a dimension's monthly rows: dim "agent/m", day the month's first day
_BUMP_FAIL = SQL(
    "INSERT INTO qa_fail_daily (day, kind, name, agent_id, team_id, language, product, "
    "channel, failed, answered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
    "ON CONFLICT (day, kind, name, agent_id, team_id, language, product, channel) "
    "DO UPDATE SET failed = qa_fail_daily.failed + excluded.failed, "
    "answered = qa_fail_daily.answered + excluded.answered"
)


def month_of(day: str) -> str:
    """The first day of `day`'s month, the key of its monthly rows."""
    return day[:8] + "01"


@dataclass(frozen=True, slots=True)
class Dims:
    """Whom and what a count is about."""

    agent_id: int | None
    team_id: int | None
    language: str | None
    product: str | None
    channel: str | None

    @classmethod
    def of(cls, row: Any) -> Dims:
        return cls(row.agent_id, row.team_id, row.language, row.product, row.channel)

    def values(self) -> tuple[str, ...]:
        """This count's value in each of DIMS, as qa_daily_by keeps it."""
        return (
            "", str(self.agent_id or ""), str(self.team_id or ""), self.language or "",
            self.product or "", self.channel or "",
        )  # fmt: skip

    def key(self, at: datetime) -> tuple[Any, ...]:
        return (
            as_utc(at).date().isoformat(), self.agent_id or 0, self.team_id or 0,
            self.language or "", self.product or "", self.channel or "",
        )  # fmt: skip


async def bump(raw: RawConnection, at: datetime, dims: Dims, **counts: float) -> None:
    unknown = set(counts) - set(_COUNTS)
    assert not unknown, unknown
    values = [
        float(counts.get(c, 0)) if c == "review_score_sum" else int(counts.get(c, 0))
        for c in _COUNTS
    ]
    key = dims.key(at)
    await raw.execute(_BUMP, *key, *values)
    month = month_of(key[0])
    for dim, value in zip(DIMS, dims.values(), strict=True):
        await raw.execute(_BUMP_BY, dim, value, key[0], *values)
        if dim != "all":
            await raw.execute(_BUMP_BY, dim + MONTH, value, month, *values)


async def bump_failure(
    raw: RawConnection,
    at: datetime,
    dims: Dims,
    *,
    kind: str,
    name: str,
    failed: int,
    answered: int = 0,
) -> None:
    day, *rest = dims.key(at)
    await raw.execute(_BUMP_FAIL, day, kind, name, *rest, failed, answered)
    month = month_of(day)
    for dim, value in zip(DIMS, dims.values(), strict=True):
        await raw.execute(_BUMP_FAIL_BY, dim, value, day, kind, name, failed, answered)
        if dim != "all":
            await raw.execute(
                _BUMP_FAIL_BY, dim + MONTH, value, month, kind, name, failed, answered
            )


async def rebuild(db: AsyncSession) -> dict[str, int]:
    """Count the report's summary again from the rows it sums (`firstline qa rebuild-summary`;
    the demo after it moves its history to today): the ratings, the reviews (their criteria
    too), the failed checks and the conversations checked. Run where nothing else writes
    them; it walks the tables in id order, a batch at a time."""
    from firstline.conversations.models import Conversation, Message
    from firstline.quality.models import (
        CsatAnswer,
        QaCheck,
        QaDaily,
        QaDailyBy,
        QaFailBy,
        QaFailDaily,
        Review,
        ScorecardVersion,
    )

    for table in (QaDaily, QaDailyBy, QaFailDaily, QaFailBy):
        await db.execute(delete(table))
    raw = await raw_connection(db)
    counted = {"ratings": 0, "reviews": 0, "failed_checks": 0, "checked": 0}
    for row in await db.scalars(select(CsatAnswer).order_by(CsatAnswer.conversation_id)):
        dims = Dims.of(row)
        await bump(raw, row.asked_at, dims, csat_asked=1)
        if row.score is not None and row.first_answered_at is not None:
            score = row.score
            await bump(
                raw, row.first_answered_at, dims, csat_answered=1, csat_sum=score,
                csat_satisfied=int(score >= 4), csat_low=int(score <= 2),
            )  # fmt: skip
            counted["ratings"] += 1
    versions = {v.id: v.criteria for v in await db.scalars(select(ScorecardVersion))}
    for review in await db.scalars(
        select(Review).where(Review.calibration_id.is_(None)).order_by(Review.id)
    ):
        dims = Dims.of(review)
        await bump(
            raw, review.created_at, dims, reviews=1, review_score_sum=review.score,
            reviews_critical=int(review.critical_failed),
        )  # fmt: skip
        for c in versions.get(review.scorecard_version_id, []):
            value = review.answers.get(c["key"])
            if value is None:
                continue
            failed = value is False or (c["scale"] == "1-5" and value == 1)
            await bump_failure(
                raw, review.created_at, dims, kind="criterion", name=c["key"],
                failed=int(failed), answered=1,
            )  # fmt: skip
        counted["reviews"] += 1
    rows = (
        await db.execute(
            select(
                QaCheck.name, QaCheck.passed, QaCheck.checked_at, Message.author_agent_id,
                Conversation.assignee_id, Conversation.team_id, Conversation.language,
                Conversation.product, Conversation.channel,
            )
            .join(Conversation, Conversation.id == QaCheck.conversation_id)
            .outerjoin(Message, Message.id == QaCheck.message_id)
            .where(or_(QaCheck.passed.is_(False), QaCheck.name == "resolved_without_reply"))
            .order_by(QaCheck.id)
        )
    ).all()  # fmt: skip
    for r in rows:
        dims = Dims(r.author_agent_id or r.assignee_id, r.team_id, r.language, r.product, r.channel)
        if r.name == "resolved_without_reply":
            await bump(raw, r.checked_at, dims, checked=1)
            counted["checked"] += 1
        if not r.passed:
            await bump_failure(raw, r.checked_at, dims, kind="check", name=r.name, failed=1)
            counted["failed_checks"] += 1
    return counted
