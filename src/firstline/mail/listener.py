"""The SMTP server `firstline serve` runs for incoming mail (FIRSTLINE_SMTP_LISTEN=HOST:PORT).

It accepts mail for the mailboxes' addresses only: any other recipient is refused at RCPT with
550, before a byte of the mail is sent. A mail is answered 250 only once it is committed
(conversation, message, files, Message-ID), so a sender that hears 250 may forget it; anything
that goes wrong before that is a 4xx, and the sending server tries again later. Mail over
FIRSTLINE_MAIL_MAX_BYTES is refused with 552 while it arrives, a single file over
FIRSTLINE_ATTACHMENT_MAX_BYTES with 552 and its name; nothing of either is stored.

Every `serve` worker binds the port with SO_REUSEPORT, so N workers share one listening
address and the kernel spreads the connections, as it does for HTTP (web/workers.py). Put it
behind your own MTA (Postfix relaying to it) when mail must arrive over TLS from the internet;
docs/email.md shows how.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from firstline.core.blobs import blob_store
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.mail.intake import MailRefused, find_mailbox, receive_mail
from firstline.mail.parse import normalize_address, parse_mail

log = logging.getLogger(__name__)


def parse_listen(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


class MailHandler:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.store = blob_store(settings.attachments_dir, db.url)

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        recipient = normalize_address(address)
        try:
            async with self.db.session() as s:
                box, _ = await find_mailbox(s, recipient)
        except Exception:
            log.exception("mailbox lookup failed")
            return "451 4.3.0 Temporary failure; try again later"
        if box is None:
            return f"550 5.1.1 No mailbox here is called <{recipient}>"
        envelope.rcpt_tos.append(recipient)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        if not isinstance(raw, bytes):
            return "554 5.6.0 No message"
        try:
            parsed = parse_mail(raw, envelope.mail_from)
        except Exception:
            log.exception("unreadable mail")
            return "554 5.6.0 The mail could not be read"
        recipient = envelope.rcpt_tos[0]
        try:
            async with self.db.transaction() as s:
                await receive_mail(s, self.store, raw, recipient, self.settings, parsed=parsed)
        except MailRefused as refused:
            return f"{refused.code} {refused.enhanced} {refused.sentence}"
        except Exception:
            log.exception("storing a mail failed")
            return "451 4.3.0 Temporary failure; nothing was stored, try again later"
        return "250 2.0.0 Stored"


def _socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


async def start_listener(
    db: Database, settings: Settings, listen: str | None = None
) -> asyncio.Server:
    """Serve SMTP at `listen` (else FIRSTLINE_SMTP_LISTEN) on the running loop."""
    host, port = parse_listen(listen or settings.smtp_listen or "")
    handler = MailHandler(db, settings)

    def protocol() -> Any:
        return SMTP(
            handler,
            hostname=settings.smtp_hostname,
            ident="Firstline",
            data_size_limit=settings.mail_max_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            timeout=60,
        )

    server = await asyncio.get_running_loop().create_server(protocol, sock=_socket(host, port))
    log.info("SMTP listener on %s:%s", host, port)
    return server
