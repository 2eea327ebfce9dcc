"""The settings area, as an admin and a supervisor use it: an agent added with a password can
sign in, a team gets business hours, a refusal shows the server's sentence in the form, a
supervisor sees the settings but changes only what their role may, and the area follows
the console's language (right to left in Arabic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'settings.db'}")


def _api(base: str, deployment: Deployment) -> httpx.Client:
    return httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {deployment.token}"}, timeout=10
    )


async def test_admin_adds_an_agent_who_can_sign_in_and_gives_a_team_hours(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.get_by_test_id("settings-toggle").click()
        await admin.get_by_test_id("settings").wait_for()
        # Agents is the first group; the admin's own row is listed.
        await admin.get_by_test_id("settings-row").filter(has_text=deployment.email).wait_for()

        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-email").fill("linh@example.com")
        await form.get_by_test_id("settings-field-name").fill("Linh Tran")
        await form.get_by_test_id("settings-field-role").select_option("supervisor")
        await form.get_by_test_id("settings-field-languages").get_by_label("Tiếng Việt").check()
        await form.get_by_test_id("settings-field-password").fill("short")
        await form.get_by_test_id("settings-save").click()
        # The API's refusal, in its own words, in the form; nothing was created.
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "12" in await error.inner_text()
        await form.get_by_test_id("settings-field-password").fill("a-long-enough-password")
        await form.get_by_test_id("settings-save").click()
        row = admin.get_by_test_id("settings-row").filter(has_text="linh@example.com")
        await row.wait_for()
        assert "Supervisor" in await row.inner_text()
        assert "Tiếng Việt" in await row.inner_text()

        # Teams: business hours from the calendar fields, shown in a sentence.
        await admin.get_by_test_id("settings-nav-teams").click()
        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("Futures VI")
        await form.get_by_test_id("settings-field-product").fill("futures")
        await form.get_by_test_id("settings-field-calendar-always").uncheck()
        await form.get_by_test_id("settings-field-calendar-timezone").fill("Asia/Ho_Chi_Minh")
        await form.get_by_test_id("settings-field-calendar-start").fill("08:00")
        await form.get_by_test_id("settings-field-calendar-end").fill("20:00")
        await form.get_by_test_id("settings-save").click()
        team_row = admin.get_by_test_id("settings-row").filter(has_text="Futures VI")
        await team_row.wait_for()
        assert "08:00" in await team_row.inner_text()
        assert "Asia/Ho_Chi_Minh" in await team_row.inner_text()
        await admin.screenshot(path=str(screenshots / "settings-teams.png"))

        # A link opens the group it names.
        await admin.goto(f"{base}/console#/settings/agents")
        await admin.get_by_test_id("settings-row").filter(has_text="linh@example.com").wait_for()

        with _api(base, deployment) as api:
            teams = {t["name"]: t for t in api.get("/api/v1/teams").raise_for_status().json()}
            assert teams["Futures VI"]["calendar"] == {
                "timezone": "Asia/Ho_Chi_Minh",
                "days": [0, 1, 2, 3, 4],
                "start": "08:00",
                "end": "20:00",
            }
            agents = {a["email"]: a for a in api.get("/api/v1/agents").raise_for_status().json()}
            linh = agents["linh@example.com"]
            assert linh["role"] == "supervisor" and linh["languages"] == ["vi"]

        # The agent the admin added signs in with the password typed in the form.
        linh_page = await pages.console(browser, base, "linh@example.com", "a-long-enough-password")
        await linh_page.get_by_test_id("agent-name").filter(has_text="Linh Tran").wait_for()


async def test_admin_sets_a_password_and_a_supervisor_only_staffs(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            api.post(
                "/api/v1/agents",
                json={"email": "sup@example.com", "name": "Sup", "role": "supervisor",
                      "password": "supervisor-password"},
            ).raise_for_status()  # fmt: skip
            api.post(
                "/api/v1/agents", json={"email": "ana@example.com", "name": "Ana"}
            ).raise_for_status()
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/agents")
        row = admin.get_by_test_id("settings-row").filter(has_text="ana@example.com")
        await row.get_by_test_id("settings-set-password").click()
        form = admin.get_by_test_id("settings-action-form")
        await form.get_by_test_id("settings-field-password").fill("ana-password-1")
        await form.get_by_test_id("settings-save").click()
        await admin.get_by_test_id("toast").filter(has_text="Password set").wait_for()
        ana = await pages.console(browser, base, "ana@example.com", "ana-password-1")
        await ana.get_by_test_id("agent-name").wait_for()
        # An agent's settings hold only their own API tokens.
        await ana.get_by_test_id("settings-toggle").click()
        await ana.get_by_test_id("settings-nav-tokens").wait_for()
        assert await ana.locator("[data-testid^='settings-nav-']").count() == 1

        sup = await pages.console(browser, base, "sup@example.com", "supervisor-password")
        await sup.get_by_test_id("settings-toggle").click()
        row = sup.get_by_test_id("settings-row").filter(has_text="ana@example.com")
        await row.get_by_test_id("settings-edit").click()
        form = sup.get_by_test_id("settings-form")
        # A supervisor staffs: capacity and teams, not the role or the name.
        assert await form.get_by_test_id("settings-field-role").count() == 0
        assert await form.get_by_test_id("settings-field-name").count() == 0
        await form.get_by_test_id("settings-field-max_concurrent").fill("8")
        await form.get_by_test_id("settings-save").click()
        await (
            sup.get_by_test_id("settings-row")
            .filter(has_text="ana@example.com")
            .filter(has_text="8")
            .wait_for()
        )
        assert await sup.get_by_test_id("settings-set-password").count() == 0
        # Teams are read-only to a supervisor, and the page says so.
        await sup.get_by_test_id("settings-nav-teams").click()
        await sup.get_by_test_id("settings-read-only").wait_for()
        assert await sup.get_by_test_id("settings-add").count() == 0


async def test_settings_follow_the_console_language_right_to_left(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            me = api.get("/api/v1/me").raise_for_status().json()
            api.patch(f"/api/v1/agents/{me['id']}", json={"ui_language": "ar"}).raise_for_status()
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/teams")
        await admin.get_by_test_id("settings-body").locator("h2").wait_for()
        assert await admin.evaluate("document.documentElement.dir") == "rtl"
        heading = await admin.get_by_test_id("settings-body").locator("h2").inner_text()
        assert heading == "الفرق"
        nav = await admin.get_by_test_id("settings-nav").inner_text()
        assert "الوكلاء" in nav
        await admin.get_by_test_id("settings-add").click()
        await admin.get_by_test_id("settings-form").wait_for()
        await admin.screenshot(path=str(screenshots / "settings-teams-ar.png"))
