"""Mail out: every answer a customer of a mail conversation should read, sent so that it
threads in their mail program, through an outbox that never loses it.

When an agent's reply, the bot's answer or the acknowledgement is posted to an e-mail or web
form conversation, `queue_reply` (a reaction inside the posting transaction) writes the
outgoing mail's row, with its Message-ID fixed there and then, and an outbox row. Nothing is
sent unless the message commits; once it commits, the jobs send it (`deliver_mail`), retrying
with backoff while the mail server is away. A kill between the commit and the send sends it
after the restart, with the same Message-ID: a receiving server that saw it already drops the
copy. The server's answer to a failed attempt is kept on the mail for the console to show, and
an agent can send it again (`do_retry_mail`).
"""

from __future__ import annotations

import asyncio
import html
import logging
import secrets
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from urllib.parse import unquote, urlsplit

import aiosmtplib
from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.actions import MAILED_CHANNELS
from firstline.conversations.events import MessagePosted
from firstline.conversations.models import Attachment, AuthorKind, Message
from firstline.core.blobs import BlobStore, blob_store
from firstline.core.db import Database, now
from firstline.core.errors import Conflict
from firstline.core.outbox import (
    FAILED,
    PENDING,
    Attempt,
    Claimed,
    OutboxRow,
    deliver_due,
)
from firstline.core.rawsql import SQL, raw_connection
from firstline.core.settings import Settings, get_settings
from firstline.mail.intake import MAIL_META
from firstline.mail.models import Direction, Mailbox, MailMessage, MailState
from firstline.mail.parse import address_of, reply_subject

log = logging.getLogger(__name__)

KIND = "email"
TIMEOUT = 20.0
BATCH = 100
# SMTP connections one batch is sent over at once.
CONNECTIONS = 4
# After the first attempt: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h; then failed.
BACKOFF: tuple[timedelta, ...] = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=1),
    timedelta(hours=2),
    timedelta(hours=4),
    timedelta(hours=8),
)
_OUTBOX: Table = OutboxRow.__table__  # type: ignore[assignment]


def new_message_id(mailbox_address: str) -> str:
    domain = mailbox_address.partition("@")[2] or get_settings().smtp_hostname
    return f"fl.{secrets.token_hex(12)}@{domain}"


def mailed(event: MessagePosted) -> bool:
    """Whether the customer gets this message by mail: an agent's or the bot's answer, or an
    automatic line written to be mailed (the acknowledgement)."""
    if event.internal or event.author_kind == AuthorKind.customer:
        return False
    if event.channel not in MAILED_CHANNELS:
        return False
    if event.author_kind == AuthorKind.system:
        meta = event.message.get("meta") or {}
        return bool(meta.get(MAIL_META))
    return True


_THREAD = SQL(
    "SELECT direction, rfc_message_id, mailbox_id, subject FROM mail_messages "
    "WHERE conversation_id = $1 ORDER BY id DESC LIMIT 20"
)
_FIRST_MAILBOX = SQL("SELECT id, address FROM mailboxes WHERE active ORDER BY id LIMIT 1")
_MAILBOX = SQL("SELECT id, address FROM mailboxes WHERE id = $1")
_CUSTOMER = SQL(
    "SELECT cu.email, c.subject FROM conversations c "
    "JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1"
)
_INSERT_OUTBOX = SQL(
    "INSERT INTO outbox (kind, target, payload, state, attempts, created_at, due_at) "
    "VALUES ($1, $2, $3, $4, 0, $5, $5) RETURNING id"
)
_INSERT_MAIL = SQL(
    "INSERT INTO mail_messages (direction, state, rfc_message_id, mailbox_id, conversation_id, "
    'message_id, from_address, to_address, subject, in_reply_to, "references", outbox_id, '
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
)
_SET_PAYLOAD = SQL("UPDATE outbox SET payload = $2 WHERE id = $1")


async def queue_reply(db: AsyncSession, event: MessagePosted) -> None:
    """Write the outgoing mail and its outbox row in the posting transaction (hand-written
    SQL: the reply path runs with raw writes, core/rawsql.py)."""
    if not mailed(event):
        return
    raw = await raw_connection(db)
    thread = await raw.fetchall(_THREAD, event.conversation_id)
    inbound = [row for row in thread if row[0] == Direction.inbound.value]
    mailbox_id = next((row[2] for row in thread if row[2] is not None), None)
    box = await raw.fetchone(_MAILBOX, mailbox_id) if mailbox_id is not None else None
    if box is None:
        box = await raw.fetchone(_FIRST_MAILBOX)
    customer = await raw.fetchone(_CUSTOMER, event.conversation_id)
    if box is None or customer is None or not customer[0]:
        log.warning(
            "conversation %s: no mailbox or no customer address; reply not mailed",
            event.conversation_id,
        )
        return
    at = now(db)
    subject = next((row[3] for row in reversed(thread) if row[3]), "") or customer[1] or ""
    (outbox_id,) = await raw.fetchone(
        _INSERT_OUTBOX, KIND, f"conversation:{event.conversation_id}", raw.json({}), PENDING,
        raw.ts(at),
    )  # fmt: skip
    (mail_id,) = await raw.fetchone(
        _INSERT_MAIL,
        Direction.outbound.value,
        MailState.queued.value,
        new_message_id(box[1]),
        box[0],
        event.conversation_id,
        event.message_id,
        box[1],
        customer[0],
        reply_subject(subject, event.conversation_id)[:300],
        inbound[0][1] if inbound else None,
        raw.json([row[1] for row in reversed(thread)][-20:]),
        outbox_id,
        raw.ts(at),
    )
    await raw.execute(_SET_PAYLOAD, outbox_id, raw.json({"mail_id": mail_id}))


