"""An agent added to a team while signed in hears about that team's queue at once: the
console's live connection chooses its channels when it opens, so a change of teams must make
it listen on the new ones without the agent reloading the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

AGENT_EMAIL = "dana@firstline.test"
AGENT_PASSWORD = "a long harbour at dawn"


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'teams.db'}")


async def test_agent_added_to_a_team_sees_its_queue_without_reloading(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        http = httpx.AsyncClient(base_url=base, headers=deployment.headers)
        english = await http.post(
            "/api/v1/teams", json={"name": "English desk", "languages": ["en"]}
        )
        vietnamese = await http.post(
            "/api/v1/teams", json={"name": "Vietnamese desk", "languages": ["vi"]}
        )
        assert english.status_code == 201 and vietnamese.status_code == 201
        agent = await http.post(
            "/api/v1/agents",
            json={"email": AGENT_EMAIL, "name": "Dana", "languages": ["en", "vi"],
                  "team_ids": [english.json()["id"]], "password": AGENT_PASSWORD},
        )  # fmt: skip
        assert agent.status_code == 201, agent.text
        dana = await pages.console(browser, base, AGENT_EMAIL, AGENT_PASSWORD)

        # Her supervisor adds her to the Vietnamese desk, routing paused for her so that the
        # next chat waits in the queue rather than being handed to her directly.
        moved = await http.patch(
            f"/api/v1/agents/{agent.json()['id']}",
            json={"team_ids": [english.json()["id"], vietnamese.json()["id"]],
                  "routing_paused": True},
        )  # fmt: skip
        assert moved.status_code == 200, moved.text
        await dana.get_by_test_id("live-status").filter(has_text="live").wait_for()

        opened = await http.post(
            "/api/v1/conversations",
            json={"customer": {"external_id": "u-vn-1", "locale": "vi"}, "channel": "chat",
                  "message": {"body": "Toi nap tien nhung chua thay vao tai khoan"},
                  "team_id": vietnamese.json()["id"]},
        )  # fmt: skip
        assert opened.status_code == 201, opened.text
        number = opened.json()["id"]
        toast = dana.get_by_test_id("toast").filter(has_text=f"New in your team’s queue: #{number}")
        await toast.wait_for(timeout=15_000)
        await dana.screenshot(path=str(screenshots / "console-team-added.png"))
        await http.aclose()
