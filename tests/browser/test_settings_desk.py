"""The settings area's self-service flows, deposit recovery and webhooks, as an admin and a
supervisor use them: a flow added, turned off and on and deleted; the recovery matrix and fee
policy edited with amounts read and shown in the console's language (German here) and stored
as the API's decimal strings; a webhook registered on a receiver of the test's own, its secret
shown once and its delivery log following a failed attempt and the retry that got through."""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

SUPERVISOR = ("sup@example.com", "supervisor-password")
# A flow's state cell, on or off.
ON = '[data-testid="settings-flow-state"][data-on="true"]'
OFF = '[data-testid="settings-flow-state"][data-on="false"]'


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    # The webhook receiver listens on loopback, which production refuses.
    return deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'desk.db'}", FIRSTLINE_WEBHOOKS_ALLOW_PRIVATE="1"
    )


def _api(base: str, deployment: Deployment) -> httpx.Client:
    return httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {deployment.token}"}, timeout=10
    )


async def _eventually(
    page: Any, check: Callable[[httpx.Client], bool], base: str, deployment: Deployment
) -> None:
    """Wait (10 s at most) until what the API answers passes `check`."""
    with _api(base, deployment) as api:
        for _ in range(100):
            if check(api):
                return
            await page.wait_for_timeout(100)
    raise AssertionError("the API never answered as expected")


def _add_supervisor(api: httpx.Client) -> None:
    api.post(
        "/api/v1/agents",
        json={"email": SUPERVISOR[0], "name": "Sup", "role": "supervisor",
              "password": SUPERVISOR[1]},
    ).raise_for_status()  # fmt: skip


# -- flows ------------------------------------------------------------------------------------

CALLBACK = """{
  "title": {"en": "Call me back"},
  "intents": ["callback_request"],
  "triggers": {"en": ["call me back"]},
  "steps": [
    {"id": "ask_time", "kind": "ask", "prompt": {"en": "When should we call?"}, "next": "%s"},
    {"id": "done", "kind": "resolve", "text": {"en": "We will call you."}}
  ]
}"""


