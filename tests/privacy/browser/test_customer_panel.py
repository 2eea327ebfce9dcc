"""The customer panel's Export and Erase, in a real browser: an admin downloads the export,
then erases the customer by typing their id; the panel then says the customer was erased."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.i18n import t
from tests.browser import pages
from tests.browser.conftest import browser, screenshots  # noqa: F401  (fixtures)
from tests.live import Deployment, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'privacy.db'}")


async def test_export_and_erase_from_the_customer_panel(
    browser: Any,  # noqa: F811
    deployment: Deployment,
    screenshots: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    with server(deployment) as base:
        customer = {"external_id": "mai-1", "name": "Mai", "email": "mai@example.com"}
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            r = await http.post(
                "/api/v1/conversations",
                json={"customer": customer, "channel": "email",
                      "message": {"body": "My withdrawal is stuck"}},
            )  # fmt: skip
            assert r.status_code == 201, r.text
            conversation_id, customer_id = r.json()["id"], r.json()["customer"]["id"]
        page = await pages.console(browser, base, deployment.email, deployment.password)
        errors: list[Any] = []
        page.on("pageerror", lambda error: errors.append(error))
        await page.goto(f"{base}/console#/conversations/{conversation_id}")
        await page.reload()
        profile = page.get_by_test_id("customer-profile")
        export = profile.get_by_test_id("customer-export")
        await export.wait_for()
        async with page.expect_download() as download_info:
            await export.click()
        download = await download_info.value
        saved = tmp_path / "export.json"
        await download.save_as(saved)
        doc = json.loads(saved.read_text())
        assert doc["customer"]["email"] == "mai@example.com"

        # The prompt: a wrong id is refused with the server's sentence; the right one erases.
        answers = ["mai-2", str(customer_id)]
        said: list[str] = []

        async def on_dialog(dialog: Any) -> None:
            if dialog.type == "prompt":
                await dialog.accept(answers.pop(0))
            else:
                said.append(dialog.message)
                await dialog.accept()

        page.on("dialog", on_dialog)
        await profile.get_by_test_id("customer-erase").click()
        await page.wait_for_timeout(500)
        await profile.get_by_test_id("customer-erase").click()
        await profile.get_by_text(t("console.profile.erased", "en")).first.wait_for()
        assert said and "send confirm" in said[0]
        await page.screenshot(path=str(screenshots / "customer-erased.png"))
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            r = await http.get(f"/api/v1/customers/erased:{customer_id}")
            assert r.status_code == 200 and r.json()["email"] is None
        assert not errors, errors
