"""The chat widget in Chromium at its limits: a pasted message over the limit is kept in the
box and the customer is told before sending (in their language, with the language's plural);
a very long message folds with "show more"; a visitor refused a new chat reads why; and the
widget's formatter writes the chat catalog as ICU does on the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.i18n import CATALOGS, arguments, t
from tests.browser import pages
from tests.live import Deployment, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'browser.db'}")


async def test_an_over_long_paste_is_kept_and_said_and_long_messages_fold(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        customer = await pages.customer(browser, base)
        box = customer.get_by_test_id("chat-input")
        pasted = "0123456789 " * 4_600  # 50,600 characters, as a pasted log
        await box.fill(pasted)
        notice = customer.get_by_test_id("chat-notice")
        await notice.filter(has_text="at most 20,000 characters").wait_for()
        assert await customer.get_by_test_id("chat-send").is_disabled()
        await box.press("Enter")  # nothing goes, nothing is cut
        assert len(await box.input_value()) == len(pasted)
        assert await customer.get_by_test_id("chat-message").count() == 1  # the greeting

        # Counted as the server counts: 15,000 emoji are 15,000 characters, not 30,000.
        await box.fill("😀" * 15_000)
        await notice.wait_for(state="hidden")
        assert not await customer.get_by_test_id("chat-send").is_disabled()

        # Cut down by the customer, it goes whole; a message that long shows folded.
        long = "Transaction log line with details\n" * 60
        await box.fill(long)
        await notice.wait_for(state="hidden")
        await customer.get_by_test_id("chat-send").click()
        mine = customer.locator('[data-author="customer"]').first
        toggle = mine.get_by_test_id("chat-fold")
        await toggle.filter(has_text=t("chat.show_more", "en")).wait_for()
        assert "folded" in (await mine.locator(".bubble").get_attribute("class") or "")
        await toggle.click()
        await toggle.filter(has_text=t("chat.show_less", "en")).wait_for()
        assert "folded" not in (await mine.locator(".bubble").get_attribute("class") or "")
        assert (await mine.locator(".bubble").inner_text()).count("Transaction log") == 60
        await customer.screenshot(path=str(screenshots / "widget-long-message.png"))

        # In Russian the limit reads with its plural form and the Russian way of writing it.
        russian = await pages.customer(browser, base, locale="ru-RU")
        await russian.get_by_test_id("chat-input").fill("я" * 20_001)
        text = await russian.get_by_test_id("chat-notice").inner_text()
        assert text.startswith("Сообщение не может быть длиннее 20") and "символов." in text


async def test_a_visitor_refused_a_new_chat_reads_why(browser: Any, deployment: Deployment) -> None:
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base) as http:
            for n in range(5):  # five chats from this address already
                http.cookies.clear()
                token = (await http.post("/chat/api/session", json={})).json()["token"]
                r = await http.post(
                    "/chat/api/messages",
                    json={"body": f"hello {n}", "client_id": f"c-{n}"},
                    headers={"X-Chat-Token": token},
                )
                assert r.status_code == 201
        customer = await pages.customer(browser, base)
        await pages.say(customer, "Is anyone there?")
        await (
            customer.get_by_test_id("chat-notice")
            .filter(has_text=t("chat.too_many_chats", "en"))
            .wait_for()
        )
        # The message is still on screen, marked as not sent, to go again later.
        failed = customer.locator('[data-author="customer"].failed')
        assert await failed.count() == 1


async def test_the_widget_writes_its_catalog_as_the_server_does(
    browser: Any, deployment: Deployment
) -> None:
    # The page and the console share one formatter (messageformat.js): every chat message, in
    # languages whose plurals and numbers differ most, reads as ICU writes it on the server.
    catalogs = {lang: CATALOGS.messages(lang, "chat") for lang in ("ar", "ru", "uk", "fr", "en")}
    cases: list[tuple[str, str, dict[str, object]]] = []
    for language, messages in catalogs.items():
        for name, pattern in messages.items():
            kinds = arguments(pattern)
            plural = "plural" in kinds.values()
            for n in (0, 1, 2, 3, 11, 21, 101, 1000, 20_000) if plural else (1,):
                args: dict[str, object] = {
                    arg: n if kind == "plural" else "Ngân" for arg, kind in kinds.items()
                }
                cases.append((language, name, args))
    with server(deployment) as base:
        customer = await pages.customer(browser, base)
        written = await customer.evaluate(
            """([cases, catalogs]) => import("/static/firstline/messageformat.js").then((m) =>
                 cases.map(([lang, key, args]) =>
                   m.formatter(lang, catalogs[lang]).t(key, args)))""",
            [cases, catalogs],
        )
    assert written == [t(f"chat.{name}", lang, **args) for lang, name, args in cases]
