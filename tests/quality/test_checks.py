"""The automatic checks through the API: an agent's message asking for a secret is stored
(the API caller decided) and fails the secret check with it as evidence; a resolution lists
every check; only those who see the conversation read them."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import World


async def _chat(api: httpx.AsyncClient, body: str) -> int:
    api.cookies.clear()
    session = (await api.post("/chat/api/session", json={"locale": "en"})).json()
    r = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": body, "client_id": "c-1", "product": "spot"},
    )
    assert r.status_code == 201, r.text
    return int(r.json()["message"]["conversation_id"])


def _by_name(checks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {c["check"]: c for c in checks}


async def test_an_agent_asking_for_the_seed_phrase_fails_the_secret_check(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_dave: httpx.AsyncClient, world: World
) -> None:
    cid = await _chat(api, "I cannot log in to my wallet, please help")
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "To restore access, please send me your seed phrase here."},
    )
    assert r.status_code == 201, r.text
    bad = r.json()["id"]
    r = await as_bob.get(f"/api/v1/conversations/{cid}/qa")
    assert r.status_code == 200, r.text
    failed = [c for c in r.json() if "secret" in c["check"]]
    assert failed and not failed[0]["passed"] and failed[0]["message_id"] == bad, r.json()

    # A later, proper answer does not hide what the customer already read.
    await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "Sorry, ignore that: never share your seed phrase with anyone, us included."},
    )
    r = await as_bob.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200, r.text
    checks = _by_name((await as_bob.get(f"/api/v1/conversations/{cid}/qa")).json())
    assert set(checks) == {
        "secret_request", "internal_note_sent", "reply_language", "first_response_sla",
        "waiting_between_replies", "resolved_without_reply",
    }  # fmt: skip
    assert checks["secret_request"]["message_id"] == bad
    assert checks["resolved_without_reply"]["passed"]
    assert checks["reply_language"]["passed"]

    # Dave's teams do not hold it: the conversation and its checks do not exist for him.
    assert (await as_dave.get(f"/api/v1/conversations/{cid}/qa")).status_code == 404


async def test_resolved_without_a_reply_and_a_note_sent_to_the_customer(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    cid = await _chat(api, "Hello?")
    r = await as_bob.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200, r.text
    checks = _by_name((await as_bob.get(f"/api/v1/conversations/{cid}/qa")).json())
    assert not checks["resolved_without_reply"]["passed"]

    cid = await _chat(api, "Where is my withdrawal of 200 USDT?")
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "Note: customer seems to be the same person as ticket 4411, check KYC."},
    )
    checks = _by_name((await as_bob.get(f"/api/v1/conversations/{cid}/qa")).json())
    assert not checks["internal_note_sent"]["passed"]
    assert checks["internal_note_sent"]["message_id"] == r.json()["id"]


async def test_an_answer_in_another_language_fails_the_language_check(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    cid = await _chat(api, "My deposit of 0.5 BTC has not arrived after three hours, please help")
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "Chào bạn, giao dịch nạp tiền của bạn đang chờ xác nhận trên mạng lưới."},
    )
    assert r.status_code == 201
    checks = _by_name((await as_bob.get(f"/api/v1/conversations/{cid}/qa")).json())
    assert not checks["reply_language"]["passed"], checks
    assert "vi" in checks["reply_language"]["detail"]