async def do_retry_mail(db: AsyncSession, mail: MailMessage) -> None:
    """Send a failed (or bounced) mail again, now, with its Message-ID unchanged."""
    if mail.direction != Direction.outbound.value or mail.outbox_id is None:
        raise Conflict("Only a reply we sent can be sent again.")
    if mail.state not in (MailState.failed.value, MailState.bounced.value):
        raise Conflict(f"This mail is {mail.state}; only a failed one is sent again.")
    at = now(db)
    await db.execute(
        update(OutboxRow)
        .where(OutboxRow.id == mail.outbox_id)
        .values(state=PENDING, due_at=at, attempts=0, claimed_until=None, finished_at=None)
    )
    mail.state = MailState.queued.value
    mail.error = None


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool  # TLS from the first byte (smtps://); otherwise STARTTLS when offered


def smtp_target(url: str) -> SmtpTarget:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("FIRSTLINE_SMTP_URL must look like smtp://[user:pass@]host:port")
    tls = parts.scheme == "smtps"
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or (465 if tls else 587),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        tls=tls,
    )


def smtp_client(target: SmtpTarget, settings: Settings) -> aiosmtplib.SMTP:
    """A client for FIRSTLINE_SMTP_URL: TLS from the first byte for smtps://, else STARTTLS
    when the server offers it; it logs in on connect when the URL has a user."""
    return aiosmtplib.SMTP(
        hostname=target.host,
        port=target.port,
        use_tls=target.tls,
        start_tls=None if not target.tls else False,
        timeout=TIMEOUT,
        tls_context=ssl.create_default_context(),
        local_hostname=settings.smtp_hostname,
        username=target.username,
        password=target.password,
    )


def _signature(mailbox: Mailbox, language: str) -> str:
    signatures = mailbox.signatures or {}
    for key in (language, mailbox.language or "", "en"):
        if key and signatures.get(key):
            return signatures[key]
    return ""


def _html(text: str, signature: str) -> str:
    def paragraphs(block: str) -> str:
        return "".join(
            f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
            for p in block.split("\n\n")
            if p.strip()
        )

    sign = f'<p style="color:#555">-- <br>{html.escape(signature).replace(chr(10), "<br>")}</p>'
    return (
        '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">'
        f"{paragraphs(text)}{sign if signature else ''}</body></html>"
    )


def build_mail(
    mail: MailMessage,
    message: Message | None,
    mailbox: Mailbox | None,
    files: list[tuple[Attachment, bytes]],
) -> EmailMessage | None:
    """The MIME message of an outgoing mail row, or None when its message is gone."""
    if message is None or mailbox is None:
        return None
    language = message.language or "en"
    signature = _signature(mailbox, language)
    out = EmailMessage()
    out["From"] = address_of(mailbox.address, mailbox.name)
    out["To"] = mail.to_address
    out["Subject"] = mail.subject
    out["Message-ID"] = f"<{mail.rfc_message_id}>"
    out["Date"] = format_datetime(mail.created_at)
    if mail.in_reply_to:
        out["In-Reply-To"] = f"<{mail.in_reply_to}>"
    if mail.references:
        out["References"] = " ".join(f"<{r}>" for r in mail.references)
    out["Content-Language"] = language
    meta = message.meta or {}
    if meta.get(MAIL_META) or message.author_kind == AuthorKind.bot:
        # RFC 3834: an automatic answer, so the customer's own auto-responder stays quiet.
        out["Auto-Submitted"] = "auto-replied"
    body = message.body + (f"\n\n-- \n{signature}" if signature else "")
    out.set_content(body)
    out.add_alternative(_html(message.body, signature), subtype="html")
    for file, data in files:
        maintype, _, subtype = file.content_type.partition("/")
        out.add_attachment(
            data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=file.filename,
        )
    return out


