"""/metrics: who may read it (the scraper's token, an admin; everyone else gets 404), requests
by route template and status, and the deployment's counters and gauges.

The process counters live as long as the test process, so tests compare a scrape before and
after; the database gauges are per app and database, cached against the (frozen) clock.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.jobs import JobRunner, run_pass
from firstline.web.app import create_app
from firstline.web.observability import observe_job_pass
from tests.conftest import World
from tests.helpers import new_conversation

SCRAPER = "scraper-" + uuid.uuid4().hex


@pytest.fixture
def settings() -> Settings:
    return Settings(
        max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=False, metrics_token=SCRAPER
    )


Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def parse(text: str) -> Samples:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum of the samples of `name` whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= ls)


async def scrape(api: httpx.AsyncClient) -> Samples:
    r = await api.get("/metrics", headers={"Authorization": f"Bearer {SCRAPER}"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return parse(r.text)


async def test_only_the_scraper_and_admins_can_read_metrics(
    api: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,  # admin
    as_bob: httpx.AsyncClient,  # supervisor
    as_carol: httpx.AsyncClient,  # agent
) -> None:
    unknown = await api.get("/no-such-page")
    for client, headers in (
        (api, {}),
        (api, {"Authorization": "Bearer not-the-token"}),
        (api, {"Authorization": f"Basic {SCRAPER}"}),
        (api, {"Authorization": f"Bearer {SCRAPER}x"}),
        (as_bob, {}),
        (as_carol, {}),
    ):
        r = await client.get("/metrics", headers=headers)
        # Indistinguishable from an endpoint that does not exist.
        assert r.status_code == 404, headers
        assert r.headers["content-type"] == unknown.headers["content-type"]
        assert r.json()["detail"] == "No such endpoint: GET /metrics."
        assert "firstline_" not in r.text
    assert (await as_alice.get("/metrics")).status_code == 200
    assert (await scrape(api))[("firstline_db_pool_size", frozenset({("engine", "main")}))] > 0


async def test_requests_are_counted_by_route_template_and_status(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    opened = [
        (await as_carol.post("/api/v1/conversations", json=new_conversation(product="spot")))
        for _ in range(2)
    ]
    ids = [r.json()["id"] for r in opened]
    template = "/api/v1/conversations/{conversation_id}"
    before = await scrape(api)
    for cid in ids:
        assert (await as_carol.get(f"/api/v1/conversations/{cid}")).status_code == 200
    assert (await as_carol.get("/api/v1/conversations/987654")).status_code == 404
    assert (await api.get("/api/v1/conversations/1")).status_code == 401
    r = await api.get("/metrics", headers={"Authorization": f"Bearer {SCRAPER}"})
    after = parse(r.text)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("firstline_http_requests_total", route=template, status="200") == 2
    assert delta("firstline_http_requests_total", route=template, status="404") == 1
    assert delta("firstline_http_requests_total", route=template, status="401") == 1
    assert delta("firstline_http_request_duration_seconds_count", route=template) == 4
    assert delta("firstline_http_request_duration_seconds_bucket", route=template, le="+Inf") == 4
    # Never the path itself: one series per route, whatever ids are asked for.
    assert f"/api/v1/conversations/{ids[0]}" not in r.text
    assert "987654" not in r.text


async def test_conversations_queues_and_breaches(
    api: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    world: World,
    clock: FrozenClock,
    db: Database,
) -> None:
    before = await scrape(api)  # also reads (and caches) the database gauges: nothing waits
    for _ in range(3):
        r = await as_bob.post("/api/v1/conversations", json=new_conversation(product="spot"))
        assert r.status_code == 201, r.text
        assert r.json()["team_id"] == world.spot_en
    cached = await scrape(api)
    opened = value(cached, "firstline_conversations_opened_total", channel="chat")
    assert opened - value(before, "firstline_conversations_opened_total", channel="chat") == 3
    # The database gauges are read at most once per few seconds, whoever scrapes.
    assert value(cached, "firstline_queue_depth") == 0

    clock.advance(seconds=61)  # past the chats' first-response target (60 s)
    assert (await run_pass(db)).breaches == 3
    fresh = await scrape(api)
    team = str(world.spot_en)
    assert value(fresh, "firstline_queue_depth", team=team) == 3
    assert value(fresh, "firstline_queue_oldest_wait_seconds", team=team) == 61
    assert value(fresh, "firstline_conversations", status="open") == 3
    assert value(fresh, "firstline_conversations", status="bot") == 0
    breaches = value(fresh, "firstline_sla_breaches_total", metric="first_response")
    assert breaches - value(before, "firstline_sla_breaches_total", metric="first_response") == 3


async def test_bot_outcomes_are_counted(db: Database) -> None:
    settings = Settings(bot=True, metrics_token=SCRAPER, dashboard_cache_seconds=0)
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://firstline.test") as api:
        before = await scrape(api)
        token = (await api.post("/chat/api/session", json={"locale": "en-US"})).json()["token"]
        r = await api.post(
            "/chat/api/messages",
            json={"body": "I want to talk to a real person", "client_id": uuid.uuid4().hex},
            headers={"X-Chat-Token": token},
        )
        assert r.status_code == 201, r.text
        after = await scrape(api)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("firstline_bot_outcomes_total", outcome="handover") == 1
    assert delta("firstline_bot_outcomes_total", outcome="resolved") == 0
    assert delta("firstline_bot_answers_total") >= 1  # it tells the customer a person comes


@pytest.fixture
async def runner(db: Database) -> AsyncIterator[JobRunner]:
    jobs = JobRunner(db, interval=0.01, observe=observe_job_pass)
    yield jobs
    await jobs.stop()


async def test_job_passes_report_their_lag(api: httpx.AsyncClient, runner: JobRunner) -> None:
    before = value(await scrape(api), "firstline_job_pass_duration_seconds_count")
    runner.start()
    for _ in range(200):
        await asyncio.sleep(0.02)
        after = await scrape(api)
        if value(after, "firstline_job_pass_duration_seconds_count") >= before + 3:
            break
    else:
        raise AssertionError("no job pass was measured")
    # A pass is late by at least the previous pass's length, never by minutes here.
    assert 0 <= value(after, "firstline_job_lag_seconds") < 30
