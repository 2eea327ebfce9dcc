"""The mail tests' real servers: Firstline's own SMTP listener, on a free port of the test's
event loop, and a sink (another real SMTP server, aiosmtpd) that receives what Firstline
sends. The customer talks to the listener with the standard library's smtplib."""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session

from firstline.core.db import Database
from firstline.core.settings import Settings, get_settings
from firstline.jobs import run_pass
from firstline.mail.listener import start_listener


@dataclass
class Sink:
    """A real SMTP server that keeps what it is sent; `refuse` makes it answer RCPT with it."""

    port: int = 0
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refuse: str | None = None

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        message = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(message, EmailMessage)
        self.received.append(message)
        self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Stored"


@pytest.fixture
async def sink() -> AsyncIterator[Sink]:
    handler = Sink()
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(handler, hostname="sink.test", decode_data=False), "127.0.0.1", 0
    )
    handler.port = server.sockets[0].getsockname()[1]
    yield handler
    server.close()
    await server.wait_closed()


@pytest.fixture
def settings(sink: Sink, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """The app's settings and the jobs' (which read the environment) agree on where files
    lie and where mail goes."""
    values: dict[str, Any] = {
        "attachments_dir": str(tmp_path / "files"),
        "smtp_url": f"smtp://127.0.0.1:{sink.port}",
        "smtp_hostname": "firstline.test",
        "attachment_max_bytes": 2 * 1024 * 1024,
    }
    for name, value in values.items():
        monkeypatch.setenv(f"FIRSTLINE_{name.upper()}", str(value))
    get_settings.cache_clear()
    yield Settings(max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=False, **values)
    get_settings.cache_clear()


@dataclass
class Listener:
    port: int

    def send(self, message: EmailMessage, *, to: list[str] | None = None) -> dict[str, Any]:
        """Deliver with smtplib as a customer's server would; what it refused."""
        with smtplib.SMTP("127.0.0.1", self.port, timeout=30) as client:
            return client.send_message(message, to_addrs=to)

    async def deliver(self, message: EmailMessage, **kwargs: Any) -> dict[str, Any]:
        return await asyncio.to_thread(self.send, message, **kwargs)


@pytest.fixture
async def listener(db: Database, settings: Settings) -> AsyncIterator[Listener]:
    server = await start_listener(db, settings, "127.0.0.1:0")
    yield Listener(server.sockets[0].getsockname()[1])
    server.close()
    await server.wait_closed()


@pytest.fixture
async def mailbox(as_alice: httpx.AsyncClient) -> dict[str, Any]:
    r = await as_alice.post(
        "/api/v1/mailboxes",
        json={
            "address": "support@demo.test",
            "name": "Demo Support",
            "signatures": {"en": "Demo Exchange Support", "vi": "Bộ phận hỗ trợ Demo"},
        },
    )
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def mail(
    body: str,
    *,
    subject: str = "Nap tien chua ve",
    sender: str = "Lan Nguyen <lan@example.com>",
    to: str = "support@demo.test",
    message_id: str | None = None,
    **headers: str,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def plain(message: EmailMessage) -> str:
    """The text part of a mail Firstline sent."""
    part = message.get_body(("plain",))
    assert part is not None, "the mail has no text part"
    text: str = part.get_content()
    return text


async def send_jobs(db: Database) -> None:
    """One pass of the jobs, outbox included: what is queued goes out."""
    await run_pass(db)
