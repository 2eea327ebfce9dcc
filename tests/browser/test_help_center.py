"""The public help center on a phone (390 px) in Arabic, where no article is written in
Arabic: the topics list the English articles, marked, right to left; an empty search helps to
ask; a fallback article says so in Arabic, shows its title once and links back; nothing
scrolls sideways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from firstline.core.i18n import t
from tests.live import cli, deploy, server

ARTICLES = [
    {
        "external_id": "deposit-time", "locale": "en", "category": "Deposits and withdrawals",
        "body": "# How long a deposit takes\n\nA deposit is credited after the network confirms "
        "it. Follow it with the transaction hash, such as "
        "0x7d1f4c2a9b3e8d6f0a5c4b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f, in an explorer.",
    },
    {
        "external_id": "deposit-time", "locale": "vi", "category": "Nạp và rút",
        "body": "# Nạp tiền mất bao lâu\n\nTiền nạp được ghi có sau khi mạng xác nhận.",
    },
    {
        "external_id": "api-keys", "locale": "en", "category": "Account",
        "body": "# Create an API key\n\nOpen **Account**, then API Management.",
    },
]  # fmt: skip

# A phone's layout viewport would widen to fit an overflowing page (and hide it), so the
# page is laid out at exactly 390 px and must fit that.
FITS = (
    "() => window.innerWidth === 390 && document.scrollingElement.scrollWidth <= window.innerWidth"
)


async def test_arabic_help_center_on_a_phone_offers_english_articles(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    dep = deploy(f"sqlite+aiosqlite:///{tmp_path / 'help.db'}")
    kb = tmp_path / "kb.jsonl"
    kb.write_bytes(b"\n".join(orjson.dumps(a) for a in ARTICLES))
    cli("kb", "import", str(kb), "--status", "published", env=dep.env)
    with server(dep) as base:
        context = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=1
        )
        page = await context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        await page.goto(f"{base}/help/ar")
        assert await page.locator("html").get_attribute("dir") == "rtl"
        topics = page.get_by_test_id("help-topics")
        assert "How long a deposit takes" in await topics.inner_text()
        assert await page.get_by_test_id("help-lang").count() == 2
        assert await page.get_by_test_id("help-lang").first.inner_text() == t(
            "knowledge.shown_in", "ar", other="English"
        )
        assert await page.evaluate(FITS), "the home page scrolls sideways"
        await page.screenshot(path=str(screenshots / "help-home-390-ar.png"), full_page=True)

        await page.get_by_test_id("help-q").press("Enter")  # nothing typed
        assert await page.get_by_test_id("help-empty-search").inner_text() == t(
            "knowledge.empty_search", "ar"
        )
        assert await page.get_by_test_id("help-q-main").is_visible()
        assert await page.evaluate(FITS), "the empty search scrolls sideways"

        await page.get_by_test_id("help-q-main").fill("deposit")
        await page.get_by_test_id("help-q-main").press("Enter")
        results = page.get_by_test_id("help-results")
        assert "How long a deposit takes" in await results.inner_text()
        assert "#" not in await results.inner_text()
        await page.screenshot(path=str(screenshots / "help-search-390-ar.png"), full_page=True)

        await results.get_by_role("link", name="How long a deposit takes").click()
        notice = page.get_by_test_id("help-notice")
        assert t("knowledge.not_translated", "ar", language="العربية", other="English") in (
            await notice.inner_text()
        )
        article = page.get_by_test_id("help-article")
        assert await article.get_attribute("dir") == "ltr"
        assert (await article.inner_text()).count("How long a deposit takes") == 1
        assert await page.evaluate(FITS), "the article (a long hash) scrolls sideways"
        await page.screenshot(path=str(screenshots / "help-article-390-ar.png"), full_page=True)
        await page.get_by_test_id("help-notice-back").click()
        assert page.url == f"{base}/help/ar"
        assert not errors, errors
        await context.close()
