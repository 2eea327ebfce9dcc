"""Every built-in flow end to end: the runner, a real HTTP backoffice (the demo one), the
customer's answers, and what changed in the backoffice."""

from __future__ import annotations

import json

import httpx
import pytest

from firstline.core.i18n import t
from firstline.demo.backoffice import DemoBackoffice
from firstline.flows.registry import builtin_flows
from firstline.flows.runner import CustomerRef, FlowRunner, FlowTurn

LINH = CustomerRef(external_user_id="u_1001")  # KYC approved; stuck, pending, done withdrawals
ANONYMOUS = CustomerRef()

TRON_HASH = "7c2d1f0e9b8a79685746352413021f0e9d8c7b6a5948372615f4e3d2c1b0a998"
TRON_ADDRESS = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"
ETH_DEPOSIT = "0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd"
ETH_ADDRESS = "0x8ba1f109551bd432803012645ac136ddd64dba72"


def text(flow_id: str, step_id: str, language: str, attribute: str = "text", **values: str) -> str:
    """What the definition says at a step, filled as the runner fills it."""
    raw = getattr(builtin_flows()[flow_id].step(step_id), attribute)[language]
    for name, value in values.items():
        raw = raw.replace("{" + name + "}", value)
    return str(raw)


def said(turn: FlowTurn) -> list[str]:
    return [m.text for m in turn.messages]


def code_from_outbox(backoffice_url: str, email: str) -> str:
    """The newest one-time code the demo 'emailed', read as a demo user would."""
    r = httpx.get(f"{backoffice_url}/outbox", params={"email": email})
    codes = [m["code"] for m in r.json()["messages"] if "code" in m]
    assert codes, r.json()
    return str(codes[-1])


def wrong(code: str) -> str:
    return "111111" if code != "111111" else "222222"


async def test_password_reset_for_an_anonymous_customer_needs_step_up(
    runner: FlowRunner, demo: DemoBackoffice, backoffice_url: str
) -> None:
    turn = await runner.start("password_reset", language="en", customer=ANONYMOUS)
    assert said(turn) == [text("password_reset", "ask_email", "en", "prompt")]
    assert turn.status == "waiting"

    turn = await runner.advance(turn.state, "linh at example")
    assert said(turn) == [t("flows.invalid_email", "en")]
    assert turn.status == "waiting" and demo.calls == []
    assert turn.rejected  # the bot may read it as another question instead (tests/bot)

    turn = await runner.advance(turn.state, "Linh@Example.com")
    assert said(turn) == [t("flows.code_sent", "en", destination="l***@example.com")]
    assert not turn.rejected
    code = code_from_outbox(backoffice_url, "linh@example.com")

    turn = await runner.advance(turn.state, "my deposit did not arrive")
    assert said(turn) == [t("flows.invalid_code", "en")]
    assert turn.rejected and turn.state["verification"]["attempts_left"] == 3

    turn = await runner.advance(turn.state, wrong(code))
    assert said(turn) == [t("flows.code_wrong", "en", left=2)]
    assert turn.status == "waiting"
    assert not turn.rejected  # a wrong code is an answer: it counts an attempt
    assert "password_reset_requested" not in demo.account("u_1001")
    assert "send_password_reset" not in demo.calls

    turn = await runner.advance(turn.state, code[:3] + " " + code[3:])
    assert turn.status == "resolved"
    assert said(turn) == [
        text("password_reset", "done", "en").replace("{reset.expires_minutes}", "30")
    ]
    assert demo.account("u_1001")["password_reset_requested"] is True
    assert [m["subject"] for m in demo.outbox] == ["Your verification code", "Reset your password"]
    # The code is never kept: not in what was collected, not in the state the bot stores.
    assert code not in json.dumps(turn.state)
    assert turn.collected == {
        "email": "linh@example.com",
        "reset": {"sent": True, "expires_minutes": 30},
    }


async def test_verification_gives_up_after_the_attempts_and_never_reveals_accounts(
    runner: FlowRunner, demo: DemoBackoffice
) -> None:
    turn = await runner.start("kyc_status", language="vi", customer=ANONYMOUS)
    turn = await runner.advance(turn.state, "nobody@example.com")
    # The same answer as for a real account, so the chat cannot be used to find accounts.
    assert said(turn) == [t("flows.code_sent", "vi", destination="n***@example.com")]
    assert demo.outbox == []
    turn = await runner.advance(turn.state, "12345")
    assert said(turn) == [t("flows.invalid_code", "vi")]
    for left in (2, 1):
        turn = await runner.advance(turn.state, "123456")
        assert said(turn) == [t("flows.code_wrong", "vi", left=left)]
    turn = await runner.advance(turn.state, "123456")
    assert turn.status == "handover" and turn.handover_reason == "verification_failed"
    assert said(turn) == [t("flows.verification_failed", "vi")]
    assert "get_kyc_status" not in demo.calls


