"""The bot in the chat, as customers and agents meet it: answers from the knowledge base in
the customer's language with the article cited, "did this help?", the handovers (asked for a
person, unsure, two misses, upset, money at risk), flows, the agent's view and taking over."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from firstline.audit.queries import list_audit_entries
from firstline.core.i18n import t
from tests.conftest import World

API_KEYS = (
    "# Create an API key\n\n"
    "Open Account, then API Management, and choose Create API key. A new key can trade but "
    "never withdraw unless you allow it, and you can hold up to 30 keys.\n\n"
    "Keep the secret key safe: it is shown only once."
)
FEES = "# Withdrawal fees\n\nEach withdrawal pays the network fee shown before you confirm it."


async def _publish(client: httpx.AsyncClient, external_id: str, locale: str, body: str) -> None:
    r = await client.put(
        f"/api/v1/kb/articles/{external_id}/{locale}",
        json={"body": body, "status": "published", "category": "Security"},
    )
    assert r.status_code in (200, 201), r.text


async def _chat(api: httpx.AsyncClient, locale: str = "en-US") -> str:
    """A new visitor's chat."""
    api.cookies.clear()
    r = await api.post("/chat/api/session", json={"locale": locale})
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


async def _say(api: httpx.AsyncClient, token: str, body: str) -> dict[str, Any]:
    r = await api.post(
        "/chat/api/messages",
        json={"body": body, "client_id": uuid.uuid4().hex},
        headers={"X-Chat-Token": token},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _conversation(client: httpx.AsyncClient, conversation_id: int) -> dict[str, Any]:
    r = await client.get(f"/api/v1/conversations/{conversation_id}")
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _messages(client: httpx.AsyncClient, conversation_id: int) -> list[dict[str, Any]]:
    r = await client.get(f"/api/v1/conversations/{conversation_id}/messages?limit=100")
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_answers_from_the_article_cites_it_and_closes_when_it_helped(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    await _publish(as_alice, "fees", "en", FEES)
    token = await _chat(api)
    sent = await _say(api, token, "How do I create an API key for my trading bot?")
    answer, question = sent["replies"]
    assert answer["author_kind"] == "bot"
    assert "you can hold up to 30 keys" in answer["body"]  # the article's own words
    assert answer["meta"]["article"] == {
        "external_id": "api-keys", "locale": "en", "title": "Create an API key",
        "url": "/help/en/articles/api-keys", "label": "Full article: Create an API key",
    }  # fmt: skip
    assert "Full article" not in answer["body"]  # the link says it, under the answer
    assert question["body"] == t("bot.helped", "en")
    assert [o["value"] for o in question["meta"]["options"]] == ["yes", "no"]
    conversation_id = answer["conversation_id"]
    assert (await _conversation(as_bob, conversation_id))["status"] == "bot"

    thanks = await _say(api, token, "Yes")
    # Settled, and the customer is told so: writing again reopens it.
    assert [r["body"] for r in thanks["replies"]] == [
        t("bot.glad", "en"),
        t("conversations.resolved", "en"),
    ]
    assert thanks["replies"][1]["author_kind"] == "system"
    assert (await _conversation(as_bob, conversation_id))["status"] == "resolved"
    report = (await as_bob.get("/api/v1/bot/report")).json()
    assert (report["resolved_by_bot"], report["resolution_rate"]) == (1, 1.0)

    # A new question in the same conversation goes back to the bot, not to the queue, and the
    # reopening is in the audit trail like any other.
    again = await _say(api, token, "What are the withdrawal fees?")
    assert "network fee" in again["replies"][0]["body"]
    assert (await _conversation(as_bob, conversation_id))["status"] == "bot"
    db = api._transport.app.state.db  # type: ignore[attr-defined]
    async with db.session() as s:
        trail = await list_audit_entries(s, "conversation", conversation_id)
    reopened = [e for e in trail if e.action == "conversation.reopened"]
    assert len(reopened) == 1 and reopened[0].data == {"status": "bot"}


async def test_an_escalation_of_a_chat_the_bot_settles_is_closed(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api)
    sent = await _say(api, token, "How do I create an API key for my trading bot?")
    conversation_id = sent["replies"][0]["conversation_id"]
    r = await as_bob.post(
        f"/api/v1/conversations/{conversation_id}/escalate", json={"reason": "VIP customer"}
    )
    assert r.status_code == 201, r.text
    await _say(api, token, "Yes")
    history = (await as_bob.get(f"/api/v1/conversations/{conversation_id}/escalations")).json()
    assert [h["state"] for h in history] == ["closed"]


async def test_answers_in_the_customers_language_and_says_when_the_article_is_in_another(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api, "vi-VN")
    sent = await _say(api, token, "Làm sao để tạo API key?")
    answer = sent["replies"][0]
    assert answer["body"].startswith("Tôi tìm thấy bài này bằng English:")
    assert sent["replies"][1]["body"] == t("bot.helped", "vi")


async def test_two_unhelpful_answers_hand_over_with_what_the_bot_tried(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api)
    first = await _say(api, token, "How do I create an API key?")
    conversation_id = first["replies"][0]["conversation_id"]
    miss = await _say(api, token, "No")
    assert miss["replies"][0]["body"] == t("bot.try_again", "en")
    await _say(api, token, "Where do I create a new API key?")
    handed = await _say(api, token, "no")
    bodies = [r["body"] for r in handed["replies"]]
    assert bodies[0] == t("bot.handover", "en")
    assert handed["replies"][-1]["author_kind"] == "system"  # the queue acknowledgement

    conversation = await _conversation(as_bob, conversation_id)
    assert conversation["status"] == "open"
    assert conversation["sla"]["first_response_due_at"] is not None
    reasons = [r["factor"] for r in conversation["routing"]["reasons"]]
    assert reasons[0] == "bot_handover"
    notes = [m for m in await _messages(as_bob, conversation_id) if m["internal"]]
    assert len(notes) == 1
    assert notes[0]["body"].startswith("Bot handed over: 2 answers did not help.")
    assert "“Create an API key” (api-keys, en): did not help" in notes[0]["body"]
    # The customer never sees that note.
    history = (await api.get("/chat/api/messages", headers={"X-Chat-Token": token})).json()
    assert all("Bot handed over" not in m["body"] for m in history["items"])


async def test_asking_for_a_person_in_any_language_hands_over_at_once(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    for locale, text, language in (
        ("vi-VN", "cho tôi gặp nhân viên", "vi"),
        ("zh-CN", "转人工", "zh-CN"),
        ("en-US", "Can I talk to a real person please?", "en"),
    ):
        token = await _chat(api, locale)
        sent = await _say(api, token, text)
        assert sent["replies"][0]["body"] == t("bot.handover", language), text
        conversation = await _conversation(as_bob, sent["replies"][0]["conversation_id"])
        assert conversation["status"] == "open"


async def test_money_at_risk_goes_to_a_person_first_in_line(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api)
    sent = await _say(api, token, "My account was hacked and someone withdrew my BTC")
    assert sent["replies"][0]["body"] == t("bot.handover_money", "en")
    conversation = await _conversation(as_bob, sent["replies"][0]["conversation_id"])
    factors = {r["factor"] for r in conversation["routing"]["reasons"]}
    assert "funds_at_risk" in factors
    assert "funds-at-risk" in conversation["tags"]


async def test_no_good_article_means_a_person_not_a_guess(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api)
    sent = await _say(api, token, "Can I use my futures bonus voucher on margin pairs?")
    assert sent["replies"][0]["body"] == t("bot.handover_unsure", "en")
    conversation_id = sent["replies"][0]["conversation_id"]
    assert (await _conversation(as_bob, conversation_id))["status"] == "open"
    note = next(m for m in await _messages(as_bob, conversation_id) if m["internal"])
    assert note["body"].startswith("Bot handed over: no article matched well enough.")


async def test_agents_see_the_bot_part_and_take_over(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api)
    sent = await _say(api, token, "How can I create an API key?")
    conversation_id = sent["replies"][0]["conversation_id"]

    listed = (await as_carol.get("/api/v1/conversations?status=bot")).json()["items"]
    assert [c["id"] for c in listed] == [conversation_id]
    kinds = [m["author_kind"] for m in reversed(await _messages(as_carol, conversation_id))]
    assert kinds == ["customer", "bot", "bot"]

    refused = await as_carol.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"body": "Hi, Carol here"}
    )
    assert refused.status_code == 409
    assert "take it over first" in refused.json()["detail"]

    taken = await as_carol.post(f"/api/v1/conversations/{conversation_id}/bot/take-over")
    assert taken.status_code == 200, taken.text
    conversation = await _conversation(as_carol, conversation_id)
    assert (conversation["status"], conversation["assignee_id"]) == ("open", world.carol)
    reply = await as_carol.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"body": "Hi, Carol here"}
    )
    assert reply.status_code == 201
    again = await as_carol.post(f"/api/v1/conversations/{conversation_id}/bot/take-over")
    assert again.status_code == 409

    # The customer's next message goes to Carol, not to the bot.
    later = await _say(api, token, "Thanks Carol")
    assert later["replies"] == []


