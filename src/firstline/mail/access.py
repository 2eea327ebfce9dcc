"""Permission-checked getters. Mailboxes exist for those who manage them (mailboxes.manage);
a conversation's mails and files for whoever may see the conversation."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.agents.permissions import Permission
from firstline.core.errors import NotFound
from firstline.mail.actions import MAILBOXES
from firstline.mail.models import Mailbox


def require_mailbox_admin(actor: Actor) -> None:
    if not actor.can(Permission.mailboxes_manage):
        raise NotFound("Not found.", message="not_found")


async def access_mailbox_by_id(db: AsyncSession, actor: Actor, mailbox_id: int) -> Mailbox:
    require_mailbox_admin(actor)
    return await MAILBOXES.get(db, mailbox_id, for_update=True)
