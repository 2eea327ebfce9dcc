"""The settings area's API tokens, as an admin uses them: a token made with one permission, its
secret shown once with a Copy button, the list without the secret, and a revocation that the
server honours on the next request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.browser import pages
from tests.live import deploy, server


async def test_an_agent_makes_copies_and_revokes_a_scoped_token(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    deployment = deploy(f"sqlite+aiosqlite:///{tmp_path / 'tokens.db'}")
    with server(deployment) as base:
        page = await pages.console(browser, base, deployment.email, deployment.password)
        await page.goto(f"{base}/console#/settings/tokens")
        await page.get_by_test_id("settings-add").click()
        form = page.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("CRM sync")
        scopes = form.get_by_test_id("settings-field-scopes")
        await scopes.locator('input[value="conversations.reply"]').check()
        await form.get_by_test_id("settings-save").click()

        shown = page.get_by_test_id("settings-token-secret")
        await shown.wait_for()
        assert "will not be shown again" in await shown.inner_text()
        secret = await shown.get_by_test_id("settings-token-secret-value").inner_text()
        assert secret.startswith("fl_")
        await shown.get_by_test_id("settings-token-copy").click()
        await page.get_by_test_id("toast").first.wait_for()
        row = page.get_by_test_id("settings-row").filter(has_text="CRM sync")
        await row.wait_for()
        listed = await row.inner_text()
        assert secret[:10] in listed and secret not in listed
        await page.screenshot(path=str(screenshots / "settings-tokens.png"), full_page=True)

        headers = {"Authorization": f"Bearer {secret}"}
        async with httpx.AsyncClient(base_url=base, headers=headers) as api:
            me = (await api.get("/api/v1/me")).json()
            assert me["permissions"] == ["conversations.reply"]
            assert (await api.get("/api/v1/audit")).status_code == 403

            await row.get_by_test_id("settings-token-revoke").click()
            form = page.get_by_test_id("settings-action-form")
            await form.get_by_test_id("settings-save").click()
            await row.wait_for(state="detached")
            assert (await api.get("/api/v1/me")).status_code == 401
