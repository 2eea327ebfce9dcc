"""Mail through the front door: a customer's mail over SMTP becomes an e-mail conversation,
is acknowledged in the customer's language, the agent's reply goes out through the outbox and
threads, and the customer's answer lands in the same conversation."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from firstline.conversations.models import Conversation
from firstline.core.db import Database
from firstline.core.i18n import t
from firstline.mail.models import MailMessage
from tests.conftest import World
from tests.mail.conftest import Listener, Sink, mail, plain, send_jobs

VI = (
    "Chào anh chị, tôi đã nạp 500 USDT qua mạng TRC20 từ hôm qua nhưng đến giờ vẫn chưa "
    "thấy tiền về tài khoản. Mã giao dịch là 7f3a9c. Mong được hỗ trợ sớm."
)


def _stored(folder: str) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.is_file()]


async def _conversations(as_bob: httpx.AsyncClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = (await as_bob.get("/api/v1/conversations")).json()["items"]
    return items


async def test_a_vietnamese_mail_is_a_conversation_acknowledged_answered_and_threaded(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_bob: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    refused = await listener.deliver(
        mail(VI, subject="Nạp tiền chưa về", message_id="<first.1@example.com>")
    )
    assert refused == {}
    [conversation] = await _conversations(as_bob)
    assert conversation["channel"] == "email"
    assert conversation["language"] == "vi"
    assert conversation["subject"] == "Nạp tiền chưa về"
    cid = conversation["id"]
    external_id = conversation["customer"]["external_id"]
    customer = (await as_bob.get(f"/api/v1/customers/{external_id}")).json()
    assert customer["email"] == "lan@example.com" and customer["name"] == "Lan Nguyen"

    # The acknowledgement goes out through the outbox, in Vietnamese, threaded.
    assert sink.received == []
    await send_jobs(db)
    [ack] = sink.received
    assert ack["In-Reply-To"] == "<first.1@example.com>"
    assert ack["To"] == "lan@example.com"
    assert ack["From"] == "Demo Support <support@demo.test>"
    assert ack["Subject"] == f"Re: Nạp tiền chưa về [#{cid}]"
    assert ack["Auto-Submitted"] == "auto-replied"
    text = plain(ack)
    assert t("mail.ack_received", "vi", reference=cid) in text
    assert "Bộ phận hỗ trợ Demo" in text  # the Vietnamese signature

    # The agent's reply threads under the customer's mail.
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "Chào chị Lan, em đã kiểm tra: giao dịch cần thêm 20 xác nhận."},
    )
    assert r.status_code == 201, r.text
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "Chain team checking the hash", "internal": True},
    )
    await send_jobs(db)
    assert len(sink.received) == 2  # the internal note never leaves
    reply = sink.received[1]
    assert reply["In-Reply-To"] == "<first.1@example.com>"
    assert "<first.1@example.com>" in reply["References"]
    assert reply["Subject"] == f"Re: Nạp tiền chưa về [#{cid}]"
    assert reply.get_body(("html",)) is not None
    assert "20 xác nhận" in plain(reply)
    mails = (await as_bob.get(f"/api/v1/conversations/{cid}/mails")).json()
    assert [(m["direction"], m["state"]) for m in mails] == [
        ("in", "received"), ("out", "sent"), ("out", "sent"),
    ]  # fmt: skip

    # The customer answers from their mail program, quoting us: same conversation, the quote
    # folded away but kept.
    answer = mail(
        "Cảm ơn em, chị thấy tiền về rồi.\n\n"
        "Vào Th 3, Demo Support <support@demo.test> đã viết:\n> Chào chị Lan",
        subject=str(reply["Subject"]),
        message_id="<second.2@example.com>",
        In_Reply_To=str(reply["Message-ID"]),
        References=f"<first.1@example.com> {reply['Message-ID']}",
    )
    await listener.deliver(answer)
    assert [c["id"] for c in await _conversations(as_bob)] == [cid]
    messages = (await as_bob.get(f"/api/v1/conversations/{cid}/messages")).json()["items"]
    assert messages[0]["body"] == "Cảm ơn em, chị thấy tiền về rồi."
    mails = (await as_bob.get(f"/api/v1/conversations/{cid}/mails")).json()
    assert mails[-1]["quoted"].startswith("Vào Th 3")
    # Nothing more is sent for the customer's own message.
    await send_jobs(db)
    assert len(sink.received) == 2


async def test_an_unknown_recipient_is_refused_at_rcpt_and_nothing_is_stored(
    db: Database, listener: Listener, mailbox: dict[str, Any], as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        await listener.deliver(mail("hello", to="sales@demo.test"))
    code, said = refused.value.recipients["sales@demo.test"]
    assert code == 550 and b"sales@demo.test" in said
    # A +tag still reaches the mailbox.
    assert await listener.deliver(mail("hello there", to="support+abc@demo.test")) == {}
    assert len(await _conversations(as_bob)) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto_Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"sender": "MAILER-DAEMON@mx.example.com"},
        {"List_Id": "<news.example.com>"},
    ],
)
async def test_automatic_mail_opens_nothing_and_gets_no_answer(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_bob: httpx.AsyncClient, headers: dict[str, str],
) -> None:  # fmt: skip
    assert await listener.deliver(mail("I am out of office until Monday.", **headers)) == {}
    assert await _conversations(as_bob) == []
    await send_jobs(db)
    assert sink.received == []
    async with db.session() as s:
        kept = (await s.scalars(select(MailMessage))).all()
    assert [m.state for m in kept] == ["ignored"]


async def test_the_same_mail_delivered_twice_is_stored_once(
    db: Database, listener: Listener, mailbox: dict[str, Any], as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    once = mail("Withdrawal stuck for 3 hours", message_id="<dup@example.com>", subject="Stuck")
    await listener.deliver(once)
    await listener.deliver(once)
    [conversation] = await _conversations(as_bob)
    assert conversation["message_count"] == 2  # the customer's mail and the acknowledgement


async def test_a_30_mb_mail_is_refused_while_it_arrives_and_nothing_is_half_stored(
    db: Database, listener: Listener, mailbox: dict[str, Any], as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    big = mail("Here is the screen recording of the failed withdrawal.")
    big.add_attachment(b"\0" * (30 * 1024 * 1024), maintype="video", subtype="mp4",
                       filename="recording.mp4")  # fmt: skip
    # smtplib declares the size (ESMTP SIZE), so the refusal comes before a byte is sent.
    with pytest.raises(smtplib.SMTPSenderRefused) as early:
        await listener.deliver(big)
    assert early.value.smtp_code == 552
    # One file over the per-file limit (2 MB in these tests): refused by name.
    one = mail("Statement attached.")
    one.add_attachment(b"%PDF-1.4\n" + b"x" * (3 * 1024 * 1024), maintype="application",
                       subtype="pdf", filename="statement.pdf")  # fmt: skip
    with pytest.raises(smtplib.SMTPDataError) as refused:
        await listener.deliver(one)
    assert refused.value.smtp_code == 552
    assert b"statement.pdf" in refused.value.smtp_error
    assert await _conversations(as_bob) == []
    async with db.session() as s:
        assert await s.scalar(select(func.count()).select_from(MailMessage)) == 0
        assert await s.scalar(select(func.count()).select_from(Conversation)) == 0


async def test_files_come_in_sniffed_and_download_for_those_who_see_the_conversation(
    db: Database, listener: Listener, mailbox: dict[str, Any], as_bob: httpx.AsyncClient,
    as_dave: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    message = mail("Screenshot of the deposit page attached.", subject="Deposit screenshot")
    message.add_alternative(
        '<p>Screenshot:</p><img src="cid:shot1"><img src="https://tracker.example/p.gif">'
        "<script>alert(1)</script>",
        subtype="html",
    )
    html = message.get_body(("html",))
    assert html is not None
    html.add_related(png, maintype="image", subtype="png", cid="<shot1>")
    # Named .pdf, but a web page: served as a download of bytes, never as a page.
    message.add_attachment(b"<html><script>alert(1)</script></html>", maintype="application",
                           subtype="pdf", filename="invoice.pdf")  # fmt: skip
    await listener.deliver(message)
    [conversation] = await _conversations(as_bob)
    cid = conversation["id"]
    files = (await as_bob.get(f"/api/v1/conversations/{cid}/attachments")).json()
    by_name = {f["filename"]: f for f in files}
    assert by_name["invoice.pdf"]["content_type"] == "text/html"
    shot = next(f for f in files if f["content_type"] == "image/png")
    r = await as_bob.get(shot["url"])
    assert r.status_code == 200 and r.content == png
    assert r.headers["content-type"] == "image/png"
    r = await as_bob.get(by_name["invoice.pdf"]["url"])
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in r.headers["content-security-policy"]
    # Dave works futures in Vietnamese: this conversation and its files are not his.
    if conversation["team_id"] not in (world.futures_vi,):
        assert (await as_dave.get(shot["url"])).status_code == 404
    # The HTML is kept sanitized: no script, no remote image, the inline one served by us.
    mails = (await as_bob.get(f"/api/v1/conversations/{cid}/mails")).json()
    detail = (await as_bob.get(f"/api/v1/conversations/{cid}/mails/{mails[0]['id']}")).json()
    assert "<script" not in detail["html"] and "tracker.example" not in detail["html"]
    assert f'src="/api/v1/attachments/{shot["id"]}"' in detail["html"]


async def test_a_reference_in_the_subject_threads_only_for_the_conversations_customer(
    db: Database, listener: Listener, mailbox: dict[str, Any], as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    await listener.deliver(mail("My withdrawal is stuck", subject="Withdrawal"))
    [first] = await _conversations(as_bob)
    cid = first["id"]
    # Another sender quoting the reference opens a conversation of their own.
    await listener.deliver(
        mail("Add this to the case", subject=f"Re: Withdrawal [#{cid}]",
             sender="mallory@example.net")
    )  # fmt: skip
    assert len(await _conversations(as_bob)) == 2
    # The customer quoting it continues their own, and a resolved one reopens.
    r = await as_bob.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200, r.text
    await listener.deliver(mail("Still not there", subject=f"Re: Withdrawal [#{cid}]"))
    again = (await as_bob.get(f"/api/v1/conversations/{cid}")).json()
    assert again["status"] == "open"
    assert len(await _conversations(as_bob)) == 2
    # After it is closed, a reply opens a new conversation that says which one it continues.
    r = await as_bob.patch(f"/api/v1/conversations/{cid}", json={"status": "closed"})
    assert r.status_code == 200, r.text
    await listener.deliver(mail("One more question", subject=f"Re: Withdrawal [#{cid}]"))
    conversations = await _conversations(as_bob)
    assert len(conversations) == 3
    newest = conversations[0]["id"]
    notes = (await as_bob.get(f"/api/v1/conversations/{newest}/messages")).json()["items"]
    assert any(m["internal"] and f"#{cid}" in m["body"] for m in notes)


async def test_a_mail_server_that_is_away_or_refuses_shows_on_the_reply(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    sink.refuse = "550 5.1.1 <lan@example.com>: mailbox unavailable"
    await listener.deliver(mail("Where is my money?", subject="Deposit"))
    [conversation] = await _conversations(as_bob)
    cid = conversation["id"]
    await send_jobs(db)
    [ack] = (await as_bob.get(f"/api/v1/conversations/{cid}/mails")).json()[1:]
    assert ack["state"] == "failed" and "mailbox unavailable" in ack["error"]
    assert sink.received == []
    # The agent sends it again once the address works.
    sink.refuse = None
    r = await as_bob.post(f"/api/v1/conversations/{cid}/mails/{ack['id']}/retry")
    assert r.status_code == 200 and r.json()["state"] == "queued"
    await send_jobs(db)
    assert len(sink.received) == 1
    state = (await as_bob.get(f"/api/v1/conversations/{cid}/mails")).json()[1]["state"]
    assert state == "sent"
    r = await as_bob.post(f"/api/v1/conversations/{cid}/mails/{ack['id']}/retry")
    assert r.status_code == 409


async def test_mailboxes_are_for_those_who_manage_them(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, mailbox: dict[str, Any],
) -> None:  # fmt: skip
    assert (await as_bob.get("/api/v1/mailboxes")).status_code == 404
    assert (await as_bob.get(f"/api/v1/mailboxes/{mailbox['id']}")).status_code == 404
    r = await as_bob.post("/api/v1/mailboxes", json={"address": "x@demo.test"})
    assert r.status_code == 404
    r = await as_alice.post("/api/v1/mailboxes", json={"address": "SUPPORT@demo.test"})
    assert r.status_code == 409
    r = await as_alice.post(
        "/api/v1/mailboxes",
        json={"address": "vip@demo.test", "imap": {"host": "imap.demo.test", "user": "vip"}},
    )
    assert r.status_code == 422 and "imap.password" in r.json()["detail"]
    r = await as_alice.post(
        "/api/v1/mailboxes",
        json={"address": "vip@demo.test",
              "imap": {"host": "imap.demo.test", "user": "vip", "password": "s3cret-imap"}},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    assert r.json()["imap"]["password_set"] is True and "s3cret" not in r.text
    audit = (await as_alice.get("/api/v1/audit", params={"action": "mailbox."})).json()
    assert "s3cret" not in str(audit)
    assert {e["action"] for e in audit["items"]} == {"mailbox.created"}


async def test_erasure_removes_the_persons_mails_and_files_and_export_lists_them(
    db: Database, listener: Listener, mailbox: dict[str, Any], as_alice: httpx.AsyncClient,
    settings: Any,
) -> None:  # fmt: skip
    message = mail("My ID card, as you asked.", subject="KYC documents")
    message.add_attachment(b"%PDF-1.4 id card of Lan", maintype="application", subtype="pdf",
                           filename="id-card.pdf")  # fmt: skip
    await listener.deliver(message)
    [conversation] = await _conversations(as_alice)
    customer_id = conversation["customer"]["id"]
    doc = (await as_alice.get(f"/api/v1/customers/{customer_id}/export")).json()
    [exported] = doc["conversations"]
    assert [f["filename"] for f in exported["attachments"]] == ["id-card.pdf"]
    assert exported["mails"][0]["from_address"] == "lan@example.com"
    assert len(_stored(settings.attachments_dir)) == 1

    r = await as_alice.post(
        f"/api/v1/customers/{customer_id}/erase", json={"confirm": str(customer_id)}
    )
    assert r.status_code == 200, r.text
    await send_jobs(db)
    assert _stored(settings.attachments_dir) == []
    async with db.session() as s:
        kept = (await s.scalars(select(MailMessage))).all()
    assert kept and all(m.from_address == "" and m.html is None for m in kept)
    assert {m.direction for m in kept} == {"in", "out"}  # the statistics stay


async def test_a_bounce_of_our_reply_marks_it_and_tells_the_agent(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    await listener.deliver(mail("Please close my account", subject="Close account"))
    [conversation] = await _conversations(as_bob)
    cid = conversation["id"]
    await send_jobs(db)
    [ack] = sink.received
    report = EmailMessage()
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.com>"
    report["To"] = "support@demo.test"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report["Auto-Submitted"] = "auto-replied"
    report.set_content("I'm sorry: your message could not be delivered.\n550 5.1.1 no such user")
    report.add_attachment(
        f"Message-ID: {ack['Message-ID']}\nSubject: {ack['Subject']}\n",
        subtype="rfc822-headers",
    )
    report.replace_header("Content-Type", report["Content-Type"].replace("mixed", "report"))
    await listener.deliver(report)
    assert [c["id"] for c in await _conversations(as_bob)] == [cid]  # no new conversation
    mails = (await as_bob.get(f"/api/v1/conversations/{cid}/mails")).json()
    out = next(m for m in mails if m["direction"] == "out")
    assert out["state"] == "bounced" and "no such user" in out["error"]
    notes = (await as_bob.get(f"/api/v1/conversations/{cid}/messages")).json()["items"]
    assert notes[0]["internal"] and "no such user" in notes[0]["body"]
    await send_jobs(db)
    assert len(sink.received) == 1  # nothing answers a bounce


async def test_a_mailbox_takes_a_display_name_and_one_signature_for_every_language(
    as_alice: httpx.AsyncClient,
) -> None:
    r = await as_alice.post(
        "/api/v1/mailboxes",
        json={"address": "vip@demo.test", "display_name": "VIP desk", "signature": "VIP team"},
    )
    assert r.status_code == 201, r.text
    box = r.json()
    assert box["name"] == box["display_name"] == "VIP desk"
    assert box["signatures"] == {"en": "VIP team"}
