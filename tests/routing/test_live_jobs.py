"""Live updates from routing done by another process (PostgreSQL and Redis): a conversation
that `firstline jobs run` assigns, in a process of its own, reaches the console of the agent
signed in on a server, as one assigned by a server's own jobs does."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
import websockets

from tests.live import cli, deploy, server

EMAIL = "carol@firstline.test"
PASSWORD = "her own long password"


async def _sign_in(base: str) -> str:
    async with httpx.AsyncClient(base_url=base) as http:
        page = await http.get("/console")
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        r = await http.post("/console/login", data={"email": EMAIL, "password": PASSWORD,
                                                   "csrf": csrf})  # fmt: skip
        assert r.status_code == 303, r.text
        return str(r.cookies["fl_session"])


async def _assigned(ws: Any, conversation_id: int) -> dict[str, Any]:
    """The console's frames until the conversation's assignment (at most 20 s)."""
    deadline = time.monotonic() + 20
    while True:
        raw = await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic()))
        if raw == "pong":
            continue
        frame = dict(json.loads(raw))
        if frame.get("type") == "conversation.assigned" and frame["conversation_id"] == (
            conversation_id
        ):
            return frame


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_an_assignment_by_the_jobs_process_reaches_the_console(
    database_url: str, redis_url: str
) -> None:
    # The servers run no jobs: a `firstline jobs run` of its own does.
    dep = deploy(database_url, FIRSTLINE_REDIS_URL=redis_url, FIRSTLINE_JOBS="0")
    with server(dep) as base:
        async with httpx.AsyncClient(base_url=base, headers=dep.headers) as http:
            team = await http.post(
                "/api/v1/teams",
                json={"name": "Spot EN", "product": "spot", "languages": ["en"],
                      "relax_after_seconds": 5},
            )  # fmt: skip
            assert team.status_code == 201, team.text
            team_id = team.json()["id"]
            r = await http.post(
                "/api/v1/agents",
                json={"email": EMAIL, "name": "Carol", "languages": ["en"],
                      "team_ids": [team_id], "password": PASSWORD},
            )  # fmt: skip
            assert r.status_code == 201, r.text
            carol = r.json()["id"]
            # Spot questions want a KYC-certified agent; Carol is not one, so this one waits
            # until the requirement relaxes, which only the jobs do.
            r = await http.post(
                "/api/v1/routing/rules",
                json={"name": "KYC", "product": "spot", "team_id": team_id,
                      "required_skill": "kyc"},
            )  # fmt: skip
            assert r.status_code == 201, r.text
            cookie = await _sign_in(base)
            headers = {"Cookie": f"fl_session={cookie}"}
            ws_url = base.replace("http://", "ws://", 1) + "/console/ws"
            async with websockets.connect(ws_url, additional_headers=headers) as ws:
                r = await http.post(
                    "/api/v1/conversations",
                    json={"customer": {"external_id": "c-1"}, "channel": "chat",
                          "product": "spot", "message": {"body": "Why is my order stuck?"}},
                )  # fmt: skip
                assert r.status_code == 201, r.text
                conversation = r.json()
                assert conversation["assignee_id"] is None
                await asyncio.sleep(6)  # past the team's wait before requirements relax
                await asyncio.to_thread(cli, "jobs", "run", "--once", env=dep.env)
                frame = await _assigned(ws, conversation["id"])
                assert frame["assignee_id"] == carol
