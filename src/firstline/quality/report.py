"""The quality report (GET /api/v1/qa/report): CSAT and review scores per agent, team,
language, product, channel, day or week, their weekly trend, the CSAT response rate, the
checks that fail and the criteria reviewers fail most. It reads only the summary tables
(quality/summary.py), by their day key, so its cost follows the days and groups asked for,
not the number of conversations: qa_daily_by (one dimension at a time) for a report grouped
by one dimension or filtered on one, qa_daily (every combination) for the rest. Grouped over
everyone, whole months come from qa_daily_by's monthly rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, Team
from firstline.quality.models import QaDaily, QaDailyBy, QaFailBy, QaFailDaily
from firstline.quality.summary import MONTH

GROUPS = ("agent", "team", "language", "product", "channel", "week", "day")
_COLUMN = {
    "agent": QaDaily.agent_id, "team": QaDaily.team_id, "language": QaDaily.language,
    "product": QaDaily.product, "channel": QaDaily.channel,
}  # fmt: skip
_SUMS = (
    "csat_asked", "csat_answered", "csat_sum", "csat_satisfied", "csat_low", "reviews",
    "review_score_sum", "reviews_critical", "checked",
)  # fmt: skip
MAX_DAYS = 400


@dataclass(frozen=True, slots=True)
class Filters:
    since: date
    until: date  # inclusive
    agent_id: int | None = None
    team_id: int | None = None
    language: str | None = None
    product: str | None = None
    channel: str | None = None


def week_of(day: str) -> str:
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def metrics(sums: dict[str, float], failed_checks: int = 0) -> dict[str, Any]:
    answered = int(sums.get("csat_answered", 0))
    asked = int(sums.get("csat_asked", 0))
    reviews = int(sums.get("reviews", 0))
    checked = int(sums.get("checked", 0))
    return {
        "csat_asked": asked,
        "csat_answered": answered,
        "csat_response_rate": round(answered / asked, 4) if asked else None,
        "csat_average": round(sums["csat_sum"] / answered, 2) if answered else None,
        "csat_satisfied": round(sums["csat_satisfied"] / answered, 4) if answered else None,
        "csat_low": int(sums.get("csat_low", 0)),
        "reviews": reviews,
        "qa_score_average": round(sums["review_score_sum"] / reviews, 1) if reviews else None,
        "reviews_critical": int(sums.get("reviews_critical", 0)),
        "checked": checked,
        "checks_failed": failed_checks,
    }


def _narrow(f: Filters, group_by: str) -> tuple[str, str | None] | None:
    """The qa_daily_by dimension (and value) that answers this report, or None when only
    qa_daily's combinations can (filters on two dimensions, or on one while grouping by
    another)."""
    filters = {
        d: v
        for d, v in (
            ("agent", f.agent_id), ("team", f.team_id), ("language", f.language),
            ("product", f.product), ("channel", f.channel),
        )
        if v is not None
    }  # fmt: skip
    if not filters:
        return ("all" if group_by in ("week", "day") else group_by), None
    if len(filters) == 1:
        ((dim, value),) = filters.items()
        if group_by in ("week", "day", dim):
            return dim, str(value)
    return None


def _typed(group_by: str, value: Any) -> Any:
    if group_by in ("agent", "team"):
        return int(value) if value not in ("", None) else 0
    return value


@dataclass(frozen=True, slots=True)
class _Source:
    """Where a report's numbers come from: a table (qa_daily_by's dimension and value, or
    qa_daily with the filters) and its failures' twin."""

    daily: Any
    fails: Any
    group: Any  # the grouping column (None: by day)
    fail_group: Any


