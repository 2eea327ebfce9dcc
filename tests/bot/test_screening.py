"""The bot never asks a customer for a secret: an article that would have it ask for the 2FA
code is held back, colleagues read why, the secret check fails with that line as evidence,
and a person takes over."""

from __future__ import annotations

import httpx

from tests.bot.test_bot import _chat, _conversation, _messages, _publish, _say

BAD_ARTICLE = (
    "# Unlock your account\n\n"
    "To unlock your account after too many sign-in attempts, please send us the 6-digit "
    "2FA code from your Google Authenticator app in this chat and we will unlock it for you."
)


async def test_an_article_asking_for_the_2fa_code_is_held_back(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "unlock-account", "en", BAD_ARTICLE)
    token = await _chat(api)
    sent = await _say(api, token, "How do I unlock my account after too many sign-in attempts?")
    replies = sent["replies"]
    assert all("2FA code" not in r["body"] for r in replies), replies
    cid = sent["message"]["conversation_id"]
    assert (await _conversation(as_bob, cid))["status"] != "bot"
    messages = await _messages(as_bob, cid)
    held = [m for m in messages if (m.get("meta") or {}).get("screening")]
    assert len(held) == 1 and held[0]["internal"], messages
    checks = {c["check"]: c for c in (await as_bob.get(f"/api/v1/conversations/{cid}/qa")).json()}
    assert not checks["secret_request"]["passed"]
    assert checks["secret_request"]["message_id"] == held[0]["id"]
    # Nothing the customer can read asks for the code.
    history = (await api.get("/chat/api/messages", headers={"X-Chat-Token": token})).json()["items"]
    assert all("2FA code" not in m["body"] for m in history)
