"""Customer satisfaction: asking when a conversation is resolved, and recording the answer.

The question is asked once per conversation, in the customer's language: in the chat as a
line with buttons 1 to 5 (right after the "resolved" line), by mail as five signed links
(`/r/<token>`, no sign-in). The first answer can be changed for a few minutes, then it is
final. A low score flags the conversation for review, or reopens it (an admin's choice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.conversations.actions import MAILED_CHANNELS, do_post_message
from firstline.conversations.models import AuthorKind, Channel, Conversation, Message, Status
from firstline.conversations.schemas import PRIVATE_LINKS
from firstline.conversations.state import do_change_conversation
from firstline.core.clock import as_utc
from firstline.core.db import now
from firstline.core.errors import Conflict, NotFound
from firstline.core.events import Audience, emit
from firstline.core.i18n import t
from firstline.core.rawsql import raw_connection
from firstline.core.secrets import session_instance_secret
from firstline.core.settings import get_settings
from firstline.mail.intake import MAIL_META
from firstline.quality.events import CsatAnswered
from firstline.quality.models import CsatAnswer, QualitySettings
from firstline.quality.rules import (
    CSAT_SCORES,
    DEFAULT_POLICY,
    LOW_CSAT_TAG,
    LOW_SCORES,
    CsatPolicy,
    csat_token,
    final_at,
)
from firstline.quality.sampling import sample_conversation
from firstline.quality.summary import Dims, bump

# The key of the meta a CSAT question carries (the widget draws its buttons from it).
CSAT_META = "csat"
# The secret the links are signed with: the one the console's cookies use.
LINK_SECRET = "cookie_key"


async def get_policy(db: AsyncSession) -> CsatPolicy:
    row = await db.get(QualitySettings, 1)
    if row is None:
        return DEFAULT_POLICY
    return CsatPolicy(
        enabled=row.csat_enabled,
        low_action=row.csat_low_action,
        change_minutes=row.csat_change_minutes,
        link_days=row.csat_link_days,
    )


@dataclass(frozen=True, slots=True)
class Rated:
    score: int
    comment: str | None
    at: datetime
    final_at: datetime
    changed: bool  # a second answer replaced the first


def csat_dict(row: CsatAnswer | None, at: datetime) -> dict[str, Any] | None:
    """A conversation's `csat` in the API at `at`: null until the customer answers."""
    if row is None or row.score is None:
        return None
    return {
        "score": row.score,
        "comment": row.comment,
        "at": row.answered_at,
        "final": row.final_at is not None and at >= as_utc(row.final_at),
        "final_at": row.final_at,
        "via": row.via,
    }


async def get_csat(db: AsyncSession, conversation_id: int) -> CsatAnswer | None:
    return await db.get(CsatAnswer, conversation_id)


async def ask_for_csat(db: AsyncSession, conversation_id: int) -> None:
    """Resolution: record that the customer is asked (once per conversation) and, for a
    mailed conversation, mail the question. The chat's question follows the "resolved" line
    (ask_in_chat)."""
    policy = await get_policy(db)
    if not policy.enabled:
        return
    conversation = await db.get(Conversation, conversation_id)
    if conversation is None:
        return
    existing = await db.get(CsatAnswer, conversation_id)
    if existing is not None:
        return  # asked before this reopen: the first question stands
    agent_id = conversation.assignee_id
    if agent_id is None:
        # Whoever answered last earns it when nobody holds the conversation any more.
        agent_id = await db.scalar(
            select(Message.author_agent_id)
            .where(
                Message.conversation_id == conversation_id,
                Message.author_kind == AuthorKind.agent,
                Message.internal.is_(False),
            )
            .order_by(Message.id.desc())
            .limit(1)
        )
    at = now(db)
    # A statement, not an ORM object: the bot resolves inside raw-write transactions, where
    # ORM flushes are refused (core/db.py).
    await db.execute(
        insert(CsatAnswer).values(
            conversation_id=conversation_id,
            customer_id=conversation.customer_id,
            agent_id=agent_id,
            team_id=conversation.team_id,
            language=conversation.language,
            product=conversation.product,
            channel=conversation.channel,
            asked_at=at,
        )
    )
    await bump(
        await raw_connection(db), at,
        Dims(agent_id, conversation.team_id, conversation.language, conversation.product,
             conversation.channel),
        csat_asked=1,
    )  # fmt: skip
    if conversation.channel in MAILED_CHANNELS:
        await _mail_question(db, conversation, policy, at)


async def ask_in_chat(db: AsyncSession, conversation_id: int) -> None:
    """After the chat's "resolved" line: the question with its buttons, unless the customer
    has answered for good already."""
    row = await db.get(CsatAnswer, conversation_id)
    if row is None or (row.final_at is not None and now(db) >= row.final_at):
        return
    conversation = await db.get(Conversation, conversation_id)
    if conversation is None or conversation.channel != Channel.chat:
        return
    await do_post_message(
        db, conversation, body=t("quality.csat_question", conversation.language),
        author_kind=AuthorKind.system, language=conversation.language,
        meta={CSAT_META: {"conversation_id": conversation_id, "scores": list(CSAT_SCORES)}},
    )  # fmt: skip


