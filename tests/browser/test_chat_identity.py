"""The widget in a real browser, on the company's page: the page hands over an identity token
minted by the company's backend (here, by the test with the widget secret), the chat opens as
that customer, and the chat token never appears in a WebSocket address."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.chat.identity import mint_identity_token
from tests.browser import pages
from tests.browser.test_live_chat import company_site
from tests.live import Deployment, cli, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'identity.db'}")


async def test_the_company_page_names_the_customer_with_an_identity_token(
    browser: Any, deployment: Deployment
) -> None:
    secret = cli("widget", "secret", env=deployment.env).strip().splitlines()[-1]
    user = f"u-{uuid.uuid4().hex[:8]}"
    token = mint_identity_token(
        secret, user, at=datetime.fromtimestamp(time.time(), UTC), jti=uuid.uuid4().hex,
        name="Linh Tran",
    )  # fmt: skip
    with server(deployment) as base:
        host = (
            "<html><body><h1>Shop</h1><script>window.FirstlineSettings = {identityToken: "
            f"function () {{ return Promise.resolve('{token}'); }}}};</script>"
            f"<script src='{base}/widget.js'></script></body></html>"
        )
        page = await (await browser.new_context()).new_page()
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        with company_site(host) as shop:
            await page.goto(shop)
            await page.get_by_test_id("chat-launcher").click()
            frame = page.frame_locator('[data-testid="chat-frame"]')
            await pages.chat_ready(frame)
            marker = f"Signed-in hello {uuid.uuid4().hex[:6]}"
            await frame.get_by_test_id("chat-input").fill(marker)
            await frame.get_by_test_id("chat-send").click()
            await frame.get_by_test_id("chat-message").filter(has_text=marker).wait_for()
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as api:
            r = await api.get(f"/api/v1/customers/{user}")
        assert r.status_code == 200, r.text
        assert r.json()["name"] == "Linh Tran"
        assert sockets and all("token" not in url for url in sockets)
