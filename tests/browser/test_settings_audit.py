"""The audit log screen, as an admin reading in Arabic uses it: entries with their action in
the reader's words and its code beside it, right to left, filtered by action, and a CSV
download that the log then records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.browser import pages
from tests.live import deploy, server


async def test_an_admin_reads_filters_and_downloads_the_log_in_arabic(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    deployment = deploy(f"sqlite+aiosqlite:///{tmp_path / 'audit.db'}")
    with server(deployment) as base:
        http = httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {deployment.token}"}
        )
        assert (await http.patch("/api/v1/me", json={"ui_language": "ar"})).status_code == 200
        r = await http.post("/api/v1/teams", json={"name": "Spot AR", "languages": ["ar"]})
        assert r.status_code == 201, r.text

        page = await pages.console(browser, base, deployment.email, deployment.password)
        await page.goto(f"{base}/console#/settings/audit")
        rows = page.get_by_test_id("audit-entry")
        await rows.first.wait_for()
        assert await page.evaluate("document.documentElement.dir") == "rtl"
        team_row = rows.filter(has_text="team.created")
        await team_row.wait_for()
        text = await team_row.inner_text()
        assert "أُنشئ فريق" in text  # "Team created", with its code beside it
        assert await team_row.locator("code.audit-code").get_attribute("dir") == "ltr"

        await page.get_by_test_id("audit-filter-action").fill("team.")
        await page.get_by_test_id("audit-apply").click()
        await page.wait_for_function(
            # A function, not an expression: the console's policy forbids eval.
            "() => Array.from(document.querySelectorAll('[data-testid=audit-entry]'))"
            ".every((r) => r.textContent.includes('team.'))"
        )
        href = await page.get_by_test_id("audit-csv").get_attribute("href")
        assert href is not None and "action=team." in href
        await page.screenshot(path=str(screenshots / "settings-audit-ar.png"), full_page=True)

        download = await page.request.get(base + href)
        assert download.status == 200
        assert "team.created" in await download.text()
        exported = (await http.get("/api/v1/audit", params={"action": "audit.exported"})).json()
        await http.aclose()
        assert exported["items"][0]["data"] == {"filter": {"action": "team."}}
