"""SLA targets and clocks, as pure functions: which targets apply, when each falls due on a
team's calendar, and which due time the breach worker should look at next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from firstline.core.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Targets:
    policy_id: int | None  # None: the built-in defaults
    first_response_seconds: int
    next_response_seconds: int
    resolution_seconds: int


# Without a policy of their own, deployments get what the seed company promised on chat (an
# answer within a minute) and what email desks commonly promise.
HOUR = 3600
DEFAULTS = {
    "chat": Targets(None, 60, 120, 24 * HOUR),
    "email": Targets(None, 4 * HOUR, 8 * HOUR, 72 * HOUR),
    "web_form": Targets(None, 4 * HOUR, 8 * HOUR, 72 * HOUR),
    "api": Targets(None, 4 * HOUR, 8 * HOUR, 72 * HOUR),
}


def choose_targets(
    policies: list[Any], *, channel: str, tier: str | None, priority: str
) -> Targets:
    """The most specific policy whose every set condition matches, ties to the lowest
    position; the channel's defaults when none does."""
    best: tuple[int, int, int] | None = None
    chosen: Any = None
    for p in policies:
        conditions = ((p.channel, channel), (p.tier, tier), (p.priority, priority))
        if any(want is not None and want != have for want, have in conditions):
            continue
        specificity = sum(want is not None for want, _ in conditions)
        key = (-specificity, p.position, p.id)
        if best is None or key < best:
            best, chosen = key, p
    if chosen is None:
        return DEFAULTS.get(channel, DEFAULTS["email"])
    return Targets(
        chosen.id,
        chosen.first_response_seconds,
        chosen.next_response_seconds,
        chosen.resolution_seconds,
    )


@dataclass(frozen=True, slots=True)
class Calendar:
    """Business hours: `days` are weekdays (0 = Monday) on which the clock runs from `start`
    to `end` local time in `zone`."""

    zone: ZoneInfo
    days: frozenset[int]
    start: time
    end: time


def _clock_time(value: Any, name: str) -> time:
    try:
        parsed = time.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(
            f"calendar.{name} must be a time like 09:00; got {value!r}.",
            message="calendar_time",
            args={"field": f"calendar.{name}", "value": repr(value)},
        ) from None
    return parsed.replace(tzinfo=None)


def parse_calendar(doc: dict[str, Any] | None) -> Calendar | None:
    """A team's stored calendar; None (24/7) when it has none. Raises InvalidInput with a
    sentence on anything malformed, so the API can refuse it before storing it."""
    if doc is None:
        return None
    if not isinstance(doc, dict):
        raise InvalidInput(
            "calendar must be an object with timezone, days, start and end.",
            message="calendar_object",
        )
    unknown = set(doc) - {"timezone", "days", "start", "end"}
    if unknown:
        fields = ", ".join(sorted(unknown))
        raise InvalidInput(
            f"calendar has unknown fields: {fields}.",
            message="calendar_unknown_fields",
            args={"fields": fields},
        )
    try:
        zone = ZoneInfo(str(doc.get("timezone", "UTC")))
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"calendar.timezone {doc.get('timezone')!r} is not a known time zone "
            "(use a name like Asia/Ho_Chi_Minh).",
            message="calendar_timezone",
            args={"zone": repr(doc.get("timezone"))},
        ) from None
    days = doc.get("days", [0, 1, 2, 3, 4])
    if (
        not isinstance(days, list)
        or not days
        or not all(isinstance(d, int) and 0 <= d <= 6 for d in days)
    ):
        raise InvalidInput(
            "calendar.days must list weekdays as numbers 0 (Monday) to 6.",
            message="calendar_days",
        )
    start = _clock_time(doc.get("start", "09:00"), "start")
    end = _clock_time(doc.get("end", "18:00"), "end")
    if end <= start:
        raise InvalidInput(
            "calendar.end must be later than calendar.start on the same day.",
            message="calendar_end",
        )
    return Calendar(zone, frozenset(days), start, end)


def add_working_time(start: datetime, seconds: int, calendar: Calendar | None) -> datetime:
    """`start` plus `seconds` of time on the calendar's clock (plain time when 24/7)."""
    if calendar is None:
        return start + timedelta(seconds=seconds)
    remaining = timedelta(seconds=seconds)
    local = start.astimezone(calendar.zone)
    # At most a fortnight of days is ever skipped between two open periods.
    for _ in range(366 * 5):
        day = local.date()
        opens = datetime.combine(day, calendar.start, calendar.zone)
        closes = datetime.combine(day, calendar.end, calendar.zone)
        if day.weekday() in calendar.days and local < closes:
            begin = max(local, opens)
            available = closes - begin
            if remaining <= available:
                return (begin + remaining).astimezone(start.tzinfo)
            remaining -= available
        next_day = datetime.combine(day + timedelta(days=1), time(0), calendar.zone)
        local = next_day
    raise AssertionError("calendar never opens")  # parse_calendar refuses an empty one


def next_due(
    *,
    first_response_due_at: datetime | None,
    first_response_at: datetime | None,
    next_response_due_at: datetime | None,
    resolution_due_at: datetime | None,
    resolved: bool,
    not_before: datetime | None = None,
) -> datetime | None:
    """The earliest due time still running (from `not_before` on, once the breach worker has
    recorded the ones that passed before it), or None when no clock runs."""
    candidates = []
    if first_response_due_at is not None and first_response_at is None and not resolved:
        candidates.append(first_response_due_at)
    if next_response_due_at is not None and not resolved:
        candidates.append(next_response_due_at)
    if resolution_due_at is not None and not resolved:
        candidates.append(resolution_due_at)
    if not_before is not None:
        candidates = [c for c in candidates if c >= not_before]
    return min(candidates) if candidates else None
