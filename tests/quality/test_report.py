"""The quality report: what ratings, reviews and checks add, by agent and by week, as JSON
and CSV; agents see their own work, supervisors everyone's."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date, timedelta

import httpx

from firstline.core.clock import FrozenClock
from tests.conftest import World
from tests.quality.test_reviews import GOOD, _answered_and_resolved, _rate
from tests.test_cli import firstline


async def test_the_report_sums_ratings_reviews_and_checks(
    database_url: str,
    api: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,
    world: World,
) -> None:
    scores = [5, 4, 1]
    for n, score in enumerate(scores):
        token, cid = await _answered_and_resolved(
            api, as_carol, f"Deposit question {n}", f"It has arrived, thank you for waiting {n}."
        )
        await _rate(api, token, cid, score)
    _, asked = await _answered_and_resolved(
        api, as_bob, "Login problem", "Please tell me your password so I can log in for you."
    )
    r = await as_alice.post(
        "/api/v1/qa/reviews",
        json={"conversation_id": asked, "answers": GOOD | {"no_secret_requested": False}},
    )
    assert r.status_code == 201, r.text

    r = await as_bob.get("/api/v1/qa/report", params={"group_by": "agent"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["totals"]["csat_asked"] == 4 and body["totals"]["csat_answered"] == 3
    assert body["totals"]["csat_average"] == round(sum(scores) / 3, 2)
    assert body["totals"]["csat_response_rate"] == 0.75
    rows = {row["key"]: row for row in body["rows"]}
    assert rows[world.carol]["label"] == "Carol" and rows[world.carol]["csat_low"] == 1
    assert rows[world.bob]["reviews"] == 1 and rows[world.bob]["qa_score_average"] == 0
    assert rows[world.bob]["checks_failed"] >= 1
    assert {c["check"] for c in body["checks"]} >= {"secret_request"}
    assert body["criteria"][0]["criterion"] == "no_secret_requested"
    assert body["criteria"][0]["fail_rate"] == 1.0
    assert len(body["trend"]) == 1 and body["trend"][0]["csat_answered"] == 3

    # Carol sees her own work only, whatever she asks for.
    mine = (await as_carol.get("/api/v1/qa/report", params={"group_by": "agent"})).json()
    assert [row["key"] for row in mine["rows"]] == [world.carol]

    # Two filters, or one and another grouping, read every combination: the same numbers.
    crossed = (
        await as_bob.get(
            "/api/v1/qa/report",
            params={"group_by": "agent", "team_id": world.spot_en, "channel": "chat"},
        )
    ).json()
    assert {row["key"]: row["csat_answered"] for row in crossed["rows"]}[world.carol] == 3
    by_language = (
        await as_bob.get(
            "/api/v1/qa/report", params={"group_by": "language", "agent_id": world.carol}
        )
    ).json()
    assert [(row["key"], row["csat_answered"]) for row in by_language["rows"]] == [("en", 3)]

    r = await as_bob.get("/api/v1/qa/report", params={"group_by": "agent", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(r.text)))
    assert table[0][:3] == ["agent", "label", "csat_asked"] and len(table) == 3

    # Counted again from the rows it sums, the summary gives the same report.
    rebuilt = await asyncio.to_thread(
        firstline, "qa", "rebuild-summary", "--database-url", database_url
    )
    assert rebuilt.returncode == 0 and "3 ratings" in rebuilt.stdout, rebuilt
    again = (await as_bob.get("/api/v1/qa/report", params={"group_by": "agent"})).json()
    assert again == body

    r = await as_bob.get("/api/v1/qa/report", params={"since": "2026-12-01", "until": "2026-01-01"})
    assert r.status_code == 422
    r = await as_bob.get("/api/v1/qa/report", params={"since": "2020-01-01", "until": "2026-01-01"})
    assert r.status_code == 422 and "400" in r.json()["detail"]


async def test_a_report_over_months_adds_whole_months_and_the_days_at_their_ends(
    api: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    world: World,
    clock: FrozenClock,
) -> None:
    """Grouped over everyone, whole months are read from the monthly rows and the days
    before and after them from the daily ones: every rating counts once, whichever ends."""
    days: list[date] = []
    for n, score in enumerate([5, 2, 4, 3]):
        token, cid = await _answered_and_resolved(
            api, as_carol, f"Withdrawal question {n}", f"It went out, check again {n}."
        )
        await _rate(api, token, cid, score)
        days.append(clock.now().date())
        clock.advance(days=33)

    async def answered(since: date, until: date, group_by: str) -> tuple[int, int]:
        r = await as_bob.get(
            "/api/v1/qa/report",
            params={"group_by": group_by, "since": str(since), "until": str(until)},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        return sum(row["csat_answered"] for row in body["rows"]), body["totals"]["csat_answered"]

    spans = [
        (days[0], days[-1], 4),
        (days[0] - timedelta(days=3), days[-1] + timedelta(days=3), 4),
        (days[0] + timedelta(days=1), days[-1], 3),
        (days[0], days[-1] - timedelta(days=1), 3),
        (days[1], days[2], 2),
        (days[1] + timedelta(days=1), days[2] - timedelta(days=1), 0),
    ]
    for since, until, expected in spans:
        for group_by in ("agent", "language", "day"):
            assert await answered(since, until, group_by) == (expected, expected), (
                since, until, group_by,
            )  # fmt: skip
