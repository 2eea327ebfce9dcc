"""The deposit-recovery desk in the console, in a real browser against a real server: the queue
with its counts and an overdue case marked, one case taken from approved to credited with the
detail pane's buttons and its history, a bulk move that partly fails, and the server's word
when a case was moved by someone else meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.recovery.actions import do_open_case
from firstline.recovery.ledger import Person
from firstline.recovery.rules import Cause, Claim, Diagnosis
from firstline.recovery.rules import Path as RecoveryPath
from tests.browser import pages
from tests.live import Deployment, deploy, server

WALLET = "0x" + "ab" * 20


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'recovery.db'}")


def _claim(n: int, network: str = "ETH", token: str = "USDT") -> Claim:
    return Claim(
        network, token, f"0x{n:064x}", Decimal("120"), WALLET, None,
        Person(f"user-{n}", f"user{n}@example.com"),
    )  # fmt: skip


def _not_credited() -> Diagnosis:
    """A correct deposit the company did not credit: no fee, straight to approved."""
    return Diagnosis(
        cause=Cause.not_credited, eligible=True, path=RecoveryPath.direct, network="ETH",
        token="USDT", fee=Decimal("0"), amount=Decimal("120"), value=Decimal("120"),
    )  # fmt: skip


async def _open_cases(dep: Deployment) -> dict[str, int]:
    """The queue, opened as customers would (through do_open_case): four approved cases (one
    of them three days old, so past its SLA), one waiting for the customer to accept a fee,
    one rejected at once."""
    url = dep.env["FIRSTLINE_DATABASE_URL"]
    ids: dict[str, int] = {}
    old = Database(url, clock=FrozenClock(datetime.now(UTC) - timedelta(days=3)))
    try:
        async with old.transaction() as s:
            case, _ = await do_open_case(s, _claim(1), _not_credited(), source="api", language="en")
            ids["overdue"] = case.id
    finally:
        await old.dispose()
    db = Database(url)
    try:
        async with db.transaction() as s:
            for key, n in (("credit", 2), ("bulk_a", 3), ("bulk_b", 4)):
                case, _ = await do_open_case(
                    s, _claim(n), _not_credited(), source="api", language="en"
                )
                ids[key] = case.id
            wrong_network = Diagnosis(
                cause=Cause.wrong_network, eligible=True, path=RecoveryPath.direct,
                network="BSC", token="BNB", fee=Decimal("5.00"), amount=Decimal("1"),
                value=Decimal("600"),
            )  # fmt: skip
            case, _ = await do_open_case(
                s, _claim(5, "ETH", "BNB"), wrong_network, source="help_center", language="en"
            )
            ids["fee"] = case.id
            someone_else = Diagnosis(
                cause=Cause.not_own_address, eligible=False, path=None, network="TRON",
                token="USDT",
            )  # fmt: skip
            case, _ = await do_open_case(
                s, _claim(6, "TRON"), someone_else, source="api", language="en"
            )
            ids["rejected"] = case.id
    finally:
        await db.dispose()
    return ids


def _row(page: Any, case_id: int, state: str | None = None) -> Any:
    in_state = f'[data-state="{state}"]' if state else ""
    return page.locator(f'[data-testid="recovery-row"][data-id="{case_id}"]{in_state}')


async def test_the_recovery_desk_moves_cases_one_at_a_time_and_in_bulk(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    ids = await _open_cases(deployment)
    with server(deployment) as base:
        # Ada is an admin: she sees the queue and the supervisors' totals.
        console = await pages.console(browser, base, deployment.email, deployment.password)
        errors: list[Any] = []
        console.on("pageerror", lambda error: errors.append(error))
        await console.get_by_test_id("nav-recovery").click()
        rows = console.get_by_test_id("recovery-row")
        await rows.nth(5).wait_for()
        assert await rows.count() == 6
        states = await console.get_by_test_id("recovery-state").locator("option").all_inner_texts()
        assert "Approved (4)" in states and "Awaiting customer (1)" in states, states
        summary = console.get_by_test_id("recovery-summary")
        await summary.filter(has_text="Cases").wait_for()
        assert "6" in await summary.inner_text()

        fee_row = await _row(console, ids["fee"]).locator("td").all_inner_texts()
        assert "Wrong network" in fee_row and "Direct" in fee_row, fee_row
        assert "BSC BNB (said ETH)" in fee_row and "5.00 USD" in "\n".join(fee_row), fee_row
        assert "overdue" in (await _row(console, ids["overdue"]).get_attribute("class") or "")
        assert "overdue" not in (await _row(console, ids["credit"]).get_attribute("class") or "")

        # The state filter narrows the list to what the server says is in that state.
        await console.get_by_test_id("recovery-state").select_option("rejected")
        await _row(console, ids["fee"]).wait_for(state="detached")
        assert await rows.count() == 1
        await console.get_by_test_id("recovery-state").select_option("")
        await rows.nth(5).wait_for()

        # One case through the detail pane: approved -> recovering -> credited.
        await _row(console, ids["credit"]).click()
        detail = console.get_by_test_id("recovery-detail")
        title = detail.get_by_test_id("recovery-title")
        await title.filter(has_text=f"R-{ids['credit']}").wait_for()
        assert await detail.get_by_test_id("recovery-tx-hash").inner_text() == f"0x{2:064x}"
        assert await detail.get_by_test_id("recovery-address").inner_text() == WALLET
        assert await detail.get_by_test_id("recovery-move-credited").count() == 0  # not yet
        message = console.get_by_test_id("recovery-message")

        # Rejecting needs a reason: said before anything is sent.
        await detail.get_by_test_id("recovery-move-rejected").click()
        await message.filter(has_text="Say why the case is rejected").wait_for()

        await detail.get_by_test_id("recovery-move-recovering").click()
        await message.filter(has_text="to Recovering").wait_for()
        await detail.get_by_test_id("recovery-amount").fill("119.5")
        await detail.get_by_test_id("recovery-note").fill("Your 119.5 USDT is in your account.")
        await detail.get_by_test_id("recovery-move-credited").click()
        await message.filter(has_text="to Credited").wait_for()
        history = detail.get_by_test_id("recovery-history-item")
        lines = await history.all_inner_texts()
        assert len(lines) == 3, lines
        assert "Opened (api): Valid but not credited by us, Approved" in lines[0]
        assert "Ada Admin · Approved → Recovering" in lines[1]
        assert "Recovering → Credited · recovered 119.5" in lines[2]
        assert "note: Your 119.5 USDT is in your account." in lines[2]
        actions = detail.get_by_test_id("recovery-actions")
        assert "Closed: no moves left." in await actions.inner_text()
        await _row(console, ids["credit"], "credited").wait_for()

        # In bulk: two approved cases move; the credited one cannot, and says why.
        for key in ("bulk_a", "bulk_b", "credit"):
            await _row(console, ids[key]).get_by_test_id("recovery-check").check()
        selected = console.get_by_test_id("recovery-selected")
        await selected.filter(has_text="3 selected").wait_for()
        await console.get_by_test_id("recovery-bulk-to").select_option("recovering")
        await console.get_by_test_id("recovery-bulk-apply").click()
        result = console.get_by_test_id("recovery-bulk-result")
        await result.filter(has_text="Moved 2; 1 failed").wait_for()
        assert f"Case R-{ids['credit']} is credited" in await result.inner_text()
        await _row(console, ids["bulk_a"], "recovering").wait_for()
        await selected.filter(has_text="None selected").wait_for()
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            for key in ("bulk_a", "bulk_b"):
                case = (await http.get(f"/api/v1/recovery/cases/{ids[key]}")).json()
                assert case["state"] == "recovering", case
                assert case["history"][-1]["data"] == {
                    "from": "approved", "to": "recovering", "reason": None, "note": None,
                    "recovered_amount": None, "fee_charged_cents": None,
                }  # fmt: skip

            # Someone else moves a case while Ada has it open: her click gets the server's
            # sentence, and the pane catches up with the case.
            await _row(console, ids["overdue"]).click()
            await detail.get_by_test_id("recovery-move-recovering").wait_for()
            moved = await http.post(
                f"/api/v1/recovery/cases/{ids['overdue']}/move", json={"to": "recovering"}
            )
            assert moved.status_code == 200, moved.text
        await detail.get_by_test_id("recovery-move-recovering").click()
        refused = f"Case R-{ids['overdue']} is recovering; it can move to credited, rejected."
        await message.filter(has_text=refused).wait_for()
        assert "error" in (await message.get_attribute("class") or "")
        await detail.get_by_test_id("recovery-move-credited").wait_for()

        # The case waiting for its fee, as the team reads it.
        await _row(console, ids["fee"]).click()
        await title.filter(has_text=f"R-{ids['fee']}").wait_for()
        fee = await detail.get_by_test_id("recovery-fee").inner_text()
        assert "5.00 USD" in fee and "not yet" in fee, fee
        assert await detail.get_by_test_id("recovery-explanation").locator("p").count() >= 2
        await summary.get_by_text("119.50 USD").wait_for()  # 119.5 of the 120 USDT diagnosed
        await console.screenshot(path=str(screenshots / "recovery-desk.png"))
        # The customer accepted the fee on the phone: Ada records it, the case is approved.
        await detail.get_by_test_id("recovery-fee-accept").click()
        await message.filter(has_text="Fee accepted; now Approved.").wait_for()
        await detail.get_by_test_id("recovery-move-recovering").wait_for()
        assert await detail.get_by_test_id("recovery-fee-accept").count() == 0
        assert not errors, errors
