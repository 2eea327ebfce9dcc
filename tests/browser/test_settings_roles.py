"""The settings area's roles, as an admin uses them: a custom role made of a few permissions
and requiring two-factor, listed with its permissions in words, given to a new agent, and
then no longer deletable; the same screen read in Arabic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.browser import pages
from tests.live import deploy, server


async def test_an_admin_defines_a_role_and_an_agent_holds_exactly_it(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    deployment = deploy(f"sqlite+aiosqlite:///{tmp_path / 'roles.db'}")
    with server(deployment) as base:
        page = await pages.console(browser, base, deployment.email, deployment.password)
        await page.goto(f"{base}/console#/settings/roles")
        await page.get_by_test_id("settings-add").click()
        form = page.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("recovery-desk")
        await form.get_by_test_id("settings-field-description").fill("Deposit recovery")
        granted = form.get_by_test_id("settings-field-permissions")
        for name in ("conversations.reply", "recovery.work", "recovery.read_all"):
            await granted.locator(f'input[value="{name}"]').check()
        await form.get_by_test_id("settings-field-require_two_factor").check()
        await form.get_by_test_id("settings-save").click()

        row = page.get_by_test_id("settings-row").filter(has_text="recovery-desk")
        await row.wait_for()
        listed = await row.inner_text()
        assert "See every recovery case" in listed and "Required" in listed, listed

        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as api:
            roles = {r["name"]: r for r in (await api.get("/api/v1/roles")).json()}
            role = roles["recovery-desk"]
            assert role["require_two_factor"] and sorted(role["permissions"]) == [
                "conversations.reply", "recovery.read_all", "recovery.work"]  # fmt: skip
            made = await api.post("/api/v1/agents", json={
                "email": "rina@example.com", "name": "Rina", "role": "recovery-desk",
                "languages": ["en"]})  # fmt: skip
            assert made.status_code == 201, made.text
        # The list counts the new holder, and a role an agent holds offers no Delete.
        await page.reload()
        row = page.get_by_test_id("settings-row").filter(has_text="recovery-desk")
        await row.wait_for()
        await row.get_by_test_id("settings-edit").click()
        await page.get_by_test_id("settings-form").wait_for()
        assert await page.get_by_test_id("settings-delete").count() == 0
        await page.get_by_test_id("settings-cancel").click()

        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as api:
            assert (await api.patch("/api/v1/me", json={"ui_language": "ar"})).status_code == 200
        await page.goto(f"{base}/console#/settings/roles")
        await page.reload()
        await page.get_by_test_id("settings-row").filter(has_text="recovery-desk").wait_for()
        assert await page.locator("html").get_attribute("dir") == "rtl"
        text = await page.get_by_test_id("settings-table").inner_text()
        assert "recovery-desk" in text and "See every recovery case" not in text
        await page.screenshot(path=str(screenshots / "settings-roles-ar.png"), full_page=True)
