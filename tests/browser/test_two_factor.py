"""Two-factor sign-in in Chromium: the admin (whose role requires it) enrols at the first
sign-in by scanning... well, reading the seed off the page, keeps the recovery codes, and signs
in again with a code; an agent whose console is Arabic sets it up from "My account", right to
left, and sees their sessions there. Screenshots go to build/screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.i18n import t
from tests.browser import pages
from tests.live import Deployment, deploy, server
from tests.signin import totp_code

AGENT = ("layla@firstline.test", "a long pass phrase in arabic")


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'two-factor.db'}")


async def test_the_admin_enrols_then_signs_in_with_a_code(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        context = await browser.new_context(viewport={"width": 1360, "height": 820})
        page = await context.new_page()
        await page.goto(f"{base}/console")
        await page.get_by_test_id("login-email").fill(deployment.email)
        await page.get_by_test_id("login-password").fill(deployment.password)
        await page.get_by_test_id("login-submit").click()
        # The admin role requires two-factor: set it up before anything else.
        secret = (await page.get_by_test_id("enrol-secret").inner_text()).strip()
        assert await page.locator('[data-testid="enrol-qr"] svg').count() == 1
        assert await page.get_by_test_id("inbox").count() == 0
        await page.screenshot(path=str(screenshots / "two-factor-enrol.png"))
        await page.get_by_test_id("enrol-code").fill(totp_code(secret))
        await page.get_by_test_id("enrol-submit").click()
        await page.get_by_test_id("recovery-codes").wait_for()
        assert await page.locator('[data-testid="recovery-codes"] li').count() == 10
        await page.get_by_test_id("codes-continue").click()
        await page.locator('[data-testid="live-status"].on').wait_for()

        # My account: two-factor on and required, this session listed.
        await page.get_by_test_id("account-toggle").click()
        status = page.get_by_test_id("account-two-factor-status")
        await status.wait_for()
        assert "10" in await status.inner_text()
        await page.get_by_test_id("account-session").first.wait_for()
        assert "This session" in await page.get_by_test_id("account-sessions").inner_text()
        await page.get_by_test_id("logout").click()

        # Signing in again asks for a code, and the code opens the console.
        await page.get_by_test_id("login-email").fill(deployment.email)
        await page.get_by_test_id("login-password").fill(deployment.password)
        await page.get_by_test_id("login-submit").click()
        await page.get_by_test_id("login-code").fill("000000")
        await page.get_by_test_id("login-code-submit").click()
        await page.get_by_test_id("login-error").wait_for()
        await page.get_by_test_id("login-code").fill(totp_code(secret))
        await page.screenshot(path=str(screenshots / "two-factor-code.png"))
        await page.get_by_test_id("login-code-submit").click()
        await page.locator('[data-testid="live-status"].on').wait_for()
        await context.close()


def _arabic_agent(base: str, dep: Deployment) -> None:
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        r = http.post(
            "/api/v1/agents",
            json={"email": AGENT[0], "name": "Layla", "languages": ["ar", "en"],
                  "password": AGENT[1]},
        )  # fmt: skip
        assert r.status_code == 201, r.text
        r = http.patch(f"/api/v1/agents/{r.json()['id']}", json={"ui_language": "ar"})
        assert r.status_code == 200


async def test_an_agent_sets_it_up_from_my_account_in_arabic(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        _arabic_agent(base, deployment)
        page = await pages.console(browser, base, *AGENT)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        assert await page.locator("html").get_attribute("dir") == "rtl"
        toggle = page.get_by_test_id("account-toggle")
        assert await toggle.get_attribute("title") == t("account.title", "ar")
        await toggle.click()
        await page.get_by_test_id("account-two-factor-setup").click()
        secret = (await page.get_by_test_id("account-two-factor-secret").inner_text()).strip()
        await page.get_by_test_id("account-two-factor-code").fill(totp_code(secret))
        await page.get_by_test_id("account-two-factor-confirm").click()
        await page.get_by_test_id("account-recovery-codes").wait_for()
        assert await page.locator('[data-testid="account-recovery-codes"] li').count() == 10
        status = await page.get_by_test_id("account-two-factor-status").inner_text()
        assert status.startswith(t("account.tf_on", "ar", n=10).split("·")[0].strip())
        await page.screenshot(path=str(screenshots / "two-factor-account-ar.png"))
        assert not errors
