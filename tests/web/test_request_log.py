"""Request ids and the JSON access log: an id on every response (errors too), one line per
request naming the route template, status, duration and agent, and never a secret."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.web.app import create_app
from tests.conftest import World
from tests.helpers import new_conversation

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def settings() -> Settings:
    return Settings(max_body_bytes=1024, dashboard_cache_seconds=0, bot=False, access_log="json")


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(record.getMessage()))


@pytest.fixture
def log_lines() -> Iterator[list[dict[str, Any]]]:
    handler = Lines()
    logger = logging.getLogger("firstline.access")
    logger.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logger.removeHandler(handler)


async def test_every_response_carries_a_request_id(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, log_lines: list[dict[str, Any]]
) -> None:
    responses = [
        await api.get("/healthz"),
        await api.get("/api/v1/conversations"),  # 401
        await api.get("/no/such/page"),  # 404 problem document
        await as_carol.post("/api/v1/conversations", json={"channel": "chat"}),  # 422
        await as_carol.post("/api/v1/conversations", content=b"x" * 2000),  # 413
        await api.get("/static/firstline/missing.js"),
    ]
    assert [r.status_code for r in responses] == [200, 401, 404, 422, 413, 404]
    ids = [r.headers["x-request-id"] for r in responses]
    assert all(GENERATED.fullmatch(i) for i in ids) and len(set(ids)) == len(ids)
    # The log line of each response has its id.
    assert [line["request_id"] for line in log_lines] == ids
    assert [line["status"] for line in log_lines] == [200, 401, 404, 422, 413, 404]
    # The body guard refuses the 413 before any route is chosen.
    assert [line["route"] for line in log_lines] == [
        "/healthz", "/api/v1/conversations", "<unmatched>", "/api/v1/conversations",
        "<unmatched>", "/static/firstline/{path}",
    ]  # fmt: skip


async def test_a_sane_incoming_request_id_is_kept_and_others_replaced(
    api: httpx.AsyncClient, log_lines: list[dict[str, Any]]
) -> None:
    kept = await api.get("/healthz", headers={"X-Request-ID": "lb-7f3a.9:2_x"})
    assert kept.headers["x-request-id"] == "lb-7f3a.9:2_x"
    for bad in ("x" * 129, "has space", "new\\nline", 'quote"d', ""):
        r = await api.get("/healthz", headers={"X-Request-ID": bad})
        assert GENERATED.fullmatch(r.headers["x-request-id"]), bad
    assert log_lines[0]["request_id"] == "lb-7f3a.9:2_x"
    assert all(GENERATED.fullmatch(line["request_id"]) for line in log_lines[1:])


async def test_a_line_names_the_agent_and_never_a_secret(
    as_carol: httpx.AsyncClient, world: World, log_lines: list[dict[str, Any]]
) -> None:
    r = await as_carol.post("/api/v1/conversations", json=new_conversation(product="spot"))
    assert r.status_code == 201
    cid = r.json()["id"]
    got = await as_carol.get(
        f"/api/v1/conversations/{cid}", params={"token": "customer-secret-123"}
    )
    assert got.status_code == 200
    created, read = log_lines
    assert created["method"] == "POST" and created["status"] == 201
    assert read == {
        "time": read["time"],
        "request_id": got.headers["x-request-id"],
        "method": "GET",
        "route": "/api/v1/conversations/{conversation_id}",
        "status": 200,
        "duration_ms": read["duration_ms"],
        "agent_id": world.carol,
        "client": "127.0.0.1",
    }
    assert isinstance(read["duration_ms"], float) and read["duration_ms"] >= 0
    assert read["time"].endswith("Z")
    text = json.dumps(log_lines)
    assert "customer-secret-123" not in text
    assert world.tokens["carol"] not in text


async def test_an_unhandled_error_is_a_problem_document_with_the_request_id(
    db: Database, settings: Settings, log_lines: list[dict[str, Any]]
) -> None:
    app = create_app(settings, database=db)

    async def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/broken", broken)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://firstline.test") as api:
        r = await api.get("/broken", headers={"X-Request-ID": "report-me-42"})
    assert r.status_code == 500
    assert r.headers["x-request-id"] == "report-me-42"
    assert r.headers["content-type"] == "application/problem+json"
    assert "report-me-42" in r.json()["detail"]
    assert log_lines[-1]["status"] == 500 and log_lines[-1]["route"] == "/broken"


async def test_the_log_can_be_off(db: Database, log_lines: list[dict[str, Any]]) -> None:
    app = create_app(Settings(access_log="off", bot=False), database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://firstline.test") as api:
        r = await api.get("/healthz")
    assert GENERATED.fullmatch(r.headers["x-request-id"])
    assert log_lines == []
