"""Routing, escalation and the dashboard in a real browser against a real server: a chat is
routed to the online agent who speaks the language, the next one waits and its customer sees
the place in the queue live; the agent escalates with one click, the admin is told live and
acknowledges, and the supervisor dashboard shows the floor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

AGENT_EMAIL = "carol@firstline.test"
AGENT_PASSWORD = "her own long password"


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'routing.db'}",
        FIRSTLINE_QUEUE_UPDATE_SECONDS="0.5",
        FIRSTLINE_DASHBOARD_CACHE_SECONDS="0",
    )


def _staff(base: str, dep: Deployment) -> None:
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        team = http.post("/api/v1/teams", json={"name": "English desk", "languages": ["en"]})
        assert team.status_code == 201, team.text
        agent = http.post(
            "/api/v1/agents",
            json={"email": AGENT_EMAIL, "name": "Carol", "languages": ["en"],
                  "team_ids": [team.json()["id"]], "max_concurrent": 1,
                  "password": AGENT_PASSWORD},
        )  # fmt: skip
        assert agent.status_code == 201, agent.text


async def test_route_queue_escalate_acknowledge_and_dashboard(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        _staff(base, deployment)
        carol = await pages.console(browser, base, AGENT_EMAIL, AGENT_PASSWORD)  # signs in: online
        admin = await pages.console(browser, base, deployment.email, deployment.password)

        first = await pages.customer(browser, base)
        await pages.say(first, "Someone changed my 2FA and I cannot log in")
        # Routed at once to Carol, the only English agent online: it is in her own inbox.
        item = carol.get_by_test_id("inbox-item").filter(has_text="changed my 2FA")
        await item.wait_for(timeout=10_000)
        # She is told: a toast, and the count of new work in the tab's title.
        await carol.get_by_test_id("toast").filter(has_text="Assigned to you").wait_for()
        await carol.get_by_test_id("new-work").filter(has_text="1 new").wait_for()
        assert (await carol.title()).startswith("(1) ")

        # Carol is full (one chat at a time): the next customer waits and is told where.
        second = await pages.customer(browser, base)
        await pages.say(second, "How do I change my email address?")
        queue = second.get_by_test_id("chat-queue")
        await queue.filter(has_text="number 1 in the queue").wait_for(timeout=10_000)
        # Carol sees it land in her team's queue.
        await carol.get_by_test_id("toast").filter(has_text="New in your team’s queue").wait_for()
        await carol.get_by_test_id("new-work").filter(has_text="2 new").wait_for()
        # Coming back to the page shows the place again.
        await second.reload()
        queue = second.get_by_test_id("chat-queue")
        await queue.filter(has_text="number 1 in the queue").wait_for(timeout=10_000)

        # One click to escalate, with a reason.
        await item.click()
        await carol.get_by_test_id("conversation-message").filter(has_text="2FA").wait_for()
        await carol.get_by_test_id("new-work").filter(has_text="1 new").wait_for()
        # A pasted wall of text is collapsed until she asks for the rest.
        wall = "Transaction log line with hash 0xabc and more detail. " * 80
        await pages.say(first, wall.strip())
        long = carol.get_by_test_id("conversation-message").filter(has_text="0xabc")
        await long.wait_for(timeout=10_000)
        body = long.locator(".msg-body")
        assert "collapsed" in (await body.get_attribute("class") or "")
        folded = (await body.bounding_box() or {"height": 0})["height"]
        await long.get_by_test_id("message-more").click()
        await long.get_by_test_id("message-more").filter(has_text="Show less").wait_for()
        assert (await body.bounding_box() or {"height": 0})["height"] > folded * 2
        reasons = carol.get_by_test_id("routing-reasons")
        await reasons.filter(has_text="Money at risk").wait_for()
        await reasons.filter(has_text="Assigned to Carol").wait_for()
        await carol.get_by_test_id("escalate").click()
        await carol.get_by_test_id("escalate-to").select_option("next")
        await carol.get_by_test_id("escalate-reason").fill("Possible account takeover")
        await carol.get_by_test_id("escalate-submit").click()
        bar = carol.get_by_test_id("escalation-text")
        await bar.filter(has_text="waiting for L2").wait_for()

        # The admin answers at L2: told live, acknowledges from the notification.
        toast = admin.get_by_test_id("toast").filter(has_text="Escalated to you")
        await toast.wait_for(timeout=10_000)
        await toast.get_by_role("button", name="Acknowledge").click()
        await bar.filter(has_text="acknowledged by Ada Admin").wait_for(timeout=10_000)
        await carol.screenshot(path=str(screenshots / "console-escalated.png"))

        # The queue, in serving order, for whoever wants to pull from it.
        await admin.get_by_test_id("inbox-queue").click()
        await admin.get_by_test_id("queue-item").filter(has_text="1. #2").wait_for()

        # The dashboard shows the floor: one waiting in English, Carol online and busy.
        await admin.get_by_test_id("dashboard-toggle").click()
        row = admin.get_by_test_id("dashboard-row").filter(has_text="English desk")
        await row.wait_for()
        cells = await row.locator("td").all_inner_texts()
        assert cells[:3] == ["English desk", "en", "1"], cells
        assert cells[4:7] == ["1", "1", "0"], cells  # online, busy, available
        await admin.screenshot(path=str(screenshots / "dashboard.png"))

        # Carol finishes the first chat: the waiting customer is hers at once and the
        # queue line disappears from their widget.
        await carol.get_by_test_id("status-select").select_option("resolved")
        await queue.wait_for(state="hidden", timeout=10_000)
        await second.screenshot(path=str(screenshots / "widget-queue-cleared.png"))
