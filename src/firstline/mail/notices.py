"""Mail to a person that belongs to no conversation (a password-reset link): written to the
outbox in the caller's transaction and sent by the jobs through FIRSTLINE_SMTP_URL, like the
answers to customers (outbound.py), from the first active mailbox's address."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.outbox import Attempt, Claimed, deliver_due, enqueue, prune
from firstline.core.settings import get_settings
from firstline.mail.models import Mailbox
from firstline.mail.outbound import smtp_client, smtp_target

KIND = "notice"
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10))
# A notice carries a link that expires: its row goes soon after it is sent.
KEEP = timedelta(hours=1)


async def queue_notice(db: AsyncSession, *, to: str, subject: str, body: str) -> None:
    sender = await db.scalar(
        select(Mailbox.address).where(Mailbox.active).order_by(Mailbox.id).limit(1)
    )
    await enqueue(
        db, KIND, f"notice:{to[:50]}",
        {"to": to, "subject": subject, "body": body,
         "from": sender or f"no-reply@{get_settings().smtp_hostname}"},
    )  # fmt: skip


async def deliver_notices(db: Database) -> int:
    settings = get_settings()

    async def send(claimed: Sequence[Claimed]) -> list[Attempt]:
        if not settings.smtp_url:
            return [Attempt(delivered=False, error="No FIRSTLINE_SMTP_URL is set.")] * len(claimed)
        target = smtp_target(settings.smtp_url)
        out = []
        for c in claimed:
            message = EmailMessage()
            message["From"] = c.payload["from"]
            message["To"] = c.payload["to"]
            message["Subject"] = c.payload["subject"]
            message["Message-ID"] = make_msgid(domain=settings.smtp_hostname)
            message["Auto-Submitted"] = "auto-generated"
            message.set_content(c.payload["body"])
            client = smtp_client(target, settings)
            try:
                async with client:
                    await client.send_message(message)
                out.append(Attempt(delivered=True, status=250))
            except Exception as exc:
                out.append(Attempt(delivered=False, error=f"{type(exc).__name__}: {exc}"[:500]))
        return out

    sent = await deliver_due(db, KIND, send, backoff=BACKOFF, batch=20)
    await prune(db, KIND, keep=KEEP)
    return sent
