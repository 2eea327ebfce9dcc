"""Quality review: customer satisfaction (CSAT), automatic checks on every conversation,
scorecards, sampling, reviews and their reports.

Importing the package registers its reactions (core/events.py `on_event`), which run in the
transaction of what caused them: a resolution asks the customer for a rating and runs the
conversation checks; a message an agent or the bot sends is checked; the chat's "resolved"
line is followed by the rating question. firstline.models imports the package, so every
process with the tables has them.
"""

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.actions import RESOLVED_META
from firstline.conversations.events import ConversationUpdated, MessagePosted
from firstline.conversations.models import AuthorKind, Status
from firstline.core.events import on_event
from firstline.quality.checks import SCREENED_META, check_conversation, check_message
from firstline.quality.csat import ask_for_csat, ask_in_chat
from firstline.quality.sampling import sample_conversation


async def _on_updated(db: AsyncSession, event: ConversationUpdated) -> None:
    if event.changes.get("status") != Status.resolved.value:
        return
    await check_conversation(db, event.conversation_id)
    await ask_for_csat(db, event.conversation_id)
    await sample_conversation(db, event.conversation_id)


async def _on_posted(db: AsyncSession, event: MessagePosted) -> None:
    meta = event.message.get("meta") or {}
    if event.author_kind == AuthorKind.system:
        if meta.get(RESOLVED_META) and not event.internal:
            await ask_in_chat(db, event.conversation_id)
        if not isinstance(meta.get(SCREENED_META), dict):
            return
    elif event.internal or event.author_kind not in (AuthorKind.agent, AuthorKind.bot):
        return
    await check_message(
        db, conversation_id=event.conversation_id, message_id=event.message_id,
        body=event.message.get("body") or "", author_kind=event.author_kind,
        language=event.message.get("language"), meta=meta,
        agent_id=event.message.get("author_agent_id"),
    )  # fmt: skip


on_event(ConversationUpdated, _on_updated)
on_event(MessagePosted, _on_posted)
