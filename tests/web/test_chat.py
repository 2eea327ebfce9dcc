"""The chat widget's API, as a customer's browser uses it: identity, sending, resending, history,
the first sentence in the customer's language, and what a customer may never see."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest

from firstline.chat.identity import user_hash
from firstline.core.i18n import CATALOGS, t
from firstline.core.language import SUPPORTED_LANGUAGES
from tests.conftest import World


async def _session(api: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    r = await api.post("/chat/api/session", json=body)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _send(
    api: httpx.AsyncClient, token: str, body: str, client_id: str | None = None
) -> httpx.Response:
    return await api.post(
        "/chat/api/messages",
        json={"body": body, "client_id": client_id or uuid.uuid4().hex},
        headers={"X-Chat-Token": token},
    )


async def test_an_anonymous_visitor_keeps_their_chat_across_sessions(
    api: httpx.AsyncClient,
) -> None:
    first = await _session(api, locale="en-US")
    assert first["visitor"] and first["token"]
    sent = await _send(api, first["token"], "My BTC withdrawal is stuck since yesterday")
    assert sent.status_code == 201

    # Next visit: the signed visitor id (cookie, or the widget's storage) brings the history.
    api.cookies.clear()
    again = await _session(api, visitor=first["visitor"])
    bodies = [m["body"] for m in again["messages"]]
    assert "My BTC withdrawal is stuck since yesterday" in bodies
    assert again["conversation"]["status"] == "open"

    # A visitor id that is not signed by us starts someone new, with no history.
    api.cookies.clear()
    stranger = await _session(api, visitor="forged-visitor-id")
    assert stranger["messages"] == []


async def test_a_logged_in_user_is_identified_by_the_companys_signature(
    api: httpx.AsyncClient,
) -> None:
    from firstline.core.secrets import instance_secret

    db = api._transport.app.state.db  # type: ignore[attr-defined]
    secret = await instance_secret(db, "widget_key")
    good = await _session(api, user_id="u-1001", user_hash=user_hash(secret, "u-1001"))
    assert good["visitor"] is None

    refused = await api.post(
        "/chat/api/session", json={"user_id": "u-1001", "user_hash": user_hash(secret, "u-1002")}
    )
    assert refused.status_code == 401
    assert "HMAC" in refused.json()["detail"]
    missing = await api.post("/chat/api/session", json={"user_id": "u-1001"})
    assert missing.status_code == 401


async def test_first_message_gets_an_acknowledgement_in_the_customers_language(
    api: httpx.AsyncClient,
) -> None:
    s = await _session(api, locale="en-US")  # the browser says English...
    r = await _send(api, s["token"], "Tôi đã nạp USDT nhưng chưa nhận được tiền vào tài khoản")
    assert r.status_code == 201
    ack = r.json()["acknowledgement"]
    assert ack["author_kind"] == "system"
    # ...but the text is Vietnamese, and so is the answer: with nobody online, it gives the
    # place in the queue and does not invent a wait.
    vi = t("chat.ack_queue_unknown", "vi", position=1)
    assert ack["body"] == vi
    # Later messages in the same conversation get no second acknowledgement.
    more = await _send(api, s["token"], "Mã giao dịch là 0xabc")
    assert "acknowledgement" not in more.json()


async def test_queue_position_counts_the_chats_waiting_before_this_one(
    api: httpx.AsyncClient,
) -> None:
    for n in range(3):
        api.cookies.clear()  # three different visitors
        s = await _session(api, locale="de-DE")
        await _send(api, s["token"], f"Hallo, ich habe eine Frage zu meiner Einzahlung {n}")
    api.cookies.clear()
    s = await _session(api, locale="de-DE")
    r = await _send(api, s["token"], "Hallo, ich habe noch eine Frage zu den Gebühren")
    ack = r.json()["acknowledgement"]["body"]
    assert ack == t("chat.ack_queue_unknown", "de", position=4)
    # Money at risk is served first: a deposit that did not arrive jumps the queue.
    api.cookies.clear()
    s = await _session(api, locale="de-DE")
    r = await _send(api, s["token"], "Hallo, meine Einzahlung ist nicht angekommen")
    ack = r.json()["acknowledgement"]["body"]
    assert ack == t("chat.ack_queue_unknown", "de", position=1)
    assert ack.startswith(CATALOGS.messages("de", "chat")["ack_queue"].split("{")[0])


async def test_a_resend_with_the_same_client_id_is_not_stored_twice(api: httpx.AsyncClient) -> None:
    s = await _session(api)
    first = await _send(api, s["token"], "Where is my deposit?", client_id="c-1")
    again = await _send(api, s["token"], "Where is my deposit?", client_id="c-1")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["message"]["id"] == first.json()["message"]["id"]
    after = await api.get("/chat/api/messages", headers={"X-Chat-Token": s["token"]})
    customer_lines = [m for m in after.json()["items"] if m["author_kind"] == "customer"]
    assert len(customer_lines) == 1


async def test_history_after_an_id_is_what_a_reconnecting_widget_missed(
    api: httpx.AsyncClient,
) -> None:
    s = await _session(api, locale="en")
    sent = (await _send(api, s["token"], "My first question about a deposit")).json()
    await _send(api, s["token"], "Second question")
    after = sent["acknowledgement"]["id"]
    missed = await api.get(
        "/chat/api/messages", params={"after": after}, headers={"X-Chat-Token": s["token"]}
    )
    assert [m["body"] for m in missed.json()["items"]] == ["Second question"]


async def test_internal_notes_never_reach_the_customer(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, world: World
) -> None:
    s = await _session(api)
    sent = (await _send(api, s["token"], "Please help, my account is locked")).json()
    conversation_id = sent["message"]["conversation_id"]
    note = await as_alice.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"body": "VIP: check the 2FA reset log first", "internal": True},
    )
    reply = await as_alice.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"body": "I am looking at it now."},
    )
    assert note.status_code == 201 and reply.status_code == 201
    items = (await api.get("/chat/api/messages", headers={"X-Chat-Token": s["token"]})).json()
    bodies = [m["body"] for m in items["items"]]
    assert "I am looking at it now." in bodies
    assert "VIP: check the 2FA reset log first" not in bodies
    assert all("author_agent_id" not in m for m in items["items"])


async def test_one_customer_can_never_read_anothers_chat(api: httpx.AsyncClient) -> None:
    alice = await _session(api)
    await _send(api, alice["token"], "Alice's private question")
    api.cookies.clear()
    mallory = await _session(api)
    seen = await api.get("/chat/api/messages", headers={"X-Chat-Token": mallory["token"]})
    assert seen.json()["items"] == []
    tampered = alice["token"][:-2] + ("AA" if not alice["token"].endswith("AA") else "BB")
    r = await api.get("/chat/api/messages", headers={"X-Chat-Token": tampered})
    assert r.status_code == 401
    assert (await api.get("/chat/api/messages")).status_code == 401


async def test_markup_in_a_message_is_kept_as_text(api: httpx.AsyncClient) -> None:
    s = await _session(api)
    body = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    r = await _send(api, s["token"], body)
    assert r.json()["message"]["body"] == body  # stored and returned verbatim, as text
    page = await api.get("/chat")
    assert "script-src 'self'" in page.headers["content-security-policy"]


async def test_bad_input_gets_a_clear_error(api: httpx.AsyncClient) -> None:
    s = await _session(api)
    too_long = await _send(api, s["token"], "x" * 20_001)
    assert too_long.status_code == 422
    no_id = await api.post(
        "/chat/api/messages", json={"body": "hi"}, headers={"X-Chat-Token": s["token"]}
    )
    assert no_id.status_code == 422
    assert "client_id" in no_id.json()["detail"]


async def test_a_visitor_sending_too_fast_is_slowed_down(api: httpx.AsyncClient) -> None:
    s = await _session(api)
    codes = [(await _send(api, s["token"], f"spam {n}")).status_code for n in range(12)]
    assert codes[:8] == [201] * 8
    assert 429 in codes[8:]
    refused = await _send(api, s["token"], "one more")
    assert "wait" in refused.json()["detail"]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
async def test_the_widget_speaks_every_supported_language(
    api: httpx.AsyncClient, language: str
) -> None:
    s = await _session(api, locale=language)
    assert s["language"] == language
    assert s["catalog"] == CATALOGS.messages(language, "chat")
    assert s["rtl"] is (language == "ar")


async def test_the_chat_page_and_widget_script_are_served(api: httpx.AsyncClient) -> None:
    page = await api.get("/chat")
    assert page.status_code == 200
    assert 'data-testid="chat-input"' in page.text and 'data-testid="chat-send"' in page.text
    script = await api.get("/widget.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/chat?embed=1" in script.text


async def test_the_chat_page_carries_the_browsers_catalog(api: httpx.AsyncClient) -> None:
    # Until the session names the customer's language, the page speaks the browser's: its
    # words are on the page and its catalog is in it for the widget's formatter.
    page = await api.get("/chat", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.5"})
    assert '<html lang="ar" dir="rtl">' in page.text
    assert t("chat.send", "ar") in page.text
    inline = page.text.split('id="chat-catalog">')[1].split("</script>")[0]
    doc = json.loads(inline)
    assert doc == {"language": "ar", "rtl": True, "messages": CATALOGS.messages("ar", "chat")}
    english = await api.get("/chat")
    assert '<html lang="en" dir="ltr">' in english.text


async def test_a_short_ambiguous_message_is_answered_in_the_browsers_language(
    api: httpx.AsyncClient,
) -> None:
    # "First question" reads as French to an n-gram model; too short to overrule the browser.
    s = await _session(api, locale="en-US")
    r = await _send(api, s["token"], "First question")
    assert r.json()["acknowledgement"]["body"] == t("chat.ack_queue_unknown", "en", position=1)
