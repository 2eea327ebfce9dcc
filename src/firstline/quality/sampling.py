"""Sampling conversations into the review queue, and who reviews them.

When a conversation is resolved, rated or fails the secret check, each active sampling rule
is asked whether it wants it: a random share of a team's or an agent's conversations (decided
by a hash of the rule and the conversation, so asking twice gives the same answer), or every
conversation with its trigger. The first rule that wants it puts it in the queue once, with
its reason, assigned to the reviewer with the fewest open reviews who is not the agent
reviewed. Reviewers are the active agents whose role holds quality.review.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, RoleDefinition
from firstline.agents.permissions import Permission, permissions_of
from firstline.audit.models import AuditEntry
from firstline.bot.models import BotSession
from firstline.conversations.models import AuthorKind, Conversation, Message
from firstline.core.db import now
from firstline.escalation.models import Escalation
from firstline.quality.models import CsatAnswer, QaCheck, ReviewAssignment, SamplingRule
from firstline.quality.rules import LOW_SCORES
from firstline.sla.models import SlaOutcome

log = logging.getLogger(__name__)
QUEUE = 0  # calibration_id of the review queue's assignments


def picked_at_random(rule_id: int, conversation_id: int, percent: float) -> bool:
    digest = hashlib.sha256(f"{rule_id}:{conversation_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 10_000 < percent * 100


async def reviewers(db: AsyncSession) -> list[int]:
    """The active agents who may review (their role holds quality.review), by id."""
    custom = {r.name: r.permissions for r in await db.scalars(select(RoleDefinition))}
    rows = (await db.execute(select(Agent.id, Agent.role).where(Agent.is_active.is_(True)))).all()
    return sorted(
        a.id
        for a in rows
        if Permission.quality_review in permissions_of(a.role, custom.get(a.role))
    )


async def reviewed_agent(db: AsyncSession, conversation: Conversation) -> int | None:
    """Whose work the review is of: the agent holding it, else the last one who answered."""
    if conversation.assignee_id is not None:
        return conversation.assignee_id
    return await db.scalar(
        select(Message.author_agent_id)
        .where(
            Message.conversation_id == conversation.id,
            Message.author_kind == AuthorKind.agent,
            Message.internal.is_(False),
        )
        .order_by(Message.id.desc())
        .limit(1)
    )


async def _triggers(
    db: AsyncSession, conversation: Conversation, wanted: set[str]
) -> dict[str, Any]:
    """Which of the `wanted` triggers this conversation meets (each costs a query, so only
    those some active rule asks about); check_failed maps to the failed checks."""
    cid = conversation.id
    found: dict[str, Any] = {}
    if "csat_low" in wanted:
        score = await db.scalar(select(CsatAnswer.score).where(CsatAnswer.conversation_id == cid))
        if score in LOW_SCORES:
            found["csat_low"] = True
    if "escalated" in wanted and (
        conversation.escalation_level > 1
        or await db.scalar(select(Escalation.id).where(Escalation.conversation_id == cid).limit(1))
    ):
        found["escalated"] = True
    if (
        "bot_handover" in wanted
        and await db.scalar(select(BotSession.outcome).where(BotSession.conversation_id == cid))
        == "handover"
    ):
        found["bot_handover"] = True
    if "reopened" in wanted and await db.scalar(
        select(AuditEntry.id)
        .where(
            AuditEntry.entity_type == "conversation",
            AuditEntry.entity_id == cid,
            AuditEntry.action == "conversation.reopened",
        )
        .limit(1)
    ):
        found["reopened"] = True
    if "sla_breach" in wanted and await db.scalar(
        select(SlaOutcome.id)
        .where(SlaOutcome.conversation_id == cid, SlaOutcome.outcome == "breached")
        .limit(1)
    ):
        found["sla_breach"] = True
    reasons = conversation.routing_reasons or []
    if "funds-at-risk" in (conversation.tags or []) or any(
        r.get("factor") == "funds_at_risk" for r in reasons if isinstance(r, dict)
    ):
        found["money_at_risk"] = True
    if "check_failed" not in wanted:
        return found
    failed = set(
        await db.scalars(
            select(QaCheck.name).where(QaCheck.conversation_id == cid, QaCheck.passed.is_(False))
        )
    )
    if failed:
        found["check_failed"] = failed
    return found


def _wants(rule: SamplingRule, conversation: Conversation, agent_id: int | None,
           triggers: dict[str, Any]) -> bool:  # fmt: skip
    if rule.team_id is not None and rule.team_id != conversation.team_id:
        return False
    if rule.agent_id is not None and rule.agent_id != agent_id:
        return False
    if rule.trigger == "random":
        return picked_at_random(rule.id, conversation.id, rule.percent or 0)
    if rule.trigger == "check_failed":
        failed = triggers.get("check_failed") or set()
        return bool(failed) and (rule.check is None or rule.check in failed)
    return bool(triggers.get(rule.trigger))


async def sample_conversation(db: AsyncSession, conversation_id: int) -> int | None:
    """Put the conversation in the review queue if a rule wants it and it is not there yet;
    the assignment's id, or None."""
    if await db.scalar(
        select(ReviewAssignment.id).where(
            ReviewAssignment.conversation_id == conversation_id,
            ReviewAssignment.calibration_id == QUEUE,
        )
    ):
        return None
    rules = list(
        await db.scalars(
            select(SamplingRule).where(SamplingRule.active.is_(True)).order_by(SamplingRule.id)
        )
    )
    if not rules:
        return None
    conversation = await db.get(Conversation, conversation_id)
    if conversation is None:
        return None
    agent_id = await reviewed_agent(db, conversation)
    triggers = await _triggers(db, conversation, {r.trigger for r in rules})
    rule = next((r for r in rules if _wants(r, conversation, agent_id, triggers)), None)
    if rule is None:
        return None
    reviewer = await pick_reviewer(db, exclude={agent_id} if agent_id else set())
    result = await db.execute(
        insert(ReviewAssignment)
        .values(
            conversation_id=conversation_id, reviewer_id=reviewer, agent_id=agent_id,
            rule_id=rule.id, reason=rule.trigger, calibration_id=QUEUE, state="pending",
            created_at=now(db),
        )
        .returning(ReviewAssignment.id)
    )  # fmt: skip
    if reviewer is None:
        log.info("conversation %s sampled for review; no reviewer is free", conversation_id)
    return int(result.scalar_one())


async def pick_reviewer(db: AsyncSession, *, exclude: set[int]) -> int | None:
    """The reviewer with the fewest open reviews (the lowest id among equals)."""
    candidates = [r for r in await reviewers(db) if r not in exclude]
    if not candidates:
        return None
    loads = dict(
        (
            await db.execute(
                select(ReviewAssignment.reviewer_id, func.count())
                .where(
                    ReviewAssignment.state == "pending",
                    ReviewAssignment.reviewer_id.in_(candidates),
                )
                .group_by(ReviewAssignment.reviewer_id)
            )
        ).all()
    )
    return min(candidates, key=lambda r: (loads.get(r, 0), r))