async def test_admin_adds_turns_off_and_on_and_deletes_a_flow(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            _add_supervisor(api)
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/flows")
        # The built-in flows are listed in words: name, what starts them, steps, source, state.
        builtin = admin.get_by_test_id("settings-row").filter(has_text="password_reset")
        await builtin.wait_for()
        text = await builtin.inner_text()
        assert "Built-in" in text and "Every language" in text
        assert await builtin.locator(ON).inner_text() == "On"

        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-id").fill("vip_callback")
        await form.get_by_test_id("settings-field-definition").fill(CALLBACK % "nowhere")
        await form.get_by_test_id("settings-save").click()
        # The API's check names the problem in the form; nothing was stored.
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "nowhere" in await error.inner_text()
        await form.get_by_test_id("settings-field-definition").fill(CALLBACK % "done")
        await form.get_by_test_id("settings-save").click()
        row = admin.get_by_test_id("settings-row").filter(has_text="vip_callback")
        await row.wait_for()
        text = await row.inner_text()
        assert "Call me back" in text and "callback_request" in text and "Custom" in text
        # Add never overwrites an admin's own flow: that is what Edit is for.
        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-id").fill("vip_callback")
        await form.get_by_test_id("settings-save").click()
        await form.get_by_test_id("settings-error").filter(has_text="already").wait_for()
        await form.get_by_test_id("settings-cancel").click()

        # Off: stored with enabled false, its intents and phrases kept; on again changes
        # nothing else.
        await row.get_by_test_id("settings-flow-off").click()
        await row.locator(OFF).wait_for()
        with _api(base, deployment) as api:
            flow = api.get("/api/v1/flows/vip_callback").raise_for_status().json()
            assert flow["enabled"] is False and flow["definition"]["enabled"] is False
            assert flow["intents"] == ["callback_request"]
            assert flow["definition"]["triggers"] == {"en": ["call me back"]}
            assert flow["steps"] == 2 and flow["version"] == 2
        await row.get_by_test_id("settings-flow-on").click()
        await row.locator(ON).wait_for()
        await admin.screenshot(path=str(screenshots / "settings-flows.png"))
        with _api(base, deployment) as api:
            flow = api.get("/api/v1/flows/vip_callback").raise_for_status().json()
            assert flow["enabled"] is True and flow["version"] == 3
            assert flow["intents"] == ["callback_request"]

        # Built-in flows cannot be deleted, only replaced; a custom one can.
        assert await builtin.get_by_test_id("settings-delete").count() == 0
        delete = row.get_by_test_id("settings-delete")
        await delete.click()
        await delete.click()
        await admin.get_by_test_id("toast").filter(has_text="deleted").wait_for()
        await row.wait_for(state="detached")
        with _api(base, deployment) as api:
            assert api.get("/api/v1/flows/vip_callback").status_code == 404

        # A supervisor reads the flows and cannot change them.
        sup = await pages.console(browser, base, *SUPERVISOR)
        await sup.goto(f"{base}/console#/settings/flows")
        await sup.get_by_test_id("settings-read-only").wait_for()
        await sup.get_by_test_id("settings-row").filter(has_text="password_reset").wait_for()
        assert await sup.get_by_test_id("settings-add").count() == 0
        assert await sup.get_by_test_id("settings-flow-off").count() == 0


# -- deposit recovery -------------------------------------------------------------------------


async def test_admin_edits_the_matrix_and_the_fee_in_german_numbers(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            _add_supervisor(api)
            me = api.get("/api/v1/me").raise_for_status().json()
            api.patch(f"/api/v1/agents/{me['id']}", json={"ui_language": "de"}).raise_for_status()
            api.put(
                "/api/v1/recovery/matrix",
                json={"rows": [{"network": "ETH", "token": "ETH", "listed": True,
                                "path": "direct", "decimals": 18, "price": "3000"}]},
            ).raise_for_status()  # fmt: skip
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/recovery")
        part = admin.get_by_test_id("settings-recovery-matrix")
        eth = part.get_by_test_id("settings-row").filter(has_text="Ethereum")
        await eth.wait_for()
        assert "3.000" in await eth.inner_text()

        await part.get_by_test_id("settings-add").click()
        form = part.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-network").select_option("TRON")
        await form.get_by_test_id("settings-field-token").fill("usdt")
        await form.get_by_test_id("settings-field-contract").fill(
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
        )
        await form.get_by_test_id("settings-field-path").select_option("direct")
        await form.get_by_test_id("settings-field-decimals").fill("6")
        await form.get_by_test_id("settings-field-min_deposit").fill("1,5")
        await form.get_by_test_id("settings-field-price").fill("1.234,000001")
        await form.get_by_test_id("settings-save").click()
        usdt = part.get_by_test_id("settings-row").filter(has_text="USDT")
        await usdt.wait_for()
        text = await usdt.inner_text()
        # Shown as German writes it, every decimal kept (a float would lose the last one).
        assert "1.234,000001" in text and "1,5 USDT" in text

        # A second row for the same token is refused with the API's sentence.
        await part.get_by_test_id("settings-add").click()
        form = part.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-network").select_option("ETH")
        await form.get_by_test_id("settings-field-token").fill("ETH")
        await form.get_by_test_id("settings-field-path").select_option("conditional")
        await form.get_by_test_id("settings-save").click()
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "ETH" in await error.inner_text()  # the row named twice
        await form.get_by_test_id("settings-cancel").click()

        await eth.get_by_test_id("settings-edit").click()
        form = part.get_by_test_id("settings-form")
        assert await form.get_by_test_id("settings-field-price").input_value() == "3000"
        await form.get_by_test_id("settings-field-path").select_option("conditional")
        await form.get_by_test_id("settings-save").click()
        await form.wait_for(state="detached")

        policy = admin.get_by_test_id("settings-recovery-policy")
        form = policy.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-fee_percent").fill("2,5")
        await form.get_by_test_id("settings-field-fee_minimum").fill("900")
        await form.get_by_test_id("settings-save").click()
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "fee_maximum" in await error.inner_text()
        await form.get_by_test_id("settings-field-fee_minimum").fill("7,50")
        await form.get_by_test_id("settings-field-sla_diagnosing").fill("36")
        await form.get_by_test_id("settings-save").click()
        # Saved: the form is drawn again from what the API answered.
        await form.get_by_test_id("settings-error").wait_for(state="hidden")
        await _eventually(
            admin,
            lambda api: api.get("/api/v1/recovery/policy").json()["fee_percent"] == "2.5",
            base,
            deployment,
        )
        await admin.screenshot(path=str(screenshots / "settings-recovery-de.png"), full_page=True)

        with _api(base, deployment) as api:
            rows = api.get("/api/v1/recovery/matrix").raise_for_status().json()["rows"]
            by_token = {r["token"]: r for r in rows}
            assert by_token["ETH"]["path"] == "conditional" and by_token["ETH"]["price"] == "3000"
            assert by_token["USDT"]["min_deposit"] == "1.5"
            assert by_token["USDT"]["price"] == "1234.000001"
            assert by_token["USDT"]["network"] == "TRON" and by_token["USDT"]["decimals"] == 6
            got = api.get("/api/v1/recovery/policy").raise_for_status().json()
            assert got["fee_percent"] == "2.5" and got["fee_minimum"] == "7.50"
            assert got["sla_hours"]["diagnosing"] == 36

        await usdt.get_by_test_id("settings-delete").click()
        await usdt.get_by_test_id("settings-delete").click()
        await usdt.wait_for(state="detached")
        with _api(base, deployment) as api:
            rows = api.get("/api/v1/recovery/matrix").raise_for_status().json()["rows"]
            assert [r["token"] for r in rows] == ["ETH"]

        # A supervisor reads both and changes neither.
        sup = await pages.console(browser, base, *SUPERVISOR)
        await sup.goto(f"{base}/console#/settings/recovery")
        await (
            sup.get_by_test_id("settings-recovery-matrix").get_by_test_id("settings-row").wait_for()
        )
        # The policy is drawn once its document arrives, after the matrix's rows may be.
        await sup.get_by_test_id("settings-recovery-policy").filter(has_text="7.50").wait_for()
        assert await sup.get_by_test_id("settings-read-only").count() == 2
        assert await sup.get_by_test_id("settings-add").count() == 0
        assert await sup.get_by_test_id("settings-save").count() == 0


# -- webhooks ---------------------------------------------------------------------------------


@dataclass
class Receiver:
    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    # Statuses to answer with, in order; 200 once they run out.
    statuses: list[int] = field(default_factory=list)
    # The first request is held (at most HOLD_S) until the test releases it, so that the test
    # can look at a delivery while it is on its way.
    hold_first: bool = False
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


# Inside the sender's 10 s read timeout, so a held request still counts as answered.
HOLD_S = 8.5


@contextmanager
def receiver(statuses: list[int], *, hold_first: bool = False) -> Iterator[Receiver]:
    box = Receiver(statuses=list(statuses), hold_first=hold_first)

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            box.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            if box.hold_first and len(box.received) == 1:
                box.arrived.set()
                box.release.wait(HOLD_S)
            self.send_response(box.statuses.pop(0) if box.statuses else 200)
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    box.url = f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    thread = threading.Thread(target=httpd.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    try:
        yield box
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def _signed_with(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Standard Webhooks, from the specification: v1 is the base64 HMAC-SHA256 of
    "{id}.{timestamp}.{body}" under the base64 key after `whsec_`."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(s == f"v1,{expected}" for s in headers["webhook-signature"].split(" "))


async def test_admin_registers_a_webhook_and_follows_its_delivery_log(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base, receiver([503], hold_first=True) as hook:
        with _api(base, deployment) as api:
            _add_supervisor(api)
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/webhooks")
        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-url").fill("ftp://example.com/hook")
        events = form.get_by_test_id("settings-field-events")
        await events.get_by_label("Conversation opened").check()
        await events.get_by_label("SLA breached").check()
        await form.get_by_test_id("settings-save").click()
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "https://" in await error.inner_text()
        await form.get_by_test_id("settings-field-url").fill(hook.url)
        await form.get_by_test_id("settings-save").click()

        # The secret, once, with a way to copy it and the warning that it will not come back.
        shown = admin.get_by_test_id("settings-webhook-secret")
        await shown.wait_for()
        assert "will not be shown again" in await shown.inner_text()
        secret = await shown.get_by_test_id("settings-webhook-secret-value").inner_text()
        assert secret.startswith("whsec_")
        await shown.get_by_test_id("settings-webhook-copy").click()
        await admin.get_by_test_id("toast").first.wait_for()
        row = admin.get_by_test_id("settings-row").filter(has_text=hook.url)
        assert "Conversation opened" in await row.inner_text()
        with _api(base, deployment) as api:
            [stored] = api.get("/api/v1/webhooks").raise_for_status().json()
            assert stored["events"] == ["conversation.opened", "sla.breached"]
            assert stored["active"] is True and "secret" not in stored

        # A test delivery: the receiver answers 503, the log says when the next try is, and
        # follows it until the retry gets through.
        await row.get_by_test_id("settings-webhook-test").click()
        log = admin.get_by_test_id("settings-webhook-log-panel")
        # While the attempt is on its way the log says so; it has not failed yet.
        for _ in range(400):
            if hook.arrived.is_set():
                break
            await admin.wait_for_timeout(50)
        assert hook.arrived.is_set(), "the test delivery never reached the receiver"
        await log.get_by_test_id("settings-webhook-log-refresh").click()
        sending = log.locator('[data-testid="settings-delivery"][data-sending="true"]')
        await sending.wait_for(timeout=7_000)
        text = await sending.inner_text()
        hook.release.set()
        assert "Sending now" in text and "will try again" not in text
        assert await sending.locator('[data-column="next_retry"]').inner_text() == "–"
        retrying = log.get_by_test_id("settings-delivery").filter(has_text="will try again")
        await retrying.wait_for(timeout=20_000)
        assert "503" in await retrying.inner_text()
        next_try = retrying.locator('[data-column="next_retry"]')
        assert await next_try.inner_text() != "–"
        delivered = log.locator('[data-testid="settings-delivery"][data-state="delivered"]')
        await delivered.wait_for(timeout=30_000)
        text = await delivered.inner_text()
        assert "Test" in text and "200" in text
        assert await delivered.locator('[data-column="attempts"]').inner_text() == "2"
        await admin.screenshot(path=str(screenshots / "settings-webhooks.png"), full_page=True)
        assert len(hook.received) == 2
        headers, body = hook.received[-1]
        assert _signed_with(secret, headers, body)

        # A new secret replaces the old one and is shown once too.
        await admin.get_by_test_id("settings-webhook-secret-close").click()
        await row.get_by_test_id("settings-webhook-rotate").click()
        await admin.get_by_test_id("settings-action-form").get_by_test_id("settings-save").click()
        value = admin.get_by_test_id("settings-webhook-secret-value")
        await value.wait_for()
        assert (await value.inner_text()) not in ("", secret)

        # Paused, then deleted.
        await row.get_by_test_id("settings-edit").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-active").uncheck()
        await form.get_by_test_id("settings-save").click()
        await row.filter(has_text="Paused").wait_for()
        with _api(base, deployment) as api:
            assert api.get(f"/api/v1/webhooks/{stored['id']}").json()["active"] is False
        await row.get_by_test_id("settings-delete").click()
        await row.get_by_test_id("settings-delete").click()
        await row.wait_for(state="detached")
        with _api(base, deployment) as api:
            assert api.get("/api/v1/webhooks").raise_for_status().json() == []

        # Webhooks are an admin's: a supervisor is not offered the group.
        sup = await pages.console(browser, base, *SUPERVISOR)
        await sup.get_by_test_id("settings-toggle").click()
        await sup.get_by_test_id("settings-nav-flows").wait_for()
        assert await sup.get_by_test_id("settings-nav-webhooks").count() == 0
