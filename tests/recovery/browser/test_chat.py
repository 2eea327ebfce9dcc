"""The demo customer u_1001 tells the bot a deposit did not arrive, answers the flow's
questions, accepts the fee with a button, and follows the link the bot gives to the case's
page in the help center, which shows it approved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from firstline.chat.identity import user_hash
from firstline.core.i18n import bind
from firstline.demo.recovery import demo_chain_file, demo_matrix
from tests.browser import pages
from tests.live import cli, deploy, free_port, server

WRONG_CHAIN_TX = "0x7d1f4c2a9b3e8d6f0a5c4b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"
U1001_EVM = "0x8ba1f109551bd432803012645ac136ddd64dba72"


async def test_a_customer_opens_a_case_in_the_chat_and_follows_it(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    port = free_port()
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
        FIRSTLINE_BOT="true",
        FIRSTLINE_DEMO_BACKOFFICE="true",
        FIRSTLINE_BACKOFFICE_URL=f"http://127.0.0.1:{port}/demo-backoffice",
        FIRSTLINE_BACKOFFICE_SECRET="browser-test-secret",
        FIRSTLINE_RECOVERY_RECORDED=str(demo_chain_file()),
        FIRSTLINE_WIDGET_SECRET="browser-widget-secret",
    )
    matrix = tmp_path / "matrix.json"
    matrix.write_bytes(orjson.dumps({"rows": demo_matrix()}))
    cli("recovery", "matrix", "import", str(matrix), env=dep.env)
    r = bind("recovery", "en")
    with server(dep, port=port) as base:
        context = await browser.new_context(viewport={"width": 420, "height": 900})
        chat = await context.new_page()
        signed = user_hash("browser-widget-secret", "u_1001")
        await chat.goto(f"{base}/chat#user_id=u_1001&user_hash={signed}&locale=en-US")
        await pages.chat_ready(chat)
        for text in ("my deposit has not arrived", "ETH", "BNB", WRONG_CHAIN_TX, "0.8"):
            await pages.say(chat, text)
        await pages.say(chat, U1001_EVM)
        options = chat.get_by_test_id("chat-options")
        await options.get_by_role("button", name=r("accept")).click()
        link = chat.get_by_test_id("chat-link")
        await link.wait_for()
        await chat.screenshot(path=str(screenshots / "recovery-chat.png"))
        href = await link.get_attribute("href")
        assert href is not None and href.startswith("/help/en/deposit-recovery/")

        async with context.expect_page() as opened:
            await link.click()
        case_page = await opened.value
        state = case_page.get_by_test_id("recovery-state")
        await state.wait_for()
        assert await state.get_attribute("data-state") == "approved"
        assert await state.inner_text() == r("state_approved")
        assert "24.00 USD" in await case_page.get_by_test_id("recovery-fee").inner_text()
        await context.close()
