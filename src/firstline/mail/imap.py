"""IMAP polling: mailboxes that name an IMAP account have their new mail fetched by the jobs.

Each poll takes the mailbox for itself with one conditional update (so several processes
running the jobs never poll one account at once), then, for each unseen mail (at most BATCH
a poll), in this order: fetch it without marking it, store it (its own transaction), and only
then mark it \\Seen or move it to `imap_move_to`. A crash between storing and marking fetches
it again next time; the Message-ID, already stored, makes that a no-op but for the marking.
Nothing is lost and nothing is stored twice.

A mail the intake refuses for good (too large, say) is marked all the same, and the reason is
kept on the mailbox for the admin to read; one refused for now (the sender's rate limit) is
left unseen and tried again on a later poll. The password is decrypted only for the login.
The standard library's imaplib does the talking, in a thread, with a timeout on every call.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update

from firstline.core.blobs import blob_store
from firstline.core.db import Database, now
from firstline.core.secrets import decrypt_secret
from firstline.core.settings import Settings, get_settings
from firstline.mail.intake import MailboxInfo, MailRefused, receive_mail
from firstline.mail.models import Mailbox
from firstline.mail.parse import parse_mail

log = logging.getLogger(__name__)

BATCH = 50
TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Account:
    host: str
    port: int
    security: str
    user: str
    password: str
    folder: str
    move_to: str | None


class Session:
    """One IMAP connection, blocking (run it in a thread)."""

    def __init__(self, account: Account) -> None:
        self.account = account
        if account.security == "tls":
            self.client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                account.host, account.port, ssl_context=ssl.create_default_context(),
                timeout=TIMEOUT,
            )  # fmt: skip
        else:
            self.client = imaplib.IMAP4(account.host, account.port, timeout=TIMEOUT)
            if account.security == "starttls":
                self.client.starttls(ssl.create_default_context())
        self.client.login(account.user, account.password)
        status, _ = self.client.select(_quote(account.folder))
        if status != "OK":
            raise imaplib.IMAP4.error(f"folder {account.folder!r} cannot be opened")

    def unseen(self) -> list[bytes]:
        status, data = self.client.uid("SEARCH", None, "UNSEEN")  # type: ignore[arg-type]
        if status != "OK" or not data or not data[0]:
            return []
        uids: list[bytes] = data[0].split()
        return uids[:BATCH]

    def fetch(self, uid: bytes) -> bytes | None:
        status, data = self.client.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
        if status != "OK":
            return None
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return bytes(item[1])
        return None

    def done(self, uid: bytes) -> None:
        """Mark the mail handled: moved to `move_to`, else flagged \\Seen."""
        target = self.account.move_to
        if not target:
            self.client.uid("STORE", uid.decode(), "+FLAGS", "(\\Seen)")
            return
        capabilities = getattr(self.client, "capabilities", ())
        if "MOVE" in capabilities:
            self.client.uid("MOVE", uid.decode(), _quote(target))
            return
        self.client.uid("COPY", uid.decode(), _quote(target))
        self.client.uid("STORE", uid.decode(), "+FLAGS", "(\\Seen \\Deleted)")
        self.client.expunge()

    def close(self) -> None:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            self.client.logout()


def _quote(name: str) -> str:
    return '"' + re.sub(r'(["\\])', r"\\\1", name) + '"'


async def _claim(db: Database, interval: timedelta) -> list[Mailbox]:
    """The IMAP mailboxes due for a poll, each claimed for this process."""
    async with db.transaction() as s:
        at = now(s)
        due = list(
            await s.scalars(
                select(Mailbox.id).where(
                    Mailbox.active,
                    Mailbox.imap_host.is_not(None),
                    or_(
                        Mailbox.imap_checked_at.is_(None), Mailbox.imap_checked_at <= at - interval
                    ),
                )
            )
        )
        mine: list[Mailbox] = []
        for mailbox_id in due:
            result = await s.execute(
                update(Mailbox)
                .where(
                    Mailbox.id == mailbox_id,
                    or_(
                        Mailbox.imap_checked_at.is_(None), Mailbox.imap_checked_at <= at - interval
                    ),
                )
                .values(imap_checked_at=at)
            )
            if getattr(result, "rowcount", 0) == 1:
                box = await s.get(Mailbox, mailbox_id)
                if box is not None:
                    mine.append(box)
        for box in mine:
            s.expunge(box)
    return mine


async def poll_mailbox(db: Database, box: Mailbox, settings: Settings) -> int:
    """Fetch, store and mark one mailbox's new mail; how many were stored."""
    account = Account(
        host=box.imap_host or "",
        port=box.imap_port or 993,
        security=box.imap_security or "tls",
        user=box.imap_user or "",
        password=decrypt_secret(box.imap_password or ""),
        folder=box.imap_folder or "INBOX",
        move_to=box.imap_move_to,
    )
    store = blob_store(settings.attachments_dir, db.url)
    stored = 0
    problem: str | None = None
    try:
        session = await asyncio.to_thread(Session, account)
    except (imaplib.IMAP4.error, OSError, ssl.SSLError) as exc:
        await _note(db, box.id, f"Could not sign in to {account.host}:{account.port}: {exc}")
        return 0
    try:
        for uid in await asyncio.to_thread(session.unseen):
            raw = await asyncio.to_thread(session.fetch, uid)
            if raw is None:
                continue
            try:
                parsed = parse_mail(raw)
                async with db.transaction() as s:
                    received = await receive_mail(
                        s, store, raw, box.address, settings, mailbox=MailboxInfo.of(box),
                        parsed=parsed,
                    )  # fmt: skip
                stored += received.outcome == "stored"
            except MailRefused as refused:
                if refused.code < 500:
                    continue  # for now: left unseen, tried again on a later poll
                problem = f"A mail was refused and marked read: {refused.sentence}"
            await asyncio.to_thread(session.done, uid)
    except (imaplib.IMAP4.error, OSError, ssl.SSLError) as exc:
        problem = f"The IMAP server stopped answering: {exc}"
    finally:
        await asyncio.to_thread(session.close)
    await _note(db, box.id, problem)
    return stored


async def _note(db: Database, mailbox_id: int, problem: str | None) -> None:
    async with db.transaction() as s:
        await s.execute(update(Mailbox).where(Mailbox.id == mailbox_id).values(imap_error=problem))
    if problem:
        log.warning("mailbox %s: %s", mailbox_id, problem)


async def poll_imap(db: Database) -> int:
    """Poll every IMAP mailbox that is due; how many mails were stored."""
    settings = get_settings()
    interval = timedelta(seconds=settings.imap_poll_seconds)
    stored = 0
    for box in await _claim(db, interval):
        try:
            stored += await poll_mailbox(db, box, settings)
        except Exception:  # one broken account must not stop the others
            log.exception("polling mailbox %s failed", box.id)
    return stored
