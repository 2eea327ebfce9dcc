"""Reads: mailboxes and mails in their API shapes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.mail.models import Mailbox, MailMessage


async def list_mailboxes(db: AsyncSession) -> list[Mailbox]:
    return list(await db.scalars(select(Mailbox).order_by(Mailbox.id).limit(1000)))


def mailbox_dict(box: Mailbox) -> dict[str, Any]:
    imap = None
    if box.imap_host:
        imap = {
            "host": box.imap_host,
            "port": box.imap_port,
            "security": box.imap_security,
            "user": box.imap_user,
            "folder": box.imap_folder or "INBOX",
            "move_to": box.imap_move_to,
            "password_set": bool(box.imap_password),
            "checked_at": box.imap_checked_at,
            "error": box.imap_error,
        }
    return {
        "id": box.id,
        "address": box.address,
        "name": box.name,
        "display_name": box.name,
        "team_id": box.team_id,
        "product": box.product,
        "language": box.language,
        "signatures": box.signatures or {},
        "acknowledge": box.acknowledge,
        "active": box.active,
        "imap": imap,
        "created_at": box.created_at,
        "updated_at": box.updated_at,
    }


def mail_dict(mail: MailMessage) -> dict[str, Any]:
    return {
        "id": mail.id,
        "direction": mail.direction,
        "state": mail.state,
        "rfc_message_id": mail.rfc_message_id,
        "message_id": mail.message_id,
        "from_address": mail.from_address,
        "to_address": mail.to_address,
        "subject": mail.subject,
        "error": mail.error,
        "auth": mail.auth,
        "has_html": bool(mail.html),
        "quoted": mail.quoted,
        "created_at": mail.created_at,
        "sent_at": mail.sent_at,
    }
