"""The console in the agent's own language, in a real browser: an agent whose console is
Vietnamese reads its tabs and its alerts (a plural count) in Vietnamese, switches to Arabic
from the top bar's menu and gets a right-to-left page in Arabic without reloading it by hand,
and finds it so again after signing out and back in. Screenshots in English, Vietnamese and
Arabic go to build/screenshots for a person to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.i18n import CATALOGS, arguments, t
from tests.browser import pages
from tests.live import Deployment, deploy, server

AGENT_EMAIL = "vy@firstline.test"
AGENT_PASSWORD = "vy's long enough password"


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'language.db'}")


def _staff(base: str, dep: Deployment) -> None:
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        team = http.post("/api/v1/teams", json={"name": "Bàn tiếng Việt", "languages": ["vi"]})
        assert team.status_code == 201, team.text
        agent = http.post(
            "/api/v1/agents",
            json={"email": AGENT_EMAIL, "name": "Vy", "languages": ["vi", "en"],
                  "team_ids": [team.json()["id"]], "password": AGENT_PASSWORD},
        )  # fmt: skip
        assert agent.status_code == 201, agent.text
        # An admin sets the console language; Vy changes it herself below.
        r = http.patch(f"/api/v1/agents/{agent.json()['id']}", json={"ui_language": "vi"})
        assert r.status_code == 200 and r.json()["console_language"] == "vi", r.text


async def _sign_in(page: Any, base: str) -> None:
    await page.goto(f"{base}/console")
    await page.get_by_test_id("login-email").fill(AGENT_EMAIL)
    await page.get_by_test_id("login-password").fill(AGENT_PASSWORD)
    await page.get_by_test_id("login-submit").click()
    await page.locator('[data-testid="live-status"].on').wait_for()


def _say(language: str, message: str, /, **args: object) -> str:
    return t(f"console.{message}", language, **args)


async def test_vietnamese_then_arabic_and_it_stays(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        _staff(base, deployment)
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        assert await admin.locator("html").get_attribute("lang") == "en"
        await admin.get_by_test_id("inbox-mine").filter(has_text="Mine").wait_for()

        context = await browser.new_context(viewport={"width": 1360, "height": 820})
        vy = await context.new_page()
        errors: list[str] = []
        vy.on("pageerror", lambda e: errors.append(str(e)))
        await _sign_in(vy, base)
        html = vy.locator("html")
        assert await html.get_attribute("lang") == "vi"
        assert await html.get_attribute("dir") == "ltr"
        assert await vy.get_by_test_id("inbox-mine").inner_text() == "Của tôi"
        assert await vy.get_by_test_id("inbox-queue").inner_text() == "Hàng chờ"
        assert await vy.get_by_test_id("live-status").inner_text() == _say("vi", "live.on")

        # New work: the toast and the count of it, in Vietnamese, from the script's catalog.
        customer = await pages.customer(browser, base, locale="vi-VN")
        await pages.say(customer, "Tôi không rút được tiền, giúp tôi với")
        await vy.get_by_test_id("toast").filter(has_text="Đã giao cho bạn").wait_for(timeout=10_000)
        assert _say("vi", "alerts.new_count", n=1) == "1 mới"
        await vy.get_by_test_id("new-work").filter(has_text="1 mới").wait_for()
        item = vy.get_by_test_id("inbox-item").filter(has_text="rút được tiền")
        await item.click()
        await vy.get_by_test_id("conversation-message").filter(has_text="rút được tiền").wait_for()
        await vy.get_by_test_id("routing-reasons").filter(has_text="Đã giao cho Vy").wait_for()
        await vy.screenshot(path=str(screenshots / "console-language-vi.png"))
        await admin.get_by_test_id("inbox-all").click()
        await admin.get_by_test_id("inbox-item").first.click()
        await admin.get_by_test_id("conversation-message").first.wait_for()
        await admin.screenshot(path=str(screenshots / "console-language-en.png"))

        # Arabic from the menu: the page reloads itself, right to left, in Arabic.
        await vy.get_by_test_id("ui-language").select_option("ar")
        await vy.locator('html[lang="ar"][dir="rtl"]').wait_for(timeout=10_000)
        await vy.locator('[data-testid="live-status"].on').wait_for()
        assert await vy.get_by_test_id("inbox-mine").inner_text() == _say("ar", "inbox.mine")
        assert await vy.get_by_test_id("live-status").inner_text() == _say("ar", "live.on")
        await item.click()
        await vy.get_by_test_id("routing-reasons").filter(has_text="Vy").wait_for()
        reasons = await vy.get_by_test_id("routing-reasons").inner_text()
        assert _say("ar", "reasons.assigned_to", name="Vy") in reasons
        # The inbox is on the right and the profile on the left: the layout is mirrored.
        inbox = await vy.get_by_test_id("inbox").bounding_box()
        profile = await vy.get_by_test_id("customer-profile").bounding_box()
        assert inbox and profile and inbox["x"] > profile["x"]
        await vy.screenshot(path=str(screenshots / "console-language-ar.png"))

        # The script's formatter writes every Arabic message as ICU does on the server: its
        # six plural forms, numbers and plain arguments.
        cases: list[tuple[str, dict[str, object]]] = []
        for name, pattern in CATALOGS.messages("ar", "console").items():
            kinds = arguments(pattern)
            for n in (0, 1, 2, 3, 11, 101, 1000) if "plural" in kinds.values() else (1,):
                args: dict[str, object] = {
                    arg: n if kind == "plural" else "Ngân" for arg, kind in kinds.items()
                }
                cases.append((name, args))
        written = await vy.evaluate(
            """(cases) => import("/static/firstline/console/i18n.js")
                 .then((m) => cases.map(([key, args]) => m.t(key, args)))""",
            cases,
        )
        assert written == [_say("ar", name, **args) for name, args in cases]

        # It is saved on her: signed out and in again, the console is still Arabic.
        await vy.get_by_test_id("logout").click()
        await vy.get_by_test_id("login-email").wait_for()
        await _sign_in(vy, base)
        assert await html.get_attribute("dir") == "rtl"
        assert await vy.get_by_test_id("inbox-mine").inner_text() == _say("ar", "inbox.mine")
        assert errors == []
