"""The bot answers a mail from the knowledge base when it is sure (the chat's rule): one mail
with the reference, the article's passage and "reply if it did not help"; the conversation
is resolved, and the customer's reply reopens it for a person. Unsure, a person answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from firstline.core.db import Database
from firstline.core.i18n import t
from firstline.core.settings import Settings
from tests.mail.conftest import Listener, Sink, mail, plain, send_jobs

TWO_FA = (
    "# Reset two-factor authentication\n\n"
    "Open Security, choose Reset 2FA, confirm with your e-mail code and upload a selfie with "
    "your ID. The reset takes up to 24 hours; withdrawals stay locked for 24 hours after it."
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"bot": True, "public_url": "https://help.demo.test"})


async def test_a_sure_answer_goes_by_mail_and_a_reply_reopens_for_a_person(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_alice: httpx.AsyncClient,
) -> None:  # fmt: skip
    r = await as_alice.put(
        "/api/v1/kb/articles/reset-2fa/en",
        json={"body": TWO_FA, "status": "published", "category": "Security"},
    )
    assert r.status_code in (200, 201), r.text
    await listener.deliver(
        mail("I lost my phone. How do I reset two-factor authentication (2FA) on my account?",
             subject="Reset 2FA", sender="Ana <ana@example.com>",
             message_id="<ana-1@example.com>")
    )  # fmt: skip
    [conversation] = (await as_alice.get("/api/v1/conversations")).json()["items"]
    cid = conversation["id"]
    assert conversation["status"] == "resolved"
    await send_jobs(db)
    [answer] = sink.received
    text = plain(answer)
    assert t("mail.ack_received", "en", reference=cid) in text
    assert "Reset two-factor authentication" in text and "selfie" in text
    assert "https://help.demo.test/help/en/articles/reset-2fa" in text
    assert t("mail.kb_not_helped", "en") in text
    assert answer["Auto-Submitted"] == "auto-replied"
    assert answer["In-Reply-To"] == "<ana-1@example.com>"

    await listener.deliver(
        mail("That did not help, I cannot receive the e-mail code either.",
             subject=str(answer["Subject"]), sender="ana@example.com",
             In_Reply_To=str(answer["Message-ID"]))
    )  # fmt: skip
    again = (await as_alice.get(f"/api/v1/conversations/{cid}")).json()
    assert again["status"] == "open"


async def test_unsure_the_bot_leaves_the_mail_to_a_person(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_alice: httpx.AsyncClient,
) -> None:  # fmt: skip
    await listener.deliver(mail("My cat walked on the keyboard and bought 3 ETH, can I undo it?",
                                subject="Mistake"))  # fmt: skip
    [conversation] = (await as_alice.get("/api/v1/conversations")).json()["items"]
    assert conversation["status"] == "open"
    await send_jobs(db)
    [ack] = sink.received
    assert t("mail.kb_intro", "en") not in plain(ack)
