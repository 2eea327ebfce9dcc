"""Single sign-on in a real browser: an agent presses "Sign in with Test IdP" on the console's
sign-in page, signs in on the provider's own pages (oidc-provider under Node.js,
tests/sso/provider.py), agrees to share their e-mail, and lands in the console, live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from tests.live import Deployment, deploy, free_port, server
from tests.sso.provider import running_provider


def _add_carol(base: str, dep: Deployment) -> None:
    """Carol's agent account; the provider knows her by the same e-mail."""
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        r = http.post(
            "/api/v1/agents",
            json={"email": "carol@example.com", "name": "Carol", "languages": ["en"]},
        )
        assert r.status_code == 201, r.text


async def test_sign_in_with_the_provider_into_the_console(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/console/sso/callback"
    with running_provider(redirect) as idp:
        dep = deploy(
            f"sqlite+aiosqlite:///{tmp_path / 'sso.db'}",
            FIRSTLINE_OIDC_PROVIDERS=json.dumps([idp.config()]),
        )
        with server(dep, port=port) as base:
            _add_carol(base, dep)

            context = await browser.new_context(viewport={"width": 1360, "height": 820})
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            await page.goto(f"{base}/console")
            button = page.get_by_test_id("login-sso-test")
            assert await button.inner_text() == "Sign in with Test IdP"
            await screenshots_of(page, screenshots, "sso-sign-in-page")
            await button.click()

            # The provider's pages: who you are, then consent to share the e-mail.
            await page.get_by_test_id("provider-login").fill("carol")
            await page.get_by_test_id("provider-submit").click()
            await page.get_by_test_id("provider-consent").click()

            await page.locator('[data-testid="live-status"].on').wait_for(timeout=20_000)
            assert page.url == f"{base}/console"
            await screenshots_of(page, screenshots, "sso-signed-in")
            assert errors == []


async def screenshots_of(page: Any, folder: Path, name: str) -> None:
    await page.screenshot(path=str(folder / f"{name}.png"))