async def _build_batch(
    db: Database, store: BlobStore, claimed: Sequence[Claimed]
) -> list[tuple[MailMessage | None, EmailMessage | None]]:
    """Each claimed row's mail and MIME message, read with one query per table."""
    ids = [int(c.payload.get("mail_id", 0)) for c in claimed]
    async with db.session() as s:
        mails = {
            m.id: m for m in await s.scalars(select(MailMessage).where(MailMessage.id.in_(ids)))
        }
        message_ids = {m.message_id for m in mails.values() if m.message_id}
        box_ids = {m.mailbox_id for m in mails.values() if m.mailbox_id}
        messages = {
            m.id: m for m in await s.scalars(select(Message).where(Message.id.in_(message_ids)))
        }
        boxes = {b.id: b for b in await s.scalars(select(Mailbox).where(Mailbox.id.in_(box_ids)))}
        files: dict[int, list[Attachment]] = {}
        for f in await s.scalars(
            select(Attachment).where(Attachment.message_id.in_(message_ids)).order_by(Attachment.id)
        ):
            files.setdefault(f.message_id or 0, []).append(f)
    out: list[tuple[MailMessage | None, EmailMessage | None]] = []
    for mail_id in ids:
        mail = mails.get(mail_id)
        if mail is None:
            out.append((None, None))
            continue
        attached = [(f, await store.read(f.sha256)) for f in files.get(mail.message_id or -1, [])]
        built = build_mail(
            mail, messages.get(mail.message_id or -1), boxes.get(mail.mailbox_id or -1), attached
        )
        out.append((mail, built))
    return out


def _answer(exc: Exception) -> tuple[int | None, str, bool]:
    """(code, what the server said, whether it refused for good)."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        first = exc.recipients[0] if exc.recipients else None
        if first is not None:
            return first.code, f"{first.code} {first.message}", first.code >= 500
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return exc.code, f"{exc.code} {exc.message}", exc.code >= 500
    return None, f"{type(exc).__name__}: {exc}", False


async def _send_over_one_connection(
    target: SmtpTarget,
    settings: Settings,
    built: Sequence[tuple[MailMessage | None, EmailMessage | None]],
) -> list[Attempt]:
    client = smtp_client(target, settings)
    attempts: list[Attempt] = []
    try:
        await client.connect()  # and logs in, with a username and password
    except Exception as exc:  # the server is away: every mail of the share waits
        code, said, _ = _answer(exc)
        error = f"Could not reach the mail server {target.host}:{target.port}: {said}"
        return [Attempt(delivered=False, status=code, error=error)] * len(built)
    try:
        for mail, message in built:
            if mail is None or message is None:
                attempts.append(
                    Attempt(delivered=False, cancel=True, error="The message was deleted.")
                )
                continue
            try:
                await client.send_message(message, sender=mail.from_address,
                                          recipients=[mail.to_address])  # fmt: skip
                attempts.append(Attempt(delivered=True, status=250))
            except Exception as exc:
                code, said, final = _answer(exc)
                attempts.append(Attempt(delivered=False, status=code, error=said, give_up=final))
                if isinstance(exc, aiosmtplib.SMTPServerDisconnected):
                    await client.connect()
    except Exception as exc:
        code, said, _ = _answer(exc)
        attempts += [Attempt(delivered=False, status=code, error=said)] * (
            len(built) - len(attempts)
        )
    finally:
        try:
            await client.quit()
        except Exception:
            client.close()
    return attempts


async def _send_batch(
    db: Database, settings: Settings, claimed: Sequence[Claimed]
) -> list[Attempt]:
    """The batch over CONNECTIONS connections at once, each sending its share in turn."""
    if not settings.smtp_url:
        return [Attempt(delivered=False, error="No FIRSTLINE_SMTP_URL is set.")] * len(claimed)
    target = smtp_target(settings.smtp_url)
    built = await _build_batch(db, blob_store(settings.attachments_dir, db.url), claimed)
    shares = [list(range(i, len(built), CONNECTIONS)) for i in range(CONNECTIONS)]
    shares = [share for share in shares if share]
    results = await asyncio.gather(
        *(_send_over_one_connection(target, settings, [built[i] for i in share])
          for share in shares)
    )  # fmt: skip
    attempts: list[Attempt | None] = [None] * len(built)
    for share, result in zip(shares, results, strict=True):
        for index, attempt in zip(share, result, strict=True):
            attempts[index] = attempt
    return [a or Attempt(delivered=False, error="not attempted") for a in attempts]


async def _reflect(db: Database, claimed: Sequence[Claimed]) -> None:
    """Copy what the outbox now says of each mail onto its row, for the console."""
    ids = [c.id for c in claimed]
    async with db.transaction() as s:
        rows = (
            await s.execute(
                select(_OUTBOX.c.id, _OUTBOX.c.state, _OUTBOX.c.last_error).where(
                    _OUTBOX.c.id.in_(ids)
                )
            )
        ).all()
        at = now(s)
        for row in rows:
            values: dict[str, Any] = {"error": row.last_error}
            if row.state == "delivered":
                values |= {"state": MailState.sent.value, "sent_at": at, "error": None}
            elif row.state in (FAILED, "cancelled"):
                values["state"] = MailState.failed.value
            await s.execute(
                update(MailMessage)
                .where(MailMessage.outbox_id == row.id, MailMessage.state == MailState.queued.value)
                .values(**values)
            )


async def deliver_mail(db: Database) -> int:
    """Send every due outgoing mail; how many the mail server took."""
    settings = get_settings()
    handled: list[Claimed] = []

    async def send(claimed: Sequence[Claimed]) -> list[Attempt]:
        handled.extend(claimed)
        return await _send_batch(db, settings, claimed)

    sent = await deliver_due(db, KIND, send, backoff=BACKOFF, batch=BATCH)
    if handled:
        await _reflect(db, handled)
    return sent
