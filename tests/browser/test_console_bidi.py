"""People's text in a right-to-left console, in a real browser: in Arabic, an English message,
a customer's name, a canned reply's title, shortcut and body and a webhook's URL each keep
their own direction ("Have a great day, {customer.name}!" rather than "!Have a great day,
{customer.name}", "/2fa" rather than "2fa/"), and the boxes that hold such text are dir="auto"
or, for addresses and shortcuts, left to right. In Vietnamese the top bar keeps to one row at
1360 px, an agent's teams show as chips and the settings headers do not break a word a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

REPLY = "Have a great day, {customer.name}!"

# The direction the browser resolved for an element (dir="auto" included).
DIRECTION = "(node) => getComputedStyle(node).direction"

# Where on the screen the first `ch` of an element's text is drawn (its left edge).
CHAR_X = """([node, ch]) => {
  const text = node.firstChild;
  const range = document.createRange();
  const i = text.data.indexOf(ch);
  range.setStart(text, i);
  range.setEnd(text, i + 1);
  return range.getBoundingClientRect().x;
}"""


async def _left_of(locator: Any, first: str, second: str) -> bool:
    """Whether `first` is drawn left of `second` in the element's text."""
    handle = await locator.element_handle()
    page = locator.page
    a = await page.evaluate(CHAR_X, [handle, first])
    b = await page.evaluate(CHAR_X, [handle, second])
    return bool(a < b)


# How many lines each header's text takes, by header.
LINES = """(nodes) => Object.fromEntries(nodes.map((n) => {
  const range = document.createRange();
  range.selectNodeContents(n);
  return [n.textContent, range.getClientRects().length];
}))"""


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'bidi.db'}")


def _api(base: str, deployment: Deployment) -> httpx.Client:
    return httpx.Client(base_url=base, headers=deployment.headers, timeout=10)


def _console_language(base: str, deployment: Deployment, language: str) -> None:
    with _api(base, deployment) as api:
        me = api.get("/api/v1/me").raise_for_status().json()
        api.patch(f"/api/v1/agents/{me['id']}", json={"ui_language": language}).raise_for_status()


