"""Reviews: a reviewer scores a conversation against a scorecard; the agent reviewed reads
it, acknowledges it or disputes it once with a reason; a supervisor settles the dispute.
Calibrations have several reviewers score the same conversations blind. Every step audited.

Who may review a conversation: the reviewer it is assigned to (the queue or a calibration),
anyone holding quality.supervise, or a reviewer who can see the conversation anyway (its
team's); for anyone else it does not exist (404).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.agents.permissions import Permission
from firstline.audit.actions import record_audit
from firstline.conversations.models import Conversation, Message
from firstline.conversations.queries import can_see
from firstline.core.db import now
from firstline.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from firstline.core.rawsql import raw_connection
from firstline.quality.models import Calibration, Review, ReviewAssignment, ScorecardVersion
from firstline.quality.sampling import QUEUE, reviewed_agent
from firstline.quality.scorecards import default_scorecard, scorecard_given
from firstline.quality.scoring import score_review
from firstline.quality.summary import Dims, bump, bump_failure


def review_dict(r: Review, *, hide_scores: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.id,
        "conversation_id": r.conversation_id,
        "assignment_id": r.assignment_id,
        "calibration_id": r.calibration_id,
        "reviewer_id": r.reviewer_id,
        "agent_id": r.agent_id,
        "scorecard_version_id": r.scorecard_version_id,
        "answers": r.answers,
        "score": r.score,
        "critical_failed": r.critical_failed,
        "comment": r.comment,
        "message_comments": r.message_comments,
        "created_at": r.created_at,
        "acknowledged_at": r.acknowledged_at,
        "dispute": None
        if r.disputed_at is None
        else {
            "reason": r.dispute_reason,
            "at": r.disputed_at,
            "state": r.dispute_state,
            "settled_by": r.settled_by,
            "settled_at": r.settled_at,
            "comment": r.settle_comment,
        },
    }
    if hide_scores:
        out.update(answers=None, score=None, critical_failed=None, comment=None)
    return out


async def _assignment_for(
    db: AsyncSession, actor: Actor, conversation_id: int, calibration_id: int
) -> ReviewAssignment | None:
    return await db.scalar(
        select(ReviewAssignment).where(
            ReviewAssignment.conversation_id == conversation_id,
            ReviewAssignment.reviewer_id == actor.agent_id,
            ReviewAssignment.calibration_id == calibration_id,
        )
    )


async def access_for_review(
    db: AsyncSession, actor: Actor, conversation_id: int, calibration_id: int = QUEUE
) -> tuple[Conversation, ReviewAssignment | None]:
    """The conversation, if the actor may review it (else 404, as if it did not exist)."""
    missing = NotFound(f"Conversation {conversation_id} does not exist.")
    conversation = await db.get(Conversation, conversation_id)
    if conversation is None:
        raise missing
    assignment = await _assignment_for(db, actor, conversation_id, calibration_id)
    if assignment is not None:
        return conversation, assignment
    if calibration_id != QUEUE:
        raise missing  # a calibration is scored only by those it asked
    if actor.can(Permission.quality_supervise) or (
        actor.can(Permission.quality_review) and can_see(actor, conversation)
    ):
        return conversation, None
    raise missing


async def do_review(
    db: AsyncSession,
    actor: Actor,
    *,
    conversation_id: int,
    answers: Any,
    scorecard_id: int | None = None,
    calibration_id: int | None = None,
    comment: str = "",
    message_comments: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    if not actor.can(Permission.quality_review) and not actor.can(Permission.quality_supervise):
        raise NotFound(f"Conversation {conversation_id} does not exist.")
    calibration = None
    if calibration_id is not None:
        calibration = await db.get(Calibration, calibration_id)
        if calibration is None or conversation_id not in calibration.conversation_ids:
            raise NotFound(f"Calibration {calibration_id} has no conversation {conversation_id}.")
    conversation, assignment = await access_for_review(
        db, actor, conversation_id, calibration_id or QUEUE
    )
    if calibration is not None:
        version = await db.get(ScorecardVersion, calibration.scorecard_version_id)
        assert version is not None
    elif scorecard_id is not None:
        _, version = await scorecard_given(db, scorecard_id)
    else:
        found = await default_scorecard(db)
        if found is None:
            raise Conflict("There is no active scorecard; create one (POST /api/v1/qa/scorecards).")
        version = found[1]
    scored = score_review(version.criteria, answers)
    if assignment is not None and assignment.state == "done":
        raise Conflict(
            f"You have reviewed conversation {conversation_id} already (review of this queue "
            "item exists)."
        )
    ids = {int(c["message_id"]) for c in message_comments}
    if ids:
        known = set(
            await db.scalars(
                select(Message.id).where(
                    Message.conversation_id == conversation_id, Message.id.in_(ids)
                )
            )
        )
        stray = sorted(i for i in ids if i not in known)
        if stray:
            raise InvalidInput(
                f"message_comments: message {stray[0]} is not in conversation {conversation_id}."
            )
    agent_id = assignment.agent_id if assignment is not None else None
    if agent_id is None:
        agent_id = await reviewed_agent(db, conversation)
    if agent_id == actor.agent_id and not actor.can(Permission.quality_supervise):
        raise Forbidden("Reviewers do not review their own conversations.")
    at = now(db)
    review = Review(
        conversation_id=conversation_id, assignment_id=assignment.id if assignment else None,
        calibration_id=calibration_id, reviewer_id=actor.agent_id, agent_id=agent_id,
        team_id=conversation.team_id, language=conversation.language,
        product=conversation.product, channel=conversation.channel,
        scorecard_version_id=version.id, answers=scored.answers, score=scored.score,
        critical_failed=scored.critical_failed, comment=(comment or "").strip(),
        message_comments=[dict(c) for c in message_comments], created_at=at,
    )  # fmt: skip
    db.add(review)
    if assignment is not None:
        assignment.state, assignment.done_at = "done", at
    await db.flush()
    if calibration_id is None:
        await _count(db, review, version.criteria, sign=1)
    await record_audit(
        db, action="qa.reviewed", entity_type="qa_review", entity_id=review.id,
        actor_agent_id=actor.agent_id,
        data={"conversation_id": conversation_id, "score": scored.score,
              "critical_failed": scored.critical_failed, "calibration_id": calibration_id},
    )  # fmt: skip
    return review_dict(review)


async def _count(
    db: AsyncSession, review: Review, criteria: list[dict[str, Any]], *, sign: int
) -> None:
    """Add a review to the report's summary (sign 1), or take it out (-1) before a rescore;
    counted on the day it was written."""
    raw = await raw_connection(db)
    dims = Dims.of(review)
    await bump(
        raw, review.created_at, dims, reviews=sign, review_score_sum=sign * review.score,
        reviews_critical=sign * int(review.critical_failed),
    )  # fmt: skip
    for c in criteria:
        value = review.answers.get(c["key"])
        if value is None:
            continue
        failed = value is False or (c["scale"] == "1-5" and value == 1)
        await bump_failure(
            raw, review.created_at, dims, kind="criterion", name=c["key"],
            failed=sign * int(failed), answered=sign,
        )  # fmt: skip


async def access_review(db: AsyncSession, actor: Actor, review_id: int) -> Review:
    """A review its reviewer, its agent, or a supervisor (quality.supervise) may read."""
    review = await db.get(Review, review_id)
    if review is None or not (
        actor.agent_id in (review.reviewer_id, review.agent_id)
        or actor.can(Permission.quality_supervise)
    ):
        raise NotFound(f"Review {review_id} does not exist.")
    return review


async def do_acknowledge(db: AsyncSession, actor: Actor, review_id: int) -> dict[str, Any]:
    review = await access_review(db, actor, review_id)
    if review.agent_id != actor.agent_id:
        raise Forbidden("Only the agent reviewed acknowledges a review.")
    if review.acknowledged_at is None:
        review.acknowledged_at = now(db)
        await db.flush()
        await record_audit(
            db, action="qa.review_acknowledged", entity_type="qa_review", entity_id=review.id,
            actor_agent_id=actor.agent_id, data={},
        )  # fmt: skip
    return review_dict(review)


async def do_dispute(db: AsyncSession, actor: Actor, review_id: int, reason: str) -> dict[str, Any]:
    review = await access_review(db, actor, review_id)
    if review.agent_id != actor.agent_id:
        raise Forbidden("Only the agent reviewed disputes a review.")
    if review.disputed_at is not None:
        raise Conflict(f"Review {review_id} was disputed already; a review is disputed once.")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("reason: say why the score is wrong.")
    review.dispute_reason, review.disputed_at, review.dispute_state = reason, now(db), "open"
    await db.flush()
    await record_audit(
        db, action="qa.review_disputed", entity_type="qa_review", entity_id=review.id,
        actor_agent_id=actor.agent_id, data={"reason": reason[:500]},
    )  # fmt: skip
    return review_dict(review)


async def do_settle(
    db: AsyncSession,
    actor: Actor,
    review_id: int,
    *,
    decision: str,
    answers: Any = None,
    comment: str = "",
) -> dict[str, Any]:
    """A supervisor's decision on a dispute: `upheld` (the score stands) or `changed` (new
    answers, scored again with the same scorecard version)."""
    if not actor.can(Permission.quality_supervise):
        raise NotFound(f"Review {review_id} does not exist.")
    review = await access_review(db, actor, review_id)
    if review.dispute_state != "open":
        raise Conflict(f"Review {review_id} has no open dispute.")
    if review.reviewer_id == actor.agent_id or review.agent_id == actor.agent_id:
        raise Forbidden(
            "A dispute is settled by a supervisor who neither reviewed nor was reviewed."
        )
    before = review.score
    if decision == "changed":
        version = await db.get(ScorecardVersion, review.scorecard_version_id)
        assert version is not None
        scored = score_review(version.criteria, answers)
        if review.calibration_id is None:
            await _count(db, review, version.criteria, sign=-1)
        review.answers, review.score = scored.answers, scored.score
        review.critical_failed = scored.critical_failed
        if review.calibration_id is None:
            await _count(db, review, version.criteria, sign=1)
    elif decision != "upheld":
        raise InvalidInput("decision must be upheld or changed.")
    review.dispute_state, review.settled_by, review.settled_at = decision, actor.agent_id, now(db)
    review.settle_comment = (comment or "").strip() or None
    await db.flush()
    await record_audit(
        db, action="qa.dispute_settled", entity_type="qa_review", entity_id=review.id,
        actor_agent_id=actor.agent_id,
        data={"decision": decision, "score_before": before, "score_after": review.score},
    )  # fmt: skip
    return review_dict(review)


async def do_create_calibration(
    db: AsyncSession,
    actor: Actor,
    *,
    name: str,
    scorecard_id: int | None,
    conversation_ids: Sequence[int],
    reviewer_ids: Sequence[int],
) -> dict[str, Any]:
    from firstline.quality.sampling import reviewers as reviewer_pool

    if not actor.can(Permission.quality_supervise):
        raise Forbidden("Calibrations are run by those with quality.supervise.")
    if scorecard_id is not None:
        card, version = await scorecard_given(db, scorecard_id)
    else:
        found = await default_scorecard(db)
        if found is None:
            raise Conflict("There is no active scorecard; create one first.")
        card, version = found
    conversations = sorted(set(conversation_ids))
    people = sorted(set(reviewer_ids))
    if not conversations or len(conversations) > 50:
        raise InvalidInput("conversation_ids: 1 to 50 conversations.")
    if len(people) < 2:
        raise InvalidInput("reviewer_ids: at least two reviewers, to compare.")
    known = set(await db.scalars(select(Conversation.id).where(Conversation.id.in_(conversations))))
    if missing := sorted(set(conversations) - known):
        raise InvalidInput(f"conversation_ids: conversation {missing[0]} does not exist.")
    pool = set(await reviewer_pool(db))
    if stray := sorted(set(people) - pool):
        raise InvalidInput(f"reviewer_ids: agent {stray[0]} is not a reviewer (quality.review).")
    at = now(db)
    calibration = Calibration(
        name=(name or "").strip()[:120] or f"Calibration {at:%Y-%m-%d}", scorecard_id=card.id,
        scorecard_version_id=version.id, conversation_ids=conversations, reviewer_ids=people,
        created_by=actor.agent_id, created_at=at,
    )  # fmt: skip
    db.add(calibration)
    await db.flush()
    for cid in conversations:
        for reviewer in people:
            await db.execute(
                insert(ReviewAssignment).values(
                    conversation_id=cid, reviewer_id=reviewer, agent_id=None, rule_id=None,
                    reason="calibration", calibration_id=calibration.id, state="pending",
                    created_at=at,
                )
            )  # fmt: skip
    await record_audit(
        db, action="qa.calibration_created", entity_type="qa_calibration",
        entity_id=calibration.id, actor_agent_id=actor.agent_id,
        data={"conversations": conversations, "reviewers": people},
    )  # fmt: skip
    return await calibration_dict(db, actor, calibration)


async def calibration_dict(db: AsyncSession, actor: Actor, c: Calibration) -> dict[str, Any]:
    """The calibration with its scores side by side. Blind until everyone has scored: a
    reviewer sees only their own; a supervisor sees all, and the agreement."""
    version = await db.get(ScorecardVersion, c.scorecard_version_id)
    assert version is not None
    reviews = list(await db.scalars(select(Review).where(Review.calibration_id == c.id)))
    complete = len(reviews) >= len(c.conversation_ids) * len(c.reviewer_ids)
    supervisor = actor.can(Permission.quality_supervise)
    shown = [
        review_dict(r, hide_scores=not (supervisor or complete or r.reviewer_id == actor.agent_id))
        for r in reviews
    ]
    agreement: dict[str, float | None] = {}
    if supervisor or complete:
        per: dict[tuple[str, int], list[Any]] = defaultdict(list)
        for r in reviews:
            for key, value in r.answers.items():
                per[(key, r.conversation_id)].append(value)
        for crit in version.criteria:
            pairs = agree = 0
            for cid in c.conversation_ids:
                values = per.get((crit["key"], cid), [])
                for i in range(len(values)):
                    for j in range(i + 1, len(values)):
                        pairs += 1
                        agree += values[i] == values[j]
            agreement[crit["key"]] = round(agree / pairs, 3) if pairs else None
    return {
        "id": c.id,
        "name": c.name,
        "scorecard_id": c.scorecard_id,
        "scorecard_version_id": c.scorecard_version_id,
        "criteria": version.criteria,
        "conversation_ids": c.conversation_ids,
        "reviewer_ids": c.reviewer_ids,
        "complete": complete,
        "reviews": shown,
        "agreement": agreement if (supervisor or complete) else None,
        "created_at": c.created_at,
    }