async def test_two_factor_reset_for_a_signed_in_customer(
    runner: FlowRunner, demo: DemoBackoffice, backoffice_url: str
) -> None:
    turn = await runner.start("two_factor_reset", language="vi", customer=LINH)
    assert said(turn) == [text("two_factor_reset", "confirm", "vi", "prompt")]
    assert [value for value, _ in turn.messages[0].options] == ["yes", "no"]
    assert turn.messages[0].options[0][1] == "Có, đặt lại 2FA"

    turn = await runner.advance(turn.state, "có")  # the start of the first option's label
    assert said(turn) == [t("flows.code_sent", "vi", destination="l***@example.com")]
    assert demo.account("u_1001")["two_factor"] is True

    turn = await runner.advance(turn.state, code_from_outbox(backoffice_url, "linh@example.com"))
    assert turn.status == "resolved"
    done = text("two_factor_reset", "done", "vi", **{"twofa.withdrawals_locked_hours": "24"})
    assert said(turn) == [done]
    assert demo.account("u_1001")["two_factor"] is False


async def test_two_factor_reset_declined_changes_nothing(
    runner: FlowRunner, demo: DemoBackoffice
) -> None:
    turn = await runner.start("two_factor_reset", language="de", customer=LINH)
    turn = await runner.advance(turn.state, "2")  # the option's number
    assert turn.status == "resolved"
    assert said(turn) == [text("two_factor_reset", "kept", "de")]
    assert demo.outbox == [] and demo.account("u_1001")["two_factor"] is True


async def test_two_factor_reset_goes_to_a_person_when_the_backoffice_wants_a_review(
    runner: FlowRunner, demo: DemoBackoffice, backoffice_url: str
) -> None:
    aisha = CustomerRef(external_user_id="u_1003")  # KYC rejected
    turn = await runner.start("two_factor_reset", language="en", customer=aisha)
    turn = await runner.advance(turn.state, "yes")
    turn = await runner.advance(turn.state, code_from_outbox(backoffice_url, "aisha@example.com"))
    assert turn.status == "handover" and turn.handover_reason == "security_review"
    assert said(turn) == [text("two_factor_reset", "review", "en")]
    assert demo.account("u_1003")["two_factor"] is True


@pytest.mark.parametrize(
    ("user_id", "language", "step", "values"),
    [
        ("u_1001", "ja", "approved", {}),
        ("u_1002", "de", "pending", {"kyc.submitted_at": "2026-11-20"}),
        ("u_1003", "en", "rejected", {"kyc.reason": "The photo of your ID document is blurred."}),
        ("u_1004", "ar", "not_started", {}),
    ],
)
async def test_kyc_status(
    runner: FlowRunner,
    demo: DemoBackoffice,
    user_id: str,
    language: str,
    step: str,
    values: dict[str, str],
) -> None:
    customer = CustomerRef(external_user_id=user_id)
    turn = await runner.start("kyc_status", language=language, customer=customer)
    assert turn.status == "resolved"
    assert said(turn) == [text("kyc_status", step, language, **values)]
    assert demo.outbox == []  # a signed-in customer only reads: no step-up needed


async def test_kyc_status_for_an_anonymous_customer_after_verification(
    runner: FlowRunner, demo: DemoBackoffice, backoffice_url: str
) -> None:
    turn = await runner.start("kyc_status", language="zh-CN", customer=ANONYMOUS)
    turn = await runner.advance(turn.state, "marco@example.com")
    turn = await runner.advance(turn.state, code_from_outbox(backoffice_url, "marco@example.com"))
    assert turn.status == "resolved"
    assert said(turn) == [
        text("kyc_status", "pending", "zh-CN", **{"kyc.submitted_at": "2026-11-20"})
    ]


async def test_withdrawal_status_of_each_kind_and_reset_of_a_stuck_one(
    runner: FlowRunner, demo: DemoBackoffice, backoffice_url: str
) -> None:
    turn = await runner.start("withdrawal_status", language="en", customer=LINH)
    assert said(turn) == [text("withdrawal_status", "pick", "en", "prompt")]
    assert turn.messages[0].options == [
        ("w_5003", "1.2 ETH · ETH · 2026-11-22"),
        ("w_5002", "0.05 BTC · BTC · 2026-11-21"),
        ("w_5001", "250 USDT · TRON · 2026-11-18"),
    ]
    picking = turn.state

    done = await runner.advance(picking, "w_5001")
    assert done.status == "resolved"
    assert said(done) == [
        text(
            "withdrawal_status",
            "completed",
            "en",
            **{
                "withdrawal.completed_at": "2026-11-18 14:02 UTC",
                "withdrawal.tx_hash": demo.withdrawals[2]["tx_hash"],
            },
        )
    ]
    pending = await runner.advance(picking, "2")
    assert said(pending) == [
        text("withdrawal_status", "pending", "en", **{"withdrawal.eta_minutes": "30"})
    ]
    assert (await runner.advance(picking, "7")).messages[0].text == t("flows.choose", "en")

    stuck = await runner.advance(picking, "1.2 ETH · ETH · 2026-11-22")  # the label works too
    assert said(stuck) == [text("withdrawal_status", "stuck", "en", "prompt")]
    turn = await runner.advance(stuck.state, "yes")
    assert said(turn) == [t("flows.code_sent", "en", destination="l***@example.com")]
    assert demo.withdrawals[0]["status"] == "stuck"
    turn = await runner.advance(turn.state, code_from_outbox(backoffice_url, "linh@example.com"))
    assert turn.status == "resolved"
    assert said(turn) == [
        text("withdrawal_status", "restarted", "en", **{"reset.eta_minutes": "30"})
    ]
    assert demo.withdrawals[0]["status"] == "pending"