async def test_arabic_console_keeps_left_to_right_text_in_its_own_direction(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        _console_language(base, deployment, "ar")
        with _api(base, deployment) as api:
            opened = api.post(
                "/api/v1/conversations",
                json={"customer": {"external_id": "linh@example.com", "locale": "en"},
                      "channel": "chat", "message": {"body": "Thanks, that fixed it!"}},
            )  # fmt: skip
            assert opened.status_code == 201, opened.text
            made = api.post(
                "/api/v1/canned-responses",
                json={"shortcut": "2fa", "title": "Reset 2FA", "language": "en", "body": REPLY},
            )
            assert made.status_code == 201, made.text
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        assert await admin.evaluate("document.documentElement.dir") == "rtl"

        # The inbox and the conversation.
        await admin.get_by_test_id("inbox-all").click()
        item = admin.get_by_test_id("inbox-item").first
        await item.wait_for()
        preview = item.locator(".inbox-preview")
        assert await preview.get_attribute("dir") == "auto"
        assert await preview.evaluate(DIRECTION) == "ltr"
        name = item.locator(".inbox-who > span")
        assert await name.get_attribute("dir") == "auto"
        await item.click()
        body = admin.get_by_test_id("conversation-message").first.locator(".msg-body")
        await body.wait_for()
        assert await body.get_attribute("dir") == "auto"
        assert await body.evaluate(DIRECTION) == "ltr"
        title = admin.get_by_test_id("conversation-title")
        await title.filter(has_text="linh@example.com").wait_for()
        assert await title.get_attribute("dir") == "auto"
        assert await title.evaluate(DIRECTION) == "ltr"
        reply = admin.get_by_test_id("reply-input")
        assert await reply.get_attribute("dir") == "auto"
        await reply.fill("Glad to help!")
        assert await reply.evaluate(DIRECTION) == "ltr"
        email = admin.locator("#profile-fields dd").filter(has_text="linh@example.com")
        await email.wait_for()
        assert await email.get_attribute("dir") == "ltr"
        await admin.screenshot(path=str(screenshots / "console-bidi-ar.png"))

        # The canned replies in the settings list and in the edit form.
        await admin.goto(f"{base}/console#/settings/canned")
        row = admin.get_by_test_id("settings-row").filter(has_text="Reset 2FA")
        await row.wait_for()
        cells = row.locator("td .cell-text")
        title = cells.filter(has_text="Reset 2FA")
        assert await title.get_attribute("dir") == "auto"
        assert await title.evaluate(DIRECTION) == "ltr"
        text = cells.filter(has_text="Have a great day")
        assert await text.evaluate(DIRECTION) == "ltr"
        assert await _left_of(text, "H", "!")
        assert await row.locator("td.ltr").first.evaluate(DIRECTION) == "ltr"
        await row.get_by_test_id("settings-edit").click()
        form = admin.get_by_test_id("settings-form")
        # The form's title names the shortcut left to right inside the Arabic sentence.
        assert "\u2066/2fa\u2069" in await form.locator("h3").inner_text()
        assert await _left_of(form.locator("h3"), "/", "2")
        shortcut = form.get_by_test_id("settings-field-shortcut")
        assert await shortcut.get_attribute("dir") == "ltr"
        assert await shortcut.input_value() == "2fa"
        textarea = form.get_by_test_id("settings-field-body")
        assert await textarea.get_attribute("dir") == "auto"
        assert await textarea.evaluate(DIRECTION) == "ltr"
        assert await form.get_by_test_id("settings-field-title").evaluate(DIRECTION) == "ltr"
        await admin.screenshot(path=str(screenshots / "settings-canned-ar.png"))

        # A webhook's address, and its placeholder, read left to right.
        await admin.goto(f"{base}/console#/settings/webhooks")
        heading = admin.get_by_test_id("settings-body").locator("h2")
        await heading.wait_for()
        assert "Webhook" not in await heading.inner_text()
        await admin.get_by_test_id("settings-add").click()
        url = admin.get_by_test_id("settings-form").get_by_test_id("settings-field-url")
        assert await url.get_attribute("dir") == "ltr"
        assert await url.evaluate("(n) => getComputedStyle(n).textAlign") in ("start", "left")
        assert await url.evaluate(DIRECTION) == "ltr"


async def test_vietnamese_top_bar_keeps_to_one_row_and_teams_show_as_chips(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        _console_language(base, deployment, "vi")
        with _api(base, deployment) as api:
            teams = []
            names = ("Bàn hỗ trợ tiếng Việt", "Nhóm thanh toán quốc tế", "Nhóm bảo mật tài khoản")
            for name in names:
                made = api.post("/api/v1/teams", json={"name": name, "languages": ["vi"]})
                assert made.status_code == 201, made.text
                teams.append(made.json()["id"])
            made = api.post(
                "/api/v1/agents",
                json={
                    "email": "vy@example.com",
                    "name": "Vy",
                    "languages": ["vi"],
                    "team_ids": teams,
                },
            )
            assert made.status_code == 201, made.text
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        assert await admin.evaluate("window.innerWidth") == 1360
        brand = await admin.locator(".topbar .brand").bounding_box()
        logout = await admin.get_by_test_id("logout").bounding_box()
        assert brand and logout
        # The same row: the sign-out button's middle is within the brand's line.
        middle = logout["y"] + logout["height"] / 2
        assert brand["y"] <= middle <= brand["y"] + brand["height"] + 4, (brand, logout)
        # The label words are gone from sight but still name the menus.
        assert await admin.get_by_test_id("presence").get_attribute("aria-label") == "Trạng thái"
        await admin.screenshot(path=str(screenshots / "topbar-vi-1360.png"))

        await admin.goto(f"{base}/console#/settings/agents")
        row = admin.get_by_test_id("settings-row").filter(has_text="vy@example.com")
        await row.wait_for()
        chips = row.get_by_test_id("settings-agent-teams").locator(".chip")
        assert await chips.count() == 3
        for n in range(3):
            assert await chips.nth(n).evaluate("(n) => getComputedStyle(n).whiteSpace") == "nowrap"
        box = await row.bounding_box()
        assert box and box["height"] < 120, box
        # A short header keeps to one line, not a word a line: its text is one box.
        headers = admin.get_by_test_id("settings-table").locator("th.short")
        assert await headers.count() >= 5
        lines = await headers.evaluate_all(LINES)
        assert all(n == 1 for n in lines.values()), lines
        await admin.screenshot(path=str(screenshots / "settings-agents-vi.png"), full_page=True)
        # The unchosen console language reads as not chosen, English being what is used then.
        await row.get_by_test_id("settings-edit").click()
        choice = admin.get_by_test_id("settings-field-ui_language").locator("option").first
        assert await choice.inner_text() == "Chưa chọn (tiếng Anh)"
