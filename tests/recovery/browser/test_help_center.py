"""A customer who is not signed in uses the help center's deposit-recovery form in Arabic
(right to left): a wrong field is marked and said in Arabic, the real transaction is
diagnosed from the demo's recorded chain data, and the fee is accepted with a click."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from firstline.core.i18n import bind, t
from firstline.demo.recovery import demo_chain_file, demo_matrix
from tests.live import cli, deploy, free_port, server

XRP_TX = "C3F2A1B0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2"
XRP_SHARED = "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh"


async def test_the_arabic_recovery_form_diagnoses_and_takes_the_fee(
    browser: Any, tmp_path: Path, screenshots: Path
) -> None:
    port = free_port()
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'help.db'}",
        FIRSTLINE_DEMO_BACKOFFICE="true",
        FIRSTLINE_BACKOFFICE_URL=f"http://127.0.0.1:{port}/demo-backoffice",
        FIRSTLINE_BACKOFFICE_SECRET="browser-test-secret",
        FIRSTLINE_RECOVERY_RECORDED=str(demo_chain_file()),
    )
    matrix = tmp_path / "matrix.json"
    matrix.write_bytes(orjson.dumps({"rows": demo_matrix()}))
    cli("recovery", "matrix", "import", str(matrix), env=dep.env)
    r = bind("recovery", "ar")
    with server(dep, port=port) as base:
        page = await browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        await page.goto(f"{base}/help/ar")
        await page.get_by_test_id("help-recovery").click()
        assert await page.locator("html").get_attribute("dir") == "rtl"
        await page.get_by_test_id("recovery-email").fill("linh@example.com")
        await page.get_by_test_id("recovery-network").select_option("XRP")
        await page.get_by_test_id("recovery-token").fill("XRP")
        await page.get_by_test_id("recovery-tx_hash").fill("0x" + XRP_TX)  # XRP has no 0x
        await page.get_by_test_id("recovery-amount").fill("1200")
        await page.get_by_test_id("recovery-address").fill(XRP_SHARED)
        await page.get_by_test_id("recovery-submit").click()
        error = page.get_by_test_id("recovery-error-tx_hash")
        assert await error.inner_text() == t("flows.invalid_tx_hash", "ar")
        assert await page.get_by_test_id("recovery-tx_hash").get_attribute("aria-invalid") == "true"
        assert await page.get_by_test_id("recovery-error-address").count() == 0
        await page.screenshot(path=str(screenshots / "recovery-form-ar.png"), full_page=True)

        await page.get_by_test_id("recovery-tx_hash").fill(XRP_TX)
        await page.get_by_test_id("recovery-submit").click()
        await page.get_by_test_id("recovery-case").wait_for()
        diagnosis = await page.get_by_test_id("recovery-diagnosis").inner_text()
        assert r("cause_missing_memo") in diagnosis
        assert "120.00 USD" in await page.get_by_test_id("recovery-fee").inner_text()
        await page.screenshot(path=str(screenshots / "recovery-case-ar.png"), full_page=True)
        await page.get_by_test_id("recovery-accept").click()
        state = page.get_by_test_id("recovery-state")
        await page.wait_for_function(
            "() => document.querySelector('[data-testid=recovery-state]')"
            ".dataset.state === 'approved'"
        )
        assert await state.inner_text() == r("state_approved")
        assert await page.get_by_test_id("recovery-accept").count() == 0
        assert not errors, errors


WRONG_CHAIN_TX = "0x7d1f4c2a9b3e8d6f0a5c4b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"
U1001_EVM = "0x8ba1f109551bd432803012645ac136ddd64dba72"
# A phone's layout viewport would widen to fit an overflowing page (and hide it), so the
# page is laid out at exactly 390 px and must fit that.
NO_SIDEWAYS_SCROLL = (
    "() => window.innerWidth === 390 && document.scrollingElement.scrollWidth <= window.innerWidth"
)


async def test_the_case_page_fits_a_phone(browser: Any, tmp_path: Path, screenshots: Path) -> None:
    """The link customers get is mostly opened on a phone: at 390 px neither the form nor the
    case page (a long hash, an address, the mismatches, the fee) scrolls sideways, in a
    language with long words (German) and in one written right to left (Arabic)."""
    port = free_port()
    dep = deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'phone.db'}",
        FIRSTLINE_DEMO_BACKOFFICE="true",
        FIRSTLINE_BACKOFFICE_URL=f"http://127.0.0.1:{port}/demo-backoffice",
        FIRSTLINE_BACKOFFICE_SECRET="browser-test-secret",
        FIRSTLINE_RECOVERY_RECORDED=str(demo_chain_file()),
    )
    matrix = tmp_path / "matrix.json"
    matrix.write_bytes(orjson.dumps({"rows": demo_matrix()}))
    cli("recovery", "matrix", "import", str(matrix), env=dep.env)
    with server(dep, port=port) as base:
        context = await browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=1
        )
        page = await context.new_page()
        for locale, tx_hash, address in (
            ("de", WRONG_CHAIN_TX, U1001_EVM),
            ("ar", XRP_TX, XRP_SHARED),
        ):
            await page.goto(f"{base}/help/{locale}/deposit-recovery")
            assert await page.evaluate(NO_SIDEWAYS_SCROLL), f"{locale}: the form scrolls sideways"
            await page.screenshot(
                path=str(screenshots / f"recovery-form-390-{locale}.png"), full_page=True
            )
            await page.get_by_test_id("recovery-email").fill("linh@example.com")
            await page.get_by_test_id("recovery-network").select_option(
                "ETH" if locale == "de" else "XRP"
            )
            await page.get_by_test_id("recovery-token").fill("USDT" if locale == "de" else "XRP")
            await page.get_by_test_id("recovery-tx_hash").fill(tx_hash)
            await page.get_by_test_id("recovery-amount").fill("500")
            await page.get_by_test_id("recovery-address").fill(address)
            await page.get_by_test_id("recovery-submit").click()
            await page.get_by_test_id("recovery-case").wait_for()
            await page.screenshot(
                path=str(screenshots / f"recovery-case-390-{locale}.png"), full_page=True
            )
            assert await page.evaluate(NO_SIDEWAYS_SCROLL), f"{locale}: the case scrolls sideways"
        await context.close()
