"""The console's status menu offers only the changes the state machine allows: a resolved
conversation can be reopened or closed but not put on hold, a closed one is final. Before, the
menu offered every status and the server refused the choice afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'status.db'}")


async def _enabled(page: Any) -> list[str]:
    values: list[str] = await page.get_by_test_id("status-select").evaluate(
        "s => Array.from(s.options).filter(o => !o.disabled).map(o => o.value)"
    )
    return sorted(values)


async def test_status_menu_offers_only_allowed_changes(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        http = httpx.AsyncClient(base_url=base, headers=deployment.headers)
        opened = await http.post(
            "/api/v1/conversations",
            json={"customer": {"external_id": "u-status-1"}, "channel": "chat",
                  "message": {"body": "My withdrawal is stuck"}},
        )  # fmt: skip
        assert opened.status_code == 201, opened.text
        number = opened.json()["id"]
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/conversations/{number}")
        await admin.reload()
        select = admin.get_by_test_id("status-select")
        await admin.get_by_test_id("conversation-message").filter(has_text="stuck").wait_for()
        assert await select.input_value() == "open"
        assert await _enabled(admin) == ["closed", "on_hold", "open", "pending", "resolved"]

        # Resolved elsewhere (the API): the open page follows live, and offers reopen or close.
        resolved = await http.patch(f"/api/v1/conversations/{number}", json={"status": "resolved"})
        assert resolved.status_code == 200, resolved.text
        await admin.wait_for_function(
            "() => document.querySelector('[data-testid=status-select]').value === 'resolved'"
        )
        assert await _enabled(admin) == ["closed", "open", "resolved"]

        # Closed from the menu itself: final, nothing else is offered.
        await select.select_option("closed")
        await admin.wait_for_function(
            "() => Array.from(document.querySelector('[data-testid=status-select]').options)"
            ".filter(o => !o.disabled).length === 1"
        )
        assert await _enabled(admin) == ["closed"]
        stored = await http.get(f"/api/v1/conversations/{number}")
        assert stored.json()["status"] == "closed"
        await admin.screenshot(path=str(screenshots / "console-status-closed.png"))
        await http.aclose()