def _source(f: Filters, group_by: str, *, series: bool) -> tuple[_Source, list[Any], list[Any]]:
    """The tables and WHERE clauses for the rows (series False: grouped as asked) or for the
    daily series the trend and totals read (series True)."""
    by_group = group_by not in ("week", "day") and not series
    narrow = _narrow(f, group_by if not series else "week")
    if narrow is not None:
        dim, value = narrow
        if series and value is None:
            dim = "all"
        if by_group and value is None:
            # Grouped over everyone: whole months from the monthly rows, days at the ends.
            where = [_spans(QaDailyBy, dim, f.since, f.until)]
            fwhere = [_spans(QaFailBy, dim, f.since, f.until)]
        else:
            where = [QaDailyBy.dim == dim, QaDailyBy.day >= f.since.isoformat(),
                     QaDailyBy.day <= f.until.isoformat()]  # fmt: skip
            fwhere = [QaFailBy.dim == dim, QaFailBy.day >= f.since.isoformat(),
                      QaFailBy.day <= f.until.isoformat()]  # fmt: skip
        if value is not None:
            where.append(QaDailyBy.value == value)
            fwhere.append(QaFailBy.value == value)
        src = _Source(
            QaDailyBy, QaFailBy, QaDailyBy.value if by_group else None,
            QaFailBy.value if by_group else None,
        )  # fmt: skip
        return src, where, fwhere
    where = _filters(QaDaily, f)
    fwhere = _filters(QaFailDaily, f)
    src = _Source(
        QaDaily, QaFailDaily, _COLUMN[group_by] if by_group else None,
        _fail_column(group_by) if by_group else None,
    )  # fmt: skip
    return src, where, fwhere


def whole_months(since: date, until: date) -> tuple[date, date] | None:
    """The first days of the first and the last whole month in since..until, if any."""
    first = since if since.day == 1 else (since.replace(day=28) + timedelta(days=4)).replace(day=1)
    after = until + timedelta(days=1)
    last = (after.replace(day=1) - timedelta(days=1)).replace(day=1)
    return (first, last) if first <= last else None


def _spans(model: Any, dim: str, since: date, until: date) -> Any:
    """since..until of one dimension's rows: its whole months from the monthly rows, the
    days before and after them from the daily ones."""
    months = whole_months(since, until)
    if months is None:
        return and_(
            model.dim == dim, model.day >= since.isoformat(), model.day <= until.isoformat()
        )
    first, last = months
    end = (last.replace(day=28) + timedelta(days=4)).replace(day=1)  # the day after them
    return or_(
        and_(model.dim == dim + MONTH, model.day >= first.isoformat(),
             model.day <= last.isoformat()),
        and_(model.dim == dim, model.day >= since.isoformat(), model.day < first.isoformat()),
        and_(model.dim == dim, model.day >= end.isoformat(), model.day <= until.isoformat()),
    )  # fmt: skip


def _filters(model: Any, f: Filters) -> list[Any]:
    out = [model.day >= f.since.isoformat(), model.day <= f.until.isoformat()]
    for name in ("agent_id", "team_id", "language", "product", "channel"):
        value = getattr(f, name)
        if value is not None:
            out.append(getattr(model, name) == value)
    return out


async def _sums(db: AsyncSession, src: _Source, where: list[Any]) -> list[Any]:
    """(group or day, sums...) rows, summed by the database."""
    key = src.group if src.group is not None else src.daily.day
    sums = [func.sum(getattr(src.daily, c)) for c in _SUMS]
    return list((await db.execute(select(key, *sums).where(*where).group_by(key))).all())


async def _fail_sums(db: AsyncSession, src: _Source, where: list[Any]) -> list[Any]:
    """(kind, name, group or day, failed, answered) rows."""
    key = src.fail_group if src.fail_group is not None else src.fails.day
    stmt = (
        select(
            src.fails.kind, src.fails.name, key, func.sum(src.fails.failed),
            func.sum(src.fails.answered),
        )
        .where(*where)
        .group_by(src.fails.kind, src.fails.name, key)
    )  # fmt: skip
    return list((await db.execute(stmt)).all())


