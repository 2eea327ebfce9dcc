"""The e-mail channel: mailboxes, mail in (SMTP listener, IMAP polling, the web form), mail
out through the outbox. Importing the package has posted answers of mail conversations go out
by mail (outbound.queue_reply reacts to MessagePosted)."""

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.events import ConversationMerged, MessagePosted
from firstline.core.events import on_event
from firstline.mail.models import MailMessage
from firstline.mail.outbound import queue_reply

on_event(MessagePosted, queue_reply)


async def _move_mails(db: AsyncSession, event: ConversationMerged) -> None:
    """A merged conversation's mails follow its messages, so replies to them thread there."""
    await db.execute(
        update(MailMessage)
        .where(MailMessage.conversation_id == event.source_id)
        .values(conversation_id=event.conversation_id)
    )


on_event(ConversationMerged, _move_mails)