async def _mail_question(
    db: AsyncSession, conversation: Conversation, policy: CsatPolicy, at: datetime
) -> None:
    settings = get_settings()
    key = await session_instance_secret(db, LINK_SECRET, settings.secret_key)
    if not settings.public_url:
        # Links need an address the customer can reach (FIRSTLINE_PUBLIC_URL).
        return
    base = settings.public_url.rstrip("/")
    expires = at + timedelta(days=policy.link_days)
    language = conversation.language
    lines = [t("quality.csat_mail_intro", language), ""]
    for score in reversed(CSAT_SCORES):
        token = csat_token(key.encode(), conversation.id, score, expires)
        lines.append(f"{t('quality.csat_score', language, score=str(score))}: {base}/r/{token}")
    lines += ["", t("quality.csat_mail_outro", language)]
    meta = {
        MAIL_META: "csat",
        CSAT_META: {"conversation_id": conversation.id},
        PRIVATE_LINKS: True,
    }
    await do_post_message(
        db, conversation, body="\n".join(lines), author_kind=AuthorKind.system,
        language=language, meta=meta,
    )  # fmt: skip


async def do_rate_conversation(
    db: AsyncSession,
    conversation_id: int,
    *,
    score: int,
    comment: str | None,
    via: str,
    customer_id: int | None = None,
) -> Rated:
    """Record the customer's rating. `customer_id` (the chat's customer) must own the
    conversation; a signed link proves that by itself. Conflict when the answer is final or
    the conversation was never resolved."""
    conversation = await db.get(Conversation, conversation_id, with_for_update=True)
    if conversation is None or (
        customer_id is not None and conversation.customer_id != customer_id
    ):
        raise NotFound(message="csat_conversation_missing", args={"id": conversation_id})
    if score not in CSAT_SCORES:
        raise Conflict(message="csat_score_range")  # the schemas stop this first
    at = now(db)
    row = await db.get(CsatAnswer, conversation_id, with_for_update=True)
    asked_now = False
    if row is None:
        if conversation.status not in (Status.resolved, Status.closed):
            raise Conflict(message="csat_not_resolved", args={"id": conversation_id})
        # Resolved before ratings were asked for (or while they were off): take it anyway.
        asked_now = True
        row = CsatAnswer(
            conversation_id=conversation_id, customer_id=conversation.customer_id,
            agent_id=conversation.assignee_id, team_id=conversation.team_id,
            language=conversation.language, product=conversation.product,
            channel=conversation.channel, asked_at=at,
        )  # fmt: skip
        db.add(row)
    policy = await get_policy(db)
    if row.final_at is not None and at >= row.final_at:
        raise Conflict(message="csat_final", args={"id": conversation_id})
    changed = row.score is not None
    previous = row.score

    row.score = score
    if comment is not None or not changed:
        row.comment = (comment or "").strip() or None
    row.via = via
    row.answered_at = at
    if row.first_answered_at is None:
        row.first_answered_at = at
        row.final_at = final_at(at, policy)
    await db.flush()
    raw = await raw_connection(db)
    dims = Dims.of(row)
    if previous is None:
        await bump(
            raw, row.first_answered_at, dims, csat_answered=1, csat_sum=score,
            csat_satisfied=int(score >= 4), csat_low=int(score <= 2),
            csat_asked=int(asked_now),
        )  # fmt: skip
    elif previous != score:
        await bump(
            raw, row.first_answered_at, dims, csat_sum=score - previous,
            csat_satisfied=int(score >= 4) - int(previous >= 4),
            csat_low=int(score <= 2) - int(previous <= 2),
        )  # fmt: skip
    await record_audit(
        db, action="csat.changed" if changed else "csat.answered", entity_type="conversation",
        entity_id=conversation_id, actor_kind="customer",
        data={"score": score, "previous": previous, "via": via},
    )  # fmt: skip
    emit(
        db,
        CsatAnswered(
            occurred_at=at,
            audience=Audience(conversation_id=conversation_id, team_id=conversation.team_id),
            conversation_id=conversation_id, score=score, previous=previous,
            comment=row.comment, via=via, agent_id=row.agent_id, team_id=row.team_id,
            language=row.language,
        ),
    )  # fmt: skip
    if score in LOW_SCORES and (previous is None or previous not in LOW_SCORES):
        await _act_on_low_score(db, conversation, policy)
        await sample_conversation(db, conversation_id)
    assert row.final_at is not None
    return Rated(score=score, comment=row.comment, at=at, final_at=row.final_at, changed=changed)


async def _act_on_low_score(
    db: AsyncSession, conversation: Conversation, policy: CsatPolicy
) -> None:
    if policy.low_action == "none":
        return
    changes: dict[str, Any] = {}
    tags = list(conversation.tags or [])
    if LOW_CSAT_TAG not in tags:
        changes["tags"] = [*tags, LOW_CSAT_TAG]
    if policy.low_action == "reopen" and conversation.status == Status.resolved:
        changes["status"] = Status.open.value
    if changes:
        await do_change_conversation(db, conversation, changes, acting_agent_id=None)


async def do_update_quality_settings(
    db: AsyncSession, changes: dict[str, Any], *, acting_agent_id: int
) -> CsatPolicy:
    current = await get_policy(db)
    values = {
        "csat_enabled": changes.get("csat_enabled", current.enabled),
        "csat_low_action": changes.get("csat_low_action", current.low_action),
        "csat_change_minutes": changes.get("csat_change_minutes", current.change_minutes),
        "csat_link_days": changes.get("csat_link_days", current.link_days),
        "updated_at": now(db),
    }
    row = await db.get(QualitySettings, 1, with_for_update=True)
    if row is None:
        db.add(QualitySettings(id=1, **values))
    else:
        await db.execute(update(QualitySettings).where(QualitySettings.id == 1).values(**values))
    await db.flush()
    await record_audit(
        db, action="quality.settings_changed", entity_type="quality_settings", entity_id=1,
        actor_agent_id=acting_agent_id,
        data={k: v for k, v in values.items() if k != "updated_at"},
    )  # fmt: skip
    db.expire_all()
    return await get_policy(db)
