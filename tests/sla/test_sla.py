"""SLA through the API: due times from policies and calendars, met and breached targets,
breaches recorded exactly once with two workers racing and across a restart, reports."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import httpx

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.events import Event
from firstline.jobs import run_pass
from tests.conftest import T0, World
from tests.helpers import new_conversation


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _open(client: httpx.AsyncClient, **extra: Any) -> dict[str, Any]:
    r = await client.post("/api/v1/conversations", json=new_conversation(**extra))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_due_times_follow_channel_policy_and_calendar(
    as_alice: httpx.AsyncClient, world: World
) -> None:
    chat = await _open(as_alice, product="spot")
    assert _at(chat["sla"]["first_response_due_at"]) == T0 + timedelta(seconds=60)
    assert _at(chat["sla"]["resolution_due_at"]) == T0 + timedelta(hours=24)
    assert chat["sla"]["next_response_due_at"] is None
    assert chat["sla"]["policy_id"] is None  # the built-in defaults
    email = await _open(as_alice, channel="email", product="spot")
    assert _at(email["sla"]["first_response_due_at"]) == T0 + timedelta(hours=4)

    r = await as_alice.post(
        "/api/v1/sla/policies",
        json={"name": "VIP chat", "channel": "chat", "tier": "vip1",
              "first_response_seconds": 30, "next_response_seconds": 60,
              "resolution_seconds": 3600},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    payload = new_conversation(product="spot")
    payload["customer"]["tier"] = "vip1"
    vip = (await as_alice.post("/api/v1/conversations", json=payload)).json()
    assert vip["sla"]["policy_id"] == r.json()["id"]
    assert _at(vip["sla"]["first_response_due_at"]) == T0 + timedelta(seconds=30)

    # Business hours in Ho Chi Minh City, Monday to Friday 09:00-18:00. T0 is Monday 16:00
    # there: two of the email's four hours are left today, the other two run on Tuesday.
    r = await as_alice.patch(
        f"/api/v1/teams/{world.spot_en}",
        json={"calendar": {"timezone": "Asia/Ho_Chi_Minh", "days": [0, 1, 2, 3, 4],
                           "start": "09:00", "end": "18:00"}},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    email = await _open(as_alice, channel="email", product="spot")
    assert _at(email["sla"]["first_response_due_at"]) == datetime.fromisoformat(
        "2026-11-03T11:00:00+07:00"
    )


async def test_replies_record_met_and_breached_targets(
    db: Database, clock: FrozenClock, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    c = await _open(as_carol, product="spot")
    cid = c["id"]
    clock.advance(seconds=40)
    r = await as_carol.post(f"/api/v1/conversations/{cid}/messages", json={"body": "Hi!"})
    assert r.status_code == 201
    c = (await as_carol.get(f"/api/v1/conversations/{cid}")).json()
    assert c["assignee_id"] == world.carol  # answering an unassigned chat takes it
    assert c["waiting_since"] is None

    clock.advance(seconds=10)
    # The customer writes again (relayed by a supervisor's integration token).
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "It still does not work", "author_kind": "customer"},
    )
    c = (await as_carol.get(f"/api/v1/conversations/{cid}")).json()
    assert _at(c["sla"]["next_response_due_at"]) == T0 + timedelta(seconds=50 + 120)
    clock.advance(seconds=200)  # Carol answers late; no job pass has run in between
    await as_carol.post(f"/api/v1/conversations/{cid}/messages", json={"body": "Sorry!"})
    await run_pass(db)  # the sweep finds the breach already recorded by the reply
    r = await as_bob.get("/api/v1/sla/breaches", params={"conversation_id": cid})
    assert [b["metric"] for b in r.json()["items"]] == ["next_response"]

    r = await as_carol.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200
    report = await as_bob.get(
        "/api/v1/sla/report",
        params={"since": (T0 - timedelta(hours=1)).isoformat(),
                "until": (T0 + timedelta(hours=1)).isoformat()},
    )  # fmt: skip
    rows = {(x["metric"]): x for x in report.json()["rows"]}
    assert rows["first_response"]["met"] == 1 and rows["first_response"]["breached"] == 0
    assert rows["next_response"]["breached"] == 1
    assert rows["resolution"]["met"] == 1
    assert rows["first_response"]["team_id"] == world.spot_en
    assert rows["first_response"]["language"] == "en"
    assert rows["first_response"]["attainment"] == 1.0

    denied = await as_carol.get("/api/v1/sla/report")
    assert denied.status_code == 403
    bad = await as_bob.get("/api/v1/sla/report", params={"since": T0.isoformat(),
                                                          "until": T0.isoformat()})  # fmt: skip
    assert bad.status_code == 422


async def test_breaches_are_recorded_exactly_once_by_racing_workers_and_after_restart(
    database_url: str, db: Database, clock: FrozenClock, events: list[Event],
    as_bob: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    opened = [await _open(as_bob, product="spot") for _ in range(12)]
    clock.advance(seconds=61)
    # A second server process: its own engine and event bus, the same database and clock.
    other = Database(database_url, clock=clock, pool_size=4)
    other_events: list[Event] = []
    other.bus.subscribe(other_events.append)
    try:
        first, second = await asyncio.gather(run_pass(db), run_pass(other))
        assert first.errors == [] and second.errors == []
        assert first.breaches + second.breaches == 12
        announced = [e for e in events + other_events if e.type == "sla.breached"]
        assert len(announced) == 12
        assert {e.conversation_id for e in announced} == {c["id"] for c in opened}  # type: ignore[attr-defined]
    finally:
        await other.dispose()

    # A restart: a fresh process runs the jobs again and finds nothing new to record.
    restarted = Database(database_url, clock=clock, pool_size=4)
    try:
        again = await run_pass(restarted)
        assert again.breaches == 0
    finally:
        await restarted.dispose()
    r = await as_bob.get("/api/v1/sla/breaches", params={"limit": 100})
    items = r.json()["items"]
    assert len(items) == 12
    assert {b["metric"] for b in items} == {"first_response"}
    page = await as_bob.get("/api/v1/sla/breaches", params={"limit": 5})
    assert len(page.json()["items"]) == 5 and page.json()["next_cursor"]

    # A day later the resolution targets fall due, once each.
    clock.advance(hours=24)
    report = await run_pass(db)
    assert report.breaches == 12
    assert (await run_pass(db)).breaches == 0


async def test_dashboard_shows_the_floor_per_team_and_language(
    db: Database, clock: FrozenClock, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    await _open(as_bob, product="spot")
    await _open(as_bob, product="spot")
    await _open(as_bob, body="Tôi muốn rút tiền nhưng bị lỗi", product="futures")
    clock.advance(seconds=30)
    r = await as_dave.patch(f"/api/v1/agents/{world.dave}", json={"presence": "online"})
    assert r.status_code == 200
    clock.advance(seconds=45)
    await run_pass(db)
    r = await as_bob.get("/api/v1/dashboard")
    assert r.status_code == 200, r.text
    rows = {(x["team"], x["language"]): x for x in r.json()["rows"]}
    spot = rows[("Spot EN", "en")]
    assert spot["waiting"] == 2
    assert spot["longest_wait_seconds"] == 75
    assert spot["breaches_today"] == 2 and spot["agents_online"] == 0
    vi = rows[("Futures VI", "vi")]
    assert vi["waiting"] == 0 and vi["agents_online"] == 1 and vi["agents_busy"] == 1
    # Taken after 30 s but not answered within the minute: assignment is not an answer.
    assert vi["breaches_today"] == 1
    assert r.json()["totals"]["breaches_today"] == 3
    assert (await as_carol.get("/api/v1/dashboard")).status_code == 403


async def test_an_answer_at_the_due_instant_is_on_time_and_a_breach_needs_it_passed(
    db: Database, clock: FrozenClock, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    answered = await _open(as_carol, product="spot")
    waiting = await _open(as_carol, product="spot")
    clock.advance(seconds=60)  # both are due exactly now
    assert (await run_pass(db)).breaches == 0
    r = await as_carol.post(
        f"/api/v1/conversations/{answered['id']}/messages", json={"body": "Just in time"}
    )
    assert r.status_code == 201
    clock.advance(microseconds=1)
    assert (await run_pass(db)).breaches == 1
    r = await as_bob.get("/api/v1/sla/breaches")
    assert [b["conversation_id"] for b in r.json()["items"]] == [waiting["id"]]
    report = await as_bob.get(
        "/api/v1/sla/report",
        params={"since": T0.isoformat(), "until": (T0 + timedelta(hours=1)).isoformat()},
    )
    first = next(x for x in report.json()["rows"] if x["metric"] == "first_response")
    assert (first["met"], first["breached"]) == (1, 1)