async def test_a_question_that_matches_a_flow_starts_it(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    token = await _chat(api)
    sent = await _say(api, token, "I forgot my password")
    bot_lines = [r for r in sent["replies"] if r["author_kind"] == "bot"]
    assert bot_lines and "email" in bot_lines[-1]["body"].lower()
    conversation_id = bot_lines[0]["conversation_id"]
    assert (await _conversation(as_bob, conversation_id))["status"] == "bot"

    # "agent" leaves the flow for a person, with what the flow had collected.
    handed = await _say(api, token, "agent")
    assert handed["replies"][0]["body"] == t("bot.handover", "en")
    assert (await _conversation(as_bob, conversation_id))["status"] == "open"


async def test_a_failing_bot_hands_over_and_loses_nothing(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    from firstline.core.rawsql import SQL, raw_connection

    token = await _chat(api)
    sent = await _say(api, token, "I forgot my password")
    conversation_id = sent["replies"][0]["conversation_id"]
    db = api._transport.app.state.db  # type: ignore[attr-defined]
    async with db.transaction() as session:  # a flow state the runner cannot read
        raw = await raw_connection(session)
        await raw.execute(
            SQL("UPDATE bot_sessions SET state = $2 WHERE conversation_id = $1"),
            conversation_id, '{"flow": 7}',
        )  # fmt: skip
    answer = await _say(api, token, "my email is lan@example.com")
    assert answer["replies"][0]["body"] == t("bot.handover", "en")
    messages = await _messages(as_bob, conversation_id)
    assert "my email is lan@example.com" in [m["body"] for m in messages]
    assert (await _conversation(as_bob, conversation_id))["status"] == "open"
    note = next(m for m in messages if m["internal"])
    assert note["body"].startswith("Bot handed over: the bot failed.")


# How customers ask for a person, as they type it in chat: inflected, without diacritics,
# with the Arabic article, in scripts written without spaces.
ASK_FOR_A_PERSON = {
    "en": ("I want to talk to a human", "connect me to customer support"),
    "zh-CN": ("转人工", "我要找人工客服"),
    "zh-TW": ("轉真人", "請幫我轉接客服人員"),
    "vi": ("cho tôi gặp nhân viên", "gap nhan vien"),
    "id": ("saya mau bicara dengan agen", "minta bantuan petugas"),
    "ru": ("позовите оператора", "хочу поговорить с человеком"),
    "es": ("quiero hablar con un agente", "atención al cliente"),
    "pt": ("quero falar com um atendente", "falar com uma pessoa"),
    "fr": ("je veux parler à un conseiller", "service client"),
    "de": ("ich möchte mit einem Mitarbeiter sprechen", "Kundendienst bitte"),
    "tr": ("temsilciye bağla", "canlı destek"),
    "ar": ("أريد التحدث مع الموظف", "خدمة العملاء"),
    "ja": ("オペレーターと話したい", "人と話したい"),
    "ko": ("상담원 연결해주세요", "사람이랑 이야기하고 싶어요"),
    "th": ("ขอคุยกับเจ้าหน้าที่", "ขอคุยกับพนักงาน"),
    "uk": ("з'єднайте мене з оператором", "хочу поговорити з людиною"),
    "it": ("voglio parlare con un operatore", "assistenza clienti"),
}


async def _signed_in_chat(api: httpx.AsyncClient, locale: str) -> str:
    """A logged-in customer's chat (the widget signs who they are), so a test may open many
    chats without meeting the limit on anonymous ones."""
    from firstline.chat.identity import user_hash
    from firstline.core.secrets import instance_secret

    db = api._transport.app.state.db  # type: ignore[attr-defined]
    secret = await instance_secret(db, "widget_key")
    user = f"u-{uuid.uuid4().hex[:12]}"
    r = await api.post(
        "/chat/api/session",
        json={"user_id": user, "user_hash": user_hash(secret, user), "locale": locale},
    )
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


async def test_asking_for_a_person_after_an_answer_hands_over_in_every_language(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    for language, phrases in ASK_FOR_A_PERSON.items():
        for text in phrases:
            token = await _signed_in_chat(api, "en-US")
            answered = await _say(api, token, "How do I create an API key for my trading bot?")
            assert answered["replies"][-1]["body"] == t("bot.helped", "en")
            handed = await _say(api, token, text)
            bodies = [r["body"] for r in handed["replies"]]
            assert bodies[0] == t("bot.handover", "en"), (language, text, bodies)
            assert handed["replies"][-1]["author_kind"] == "system", (language, text)
            cid = handed["replies"][0]["conversation_id"]
            assert (await _conversation(as_bob, cid))["status"] == "open"


async def test_asking_for_a_person_first_hands_over_in_the_customers_language(
    api: httpx.AsyncClient,
) -> None:
    for language, phrases in ASK_FOR_A_PERSON.items():
        for text in phrases:
            token = await _signed_in_chat(api, language)
            handed = await _say(api, token, text)
            assert handed["replies"][0]["body"] == t("bot.handover", language), (language, text)


async def test_asking_again_while_waiting_for_a_person_is_answered(
    api: httpx.AsyncClient,
) -> None:
    token = await _chat(api)
    await _say(api, token, "agent")
    again = await _say(api, token, "hello? I want a human")
    (line,) = again["replies"]
    assert line["author_kind"] == "system"
    assert line["body"].startswith("Thanks, we have your message.")
    # Anything else while waiting is simply stored for the agent.
    assert (await _say(api, token, "My UID is 12345"))["replies"] == []


async def test_a_flow_switched_off_is_not_started(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    """An admin turns the password-reset flow off (the settings area's switch): the same
    question no longer starts it; turned on again, it does."""
    flow = (await as_alice.get("/api/v1/flows/password_reset")).json()
    off = {**flow["definition"], "enabled": False}
    r = await as_alice.put("/api/v1/flows/password_reset", json=off)
    assert r.status_code == 200 and r.json()["enabled"] is False
    listed = {f["id"]: f for f in (await as_alice.get("/api/v1/flows")).json()}
    assert listed["password_reset"]["enabled"] is False

    token = await _chat(api)
    sent = await _say(api, token, "I forgot my password")
    bot_lines = [r["body"] for r in sent["replies"] if r["author_kind"] == "bot"]
    assert not any("email" in line.lower() for line in bot_lines), bot_lines

    on = {**flow["definition"], "enabled": True}
    assert (await as_alice.put("/api/v1/flows/password_reset", json=on)).status_code == 200
    token = await _chat(api)
    sent = await _say(api, token, "I forgot my password")
    bot_lines = [r["body"] for r in sent["replies"] if r["author_kind"] == "bot"]
    assert bot_lines and "email" in bot_lines[-1].lower()


# A customer in the password-reset flow, asked for their e-mail, writes about a deposit
# instead, as people type it: English, Vietnamese without diacritics, informal Indonesian.
CHANGE_OF_TOPIC = {
    "en-US": ("I forgot my password", "my deposit did not arrive"),
    "vi-VN": ("toi quen mat khau", "nap tien chua ve tai khoan"),
    "id-ID": ("lupa password", "depositku belum masuk"),
}


async def test_another_question_while_a_flow_waits_leaves_it_for_the_new_topic(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    for locale, (forgot, deposit) in CHANGE_OF_TOPIC.items():
        language = locale[:2]
        token = await _chat(api, locale)
        asked = await _say(api, token, forgot)
        email_prompt = asked["replies"][-1]["body"]
        assert "@" not in email_prompt and asked["replies"][-1]["author_kind"] == "bot"

        switched = await _say(api, token, deposit)
        bodies = [r["body"] for r in switched["replies"]]
        assert t("flows.invalid_email", language) not in bodies, (locale, bodies)
        # The deposit flow starts: an anonymous customer is asked for their e-mail first too.
        assert bodies == [email_prompt], (locale, bodies)

        handed = await _say(api, token, "agent")
        conversation_id = handed["replies"][0]["conversation_id"]
        note = next(m for m in await _messages(as_bob, conversation_id) if m["internal"])
        lines = note["body"].splitlines()
        assert "Flow password_reset." in lines and "Flow deposit_not_arrived." in lines
        assert (
            "Flow password_reset left at step ask_email: the customer asked something else."
            in lines
        ), note["body"]


async def test_a_question_the_knowledge_base_answers_leaves_the_flow(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "api-keys", "en", API_KEYS)
    token = await _chat(api)
    await _say(api, token, "I forgot my password")
    sent = await _say(api, token, "How do I create an API key for my trading bot?")
    answer, question = sent["replies"]
    assert answer["meta"]["article"]["external_id"] == "api-keys"
    assert question["body"] == t("bot.helped", "en")
    # The flow is gone: an e-mail now is no answer to it, and "yes" closes the chat.
    closed = await _say(api, token, "yes")
    assert closed["replies"][0]["body"] == t("bot.glad", "en")


async def test_a_wrong_email_is_asked_again_and_cancel_words_still_end_the_flow(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    token = await _chat(api)
    await _say(api, token, "I forgot my password")
    for wrong in ("abc", "lan@exmaple,com", "lan at example dot com"):
        again = await _say(api, token, wrong)
        assert [r["body"] for r in again["replies"]] == [t("flows.invalid_email", "en")], wrong
    sent = await _say(api, token, "lan@example.com")
    assert sent["replies"][0]["body"].startswith("For your security, we sent a 6-digit code")

    token = await _chat(api, "vi-VN")
    await _say(api, token, "toi quen mat khau")
    stopped = await _say(api, token, "huy")
    assert [r["body"] for r in stopped["replies"]] == [t("bot.cancelled", "vi")]
    handed = await _say(api, token, "gap nhan vien")
    conversation_id = handed["replies"][0]["conversation_id"]
    note = next(m for m in await _messages(as_bob, conversation_id) if m["internal"])
    assert "Flow password_reset left at step ask_email: the customer cancelled it." in note["body"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100


async def _send_file(api: httpx.AsyncClient, token: str, name: str) -> dict[str, Any]:
    r = await api.post(
        "/chat/api/attachments",
        headers={"X-Chat-Token": token},
        data={"client_id": uuid.uuid4().hex},
        files={"file": (name, PNG, "image/png")},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_a_file_is_kept_for_the_agent_not_read_as_a_question(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    """A screenshot sent to the bot is no question: the bot keeps it and asks what happened,
    in the customer's language; in a flow, the flow still waits for its answer; the agent who
    takes over reads that files came."""
    token = await _chat(api, "vi-VN")
    sent = await _send_file(api, token, "IMG_2031.png")
    [line] = [r for r in sent["replies"] if r["author_kind"] == "bot"]
    assert line["body"] == t("bot.file_received", "vi")
    conversation_id = sent["message"]["conversation_id"]
    assert (await _conversation(as_bob, conversation_id))["status"] == "bot"

    # Then the question, typed without diacritics: the deposit flow starts.
    asked = await _say(api, token, "toi nap tien usdt tu hom qua ma chua thay ve tai khoan")
    assert (await _conversation(as_bob, conversation_id))["status"] == "bot"
    question = [r for r in asked["replies"] if r["author_kind"] == "bot"][-1]["body"]

    # A file while the flow waits: kept, and the flow's question still stands.
    again = await _send_file(api, token, "agent.png")  # a name is never read, not even this
    assert [r["body"] for r in again["replies"]] == [t("bot.file_received_flow", "vi")]
    assert (await _conversation(as_bob, conversation_id))["status"] == "bot"
    history = (await api.get("/chat/api/messages", headers={"X-Chat-Token": token})).json()
    assert question in [m["body"] for m in history["items"]]

    handed = await _say(api, token, "nhan vien")
    assert handed["replies"][0]["body"] == t("bot.handover", "vi")
    notes = [m for m in await _messages(as_bob, conversation_id) if m["internal"]]
    assert "The customer sent 2 files" in notes[-1]["body"]
    files = (await as_bob.get(f"/api/v1/conversations/{conversation_id}/attachments")).json()
    assert len(files) == 2
