"""The backoffice protocol when things go wrong: signatures, a backoffice that is down or
silent, and actions that need step-up verification."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI

from firstline.bench.server import free_port
from firstline.core.i18n import t
from firstline.demo.backoffice import DemoBackoffice, create_demo_backoffice
from firstline.flows.backoffice import BackofficeClient, BackofficeError, sign
from firstline.flows.registry import builtin_flows
from firstline.flows.runner import CustomerRef, FlowRunner
from firstline.flows.validation import parse_flow
from tests.flows.conftest import SECRET

LINH = CustomerRef(external_user_id="u_1001")
KYC_BODY = {"customer": {"external_user_id": "u_1001", "email": None}, "args": {}}


async def test_a_signed_call_is_answered(client: BackofficeClient, demo: DemoBackoffice) -> None:
    assert (await client.call("get_kyc_status", KYC_BODY))["status"] == "approved"


@pytest.mark.parametrize(
    ("secret", "skew"),
    # Well past the five minutes either way: timestamps are whole seconds, so a skew of 301
    # could land back inside the window by the time the backoffice reads its clock.
    [("not-the-secret", 0), (SECRET, -330), (SECRET, 330)],
    ids=["wrong secret", "too old", "from the future"],
)
async def test_the_backoffice_refuses_a_bad_signature(
    backoffice_url: str, demo: DemoBackoffice, secret: str, skew: int
) -> None:
    bad = BackofficeClient(backoffice_url, secret, clock=lambda: time.time() + skew)
    try:
        with pytest.raises(BackofficeError) as caught:
            await bad.call("get_kyc_status", KYC_BODY)
        assert (caught.value.kind, caught.value.status) == ("status", 401)
        assert demo.calls == []

        # Through a flow: a clean handover, in the customer's language.
        turn = await FlowRunner(builtin_flows(), bad).start(
            "kyc_status", language="tr", customer=LINH
        )
        assert turn.status == "handover" and turn.handover_reason == "backoffice_unavailable"
        assert [m.text for m in turn.messages] == [t("flows.backoffice_down", "tr")]
    finally:
        await bad.aclose()


async def test_a_body_changed_after_signing_is_refused(
    backoffice_url: str, demo: DemoBackoffice
) -> None:
    ts = str(int(time.time()))
    signed = b'{"customer":{"external_user_id":"u_1002"}}'
    sent = b'{"customer":{"external_user_id":"u_1001"}}'
    async with httpx.AsyncClient() as http:
        r = await http.post(
            f"{backoffice_url}/get_kyc_status",
            content=sent,
            headers={
                "X-Firstline-Timestamp": ts,
                "X-Firstline-Nonce": "n" * 32,
                "X-Firstline-Signature": sign(
                    SECRET, ts, signed, action="get_kyc_status", nonce="n" * 32
                ),
            },
        )
        assert r.status_code == 401
        r = await http.post(f"{backoffice_url}/get_kyc_status", content=sent)
        assert r.status_code == 401
    assert demo.calls == []


class Recorder(httpx.AsyncBaseTransport):
    """Sends for real and keeps a copy of each request: what an attacker on the path (or in a
    proxy's log) would capture."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.sent: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.sent.append(request)
        return await self.inner.handle_async_request(request)


async def test_a_captured_call_cannot_be_replayed_nor_sent_to_another_action(
    backoffice_url: str, demo: DemoBackoffice
) -> None:
    # The audit's attack: a captured reset_withdrawal call (it carries the customer's
    # verification token), replayed to /reset_two_factor, switched two-factor off; and any call
    # could be replayed for five minutes.
    recorder = Recorder()
    client = BackofficeClient(backoffice_url, SECRET, transport=recorder)
    linh = {"external_user_id": "u_1001", "email": None}
    try:
        sent = await client.call("send_verification_code", {"customer": linh, "args": {}})
        code = demo.codes_for(demo.account("u_1001")["email"])[-1]
        checked = await client.call(
            "check_verification_code",
            {"verification_id": sent["verification_id"], "code": code},
        )
        body = {
            "customer": linh,
            "verification_token": checked["verification_token"],
            "args": {"withdrawal_id": "w_5003"},
        }
        assert (await client.call("reset_withdrawal", body))["status"] == "pending"
    finally:
        await client.aclose()
    captured = recorder.sent[-1]
    headers = {k: v for k, v in captured.headers.items() if k.lower().startswith("x-firstline")}
    headers["Content-Type"] = "application/json"
    calls_before = list(demo.calls)
    async with httpx.AsyncClient() as http:
        elsewhere = await http.post(
            f"{backoffice_url}/reset_two_factor", content=captured.content, headers=headers
        )
        again = await http.post(
            f"{backoffice_url}/reset_withdrawal", content=captured.content, headers=headers
        )
    assert elsewhere.status_code == 401
    assert "another action" in elsewhere.json()["detail"]
    assert demo.account("u_1001")["two_factor"] is True
    assert again.status_code == 401
    assert "replay" in again.json()["detail"]
    assert demo.calls == calls_before  # neither reached an action


async def test_a_backoffice_that_is_down_means_a_clean_handover() -> None:
    down = BackofficeClient(f"http://127.0.0.1:{free_port()}", SECRET, timeout=2)
    try:
        with pytest.raises(BackofficeError) as caught:
            await down.call("get_kyc_status", KYC_BODY)
        assert caught.value.kind == "unreachable"
        runner = FlowRunner(builtin_flows(), down)
        turn = await runner.start("kyc_status", language="th", customer=LINH)
        assert turn.status == "handover" and turn.handover_reason == "backoffice_unavailable"
        assert [m.text for m in turn.messages] == [t("flows.backoffice_down", "th")]

        # A flow with its own on_error: the deposit still reaches the recovery desk, with its
        # fields.
        turn = await runner.start("deposit_not_arrived", language="en", customer=LINH)
        for answer in (
            "BTC",
            "BTC",
            "ab" * 32,
            "0.5",
            "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        ):
            turn = await runner.advance(turn.state, answer)
        assert turn.status == "handover" and turn.handover_reason == "deposit_recovery"
        assert turn.collected["deposit"] == {"error": "unreachable", "status": None}
        assert turn.collected["amount"] == "0.5"
    finally:
        await down.aclose()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield int(s.getsockname()[1])


async def test_a_backoffice_that_does_not_answer_in_time(silent_port: int) -> None:
    slow = BackofficeClient(f"http://127.0.0.1:{silent_port}", SECRET, timeout=0.3)
    try:
        with pytest.raises(BackofficeError) as caught:
            await slow.call("get_kyc_status", KYC_BODY)
        assert caught.value.kind == "timeout"
        turn = await FlowRunner(builtin_flows(), slow).start(
            "password_reset", language="ru", customer=LINH
        )  # the verify step cannot send its code
        assert turn.status == "handover" and turn.handover_reason == "backoffice_unavailable"
        assert [m.text for m in turn.messages] == [t("flows.backoffice_down", "ru")]
    finally:
        await slow.aclose()


async def test_without_configuration_nothing_is_sent() -> None:
    with pytest.raises(BackofficeError) as caught:
        await BackofficeClient(None, None).call("get_kyc_status", KYC_BODY)
    assert caught.value.kind == "not_configured"


FORGETFUL = {
    "id": "forgetful",
    "title": {"en": "Reset 2FA without asking"},
    "steps": [
        {"id": "reset", "kind": "action", "action": "reset_two_factor",
         "requires_verification": True, "store": "twofa"},
        {"id": "done", "kind": "resolve", "text": {"en": "Done."}},
    ],
}  # fmt: skip
PEEK = {
    "id": "peek",
    "title": {"en": "KYC without verification"},
    "steps": [
        {"id": "email", "kind": "ask", "field": "email", "prompt": {"en": "Email?"}},
        {"id": "check", "kind": "action", "action": "get_kyc_status", "store": "kyc"},
        {"id": "done", "kind": "resolve", "text": {"en": "Status: {kyc.status}"}},
    ],
}  # fmt: skip


async def test_an_action_that_needs_verification_is_refused_without_it(
    client: BackofficeClient, demo: DemoBackoffice
) -> None:
    runner = FlowRunner({"forgetful": parse_flow(FORGETFUL), "peek": parse_flow(PEEK)}, client)
    turn = await runner.start("forgetful", language="it", customer=LINH)
    assert turn.status == "handover" and turn.handover_reason == "verification_required"
    assert [m.text for m in turn.messages] == [t("flows.verification_required", "it")]

    # Reads too, for a customer who only typed an email.
    turn = await runner.start("peek", language="en", customer=CustomerRef())
    turn = await runner.advance(turn.state, "linh@example.com")
    assert turn.handover_reason == "verification_required"
    assert demo.calls == []

    # A state edited to claim verification gets past the runner, not past the backoffice:
    # it wants the token a checked code gave.
    forged = dict(turn.state, status="waiting", step="email")
    forged["verification"] = {
        "id": "v_x", "identity": {"external_user_id": None, "email": "linh@example.com"},
        "attempts_left": 0, "verified": True, "token": "vt_forged",
    }  # fmt: skip
    turn = await runner.advance(forged, "linh@example.com")
    assert turn.handover_reason == "backoffice_unavailable"
    assert turn.collected["kyc"] == {"error": "status", "status": 403}
    assert demo.account("u_1001")["two_factor"] is True


async def test_the_backoffice_refuses_account_changes_without_a_verification_token(
    client: BackofficeClient, demo: DemoBackoffice
) -> None:
    with pytest.raises(BackofficeError) as caught:
        await client.call("send_password_reset", KYC_BODY)
    assert caught.value.status == 403
    assert "password_reset_requested" not in demo.account("u_1001")


async def test_the_demo_backoffice_works_mounted_under_a_path() -> None:
    parent = FastAPI()
    demo_app = create_demo_backoffice("mounted-secret")
    parent.mount("/demo-backoffice", demo_app)
    transport = httpx.ASGITransport(app=parent)
    mounted = BackofficeClient(
        "http://firstline.test/demo-backoffice/", "mounted-secret", transport=transport
    )
    try:
        assert (await mounted.call("get_kyc_status", KYC_BODY))["status"] == "approved"
    finally:
        await mounted.aclose()
    async with httpx.AsyncClient(transport=transport, base_url="http://firstline.test") as http:
        r = await http.get("/demo-backoffice/", follow_redirects=True)
        assert {a["email"] for a in r.json()["accounts"]} >= {"linh@example.com"}