async def report(db: AsyncSession, f: Filters, group_by: str) -> dict[str, Any]:
    by_group = group_by not in ("week", "day")
    src, where, fwhere = _source(f, group_by, series=False)
    grouped = await _sums(db, src, where)
    fails = await _fail_sums(db, src, fwhere)
    if by_group:
        # The weekly trend and the totals, from the one-dimension daily series.
        series_src, series_where, series_fwhere = _source(f, group_by, series=True)
        daily = await _sums(db, series_src, series_where)
        daily_fails = await _fail_sums(db, series_src, series_fwhere)
    else:
        daily, daily_fails = grouped, fails
    weeks: dict[str, str] = {}

    def week(day: str) -> str:
        return weeks.get(day) or weeks.setdefault(day, week_of(day))

    def group_of(value: Any) -> Any:
        if by_group:
            return _typed(group_by, value)
        return week(value) if group_by == "week" else value

    rows: dict[Any, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in grouped:
        row = rows[group_of(r[0])]
        for n, c in enumerate(_SUMS, start=1):
            row[c] += r[n] or 0
    trend: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    totals: dict[str, float] = defaultdict(float)
    for r in daily:
        point = trend[week(r[0])]
        for n, c in enumerate(_SUMS, start=1):
            point[c] += r[n] or 0
            totals[c] += r[n] or 0
    failed_checks: dict[Any, int] = defaultdict(int)
    for kind, _name, value, failed, _answered in fails:
        if kind == "check":
            failed_checks[group_of(value)] += int(failed or 0)
    trend_failed: dict[str, int] = defaultdict(int)
    checks: dict[str, int] = defaultdict(int)
    criteria: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kind, name, day, failed, answered in daily_fails:
        if kind == "check":
            checks[name] += int(failed or 0)
            trend_failed[week(day)] += int(failed or 0)
        else:
            criteria[name][0] += int(failed or 0)
            criteria[name][1] += int(answered or 0)
    labels = await _labels(db, group_by, list(rows))
    checked = totals.get("checked", 0)
    return {
        "since": f.since,
        "until": f.until,
        "group_by": group_by,
        "totals": metrics(totals, sum(checks.values())),
        "rows": [
            {
                "key": k,
                "label": labels.get(k, str(k) if k not in ("", 0) else None),
                **metrics(v, failed_checks.get(k, 0)),
            }
            for k, v in sorted(rows.items(), key=lambda kv: str(kv[0]))
        ],
        "trend": [
            {"week": w, **metrics(v, trend_failed.get(w, 0))} for w, v in sorted(trend.items())
        ],
        "checks": sorted(
            (
                {"check": name, "failed": n, "rate": round(n / checked, 4) if checked else None}
                for name, n in checks.items()
            ),
            key=lambda c: -c["failed"],
        ),
        "criteria": sorted(
            (
                {
                    "criterion": name,
                    "failed": v[0],
                    "answered": v[1],
                    "fail_rate": round(v[0] / v[1], 4) if v[1] else None,
                }
                for name, v in criteria.items()
            ),
            key=lambda c: (-(c["fail_rate"] or 0), -c["failed"]),
        ),
    }


def _fail_column(group_by: str) -> Any:
    return getattr(QaFailDaily, {"agent": "agent_id", "team": "team_id"}.get(group_by, group_by))


async def _labels(db: AsyncSession, group_by: str, keys: list[Any]) -> dict[Any, str]:
    ids = [k for k in keys if isinstance(k, int) and k]
    if group_by == "agent" and ids:
        return dict((await db.execute(select(Agent.id, Agent.name).where(Agent.id.in_(ids)))).all())
    if group_by == "team" and ids:
        return dict((await db.execute(select(Team.id, Team.name).where(Team.id.in_(ids)))).all())
    return {}


def since_default(today: date) -> date:
    """Eight whole weeks back from today."""
    return today - timedelta(days=55)
