"""The recovery desk in the agent's console language, in a real browser: causes and recovery
paths read as Vietnamese and Arabic words (in the table, the case detail and the causes
filter), never as the raw codes; where a deposit was found names the currency once ("TON",
not "TON TON"); and token amounts are written in the locale's way, as money amounts are."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.db import Database
from firstline.core.i18n import t
from firstline.recovery.actions import do_open_case
from firstline.recovery.ledger import Person
from firstline.recovery.rules import Cause, Claim, Diagnosis
from firstline.recovery.rules import Path as RecoveryPath
from tests.browser import pages
from tests.live import Deployment, deploy, server

WALLET = "0x" + "cd" * 20
# What a desk showed before: the codes with their underscores made spaces.
RAW = ("wrong network", "missing memo", "unlisted token", "not own address", "conditional")


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'recovery-language.db'}")


def _claim(n: int, network: str, token: str, amount: str) -> Claim:
    return Claim(
        network, token, f"0x{n:064x}", Decimal(amount), WALLET, None,
        Person(f"user-{n}", f"user{n}@example.com"),
    )  # fmt: skip


async def _open_cases(dep: Deployment) -> dict[str, int]:
    """Three cases: BNB sent on the wrong network, TON without its memo, PEPE not listed."""
    db = Database(dep.env["FIRSTLINE_DATABASE_URL"])
    ids: dict[str, int] = {}
    cases = {
        "bnb": (_claim(1, "ETH", "BNB", "3.2"), Diagnosis(
            cause=Cause.wrong_network, eligible=True, path=RecoveryPath.direct, network="BSC",
            token="BNB", fee=Decimal("5.00"), amount=Decimal("3.2"), value=Decimal("1900.00"),
        )),
        "ton": (_claim(2, "TON", "TON", "15.5"), Diagnosis(
            cause=Cause.missing_memo, eligible=True, path=RecoveryPath.conditional,
            network="TON", token="TON", fee=Decimal("5.00"), amount=Decimal("15.5"),
        )),
        "pepe": (_claim(3, "ETH", "PEPE", "2000000"), Diagnosis(
            cause=Cause.unlisted_token, eligible=True, path=RecoveryPath.conditional,
            network="ETH", token="PEPE", fee=Decimal("5.00"), amount=Decimal("2000000"),
        )),
    }  # fmt: skip
    try:
        async with db.transaction() as s:
            for key, (claim, diagnosis) in cases.items():
                case, _ = await do_open_case(s, claim, diagnosis, source="api", language="vi")
                ids[key] = case.id
    finally:
        await db.dispose()
    return ids


def _console_language(base: str, dep: Deployment, language: str) -> None:
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        me = http.get("/api/v1/me")
        assert me.status_code == 200, me.text
        r = http.patch(f"/api/v1/agents/{me.json()['id']}", json={"ui_language": language})
        assert r.status_code == 200 and r.json()["console_language"] == language, r.text


def _row(page: Any, case_id: int) -> Any:
    return page.locator(f'[data-testid="recovery-row"][data-id="{case_id}"]')


async def _desk(browser: Any, base: str, dep: Deployment) -> tuple[Any, list[Any]]:
    page = await pages.console(browser, base, dep.email, dep.password)
    errors: list[Any] = []
    page.on("pageerror", lambda error: errors.append(error))
    await page.get_by_test_id("nav-recovery").click()
    await page.get_by_test_id("recovery-row").nth(2).wait_for()
    return page, errors


def _cells(texts: list[str]) -> str:
    return "\n".join(texts)


async def test_causes_paths_and_amounts_read_in_vietnamese_and_arabic(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    ids = await _open_cases(deployment)
    with server(deployment) as base:
        _console_language(base, deployment, "vi")
        page, errors = await _desk(browser, base, deployment)
        assert await page.locator("html").get_attribute("lang") == "vi"

        bnb = _cells(await _row(page, ids["bnb"]).locator("td").all_inner_texts())
        assert t("console.rc.cause_wrong_network", "vi") == "Sai mạng"
        assert "Sai mạng" in bnb and "Trực tiếp" in bnb, bnb
        assert "3,2 BNB" in bnb and "3.2 BNB" not in bnb, bnb
        assert "1.900,00 USD" in bnb, bnb
        ton = await _row(page, ids["ton"]).locator("td").all_inner_texts()
        assert "TON TON" not in _cells(ton) and "TON" in ton, ton
        assert t("console.rc.cause_missing_memo", "vi") in ton, ton
        assert t("console.rc.path_conditional", "vi") in ton, ton
        assert "15,5 TON" in _cells(ton), ton
        pepe = _cells(await _row(page, ids["pepe"]).locator("td").all_inner_texts())
        assert t("console.rc.cause_unlisted_token", "vi") in pepe, pepe
        assert "2.000.000 PEPE" in pepe and "2000000" not in pepe, pepe
        table = await page.get_by_test_id("recovery-rows").inner_text()
        for raw in RAW:
            assert raw not in table.lower(), (raw, table)

        # The causes filter.
        causes = await page.get_by_test_id("recovery-cause").locator("option").all_inner_texts()
        assert t("console.rc.cause_not_own_address", "vi") in causes, causes
        assert not any("_" in c or c.lower() in RAW for c in causes), causes

        # The case detail.
        await _row(page, ids["pepe"]).click()
        diagnosis = page.get_by_test_id("recovery-diagnosis")
        await diagnosis.filter(has_text=t("console.rc.cause_unlisted_token", "vi")).wait_for()
        told = await diagnosis.inner_text()
        assert t("console.rc.path_conditional", "vi") in told, told
        assert "2.000.000 PEPE" in told and "ETH PEPE" in told, told
        assert not any(raw in told.lower() for raw in RAW), told
        await page.screenshot(path=str(screenshots / "recovery-desk-vi.png"))
        assert not errors, errors
        await page.context.close()

        _console_language(base, deployment, "ar")
        page, errors = await _desk(browser, base, deployment)
        assert await page.locator("html").get_attribute("dir") == "rtl"
        table = await page.get_by_test_id("recovery-rows").inner_text()
        for cause in ("wrong_network", "missing_memo", "unlisted_token"):
            assert t(f"console.rc.cause_{cause}", "ar") in table, (cause, table)
        assert t("console.rc.path_conditional", "ar") in table, table
        assert "TON TON" not in table and "2000000" not in table, table
        for raw in RAW:
            assert raw not in table.lower(), (raw, table)
        causes = await page.get_by_test_id("recovery-cause").locator("option").all_inner_texts()
        assert t("console.rc.cause_below_minimum", "ar") in causes, causes
        await page.screenshot(path=str(screenshots / "recovery-desk-ar.png"))
        assert not errors, errors
