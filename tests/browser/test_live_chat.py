"""The whole loop in a real browser (Chromium) against a real server: a customer writes in the
widget, an agent signed in to the console sees it live and replies, the customer sees the
reply live; an internal note never reaches the customer; a dropped connection loses nothing."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, free_port, server


@contextmanager
def company_site(html: str) -> Iterator[str]:
    """A page of 'the company's product' on its own origin, for the embed test."""
    body = html.encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'browser.db'}")


async def _console(browser: Any, base: str, dep: Deployment) -> Any:
    return await pages.console(browser, base, dep.email, dep.password)


async def test_customer_and_agent_talk_live(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        agent = await _console(browser, base, deployment)
        await agent.get_by_test_id("inbox-unassigned").click()
        customer = await pages.customer(browser, base)
        await pages.say(customer, "Hello, my USDT deposit on TRON has not arrived")
        # The acknowledgement, in English, with the expected wait.
        await customer.get_by_test_id("chat-message").filter(has_text="Thanks").wait_for()

        # The agent's inbox updates by itself.
        item = agent.get_by_test_id("inbox-item").filter(has_text="USDT deposit on TRON")
        await item.wait_for(timeout=10_000)
        await item.click()
        await (
            agent.get_by_test_id("conversation-message")
            .filter(has_text="USDT deposit on TRON")
            .wait_for()
        )

        await agent.get_by_test_id("reply-input").fill("I see it. Which network did you pick?")
        await agent.get_by_test_id("reply-send").click()
        await (
            customer.get_by_test_id("chat-message")
            .filter(has_text="Which network did you pick?")
            .wait_for(timeout=10_000)
        )

        await agent.get_by_test_id("note-toggle").check()
        await agent.get_by_test_id("reply-input").fill("Internal: probably sent on BSC")
        await agent.get_by_test_id("reply-send").click()
        await (
            agent.get_by_test_id("conversation-message")
            .filter(has_text="probably sent on BSC")
            .wait_for()
        )
        await agent.get_by_test_id("reply-input").fill("Thanks, checking the BSC transfer now.")
        await agent.get_by_test_id("reply-send").click()
        # The public reply sent after the note arrives; the note never does.
        await (
            customer.get_by_test_id("chat-message")
            .filter(has_text="checking the BSC transfer")
            .wait_for(timeout=10_000)
        )
        assert (
            await customer.get_by_test_id("chat-message")
            .filter(has_text="probably sent on BSC")
            .count()
            == 0
        )
        assert "probably sent on BSC" not in await customer.content()

        # Markup is shown as text, never run.
        await pages.say(customer, "<img src=x onerror=\"document.title='pwned'\"> hi")
        await agent.get_by_test_id("conversation-message").filter(has_text="onerror").wait_for()
        assert await agent.title() != "pwned" and await customer.title() != "pwned"

        await customer.screenshot(path=str(screenshots / "widget-en.png"))
        await agent.screenshot(path=str(screenshots / "console-en.png"))


async def test_a_dropped_connection_loses_and_duplicates_nothing(
    browser: Any, deployment: Deployment
) -> None:
    port = free_port()
    with server(deployment, port=port) as base:
        customer = await pages.customer(browser, base)
        await pages.say(customer, "Is my withdrawal stuck?")
        await customer.get_by_test_id("chat-message").filter(has_text="Thanks").wait_for()
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            page = (await http.get("/api/v1/conversations", params={"limit": 1})).json()
        conversation_id = page["items"][0]["id"]
    # The server is gone: the customer writes anyway; it waits, marked as not sent.
    await pages.say(customer, "Hello? Are you there?")
    await asyncio.sleep(1)
    with server(deployment, port=port) as base:
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            r = await http.post(
                f"/api/v1/conversations/{conversation_id}/messages",
                json={"body": "Yes, back now. Your withdrawal is processing."},
            )
            assert r.status_code == 201
            # The widget reconnects by itself, resumes after the last id it saw, and resends
            # the pending message with its client id. Its retries back off to one every 8 s
            # while the server is down; the wait leaves room for a machine under load.
            await (
                customer.get_by_test_id("chat-message")
                .filter(has_text="Your withdrawal is processing")
                .wait_for(timeout=45_000)
            )
            for _ in range(100):
                detail = (await http.get(f"/api/v1/conversations/{conversation_id}")).json()
                bodies = [m["body"] for m in detail["messages"]]
                if "Hello? Are you there?" in bodies:
                    break
                await asyncio.sleep(0.2)
            assert bodies.count("Hello? Are you there?") == 1
            assert bodies.count("Is my withdrawal stuck?") == 1
        for text in ("Your withdrawal is processing", "Hello? Are you there?"):
            count = await customer.get_by_test_id("chat-message").filter(has_text=text).count()
            assert count == 1, text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("zh-CN", "你好，我的USDT充值还没有到账，已经两个小时了"),
        ("ar", "مرحبا، لم يصل إيداع USDT إلى حسابي بعد"),
        ("vi", "Chào bạn, tôi nạp USDT nhưng chưa nhận được tiền"),
    ],
)
async def test_the_widget_and_console_in_other_scripts(
    browser: Any, deployment: Deployment, screenshots: Path, locale: str, text: str
) -> None:
    with server(deployment) as base:
        customer = await pages.customer(browser, base, locale=locale)
        await pages.say(customer, text)
        ack = customer.get_by_test_id("chat-message").filter(has_not_text=text).last
        await ack.wait_for()
        direction = await customer.evaluate("document.documentElement.dir")
        assert direction == ("rtl" if locale == "ar" else "ltr")
        assert await customer.evaluate("document.documentElement.lang") == locale
        await customer.screenshot(path=str(screenshots / f"widget-{locale}.png"))
        agent = await _console(browser, base, deployment)
        await agent.get_by_test_id("inbox-unassigned").click()
        await agent.get_by_test_id("inbox-item").first.click()
        await agent.get_by_test_id("conversation-message").filter(has_text=text[:6]).wait_for()
        await agent.screenshot(path=str(screenshots / f"console-{locale}.png"))


async def test_the_embed_script_opens_the_chat_in_a_frame(
    browser: Any, deployment: Deployment, tmp_path: Path
) -> None:
    with server(deployment) as base:
        page = await (await browser.new_context()).new_page()
        host = f"<html><body><h1>Shop</h1><script src='{base}/widget.js'></script></body></html>"
        with company_site(host) as shop:  # another origin (port) that embeds us
            await page.goto(shop)
            await page.get_by_test_id("chat-launcher").click()
            frame = page.frame_locator('[data-testid="chat-frame"]')
            await pages.chat_ready(frame)
            marker = f"Embedded hello {uuid.uuid4().hex[:6]}"
            await frame.get_by_test_id("chat-input").fill(marker)
            await frame.get_by_test_id("chat-send").click()
            await frame.get_by_test_id("chat-message").filter(has_text=marker).wait_for()
