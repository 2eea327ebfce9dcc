"""The bot in a real browser against a real server with the demo backoffice: an answer with
its citation and Yes/No buttons, a self-service password reset with step-up verification
through signed HTTP calls, the handover an agent sees, and the help center right to left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson

from tests.browser import pages
from tests.live import Deployment, cli, deploy, free_port, server

ARTICLES = [
    {"external_id": "api-keys", "locale": "en", "category": "Account",
     "body": "# Create an API key\n\nOpen Account, then API Management, and choose Create API "
             "key. You can hold up to 30 keys."},
    {"external_id": "api-keys", "locale": "ar", "category": "الحساب",
     "body": "# إنشاء مفتاح API\n\nافتح الحساب ثم إدارة API واختر إنشاء مفتاح API."},
]  # fmt: skip


def _deployment(tmp_path: Path, port: int) -> Deployment:
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        FIRSTLINE_BOT="true",
        FIRSTLINE_DEMO_BACKOFFICE="true",
        FIRSTLINE_BACKOFFICE_URL=f"http://127.0.0.1:{port}/demo-backoffice",
        FIRSTLINE_BACKOFFICE_SECRET="browser-test-secret",
    )
    articles = tmp_path / "articles.jsonl"
    articles.write_bytes(b"".join(orjson.dumps(a) + b"\n" for a in ARTICLES))
    cli("kb", "import", str(articles), "--status", "published", env=dep.env)
    return dep


def _bot_lines(page: Any) -> Any:
    return page.locator('[data-testid="chat-message"][data-author="bot"]')


async def test_the_bot_answers_runs_a_flow_and_hands_over(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    port = free_port()
    dep = _deployment(tmp_path, port)
    with server(dep, port=port) as base:
        chat = await pages.customer(browser, base)
        await pages.say(chat, "How do I create an API key?")
        await (
            chat.get_by_test_id("chat-citation")
            .filter(has_text="Full article: Create an API key")
            .wait_for()
        )
        assert "You can hold up to 30 keys" in await _bot_lines(chat).nth(1).inner_text()
        options = chat.get_by_test_id("chat-options")
        await options.get_by_role("button", name="No").wait_for()
        await chat.screenshot(path=str(screenshots / "bot-answer.png"))
        await options.get_by_role("button", name="No").click()
        await chat.get_by_text("Could you describe the problem in other words?").wait_for()
        assert await chat.get_by_test_id("chat-options").count() == 0  # answered: gone

        # A self-service flow with step-up verification, against the demo backoffice.
        await pages.say(chat, "I forgot my password")
        await chat.get_by_text("What is the email address of your account?").wait_for()
        await pages.say(chat, "linh@example.com")
        await chat.get_by_text("we sent a 6-digit code").wait_for()
        async with httpx.AsyncClient() as client:
            r = await client.get(
                f"{base}/demo-backoffice/outbox", params={"email": "linh@example.com"}
            )
        outbox = r.json()["messages"]
        code = outbox[-1]["code"]
        await pages.say(chat, code)
        await chat.get_by_text("We sent a password reset link").wait_for()
        await chat.screenshot(path=str(screenshots / "bot-flow.png"))

        # Asking for a person: the agent gets it with the bot's note.
        await pages.say(chat, "agent")
        await chat.get_by_text("passing you to a person").wait_for()
        console = await pages.console(browser, base, dep.email, dep.password)
        await console.get_by_test_id("inbox-all").click()
        await console.get_by_test_id("inbox").locator("li").first.click()
        note = console.locator('[data-testid="conversation-message"][data-internal="true"]')
        await note.filter(has_text="Bot handed over: the customer asked for a person").wait_for()
        bot_lines = console.locator('[data-testid="conversation-message"].bot')
        assert await bot_lines.count() >= 4  # the bot's part of the transcript is there
        await console.screenshot(path=str(screenshots / "bot-handover-console.png"))

        # The cited article in the help center, in Arabic, right to left.
        help_page = await chat.context.new_page()
        await help_page.goto(f"{base}/help/ar/articles/api-keys")
        article = help_page.get_by_test_id("help-article")
        await article.wait_for()
        assert await help_page.evaluate("document.documentElement.dir") == "rtl"
        assert "إنشاء مفتاح API" in await article.inner_text()
        await help_page.screenshot(path=str(screenshots / "help-center-ar.png"))


async def test_writing_an_article_in_the_console(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    dep = deploy(f"sqlite+aiosqlite:///{tmp_path / 'kb.db'}")
    with server(dep) as base:
        console = await pages.console(browser, base, dep.email, dep.password)
        await console.get_by_test_id("kb-toggle").click()
        await console.get_by_test_id("kb-new").click()
        await console.get_by_test_id("kb-external-id").fill("p2p-disputes")
        await console.get_by_test_id("kb-category").fill("P2P")
        await console.get_by_test_id("kb-body").fill(
            "# Open a P2P dispute\n\nIf the seller did not release the coins, choose **Appeal**."
        )
        preview = console.get_by_test_id("kb-preview")
        await preview.locator("strong", has_text="Appeal").wait_for()
        await console.get_by_test_id("kb-form-status").select_option("published")
        await console.get_by_test_id("kb-save").click()
        await console.get_by_test_id("kb-message").filter(has_text="Saved: revision 1").wait_for()
        await console.get_by_test_id("kb-item").filter(has_text="Open a P2P dispute").wait_for()

        await console.get_by_test_id("kb-body").fill(
            "# Open a P2P dispute\n\nIf the seller did not release the coins within 15 minutes, "
            "choose **Appeal**."
        )
        await console.get_by_test_id("kb-save").click()
        await console.get_by_test_id("kb-message").filter(has_text="Saved: revision 2").wait_for()
        await console.get_by_test_id("kb-revision").nth(1).wait_for()
        assert await console.get_by_test_id("kb-revision").count() == 2
        await console.screenshot(path=str(screenshots / "kb-editor.png"))

        async with httpx.AsyncClient() as client:
            page = await client.get(f"{base}/help/en/articles/p2p-disputes")
        assert page.status_code == 200
        assert "within 15 minutes" in page.text