async def test_no_recent_withdrawals(runner: FlowRunner, demo: DemoBackoffice) -> None:
    kenji = CustomerRef(external_user_id="u_1004")
    turn = await runner.start("withdrawal_status", language="ko", customer=kenji)
    assert turn.status == "resolved"
    assert said(turn) == [text("withdrawal_status", "none", "ko", **{"recent.days": "30"})]


async def test_deposit_not_arrived_collects_valid_fields_and_hands_over_to_recovery(
    runner: FlowRunner, demo: DemoBackoffice
) -> None:
    turn = await runner.start("deposit_not_arrived", language="es", customer=LINH)
    assert said(turn) == [text("deposit_not_arrived", "network", "es", "prompt")]
    assert ("TRON", "Tron (TRC-20)") in turn.messages[0].options

    answers = [
        ("Solana Pay", t("flows.invalid_network", "es")),
        ("trc20", text("deposit_not_arrived", "token", "es", "prompt")),
        ("usdt", text("deposit_not_arrived", "tx_hash", "es", "prompt")),
        ("0x1234", t("flows.invalid_tx_hash", "es")),
        ("0x" + TRON_HASH, t("flows.invalid_tx_hash", "es")),  # an EVM hash, not a Tron one
        (TRON_HASH, text("deposit_not_arrived", "amount", "es", "prompt")),
        ("-3", t("flows.invalid_amount", "es")),
        ("mucho", t("flows.invalid_amount", "es")),
        ("1.250,50 USDT", text("deposit_not_arrived", "address", "es", "prompt")),
        (ETH_ADDRESS, t("flows.invalid_address", "es")),  # not a Tron address
    ]
    for answer, reply in answers:
        turn = await runner.advance(turn.state, answer)
        assert said(turn) == [reply], answer
        assert turn.status == "waiting"

    # This runner has no recovery desk (the bot gives it one: tests/recovery/test_chat.py),
    # so opening the case fails and the flow hands the fields to a person of the desk.
    turn = await runner.advance(turn.state, TRON_ADDRESS)
    assert turn.status == "handover" and turn.handover_reason == "deposit_recovery"
    assert said(turn) == [text("deposit_not_arrived", "recovery_person", "es")]
    assert turn.collected == {
        "network": "TRON",
        "token": "USDT",
        "tx_hash": TRON_HASH,
        "amount": "1250.5",
        "address": TRON_ADDRESS,
        "deposit": {"status": "unknown"},
        "case": {"error": "status", "status": 404},
    }


async def test_deposit_found_credited(runner: FlowRunner, demo: DemoBackoffice) -> None:
    turn = await runner.start("deposit_not_arrived", language="en", customer=LINH)
    for answer in ("1", "USDT", ETH_DEPOSIT.upper().replace("0X", "0x"), "500", ETH_ADDRESS):
        turn = await runner.advance(turn.state, answer)
    assert turn.status == "resolved"
    assert said(turn) == [
        text(
            "deposit_not_arrived",
            "credited",
            "en",
            **{
                "deposit.credited_at": "2026-11-21 09:15 UTC",
                "deposit.amount": "500",
                "deposit.token": "USDT",
            },
        )
    ]


async def test_deposit_on_a_memo_network_asks_for_the_memo(
    runner: FlowRunner, demo: DemoBackoffice
) -> None:
    turn = await runner.start("deposit_not_arrived", language="en", customer=LINH)
    xrp_hash = "E3FE6EA3D48F0C2B639448020EA4F03D4F4F8FFDB243A852A0F59177921B4879"
    for answer in ("xrp", "XRP", xrp_hash.lower(), "20", "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh"):
        turn = await runner.advance(turn.state, answer)
    assert said(turn) == [text("deposit_not_arrived", "memo", "en", "prompt")]
    assert turn.messages[0].options == [("none", "I did not enter one")]
    turn = await runner.advance(turn.state, "memo-12")  # an XRP tag is a number
    assert said(turn) == [t("flows.invalid_memo", "en")]
    turn = await runner.advance(turn.state, "none")
    assert turn.status == "handover" and turn.handover_reason == "deposit_recovery"
    assert turn.collected["memo"] == "none"
    assert turn.collected["tx_hash"] == xrp_hash
