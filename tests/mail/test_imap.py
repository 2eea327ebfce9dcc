"""IMAP polling against a real IMAP server (Dovecot, started by the test): new mail becomes
conversations, is marked read or moved only once stored, a mail fetched twice is stored once,
and a wrong password shows on the mailbox instead of failing the jobs."""

from __future__ import annotations

import asyncio
import imaplib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from firstline.core.db import Database
from firstline.jobs import run_pass
from firstline.mail.models import Mailbox
from tests.conftest import _unavailable
from tests.mail.conftest import Sink, mail
from tests.mail.dovecot import Imap, dovecot, dovecot_binary

ACCOUNT = "help@exchange.test"


@pytest.fixture
def imap(monkeypatch: pytest.MonkeyPatch) -> Iterator[Imap]:
    if dovecot_binary() is None:
        _unavailable("IMAP tests need Dovecot (Debian's dovecot-imapd)")
    monkeypatch.setenv("FIRSTLINE_IMAP_POLL_SECONDS", "0")
    with dovecot(ACCOUNT, "imap-secret") as server:
        yield server


def _client(imap: Imap) -> imaplib.IMAP4:
    client = imaplib.IMAP4("127.0.0.1", imap.port, timeout=10)
    client.login(imap.user, imap.password)
    return client


def _append(imap: Imap, raw: bytes, folder: str = "INBOX") -> None:
    client = _client(imap)
    try:
        client.append(folder, None, None, raw)
    finally:
        client.logout()


def _count(imap: Imap, folder: str, criterion: str) -> int:
    client = _client(imap)
    try:
        client.select(folder)
        _, data = client.uid("SEARCH", None, criterion)  # type: ignore[arg-type]
        return len(data[0].split()) if data and data[0] else 0
    finally:
        client.logout()


async def _mailbox(as_alice: httpx.AsyncClient, imap: Imap, **extra: Any) -> dict[str, Any]:
    r = await as_alice.post(
        "/api/v1/mailboxes",
        json={
            "address": ACCOUNT,
            "imap": {"host": "127.0.0.1", "port": imap.port, "security": "none",
                     "user": imap.user, "password": imap.password, **extra},
        },
    )  # fmt: skip
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_new_mail_is_fetched_stored_once_and_marked_read(
    db: Database, imap: Imap, sink: Sink, as_alice: httpx.AsyncClient,
) -> None:  # fmt: skip
    await _mailbox(as_alice, imap)
    for n, text in enumerate(
        ("Saya sudah deposit USDT tapi saldo belum masuk juga", "Withdrawal pending 3h")
    ):
        raw = mail(text, subject=f"Case {n}", sender=f"user{n}@example.com", to=ACCOUNT,
                   message_id=f"<imap-{n}@example.com>").as_bytes()  # fmt: skip
        await asyncio.to_thread(_append, imap, raw)
    report = await run_pass(db)
    assert report.mails_fetched == 2, report
    items = (await as_alice.get("/api/v1/conversations")).json()["items"]
    by_subject = {c["subject"]: c for c in items}
    assert by_subject["Case 0"]["language"] == "id"
    assert {c["channel"] for c in items} == {"email"}
    assert await asyncio.to_thread(_count, imap, "INBOX", "UNSEEN") == 0
    # A crash after storing and before marking: the mail is fetched again, stored once.
    client = await asyncio.to_thread(_client, imap)
    await asyncio.to_thread(client.select, "INBOX")
    await asyncio.to_thread(client.uid, "STORE", "1:*", "-FLAGS", "(\\Seen)")
    await asyncio.to_thread(client.logout)
    report = await run_pass(db)
    assert report.mails_fetched == 0
    assert len((await as_alice.get("/api/v1/conversations")).json()["items"]) == 2
    assert await asyncio.to_thread(_count, imap, "INBOX", "UNSEEN") == 0
    # The acknowledgements went out by SMTP, one per request.
    assert sorted(str(m["To"]) for m in sink.received) == [
        "user0@example.com", "user1@example.com",
    ]  # fmt: skip


async def test_fetched_mail_can_be_moved_to_a_folder(
    db: Database, imap: Imap, as_alice: httpx.AsyncClient,
) -> None:  # fmt: skip
    client = await asyncio.to_thread(_client, imap)
    await asyncio.to_thread(client.create, "Firstline")
    await asyncio.to_thread(client.logout)
    await _mailbox(as_alice, imap, move_to="Firstline")
    raw = mail("Account locked after 2FA reset", subject="Locked", to=ACCOUNT).as_bytes()
    await asyncio.to_thread(_append, imap, raw)
    assert (await run_pass(db)).mails_fetched == 1
    assert await asyncio.to_thread(_count, imap, "INBOX", "ALL") == 0
    assert await asyncio.to_thread(_count, imap, "Firstline", "ALL") == 1


async def test_a_wrong_password_shows_on_the_mailbox(
    db: Database, imap: Imap, as_alice: httpx.AsyncClient,
) -> None:  # fmt: skip
    box = await _mailbox(as_alice, imap)
    r = await as_alice.patch(
        f"/api/v1/mailboxes/{box['id']}",
        json={"imap": {"host": "127.0.0.1", "port": imap.port, "security": "none",
                       "user": imap.user, "password": "not-the-password"}},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    async with db.transaction() as s:
        await s.execute(update(Mailbox).values(imap_checked_at=None))
    report = await run_pass(db)
    assert report.errors == []
    shown = (await as_alice.get(f"/api/v1/mailboxes/{box['id']}")).json()["imap"]
    assert shown["error"].startswith("Could not sign in") and shown["password_set"]
