"""The pages under their Content-Security-Policy in a real browser: the console (signed in,
live), the chat page (and the widget framing it), the help center and its deposit-recovery
form, and the API documentation all work without one policy violation in the console log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.pages import chat_ready, console, customer, say
from tests.browser.test_live_chat import company_site
from tests.live import deploy, server


def _watch(page: Any, problems: list[str]) -> None:
    def on_console(message: Any) -> None:
        text = message.text
        if message.type == "error" or "Content Security Policy" in text:
            problems.append(f"{page.url}: {message.type}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))


async def test_every_page_runs_under_its_policy(browser: Any, tmp_path: Path) -> None:
    dep = deploy(f"sqlite+aiosqlite:///{tmp_path / 'csp.db'}")
    problems: list[str] = []
    with server(dep) as base:
        agent = await console(browser, base, dep.email, dep.password)
        _watch(agent, problems)
        await agent.reload()
        await agent.locator('[data-testid="live-status"].on').wait_for()

        visitor = await customer(browser, base)
        _watch(visitor, problems)
        await visitor.reload()
        await chat_ready(visitor)
        await say(visitor, "Is my deposit on its way?")

        # The widget on a company's page: another origin frames the chat.
        site = await (await browser.new_context()).new_page()
        _watch(site, problems)
        shop = f"<html><body><h1>Shop</h1><script src='{base}/widget.js'></script></body></html>"
        with company_site(shop) as url:
            await site.goto(url)
            await site.get_by_test_id("chat-launcher").click()
            await chat_ready(site.frame_locator('[data-testid="chat-frame"]'))

        pages = await browser.new_context()
        reader = await pages.new_page()
        _watch(reader, problems)
        for path in ("/help/en", "/help/en/deposit-recovery", "/docs"):
            response = await reader.goto(f"{base}{path}")
            assert response is not None and response.status == 200, path
            assert "content-security-policy" in response.headers, path
            await reader.wait_for_load_state("networkidle")
        await reader.locator(".swagger-ui .info").wait_for()

    assert problems == []
