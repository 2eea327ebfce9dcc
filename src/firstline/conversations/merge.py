"""Merging duplicates: one customer wrote twice about the same deposit (an e-mail, then a
chat), and an agent makes it one conversation.

The source's messages and files move to the target, keeping their ids and times, so the
target's history reads in the order things were said; the source keeps a note saying where
they went and is closed. Domains that keep rows of their own by conversation react to the
ConversationMerged event in the same transaction (mail moves its mails, so a reply to any of
them threads into the target).
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.conversations.actions import do_post_message, do_update_conversation
from firstline.conversations.events import ConversationMerged
from firstline.conversations.models import Attachment, AuthorKind, Conversation, Message, Status
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.events import Audience, emit, react
from firstline.core.i18n import t


async def do_merge_conversations(
    db: AsyncSession, source: Conversation, target: Conversation, *, acting_agent_id: int | None
) -> int:
    """Merge `source` into `target` (both loaded for update); how many messages moved."""
    if source.id == target.id:
        raise InvalidInput("A conversation cannot be merged into itself.")
    if source.customer_id != target.customer_id:
        raise InvalidInput(
            "Only conversations of the same customer can be merged; these two belong to "
            "different customers."
        )
    if target.status == Status.closed:
        raise Conflict(f"Conversation {target.id} is closed; merge into an open one.")
    if source.status == Status.closed:
        raise Conflict(f"Conversation {source.id} is closed already.")
    moved = int(
        await db.scalar(
            select(func.count()).select_from(Message).where(Message.conversation_id == source.id)
        )
        or 0
    )
    await db.execute(
        update(Message)
        .where(Message.conversation_id == source.id)
        .values(conversation_id=target.id)
    )
    await db.execute(
        update(Attachment)
        .where(Attachment.conversation_id == source.id)
        .values(conversation_id=target.id)
    )
    at = now(db)
    target.message_count = target.message_count + moved
    target.updated_at = at
    source.message_count = 0
    await db.flush()
    event = ConversationMerged(
        occurred_at=at,
        audience=Audience(conversation_id=target.id, team_id=target.team_id),
        conversation_id=target.id,
        source_id=source.id,
        messages_moved=moved,
        by_agent_id=acting_agent_id,
    )
    emit(db, event)
    await react(db, event)
    await do_post_message(
        db, target, body=t("conversations.merged_from", target.language, reference=source.id),
        author_kind=AuthorKind.system, internal=True, meta={"merged_from": source.id},
    )  # fmt: skip
    await do_post_message(
        db, source, body=t("conversations.merged_into", source.language, reference=target.id),
        author_kind=AuthorKind.system, internal=True, meta={"merged_into": target.id},
    )  # fmt: skip
    await do_update_conversation(
        db, source, {"status": Status.closed}, acting_agent_id=acting_agent_id
    )
    await record_audit(
        db,
        action="conversation.merged",
        entity_type="conversation",
        entity_id=target.id,
        actor_agent_id=acting_agent_id,
        data={"source_id": source.id, "messages_moved": moved},
    )
    return moved
