"""A customer who types and presses Send before the chat's session has arrived (a slow
network, a fast typist) sees the message wait on screen and go once the session is there.
Before, the press did nothing and the text sat in the box."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.live import Deployment, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'early.db'}")


async def test_message_sent_before_the_session_goes_once_it_arrives(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    text = "My withdrawal has been pending for two hours"
    with server(deployment) as base:
        context = await browser.new_context(viewport={"width": 420, "height": 720})
        release = asyncio.Event()

        async def hold(route: Any) -> None:
            await release.wait()
            await route.continue_()

        await context.route("**/chat/api/session", hold)
        page = await context.new_page()
        await page.goto(f"{base}/chat#locale=en-US")
        await page.get_by_test_id("chat-input").fill(text)
        await page.get_by_test_id("chat-send").click()
        bubble = page.get_by_test_id("chat-message").filter(has_text=text)
        await bubble.wait_for()
        assert "pending" in (await bubble.get_attribute("class") or "")
        assert await page.get_by_test_id("chat-input").input_value() == ""

        release.set()
        await page.wait_for_function(
            "t => Array.from(document.querySelectorAll('[data-testid=chat-message]'))"
            ".some(li => li.textContent.includes(t) && !li.classList.contains('pending'))",
            arg=text,
        )
        # The greeting, which came with the session, stays above what the customer wrote.
        first = page.get_by_test_id("chat-message").first
        assert text not in (await first.text_content() or "")
        await page.screenshot(path=str(screenshots / "chat-early-send.png"))

        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            listed = await http.get("/api/v1/conversations", params={"limit": 10})
            assert listed.status_code == 200, listed.text
            previews = [c.get("last_message_preview", "") for c in listed.json()["items"]]
            assert any(text in p for p in previews), previews
